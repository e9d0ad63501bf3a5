//! Decoding pipeline frames: every event type, content as a JSON string or an object, and
//! frames that do not decode.

use proptest::prelude::*;
use serde_json::json;
use vrchat_invite_core::models::{NotificationDetails, NotificationType};
use vrchat_invite_core::pipeline::{FrameError, PipelineEvent, decode_frame};

/// A frame as the server writes it: the content JSON-encoded in a string.
fn encoded(kind: &str, content: &serde_json::Value) -> String {
    json!({"type": kind, "content": content.to_string()}).to_string()
}

/// The same frame with the content as an object.
fn object(kind: &str, content: &serde_json::Value) -> String {
    json!({"type": kind, "content": content}).to_string()
}

fn request_invite() -> serde_json::Value {
    json!({
        "id": "not_7", "type": "requestInvite", "senderUserId": "usr_a",
        "receiverUserId": "usr_b", "created_at": "2024-05-06T07:08:09.123Z",
        "details": {"platform": "standalonewindows", "requestMessage": "Can I join\u{2024}"},
        "message": ""
    })
}

#[test]
fn a_notification_decodes_from_a_string_or_an_object() {
    for frame in [
        encoded("notification", &request_invite()),
        object("notification", &request_invite()),
    ] {
        let PipelineEvent::Notification(notification) = decode_frame(&frame).expect("decodes")
        else {
            panic!("not a notification: {frame}");
        };
        assert_eq!(notification.id.as_str(), "not_7");
        assert_eq!(notification.kind, NotificationType::RequestInvite);
        assert_eq!(notification.sender_user_id.as_str(), "usr_a");
        assert_eq!(
            notification.receiver_user_id.as_ref().map(|u| u.as_str()),
            Some("usr_b")
        );
        assert!(!notification.seen);
        let NotificationDetails::RequestInvite(details) = &notification.details else {
            panic!("typed details expected");
        };
        assert_eq!(
            details.request_message.as_deref(),
            Some("Can I join\u{2024}")
        );
    }
}

#[test]
fn notification_type_names_decode_in_kebab_case_and_camel_case() {
    let cases = [
        (
            "request-invite",
            "requestInvite",
            NotificationType::RequestInvite,
            json!({"platform": "android", "requestMessage": "Hi"}),
        ),
        (
            "invite-response",
            "inviteResponse",
            NotificationType::InviteResponse,
            json!({"inResponseTo": "not_1", "responseMessage": "Later"}),
        ),
        (
            "request-invite-response",
            "requestInviteResponse",
            NotificationType::RequestInviteResponse,
            json!({"inResponseTo": "not_2", "requestMessage": "Sure"}),
        ),
        (
            "friend-request",
            "friendRequest",
            NotificationType::FriendRequest,
            json!({}),
        ),
    ];
    for (kebab, camel, kind, details) in cases {
        let mut decoded = Vec::new();
        for name in [kebab, camel] {
            // Details as an object (read in one pass) and as a string (the lenient path).
            for details in [details.clone(), json!(details.to_string())] {
                let content = json!({
                    "id": "not_9", "type": name, "senderUserId": "usr_a",
                    "receiverUserId": "usr_b", "created_at": "2024-05-06T07:08:09Z",
                    "details": details, "message": ""
                });
                let PipelineEvent::Notification(notification) =
                    decode_frame(&encoded("notification", &content)).expect("decodes")
                else {
                    panic!("not a notification: {name}");
                };
                assert_eq!(notification.kind, kind, "{name}");
                decoded.push(notification);
            }
        }
        assert!(
            decoded.windows(2).all(|pair| pair[0] == pair[1]),
            "{kebab} and {camel} decode alike: {decoded:?}"
        );
        if kind != NotificationType::FriendRequest {
            assert!(
                !matches!(decoded[0].details, NotificationDetails::Other(_)),
                "typed details for {kebab}"
            );
        }
    }
}

