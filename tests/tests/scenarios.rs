//! The Invite API's rules, played over both transports against the simulator: invite and
//! respond, the edit cooldown, reset during and after it, friends only, the User-Agent rule,
//! and what goes over the wire.

use std::time::Duration;

use http::StatusCode;
use vrchat_invite_core::invite::{InviteUser, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage, UpdateInviteMessage,
    fold_punctuation,
};
use vrchat_invite_core::models::{NotificationDetails, NotificationType};
use vrchat_invite_core::{ApiErrorKind, Endpoint, Slot};
use vrchat_invite_tests::{Driver, Failure, Hyper, Ureq, World, location};

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

fn update(world: &World, n: u8, value: &str) -> UpdateInviteMessage {
    UpdateInviteMessage::new(
        world.alice.id.clone(),
        InviteMessageType::Message,
        slot(n),
        MessageText::new(value).expect("text"),
    )
}

fn cooldown(minutes: u32) -> Failure {
    Failure::Api {
        status: StatusCode::TOO_MANY_REQUESTS,
        kind: ApiErrorKind::Cooldown { minutes },
    }
}

/// A invites B with a message slot; B finds the invite and answers with a response slot;
/// A receives the response with that slot's text.
fn invite_and_respond<D: Driver>() {
    let world = World::new();
    let (alice, bob): (D, D) = (world.client(&world.alice), world.client(&world.bob));

    let messages = alice
        .send(&GetInviteMessages::new(
            world.alice.id.clone(),
            InviteMessageType::Message,
        ))
        .expect("messages")
        .into_decoded();
    let responses = bob
        .send(&GetInviteMessages::new(
            world.bob.id.clone(),
            InviteMessageType::Response,
        ))
        .expect("responses")
        .into_decoded();

    let sent = alice
        .send(&InviteUser::new(world.bob.id.clone(), location()).with_message_slot(slot(5)))
        .expect("invite");

    let inbox = world.sim.notifications_for(&world.bob.id);
    let received = inbox
        .iter()
        .find(|notification| notification.kind == NotificationType::Invite)
        .expect("bob received the invite");
    assert_eq!(received.id, sent.id);
    assert_eq!(received.sender_user_id, world.alice.id);
    let details = received.details.as_invite().expect("typed invite details");
    assert_eq!(details.location(), Some(location()));
    assert_eq!(
        details.invite_message.as_deref(),
        Some(messages[5].message.as_str())
    );

    let answer = bob
        .send(&RespondInvite::new(received.id.clone(), slot(7)))
        .expect("respond");
    assert_eq!(answer.kind, NotificationType::InviteResponse);

    let alice_inbox = world.sim.notifications_for(&world.alice.id);
    let response = alice_inbox
        .iter()
        .find(|notification| notification.kind == NotificationType::InviteResponse)
        .expect("alice received the response");
    assert_eq!(response.sender_user_id, world.bob.id);
    match &response.details {
        NotificationDetails::InviteResponse(details) => {
            assert_eq!(details.in_response_to, sent.id);
            assert_eq!(details.response_message, responses[7].message);
        }
        other => panic!("{}: response details {other:?}", D::NAME),
    }

    // Answering twice is refused.
    let again = bob
        .send(&RespondInvite::new(received.id.clone(), slot(7)))
        .expect_err("second answer");
    assert!(
        matches!(
            &again,
            Failure::Api {
                kind: ApiErrorKind::AlreadyResponded,
                ..
            }
        ),
        "{}: {again:?}",
        D::NAME
    );
}

/// An edit starts a 60-minute cooldown: a second edit is refused with the minutes left
/// (counted down from 59, as VRChat counts them), and succeeds once the clock has moved
/// past it.
fn edit_cooldown<D: Driver>() {
    let world = World::new();
    let alice: D = world.client(&world.alice);

    let first = alice
        .send(&update(&world, 2, "First edit."))
        .expect("first edit")
        .into_decoded();
    assert_eq!(fold_punctuation(&first[2].message), "First edit.");
    assert_eq!(first[2].remaining_cooldown_minutes, 59);

    assert_eq!(
        alice
            .send(&update(&world, 2, "Too soon."))
            .expect_err("second edit"),
        cooldown(59)
    );
    world.sim.advance_clock(Duration::from_secs(25 * 60));
    assert_eq!(
        alice
            .send(&update(&world, 2, "Still too soon."))
            .expect_err("third edit"),
        cooldown(34)
    );
    // Other slots are not affected.
    alice
        .send(&update(&world, 9, "Another slot."))
        .expect("other slot");

    world.sim.advance_clock(Duration::from_secs(35 * 60));
    let later = alice
        .send(&update(&world, 2, "Second edit!"))
        .expect("after the cooldown")
        .into_decoded();
    assert_eq!(fold_punctuation(&later[2].message), "Second edit!");
    assert_eq!(fold_punctuation(&later[9].message), "Another slot.");
}

