//! The invite message operations built for the session's own user (`mine`): the same bytes
//! as naming the user, and a clear refusal when the session does not know its user.

use http::Request;
use proptest::prelude::*;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage,
};
use vrchat_invite_core::{Endpoint, Error, InputError, Session, Slot, UserAgent, UserId};

fn session() -> Session {
    Session::new(UserAgent::new("OwnUser/1.0 tests@example.com").expect("user agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_own").expect("auth"))
}

fn user() -> UserId {
    UserId::new("usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469").expect("user")
}

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

fn text() -> MessageText {
    MessageText::new("Join me!").expect("text")
}

/// Method, URI, headers (in order) and body, for byte-for-byte comparison.
type Wire = (String, String, Vec<(String, Vec<u8>)>, Vec<u8>);

/// What one operation gives under a session: its request built as `mine`, its request
/// built with the explicit user ID, and `mine` under the session without its user ID.
type Built = (
    Request<Vec<u8>>,
    Request<Vec<u8>>,
    Result<Request<Vec<u8>>, Error>,
);

fn wire(request: &Request<Vec<u8>>) -> Wire {
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
        .collect();
    (
        request.method().to_string(),
        request.uri().to_string(),
        headers,
        request.body().clone(),
    )
}

fn both<E: Endpoint>(session: &Session, mine: &E, explicit: &E) -> Built {
    let mine_request = session.request(mine).expect("mine builds");
    let explicit_request = session.request(explicit).expect("explicit builds");
    let mut anonymous = session.clone();
    anonymous.set_user_id(None);
    (mine_request, explicit_request, anonymous.request(mine))
}

fn assert_same_wire<E: Endpoint>(mine: &E, explicit: &E, uri: &str) {
    let session = session().with_user_id(user());
    let (mine_request, explicit_request, without_user) = both(&session, mine, explicit);
    assert_eq!(wire(&mine_request), wire(&explicit_request));
    assert_eq!(mine_request.uri(), uri);
    assert!(
        matches!(without_user, Err(Error::Input(InputError::MissingUserId))),
        "{without_user:?}"
    );
}

#[test]
fn list_mine_is_the_explicit_list() {
    let kind = InviteMessageType::RequestResponse;
    assert_same_wire(
        &GetInviteMessages::mine(kind),
        &GetInviteMessages::new(user(), kind),
        "https://api.vrchat.cloud/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/requestResponse",
    );
}

#[test]
fn get_mine_is_the_explicit_get() {
    let kind = InviteMessageType::Message;
    assert_same_wire(
        &GetInviteMessage::mine(kind, slot(3)),
        &GetInviteMessage::new(user(), kind, slot(3)),
        "https://api.vrchat.cloud/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message/3",
    );
}