#[test]
fn details_encoded_twice_still_decode() {
    let mut content = request_invite();
    content["details"] = json!(json!({"worldId": "wrld_1:1", "worldName": "Home"}).to_string());
    content["type"] = json!("invite");
    let event = decode_frame(&encoded("notification", &content)).expect("decodes");
    let invite = event
        .notification()
        .and_then(|n| n.details.as_invite())
        .expect("invite details");
    assert_eq!(invite.world_name, "Home");
}

#[test]
fn every_invite_related_event_decodes() {
    let response = json!({"notificationId": "not_1", "receiverId": "usr_b", "responseId": "not_2"});
    let PipelineEvent::ResponseNotification(r) =
        decode_frame(&encoded("response-notification", &response)).expect("decodes")
    else {
        panic!("response-notification");
    };
    assert_eq!(
        (
            r.notification_id.as_str(),
            r.receiver_id.as_str(),
            r.response_id.as_str()
        ),
        ("not_1", "usr_b", "not_2")
    );

    let see = json!({"type": "see-notification", "content": "not_3"}).to_string();
    assert!(
        matches!(decode_frame(&see), Ok(PipelineEvent::SeeNotification(id)) if id.as_str() == "not_3")
    );
    let hide = json!({"type": "hide-notification", "content": "\"not_4\""}).to_string();
    assert!(
        matches!(decode_frame(&hide), Ok(PipelineEvent::HideNotification(id)) if id.as_str() == "not_4")
    );
    for clear in [
        r#"{"type":"clear-notification"}"#,
        r#"{"type":"clear-notification","content":""}"#,
    ] {
        assert_eq!(decode_frame(clear), Ok(PipelineEvent::ClearNotification));
    }
}

#[test]
fn newer_notifications_keep_their_ids_and_raw_content() {
    let v2 = json!({"id": "not_v2", "version": 2, "title": "Hi"});
    let Ok(PipelineEvent::NotificationV2(event)) = decode_frame(&encoded("notification-v2", &v2))
    else {
        panic!("notification-v2");
    };
    assert_eq!((event.id.as_str(), &event.content), ("not_v2", &v2));

    let update = json!({"id": "not_v2", "version": 2, "updates": {"seen": true}});
    let Ok(PipelineEvent::NotificationV2Update(event)) =
        decode_frame(&object("notification-v2-update", &update))
    else {
        panic!("notification-v2-update");
    };
    assert_eq!(event.id, "not_v2");
    assert_eq!(event.updates, json!({"seen": true}));

    let delete = json!({"ids": ["not_a", "not_b"], "version": 2});
    let Ok(PipelineEvent::NotificationV2Delete(event)) =
        decode_frame(&encoded("notification-v2-delete", &delete))
    else {
        panic!("notification-v2-delete");
    };
    assert_eq!(event.ids, ["not_a", "not_b"]);
}

#[test]
fn friend_events_carry_the_location_and_the_raw_user() {
    let content = json!({
        "userId": "usr_f", "location": "wrld_1:99~private(usr_f)", "travelingToLocation": "",
        "worldId": "wrld_1", "canRequestInvite": true,
        "user": {"id": "usr_f", "displayName": "Friend", "extra": [1, 2]}
    });
    for (kind, frame) in [
        ("friend-location", encoded("friend-location", &content)),
        ("friend-online", object("friend-online", &content)),
    ] {
        let event = decode_frame(&frame).expect("decodes");
        assert_eq!(event.kind(), kind);
        let (PipelineEvent::FriendLocation(friend) | PipelineEvent::FriendOnline(friend)) = event
        else {
            panic!("friend event");
        };
        assert_eq!(friend.user_id.as_str(), "usr_f");
        assert_eq!(friend.location, "wrld_1:99~private(usr_f)");
        assert!(friend.can_request_invite);
        let user = friend.user.as_ref().expect("the user object");
        assert_eq!(user.to_value(), content["user"]);
        assert_eq!(friend.display_name().as_deref(), Some("Friend"));
        assert_eq!(user.get::<Vec<u8>>("extra"), Some(vec![1, 2]));
        let event = PipelineEvent::FriendLocation(friend.clone());
        assert_eq!(event.to_json()["content"]["user"], content["user"]);
    }
    let hidden = json!({"userId": "usr_f", "location": "private", "worldId": "private"});
    let Ok(PipelineEvent::FriendLocation(friend)) =
        decode_frame(&encoded("friend-location", &hidden))
    else {
        panic!("friend-location");
    };
    assert_eq!(friend.world_id.as_deref(), Some("private"));
    assert!(!friend.can_request_invite);
}

