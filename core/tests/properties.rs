//! Property tests: ID encoding into path segments, slot bounds, model round trips, and
//! "parsing never panics, whatever the status, headers and bytes".

use std::fmt::Debug;

use http::{HeaderName, HeaderValue, Request, Response, StatusCode};

#[path = "support/operations.rs"]
#[allow(dead_code, reason = "each test binary uses part of the shared list")]
mod operations;

use operations::{OPERATION_COUNT, Values, Visitor, visit_every_operation};
use percent_encoding::percent_decode_str;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use serde_json::{Value, json};
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, Png, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage,
};
use vrchat_invite_core::models::{
    InviteDetails, InviteMessage, InviteResponseDetails, ItemList, Notification,
    NotificationDetails, NotificationType, RequestInviteDetails, RequestInviteResponseDetails,
    SentNotification, Timestamp,
};
use vrchat_invite_core::transport::encode_path_segment;
use vrchat_invite_core::{
    ApiError, ApiErrorKind, Endpoint, Error, InputError, InstanceId, InviteMessageId, Location,
    NotificationId, Session, Slot, UserAgent, UserId, WorldId,
};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82";

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn session() -> Session {
    Session::new(UserAgent::new("PropTest/1.0 tests@example.com").expect("user agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_prop").expect("auth"))
}

fn png() -> Png {
    Png::new(PNG.to_vec()).expect("png")
}

// --- Strategies ----------------------------------------------------------------------------

/// Text for IDs: anything printable, plus the characters that could change a path.
fn id_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9_~().:@!$&'*+,;=/?#%\\[\\]{}|^`\"<>\\\\ -]{1,24}",
        "(\\.|\\.\\.|%2[eE]|%|/|\\?|#| |é|✓|😀|:){1,8}",
        "usr_[0-9a-f]{8}-[0-9a-f]{4}",
    ]
}

fn user_id() -> impl Strategy<Value = UserId> {
    id_text().prop_filter_map("valid user ID", |text| UserId::new(text).ok())
}

fn notification_id() -> impl Strategy<Value = NotificationId> {
    id_text().prop_filter_map("valid notification ID", |text| {
        NotificationId::new(text).ok()
    })
}

fn world_id() -> impl Strategy<Value = WorldId> {
    id_text().prop_filter_map("valid world ID", |text| WorldId::new(text).ok())
}

fn instance_id() -> impl Strategy<Value = InstanceId> {
    id_text().prop_filter_map("valid instance ID", |text| InstanceId::new(text).ok())
}

fn invite_message_id() -> impl Strategy<Value = InviteMessageId> {
    prop_oneof![Just("default".to_owned()), id_text()]
        .prop_filter_map("valid message ID", |text| InviteMessageId::new(text).ok())
}

fn location() -> impl Strategy<Value = Location> {
    (world_id(), instance_id()).prop_map(|(world, instance)| Location::new(world, instance))
}

fn slot() -> impl Strategy<Value = Slot> {
    (0u8..=11).prop_map(|n| Slot::new(n).expect("slot in range"))
}

fn message_type() -> impl Strategy<Value = InviteMessageType> {
    prop::sample::select(InviteMessageType::ALL.to_vec())
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        any::<String>(),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{3})?(Z|\\+0000)",
    ]
    .prop_map(Timestamp::new)
}

// --- Path encoding -------------------------------------------------------------------------

/// The URI of `request`, re-parsed from its text, split into segments below `/api/1/`.
fn segments(request: &Request<Vec<u8>>) -> Vec<String> {
    let text = request.uri().to_string();
    let uri: http::Uri = text.parse().expect("the URI text parses again");
    assert_eq!(uri.query(), None, "{text}");
    assert_eq!(uri.host(), Some("api.vrchat.cloud"), "{text}");
    let path = uri
        .path()
        .strip_prefix("/api/1/")
        .expect("the base path stays");
    let segments: Vec<String> = path.split('/').map(str::to_owned).collect();
    for segment in &segments {
        assert!(
            segment != "." && segment != ".." && !segment.is_empty(),
            "{text}"
        );
    }
    segments
}

