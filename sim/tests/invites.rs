//! Invites, invite requests, responses and self-invites, with and without photos.

mod common;

use common::*;
use http::{Method, Request, StatusCode};
use serde_json::Value;
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{InviteMessageType, MessageText, UpdateInviteMessage};
use vrchat_invite_core::models::{NotificationDetails, NotificationType};
use vrchat_invite_core::{ApiErrorKind, Endpoint, Location, NotificationId, Slot, UserId};
use vrchat_invite_sim::UserSpec;

const LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(abc)";

fn location() -> Location {
    LOCATION.parse().expect("location")
}

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

#[test]
fn an_invite_reaches_the_friend_with_the_slot_text() {
    let (sim, alice, bob) = scene();
    let session = session_as(&sim, &alice.id);
    let edit = UpdateInviteMessage::new(
        alice.id.clone(),
        InviteMessageType::Message,
        slot(4),
        MessageText::new("Party at mine!").expect("text"),
    );
    call(&sim, &session, &edit).expect("edit");
    let invite = InviteUser::new(bob.id.clone(), location()).with_message_slot(slot(4));
    let sent = call(&sim, &session, &invite).expect("invite");
    assert_eq!(sent.kind, NotificationType::Invite);
    assert_eq!(sent.sender_user_id, alice.id);
    assert_eq!(sent.receiver_user_id, bob.id);
    assert!(sent.id.as_str().starts_with("not_"));
    assert_eq!(sent.created_at.as_str(), "2026-01-01T00:00:00.000Z");
    let details = sent.details.as_invite().expect("invite details");
    assert_eq!(details.world_id, LOCATION);
    assert_eq!(details.location(), Some(location()));
    assert!(
        details.world_name.contains("4432ea9b"),
        "{}",
        details.world_name
    );
    assert_eq!(
        details.invite_message.as_deref(),
        Some("Party at mine\u{01C3}")
    );
    assert_eq!(details.image_url, None);

    let inbox = sim.notifications_for(&bob.id);
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].id, sent.id);
    assert_eq!(inbox[0].details, sent.details);
    assert!(!inbox[0].seen);
    assert!(sim.notifications_for(&alice.id).is_empty());
}

#[test]
fn an_invite_answers_a_sent_notification_with_details_as_an_object() {
    let (sim, alice, bob) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let body = format!(r#"{{"instanceId":"{LOCATION}"}}"#);
    let reply = raw(
        &sim,
        Method::POST,
        &format!("/invite/{}", bob.id),
        Some(&cookie),
        body.as_bytes(),
    );
    assert_eq!(reply.status(), StatusCode::OK);
    let value = json(&reply);
    assert_eq!(value["type"], "invite");
    assert_eq!(value["receiverUserId"], bob.id.as_str());
    assert_eq!(value["senderUserId"], alice.id.as_str());
    assert!(value["details"].is_object(), "{value}");
    assert_eq!(value["details"]["worldId"], LOCATION);
    assert!(value["details"].get("inviteMessage").is_none());
    assert!(
        value["message"]
            .as_str()
            .expect("message")
            .contains("invite")
    );
}

#[test]
fn invites_and_requests_only_go_to_friends() {
    let (sim, alice, _) = scene();
    let stranger = sim.add_user(UserSpec::new("stranger", "pw"));
    let session = session_as(&sim, &alice.id);
    let body = r#"{"error":{"message":"\"You need to be friends with that user first.\"","status_code":403}}"#;
    for error in [
        api_error(call(
            &sim,
            &session,
            &InviteUser::new(stranger.id.clone(), location()),
        )),
        api_error(call(
            &sim,
            &session,
            &RequestInvite::new(stranger.id.clone()),
        )),
        api_error(call(
            &sim,
            &session,
            &InviteUser::new(alice.id.clone(), location()),
        )),
    ] {
        assert_eq!(error.kind(), &ApiErrorKind::NotFriends);
        assert_eq!(error.raw_body(), body.as_bytes());
    }
    assert!(sim.notifications_for(&stranger.id).is_empty());
}

#[test]
fn unknown_users_are_not_found() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    let nobody = UserId::new("usr_00000000-dead-beef-0000-000000000000").expect("id");
    for error in [
        api_error(call(
            &sim,
            &session,
            &InviteUser::new(nobody.clone(), location()),
        )),
        api_error(call(&sim, &session, &RequestInvite::new(nobody.clone()))),
    ] {
        assert_eq!(error.kind(), &ApiErrorKind::NotFound);
        assert_eq!(error.message(), Some("User not found"));
    }
}

