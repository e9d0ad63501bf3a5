//! A photo is an option of the invite, request and answer operations: it changes the path
//! (`/photo`) and the body (multipart around the same JSON), and nothing else.

use proptest::prelude::*;
use vrchat_invite_core::invite::{InviteUser, Png, RequestInvite, RespondInvite};
use vrchat_invite_core::transport::RequestBody;
use vrchat_invite_core::{Endpoint, Location, NotificationId, Slot, UserId};

fn user() -> UserId {
    UserId::new("usr_b").expect("user")
}

fn location() -> Location {
    "wrld_1:12345~region(eu)".parse().expect("location")
}

fn notification() -> NotificationId {
    NotificationId::new("not_1").expect("notification")
}

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

fn png(extra: &[u8]) -> Png {
    let mut bytes = Png::SIGNATURE.to_vec();
    bytes.extend_from_slice(extra);
    Png::new(bytes).expect("png")
}

/// The `data` part of a multipart body: the bytes between its header block and the next
/// boundary line.
fn data_part(body: &RequestBody) -> Vec<u8> {
    let RequestBody::Multipart { boundary, bytes } = body else {
        panic!("not multipart: {body:?}");
    };
    let head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n");
    assert!(bytes.starts_with(head.as_bytes()), "data part first");
    let rest = &bytes[head.len()..];
    let end = format!("\r\n--{boundary}\r\n");
    let at = rest
        .windows(end.len())
        .position(|window| window == end.as_bytes())
        .expect("a boundary after the data part");
    rest[..at].to_vec()
}

fn json(body: &RequestBody) -> Vec<u8> {
    let RequestBody::Json(bytes) = body else {
        panic!("not JSON: {body:?}");
    };
    bytes.clone()
}

/// With and without the photo, everything but the path and the body is the same.
fn assert_only_path_and_body_change<E: Endpoint + std::fmt::Debug>(plain: &E, photo: &E) {
    assert_eq!(photo.path(), plain.path() + "/photo");
    assert_eq!(data_part(&photo.body()), json(&plain.body()));
    assert_eq!(photo.method(), plain.method());
    assert_eq!(photo.action(), plain.action());
    assert_eq!(photo.has_effect(), plain.has_effect());
    assert!(photo.has_effect());
    assert_eq!(photo.authentication(), plain.authentication());
}

#[test]
fn an_invite_with_a_photo() {
    let plain = InviteUser::new(user(), location()).with_message_slot(slot(2));
    let photo = plain.clone().with_photo(png(b"one"));
    assert_eq!(plain.photo(), None);
    assert_eq!(photo.photo(), Some(&png(b"one")));
    assert_eq!(photo.path(), "/invite/usr_b/photo");
    assert_only_path_and_body_change(&plain, &photo);
}

#[test]
fn a_request_with_a_photo() {
    let plain = RequestInvite::new(user());
    let photo = plain.clone().with_photo(png(b"two"));
    assert_eq!(photo.photo(), Some(&png(b"two")));
    assert_eq!(photo.path(), "/requestInvite/usr_b/photo");
    assert_eq!(data_part(&photo.body()), b"{}");
    assert_only_path_and_body_change(&plain, &photo);
}

#[test]
fn an_answer_with_a_photo() {
    let plain = RespondInvite::new(notification(), slot(11));
    let photo = plain.clone().with_photo(png(b"three"));
    assert_eq!(photo.photo(), Some(&png(b"three")));
    assert_eq!(photo.path(), "/invite/not_1/response/photo");
    assert_only_path_and_body_change(&plain, &photo);
}

#[test]
fn the_last_photo_given_is_sent() {
    let invite = InviteUser::new(user(), location())
        .with_photo(png(b"first"))
        .with_photo(png(b"second"));
    assert_eq!(invite.photo(), Some(&png(b"second")));
}

#[test]
fn slots_take_a_slot_or_an_option() {
    let invite = InviteUser::new(user(), location());
    assert_eq!(
        invite.clone().with_message_slot(slot(4)),
        invite.clone().with_message_slot(Some(slot(4)))
    );
    let cleared = invite
        .clone()
        .with_message_slot(slot(4))
        .with_message_slot(None);
    assert_eq!(cleared, invite);
    assert_eq!(
        json(&cleared.body()),
        br#"{"instanceId":"wrld_1:12345~region(eu)"}"#
    );

    let request = RequestInvite::new(user());
    assert_eq!(
        request.clone().with_request_slot(slot(5)),
        request.clone().with_request_slot(Some(slot(5)))
    );
    assert_eq!(request.clone().with_request_slot(None), request);
    assert_eq!(
        json(&request.with_request_slot(slot(5)).body()),
        br#"{"requestSlot":5}"#
    );
}

fn maybe_slot() -> impl Strategy<Value = Option<Slot>> {
    proptest::option::of((0u8..=11).prop_map(slot))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the slot and the image, the photo form carries exactly the plain JSON.
    #[test]
    fn the_photo_form_wraps_the_plain_json(
        message in maybe_slot(),
        request in maybe_slot(),
        response in 0u8..=11,
        image in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let image = png(&image);
        let invite = InviteUser::new(user(), location()).with_message_slot(message);
        let photo = invite.clone().with_photo(image.clone());
        prop_assert_eq!(invite.message_slot(), message);
        prop_assert_eq!(data_part(&photo.body()), json(&invite.body()));

        let ask = RequestInvite::new(user()).with_request_slot(request);
        let photo = ask.clone().with_photo(image.clone());
        prop_assert_eq!(ask.request_slot(), request);
        prop_assert_eq!(data_part(&photo.body()), json(&ask.body()));

        let answer = RespondInvite::new(notification(), slot(response));
        let photo = answer.clone().with_photo(image);
        prop_assert_eq!(data_part(&photo.body()), json(&answer.body()));
    }
}
