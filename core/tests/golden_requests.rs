//! Golden request tests: every operation built through `Session::request`, checked for its
//! method, full URI, exact header set and exact body bytes.

use std::collections::BTreeSet;

use http::{Method, Request};

#[path = "support/operations.rs"]
#[allow(dead_code, reason = "each test binary uses part of the shared list")]
mod operations;

use operations::{LOGIN_OPERATIONS, OPERATION_COUNT, Values, Visitor, visit_every_operation};
use vrchat_invite_core::auth::{AuthCookie, TwoFactorCookie};
use vrchat_invite_core::error::ImageProblem;
use vrchat_invite_core::inbox::{
    ClearNotifications, GetNotification, HideNotification, ListNotifications, MarkNotificationSeen,
    NotificationsAfter, PageSize,
};
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, Png, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage,
};
use vrchat_invite_core::models::Timestamp;
use vrchat_invite_core::{
    BaseUrl, Endpoint, Error, InputError, Location, NotificationId, Session, Slot, UserAgent,
    UserId,
};

const USER_AGENT: &str = "GoldenTest/1.0 tests@example.com";
const AUTH: &str = "authcookie_0000abcd";
const TWO_FACTOR: &str = "twofactor_0000wxyz";
const COOKIE: &str = "auth=authcookie_0000abcd; twoFactorAuth=twofactor_0000wxyz";
const USER: &str = "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469";
const NOTIFICATION: &str = "not_00000000-0000-0000-0000-000000000000";
const LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(abc)";
const BASE: &str = "https://api.vrchat.cloud/api/1";

/// The smallest byte string the core takes for a PNG: the signature and an `IEND` chunk.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82";

fn session() -> Session {
    Session::new(UserAgent::new(USER_AGENT).expect("user agent"))
        .with_auth_cookie(AuthCookie::new(AUTH).expect("auth"))
        .with_two_factor_cookie(TwoFactorCookie::new(TWO_FACTOR).expect("2fa"))
}

fn user() -> UserId {
    UserId::new(USER).expect("user id")
}

fn notification() -> NotificationId {
    NotificationId::new(NOTIFICATION).expect("notification id")
}

fn location() -> Location {
    LOCATION.parse().expect("location")
}

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

fn png() -> Png {
    Png::new(PNG.to_vec()).expect("png")
}

#[test]
fn the_shared_list_names_every_operation_once() {
    let mut names = operations::Names::default();
    visit_every_operation(&Values::plain(), &mut names);
    assert_eq!(names.0.len(), OPERATION_COUNT);
    let unique: BTreeSet<&str> = names.0.iter().copied().collect();
    assert_eq!(unique.len(), OPERATION_COUNT, "{:?}", names.0);
    for login in LOGIN_OPERATIONS {
        assert!(unique.contains(login), "{login}");
    }
}

/// Every header as (name, value), sorted by name.
fn header_pairs(request: &Request<Vec<u8>>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().expect("header value is ASCII");
            (name.as_str().to_owned(), value.to_owned())
        })
        .collect();
    pairs.sort();
    pairs
}

/// The exact header set every request carries, plus `content-type` when there is a body.
fn expected_headers(cookie: &str, content_type: Option<&str>) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("accept".to_owned(), "application/json".to_owned()),
        ("cookie".to_owned(), cookie.to_owned()),
        ("user-agent".to_owned(), USER_AGENT.to_owned()),
    ];
    if let Some(content_type) = content_type {
        pairs.push(("content-type".to_owned(), content_type.to_owned()));
    }
    pairs.sort();
    pairs
}

fn assert_request(
    request: &Request<Vec<u8>>,
    method: Method,
    uri: &str,
    content_type: Option<&str>,
    body: &[u8],
) {
    assert_eq!(request.method(), method);
    assert_eq!(request.uri().to_string(), uri);
    assert_eq!(
        header_pairs(request),
        expected_headers(COOKIE, content_type)
    );
    assert_eq!(
        request.body().escape_ascii().to_string(),
        body.escape_ascii().to_string()
    );
}

#[test]
fn invite_user() {
    let endpoint = InviteUser::new(user(), location()).with_message_slot(slot(2));
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/invite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
        Some("application/json"),
        br#"{"instanceId":"wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(abc)","messageSlot":2}"#,
    );
}