#[test]
fn bad_invite_bodies_and_locations_are_refused() {
    let (sim, alice, bob) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let path = format!("/invite/{}", bob.id);
    for (body, status) in [
        (
            format!(r#"{{"instanceId":"{LOCATION}","messageSlot":12}}"#),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!(r#"{{"instanceId":"{LOCATION}","messageSlot":-1}}"#),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!(r#"{{"instanceId":"{LOCATION}","messageSlot":"1"}}"#),
            StatusCode::BAD_REQUEST,
        ),
        (r#"{"messageSlot":1}"#.to_owned(), StatusCode::BAD_REQUEST),
        (r#"{"instanceId":"#.to_owned(), StatusCode::BAD_REQUEST),
        (String::new(), StatusCode::BAD_REQUEST),
        (
            r#"{"instanceId":"offline"}"#.to_owned(),
            StatusCode::NOT_FOUND,
        ),
        (
            r#"{"instanceId":"wrld_1"}"#.to_owned(),
            StatusCode::NOT_FOUND,
        ),
        (
            r#"{"instanceId":"usr_1:123"}"#.to_owned(),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let reply = raw(&sim, Method::POST, &path, Some(&cookie), body.as_bytes());
        assert_eq!(reply.status(), status, "{body}");
    }
    let slot_reply = raw(
        &sim,
        Method::POST,
        &path,
        Some(&cookie),
        format!(r#"{{"instanceId":"{LOCATION}","messageSlot":12}}"#).as_bytes(),
    );
    assert_eq!(
        error_message(&slot_reply),
        "\"Message slot is out of bounds.\""
    );
    let location_reply = raw(
        &sim,
        Method::POST,
        &path,
        Some(&cookie),
        br#"{"instanceId":"offline"}"#,
    );
    assert_eq!(error_message(&location_reply), "\"Instance not found\"");
    assert!(sim.notifications_for(&bob.id).is_empty());
}

#[test]
fn a_photo_invite_carries_an_image_url_that_serves_the_png() {
    let (sim, alice, bob) = scene();
    let session = session_as(&sim, &alice.id);
    let image = png();
    let invite = InviteUser::new(bob.id.clone(), location())
        .with_message_slot(slot(1))
        .with_photo(image.clone());
    let sent = call(&sim, &session, &invite).expect("photo invite");
    let details = sent.details.as_invite().expect("invite details");
    assert_eq!(details.invite_message.as_deref(), Some("Join me\u{01C3}"));
    let url = details.image_url.clone().expect("image url");
    assert!(url.starts_with(&sim.base_url()), "{url}");
    assert_eq!(sim.operation_counts()["inviteUserWithPhoto"], 1);

    let path = url
        .strip_prefix(&sim.base_url())
        .expect("below the base url");
    let file = raw(&sim, Method::GET, path, Some(&auth_cookie(&session)), b"");
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["content-type"], "image/png");
    assert_eq!(file.body(), image.as_bytes());
    let missing = raw(
        &sim,
        Method::GET,
        "/file/file_nothing/1/file",
        Some(&auth_cookie(&session)),
        b"",
    );
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

fn multipart(boundary: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, content) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(
            format!("Content-Disposition: form-data; name=\"{name}\"").as_bytes(),
        );
        if *name == "image" {
            body.extend_from_slice(b"; filename=\"image.png\"\r\nContent-Type: image/png");
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

#[test]
fn photo_bodies_need_both_parts_and_a_png() {
    let (sim, alice, bob) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let data = format!(r#"{{"instanceId":"{LOCATION}"}}"#);
    let png = png();
    let cases: Vec<(&str, Vec<u8>, StatusCode)> = vec![
        (
            "multipart/form-data; boundary=b0",
            multipart(
                "b0",
                &[("data", data.as_bytes()), ("image", png.as_bytes())],
            ),
            StatusCode::OK,
        ),
        (
            "multipart/form-data; boundary=b1",
            multipart("b1", &[("data", data.as_bytes()), ("image", b"GIF89a....")]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "multipart/form-data; boundary=b2",
            multipart("b2", &[("data", data.as_bytes())]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "multipart/form-data; boundary=b3",
            multipart("b3", &[("image", png.as_bytes())]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "multipart/form-data; boundary=b4",
            multipart("b4", &[("data", b"{not json"), ("image", png.as_bytes())]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "multipart/form-data; boundary=b5",
            b"--b5\r\ngarbage".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "multipart/form-data",
            multipart(
                "b6",
                &[("data", data.as_bytes()), ("image", png.as_bytes())],
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "application/json",
            data.clone().into_bytes(),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (content_type, body, status) in cases {
        let request = Request::builder()
            .method(Method::POST)
            .uri(format!("{}/invite/{}/photo", sim.base_url(), bob.id))
            .header("user-agent", AGENT)
            .header("cookie", &cookie)
            .header("content-type", content_type)
            .body(body)
            .expect("request");
        let reply = sim.send(&request).expect("reply");
        assert_eq!(
            reply.status(),
            status,
            "{content_type}: {}",
            String::from_utf8_lossy(reply.body())
        );
    }
    assert_eq!(sim.notifications_for(&bob.id).len(), 1);
}

#[test]
fn a_photo_route_checks_the_session_before_the_body() {
    let (sim, _, bob) = scene();
    let reply = raw(
        &sim,
        Method::POST,
        &format!("/invite/{}/photo", bob.id),
        None,
        b"junk",
    );
    assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn a_request_invite_answers_details_as_a_json_string() {
    let (sim, alice, bob) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let path = format!("/requestInvite/{}", bob.id);
    let reply = raw(
        &sim,
        Method::POST,
        &path,
        Some(&cookie),
        br#"{"requestSlot":3}"#,
    );
    assert_eq!(reply.status(), StatusCode::OK);
    let value = json(&reply);
    assert_eq!(value["type"], "requestInvite");
    assert_eq!(value["senderUserId"], alice.id.as_str());
    assert_eq!(value["seen"], false);
    let details_text = value["details"].as_str().expect("details as a string");
    let details: Value = serde_json::from_str(details_text).expect("encoded JSON");
    assert_eq!(details["requestMessage"], "Room for one more\u{FF1F}");

    let session = session_as(&sim, &alice.id);
    let parsed = call(&sim, &session, &RequestInvite::new(bob.id.clone())).expect("request");
    let NotificationDetails::RequestInvite(typed) = &parsed.details else {
        panic!("expected request details, got {:?}", parsed.details);
    };
    assert_eq!(typed.request_message, None);
    assert_eq!(parsed.receiver_user_id.as_ref(), Some(&bob.id));

    let inbox = sim.notifications_for(&bob.id);
    assert_eq!(inbox.len(), 2);
    assert!(
        inbox
            .iter()
            .all(|n| n.kind == NotificationType::RequestInvite)
    );
}

#[test]
fn a_request_body_may_be_empty_but_not_null() {
    let (sim, alice, bob) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let path = format!("/requestInvite/{}", bob.id);
    assert_eq!(
        raw(&sim, Method::POST, &path, Some(&cookie), b"").status(),
        StatusCode::OK
    );
    assert_eq!(
        raw(&sim, Method::POST, &path, Some(&cookie), b"{}").status(),
        StatusCode::OK
    );
    for body in [
        &b"null"[..],
        b"[1]",
        br#"{"requestSlot":12}"#,
        br#"{"requestSlot":true}"#,
    ] {
        let reply = raw(&sim, Method::POST, &path, Some(&cookie), body);
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST, "{body:?}");
    }
}

#[test]
fn a_photo_request_carries_an_image_url() {
    let (sim, alice, bob) = scene();
    let session = session_as(&sim, &alice.id);
    let request = RequestInvite::new(bob.id.clone())
        .with_request_slot(slot(0))
        .with_photo(png());
    let parsed = call(&sim, &session, &request).expect("photo request");
    let NotificationDetails::RequestInvite(details) = &parsed.details else {
        panic!("expected request details");
    };
    assert!(details.image_url.is_some());
    assert_eq!(
        details.request_message.as_deref(),
        Some("Can I join you\u{FF1F}")
    );
}

#[test]
fn answering_an_invite_notifies_the_sender_with_the_response_text() {
    let (sim, alice, bob) = scene();
    let alice_session = session_as(&sim, &alice.id);
    let bob_session = session_as(&sim, &bob.id);
    let invite = call(
        &sim,
        &alice_session,
        &InviteUser::new(bob.id.clone(), location()),
    )
    .expect("invite");

    let cookie = auth_cookie(&bob_session);
    let reply = raw(
        &sim,
        Method::POST,
        &format!("/invite/{}/response", invite.id),
        Some(&cookie),
        br#"{"responseSlot":3}"#,
    );
    assert_eq!(reply.status(), StatusCode::OK);
    let value = json(&reply);
    assert_eq!(value["type"], "inviteResponse");
    assert!(value["details"].is_string(), "{value}");

    let inbox = sim.notifications_for(&alice.id);
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].kind, NotificationType::InviteResponse);
    assert_eq!(inbox[0].sender_user_id, bob.id);
    let NotificationDetails::InviteResponse(details) = &inbox[0].details else {
        panic!("expected response details, got {:?}", inbox[0].details);
    };
    assert_eq!(details.in_response_to, invite.id);
    assert_eq!(details.response_message, "On my way\u{01C3}");

    // Twice is refused, and so is answering your own invite.
    let again = api_error(call(
        &sim,
        &bob_session,
        &RespondInvite::new(invite.id.clone(), slot(0)),
    ));
    assert_eq!(again.kind(), &ApiErrorKind::AlreadyResponded);
    assert_eq!(
        again.raw_body(),
        br#"{"error":{"message":"\"You've already responded to that request.\"","status_code":400}}"#
    );
    let own = api_error(call(
        &sim,
        &alice_session,
        &RespondInvite::new(invite.id.clone(), slot(0)),
    ));
    assert_eq!(own.kind(), &ApiErrorKind::OwnInvite);
    assert_eq!(
        own.message(),
        Some("You cannot respond to your own invites.")
    );
}

#[test]
fn answering_a_request_uses_the_request_response_collection() {
    let (sim, alice, bob) = scene();
    let alice_session = session_as(&sim, &alice.id);
    let bob_session = session_as(&sim, &bob.id);
    let request = call(&sim, &alice_session, &RequestInvite::new(bob.id.clone())).expect("request");
    let answer = call(
        &sim,
        &bob_session,
        &RespondInvite::new(request.id.clone(), slot(2)),
    )
    .expect("answer");
    assert_eq!(answer.kind, NotificationType::RequestInviteResponse);
    assert_eq!(answer.sender_user_id, bob.id);
    assert_eq!(answer.receiver_user_id.as_ref(), Some(&alice.id));
    let NotificationDetails::RequestInviteResponse(details) = &answer.details else {
        panic!(
            "expected request response details, got {:?}",
            answer.details
        );
    };
    assert_eq!(details.in_response_to, request.id);
    assert_eq!(
        details.request_message.as_deref(),
        Some("The instance is full\u{2024}")
    );
    assert_eq!(sim.notifications_for(&alice.id), vec![answer]);
}

#[test]
fn a_photo_response_carries_an_image_url() {
    let (sim, alice, bob) = scene();
    let invite = call(
        &sim,
        &session_as(&sim, &alice.id),
        &InviteUser::new(bob.id.clone(), location()),
    )
    .expect("invite");
    let respond = RespondInvite::new(invite.id, slot(0)).with_photo(png());
    let answer = call(&sim, &session_as(&sim, &bob.id), &respond).expect("photo response");
    let NotificationDetails::InviteResponse(details) = &answer.details else {
        panic!("expected response details");
    };
    assert!(
        details
            .image_url
            .as_deref()
            .is_some_and(|url| url.ends_with("/1/file"))
    );
    assert_eq!(sim.operation_counts()["respondInviteWithPhoto"], 1);
}

#[test]
fn responses_need_a_received_invite_and_a_slot_in_bounds() {
    let (sim, alice, bob) = scene();
    let carol = sim.add_user(UserSpec::new("carol", "pw"));
    let invite = call(
        &sim,
        &session_as(&sim, &alice.id),
        &InviteUser::new(bob.id.clone(), location()),
    )
    .expect("invite");
    let bob_cookie = auth_cookie(&session_as(&sim, &bob.id));
    let path = format!("/invite/{}/response", invite.id);
    for (body, message) in [
        (
            &br#"{"responseSlot":12}"#[..],
            "\"Response slot is out of bounds.\"",
        ),
        (
            br#"{"responseSlot":-1}"#,
            "\"Response slot is out of bounds.\"",
        ),
        (br#"{}"#, "\"responseSlot is required\""),
        (br#"{"responseSlot":"#, "\"The body is not valid JSON\""),
    ] {
        let reply = raw(&sim, Method::POST, &path, Some(&bob_cookie), body);
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error_message(&reply), message);
    }
    let carol_session = session_as(&sim, &carol.id);
    let not_hers = api_error(call(
        &sim,
        &carol_session,
        &RespondInvite::new(invite.id.clone(), slot(0)),
    ));
    assert_eq!(not_hers.kind(), &ApiErrorKind::NotFound);
    let unknown = NotificationId::new("not_00000000-0000-0000-0000-000000000000").expect("id");
    let missing = api_error(call(
        &sim,
        &carol_session,
        &RespondInvite::new(unknown, slot(0)),
    ));
    assert_eq!(missing.kind(), &ApiErrorKind::NotFound);
    // The invite is still open for bob.
    let bob_session = session_as(&sim, &bob.id);
    call(&sim, &bob_session, &RespondInvite::new(invite.id, slot(0))).expect("bob answers");
}

#[test]
fn a_response_cannot_be_answered() {
    let (sim, alice, bob) = scene();
    let invite = call(
        &sim,
        &session_as(&sim, &alice.id),
        &InviteUser::new(bob.id.clone(), location()),
    )
    .expect("invite");
    let answer = call(
        &sim,
        &session_as(&sim, &bob.id),
        &RespondInvite::new(invite.id, slot(0)),
    )
    .expect("answer");
    let error = api_error(call(
        &sim,
        &session_as(&sim, &alice.id),
        &RespondInvite::new(answer.id, slot(0)),
    ));
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
}

#[test]
fn invite_myself_answers_details_as_an_object() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    let endpoint = InviteMyselfTo::new(location());
    let request = session.request(&endpoint).expect("request");
    let reply = sim.send(&request).expect("reply");
    assert_eq!(reply.status(), StatusCode::OK);
    assert!(json(&reply)["details"].is_object());
    let sent = endpoint.parse(&reply).expect("sent notification");
    assert_eq!(sent.sender_user_id, alice.id);
    assert_eq!(sent.receiver_user_id, alice.id);
    assert_eq!(
        sent.details.as_invite().map(|d| d.world_id.as_str()),
        Some(LOCATION)
    );
    assert_eq!(sim.notifications_for(&alice.id).len(), 1);

    let own = api_error(call(&sim, &session, &RespondInvite::new(sent.id, slot(0))));
    assert_eq!(own.kind(), &ApiErrorKind::OwnInvite);
}

#[test]
fn invite_myself_to_a_malformed_location_is_not_found() {
    let (sim, alice, _) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    for location in ["offline", "wrld_only", "nowrld:123", "wrld_1:"] {
        let reply = raw(
            &sim,
            Method::POST,
            &format!("/invite/myself/to/{location}"),
            Some(&cookie),
            b"",
        );
        assert_eq!(reply.status(), StatusCode::NOT_FOUND, "{location}");
        assert_eq!(error_message(&reply), "\"Instance not found\"");
    }
}

#[test]
fn invites_need_a_session() {
    let (sim, _, bob) = scene();
    for path in [
        format!("/invite/{}", bob.id),
        format!("/requestInvite/{}", bob.id),
        "/invite/not_1/response".to_owned(),
        format!("/invite/myself/to/{LOCATION}"),
    ] {
        let reply = raw(&sim, Method::POST, &path, None, b"{}");
        assert_eq!(reply.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[test]
fn photo_errors_say_what_is_wrong() {
    let (sim, alice, bob) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let data = format!(r#"{{"instanceId":"{LOCATION}"}}"#);
    for (parts, message) in [
        (
            vec![("data", data.as_bytes()), ("image", &b"GIF89a"[..])],
            "\"The image must be a PNG file\"",
        ),
        (
            vec![("data", data.as_bytes())],
            "\"Missing multipart field\u{02F8} image\"",
        ),
    ] {
        let request = Request::builder()
            .method(Method::POST)
            .uri(format!("{}/requestInvite/{}/photo", sim.base_url(), bob.id))
            .header("user-agent", AGENT)
            .header("cookie", &cookie)
            .header("content-type", "multipart/form-data; boundary=xyz")
            .body(multipart("xyz", &parts))
            .expect("request");
        let reply = sim.send(&request).expect("reply");
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error_message(&reply), message);
    }
}