fn decode(segment: &str) -> String {
    percent_decode_str(segment)
        .decode_utf8()
        .expect("UTF-8")
        .into_owned()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn encoded_segment_decodes_back_and_holds_no_separator(id in user_id()) {
        let encoded = encode_path_segment(id.as_str());
        prop_assert_eq!(decode(&encoded), id.as_str());
        prop_assert!(!encoded.contains(['/', '?', '#', ' ']));
        prop_assert!(encoded.is_ascii());
        prop_assert!(encoded != "." && encoded != "..");
    }

    #[test]
    fn user_ids_stay_one_segment(
        id in user_id(),
        target in location(),
        kind in message_type(),
        slot in slot(),
    ) {
        let session = session();
        let text = MessageText::new("Hi").expect("text");
        let cases: Vec<(Request<Vec<u8>>, Vec<&str>)> = vec![
            (session.request(&InviteUser::new(id.clone(), target.clone())).expect("build"),
             vec!["invite", "{}"]),
            (session.request(&InviteUser::new(id.clone(), target).with_photo(png())).expect("build"),
             vec!["invite", "{}", "photo"]),
            (session.request(&RequestInvite::new(id.clone())).expect("build"),
             vec!["requestInvite", "{}"]),
            (session.request(&RequestInvite::new(id.clone()).with_photo(png())).expect("build"),
             vec!["requestInvite", "{}", "photo"]),
            (session.request(&GetInviteMessages::new(id.clone(), kind)).expect("build"),
             vec!["message", "{}", kind.as_str()]),
            (session.request(&GetInviteMessage::new(id.clone(), kind, slot)).expect("build"),
             vec!["message", "{}", kind.as_str(), "{slot}"]),
            (session.request(&UpdateInviteMessage::new(id.clone(), kind, slot, text)).expect("build"),
             vec!["message", "{}", kind.as_str(), "{slot}"]),
            (session.request(&ResetInviteMessage::new(id.clone(), kind, slot)).expect("build"),
             vec!["message", "{}", kind.as_str(), "{slot}"]),
        ];
        let slot_text = slot.to_string();
        for (request, expected) in cases {
            let segments = segments(&request);
            prop_assert_eq!(segments.len(), expected.len(), "{}", request.uri());
            for (segment, expected) in segments.iter().zip(expected) {
                match expected {
                    "{}" => prop_assert_eq!(decode(segment), id.as_str()),
                    "{slot}" => prop_assert_eq!(segment, &slot_text),
                    literal => prop_assert_eq!(segment, literal),
                }
            }
        }
    }

    #[test]
    fn notification_ids_stay_one_segment(id in notification_id(), slot in slot()) {
        let session = session();
        let plain = session.request(&RespondInvite::new(id.clone(), slot)).expect("build");
        let photo = session
            .request(&RespondInvite::new(id.clone(), slot).with_photo(png()))
            .expect("build");
        let plain = segments(&plain);
        prop_assert_eq!(plain.len(), 3);
        prop_assert_eq!(&plain[0], "invite");
        prop_assert_eq!(decode(&plain[1]), id.as_str());
        prop_assert_eq!(&plain[2], "response");
        let photo = segments(&photo);
        prop_assert_eq!(photo.len(), 4);
        prop_assert_eq!(decode(&photo[1]), id.as_str());
        prop_assert_eq!(&photo[3], "photo");
    }

    #[test]
    fn a_location_stays_one_segment(target in location()) {
        let request = session().request(&InviteMyselfTo::new(target.clone())).expect("build");
        let segments = segments(&request);
        prop_assert_eq!(segments.len(), 4);
        prop_assert_eq!(&segments[..3], &["invite", "myself", "to"]);
        // The world never holds `:`, so the first `:` of the segment separates the two IDs.
        let (world, instance) = segments[3].split_once(':').expect("world:instance");
        prop_assert_eq!(decode(world), target.world().as_str());
        prop_assert_eq!(decode(instance), target.instance().as_str());
    }

    #[test]
    fn the_invite_body_carries_the_location_verbatim(id in user_id(), target in location()) {
        let request = session().request(&InviteUser::new(id, target.clone())).expect("build");
        let body: Value = serde_json::from_slice(request.body()).expect("JSON body");
        prop_assert_eq!(body, json!({"instanceId": target.to_string()}));
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn ids_refuse_exactly_empty_dot_segments_and_control_characters(
        chars in vec(any::<char>(), 0..12),
    ) {
        let text: String = chars.into_iter().collect();
        let never_valid = text.is_empty()
            || text == "."
            || text == ".."
            || text.chars().any(char::is_control);
        prop_assert_eq!(UserId::new(text.clone()).is_err(), never_valid);
        prop_assert_eq!(NotificationId::new(text.clone()).is_err(), never_valid);
        prop_assert_eq!(WorldId::new(text.clone()).is_err(), never_valid || text.contains(':'));
    }
}

// --- Slots ---------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn slot_accepts_exactly_0_to_11(value in prop_oneof![any::<i64>(), -3i64..15]) {
        match Slot::try_from(value) {
            Ok(slot) => {
                prop_assert!((0..=11).contains(&value));
                prop_assert_eq!(i64::from(slot.get()), value);
            }
            Err(error) => {
                prop_assert!(!(0..=11).contains(&value));
                prop_assert_eq!(error, InputError::SlotOutOfRange { value });
            }
        }
    }

    #[test]
    fn slot_from_u8_and_text_agree(value in any::<u8>()) {
        prop_assert_eq!(Slot::new(value).is_ok(), value <= 11);
        prop_assert_eq!(value.to_string().parse::<Slot>().ok(), Slot::new(value).ok());
    }
}

