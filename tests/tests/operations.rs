//! Every one of the 11 Invite operations over both transports against the simulator: each
//! result is checked, and both transports must produce the very same typed results (the
//! simulator's IDs and clock are deterministic, so nothing needs masking).

use std::time::Duration;

use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage, fold_punctuation,
};
use vrchat_invite_core::models::{
    InviteMessage, ItemList, Notification, NotificationDetails, NotificationType, SentNotification,
};
use vrchat_invite_core::{ApiErrorKind, Slot};
use vrchat_invite_tests::{Driver, Failure, Hyper, Ureq, World, location, tiny_png};

/// One step's typed result, kept to compare the transports.
#[derive(Debug, PartialEq)]
enum Step {
    Messages(Vec<InviteMessage>),
    Message(InviteMessage),
    Sent(SentNotification),
    Received(Notification),
    Refused(Failure),
    Inbox(Vec<Notification>),
}

/// The decoded slots of a list that must have decoded whole.
trait DecodedWhole {
    fn into_decoded_checked(self) -> Vec<InviteMessage>;
}

impl DecodedWhole for ItemList<InviteMessage> {
    fn into_decoded_checked(self) -> Vec<InviteMessage> {
        assert!(self.is_complete(), "undecodable items: {self:?}");
        self.into_decoded()
    }
}

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

fn text(value: &str) -> MessageText {
    MessageText::new(value).expect("message text")
}

fn image_url(details: &NotificationDetails) -> Option<&str> {
    match details {
        NotificationDetails::Invite(details) => details.image_url.as_deref(),
        NotificationDetails::InviteResponse(details) => details.image_url.as_deref(),
        NotificationDetails::RequestInvite(details) => details.image_url.as_deref(),
        NotificationDetails::RequestInviteResponse(details) => details.image_url.as_deref(),
        _ => None,
    }
}

/// Replaces the simulator's own address in image URLs (each run has its own port).
fn mask_address(details: &mut NotificationDetails, base_url: &str) {
    let url = match details {
        NotificationDetails::Invite(details) => &mut details.image_url,
        NotificationDetails::InviteResponse(details) => &mut details.image_url,
        NotificationDetails::RequestInvite(details) => &mut details.image_url,
        NotificationDetails::RequestInviteResponse(details) => &mut details.image_url,
        _ => return,
    };
    if let Some(url) = url {
        *url = url.replace(base_url, "<simulator>");
    }
}

impl Step {
    fn masked(mut self, base_url: &str) -> Self {
        match &mut self {
            Step::Sent(sent) => mask_address(&mut sent.details, base_url),
            Step::Received(received) => mask_address(&mut received.details, base_url),
            Step::Inbox(inbox) => {
                for notification in inbox {
                    mask_address(&mut notification.details, base_url);
                }
            }
            Step::Messages(_) | Step::Message(_) | Step::Refused(_) => {}
        }
        self
    }
}

