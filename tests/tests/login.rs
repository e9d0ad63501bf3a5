//! Login, two-factor auth, saving and restoring a session, and logout, over both
//! transports against the simulator.

use std::time::Duration;

use vrchat_invite_core::auth::{Credentials, TwoFactorCode, TwoFactorCookie, TwoFactorMethod};
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::{ApiErrorKind, BaseUrl, Session, UserAgent};
use vrchat_invite_sim::{SimUser, Simulator, UserSpec};

const AGENT: &str = "LoginTest/1.0 tests@example.com";

struct World {
    sim: Simulator,
    alice: SimUser,
    bob: SimUser,
    carol: SimUser,
}

fn world() -> World {
    let sim = Simulator::start().expect("simulator");
    let alice = sim.add_user(
        UserSpec::new("alice", "alice: 100% secret")
            .display_name("Alice")
            .with_totp(),
    );
    let bob = sim.add_user(UserSpec::new("bob", "bob-password").display_name("Bob"));
    let carol = sim.add_user(UserSpec::new("carol@example.com", "carol-pw").with_email_otp());
    sim.make_friends(&alice.id, &bob.id);
    World {
        sim,
        alice,
        bob,
        carol,
    }
}

fn fresh_session(sim: &Simulator) -> Session {
    Session::new(UserAgent::new(AGENT).expect("agent"))
        .with_base_url(BaseUrl::new(sim.base_url()).expect("base"))
}

fn credentials(user: &SimUser) -> Option<Credentials> {
    Some(Credentials::new(user.username.clone(), user.password.clone()).expect("credentials"))
}

fn totp(sim: &Simulator, user: &SimUser) -> Option<(TwoFactorMethod, TwoFactorCode)> {
    let code = sim.totp_code(&user.id)?;
    Some((TwoFactorMethod::Totp, TwoFactorCode::new(code).ok()?))
}

/// Requests after `since` in the log that carried an `Authorization` header.
fn password_logins_since(sim: &Simulator, since: usize) -> usize {
    sim.request_log()
        .iter()
        .skip(since)
        .filter(|request| request.headers.contains_key("authorization"))
        .count()
}

fn invite(w: &World) -> InviteUser {
    InviteUser::new(
        w.bob.id.clone(),
        "wrld_1:1~region(eu)".parse().expect("location"),
    )
}

mod blocking {
    use super::*;
    use vrchat_invite_ureq::{Client, Error};

    fn api_kind(error: &Error) -> Option<ApiErrorKind> {
        error.api().map(|api| api.kind().clone())
    }

    #[test]
    fn full_flow_save_restore_logout() {
        let w = world();
        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let mut asked = Vec::new();
        let user = client
            .login(credentials(&w.alice), |methods| {
                asked.push(methods.to_vec());
                totp(&w.sim, &w.alice)
            })
            .expect("login");
        assert_eq!(user.id, w.alice.id);
        assert_eq!(user.display_name, "Alice");
        assert_eq!(asked, [vec![TwoFactorMethod::Totp, TwoFactorMethod::Otp]]);
        assert_eq!(client.session().user_id(), Some(&w.alice.id));
        assert!(client.session().two_factor_cookie().is_some());
        assert_eq!(w.sim.active_sessions(&w.alice.id), 1);
        client.send(&invite(&w)).expect("invite works");

        // Save, restore in a new client: no new login.
        let saved = serde_json::to_string(&client.session()).expect("save");
        let restored: Session = serde_json::from_str(&saved).expect("restore");
        let second = Client::new(restored).expect("client");
        let log_mark = w.sim.request_log().len();
        let again = second
            .login(credentials(&w.alice), |_| {
                panic!("no code may be asked for a valid session")
            })
            .expect("reuse");
        assert_eq!(again.id, w.alice.id);
        assert_eq!(password_logins_since(&w.sim, log_mark), 0);
        assert_eq!(w.sim.active_sessions(&w.alice.id), 1);
        let messages = second
            .send(&GetInviteMessages::new(
                w.alice.id.clone(),
                InviteMessageType::Message,
            ))
            .expect("restored session works");
        assert_eq!(messages.len(), 12);

        // Logout ends the cookie on the server too.
        second.logout().expect("logout");
        assert!(second.session().auth_cookie().is_none());
        let stale = Client::new(serde_json::from_str(&saved).expect("restore")).expect("client");
        let error = stale
            .send(&GetInviteMessages::new(
                w.alice.id.clone(),
                InviteMessageType::Message,
            ))
            .expect_err("logged out");
        assert_eq!(error.api().map(|api| api.status().as_u16()), Some(401));
        assert_eq!(api_kind(&error), Some(ApiErrorKind::Unauthorized));
    }

    #[test]
    fn wrong_password_and_wrong_code() {
        let w = world();
        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let wrong = Credentials::new("alice", "not the password").ok();
        let error = client
            .login(wrong, |_| panic!("no 2FA after a wrong password"))
            .expect_err("refused");
        assert_eq!(api_kind(&error), Some(ApiErrorKind::InvalidCredentials));

        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let error = client
            .login(credentials(&w.alice), |_| {
                Some((TwoFactorMethod::Totp, TwoFactorCode::new("000000").ok()?))
            })
            .expect_err("wrong code");
        assert_eq!(api_kind(&error), Some(ApiErrorKind::InvalidTwoFactorCode));

        let error = client
            .login(credentials(&w.alice), |_| None)
            .expect_err("cancelled");
        assert!(matches!(error, Error::TwoFactorCancelled));
    }