// --- Model round trips ---------------------------------------------------------------------

fn invite_message() -> impl Strategy<Value = InviteMessage> {
    (
        any::<bool>(),
        invite_message_id(),
        any::<String>(),
        message_type(),
        any::<u32>(),
        slot(),
        timestamp(),
    )
        .prop_map(
            |(can_be_updated, id, message, message_type, cooldown, slot, updated_at)| {
                // Fields set one by one: any combination, consistent or not, round-trips.
                let mut built = InviteMessage::new(id, message_type, slot, message);
                built.can_be_updated = can_be_updated;
                built.remaining_cooldown_minutes = cooldown;
                built.updated_at = updated_at;
                built
            },
        )
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(any::<String>())
}

/// A notification type and details that belong together, as the server would send them.
fn kind_and_details() -> impl Strategy<Value = (NotificationType, NotificationDetails)> {
    let invite = (
        any::<String>(),
        any::<String>(),
        optional_text(),
        optional_text(),
    )
        .prop_map(|(world_id, world_name, invite_message, image_url)| {
            (
                NotificationType::Invite,
                NotificationDetails::Invite({
                    let mut details = InviteDetails::new(world_id, world_name);
                    details.invite_message = invite_message;
                    details.image_url = image_url;
                    details
                }),
            )
        });
    let invite_response = (notification_id(), any::<String>(), optional_text()).prop_map(
        |(in_response_to, response_message, image_url)| {
            (
                NotificationType::InviteResponse,
                NotificationDetails::InviteResponse({
                    let mut details = InviteResponseDetails::new(in_response_to, response_message);
                    details.image_url = image_url;
                    details
                }),
            )
        },
    );
    let request_invite = (optional_text(), optional_text(), optional_text()).prop_map(
        |(platform, request_message, image_url)| {
            (
                NotificationType::RequestInvite,
                NotificationDetails::RequestInvite({
                    let mut details = RequestInviteDetails::new();
                    details.platform = platform;
                    details.request_message = request_message;
                    details.image_url = image_url;
                    details
                }),
            )
        },
    );
    let request_invite_response = (notification_id(), optional_text(), optional_text()).prop_map(
        |(in_response_to, request_message, image_url)| {
            (
                NotificationType::RequestInviteResponse,
                NotificationDetails::RequestInviteResponse({
                    let mut details = RequestInviteResponseDetails::new(in_response_to);
                    details.request_message = request_message;
                    details.image_url = image_url;
                    details
                }),
            )
        },
    );
    // Details that lack the required fields of their type stay raw.
    let untyped_invite_family = prop::sample::select(vec![
        NotificationType::Invite,
        NotificationType::InviteResponse,
        NotificationType::RequestInviteResponse,
    ])
    .prop_map(|kind| (kind, NotificationDetails::Other(json!({}))));
    let other_kind = prop_oneof![
        Just(NotificationType::Boop),
        Just(NotificationType::FriendRequest),
        Just(NotificationType::Message),
        Just(NotificationType::VoteToKick),
        any::<String>().prop_filter_map("unknown type name", |name| {
            match NotificationType::from_wire(&name) {
                unknown @ NotificationType::Other(_) => Some(unknown),
                _ => None,
            }
        }),
    ];
    let other_details = prop_oneof![
        btree_map(any::<String>(), any::<String>(), 0..4).prop_map(|map| {
            Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect(),
            )
        }),
        any::<String>()
            .prop_filter("not JSON text", |text| {
                serde_json::from_str::<Value>(text).is_err()
            })
            .prop_map(Value::String),
        Just(json!({"nested": {"list": [1, true, null, "x"]}, "n": -5})),
    ];
    let other = (other_kind, other_details)
        .prop_map(|(kind, details)| (kind, NotificationDetails::Other(details)));
    prop_oneof![
        invite,
        invite_response,
        request_invite,
        request_invite_response,
        untyped_invite_family,
        other,
    ]
}

