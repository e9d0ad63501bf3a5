//! The inbox operations' replies: the spec's examples (`responses/notifications/`), the
//! REST shape of DESIGN.md section 9, lists with bad items, and the typed views.

use http::Response;
use vrchat_invite_core::inbox::{
    ClearNotifications, GetNotification, HideNotification, HideReply, ListNotifications,
    MarkNotificationSeen, Received,
};
use vrchat_invite_core::messages::{
    GetInviteMessages, InviteMessageType, ResetInviteMessage, UpdateInviteMessage,
};
use vrchat_invite_core::models::{ListItem, NotificationDetails, NotificationType};
use vrchat_invite_core::{ApiErrorKind, Endpoint, Error, NotificationId, Slot, UserId};

fn reply(status: u16, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .expect("response")
}

fn id() -> NotificationId {
    NotificationId::new("not_00000000-0000-0000-0000-000000000000").expect("id")
}

/// An invite, a request, an invite response and a request response as the REST list sends
/// them: `details` JSON-encoded, `seen`, no `receiverUserId`.
const INBOX: &str = r#"[
  {"id":"not_4","type":"requestInviteResponse","created_at":"2026-01-01T00:00:04.000Z",
   "details":"{\"inResponseTo\":\"not_r\",\"requestMessage\":\"Later\"}","message":"",
   "seen":false,"senderUserId":"usr_d"},
  {"id":"not_3","type":"inviteResponse","created_at":"2026-01-01T00:00:03.000Z",
   "details":"{\"inResponseTo\":\"not_i\",\"responseMessage\":\"Busy\"}","message":"",
   "seen":true,"senderUserId":"usr_c"},
  {"id":"not_2","type":"requestInvite","created_at":"2026-01-01T00:00:02.000Z",
   "details":"{\"platform\":\"standalonewindows\",\"requestMessage\":\"Can I come?\"}",
   "message":"","seen":false,"senderUserId":"usr_b"},
  {"id":"not_1","type":"invite","created_at":"2026-01-01T00:00:01.000Z",
   "details":"{\"worldId\":\"wrld_1:123~region(eu)\",\"worldName\":\"Lake\",\"inviteMessage\":\"Come!\"}",
   "message":"This is a generated invite to Lake","seen":false,"senderUserId":"usr_a",
   "senderUsername":"alice"}
]"#;

#[test]
fn the_list_decodes_every_invite_family_type_with_its_view() {
    let list = ListNotifications::new()
        .parse(&reply(200, INBOX))
        .expect("list");
    assert!(list.is_complete());
    let views: Vec<Received<'_>> = list.decoded().map(|n| n.received()).collect();
    let [
        Received::RequestResponse(answer_to_request),
        Received::InviteResponse(answer_to_invite),
        Received::InviteRequest(request),
        Received::Invite(invite),
    ] = views.as_slice()
    else {
        panic!("unexpected views: {views:?}");
    };
    assert_eq!(answer_to_request.in_response_to().as_str(), "not_r");
    assert_eq!(answer_to_request.message(), Some("Later"));
    assert_eq!(answer_to_invite.in_response_to().as_str(), "not_i");
    assert_eq!(answer_to_invite.message(), "Busy");
    assert!(answer_to_invite.notification().seen);
    assert_eq!(request.sender().as_str(), "usr_b");
    assert_eq!(request.message(), Some("Can I come?"));
    assert_eq!(request.platform(), Some("standalonewindows"));
    assert_eq!(invite.id().as_str(), "not_1");
    assert_eq!(invite.sender_name(), Some("alice"));
    assert_eq!(invite.world_name(), "Lake");
    assert_eq!(invite.message(), Some("Come!"));
    assert_eq!(
        invite.location().map(|l| l.to_string()).as_deref(),
        Some("wrld_1:123~region(eu)")
    );
    for item in list.decoded() {
        assert_eq!(item.receiver_user_id, None, "REST replies name no receiver");
    }
}

#[test]
fn views_build_the_answer_requests() {
    let list = ListNotifications::new()
        .parse(&reply(200, INBOX))
        .expect("list");
    let slot = Slot::new(4).expect("slot");
    for notification in list.decoded() {
        match notification.received() {
            Received::Invite(invite) => {
                assert_eq!(invite.respond(slot).path(), "/invite/not_1/response");
                assert_eq!(invite.respond(slot).response_slot(), slot);
            }
            Received::InviteRequest(request) => {
                let location = "wrld_9:1".parse().expect("location");
                let grant = request.invite_to(location);
                assert_eq!(grant.path(), "/invite/usr_b");
                assert_eq!(grant.user_id().as_str(), "usr_b");
                assert_eq!(request.respond(slot).path(), "/invite/not_2/response");
            }
            Received::InviteResponse(_) | Received::RequestResponse(_) => {}
            Received::Other(other) => panic!("not an invite-family view: {other:?}"),
            _ => panic!("a view this test does not know"),
        }
    }
}