#[test]
fn invite_user_without_slot_sends_only_the_location() {
    let endpoint = InviteUser::new(user(), location());
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/invite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
        Some("application/json"),
        br#"{"instanceId":"wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(abc)"}"#,
    );
}

#[test]
fn invite_user_instance_id_is_the_full_location() {
    let endpoint = InviteUser::new(user(), location());
    let request = session().request(&endpoint).expect("request");
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("json");
    assert_eq!(body["instanceId"], LOCATION);
    assert!(LOCATION.starts_with("wrld_") && LOCATION.contains(':'));
}

#[test]
fn invite_user_with_photo() {
    let endpoint = InviteUser::new(user(), location())
        .with_message_slot(slot(2))
        .with_photo(png());
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/invite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/photo",
        Some("multipart/form-data; boundary=vrchat-invite-70eca74dc305f257"),
        b"--vrchat-invite-70eca74dc305f257\r\n\
          Content-Disposition: form-data; name=\"data\"\r\n\
          \r\n\
          {\"instanceId\":\"wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(abc)\",\"messageSlot\":2}\r\n\
          --vrchat-invite-70eca74dc305f257\r\n\
          Content-Disposition: form-data; name=\"image\"; filename=\"image.png\"\r\n\
          Content-Type: image/png\r\n\
          \r\n\
          \x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82\r\n\
          --vrchat-invite-70eca74dc305f257--\r\n",
    );
}

#[test]
fn request_invite() {
    let endpoint = RequestInvite::new(user()).with_request_slot(slot(5));
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/requestInvite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
        Some("application/json"),
        br#"{"requestSlot":5}"#,
    );
}

#[test]
fn request_invite_without_slot_sends_an_empty_object_never_null() {
    let request = session()
        .request(&RequestInvite::new(user()))
        .expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/requestInvite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
        Some("application/json"),
        b"{}",
    );
}

#[test]
fn request_invite_with_photo() {
    let endpoint = RequestInvite::new(user())
        .with_request_slot(slot(5))
        .with_photo(png());
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/requestInvite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/photo",
        Some("multipart/form-data; boundary=vrchat-invite-2fe6f1826cb18e80"),
        b"--vrchat-invite-2fe6f1826cb18e80\r\n\
          Content-Disposition: form-data; name=\"data\"\r\n\
          \r\n\
          {\"requestSlot\":5}\r\n\
          --vrchat-invite-2fe6f1826cb18e80\r\n\
          Content-Disposition: form-data; name=\"image\"; filename=\"image.png\"\r\n\
          Content-Type: image/png\r\n\
          \r\n\
          \x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82\r\n\
          --vrchat-invite-2fe6f1826cb18e80--\r\n",
    );
}

#[test]
fn request_invite_with_photo_without_slot_sends_an_empty_object() {
    let endpoint = RequestInvite::new(user()).with_photo(png());
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/requestInvite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/photo",
        Some("multipart/form-data; boundary=vrchat-invite-583e6bc1c554cdd2"),
        b"--vrchat-invite-583e6bc1c554cdd2\r\n\
          Content-Disposition: form-data; name=\"data\"\r\n\
          \r\n\
          {}\r\n\
          --vrchat-invite-583e6bc1c554cdd2\r\n\
          Content-Disposition: form-data; name=\"image\"; filename=\"image.png\"\r\n\
          Content-Type: image/png\r\n\
          \r\n\
          \x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82\r\n\
          --vrchat-invite-583e6bc1c554cdd2--\r\n",
    );
}

#[test]
fn respond_invite() {
    let endpoint = RespondInvite::new(notification(), slot(0));
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/invite/not_00000000-0000-0000-0000-000000000000/response",
        Some("application/json"),
        br#"{"responseSlot":0}"#,
    );
}

#[test]
fn respond_invite_with_photo() {
    let endpoint = RespondInvite::new(notification(), slot(11)).with_photo(png());
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/invite/not_00000000-0000-0000-0000-000000000000/response/photo",
        Some("multipart/form-data; boundary=vrchat-invite-60cacf3eded35b53"),
        b"--vrchat-invite-60cacf3eded35b53\r\n\
          Content-Disposition: form-data; name=\"data\"\r\n\
          \r\n\
          {\"responseSlot\":11}\r\n\
          --vrchat-invite-60cacf3eded35b53\r\n\
          Content-Disposition: form-data; name=\"image\"; filename=\"image.png\"\r\n\
          Content-Type: image/png\r\n\
          \r\n\
          \x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82\r\n\
          --vrchat-invite-60cacf3eded35b53--\r\n",
    );
}

