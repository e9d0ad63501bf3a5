//! The inbox over both transports against the simulator: the whole invite loop through the
//! API (no ID copied from the sender's side), get, see, hide, clear, paging and `after`,
//! unknown and foreign IDs; and a list with a bad item from a canned server.

use std::collections::HashSet;

use http::StatusCode;
use vrchat_invite_core::inbox::{
    ClearNotifications, GetNotification, HideNotification, ListNotifications, MarkNotificationSeen,
    NotificationPager, NotificationsAfter, PageSize, Received,
};
use vrchat_invite_core::invite::{InviteUser, RequestInvite};
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::models::{Notification, NotificationType};
use vrchat_invite_core::{ApiErrorKind, Endpoint, NotificationId, Slot, UserId};
use vrchat_invite_tests::{
    Driver, Failure, Fault, FaultServer, Hyper, Ureq, World, location, reply_bytes, session_at,
};

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

/// Every notification `client` received, page by page.
fn inbox<D: Driver>(client: &D) -> Vec<Notification> {
    let mut pager = NotificationPager::new(ListNotifications::new());
    let mut all = Vec::new();
    while let Some(request) = pager.next_request() {
        let page = client.send(&request).expect("list");
        assert!(page.is_complete(), "{}: {page:?}", D::NAME);
        pager.record(&page);
        all.extend(page.into_decoded());
    }
    all
}

fn slot_text<D: Driver>(client: &D, user: &UserId, kind: InviteMessageType, n: u8) -> String {
    client
        .send(&GetInviteMessages::new(user.clone(), kind))
        .expect("messages")
        .decoded()
        .find(|message| message.slot == slot(n))
        .map(|message| message.message.clone())
        .expect("slot text")
}

fn not_found() -> Failure {
    Failure::Api {
        status: StatusCode::NOT_FOUND,
        kind: ApiErrorKind::NotFound,
    }
}

/// A invites B; B finds the invite in B's inbox and answers it with a slot; A finds the
/// answer in A's inbox. B asks A for an invite; A finds the request and invites B.
fn the_invite_loop<D: Driver>() {
    let world = World::new();
    let (alice, bob): (D, D) = (world.client(&world.alice), world.client(&world.bob));
    let invite_text = slot_text(&alice, &world.alice.id, InviteMessageType::Message, 5);
    let response_text = slot_text(&bob, &world.bob.id, InviteMessageType::Response, 7);

    let sent = alice
        .send(&InviteUser::new(world.bob.id.clone(), location()).with_message_slot(slot(5)))
        .expect("invite");

    let bob_inbox = inbox(&bob);
    assert_eq!(bob_inbox.len(), 1, "{}: {bob_inbox:?}", D::NAME);
    let Received::Invite(invite) = bob_inbox[0].received() else {
        panic!("{}: not an invite: {:?}", D::NAME, bob_inbox[0]);
    };
    assert_eq!(invite.id(), &sent.id);
    assert_eq!(invite.sender(), &world.alice.id);
    assert_eq!(invite.location(), Some(location()));
    assert_eq!(invite.message(), Some(invite_text.as_str()));
    assert!(!invite.notification().seen);
    assert_eq!(invite.notification().receiver_user_id, None);

    let answer = bob.send(&invite.respond(slot(7))).expect("respond");
    assert_eq!(answer.kind, NotificationType::InviteResponse);

    let alice_inbox = inbox(&alice);
    assert_eq!(alice_inbox.len(), 1, "{}: {alice_inbox:?}", D::NAME);
    let Received::InviteResponse(response) = alice_inbox[0].received() else {
        panic!("{}: not a response: {:?}", D::NAME, alice_inbox[0]);
    };
    assert_eq!(response.id(), &answer.id);
    assert_eq!(response.sender(), &world.bob.id);
    assert_eq!(response.in_response_to(), &sent.id);
    assert_eq!(response.message(), response_text);

    bob.send(&RequestInvite::new(world.alice.id.clone()))
        .expect("request");
    let alice_inbox = inbox(&alice);
    let Received::InviteRequest(request) = alice_inbox[0].received() else {
        panic!("{}: newest is not the request: {alice_inbox:?}", D::NAME);
    };
    assert_eq!(request.sender(), &world.bob.id);
    let granted = alice
        .send(&request.invite_to(location()))
        .expect("invite the requester");
    assert_eq!(granted.receiver_user_id, world.bob.id);

    let bob_inbox = inbox(&bob);
    let ids: Vec<&NotificationId> = bob_inbox.iter().map(|n| &n.id).collect();
    assert_eq!(ids, [&granted.id, &sent.id], "{}: newest first", D::NAME);
}