#[test]
fn one_bad_notification_never_costs_the_others() {
    let body = r#"[
      {"id":"not_1","type":"invite","created_at":"","details":"{}","message":"","seen":false,"senderUserId":"usr_a"},
      {"id":"","type":"invite","details":"{}","senderUserId":"usr_a"},
      {"id":"not_3","type":"boop","created_at":"x","details":"{\"emojiId\":\"e\"}","message":"","seen":false,"senderUserId":"usr_a"},
      {"type":"invite","senderUserId":"usr_a"},
      42,
      {"id":"not_6","type":"someFutureType","created_at":"","details":{"a":[1]},"message":"","seen":false,"senderUserId":"usr_a"}
    ]"#;
    let list = ListNotifications::new()
        .parse(&reply(200, body))
        .expect("list");
    assert_eq!(list.len(), 6);
    let good: Vec<&str> = list.decoded().map(|n| n.id.as_str()).collect();
    assert_eq!(good, ["not_1", "not_3", "not_6"]);
    let bad: Vec<usize> = list.undecodable().map(|item| item.position()).collect();
    assert_eq!(bad, [1, 3, 4]);
    let missing_id = list.undecodable().nth(1).expect("second bad item");
    assert!(
        missing_id.reason().contains("id"),
        "{}",
        missing_id.reason()
    );
    assert_eq!(
        missing_id.raw_json(),
        r#"{"type":"invite","senderUserId":"usr_a"}"#
    );
    // The invite with empty details is still an invite, just without typed details.
    let first = list.decoded().next().expect("first");
    assert!(matches!(first.received(), Received::Other(_)));
    assert_eq!(first.kind, NotificationType::Invite);
    let unknown = list.decoded().nth(2).expect("unknown type kept");
    assert_eq!(
        unknown.kind,
        NotificationType::Other("someFutureType".to_owned())
    );
    assert!(matches!(unknown.details, NotificationDetails::Other(_)));
}

#[test]
fn a_list_reply_that_is_not_an_array_is_a_decode_error() {
    for body in [r#"{"id":"not_1"}"#, "", "[", "null"] {
        let result = ListNotifications::new().parse(&reply(200, body));
        assert!(
            matches!(result, Err(Error::Decode(_))),
            "{body:?}: {result:?}"
        );
    }
}

#[test]
fn an_unknown_message_type_keeps_the_other_slots() {
    let body = r#"[
      {"canBeUpdated":true,"id":"default","message":"Hi","messageType":"message","remainingCooldownMinutes":0,"slot":0,"updatedAt":""},
      {"canBeUpdated":true,"id":"invm_1","message":"New","messageType":"messageV2","remainingCooldownMinutes":0,"slot":1,"updatedAt":""},
      {"canBeUpdated":true,"id":"default","message":"Yo","messageType":"message","remainingCooldownMinutes":0,"slot":2,"updatedAt":""}
    ]"#;
    let user = UserId::new("usr_a").expect("user");
    let kind = InviteMessageType::Message;
    let slot = Slot::new(1).expect("slot");
    let text = vrchat_invite_core::messages::MessageText::new("x").expect("text");
    let lists = [
        GetInviteMessages::new(user.clone(), kind).parse(&reply(200, body)),
        UpdateInviteMessage::new(user.clone(), kind, slot, text).parse(&reply(200, body)),
        ResetInviteMessage::new(user, kind, slot).parse(&reply(200, body)),
    ];
    for list in lists {
        let list = list.expect("list");
        let slots: Vec<u8> = list.decoded().map(|m| m.slot.get()).collect();
        assert_eq!(slots, [0, 2]);
        let items = list.items();
        let Some(ListItem::Undecodable(bad)) = items.get(1) else {
            panic!("slot 1 kept as undecodable: {items:?}");
        };
        assert!(bad.reason().contains("messageV2"), "{}", bad.reason());
        assert_eq!(bad.to_value()["message"], "New");
    }
}

/// `NotificationResponse.yaml`, "Example Friend Request Response".
const FRIEND_REQUEST: &str = r#"{"id":"frq_00000000-0000-0000-0000-000000000000","type":"friendRequest",
  "created_at":"2021-01-01T00:00:00.000Z","details":"{}","message":"","seen":false,
  "senderUserId":"usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469"}"#;