#[test]
fn other_types_are_kept_raw() {
    let content = json!({"userId": "usr_f", "anything": [1]});
    let event = decode_frame(&encoded("friend-active", &content)).expect("decodes");
    assert_eq!(
        event,
        PipelineEvent::Other {
            kind: "friend-active".to_owned(),
            content: content.clone()
        }
    );
    let plain =
        decode_frame(r#"{"type":"content-refresh","content":"not json"}"#).expect("decodes");
    assert_eq!(plain.to_json()["content"], "not json");
    assert_eq!(plain.kind(), "content-refresh");
}

#[test]
fn frames_that_do_not_decode_are_error_values() {
    assert!(matches!(
        decode_frame("not json"),
        Err(FrameError::NotJson { .. })
    ));
    assert!(matches!(
        decode_frame("[1,2]"),
        Err(FrameError::NotJson { .. })
    ));
    assert!(matches!(decode_frame("{}"), Err(FrameError::MissingType)));
    assert!(matches!(
        decode_frame(r#"{"type":"notification","content":"{\"id\":\"\"}"}"#),
        Err(FrameError::BadContent { kind, .. }) if kind == "notification"
    ));
    assert!(matches!(
        decode_frame(r#"{"type":"see-notification","content":{"id":1}}"#),
        Err(FrameError::BadContent { .. })
    ));
    let refused = decode_frame(r#"{"err":"authToken doesn't correspond with an active session"}"#);
    let Err(error) = refused else {
        panic!("an error frame")
    };
    assert!(error.is_refusal());
    assert!(error.to_string().contains("active session"));
}

#[test]
fn the_json_form_carries_the_type_and_the_notification_id() {
    let event = decode_frame(&encoded("notification", &request_invite())).expect("decodes");
    let value = event.to_json();
    assert_eq!(value["type"], "notification");
    assert_eq!(value["content"]["id"], "not_7");
    assert_eq!(value["content"]["type"], "requestInvite");
}

proptest! {
    #[test]
    fn decoding_never_panics(text in any::<String>()) {
        let _ = decode_frame(&text);
    }

    #[test]
    fn decoding_structured_garbage_never_panics(
        kind in prop_oneof![
            Just("notification".to_owned()), Just("see-notification".to_owned()),
            Just("friend-location".to_owned()), Just("notification-v2-delete".to_owned()),
            Just("response-notification".to_owned()), "[a-z-]{0,12}"
        ],
        content in "[\\[\\]{}\",:a-z0-9\\\\ ]{0,40}",
        as_string in any::<bool>(),
    ) {
        let frame = if as_string {
            json!({"type": kind, "content": content}).to_string()
        } else {
            format!(r#"{{"type":"{kind}","content":{content}}}"#)
        };
        let _ = decode_frame(&frame);
    }

    #[test]
    fn any_message_text_survives_the_double_encoding(message in any::<String>()) {
        let mut content = request_invite();
        content["message"] = json!(message);
        let event = decode_frame(&encoded("notification", &content)).expect("decodes");
        prop_assert_eq!(&event.notification().expect("notification").message, &message);
    }
}