/// A reset during the cooldown is refused; after it, the slot is back to its default.
fn reset_respects_the_cooldown<D: Driver>() {
    let world = World::new();
    let alice: D = world.client(&world.alice);
    let list = GetInviteMessages::new(world.alice.id.clone(), InviteMessageType::Message);
    let defaults = alice.send(&list).expect("defaults").into_decoded();

    alice.send(&update(&world, 4, "Edited.")).expect("edit");
    let reset =
        ResetInviteMessage::new(world.alice.id.clone(), InviteMessageType::Message, slot(4));
    world.sim.advance_clock(Duration::from_secs(10 * 60));
    assert_eq!(
        alice.send(&reset).expect_err("reset too soon"),
        cooldown(49)
    );
    // The refused reset did not restart the cooldown.
    world.sim.advance_clock(Duration::from_secs(50 * 60));
    let after = alice.send(&reset).expect("reset").into_decoded();
    assert_eq!(after[4].message, defaults[4].message);
    assert_eq!(after[4].id.as_str(), "default");
    assert_eq!(after[4].slot, slot(4));
    // A reset stamps the slot with the current time; the text and ID are the defaults.
    assert_eq!(after[3], defaults[3]);
    assert_eq!(alice.send(&list).expect("list"), after.into());
}

/// Invites and invite requests go to friends only.
fn friends_only<D: Driver>() {
    let world = World::new();
    let alice: D = world.client(&world.alice);
    let not_friends = Failure::Api {
        status: StatusCode::FORBIDDEN,
        kind: ApiErrorKind::NotFriends,
    };
    assert_eq!(
        alice
            .send(&InviteUser::new(world.carol.id.clone(), location()))
            .expect_err("invite a stranger"),
        not_friends
    );
    assert_eq!(
        alice
            .send(&RequestInvite::new(world.carol.id.clone()))
            .expect_err("ask a stranger"),
        not_friends
    );
    assert!(world.sim.notifications_for(&world.carol.id).is_empty());
}

vrchat_invite_tests::on_both_transports!(
    invite_and_respond,
    edit_cooldown,
    reset_respects_the_cooldown,
    friends_only
);

#[test]
fn requests_on_the_wire_are_the_same_from_both_transports() {
    let mut logs = Vec::new();
    for transport in ["ureq", "hyper"] {
        let world = World::new();
        let invite = InviteUser::new(world.bob.id.clone(), location()).with_message_slot(slot(1));
        let list = GetInviteMessages::new(world.alice.id.clone(), InviteMessageType::Message);
        if transport == "ureq" {
            let alice: Ureq = world.client(&world.alice);
            alice.send(&invite).expect("invite");
            alice.send(&list).expect("list");
        } else {
            let alice: Hyper = world.client(&world.alice);
            alice.send(&invite).expect("invite");
            alice.send(&list).expect("list");
        }
        let expected = world.session(&world.alice);
        let log = world.sim.request_log();
        assert_eq!(log.len(), 2, "{transport}");
        for (logged, built) in log
            .iter()
            .zip([expected.request(&invite), expected.request(&list)])
        {
            let built = built.expect("request");
            assert_eq!(logged.method, built.method(), "{transport}");
            assert_eq!(
                Some(logged.path.as_str()),
                built.uri().path_and_query().map(|p| p.as_str())
            );
            assert_eq!(logged.body, *built.body(), "{transport}");
            for (name, value) in built.headers() {
                if name != http::header::COOKIE {
                    assert_eq!(logged.headers.get(name), Some(value), "{transport}: {name}");
                }
            }
            let cookie = logged.headers.get(http::header::COOKIE).expect("cookie");
            assert!(
                cookie.to_str().expect("ascii").starts_with("auth="),
                "{transport}"
            );
        }
        // Headers that differ per transport or per run are left out of the comparison.
        logs.push(
            log.iter()
                .map(|logged| {
                    let mut names: Vec<_> = logged
                        .headers
                        .keys()
                        .map(|name| name.as_str().to_owned())
                        .filter(|name| name != "host")
                        .collect();
                    names.sort();
                    (
                        logged.method.clone(),
                        logged.path.clone(),
                        logged.body.clone(),
                        names,
                    )
                })
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(logs[0], logs[1]);
}

#[test]
fn a_request_without_a_user_agent_meets_the_firewall() {
    let world = World::new();
    let list = GetInviteMessages::new(world.alice.id.clone(), InviteMessageType::Message);
    let mut request = world.session(&world.alice).request(&list).expect("request");
    request.headers_mut().remove(http::header::USER_AGENT);

    let ureq = vrchat_invite_ureq::Client::new(world.session(&world.alice)).expect("client");
    let reply = ureq.execute(request.clone()).expect("ureq reply");
    let hyper = vrchat_invite_hyper::Client::new(world.session(&world.alice)).expect("client");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let hyper_reply = runtime
        .block_on(hyper.execute(request))
        .expect("hyper reply");

    for reply in [reply, hyper_reply] {
        assert_eq!(reply.status(), StatusCode::FORBIDDEN);
        let error = list.parse(&reply).expect_err("firewall");
        let api = error.api().expect("API error");
        assert_eq!(api.kind(), &ApiErrorKind::BlockedUserAgent);
        assert!(api.waf_code().is_some());
    }
}