    #[test]
    fn email_otp_recovery_code_and_remembered_device() {
        let w = world();
        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let user = client
            .login(credentials(&w.carol), |methods| {
                assert_eq!(methods, [TwoFactorMethod::EmailOtp]);
                let code = w.sim.last_email_code(&w.carol.id)?;
                Some((TwoFactorMethod::EmailOtp, TwoFactorCode::new(code).ok()?))
            })
            .expect("email otp");
        assert_eq!(user.id, w.carol.id);

        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let recovery = w
            .sim
            .recovery_codes(&w.alice.id)
            .into_iter()
            .next()
            .expect("a recovery code");
        client
            .login(credentials(&w.alice), |_| {
                Some((
                    TwoFactorMethod::Otp,
                    TwoFactorCode::new(recovery.clone()).ok()?,
                ))
            })
            .expect("recovery code");

        // A remembered device: only the twoFactorAuth cookie is kept, the password logs in
        // without asking for a code.
        let remembered: TwoFactorCookie = client
            .session()
            .two_factor_cookie()
            .cloned()
            .expect("device cookie");
        let session = fresh_session(&w.sim).with_two_factor_cookie(remembered);
        let device = Client::new(session).expect("client");
        device
            .login(credentials(&w.alice), |_| {
                panic!("a remembered device skips 2FA")
            })
            .expect("remembered");
        device.send(&invite(&w)).expect("invite works");
    }

    #[test]
    fn too_many_sessions() {
        let w = world();
        w.sim.set_session_limit(1);
        let first = Client::new(fresh_session(&w.sim)).expect("client");
        first
            .login(credentials(&w.bob), |_| None)
            .expect("first login");
        let second = Client::new(fresh_session(&w.sim)).expect("client");
        let error = second
            .login(credentials(&w.bob), |_| None)
            .expect_err("limit");
        assert_eq!(api_kind(&error), Some(ApiErrorKind::TooManySessions));
    }
}

mod asynchronous {
    use super::*;
    use vrchat_invite_hyper::{Client, Error};

    fn api_kind(error: &Error) -> Option<ApiErrorKind> {
        error.api().map(|api| api.kind().clone())
    }

    async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::time::timeout(Duration::from_secs(30), future)
            .await
            .expect("finished in time")
    }

    #[tokio::test]
    async fn full_flow_save_restore_logout() {
        let w = world();
        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let user = within(client.login(credentials(&w.alice), |methods| {
            assert!(methods.contains(&TwoFactorMethod::Totp));
            let answer = totp(&w.sim, &w.alice);
            async move { answer }
        }))
        .await
        .expect("login");
        assert_eq!(user.id, w.alice.id);
        within(client.send(&invite(&w)))
            .await
            .expect("invite works");

        let saved = serde_json::to_string(&client.session()).expect("save");
        let second = Client::new(serde_json::from_str(&saved).expect("restore")).expect("client");
        let log_mark = w.sim.request_log().len();
        within(second.login(credentials(&w.alice), |_| async {
            panic!("no code for a valid session")
        }))
        .await
        .expect("reuse");
        assert_eq!(password_logins_since(&w.sim, log_mark), 0);
        assert_eq!(w.sim.active_sessions(&w.alice.id), 1);

        within(second.logout()).await.expect("logout");
        assert!(second.session().auth_cookie().is_none());
        let stale = Client::new(serde_json::from_str(&saved).expect("restore")).expect("client");
        let error = within(stale.send(&GetInviteMessages::new(
            w.alice.id.clone(),
            InviteMessageType::Message,
        )))
        .await
        .expect_err("logged out");
        assert_eq!(api_kind(&error), Some(ApiErrorKind::Unauthorized));
    }

    #[tokio::test]
    async fn wrong_password_wrong_code_and_email_otp() {
        let w = world();
        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let error = within(client.login(Credentials::new("bob", "nope").ok(), |_| async { None }))
            .await
            .expect_err("refused");
        assert_eq!(api_kind(&error), Some(ApiErrorKind::InvalidCredentials));

        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let error = within(client.login(credentials(&w.alice), |_| async {
            Some((TwoFactorMethod::Totp, TwoFactorCode::new("000000").ok()?))
        }))
        .await
        .expect_err("wrong code");
        assert_eq!(api_kind(&error), Some(ApiErrorKind::InvalidTwoFactorCode));

        let client = Client::new(fresh_session(&w.sim)).expect("client");
        let user = within(client.login(credentials(&w.carol), |_| {
            let code = w.sim.last_email_code(&w.carol.id);
            async move { Some((TwoFactorMethod::EmailOtp, TwoFactorCode::new(code?).ok()?)) }
        }))
        .await
        .expect("email otp");
        assert_eq!(user.id, w.carol.id);
    }
}
