//! Invite message slots: defaults, edits, cooldowns, resets and every slot error.

mod common;

use std::time::Duration;

use common::*;
use http::{Method, StatusCode};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage, fold_punctuation,
};
use vrchat_invite_core::{ApiErrorKind, Slot, UserId};

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

fn update(user: &UserId, kind: InviteMessageType, n: u8, text: &str) -> UpdateInviteMessage {
    UpdateInviteMessage::new(
        user.clone(),
        kind,
        slot(n),
        MessageText::new(text).expect("text"),
    )
}

#[test]
fn every_collection_starts_with_12_default_slots() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    for kind in InviteMessageType::ALL {
        let list = call(
            &sim,
            &session,
            &GetInviteMessages::new(alice.id.clone(), kind),
        )
        .expect("list")
        .into_decoded();
        assert_eq!(list.len(), 12, "{kind}");
        for (n, message) in list.iter().enumerate() {
            assert_eq!(usize::from(message.slot.get()), n);
            assert_eq!(message.message_type, kind);
            assert_eq!(message.id.as_str(), "default");
            assert!(message.can_be_updated);
            assert_eq!(message.remaining_cooldown_minutes, 0);
            assert_eq!(message.updated_at.as_str(), "2026-01-01T00:00:00.000Z");
            assert!(!message.message.is_empty());
            assert!(
                !message.message.contains(['.', ',', '!', '?']),
                "{:?}",
                message.message
            );
        }
        let one = call(
            &sim,
            &session,
            &GetInviteMessage::new(alice.id.clone(), kind, slot(5)),
        )
        .expect("one slot");
        assert_eq!(one, list[5]);
    }
}

#[test]
fn an_edit_rewrites_punctuation_and_starts_a_60_minute_cooldown() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    sim.advance_clock(Duration::from_secs(90));
    let text = "Hi, join me! (now?) at 10:30.";
    let list = call(
        &sim,
        &session,
        &update(&alice.id, InviteMessageType::Response, 3, text),
    )
    .expect("edit")
    .into_decoded();
    assert_eq!(list.len(), 12);
    let edited = &list[3];
    assert_eq!(
        edited.message,
        "Hi\u{201A} join me\u{01C3} \u{FF08}now\u{FF1F}\u{FF09} at 10\u{02F8}30\u{2024}"
    );
    assert_eq!(fold_punctuation(&edited.message), text);
    assert!(edited.id.as_str().starts_with("invm_"), "{}", edited.id);
    assert!(!edited.can_be_updated);
    assert_eq!(
        edited.remaining_cooldown_minutes, 59,
        "counted down from 59"
    );
    assert_eq!(edited.updated_at.as_str(), "2026-01-01T00:01:30.000Z");
    assert_eq!(edited.message_type, InviteMessageType::Response);
    for other in list.iter().filter(|m| m.slot != slot(3)) {
        assert_eq!(other.id.as_str(), "default");
        assert!(other.can_be_updated);
    }
    // The other collections are untouched.
    let messages = call(
        &sim,
        &session,
        &GetInviteMessage::new(alice.id.clone(), InviteMessageType::Message, slot(3)),
    )
    .expect("read");
    assert_eq!(messages.id.as_str(), "default");
}

