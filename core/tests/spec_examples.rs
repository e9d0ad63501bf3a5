//! Every example body of the spec's invite, notification and error response files, parsed
//! through the operations that reference them, plus the reply shapes seen in real traffic
//! (DESIGN.md sections 4 and 5).
//!
//! The YAML examples of `openapi/components/responses/` are written out here as JSON; each
//! test names its source file and example.

use std::fmt::Debug;

use http::{Response, StatusCode};
use serde_json::json;
use vrchat_invite_core::error::REQUEST_ID_HEADER;
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, Png, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage,
};
use vrchat_invite_core::models::{
    InviteDetails, InviteMessage, InviteResponseDetails, Notification, NotificationDetails,
    NotificationType, RequestInviteDetails, RequestInviteResponseDetails, SentNotification,
    Timestamp,
};
use vrchat_invite_core::{
    ApiError, ApiErrorKind, Endpoint, Error, InviteMessageId, Location, NotificationId, Slot,
    UserId,
};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82";

fn reply(status: u16, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json; charset=utf-8")
        .body(body.as_bytes().to_vec())
        .expect("response")
}

fn user() -> UserId {
    UserId::new("usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469").expect("user id")
}

fn notification_id() -> NotificationId {
    NotificationId::new("not_00000000-0000-0000-0000-000000000000").expect("notification id")
}

fn location() -> Location {
    "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)"
        .parse()
        .expect("location")
}

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

fn png() -> Png {
    Png::new(PNG.to_vec()).expect("png")
}

fn text() -> MessageText {
    MessageText::new("Hi").expect("text")
}