#[test]
fn invite_myself_to() {
    let request = session()
        .request(&InviteMyselfTo::new(location()))
        .expect("request");
    assert_request(
        &request,
        Method::POST,
        "https://api.vrchat.cloud/api/1/invite/myself/to/wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(abc)",
        None,
        b"",
    );
}

#[test]
fn get_invite_messages() {
    let endpoint = GetInviteMessages::new(user(), InviteMessageType::RequestResponse);
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::GET,
        "https://api.vrchat.cloud/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/requestResponse",
        None,
        b"",
    );
}

#[test]
fn get_invite_messages_names_every_collection_by_its_wire_name() {
    for (kind, name) in [
        (InviteMessageType::Message, "message"),
        (InviteMessageType::Response, "response"),
        (InviteMessageType::Request, "request"),
        (InviteMessageType::RequestResponse, "requestResponse"),
    ] {
        let request = session()
            .request(&GetInviteMessages::new(user(), kind))
            .expect("request");
        assert_eq!(
            request.uri().to_string(),
            format!("{BASE}/message/{USER}/{name}")
        );
    }
}

#[test]
fn get_invite_message() {
    let endpoint = GetInviteMessage::new(user(), InviteMessageType::Message, slot(7));
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::GET,
        "https://api.vrchat.cloud/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message/7",
        None,
        b"",
    );
}

#[test]
fn update_invite_message() {
    let text = MessageText::new("Come \"hang\" out \u{2713}").expect("text");
    let endpoint = UpdateInviteMessage::new(user(), InviteMessageType::Response, slot(11), text);
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::PUT,
        "https://api.vrchat.cloud/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/response/11",
        Some("application/json"),
        "{\"message\":\"Come \\\"hang\\\" out \u{2713}\"}".as_bytes(),
    );
}

#[test]
fn reset_invite_message() {
    let endpoint = ResetInviteMessage::new(user(), InviteMessageType::Request, slot(0));
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::DELETE,
        "https://api.vrchat.cloud/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/request/0",
        None,
        b"",
    );
}

#[test]
fn list_notifications_sends_n_and_offset_and_never_the_deprecated_parameters() {
    let request = session()
        .request(&ListNotifications::new())
        .expect("request");
    assert_request(
        &request,
        Method::GET,
        "https://api.vrchat.cloud/api/1/auth/user/notifications?n=60&offset=0",
        None,
        b"",
    );
    let query = request.uri().query().expect("query");
    assert!(
        !query.contains("type=") && !query.contains("sent="),
        "{query}"
    );
}

#[test]
fn list_notifications_with_every_parameter() {
    let after =
        NotificationsAfter::time(&Timestamp::new("2026-01-01T00:00:00.000+0000")).expect("after");
    let endpoint = ListNotifications::new()
        .page_size(PageSize::MAX)
        .offset(200)
        .after(after)
        .hidden(true);
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::GET,
        "https://api.vrchat.cloud/api/1/auth/user/notifications?n=100&offset=200&after=2026-01-01T00%3A00%3A00.000%2B0000&hidden=true",
        None,
        b"",
    );
}

#[test]
fn list_notifications_after_a_keyword() {
    let endpoint = ListNotifications::new()
        .page_size(PageSize::MIN)
        .after(NotificationsAfter::keyword("five_minutes_ago").expect("keyword"))
        .hidden(false);
    let request = session().request(&endpoint).expect("request");
    assert_request(
        &request,
        Method::GET,
        "https://api.vrchat.cloud/api/1/auth/user/notifications?n=1&offset=0&after=five_minutes_ago&hidden=false",
        None,
        b"",
    );
}

#[test]
fn get_notification() {
    let request = session()
        .request(&GetNotification::new(notification()))
        .expect("request");
    assert_request(
        &request,
        Method::GET,
        "https://api.vrchat.cloud/api/1/auth/user/notifications/not_00000000-0000-0000-0000-000000000000",
        None,
        b"",
    );
}