fn notification() -> impl Strategy<Value = Notification> {
    (
        notification_id(),
        kind_and_details(),
        timestamp(),
        any::<String>(),
        any::<bool>(),
        user_id(),
        optional_text(),
        prop::option::of(user_id()),
    )
        .prop_map(
            |(id, (kind, details), created_at, message, seen, sender, username, receiver)| {
                let mut built = Notification::new(id, kind, sender)
                    .with_details(details)
                    .with_message(message)
                    .with_created_at(created_at)
                    .with_seen(seen);
                built.sender_username = username;
                built.receiver_user_id = receiver;
                built
            },
        )
}

fn sent_notification() -> impl Strategy<Value = SentNotification> {
    (
        notification_id(),
        kind_and_details(),
        timestamp(),
        any::<String>(),
        user_id(),
        user_id(),
        optional_text(),
    )
        .prop_map(
            |(id, (kind, details), created_at, message, receiver, sender, username)| {
                let mut built = SentNotification::new(id, kind, sender, receiver)
                    .with_details(details)
                    .with_message(message)
                    .with_created_at(created_at);
                built.sender_username = username;
                built
            },
        )
}

fn ok(body: Vec<u8>) -> Response<Vec<u8>> {
    Response::builder()
        .status(200)
        .body(body)
        .expect("response")
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn invite_message_round_trips(message in invite_message()) {
        let json = serde_json::to_vec(&message).expect("serialize");
        let back: InviteMessage = serde_json::from_slice(&json).expect("deserialize");
        prop_assert_eq!(&back, &message);
        let list = serde_json::to_vec(&vec![message.clone()]).expect("serialize");
        let parsed = GetInviteMessages::new(UserId::new("usr_a").expect("id"), message.message_type)
            .parse(&ok(list))
            .expect("parse");
        prop_assert_eq!(parsed, ItemList::from(vec![message]));
    }

    #[test]
    fn notification_round_trips(notification in notification()) {
        let json = serde_json::to_vec(&notification).expect("serialize");
        let back: Notification = serde_json::from_slice(&json).expect("deserialize");
        prop_assert_eq!(&back, &notification);
        let parsed = RequestInvite::new(UserId::new("usr_a").expect("id"))
            .parse(&ok(json))
            .expect("parse");
        prop_assert_eq!(parsed, notification);
    }

    #[test]
    fn notification_with_details_as_a_string_reads_the_same(notification in notification()) {
        // The REST API JSON-encodes `details` into a string; that must decode the same.
        let mut value = serde_json::to_value(&notification).expect("serialize");
        let details = value["details"].to_string();
        value["details"] = Value::String(details);
        let back: Notification = serde_json::from_value(value).expect("deserialize");
        prop_assert_eq!(back, notification);
    }

    #[test]
    fn sent_notification_round_trips(sent in sent_notification()) {
        let json = serde_json::to_vec(&sent).expect("serialize");
        let back: SentNotification = serde_json::from_slice(&json).expect("deserialize");
        prop_assert_eq!(&back, &sent);
        let parsed = InviteUser::new(
            UserId::new("usr_a").expect("id"),
            "wrld_a:1".parse().expect("location"),
        )
        .parse(&ok(json))
        .expect("parse");
        prop_assert_eq!(parsed, sent);
    }
}