#[test]
fn update_mine_is_the_explicit_update() {
    let kind = InviteMessageType::Response;
    let mine = UpdateInviteMessage::mine(kind, slot(11), text());
    let explicit = UpdateInviteMessage::new(user(), kind, slot(11), text());
    assert_same_wire(
        &mine,
        &explicit,
        "https://api.vrchat.cloud/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/response/11",
    );
    let request = session()
        .with_user_id(user())
        .request(&mine)
        .expect("builds");
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(request.body(), br#"{"message":"Join me!"}"#);
    // Politeness sees the same edit either way.
    assert_eq!(mine.action(), explicit.action());
    assert!(mine.has_effect());
}

#[test]
fn reset_mine_is_the_explicit_reset() {
    let kind = InviteMessageType::Request;
    let mine = ResetInviteMessage::mine(kind, slot(0));
    let explicit = ResetInviteMessage::new(user(), kind, slot(0));
    assert_same_wire(
        &mine,
        &explicit,
        "https://api.vrchat.cloud/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/request/0",
    );
    assert_eq!(mine.action(), explicit.action());
    assert!(mine.has_effect());
}

#[test]
fn without_a_user_id_the_error_says_how_to_fix_it() {
    let error = session()
        .request(&GetInviteMessages::mine(InviteMessageType::Message))
        .expect_err("no user ID");
    let Error::Input(input) = &error else {
        panic!("not an input error: {error:?}");
    };
    assert_eq!(input, &InputError::MissingUserId);
    let message = error.to_string();
    assert!(message.contains("user ID"), "{message}");
    assert!(message.contains("log in"), "{message}");
}

#[test]
fn not_logged_in_comes_before_the_missing_user() {
    let session = Session::new(UserAgent::new("OwnUser/1.0 tests@example.com").expect("agent"));
    let error = session
        .request(&ResetInviteMessage::mine(
            InviteMessageType::Message,
            slot(1),
        ))
        .expect_err("not logged in");
    assert!(
        matches!(error, Error::Input(InputError::NotLoggedIn)),
        "{error:?}"
    );
}

#[test]
fn accessors_tell_mine_from_explicit() {
    let kind = InviteMessageType::Message;
    assert_eq!(GetInviteMessages::mine(kind).user_id(), None);
    assert_eq!(
        GetInviteMessages::new(user(), kind).user_id(),
        Some(&user())
    );
    assert_eq!(
        GetInviteMessage::mine(kind, slot(2)).target().user_id(),
        None
    );
    assert_eq!(
        ResetInviteMessage::mine(kind, slot(2)).target().user_id(),
        None
    );
    assert_eq!(
        UpdateInviteMessage::mine(kind, slot(2), text())
            .target()
            .user_id(),
        None
    );
    assert_ne!(
        GetInviteMessages::mine(kind),
        GetInviteMessages::new(user(), kind)
    );
}

#[test]
fn the_path_alone_shows_the_placeholder() {
    let kind = InviteMessageType::Message;
    assert_eq!(
        GetInviteMessages::mine(kind).path(),
        "/message/{userId}/message"
    );
    assert_eq!(
        ResetInviteMessage::mine(kind, slot(4)).path(),
        "/message/{userId}/message/4"
    );
    // An operation that names every value gives its path whatever the session.
    let explicit = GetInviteMessage::new(user(), kind, slot(4));
    assert_eq!(explicit.path_for(&session()), Ok(explicit.path()));
}

fn user_id() -> impl Strategy<Value = UserId> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9_~().:@!$&'*+,;=/?#%{}|^` -]{1,24}",
        "usr_[0-9a-f]{8}-[0-9a-f]{4}",
    ]
    .prop_filter_map("valid user ID", |text| UserId::new(text).ok())
}

fn kind() -> impl Strategy<Value = InviteMessageType> {
    prop_oneof![
        Just(InviteMessageType::Message),
        Just(InviteMessageType::Response),
        Just(InviteMessageType::Request),
        Just(InviteMessageType::RequestResponse),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the user ID (including characters that must be percent-encoded), the
    /// message type and the slot, `mine` sends exactly what naming the user sends.
    #[test]
    fn mine_sends_the_explicit_bytes(id in user_id(), kind in kind(), n in 0u8..=11) {
        let session = session().with_user_id(id.clone());
        let slot = slot(n);
        let cases = [
            both(&session, &GetInviteMessages::mine(kind), &GetInviteMessages::new(id.clone(), kind)),
            both(
                &session,
                &GetInviteMessage::mine(kind, slot),
                &GetInviteMessage::new(id.clone(), kind, slot),
            ),
            both(
                &session,
                &UpdateInviteMessage::mine(kind, slot, text()),
                &UpdateInviteMessage::new(id.clone(), kind, slot, text()),
            ),
            both(
                &session,
                &ResetInviteMessage::mine(kind, slot),
                &ResetInviteMessage::new(id.clone(), kind, slot),
            ),
        ];
        for (mine, explicit, without_user) in cases {
            prop_assert_eq!(wire(&mine), wire(&explicit));
            prop_assert!(matches!(without_user, Err(Error::Input(InputError::MissingUserId))));
        }
    }
}