#[test]
fn mark_notification_seen() {
    let request = session()
        .request(&MarkNotificationSeen::new(notification()))
        .expect("request");
    assert_request(
        &request,
        Method::PUT,
        "https://api.vrchat.cloud/api/1/auth/user/notifications/not_00000000-0000-0000-0000-000000000000/see",
        None,
        b"",
    );
}

#[test]
fn hide_notification() {
    let request = session()
        .request(&HideNotification::new(notification()))
        .expect("request");
    assert_request(
        &request,
        Method::PUT,
        "https://api.vrchat.cloud/api/1/auth/user/notifications/not_00000000-0000-0000-0000-000000000000/hide",
        None,
        b"",
    );
}

#[test]
fn clear_notifications() {
    let request = session()
        .request(&ClearNotifications::new())
        .expect("request");
    assert_request(
        &request,
        Method::PUT,
        "https://api.vrchat.cloud/api/1/auth/user/notifications/clear",
        None,
        b"",
    );
}

#[test]
fn a_notification_id_stays_inside_its_segment() {
    let sneaky = NotificationId::new("../clear").expect("id");
    let request = session()
        .request(&HideNotification::new(sneaky))
        .expect("request");
    assert_eq!(
        request.uri().path(),
        "/api/1/auth/user/notifications/..%2Fclear/hide"
    );
}

/// One operation's name and what `Session::request` made of it.
type Built = (&'static str, Result<Request<Vec<u8>>, Error>);

/// Builds the requests of every operation of the shared list.
struct Build<'s> {
    session: &'s Session,
    built: Vec<Built>,
}

impl Visitor for Build<'_> {
    fn visit<E: Endpoint>(&mut self, name: &'static str, endpoint: &E)
    where
        E::Output: std::fmt::Debug,
    {
        self.built.push((name, self.session.request(endpoint)));
    }
}

/// Builds every operation with the given values.
fn build_all(
    session: &Session,
    user: &UserId,
    notification: &NotificationId,
    location: &Location,
) -> Vec<Built> {
    let values = Values {
        user: user.clone(),
        notification: notification.clone(),
        location: location.clone(),
        png: png(),
    };
    // The session's own user is the one named, so the `mine` forms build the same paths.
    let session = session.clone().with_user_id(user.clone());
    let mut build = Build {
        session: &session,
        built: Vec::new(),
    };
    visit_every_operation(&values, &mut build);
    build.built
}

/// Each built request with what `expected` says of its operation, found by name: the table
/// names every operation of the shared list once, in any order.
fn by_name<'t, T>(
    built: Vec<Built>,
    expected: &'t [(&str, T)],
) -> Vec<(&'static str, Request<Vec<u8>>, &'t T)> {
    let table: BTreeSet<&str> = expected.iter().map(|(name, _)| *name).collect();
    assert_eq!(table.len(), expected.len(), "a name is in the table twice");
    let listed: BTreeSet<&str> = built.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        listed, table,
        "the table and the shared list name different operations"
    );
    built
        .into_iter()
        .map(|(name, request)| {
            let request = request.unwrap_or_else(|error| panic!("{name}: {error:?}"));
            let found = expected.iter().find(|(key, _)| *key == name);
            let (_, value) = found.unwrap_or_else(|| panic!("{name}: not in the table"));
            (name, request, value)
        })
        .collect()
}

fn build_all_default(session: &Session) -> Vec<Built> {
    build_all(session, &user(), &notification(), &location())
}

#[test]
fn every_operation_is_built() {
    let built = build_all_default(&session());
    assert_eq!(built.len(), OPERATION_COUNT);
    for (name, request) in built {
        assert!(request.is_ok(), "{name}: {request:?}");
    }
}

#[test]
fn no_api_key_anywhere() {
    for (name, request) in build_all_default(&session()) {
        let request = request.expect("request");
        let uri = request.uri().to_string().to_ascii_lowercase();
        assert!(!uri.contains("apikey"), "{name}: {uri}");
        for (header, value) in request.headers() {
            let value = String::from_utf8_lossy(value.as_bytes()).to_ascii_lowercase();
            assert!(!header.as_str().contains("apikey"), "{name}: {header}");
            assert!(!value.contains("apikey"), "{name}: {header}: {value}");
        }
        let body = String::from_utf8_lossy(request.body()).to_ascii_lowercase();
        assert!(!body.contains("apikey"), "{name}: {body}");
        assert_eq!(request.headers().get_all("cookie").iter().count(), 1);
    }
}

