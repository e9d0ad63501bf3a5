//! The invite message operations built for the session's own user (`mine`), over both
//! transports against the simulator: they reach the logged-in user's slots, and a session
//! without a user ID sends nothing.

use vrchat_invite_core::Slot;
use vrchat_invite_core::auth::Credentials;
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage, fold_punctuation,
};
use vrchat_invite_tests::{Driver, Failure, Hyper, Ureq, World};

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

/// Lists, reads and edits alice's slots as `mine`; the simulator saw her user ID in each
/// path, and the results match the explicit-ID forms.
fn mine_reaches_the_session_user<D: Driver>() {
    let world = World::new();
    let alice_id = world.alice.id.clone();
    let alice: D = D::connect(world.session(&world.alice).with_user_id(alice_id.clone()));
    let kind = InviteMessageType::Request;
    let name = D::NAME;

    let mine = alice
        .send(&GetInviteMessages::mine(kind))
        .expect("list mine");
    let explicit = alice
        .send(&GetInviteMessages::new(alice_id.clone(), kind))
        .expect("list explicit");
    assert_eq!(mine, explicit, "{name}");
    assert_eq!(mine.len(), 12, "{name}");

    let text = MessageText::new("Can I come along?").expect("text");
    let edited = alice
        .send(&UpdateInviteMessage::mine(kind, slot(6), text))
        .expect("update mine");
    let six = edited
        .decoded()
        .find(|message| message.slot == slot(6))
        .expect("slot 6 in the reply");
    assert_eq!(
        fold_punctuation(&six.message),
        "Can I come along?",
        "{name}"
    );
    let read = alice
        .send(&GetInviteMessage::mine(kind, slot(6)))
        .expect("get mine");
    assert_eq!(&read, six, "{name}");

    // The edit started a cooldown, so the reset is refused: by the server, for alice.
    let reset = alice.send(&ResetInviteMessage::mine(kind, slot(6)));
    assert!(
        matches!(reset, Err(Failure::Api { .. })),
        "{name}: {reset:?}"
    );

    let own_path = format!("/api/1/message/{alice_id}/request");
    let log = world.sim.request_log();
    assert_eq!(log.len(), 5, "{name}");
    for request in &log {
        assert!(
            request.path.starts_with(&own_path),
            "{name}: {}",
            request.path
        );
    }
}

/// A session without a user ID refuses `mine` before anything is sent.
fn without_a_user_id_nothing_is_sent<D: Driver>() {
    let world = World::new();
    let alice: D = D::connect(world.session(&world.alice));
    let outcome = alice.send(&GetInviteMessages::mine(InviteMessageType::Message));
    assert!(
        matches!(outcome, Err(Failure::Input)),
        "{}: {outcome:?}",
        D::NAME
    );
    assert_eq!(world.sim.request_count(), 0, "{}", D::NAME);
}

#[test]
fn mine_reaches_the_session_user_on_ureq() {
    mine_reaches_the_session_user::<Ureq>();
}

#[test]
fn mine_reaches_the_session_user_on_hyper() {
    mine_reaches_the_session_user::<Hyper>();
}

#[test]
fn without_a_user_id_nothing_is_sent_on_ureq() {
    without_a_user_id_nothing_is_sent::<Ureq>();
}

#[test]
fn without_a_user_id_nothing_is_sent_on_hyper() {
    without_a_user_id_nothing_is_sent::<Hyper>();
}

fn credentials() -> Credentials {
    Credentials::new("bob", "bob-password").expect("credentials")
}

#[test]
fn after_a_login_mine_needs_nothing_more_on_ureq() {
    let world = World::new();
    let client =
        vrchat_invite_ureq::Client::new(vrchat_invite_tests::session_at(&world.sim.base_url()))
            .expect("client");
    let me = client.login(Some(credentials()), |_| None).expect("login");
    assert_eq!(me.id, world.bob.id);
    let list = client
        .send(&GetInviteMessages::mine(InviteMessageType::Response))
        .expect("list mine");
    assert_eq!(list.len(), 12);
}

#[test]
fn after_a_login_mine_needs_nothing_more_on_hyper() {
    let world = World::new();
    let client =
        vrchat_invite_hyper::Client::new(vrchat_invite_tests::session_at(&world.sim.base_url()))
            .expect("client");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let list = runtime.block_on(async {
        let me = client
            .login(Some(credentials()), |_| async { None })
            .await
            .expect("login");
        assert_eq!(me.id, world.bob.id);
        client
            .send(&GetInviteMessages::mine(InviteMessageType::Response))
            .await
            .expect("list mine")
    });
    assert_eq!(list.len(), 12);
}