// --- Parsing never panics ------------------------------------------------------------------

/// Parses `response` with `endpoint` and checks the status rules: 2xx decodes or is a
/// decode error, anything else is an API error carrying the HTTP status and the raw body,
/// except a 401 "unauthorized" to an operation that ends the session, which is done.
fn check_parse<E>(endpoint: &E, response: &Response<Vec<u8>>) -> Result<(), TestCaseError>
where
    E: Endpoint,
    E::Output: Debug,
{
    let result = endpoint.parse(response);
    let status = response.status();
    let kind = ApiError::from_parts(status, response.headers(), response.body())
        .kind()
        .clone();
    let ended =
        !status.is_success() && endpoint.ends_session() && kind == ApiErrorKind::Unauthorized;
    match result {
        Ok(_) => prop_assert!(status.is_success() || ended, "{status} {kind:?}"),
        Err(Error::Decode(error)) => {
            prop_assert!(status.is_success(), "{status}");
            prop_assert_eq!(error.status(), status);
            prop_assert!(error.snippet().len() <= 256);
            prop_assert!(!error.to_string().is_empty());
        }
        Err(Error::Api(error)) => {
            prop_assert!(!status.is_success() && !ended, "{status} {kind:?}");
            prop_assert_eq!(error.status(), status);
            prop_assert_eq!(error.raw_body(), response.body().as_slice());
            prop_assert!(!error.to_string().is_empty());
        }
        Err(other) => {
            return Err(TestCaseError::fail(format!("unexpected error {other:?}")));
        }
    }
    Ok(())
}

/// Runs `check_parse` for every operation of the shared list, the login ones included.
fn check_every_endpoint(response: &Response<Vec<u8>>) -> Result<(), TestCaseError> {
    struct Check<'r> {
        response: &'r Response<Vec<u8>>,
        result: Result<(), TestCaseError>,
        checked: usize,
    }
    impl Visitor for Check<'_> {
        fn visit<E: Endpoint>(&mut self, name: &'static str, endpoint: &E)
        where
            E::Output: Debug,
        {
            self.checked += 1;
            if self.result.is_ok() {
                self.result = check_parse(endpoint, self.response)
                    .map_err(|error| TestCaseError::fail(format!("{name}: {error}")));
            }
        }
    }
    let mut check = Check {
        response,
        result: Ok(()),
        checked: 0,
    };
    visit_every_operation(&Values::plain(), &mut check);
    prop_assert_eq!(check.checked, OPERATION_COUNT);
    check.result
}

fn status() -> impl Strategy<Value = StatusCode> {
    prop_oneof![
        2 => prop::sample::select(vec![200u16, 201, 204, 400, 401, 403, 404, 429, 500, 502]),
        1 => 100u16..=999,
    ]
    .prop_map(|code| StatusCode::from_u16(code).expect("100..=999 is a status"))
}

fn headers() -> impl Strategy<Value = Vec<(HeaderName, HeaderValue)>> {
    let name = prop_oneof![
        Just("x-vrc-request-id".to_owned()),
        Just("content-type".to_owned()),
        Just("set-cookie".to_owned()),
        Just("retry-after".to_owned()),
        "[a-z][a-z0-9-]{0,15}",
    ]
    .prop_map(|name| HeaderName::from_bytes(name.as_bytes()).expect("token"));
    let value = vec(any::<u8>(), 0..40)
        .prop_filter_map("header value", |bytes| HeaderValue::from_bytes(&bytes).ok());
    vec((name, value), 0..6)
}

fn response(
    status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Vec<u8>,
) -> Response<Vec<u8>> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    for (name, value) in headers {
        response.headers_mut().append(name, value);
    }
    response
}