#[test]
fn without_two_factor_only_the_auth_cookie_is_sent() {
    let session = Session::new(UserAgent::new(USER_AGENT).expect("user agent"))
        .with_auth_cookie(AuthCookie::new(AUTH).expect("auth"));
    for (name, request) in build_all_default(&session) {
        let request = request.expect("request");
        assert_eq!(
            request.headers()["cookie"],
            "auth=authcookie_0000abcd",
            "{name}"
        );
    }
}

#[test]
fn every_operation_needs_the_auth_cookie() {
    let anonymous = Session::new(UserAgent::new(USER_AGENT).expect("user agent"));
    let only_two_factor = anonymous
        .clone()
        .with_two_factor_cookie(TwoFactorCookie::new(TWO_FACTOR).expect("2fa"));
    let mut logged_out = session();
    logged_out.set_auth_cookie(None);
    for session in [anonymous, only_two_factor, logged_out] {
        let built = build_all_default(&session);
        assert_eq!(built.len(), OPERATION_COUNT);
        for (name, request) in built {
            if LOGIN_OPERATIONS.contains(&name) {
                continue;
            }
            assert!(
                matches!(request, Err(Error::Input(InputError::NotLoggedIn))),
                "{name}: {request:?}"
            );
        }
    }
}

#[test]
fn another_base_url_prefixes_every_path() {
    let base = BaseUrl::new("http://127.0.0.1:8080/vrc/api/1/").expect("base url");
    let session = session().with_base_url(base);
    let expected = [
        (
            "inviteUser",
            "http://127.0.0.1:8080/vrc/api/1/invite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
        ),
        (
            "inviteUserWithPhoto",
            "http://127.0.0.1:8080/vrc/api/1/invite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/photo",
        ),
        (
            "requestInvite",
            "http://127.0.0.1:8080/vrc/api/1/requestInvite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
        ),
        (
            "requestInviteWithPhoto",
            "http://127.0.0.1:8080/vrc/api/1/requestInvite/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/photo",
        ),
        (
            "respondInvite",
            "http://127.0.0.1:8080/vrc/api/1/invite/not_00000000-0000-0000-0000-000000000000/response",
        ),
        (
            "respondInviteWithPhoto",
            "http://127.0.0.1:8080/vrc/api/1/invite/not_00000000-0000-0000-0000-000000000000/response/photo",
        ),
        (
            "inviteMyselfTo",
            "http://127.0.0.1:8080/vrc/api/1/invite/myself/to/wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(abc)",
        ),
        (
            "getInviteMessages",
            "http://127.0.0.1:8080/vrc/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message",
        ),
        (
            "getInviteMessage",
            "http://127.0.0.1:8080/vrc/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message/3",
        ),
        (
            "updateInviteMessage",
            "http://127.0.0.1:8080/vrc/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message/3",
        ),
        (
            "resetInviteMessage",
            "http://127.0.0.1:8080/vrc/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message/3",
        ),
        (
            "getInviteMessages (mine)",
            "http://127.0.0.1:8080/vrc/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message",
        ),
        (
            "getInviteMessage (mine)",
            "http://127.0.0.1:8080/vrc/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message/3",
        ),
        (
            "updateInviteMessage (mine)",
            "http://127.0.0.1:8080/vrc/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message/3",
        ),
        (
            "resetInviteMessage (mine)",
            "http://127.0.0.1:8080/vrc/api/1/message/usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469/message/3",
        ),
        (
            "getNotifications",
            "http://127.0.0.1:8080/vrc/api/1/auth/user/notifications?n=60&offset=0",
        ),
        (
            "getNotification",
            "http://127.0.0.1:8080/vrc/api/1/auth/user/notifications/not_00000000-0000-0000-0000-000000000000",
        ),
        (
            "markNotificationAsRead",
            "http://127.0.0.1:8080/vrc/api/1/auth/user/notifications/not_00000000-0000-0000-0000-000000000000/see",
        ),
        (
            "deleteNotification",
            "http://127.0.0.1:8080/vrc/api/1/auth/user/notifications/not_00000000-0000-0000-0000-000000000000/hide",
        ),
        (
            "clearNotifications",
            "http://127.0.0.1:8080/vrc/api/1/auth/user/notifications/clear",
        ),
        (
            "getCurrentUser (password)",
            "http://127.0.0.1:8080/vrc/api/1/auth/user",
        ),
        (
            "getCurrentUser (session)",
            "http://127.0.0.1:8080/vrc/api/1/auth/user",
        ),
        (
            "verify2FA",
            "http://127.0.0.1:8080/vrc/api/1/auth/twofactorauth/totp/verify",
        ),
        ("verifyAuthToken", "http://127.0.0.1:8080/vrc/api/1/auth"),
        ("logout", "http://127.0.0.1:8080/vrc/api/1/logout"),
    ];
    for (name, request, uri) in by_name(build_all_default(&session), &expected) {
        assert_eq!(request.uri().to_string(), *uri, "{name}");
        assert_eq!(request.uri().host(), Some("127.0.0.1"), "{name}");
        assert_eq!(request.uri().port_u16(), Some(8080), "{name}");
        assert_eq!(
            request.headers()["user-agent"],
            USER_AGENT,
            "{name}: the session's User-Agent goes to any base URL"
        );
    }
}