/// Get one by ID, mark it seen, hide it, clear them all: each changes what later calls
/// return.
fn get_see_hide_clear<D: Driver>() {
    let world = World::new();
    let (alice, bob): (D, D) = (world.client(&world.alice), world.client(&world.bob));
    let first = alice
        .send(&InviteUser::new(world.bob.id.clone(), location()))
        .expect("first invite");
    let second = alice
        .send(&InviteUser::new(world.bob.id.clone(), location()))
        .expect("second invite");

    let listed = inbox(&bob);
    let got = bob
        .send(&GetNotification::new(first.id.clone()))
        .expect("get");
    assert_eq!(Some(&got), listed.iter().find(|n| n.id == first.id));
    assert!(!got.seen);

    let seen = bob
        .send(&MarkNotificationSeen::new(first.id.clone()))
        .expect("see");
    assert_eq!(seen.id, first.id);
    assert!(seen.seen, "{}", D::NAME);
    let again = bob
        .send(&GetNotification::new(first.id.clone()))
        .expect("get again");
    assert!(again.seen, "{}", D::NAME);

    let hidden = bob
        .send(&HideNotification::new(first.id.clone()))
        .expect("hide");
    let hidden = hidden
        .notification()
        .expect("the simulator answers the notification");
    assert_eq!(hidden.id, first.id);
    let ids: Vec<NotificationId> = inbox(&bob).into_iter().map(|n| n.id).collect();
    assert_eq!(ids, std::slice::from_ref(&second.id), "{}", D::NAME);

    bob.send(&ClearNotifications::new()).expect("clear");
    assert!(inbox(&bob).is_empty(), "{}", D::NAME);
    let third = alice
        .send(&InviteUser::new(world.bob.id.clone(), location()))
        .expect("third invite");
    let ids: Vec<NotificationId> = inbox(&bob).into_iter().map(|n| n.id).collect();
    assert_eq!(
        ids,
        [third.id],
        "{}: new ones arrive after a clear",
        D::NAME
    );
    // Clearing touched only bob's inbox.
    assert!(inbox(&alice).is_empty());
}

/// Seven invites in pages of three: three requests, every item once, newest first; `after`
/// the fourth returns the three newer ones.
fn paging_and_after<D: Driver>() {
    let world = World::new();
    let (alice, bob): (D, D) = (world.client(&world.alice), world.client(&world.bob));
    let sent: Vec<Notification> = (0..7)
        .map(|_| {
            let invite = InviteUser::new(world.bob.id.clone(), location());
            let sent = alice.send(&invite).expect("invite");
            bob.send(&GetNotification::new(sent.id)).expect("get")
        })
        .collect();

    let first = ListNotifications::new().page_size(PageSize::new(3).expect("n"));
    let mut pager = NotificationPager::new(first);
    let mut pages = Vec::new();
    while let Some(request) = pager.next_request() {
        let page = bob.send(&request).expect("page");
        pager.record(&page);
        pages.push(page.len());
        assert!(pages.len() <= 5, "{}: the pager must stop", D::NAME);
    }
    assert_eq!(pages, [3, 3, 1], "{}", D::NAME);

    let everything = inbox(&bob);
    let newest_first: Vec<&NotificationId> = sent.iter().rev().map(|n| &n.id).collect();
    let listed: Vec<&NotificationId> = everything.iter().map(|n| &n.id).collect();
    assert_eq!(listed, newest_first, "{}", D::NAME);
    let unique: HashSet<&NotificationId> = listed.iter().copied().collect();
    assert_eq!(unique.len(), 7);

    let after = NotificationsAfter::time(&sent[3].created_at).expect("after");
    let newer = bob
        .send(&ListNotifications::new().after(after))
        .expect("after");
    let newer: Vec<&NotificationId> = newer.decoded().map(|n| &n.id).collect();
    let expected: Vec<&NotificationId> = sent[4..].iter().rev().map(|n| &n.id).collect();
    assert_eq!(newer, expected, "{}", D::NAME);

    let past = ListNotifications::new()
        .offset(7)
        .after(NotificationsAfter::keyword("five_minutes_ago").expect("keyword"));
    assert!(bob.send(&past).expect("past the end").is_empty());
}