/// The API error a parse ended in.
fn api_error<T: Debug>(result: Result<T, Error>) -> ApiError {
    match result {
        Err(Error::Api(error)) => *error,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

/// Parses `body` with `status` through `endpoint` and checks the resulting `Error::Api`.
fn assert_api_error<E>(
    endpoint: &E,
    status: u16,
    body: &str,
    kind: ApiErrorKind,
    message: Option<&str>,
) where
    E: Endpoint + Debug,
    E::Output: Debug,
{
    let error = api_error(endpoint.parse(&reply(status, body)));
    assert_eq!(error.status().as_u16(), status, "{endpoint:?}");
    assert_eq!(error.kind(), &kind, "{endpoint:?}");
    assert_eq!(error.message(), message, "{endpoint:?}");
    assert_eq!(error.raw_body(), body.as_bytes(), "{endpoint:?}");
    assert_eq!(error.request_id(), None);
}

// --- MissingCredentialsError.yaml ---------------------------------------------------------

#[test]
fn missing_credentials() {
    // "Missing Credentials Example", referenced by inviteMyselfTo as its 401.
    let body = r#"{"error":{"message":"\"Missing Credentials\"","status_code":401}}"#;
    assert_api_error(
        &InviteMyselfTo::new(location()),
        401,
        body,
        ApiErrorKind::Unauthorized,
        Some("Missing Credentials"),
    );
}

// --- NotAuthorizedActionError.yaml --------------------------------------------------------

#[test]
fn not_authorized_action() {
    // "Not Authorized Example", the 401 of the four message operations.
    let body = r#"{"error":{"message":"You are not authorized to perform that action.","status_code":401}}"#;
    let message = Some("You are not authorized to perform that action.");
    let kind = InviteMessageType::Message;
    let unauthorized = ApiErrorKind::Unauthorized;
    assert_api_error(
        &GetInviteMessages::new(user(), kind),
        401,
        body,
        unauthorized.clone(),
        message,
    );
    assert_api_error(
        &GetInviteMessage::new(user(), kind, slot(0)),
        401,
        body,
        unauthorized.clone(),
        message,
    );
    assert_api_error(
        &UpdateInviteMessage::new(user(), kind, slot(0), text()),
        401,
        body,
        unauthorized.clone(),
        message,
    );
    assert_api_error(
        &ResetInviteMessage::new(user(), kind, slot(0)),
        401,
        body,
        unauthorized,
        message,
    );
}

// --- instances/InstanceNotFoundError.yaml -------------------------------------------------

#[test]
fn instance_not_found() {
    // "Instance Not Found Example", the 404 of inviteMyselfTo.
    let body = r#"{"error":{"message":"\"Instance not found\"","status_code":404}}"#;
    assert_api_error(
        &InviteMyselfTo::new(location()),
        404,
        body,
        ApiErrorKind::NotFound,
        Some("Instance not found"),
    );
}

// --- invite/InviteMessageGetNegativeSlotError.yaml ----------------------------------------

#[test]
fn get_negative_slot() {
    // "200 Negative Slot Number Error": the body is `{}`. The path lists it as the 400 of
    // getInviteMessage; the example's name says 200. Both are handled without panicking.
    let endpoint = GetInviteMessage::new(user(), InviteMessageType::Message, slot(0));
    assert_api_error(&endpoint, 400, "{}", ApiErrorKind::BadRequest, None);
    match endpoint.parse(&reply(200, "{}")) {
        Err(Error::Decode(error)) => {
            assert_eq!(error.status(), StatusCode::OK);
            assert_eq!(error.snippet(), "{}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

// --- invite/InviteMessageGetTooHighSlotError.yaml -----------------------------------------

#[test]
fn get_too_high_slot() {
    // "404 Slot Number Too High Error": no message at all.
    let body = r#"{"error":{"status_code":404}}"#;
    let endpoint = GetInviteMessage::new(user(), InviteMessageType::Message, slot(11));
    assert_api_error(&endpoint, 404, body, ApiErrorKind::NotFound, None);
}

// --- invite/InviteMessageInvalidSlotNumberError.yaml --------------------------------------

#[test]
fn invalid_slot_number() {
    // "400 Negative Slot Number Error" and "400 Too High Slot Number Error", the 400 of
    // getInviteMessages, updateInviteMessage and resetInviteMessage.
    let examples = [
        (
            "{\"error\":{\"message\":\"Really? A negative slot? Tsk-tsk\u{2024}\u{2024}\u{2024}\",\"status_code\":400}}",
            "Really? A negative slot? Tsk-tsk\u{2024}\u{2024}\u{2024}",
        ),
        (
            "{\"error\":{\"message\":\"That is too high of a slot number\u{2024}\",\"status_code\":400}}",
            "That is too high of a slot number\u{2024}",
        ),
    ];
    let kind = InviteMessageType::Request;
    for (body, message) in examples {
        let message = Some(message);
        let invalid = ApiErrorKind::InvalidSlot;
        assert_api_error(
            &GetInviteMessages::new(user(), kind),
            400,
            body,
            invalid.clone(),
            message,
        );
        assert_api_error(
            &UpdateInviteMessage::new(user(), kind, slot(11), text()),
            400,
            body,
            invalid.clone(),
            message,
        );
        assert_api_error(
            &ResetInviteMessage::new(user(), kind, slot(11)),
            400,
            body,
            invalid,
            message,
        );
    }
}

// --- invite/InviteMessageNoEntryForSlotError.yaml -----------------------------------------

#[test]
fn no_entry_for_slot() {
    // "404 No Custom Invite Message In Slot", the 404 of resetInviteMessage.
    let body = r#"{"error":{"message":"There's no entry for that slot.","status_code":404}}"#;
    assert_api_error(
        &ResetInviteMessage::new(user(), InviteMessageType::Message, slot(4)),
        404,
        body,
        ApiErrorKind::NotFound,
        Some("There's no entry for that slot."),
    );
}

// --- invite/InviteMessageUpdateRateLimitError.yaml ----------------------------------------

#[test]
fn update_rate_limit() {
    // "Update Invite Message Please Wait Error", the 429 of update and reset.
    let body = "{\"error\":{\"message\":\"Please wait 60 more minutes until you try again\u{2024}\",\"status_code\":429}}";
    let message = Some("Please wait 60 more minutes until you try again\u{2024}");
    let kind = InviteMessageType::Message;
    let cooldown = ApiErrorKind::Cooldown { minutes: 60 };
    assert_api_error(
        &UpdateInviteMessage::new(user(), kind, slot(1), text()),
        429,
        body,
        cooldown.clone(),
        message,
    );
    let reset = ResetInviteMessage::new(user(), kind, slot(1));
    assert_api_error(&reset, 429, body, cooldown, message);
    let error = reset.parse(&reply(429, body)).expect_err("429");
    assert_eq!(error.cooldown_minutes(), Some(60));
}

// --- invite/InviteMustBeFriendsError.yaml -------------------------------------------------

#[test]
fn must_be_friends() {
    // "Must Be Friends Error", the 403 of inviteUser, requestInvite and their photo variants.
    let body = r#"{"error":{"message":"\"You need to be friends with that user first.\"","status_code":403}}"#;
    let message = Some("You need to be friends with that user first.");
    let not_friends = ApiErrorKind::NotFriends;
    assert_api_error(
        &InviteUser::new(user(), location()),
        403,
        body,
        not_friends.clone(),
        message,
    );
    assert_api_error(
        &InviteUser::new(user(), location()).with_photo(png()),
        403,
        body,
        not_friends.clone(),
        message,
    );
    assert_api_error(
        &RequestInvite::new(user()),
        403,
        body,
        not_friends.clone(),
        message,
    );
    assert_api_error(
        &RequestInvite::new(user()).with_photo(png()),
        403,
        body,
        not_friends,
        message,
    );
}

// --- invite/InviteResponse400Error.yaml ---------------------------------------------------

#[test]
fn invite_response_400() {
    // "Already Responded Error", "Cannot Respond Self Invite Error" and "Response Slot Out
    // Of Bounds Error", the 400 of respondInvite and respondInviteWithPhoto.
    let examples = [
        (
            r#"{"error":{"message":"\"You've already responded to that request.\"","status_code":400}}"#,
            "You've already responded to that request.",
            ApiErrorKind::AlreadyResponded,
        ),
        (
            r#"{"error":{"message":"\"You cannot respond to your own invites.\"","status_code":400}}"#,
            "You cannot respond to your own invites.",
            ApiErrorKind::OwnInvite,
        ),
        (
            r#"{"error":{"message":"\"Response slot is out of bounds.\"","status_code":400}}"#,
            "Response slot is out of bounds.",
            ApiErrorKind::InvalidSlot,
        ),
    ];
    for (body, message, kind) in examples {
        let respond = RespondInvite::new(notification_id(), slot(0));
        assert_api_error(&respond, 400, body, kind.clone(), Some(message));
        assert_api_error(&respond.with_photo(png()), 400, body, kind, Some(message));
    }
}

// --- notifications/NotificationResponse.yaml ----------------------------------------------

const NOTIFICATION_EXAMPLE: &str = r#"{
  "id": "frq_00000000-0000-0000-0000-000000000000",
  "type": "friendRequest",
  "created_at": "2021-01-01T00:00:00.000Z",
  "details": "{}",
  "message": "",
  "seen": false,
  "senderUserId": "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469"
}"#;

fn notification_example() -> Notification {
    Notification::new(
        NotificationId::new("frq_00000000-0000-0000-0000-000000000000").expect("id"),
        NotificationType::FriendRequest,
        user(),
    )
    .with_created_at(Timestamp::new("2021-01-01T00:00:00.000Z"))
    .with_details(NotificationDetails::Other(json!({})))
}

#[test]
fn notification_response() {
    // "Example Friend Request Response", the 200 of requestInvite, respondInvite and their
    // photo variants.
    let ok = reply(200, NOTIFICATION_EXAMPLE);
    let expected = notification_example();
    let respond = RespondInvite::new(notification_id(), slot(0));
    let request = RequestInvite::new(user());
    assert_eq!(request.parse(&ok).expect("requestInvite"), expected);
    assert_eq!(
        request.with_photo(png()).parse(&ok).expect("photo"),
        expected
    );
    assert_eq!(respond.parse(&ok).expect("respondInvite"), expected);
    assert_eq!(
        respond.with_photo(png()).parse(&ok).expect("photo"),
        expected
    );
    assert_eq!(expected.created_at.unix_millis(), Some(1_609_459_200_000));
}

// --- notifications/SendNotificationResponse.yaml ------------------------------------------

const SENT_NOTIFICATION_EXAMPLE: &str = r#"{
  "id": "frq_00000000-0000-0000-0000-000000000000",
  "type": "friendRequest",
  "created_at": "2021-01-01T00:00:00.000Z",
  "details": {},
  "message": "",
  "receiverUserId": "usr_00000000-0000-0000-0000-000000000000",
  "senderUserId": "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469"
}"#;

#[test]
fn send_notification_response() {
    // "Example Friend Request Response", the 200 of inviteUser, inviteUserWithPhoto and
    // inviteMyselfTo.
    let ok = reply(200, SENT_NOTIFICATION_EXAMPLE);
    let expected = SentNotification::new(
        NotificationId::new("frq_00000000-0000-0000-0000-000000000000").expect("id"),
        NotificationType::FriendRequest,
        user(),
        UserId::new("usr_00000000-0000-0000-0000-000000000000").expect("id"),
    )
    .with_created_at(Timestamp::new("2021-01-01T00:00:00.000Z"))
    .with_details(NotificationDetails::Other(json!({})));
    let invite = InviteUser::new(user(), location());
    assert_eq!(invite.parse(&ok).expect("inviteUser"), expected);
    assert_eq!(
        invite.with_photo(png()).parse(&ok).expect("photo"),
        expected
    );
    assert_eq!(
        InviteMyselfTo::new(location())
            .parse(&ok)
            .expect("inviteMyselfTo"),
        expected
    );
}

#[test]
fn sent_notification_needs_its_receiver() {
    // A `Notification` body (no receiverUserId) is not a `SentNotification`.
    let result = InviteMyselfTo::new(location()).parse(&reply(200, NOTIFICATION_EXAMPLE));
    assert!(matches!(result, Err(Error::Decode(_))), "{result:?}");
}

// --- invite/InviteMessageListResponse.yaml and InviteMessageResponse.yaml -----------------
// These files carry no example; the bodies follow schemas/InviteMessage.yaml.

fn invite_message(slot_number: u8, id: &str, text: &str, cooldown: u32) -> InviteMessage {
    InviteMessage::new(
        InviteMessageId::new(id).expect("id"),
        InviteMessageType::Message,
        slot(slot_number),
        text,
    )
    .with_cooldown(cooldown)
    .with_updated_at(Timestamp::new("2021-01-01T00:00:00.000Z"))
}

const INVITE_MESSAGE: &str = r#"{"canBeUpdated":false,"id":"invm_24a1c14d-5e24-48e5-90e3-c3f712420ffa","message":"Come hang out\u2024","messageType":"message","remainingCooldownMinutes":60,"slot":3,"updatedAt":"2021-01-01T00:00:00.000Z"}"#;

#[test]
fn invite_message_response() {
    let parsed = GetInviteMessage::new(user(), InviteMessageType::Message, slot(3))
        .parse(&reply(200, INVITE_MESSAGE))
        .expect("message");
    assert_eq!(
        parsed,
        invite_message(
            3,
            "invm_24a1c14d-5e24-48e5-90e3-c3f712420ffa",
            "Come hang out\u{2024}",
            60
        )
    );
}

#[test]
fn invite_message_list_response() {
    let body = format!(
        r#"[{{"canBeUpdated":true,"id":"default","message":"Hi","messageType":"message","remainingCooldownMinutes":0,"slot":0,"updatedAt":"2021-01-01T00:00:00.000Z"}},{INVITE_MESSAGE}]"#
    );
    let expected = vec![
        invite_message(0, "default", "Hi", 0),
        invite_message(
            3,
            "invm_24a1c14d-5e24-48e5-90e3-c3f712420ffa",
            "Come hang out\u{2024}",
            60,
        ),
    ];
    let ok = reply(200, &body);
    let kind = InviteMessageType::Message;
    assert_eq!(
        GetInviteMessages::new(user(), kind)
            .parse(&ok)
            .expect("list"),
        expected.clone().into()
    );
    assert_eq!(
        UpdateInviteMessage::new(user(), kind, slot(3), text())
            .parse(&ok)
            .expect("update"),
        expected.clone().into()
    );
    assert_eq!(
        ResetInviteMessage::new(user(), kind, slot(3))
            .parse(&ok)
            .expect("reset"),
        expected.into()
    );
}

#[test]
fn invite_message_optional_fields_take_their_spec_defaults() {
    // canBeUpdated defaults to true, remainingCooldownMinutes to 0 (schemas/InviteMessage.yaml).
    let body = r#"{"id":"default","message":"Hi","messageType":"response","slot":11}"#;
    let parsed = GetInviteMessage::new(user(), InviteMessageType::Response, slot(11))
        .parse(&reply(200, body))
        .expect("message");
    assert!(parsed.can_be_updated);
    assert_eq!(parsed.remaining_cooldown_minutes, 0);
    assert_eq!(parsed.message_type, InviteMessageType::Response);
    assert_eq!(parsed.updated_at.as_str(), "");
}

// --- Real traffic: error bodies (DESIGN.md sections 4 and 5) -------------------------------

#[test]
fn message_missing() {
    let endpoint = InviteUser::new(user(), location());
    assert_api_error(
        &endpoint,
        403,
        r#"{"error":{"status_code":403}}"#,
        ApiErrorKind::Forbidden,
        None,
    );
    assert_api_error(&endpoint, 401, "", ApiErrorKind::Unauthorized, None);
    assert_api_error(
        &endpoint,
        404,
        r#"{"error":{"message":"\"\"","status_code":404}}"#,
        ApiErrorKind::NotFound,
        None,
    );
}

#[test]
fn error_as_a_plain_string_with_status_code_beside_it() {
    assert_api_error(
        &InviteMyselfTo::new(location()),
        404,
        r#"{"error":"\"Instance not found\"","status_code":404}"#,
        ApiErrorKind::NotFound,
        Some("Instance not found"),
    );
    assert_api_error(
        &RequestInvite::new(user()),
        403,
        r#"{"error":"You need to be friends with that user first.","status_code":403}"#,
        ApiErrorKind::NotFriends,
        Some("You need to be friends with that user first."),
    );
}

#[test]
fn status_comes_from_http_not_the_body() {
    let error = api_error(RequestInvite::new(user()).parse(&reply(
        500,
        r#"{"error":{"message":"oops","status_code":404}}"#,
    )));
    assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(error.kind(), &ApiErrorKind::ServerError);
}

#[test]
fn waf_code_is_a_blocked_user_agent() {
    let endpoint = GetInviteMessages::new(user(), InviteMessageType::Message);
    for (body, code) in [
        (
            r#"{"error":{"message":"Forbidden","status_code":403},"waf_code":1001}"#,
            "1001",
        ),
        (
            r#"{"error":{"message":"Forbidden","status_code":403,"waf_code":"WAF-7"}}"#,
            "WAF-7",
        ),
        (
            r#"{"error":"You need to be friends with that user first.","waf_code":"x"}"#,
            "x",
        ),
    ] {
        let error = api_error(endpoint.parse(&reply(403, body)));
        assert_eq!(error.kind(), &ApiErrorKind::BlockedUserAgent, "{body}");
        assert_eq!(error.waf_code(), Some(code));
        assert_eq!(error.raw_body(), body.as_bytes());
    }
    // Without a waf_code, a 403 is whatever its message says.
    let error = api_error(endpoint.parse(&reply(403, r#"{"error":{"message":"Forbidden"}}"#)));
    assert_eq!(error.kind(), &ApiErrorKind::Forbidden);
    assert_eq!(error.waf_code(), None);
}

#[test]
fn html_502_from_a_proxy() {
    let body = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
    let response = Response::builder()
        .status(502)
        .header("content-type", "text/html")
        .header("server", "cloudflare")
        .body(body.as_bytes().to_vec())
        .expect("response");
    let error = api_error(InviteUser::new(user(), location()).parse(&response));
    assert_eq!(error.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(error.kind(), &ApiErrorKind::ServerError);
    assert_eq!(error.message(), Some("502 Bad Gateway"));
    assert_eq!(error.raw_body(), body.as_bytes());
}

#[test]
fn request_id_header_is_kept() {
    let body = r#"{"error":{"message":"\"Instance not found\"","status_code":404}}"#;
    let response = Response::builder()
        .status(404)
        .header(REQUEST_ID_HEADER, "f3b9c1d2-0000-4000-8000-1234567890ab")
        .body(body.as_bytes())
        .expect("response");
    let error = api_error(InviteMyselfTo::new(location()).parse(&response));
    assert_eq!(
        error.request_id(),
        Some("f3b9c1d2-0000-4000-8000-1234567890ab")
    );
    assert_eq!(error.raw_body(), body.as_bytes());
    assert!(
        error
            .to_string()
            .contains("f3b9c1d2-0000-4000-8000-1234567890ab")
    );
}

#[test]
fn raw_body_is_kept_byte_for_byte() {
    let body: &[u8] = b"\xff\xfe not json at all \x00";
    let response = Response::builder()
        .status(418)
        .body(body)
        .expect("response");
    let error = api_error(RespondInvite::new(notification_id(), slot(1)).parse(&response));
    assert_eq!(error.raw_body(), body);
    assert_eq!(error.kind(), &ApiErrorKind::Other);
    assert_eq!(error.message(), None);
}

#[test]
fn cooldown_minutes_with_either_dot() {
    let update = UpdateInviteMessage::new(user(), InviteMessageType::Message, slot(2), text());
    for dot in [".", "\u{2024}"] {
        let message = format!("Please wait 17 more minutes until you try again{dot}");
        let body = json!({"error": {"message": message, "status_code": 429}}).to_string();
        let error = update.parse(&reply(429, &body)).expect_err("429");
        assert_eq!(error.cooldown_minutes(), Some(17), "{dot}");
        let error = api_error(Err::<(), _>(error));
        assert_eq!(error.kind(), &ApiErrorKind::Cooldown { minutes: 17 });
        assert_eq!(error.message(), Some(message.as_str()));
    }
    // A 429 without the cooldown sentence is plain rate limiting.
    let error = api_error(update.parse(&reply(
        429,
        r#"{"error":{"message":"Too many requests","status_code":429}}"#,
    )));
    assert_eq!(error.kind(), &ApiErrorKind::RateLimited);
}

// --- Real traffic: notification details ---------------------------------------------------

/// A notification body of `kind` whose `details` is `details` (any JSON value).
fn notification_body(kind: &str, details: &serde_json::Value) -> String {
    json!({
        "id": "not_11111111-1111-1111-1111-111111111111",
        "type": kind,
        "created_at": "2024-05-06T07:08:09.000Z",
        "details": details,
        "message": "This is a generated invite",
        "seen": false,
        "receiverUserId": "usr_00000000-0000-0000-0000-000000000000",
        "senderUserId": "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
    })
    .to_string()
}

/// The body with `details` as an object and as that object JSON-encoded into a string.
fn both_detail_forms(kind: &str, details: &serde_json::Value) -> [String; 2] {
    [
        notification_body(kind, details),
        notification_body(kind, &json!(details.to_string())),
    ]
}

#[test]
fn invite_details_as_string_and_object() {
    let details = json!({
        "worldId": "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)",
        "worldName": "Home",
        "inviteMessage": "Come\u{201A} join meǃ",
        "imageUrl": "https://example.com/photo.png",
    });
    let expected = NotificationDetails::Invite(
        InviteDetails::new(
            "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)",
            "Home",
        )
        .with_invite_message("Come\u{201A} join meǃ")
        .with_image_url("https://example.com/photo.png"),
    );
    for body in both_detail_forms("invite", &details) {
        let sent = InviteUser::new(user(), location())
            .parse(&reply(200, &body))
            .expect("inviteUser");
        assert_eq!(sent.kind, NotificationType::Invite);
        assert_eq!(sent.details, expected, "{body}");
        let invite = sent.details.as_invite().expect("invite details");
        assert_eq!(invite.location(), Some(location()));
        let myself = InviteMyselfTo::new(location())
            .parse(&reply(200, &body))
            .expect("inviteMyselfTo");
        assert_eq!(myself.details, expected);
    }
}

#[test]
fn invite_response_details_as_string_and_object() {
    let details = json!({
        "inResponseTo": "not_00000000-0000-0000-0000-000000000000",
        "responseMessage": "Busy right now",
    });
    let expected = NotificationDetails::InviteResponse(InviteResponseDetails::new(
        notification_id(),
        "Busy right now",
    ));
    for body in both_detail_forms("inviteResponse", &details) {
        let notification = RespondInvite::new(notification_id(), slot(0))
            .parse(&reply(200, &body))
            .expect("respondInvite");
        assert_eq!(notification.kind, NotificationType::InviteResponse);
        assert_eq!(notification.details, expected, "{body}");
    }
}

#[test]
fn request_invite_details_as_string_and_object() {
    let details = json!({"platform": "standalonewindows", "requestMessage": "Can I join?"});
    let expected = NotificationDetails::RequestInvite(
        RequestInviteDetails::new()
            .with_platform("standalonewindows")
            .with_request_message("Can I join?"),
    );
    for body in both_detail_forms("requestInvite", &details) {
        let notification = RequestInvite::new(user())
            .parse(&reply(200, &body))
            .expect("requestInvite");
        assert_eq!(notification.kind, NotificationType::RequestInvite);
        assert_eq!(notification.details, expected, "{body}");
        assert_eq!(
            notification.receiver_user_id,
            Some(UserId::new("usr_00000000-0000-0000-0000-000000000000").expect("id"))
        );
    }
}

#[test]
fn request_invite_response_details_as_string_and_object() {
    let details = json!({
        "inResponseTo": "not_00000000-0000-0000-0000-000000000000",
        "requestMessage": "Not now",
        "imageUrl": "https://example.com/no.png",
    });
    let expected = NotificationDetails::RequestInviteResponse(
        RequestInviteResponseDetails::new(notification_id())
            .with_request_message("Not now")
            .with_image_url("https://example.com/no.png"),
    );
    for body in both_detail_forms("requestInviteResponse", &details) {
        let notification = RespondInvite::new(notification_id(), slot(0))
            .with_photo(png())
            .parse(&reply(200, &body))
            .expect("respondInviteWithPhoto");
        assert_eq!(notification.kind, NotificationType::RequestInviteResponse);
        assert_eq!(notification.details, expected, "{body}");
    }
}

#[test]
fn details_that_do_not_fit_their_type_are_kept_raw() {
    // An invite without worldId cannot be typed; it stays as JSON instead of failing.
    let details = json!({"worldName": "Home"});
    for body in both_detail_forms("invite", &details) {
        let sent = InviteUser::new(user(), location())
            .parse(&reply(200, &body))
            .expect("inviteUser");
        assert_eq!(sent.details, NotificationDetails::Other(details.clone()));
    }
    // A string that is not JSON at all is kept as that string.
    let body = notification_body("invite", &json!("not json"));
    let sent = InviteUser::new(user(), location())
        .parse(&reply(200, &body))
        .expect("inviteUser");
    assert_eq!(sent.details, NotificationDetails::Other(json!("not json")));
    // Null details decode like the empty object: every requestInvite field is optional.
    for details in [serde_json::Value::Null, json!("{}"), json!({})] {
        let body = notification_body("requestInvite", &details);
        let notification = RequestInvite::new(user())
            .parse(&reply(200, &body))
            .expect("requestInvite");
        assert_eq!(
            notification.details,
            NotificationDetails::RequestInvite(RequestInviteDetails::new()),
            "{details}"
        );
    }
}

#[test]
fn details_before_type_decode_the_same() {
    let string_details = r#"{"details":"{\"platform\":\"android\"}","id":"not_1","type":"requestInvite","senderUserId":"usr_a"}"#;
    let object_details = r#"{"details":{"platform":"android"},"id":"not_1","type":"requestInvite","senderUserId":"usr_a"}"#;
    let expected =
        NotificationDetails::RequestInvite(RequestInviteDetails::new().with_platform("android"));
    for body in [string_details, object_details] {
        let notification = RequestInvite::new(user())
            .parse(&reply(200, body))
            .expect("requestInvite");
        assert_eq!(notification.details, expected, "{body}");
    }
}

#[test]
fn details_of_any_other_json_shape_are_kept() {
    for details in [json!([1, "a"]), json!(7), json!(true), json!(-2.5)] {
        let body = notification_body("invite", &details);
        let sent = InviteUser::new(user(), location())
            .parse(&reply(200, &body))
            .expect("inviteUser");
        assert_eq!(sent.details, NotificationDetails::Other(details));
    }
}

#[test]
fn stray_bytes_in_an_ignored_field_do_not_fail() {
    let mut body = br#"{"id":"not_1","type":"invite","senderUserId":"usr_a","extra":""#.to_vec();
    body.extend_from_slice(b"\xff\xfe\"}");
    let response = Response::builder()
        .status(200)
        .body(body)
        .expect("response");
    let notification = RequestInvite::new(user())
        .parse(&response)
        .expect("requestInvite");
    assert_eq!(notification.id.as_str(), "not_1");
}

#[test]
fn details_with_a_lone_surrogate_do_not_fail() {
    let body = r#"{"id":"not_1","type":"invite","senderUserId":"usr_a","details":"\ud800"}"#;
    let notification = RequestInvite::new(user())
        .parse(&reply(200, body))
        .expect("requestInvite");
    assert_eq!(notification.details, NotificationDetails::Other(json!({})));
}

#[test]
fn a_field_given_twice_is_a_decode_error() {
    let body = r#"{"id":"not_1","id":"not_2","type":"invite","senderUserId":"usr_a"}"#;
    let result = RequestInvite::new(user()).parse(&reply(200, body));
    assert!(matches!(result, Err(Error::Decode(_))), "{result:?}");
}

#[test]
fn unknown_notification_type() {
    let details = json!({"groupId": "grp_1", "nested": {"a": [1, 2]}});
    for body in both_detail_forms("groupAnnouncement", &details) {
        let notification = RequestInvite::new(user())
            .parse(&reply(200, &body))
            .expect("requestInvite");
        assert_eq!(
            notification.kind,
            NotificationType::Other("groupAnnouncement".to_owned())
        );
        assert_eq!(notification.kind.as_str(), "groupAnnouncement");
        assert_eq!(
            notification.details,
            NotificationDetails::Other(details.clone())
        );
    }
}

#[test]
fn unknown_fields_are_ignored() {
    let body = r#"{"id":"not_1","type":"requestInvite","created_at":"2021-01-01T00:00:00Z",
        "details":"{\"platform\":\"android\",\"newDetail\":[1,2,3]}","message":"","seen":true,
        "senderUserId":"usr_a","brandNewField":{"x":1},"anotherOne":null,"title":"Invite"}"#;
    let notification = RequestInvite::new(user())
        .parse(&reply(200, body))
        .expect("requestInvite");
    assert!(notification.seen);
    assert_eq!(
        notification.details,
        NotificationDetails::RequestInvite(RequestInviteDetails::new().with_platform("android"))
    );
    let message = r#"[{"canBeUpdated":true,"id":"default","message":"Hi","messageType":"message",
        "remainingCooldownMinutes":0,"slot":0,"updatedAt":"2021-01-01T00:00:00Z","extra":[{}]}]"#;
    let list = GetInviteMessages::new(user(), InviteMessageType::Message)
        .parse(&reply(200, message))
        .expect("list");
    assert_eq!(list.len(), 1);
}

#[test]
fn unparseable_timestamps_do_not_fail() {
    for created_at in [
        json!("yesterday"),
        json!(""),
        json!("2021-02-30T00:00:00Z"),
        json!(null),
    ] {
        let mut value: serde_json::Value =
            serde_json::from_str(&notification_body("invite", &json!("{}"))).expect("json");
        value["created_at"] = created_at.clone();
        let notification = RequestInvite::new(user())
            .parse(&reply(200, &value.to_string()))
            .expect("requestInvite");
        assert_eq!(notification.created_at.unix_millis(), None, "{created_at}");
        assert_eq!(
            notification.created_at.as_str(),
            created_at.as_str().unwrap_or_default()
        );
    }
    let message =
        r#"{"id":"default","message":"Hi","messageType":"message","slot":0,"updatedAt":"soon"}"#;
    let parsed = GetInviteMessage::new(user(), InviteMessageType::Message, slot(0))
        .parse(&reply(200, message))
        .expect("message");
    assert_eq!(parsed.updated_at.as_str(), "soon");
    assert_eq!(parsed.updated_at.unix_millis(), None);
}

#[test]
fn timestamps_in_every_shape_seen() {
    let millis = Some(1_566_656_122_000);
    for created_at in [
        "2019-08-24T14:15:22Z",
        "2019-08-24T14:15:22.000Z",
        "2019-08-24T14:15:22+0000",
    ] {
        let mut value: serde_json::Value =
            serde_json::from_str(&notification_body("invite", &json!("{}"))).expect("json");
        value["created_at"] = json!(created_at);
        let sent = InviteUser::new(user(), location())
            .parse(&reply(200, &value.to_string()))
            .expect("inviteUser");
        assert_eq!(sent.created_at.as_str(), created_at);
        assert_eq!(sent.created_at.unix_millis(), millis, "{created_at}");
        assert!(sent.created_at.to_system_time().is_some());
    }
}

// --- A 2xx body that does not decode -------------------------------------------------------

fn decode_snippet<T: Debug>(result: Result<T, Error>, status: StatusCode) -> String {
    match result {
        Err(Error::Decode(error)) => {
            assert_eq!(error.status(), status);
            assert!(!error.serde_error().to_string().is_empty());
            error.snippet().to_owned()
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[test]
fn undecodable_success_is_a_decode_error_with_a_bounded_snippet() {
    let list = GetInviteMessages::new(user(), InviteMessageType::Message);

    let long = format!("{{\"unexpected\":\"{}\"}}", "a".repeat(2000));
    let snippet = decode_snippet(list.parse(&reply(200, &long)), StatusCode::OK);
    assert_eq!(snippet.len(), 256);
    assert_eq!(snippet, long.get(..256).expect("prefix"));

    let short = "<html>maintenance</html>";
    let snippet = decode_snippet(list.parse(&reply(200, short)), StatusCode::OK);
    assert_eq!(snippet, short);

    // Invalid UTF-8 is replaced, and the snippet still stays within 256 bytes.
    let invalid = Response::builder()
        .status(201)
        .body(vec![0xff; 1000])
        .expect("response");
    let snippet = decode_snippet(list.parse(&invalid), StatusCode::CREATED);
    assert!(snippet.len() <= 256, "{}", snippet.len());
    assert!(snippet.chars().all(|c| c == char::REPLACEMENT_CHARACTER));
    assert!(!snippet.is_empty());

    // A multi-byte character cut at the limit does not push the snippet over it.
    let cut = format!("\"{}", "\u{2713}".repeat(200));
    let snippet = decode_snippet(list.parse(&reply(200, &cut)), StatusCode::OK);
    assert!(snippet.len() <= 256, "{}", snippet.len());
    assert!(snippet.starts_with("\"\u{2713}\u{2713}"));

    let empty = decode_snippet(
        InviteUser::new(user(), location()).parse(&reply(204, "")),
        StatusCode::NO_CONTENT,
    );
    assert_eq!(empty, "");
}

#[test]
fn out_of_range_slot_in_a_reply_is_a_decode_error() {
    let body = r#"{"id":"default","message":"Hi","messageType":"message","slot":12}"#;
    let result =
        GetInviteMessage::new(user(), InviteMessageType::Message, slot(0)).parse(&reply(200, body));
    assert!(matches!(result, Err(Error::Decode(_))), "{result:?}");
}