#[test]
fn get_see_and_hide_read_the_spec_example() {
    let outputs = [
        GetNotification::new(id()).parse(&reply(200, FRIEND_REQUEST)),
        MarkNotificationSeen::new(id()).parse(&reply(200, FRIEND_REQUEST)),
        HideNotification::new(id())
            .parse(&reply(200, FRIEND_REQUEST))
            .map(|hidden| hidden.into_notification().expect("the notification")),
    ];
    for output in outputs {
        let notification = output.expect("notification");
        assert_eq!(
            notification.id.as_str(),
            "frq_00000000-0000-0000-0000-000000000000"
        );
        assert_eq!(notification.kind, NotificationType::FriendRequest);
        assert!(matches!(notification.received(), Received::Other(_)));
    }
}

#[test]
fn an_unknown_notification_is_not_found_whichever_text_says_so() {
    // `NotificationNotFoundError.yaml`, the newer servers' text, and no text at all: the
    // status decides.
    for (body, message) in [
        (
            r#"{"error":{"message":"Notification not found","status_code":404}}"#,
            Some("Notification not found"),
        ),
        (
            "{\"error\":{\"message\":\"Cannot find notification\u{2024}\",\"status_code\":404}}",
            Some("Cannot find notification\u{2024}"),
        ),
        (r#"{"error":{"status_code":404}}"#, None),
    ] {
        let results = [
            GetNotification::new(id()).parse(&reply(404, body)).err(),
            MarkNotificationSeen::new(id())
                .parse(&reply(404, body))
                .err(),
            HideNotification::new(id()).parse(&reply(404, body)).err(),
            vrchat_invite_core::invite::RespondInvite::new(id(), Slot::new(0).expect("slot"))
                .parse(&reply(404, body))
                .err(),
        ];
        for result in results {
            let Some(Error::Api(error)) = result else {
                panic!("an API error: {result:?}");
            };
            assert_eq!(*error.kind(), ApiErrorKind::NotFound, "{body}");
            assert_eq!(error.message(), message);
        }
    }
}

#[test]
fn hide_reads_the_notification_and_the_success_note() {
    let hide = HideNotification::new(id());
    let hidden = hide
        .parse(&reply(200, FRIEND_REQUEST))
        .expect("the notification");
    let notification = hidden.notification().expect("a notification");
    assert_eq!(notification.kind, NotificationType::FriendRequest);

    for note in [
        r#"{"success":{"message":"Ok","status_code":200}}"#,
        r#"{"success":{"message":"\"Ok\"","status_code":200},"extra":1}"#,
    ] {
        assert_eq!(
            hide.parse(&reply(200, note)).expect("the success note"),
            HideReply::Acknowledged,
            "{note}"
        );
    }
    for neither in [r#"{"ok":true}"#, "[]", "<html>", r#"{"id":"not_1"}"#] {
        let result = hide.parse(&reply(200, neither));
        assert!(
            matches!(result, Err(Error::Decode(_))),
            "{neither}: {result:?}"
        );
    }
}

#[test]
fn clear_reads_the_spec_example_and_refuses_a_non_json_body() {
    // `ClearNotificationsSuccess.yaml`.
    let ok = r#"{"success":{"message":"Ok","status_code":200}}"#;
    assert!(ClearNotifications::new().parse(&reply(200, ok)).is_ok());
    let html = ClearNotifications::new().parse(&reply(200, "<html>"));
    assert!(matches!(html, Err(Error::Decode(_))), "{html:?}");
    let missing = r#"{"error":{"message":"\"Missing Credentials\"","status_code":401}}"#;
    let Err(Error::Api(error)) = ClearNotifications::new().parse(&reply(401, missing)) else {
        panic!("401 is an API error");
    };
    assert_eq!(*error.kind(), ApiErrorKind::Unauthorized);
}

#[test]
fn marking_hiding_and_clearing_again_is_harmless_so_an_unreadable_reply_may_be_retried() {
    let garbage = reply(200, "<html>");
    let errors = [
        MarkNotificationSeen::new(id()).parse(&garbage).err(),
        HideNotification::new(id()).parse(&garbage).err(),
        ClearNotifications::new().parse(&garbage).err(),
    ];
    for error in errors {
        let Some(Error::Decode(decode)) = error else {
            panic!("a decode error: {error:?}");
        };
        assert!(!decode.took_effect(), "{decode}");
    }
    let respond = vrchat_invite_core::invite::RespondInvite::new(id(), Slot::new(0).expect("slot"));
    let Err(Error::Decode(decode)) = respond.parse(&garbage) else {
        panic!("a decode error");
    };
    assert!(decode.took_effect(), "answering is not idempotent");
}
