//! A 2xx reply that does not decode says whether the server already did what was asked, so
//! an invite, request, response or edit is never sent twice by mistake.

use http::Response;
use vrchat_invite_core::auth::{GetCurrentUser, VerifyAuthToken};
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, Png, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage,
};
use vrchat_invite_core::{Endpoint, Error, Location, NotificationId, Slot, UserId};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82";

fn user() -> UserId {
    UserId::new("usr_1").expect("user")
}

fn location() -> Location {
    "wrld_1:123~region(eu)".parse().expect("location")
}

fn notification() -> NotificationId {
    NotificationId::new("not_1").expect("notification")
}

fn slot() -> Slot {
    Slot::new(4).expect("slot")
}

fn png() -> Png {
    Png::new(PNG.to_vec()).expect("png")
}

/// The error of `endpoint` for a 200 whose body is an HTML page.
fn unreadable<E: Endpoint>(endpoint: &E) -> Error
where
    E::Output: std::fmt::Debug,
{
    let reply = Response::builder()
        .status(200)
        .body(b"<html>Saved!</html>".to_vec())
        .expect("reply");
    let error = endpoint.parse(&reply).expect_err("undecodable");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    error
}

fn assert_took_effect(what: &str, error: &Error) {
    assert!(error.took_effect(), "{what}: {error}");
    assert!(
        error.to_string().contains("do not resend"),
        "{what}: {error}"
    );
}

#[test]
fn every_operation_that_changes_something_says_it_was_done() {
    let text = || MessageText::new("Hi").expect("text");
    let kind = InviteMessageType::Message;
    let cases = [
        ("invite", unreadable(&InviteUser::new(user(), location()))),
        (
            "invite with photo",
            unreadable(&InviteUser::new(user(), location()).with_photo(png())),
        ),
        ("request", unreadable(&RequestInvite::new(user()))),
        (
            "request with photo",
            unreadable(&RequestInvite::new(user()).with_photo(png())),
        ),
        (
            "respond",
            unreadable(&RespondInvite::new(notification(), slot())),
        ),
        (
            "respond with photo",
            unreadable(&RespondInvite::new(notification(), slot()).with_photo(png())),
        ),
        (
            "invite myself",
            unreadable(&InviteMyselfTo::new(location())),
        ),
        (
            "edit",
            unreadable(&UpdateInviteMessage::new(user(), kind, slot(), text())),
        ),
        (
            "reset",
            unreadable(&ResetInviteMessage::new(user(), kind, slot())),
        ),
    ];
    for (what, error) in &cases {
        assert_took_effect(what, error);
    }
}

#[test]
fn reads_do_not_claim_an_effect() {
    let kind = InviteMessageType::Message;
    let cases = [
        ("list", unreadable(&GetInviteMessages::new(user(), kind))),
        (
            "get",
            unreadable(&GetInviteMessage::new(user(), kind, slot())),
        ),
        ("user", unreadable(&GetCurrentUser::with_session())),
        ("token check", unreadable(&VerifyAuthToken)),
    ];
    for (what, error) in &cases {
        assert!(!error.took_effect(), "{what}: {error}");
        assert!(
            !error.to_string().contains("do not resend"),
            "{what}: {error}"
        );
    }
}