#[test]
fn hostile_ids_stay_inside_their_segment() {
    let user = UserId::new("usr_a/../b?c=1#d%2e e\u{e9}\u{2713}").expect("user id");
    let notification = NotificationId::new("../../auth/user").expect("notification id");
    let location = Location::new(
        "wrld_x/..?#%".parse().expect("world id"),
        "1~region(eu)/.. ?#".parse().expect("instance id"),
    );
    let user_segment = "usr_a%2F..%2Fb%3Fc=1%23d%252e%20e%C3%A9%E2%9C%93";
    let expected = [
        ("inviteUser", format!("{BASE}/invite/{user_segment}")),
        (
            "inviteUserWithPhoto",
            format!("{BASE}/invite/{user_segment}/photo"),
        ),
        (
            "requestInvite",
            format!("{BASE}/requestInvite/{user_segment}"),
        ),
        (
            "requestInviteWithPhoto",
            format!("{BASE}/requestInvite/{user_segment}/photo"),
        ),
        (
            "respondInvite",
            format!("{BASE}/invite/..%2F..%2Fauth%2Fuser/response"),
        ),
        (
            "respondInviteWithPhoto",
            format!("{BASE}/invite/..%2F..%2Fauth%2Fuser/response/photo"),
        ),
        (
            "inviteMyselfTo",
            format!("{BASE}/invite/myself/to/wrld_x%2F..%3F%23%25:1~region(eu)%2F..%20%3F%23"),
        ),
        (
            "getInviteMessages",
            format!("{BASE}/message/{user_segment}/message"),
        ),
        (
            "getInviteMessage",
            format!("{BASE}/message/{user_segment}/message/3"),
        ),
        (
            "updateInviteMessage",
            format!("{BASE}/message/{user_segment}/message/3"),
        ),
        (
            "resetInviteMessage",
            format!("{BASE}/message/{user_segment}/message/3"),
        ),
        (
            "getInviteMessages (mine)",
            format!("{BASE}/message/{user_segment}/message"),
        ),
        (
            "getInviteMessage (mine)",
            format!("{BASE}/message/{user_segment}/message/3"),
        ),
        (
            "updateInviteMessage (mine)",
            format!("{BASE}/message/{user_segment}/message/3"),
        ),
        (
            "resetInviteMessage (mine)",
            format!("{BASE}/message/{user_segment}/message/3"),
        ),
        (
            "getNotifications",
            format!("{BASE}/auth/user/notifications?n=60&offset=0"),
        ),
        (
            "getNotification",
            format!("{BASE}/auth/user/notifications/..%2F..%2Fauth%2Fuser"),
        ),
        (
            "markNotificationAsRead",
            format!("{BASE}/auth/user/notifications/..%2F..%2Fauth%2Fuser/see"),
        ),
        (
            "deleteNotification",
            format!("{BASE}/auth/user/notifications/..%2F..%2Fauth%2Fuser/hide"),
        ),
        (
            "clearNotifications",
            format!("{BASE}/auth/user/notifications/clear"),
        ),
        ("getCurrentUser (password)", format!("{BASE}/auth/user")),
        ("getCurrentUser (session)", format!("{BASE}/auth/user")),
        (
            "verify2FA",
            format!("{BASE}/auth/twofactorauth/totp/verify"),
        ),
        ("verifyAuthToken", format!("{BASE}/auth")),
        ("logout", format!("{BASE}/logout")),
    ];
    let built = build_all(&session(), &user, &notification, &location);
    for (name, request, uri) in by_name(built, &expected) {
        assert_eq!(request.uri().to_string(), *uri, "{name}");
        let query = request.uri().query();
        assert!(query.is_none() || query == Some("n=60&offset=0"), "{name}");
        assert_eq!(request.uri().host(), Some("api.vrchat.cloud"), "{name}");
    }
}