/// Strings that mean something to the decoders, and anything else.
fn interesting_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "invite", "inviteResponse", "requestInvite", "requestInviteResponse", "boop",
            "friendRequest", "message", "response", "request", "requestResponse", "totp", "otp",
            "emailOtp", "usr_a", "not_a", "default", "invm_1", ".", "..", "", "wrld_a:1~region(eu)",
            "2021-01-01T00:00:00.000Z", "2019-08-24T14:15:22+0000", "9999-99-99T99:99:99Z",
            "Please wait 5 more minutes until you try again\u{2024}",
            "Please wait 99999999999999999999 more minutes", "\"quoted\"", "\"", "slot",
            "You need to be friends with that user first.", "already responded", "own invite",
            "user agent", "<title>502</title>", r#"{"worldId":"wrld_1:1","worldName":"W"}"#,
            r#"{"inResponseTo":"not_1","responseMessage":"x"}"#, r#"{"requestMessage":1}"#,
            "{", "[]", "null", "{}", "\u{0}",
        ]).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "id", "type", "created_at", "details", "message", "seen", "senderUserId",
            "receiverUserId", "senderUsername", "canBeUpdated", "messageType",
            "remainingCooldownMinutes", "slot", "updatedAt", "error", "status_code", "waf_code",
            "worldId", "worldName", "inviteMessage", "imageUrl", "inResponseTo",
            "responseMessage", "requestMessage", "platform", "requiresTwoFactorAuth",
            "verified", "ok", "displayName", "username",
        ]).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..20).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|x| json!(x)),
        interesting_text().prop_map(Value::String),
    ]
}

/// JSON values built from the decoders' own vocabulary, nested a few levels deep; strings
/// sometimes hold JSON themselves, as notification details do.
fn jsonish() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((key(), inner.clone()), 0..8)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
            inner.prop_map(|value| Value::String(value.to_string())),
        ]
    })
}

/// A field that is usually well formed, sometimes anything, sometimes absent.
fn field(
    name: &'static str,
    good: impl Strategy<Value = Value> + 'static,
) -> BoxedStrategy<Option<(String, Value)>> {
    prop_oneof![
        6 => good.prop_map(move |value| Some((name.to_owned(), value))),
        1 => jsonish().prop_map(move |value| Some((name.to_owned(), value))),
        1 => Just(None),
    ]
    .boxed()
}

fn object(fields: Vec<BoxedStrategy<Option<(String, Value)>>>) -> BoxedStrategy<Value> {
    fields
        .prop_map(|fields| Value::Object(fields.into_iter().flatten().collect()))
        .boxed()
}