/// Runs all 11 operations on transport `D` and returns every result, after checking each.
fn every_operation<D: Driver>() -> Vec<Step> {
    let world = World::new();
    let alice: D = world.client(&world.alice);
    let bob: D = world.client(&world.bob);
    let mut steps = Vec::new();
    let name = D::NAME;

    // getInviteMessages: 12 unedited slots.
    let list = alice
        .send(&GetInviteMessages::new(
            world.alice.id.clone(),
            InviteMessageType::Message,
        ))
        .expect("getInviteMessages")
        .into_decoded_checked();
    assert_eq!(list.len(), 12, "{name}");
    for (index, message) in list.iter().enumerate() {
        assert_eq!(usize::from(message.slot.get()), index, "{name}");
        assert_eq!(message.id.as_str(), "default", "{name}");
        assert_eq!(message.message_type, InviteMessageType::Message, "{name}");
        assert!(message.can_be_updated, "{name}");
        assert_eq!(message.remaining_cooldown_minutes, 0, "{name}");
    }
    let default_text = list[3].message.clone();
    steps.push(Step::Messages(list.clone()));

    // getInviteMessage: the same slot as in the list.
    let one = alice
        .send(&GetInviteMessage::new(
            world.alice.id.clone(),
            InviteMessageType::Message,
            slot(3),
        ))
        .expect("getInviteMessage");
    assert_eq!(one, list[3], "{name}");
    steps.push(Step::Message(one));

    // updateInviteMessage: the whole collection comes back, slot 3 edited and cooling down.
    let updated = alice
        .send(&UpdateInviteMessage::new(
            world.alice.id.clone(),
            InviteMessageType::Message,
            slot(3),
            text("Meet me at the lake, now!"),
        ))
        .expect("updateInviteMessage")
        .into_decoded_checked();
    assert_eq!(updated.len(), 12, "{name}");
    let edited = &updated[3];
    assert_eq!(
        fold_punctuation(&edited.message),
        "Meet me at the lake, now!",
        "{name}"
    );
    assert_ne!(edited.id.as_str(), "default", "{name}");
    assert!(!edited.can_be_updated, "{name}");
    assert_eq!(edited.remaining_cooldown_minutes, 59, "{name}");
    assert_eq!(updated[4], list[4], "{name}: other slots unchanged");
    steps.push(Step::Messages(updated));

    // inviteUser with that slot: bob gets an invite carrying the edited text.
    let invite = alice
        .send(&InviteUser::new(world.bob.id.clone(), location()).with_message_slot(slot(3)))
        .expect("inviteUser");
    assert_eq!(invite.kind, NotificationType::Invite, "{name}");
    assert_eq!(invite.sender_user_id, world.alice.id, "{name}");
    assert_eq!(invite.receiver_user_id, world.bob.id, "{name}");
    let details = invite.details.as_invite().expect("invite details");
    assert_eq!(details.location(), Some(location()), "{name}");
    assert_eq!(
        details
            .invite_message
            .as_deref()
            .map(fold_punctuation)
            .as_deref(),
        Some("Meet me at the lake, now!"),
        "{name}"
    );
    steps.push(Step::Sent(invite.clone()));

    // inviteUserWithPhoto: the image is stored and linked.
    let photo_invite = alice
        .send(&InviteUser::new(world.bob.id.clone(), location()).with_photo(tiny_png()))
        .expect("inviteUserWithPhoto");
    assert_eq!(photo_invite.kind, NotificationType::Invite, "{name}");
    assert!(image_url(&photo_invite.details).is_some(), "{name}");
    steps.push(Step::Sent(photo_invite.clone()));

    // requestInvite and requestInviteWithPhoto: bob asks alice.
    let request = bob
        .send(&RequestInvite::new(world.alice.id.clone()).with_request_slot(slot(1)))
        .expect("requestInvite");
    assert_eq!(request.kind, NotificationType::RequestInvite, "{name}");
    assert_eq!(request.sender_user_id, world.bob.id, "{name}");
    assert!(
        matches!(request.details, NotificationDetails::RequestInvite(_)),
        "{name}"
    );
    steps.push(Step::Received(request));

    let photo_request = bob
        .send(&RequestInvite::new(world.alice.id.clone()).with_photo(tiny_png()))
        .expect("requestInviteWithPhoto");
    assert_eq!(
        photo_request.kind,
        NotificationType::RequestInvite,
        "{name}"
    );
    assert!(image_url(&photo_request.details).is_some(), "{name}");
    steps.push(Step::Received(photo_request));

    // respondInvite and respondInviteWithPhoto: bob answers both invites.
    let response = bob
        .send(&RespondInvite::new(invite.id.clone(), slot(2)))
        .expect("respondInvite");
    assert_eq!(response.kind, NotificationType::InviteResponse, "{name}");
    match &response.details {
        NotificationDetails::InviteResponse(details) => {
            assert_eq!(details.in_response_to, invite.id, "{name}");
        }
        other => panic!("{name}: response details {other:?}"),
    }
    steps.push(Step::Received(response));

    let photo_response = bob
        .send(&RespondInvite::new(photo_invite.id.clone(), slot(0)).with_photo(tiny_png()))
        .expect("respondInviteWithPhoto");
    assert_eq!(
        photo_response.kind,
        NotificationType::InviteResponse,
        "{name}"
    );
    assert!(image_url(&photo_response.details).is_some(), "{name}");
    steps.push(Step::Received(photo_response));

    // inviteMyselfTo: alice invites herself.
    let myself = alice
        .send(&InviteMyselfTo::new(location()))
        .expect("inviteMyselfTo");
    assert_eq!(myself.receiver_user_id, world.alice.id, "{name}");
    assert_eq!(myself.sender_user_id, world.alice.id, "{name}");
    assert_eq!(
        myself.details.as_invite().and_then(|d| d.location()),
        Some(location())
    );
    steps.push(Step::Sent(myself));

    // resetInviteMessage: refused during the cooldown, then back to the default.
    let reset =
        ResetInviteMessage::new(world.alice.id.clone(), InviteMessageType::Message, slot(3));
    let refused = alice.send(&reset).expect_err("reset during the cooldown");
    assert_eq!(
        refused,
        Failure::Api {
            status: http::StatusCode::TOO_MANY_REQUESTS,
            kind: ApiErrorKind::Cooldown { minutes: 59 }
        },
        "{name}"
    );
    steps.push(Step::Refused(refused));
    world.sim.advance_clock(Duration::from_secs(60 * 60));
    let after = alice
        .send(&reset)
        .expect("resetInviteMessage")
        .into_decoded_checked();
    assert_eq!(after[3].id.as_str(), "default", "{name}");
    assert_eq!(after[3].message, default_text, "{name}");
    steps.push(Step::Messages(after));

    // What the server saw: every operation, and the notifications each created.
    let counts = world.sim.operation_counts();
    for operation in [
        "getInviteMessages",
        "getInviteMessage",
        "updateInviteMessage",
        "inviteUser",
        "inviteUserWithPhoto",
        "requestInvite",
        "requestInviteWithPhoto",
        "respondInvite",
        "respondInviteWithPhoto",
        "inviteMyselfTo",
    ] {
        assert_eq!(
            counts.get(operation),
            Some(&1),
            "{name}: {operation} in {counts:?}"
        );
    }
    assert_eq!(
        counts.get("resetInviteMessage"),
        Some(&2),
        "{name}: {counts:?}"
    );
    let bob_inbox = world.sim.notifications_for(&world.bob.id);
    assert_eq!(bob_inbox.len(), 2, "{name}: two invites");
    let alice_inbox = world.sim.notifications_for(&world.alice.id);
    // Two requests, two responses and her own invite.
    assert_eq!(alice_inbox.len(), 5, "{name}: {alice_inbox:#?}");
    steps.push(Step::Inbox(bob_inbox));
    steps.push(Step::Inbox(alice_inbox));
    let base_url = world.sim.base_url();
    steps
        .into_iter()
        .map(|step| step.masked(&base_url))
        .collect()
}

#[test]
fn every_operation_gives_the_same_typed_results_on_both_transports() {
    let over_ureq = every_operation::<Ureq>();
    let over_hyper = every_operation::<Hyper>();
    assert_eq!(over_ureq.len(), over_hyper.len());
    for (index, (ureq, hyper)) in over_ureq.iter().zip(&over_hyper).enumerate() {
        assert_eq!(ureq, hyper, "step {index} differs between ureq and hyper");
    }
}