#[test]
fn hostile_location_is_sent_unencoded_in_the_invite_body() {
    let location = Location::new(
        "wrld_x/..?#%".parse().expect("world id"),
        "1~region(eu)/.. ?#".parse().expect("instance id"),
    );
    let request = session()
        .request(&InviteUser::new(user(), location))
        .expect("request");
    assert_eq!(
        request.body().as_slice(),
        br#"{"instanceId":"wrld_x/..?#%:1~region(eu)/.. ?#"}"#
    );
}

#[test]
fn dot_segments_and_control_characters_are_refused_as_ids() {
    for bad in [
        "",
        ".",
        "..",
        "usr_\u{0}",
        "usr_\r\nX-Injected: 1",
        "a\u{7f}",
    ] {
        assert!(UserId::new(bad).is_err(), "{bad:?}");
        assert!(NotificationId::new(bad).is_err(), "{bad:?}");
    }
    for good in ["...", ".a", "a..", "a/../b", "%2e%2e"] {
        assert!(UserId::new(good).is_ok(), "{good:?}");
    }
}

fn image_problem(result: Result<Png, InputError>) -> ImageProblem {
    match result {
        Err(InputError::InvalidImage { problem }) => problem,
        other => panic!("expected InvalidImage, got {other:?}"),
    }
}

#[test]
fn photo_refuses_non_png() {
    let gif = b"GIF89a\x01\x00\x01\x00".to_vec();
    let jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF".to_vec();
    let mut late_signature = b"x".to_vec();
    late_signature.extend_from_slice(PNG);
    let truncated = PNG.get(..7).expect("prefix").to_vec();
    for bytes in [gif, jpeg, late_signature, truncated] {
        assert_eq!(image_problem(Png::new(bytes)), ImageProblem::NotPng);
    }
}

#[test]
fn photo_refuses_empty() {
    assert_eq!(image_problem(Png::new(Vec::new())), ImageProblem::Empty);
}

#[test]
fn photo_refuses_oversize_by_default_and_with_a_limit() {
    let limit = 10 * 1024 * 1024;
    let mut bytes = PNG.to_vec();
    bytes.resize(limit, 0);
    assert_eq!(Png::new(bytes.clone()).map(|png| png.len()), Ok(limit));
    bytes.push(0);
    assert_eq!(
        image_problem(Png::new(bytes)),
        ImageProblem::TooLarge {
            size: limit + 1,
            limit
        }
    );
    assert_eq!(
        image_problem(Png::with_limit(PNG.to_vec(), PNG.len() - 1)),
        ImageProblem::TooLarge {
            size: PNG.len(),
            limit: PNG.len() - 1
        }
    );
}

#[test]
fn a_refused_image_stops_before_a_request_exists() {
    // The photo operations take a `Png`, so a refused image never reaches `Session::request`.
    let attempt = Png::new(b"not a png".to_vec())
        .map(|png| InviteUser::new(user(), location()).with_photo(png))
        .map(|endpoint| session().request(&endpoint));
    assert!(matches!(
        attempt,
        Err(InputError::InvalidImage {
            problem: ImageProblem::NotPng
        })
    ));
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let session = session();
    let debug = format!("{session:?} {session}");
    assert!(
        !debug.contains(AUTH) && !debug.contains(TWO_FACTOR),
        "{debug}"
    );
    let request = session
        .request(&GetInviteMessages::new(user(), InviteMessageType::Message))
        .expect("request");
    let debug = format!("{request:?}");
    assert!(
        !debug.contains(AUTH) && !debug.contains(TWO_FACTOR),
        "{debug}"
    );
}