fn string_value(values: &[&'static str]) -> impl Strategy<Value = Value> + use<> {
    prop::sample::select(values.to_vec()).prop_map(Value::from)
}

/// Details for any type, as an object or as that object JSON-encoded into a string.
fn details_like() -> impl Strategy<Value = Value> {
    let inner = object(vec![
        field(
            "worldId",
            string_value(&["wrld_1:1~region(eu)", "wrld_1", ""]),
        ),
        field("worldName", string_value(&["Home", ""])),
        field("inResponseTo", string_value(&["not_1", "..", ""])),
        field("responseMessage", string_value(&["no"])),
        field("requestMessage", string_value(&["please"])),
        field("platform", string_value(&["android"])),
        field("imageUrl", string_value(&["https://x/y.png"])),
    ]);
    prop_oneof![
        inner.clone(),
        inner.prop_map(|value| Value::String(value.to_string())),
    ]
}

fn notification_like() -> impl Strategy<Value = Value> {
    object(vec![
        field("id", string_value(&["not_1", "frq_1"])),
        field(
            "type",
            string_value(&[
                "invite",
                "inviteResponse",
                "requestInvite",
                "requestInviteResponse",
                "friendRequest",
                "somethingNew",
            ]),
        ),
        field(
            "created_at",
            string_value(&[
                "2021-01-01T00:00:00.000Z",
                "2021-01-01T00:00:00+0000",
                "soon",
            ]),
        ),
        field("details", details_like()),
        field("message", string_value(&["", "This is a generated invite"])),
        field("seen", any::<bool>().prop_map(Value::from)),
        field("senderUserId", string_value(&["usr_a", "8JoV9XEdpo"])),
        field("receiverUserId", string_value(&["usr_b"])),
        field("senderUsername", string_value(&["alice"])),
    ])
}

fn invite_message_like() -> impl Strategy<Value = Value> {
    object(vec![
        field("canBeUpdated", any::<bool>().prop_map(Value::from)),
        field("id", string_value(&["default", "invm_1"])),
        field("message", string_value(&["Hi\u{2024}", ""])),
        field(
            "messageType",
            string_value(&["message", "requestResponse", "Message"]),
        ),
        field(
            "remainingCooldownMinutes",
            (-1i64..70).prop_map(Value::from),
        ),
        field("slot", (-1i64..13).prop_map(Value::from)),
        field("updatedAt", string_value(&["2021-01-01T00:00:00Z", ""])),
    ])
}

fn error_like() -> impl Strategy<Value = Value> {
    let inner = object(vec![
        field("message", interesting_text().prop_map(Value::String)),
        field("status_code", (100i64..600).prop_map(Value::from)),
        field("waf_code", (1000i64..1010).prop_map(Value::from)),
    ]);
    object(vec![
        field("error", inner),
        field("status_code", (100i64..600).prop_map(Value::from)),
        field("waf_code", string_value(&["1001", "blocked"])),
        field("requiresTwoFactorAuth", Just(json!(["totp", "otp"]))),
        field("verified", any::<bool>().prop_map(Value::from)),
        field("id", string_value(&["usr_a"])),
    ])
}

/// A JSON-ish body, possibly cut short at `cut` (a fraction of its length).
fn jsonish_body() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        3 => notification_like(),
        2 => vec(invite_message_like(), 0..13).prop_map(Value::Array),
        1 => invite_message_like(),
        2 => error_like(),
        2 => jsonish(),
    ];
    (value, prop::option::weighted(0.2, 0.0..1.0f64)).prop_map(|(value, cut)| {
        let mut bytes = serde_json::to_vec(&value).expect("serialize");
        if let Some(fraction) = cut {
            // Truncation point within the body; always in range.
            let at = ((bytes.len() as f64) * fraction) as usize;
            bytes.truncate(at);
        }
        bytes
    })
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(
        status in status(),
        headers in headers(),
        body in vec(any::<u8>(), 0..300),
    ) {
        check_every_endpoint(&response(status, headers, body))?;
    }

    #[test]
    fn parse_never_panics_on_jsonish_bodies(
        status in status(),
        headers in headers(),
        body in jsonish_body(),
    ) {
        check_every_endpoint(&response(status, headers, body))?;
    }

    #[test]
    fn well_formed_notifications_parse(body in notification_like()) {
        // Every field present and well formed decodes, whatever the details hold.
        let complete = body.get("id").is_some_and(|v| v.is_string())
            && body.get("type").is_some_and(|v| v.is_string())
            && body.get("senderUserId").is_some_and(|v| v.is_string());
        prop_assume!(complete);
        let bytes = serde_json::to_vec(&body).expect("serialize");
        let parsed = RequestInvite::new(UserId::new("usr_x").expect("id")).parse(&ok(bytes));
        prop_assert!(parsed.is_ok() || !field_types_ok(&body), "{parsed:?} for {body}");
    }
}

/// Whether the optional fields of a notification-like object have the types the model reads.
fn field_types_ok(body: &Value) -> bool {
    let is = |name: &str, check: fn(&Value) -> bool| body.get(name).is_none_or(check);
    is("created_at", |v| v.is_string() || v.is_null())
        && is("message", |v| v.is_string() || v.is_null())
        && is("seen", |v| v.is_boolean() || v.is_null())
        && is("receiverUserId", |v| {
            v.as_str().is_some_and(|s| UserId::new(s).is_ok()) || v.is_null()
        })
        && is("senderUsername", |v| v.is_string() || v.is_null())
        && body
            .get("id")
            .and_then(Value::as_str)
            .is_some_and(|s| NotificationId::new(s).is_ok())
        && body
            .get("senderUserId")
            .and_then(Value::as_str)
            .is_some_and(|s| UserId::new(s).is_ok())
}
