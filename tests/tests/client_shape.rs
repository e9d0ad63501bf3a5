//! Both clients have the same shape: `Clone + Send + Sync`, `&self` for every call (login
//! and logout included), one session shared by every clone, and one error type.

use std::thread;

use vrchat_invite_core::auth::Credentials;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::{BaseUrl, Error, InputError, Session, UserAgent};
use vrchat_invite_sim::{SimUser, Simulator, UserSpec};

fn shared<T: Clone + Send + Sync + 'static>(value: &T) -> T {
    value.clone()
}

fn world() -> (Simulator, SimUser) {
    let sim = Simulator::start().expect("simulator");
    let bob = sim.add_user(UserSpec::new("bob", "bob-password").display_name("Bob"));
    (sim, bob)
}

fn session(sim: &Simulator) -> Session {
    Session::new(UserAgent::new("ShapeTest/1.0 tests@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(sim.base_url()).expect("base"))
}

fn credentials(user: &SimUser) -> Option<Credentials> {
    Some(Credentials::new(user.username.clone(), user.password.clone()).expect("credentials"))
}

/// The same type, so one `match` serves both transports.
fn kind(error: &Error) -> &'static str {
    match error {
        Error::Input(InputError::NotLoggedIn) => "not logged in",
        Error::Api(_) => "api",
        Error::Connect { .. } => "connect",
        _ => "other",
    }
}

#[test]
fn a_ureq_clone_logs_in_on_another_thread_for_every_clone() {
    let (sim, bob) = world();
    let client = vrchat_invite_ureq::Client::new(session(&sim)).expect("client");
    let clone = shared(&client);
    let user = thread::spawn(move || clone.login(credentials(&bob), |_| None))
        .join()
        .expect("thread")
        .expect("logged in");
    assert_eq!(client.session().user_id(), Some(&user.id));
    let list = GetInviteMessages::mine(InviteMessageType::Message);
    assert_eq!(client.send(&list).expect("list").len(), 12);

    let other = shared(&client);
    thread::spawn(move || other.logout())
        .join()
        .expect("thread")
        .expect("logged out");
    assert!(client.session().auth_cookie().is_none());
    let error: vrchat_invite_ureq::Error = client.send(&list).expect_err("logged out");
    assert_eq!(kind(&error), "not logged in");
}

#[test]
fn a_hyper_clone_logs_in_on_another_task_for_every_clone() {
    let (sim, bob) = world();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let client = vrchat_invite_hyper::Client::new(session(&sim)).expect("client");
        let clone = shared(&client);
        let user =
            tokio::spawn(async move { clone.login(credentials(&bob), |_| async { None }).await })
                .await
                .expect("task")
                .expect("logged in");
        assert_eq!(client.session().user_id(), Some(&user.id));
        let list = GetInviteMessages::mine(InviteMessageType::Message);
        assert_eq!(client.send(&list).await.expect("list").len(), 12);

        let other = shared(&client);
        tokio::spawn(async move { other.logout().await })
            .await
            .expect("task")
            .expect("logged out");
        assert!(client.session().auth_cookie().is_none());
        let error: vrchat_invite_hyper::Error = client.send(&list).await.expect_err("logged out");
        assert_eq!(kind(&error), "not logged in");
    });
}