/// Unknown IDs and another user's notification are 404 for get, see and hide.
fn unknown_and_foreign_ids<D: Driver>() {
    let world = World::new();
    let (alice, carol): (D, D) = (world.client(&world.alice), world.client(&world.carol));
    let sent = alice
        .send(&InviteUser::new(world.bob.id.clone(), location()))
        .expect("invite");
    let unknown = NotificationId::new("not_00000000-0000-0000-0000-000000000000").expect("id");
    for (client, id) in [(&alice, &unknown), (&carol, &sent.id), (&alice, &sent.id)] {
        let get = client.send(&GetNotification::new(id.clone()));
        assert_eq!(get.expect_err("get"), not_found(), "{}", D::NAME);
        let see = client.send(&MarkNotificationSeen::new(id.clone()));
        assert_eq!(see.expect_err("see"), not_found(), "{}", D::NAME);
        let hide = client.send(&HideNotification::new(id.clone()));
        assert_eq!(hide.expect_err("hide"), not_found(), "{}", D::NAME);
    }
    // None of that touched bob's invite.
    let bob: D = world.client(&world.bob);
    let still = bob.send(&GetNotification::new(sent.id)).expect("bob's own");
    assert!(!still.seen);
}

/// A page size outside 1..=100 never reaches the server.
fn bad_input_sends_nothing<D: Driver>() {
    let world = World::new();
    let before = world.sim.request_count();
    assert!(PageSize::new(0).is_err() && PageSize::new(101).is_err());
    let anonymous: D = D::connect(session_at(&world.sim.base_url()));
    let refused = anonymous.send(&ListNotifications::new());
    assert_eq!(refused.expect_err("not logged in"), Failure::Input);
    assert_eq!(world.sim.request_count(), before);
}

vrchat_invite_tests::on_both_transports!(
    the_invite_loop,
    get_see_hide_clear,
    paging_and_after,
    unknown_and_foreign_ids,
    bad_input_sends_nothing,
);

/// A list reply with one undecodable notification, served as is: both transports keep the
/// good ones, in order, and the bad one with its raw JSON.
#[test]
fn a_bad_item_keeps_the_rest_on_both_transports() {
    let body = br#"[{"id":"not_1","type":"invite","created_at":"2026-01-01T00:00:00.000Z",
        "details":"{\"worldId\":\"wrld_1:1\",\"worldName\":\"W\"}","message":"","seen":false,
        "senderUserId":"usr_a"},
      {"id":"not_2","type":"invite","created_at":"2026-01-01T00:00:00.000Z","details":"{}",
        "message":"","seen":"maybe","senderUserId":"usr_a"},
      {"id":"not_3","type":"requestInvite","created_at":"2026-01-01T00:00:00.000Z",
        "details":"{}","message":"","seen":false,"senderUserId":"usr_b"}]"#;
    let reply = reply_bytes("200 OK", &[("content-type", "application/json")], body);
    let server = FaultServer::start(Fault::KeepAlive(reply)).expect("server");
    let session = session_at(&server.base_url())
        .with_auth_cookie(vrchat_invite_core::auth::AuthCookie::new("token").expect("token"));
    let ureq = Ureq::connect(session.clone());
    let hyper = Hyper::connect(session);
    let from_ureq = ureq.send(&ListNotifications::new()).expect("ureq list");
    let from_hyper = hyper.send(&ListNotifications::new()).expect("hyper list");
    assert_eq!(from_ureq, from_hyper);
    let good: Vec<&str> = from_ureq.decoded().map(|n| n.id.as_str()).collect();
    assert_eq!(good, ["not_1", "not_3"]);
    let bad = from_ureq.undecodable().next().expect("bad item");
    assert_eq!(bad.position(), 1);
    assert!(bad.raw_json().contains(r#""seen":"maybe""#));
    assert!(
        ListNotifications::new()
            .path()
            .starts_with("/auth/user/notifications?")
    );
}