#[test]
fn a_second_edit_waits_for_the_cooldown() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    let kind = InviteMessageType::Message;
    call(&sim, &session, &update(&alice.id, kind, 0, "first")).expect("first edit");

    let error = call(&sim, &session, &update(&alice.id, kind, 0, "second")).expect_err("cooldown");
    assert_eq!(
        error.cooldown_minutes(),
        Some(59),
        "VRChat counts down from 59"
    );
    let api = error.api().expect("api error");
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        api.message(),
        Some("Please wait 59 more minutes until you try again\u{2024}")
    );

    // One second after the edit, byte for byte as VRChat answers.
    sim.advance_clock(Duration::from_secs(1));
    let raw_reply = raw(
        &sim,
        Method::PUT,
        &format!("/message/{}/message/0", alice.id),
        Some(&auth_cookie(&session)),
        br#"{"message":"second"}"#,
    );
    assert_eq!(raw_reply.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        std::str::from_utf8(raw_reply.body()).expect("utf-8"),
        "{\"error\":{\"message\":\"Please wait 59 more minutes until you try again\u{2024}\",\"status_code\":429}}"
    );

    sim.advance_clock(Duration::from_secs(30 * 60));
    let error = call(&sim, &session, &update(&alice.id, kind, 0, "second")).expect_err("cooldown");
    assert_eq!(
        error.cooldown_minutes(),
        Some(29),
        "29:59 left, rounded down"
    );
    let read = call(
        &sim,
        &session,
        &GetInviteMessage::new(alice.id.clone(), kind, slot(0)),
    )
    .expect("read");
    assert_eq!(read.remaining_cooldown_minutes, 29);
    assert!(!read.can_be_updated);
    assert_eq!(read.message, "first");

    sim.advance_clock(Duration::from_secs(29 * 60 + 30));
    let error = call(&sim, &session, &update(&alice.id, kind, 0, "second")).expect_err("cooldown");
    assert_eq!(
        error.cooldown_minutes(),
        Some(0),
        "the last minute reads 0, and the slot is still locked"
    );
    let read = call(
        &sim,
        &session,
        &GetInviteMessage::new(alice.id.clone(), kind, slot(0)),
    )
    .expect("read");
    assert_eq!(read.remaining_cooldown_minutes, 0);
    assert!(!read.can_be_updated);

    // Other slots are free meanwhile.
    call(&sim, &session, &update(&alice.id, kind, 1, "other slot")).expect("another slot");

    sim.advance_clock(Duration::from_secs(30));
    let list = call(&sim, &session, &update(&alice.id, kind, 0, "second"))
        .expect("after cooldown")
        .into_decoded();
    assert_eq!(list[0].message, "second");
    assert_eq!(list[0].remaining_cooldown_minutes, 59);
}

#[test]
fn reset_respects_the_cooldown_without_restarting_it() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    let kind = InviteMessageType::RequestResponse;
    let defaults = call(
        &sim,
        &session,
        &GetInviteMessages::new(alice.id.clone(), kind),
    )
    .expect("list")
    .into_decoded();
    call(&sim, &session, &update(&alice.id, kind, 7, "custom")).expect("edit");

    let reset = ResetInviteMessage::new(alice.id.clone(), kind, slot(7));
    sim.advance_clock(Duration::from_secs(10 * 60));
    let error = call(&sim, &session, &reset).expect_err("cooldown");
    assert_eq!(
        error.cooldown_minutes(),
        Some(49),
        "50 minutes left, the one under way not counted"
    );

    sim.advance_clock(Duration::from_secs(50 * 60));
    let list = call(&sim, &session, &reset)
        .expect("reset after the cooldown")
        .into_decoded();
    assert_eq!(list[7].message, defaults[7].message);
    assert_eq!(list[7].id.as_str(), "default");
    assert!(list[7].can_be_updated);
    assert_eq!(list[7].updated_at.as_str(), "2026-01-01T01:00:00.000Z");

    // Nothing left to reset.
    let again = api_error(call(&sim, &session, &reset));
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        again.message(),
        Some("There's no entry for that slot\u{2024}")
    );
    // The reset started no cooldown: editing right away works.
    call(&sim, &session, &update(&alice.id, kind, 7, "again")).expect("edit after reset");
}

#[test]
fn resetting_a_slot_never_edited_is_not_found() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    let reset = ResetInviteMessage::new(alice.id.clone(), InviteMessageType::Request, slot(0));
    let error = api_error(call(&sim, &session, &reset));
    assert_eq!(error.kind(), &ApiErrorKind::NotFound);
    let raw_reply = raw(
        &sim,
        Method::DELETE,
        &format!("/message/{}/request/0", alice.id),
        Some(&auth_cookie(&session)),
        b"",
    );
    assert_eq!(
        std::str::from_utf8(raw_reply.body()).expect("utf-8"),
        "{\"error\":{\"message\":\"There's no entry for that slot\u{2024}\",\"status_code\":404}}",
        "VRChat's dot, byte for byte"
    );
}

#[test]
fn slot_numbers_out_of_range_get_the_spec_errors() {
    let (sim, alice, _) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let base = format!("/message/{}/message", alice.id);
    let negative = "Really? A negative slot? Tsk-tsk\u{2024}\u{2024}\u{2024}";
    let too_high = "That is too high of a slot number\u{2024}";
    let body = br#"{"message":"hi"}"#;
    for (method, number, status, message) in [
        (Method::GET, "-1", StatusCode::BAD_REQUEST, Some(negative)),
        (Method::PUT, "-1", StatusCode::BAD_REQUEST, Some(negative)),
        (
            Method::DELETE,
            "-5",
            StatusCode::BAD_REQUEST,
            Some(negative),
        ),
        (Method::PUT, "12", StatusCode::BAD_REQUEST, Some(too_high)),
        (
            Method::DELETE,
            "99",
            StatusCode::BAD_REQUEST,
            Some(too_high),
        ),
        (Method::GET, "12", StatusCode::NOT_FOUND, None),
        (
            Method::PUT,
            "abc",
            StatusCode::BAD_REQUEST,
            Some("\"Invalid slot number\""),
        ),
    ] {
        let reply = raw(
            &sim,
            method.clone(),
            &format!("{base}/{number}"),
            Some(&cookie),
            body,
        );
        assert_eq!(reply.status(), status, "{method} {number}");
        match message {
            Some(message) => assert_eq!(error_message(&reply), message, "{method} {number}"),
            None => assert_eq!(
                json(&reply),
                serde_json::json!({"error": {"status_code": 404}})
            ),
        }
    }
    // The core classifies the 400s as slot errors.
    let reply = raw(
        &sim,
        Method::PUT,
        &format!("{base}/12"),
        Some(&cookie),
        body,
    );
    let error =
        vrchat_invite_core::ApiError::from_parts(reply.status(), reply.headers(), reply.body());
    assert_eq!(error.kind(), &ApiErrorKind::InvalidSlot);
}

#[test]
fn only_your_own_messages() {
    let (sim, alice, bob) = scene();
    let session = session_as(&sim, &alice.id);
    let list = GetInviteMessages::new(bob.id.clone(), InviteMessageType::Message);
    let error = api_error(call(&sim, &session, &list));
    assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        error.message(),
        Some("You are not authorized to perform that action\u{2024}")
    );
    for endpoint_error in [
        api_error(call(
            &sim,
            &session,
            &update(&bob.id, InviteMessageType::Message, 0, "x"),
        )),
        api_error(call(
            &sim,
            &session,
            &ResetInviteMessage::new(bob.id.clone(), InviteMessageType::Message, slot(0)),
        )),
        api_error(call(
            &sim,
            &session,
            &GetInviteMessage::new(
                UserId::new("usr_nobody").expect("id"),
                InviteMessageType::Message,
                slot(0),
            ),
        )),
    ] {
        assert_eq!(endpoint_error.kind(), &ApiErrorKind::Unauthorized);
    }
}

#[test]
fn unknown_message_types_are_bad_requests() {
    let (sim, alice, _) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    for path in [
        format!("/message/{}/Message", alice.id),
        format!("/message/{}/invite/0", alice.id),
    ] {
        let reply = raw(&sim, Method::GET, &path, Some(&cookie), b"");
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(error_message(&reply), "\"Invalid message type\"");
    }
}

#[test]
fn malformed_edit_bodies_are_bad_requests() {
    let (sim, alice, _) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let path = format!("/message/{}/message/2", alice.id);
    for body in [
        &b"{\"message\":"[..],
        b"",
        b"[]",
        b"{}",
        br#"{"message":42}"#,
        br#"{"message":"   "}"#,
        b"\xff\xfe",
    ] {
        let reply = raw(&sim, Method::PUT, &path, Some(&cookie), body);
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST, "{body:?}");
        assert!(json(&reply)["error"]["message"].is_string());
    }
    // None of them started a cooldown.
    let ok = raw(
        &sim,
        Method::PUT,
        &path,
        Some(&cookie),
        br#"{"message":"fine"}"#,
    );
    assert_eq!(ok.status(), StatusCode::OK);
}

#[test]
fn messages_need_a_session() {
    let (sim, alice, _) = scene();
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        let reply = raw(
            &sim,
            method.clone(),
            &format!("/message/{}/message/0", alice.id),
            None,
            b"",
        );
        assert_eq!(reply.status(), StatusCode::UNAUTHORIZED, "{method}");
        assert_eq!(error_message(&reply), "\"Missing Credentials\"");
    }
    let with_api_key_only = raw(
        &sim,
        Method::GET,
        &format!("/message/{}/message", alice.id),
        Some("apiKey=JlE5Jldo5Jibnk5O5hTx6XVqsJu4WJ26"),
        b"",
    );
    assert_eq!(with_api_key_only.status(), StatusCode::UNAUTHORIZED);
}
