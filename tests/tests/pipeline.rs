//! The pipeline end to end over both watchers: every event type from the simulator, no
//! invite lost or doubled across a dropped socket, backoff bounds, a refused token, bad
//! frames, and 100 watchers at once.

use std::time::Duration;

use serde_json::json;
use vrchat_invite_core::inbox::{ClearNotifications, HideNotification, MarkNotificationSeen};
use vrchat_invite_core::invite::{InviteUser, RespondInvite};
use vrchat_invite_core::pipeline::{FrameError, PipelineEvent, PipelineOptions, ReconnectPolicy};
use vrchat_invite_core::{NotificationId, Slot};
use vrchat_invite_tests::{Driver, Ureq, WatchDriver, WatchFailure, World, location};

fn policy() -> ReconnectPolicy {
    ReconnectPolicy::new(
        Duration::from_millis(20),
        Duration::from_millis(160),
        Duration::from_secs(60),
    )
}

fn options() -> PipelineOptions {
    PipelineOptions::default()
        .with_policy(policy())
        .with_silence_timeout(Duration::from_secs(20))
        .with_connect_timeout(Duration::from_secs(10))
}

/// Bob's watcher on transport `D`, catching up from the simulator's present.
fn watch_bob<D: WatchDriver>(world: &World, options: PipelineOptions) -> D {
    D::watch(
        world.session(&world.bob),
        &world.sim.pipeline_base(),
        options,
        Some(world.sim.now()),
    )
}

/// Alice invites Bob; the invite's notification ID.
fn invite(world: &World) -> NotificationId {
    let alice: Ureq = world.client(&world.alice);
    match alice.send(&InviteUser::new(world.bob.id.clone(), location())) {
        Ok(sent) => sent.id,
        Err(error) => panic!("invite: {error:?}"),
    }
}

fn notification_id<D: WatchDriver>(event: &PipelineEvent) -> NotificationId {
    match event.notification() {
        Some(n) => n.id.clone(),
        None => panic!("{}: expected a notification, got {event:?}", D::NAME),
    }
}

fn every_event_type_arrives<D: WatchDriver>() {
    let world = World::new();
    let mut watch: D = watch_bob(&world, options());
    let first = invite(&world);
    // The first event also proves the socket is open, so pushes from here on reach it.
    assert_eq!(notification_id::<D>(&watch.event()), first);

    let bob: Ureq = world.client(&world.bob);
    let answer = bob
        .send(&RespondInvite::new(
            first.clone(),
            Slot::new(0).expect("slot"),
        ))
        .expect("respond");
    let PipelineEvent::ResponseNotification(response) = watch.event() else {
        panic!("{}: response-notification", D::NAME);
    };
    assert_eq!(response.notification_id, first);
    assert_eq!(response.response_id, answer.id);

    bob.send(&MarkNotificationSeen::new(first.clone()))
        .expect("see");
    assert_eq!(watch.event(), PipelineEvent::SeeNotification(first.clone()));
    bob.send(&HideNotification::new(first.clone()))
        .expect("hide");
    assert_eq!(watch.event(), PipelineEvent::HideNotification(first));
    bob.send(&ClearNotifications).expect("clear");
    assert_eq!(watch.event(), PipelineEvent::ClearNotification);

    world.sim.move_friend(&world.alice.id, "private");
    let PipelineEvent::FriendLocation(moved) = watch.event() else {
        panic!("{}: friend-location", D::NAME);
    };
    assert_eq!(moved.user_id, world.alice.id);
    assert_eq!(moved.world_id.as_deref(), Some("private"));

    let sim = &world.sim;
    let bob_id = &world.bob.id;
    let online = json!({"userId": world.alice.id, "location": "offline", "canRequestInvite": true,
        "user": {"id": world.alice.id}});
    sim.push_pipeline_event(bob_id, "friend-online", &online);
    sim.push_pipeline_event(
        bob_id,
        "notification-v2",
        &json!({"id": "n2", "version": 2}),
    );
    sim.push_pipeline_event(
        bob_id,
        "notification-v2-update",
        &json!({"id": "n2", "updates": {"seen": true}}),
    );
    sim.push_pipeline_event(bob_id, "notification-v2-delete", &json!({"ids": ["n2"]}));
    sim.push_pipeline_event(bob_id, "content-refresh", &json!({"contentType": "world"}));
    assert!(matches!(watch.event(), PipelineEvent::FriendOnline(f) if f.can_request_invite));
    assert!(matches!(watch.event(), PipelineEvent::NotificationV2(n) if n.id == "n2"));
    assert!(
        matches!(watch.event(), PipelineEvent::NotificationV2Update(n) if n.updates == json!({"seen": true}))
    );
    assert!(matches!(watch.event(), PipelineEvent::NotificationV2Delete(n) if n.ids == ["n2"]));
    let other = watch.event();
    assert_eq!(other.kind(), "content-refresh");
    assert_eq!(other.to_json()["content"], json!({"contentType": "world"}));
    assert!(
        watch.waits().is_empty(),
        "{}: no reconnect was needed",
        D::NAME
    );
}

fn invites_sent_while_the_socket_is_down_arrive_exactly_once<D: WatchDriver>() {
    let world = World::new();
    let mut watch: D = watch_bob(&world, options());
    let first = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), first);

    // The socket drops, and the reconnect waits, while three invites are sent.
    world.sim.pause_pipeline();
    world.sim.drop_pipeline_sockets();
    let missed: Vec<NotificationId> = (0..3).map(|_| invite(&world)).collect();
    world.sim.resume_pipeline();
    let caught_up: Vec<NotificationId> = (0..3)
        .map(|_| notification_id::<D>(&watch.event()))
        .collect();
    assert_eq!(
        caught_up,
        missed,
        "{}: all three, once each, in order",
        D::NAME
    );

    // Nothing doubled: the next event is the next invite.
    let last = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), last);
    assert_eq!(watch.waits().len(), 1);
    assert_eq!(world.sim.pipeline_connections(), 2);
}

fn repeated_drops_follow_the_backoff_bounds<D: WatchDriver>() {
    let world = World::new();
    let mut watch: D = watch_bob(&world, options());
    let first = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), first);
    for _ in 0..5 {
        world.sim.drop_pipeline_sockets();
        let sent = invite(&world);
        assert_eq!(notification_id::<D>(&watch.event()), sent);
    }
    let waits = watch.waits();
    assert_eq!(waits.len(), 5, "{}: one wait per drop", D::NAME);
    for (attempt, wait) in (0u32..).zip(&waits) {
        assert!(
            *wait <= policy().ceiling(attempt),
            "{}: wait {attempt} was {wait:?}, over {:?}",
            D::NAME,
            policy().ceiling(attempt)
        );
    }
    assert_eq!(world.sim.pipeline_connections(), 6);
}

fn a_refused_token_ends_the_watch_without_a_loop<D: WatchDriver>() {
    let world = World::new();
    let session = world.session(&world.bob);
    world
        .sim
        .refuse_pipeline_token(session.auth_cookie().expect("token"));
    let mut watch = D::watch(session, &world.sim.pipeline_base(), options(), None);
    assert_eq!(watch.next(), Some(Err(WatchFailure::Refused)));
    assert_eq!(watch.next(), None);
    assert!(watch.waits().is_empty());
    assert_eq!(world.sim.pipeline_connections(), 0);

    // Refused while connected: one reconnect finds out, and the watch ends.
    let session = world.session(&world.bob);
    let token = session.auth_cookie().expect("token").clone();
    let mut watch = D::watch(
        session,
        &world.sim.pipeline_base(),
        options(),
        Some(world.sim.now()),
    );
    let sent = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), sent);
    world.sim.refuse_pipeline_token(&token);
    assert_eq!(watch.next(), Some(Err(WatchFailure::Refused)));
    assert_eq!(watch.next(), None);
    assert_eq!(watch.waits().len(), 1);
    assert_eq!(world.sim.pipeline_connections(), 1);

    // The server's own way: an error frame instead of events.
    world.sim.advance_clock(Duration::from_secs(1));
    let mut watch = D::watch(
        world.session(&world.bob),
        &world.sim.pipeline_base(),
        options(),
        Some(world.sim.now()),
    );
    let sent = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), sent);
    world.sim.push_pipeline_text(
        &world.bob.id,
        r#"{"err":"authToken doesn't correspond with an active session"}"#,
    );
    assert_eq!(watch.next(), Some(Err(WatchFailure::Refused)));
    assert_eq!(watch.next(), None);
    assert!(watch.waits().is_empty());
    assert_eq!(world.sim.pipeline_connections(), 2);
}

fn a_new_login_on_the_client_is_followed_at_the_next_reconnect<D: WatchDriver>() {
    let world = World::new();
    let first = world.session(&world.bob);
    let old = first.auth_cookie().expect("token").clone();
    let mut watch = D::watch(
        first,
        &world.sim.pipeline_base(),
        options(),
        Some(world.sim.now()),
    );
    let sent = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), sent);
    // A new login on the client; the old cookie stops working on the pipeline.
    watch.set_client_session(world.session(&world.bob));
    world.sim.refuse_pipeline_token(&old);
    world.sim.drop_pipeline_sockets();
    let sent = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), sent);
    assert_eq!(watch.waits().len(), 1);
}

fn oversize_and_malformed_frames_are_errors_and_the_watch_goes_on<D: WatchDriver>() {
    let world = World::new();
    let mut watch: D = watch_bob(&world, options().with_max_frame_size(1024));
    let first = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), first);

    world
        .sim
        .push_pipeline_text(&world.bob.id, "x".repeat(4096));
    assert_eq!(
        watch.next(),
        Some(Err(WatchFailure::FrameTooLarge { limit: 1024 }))
    );
    // The connection was dropped and reopened; an invite meanwhile is still delivered.
    let second = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), second);

    world.sim.push_pipeline_text(&world.bob.id, "not json");
    assert!(matches!(
        watch.next(),
        Some(Err(WatchFailure::Frame(FrameError::NotJson { .. })))
    ));
    world
        .sim
        .push_pipeline_text(&world.bob.id, r#"{"type":"notification","content":"{}"}"#);
    assert!(matches!(
        watch.next(),
        Some(Err(WatchFailure::Frame(FrameError::BadContent { .. })))
    ));
    let third = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), third);
    assert_eq!(
        watch.waits().len(),
        1,
        "{}: only the oversize frame dropped it",
        D::NAME
    );
}

fn a_silent_connection_counts_as_dropped<D: WatchDriver>() {
    let world = World::new();
    let quick = options().with_silence_timeout(Duration::from_millis(600));
    let mut watch: D = watch_bob(&world, quick);
    let first = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), first);
    // The socket stays open but says nothing and answers no ping.
    world.sim.stall_pipeline_sockets();
    let missed = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), missed);
    assert_eq!(watch.waits().len(), 1, "{}: one reconnect", D::NAME);
    assert_eq!(world.sim.pipeline_connections(), 2);
}

fn a_quietly_dead_socket_costs_at_most_the_refresh_interval<D: WatchDriver>() {
    let world = World::new();
    let every = Duration::from_millis(800);
    let mut watch: D = watch_bob(&world, options().with_refresh_interval(Some(every)));
    let first = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), first);
    // The socket stays open and answers pings, but no event reaches it any more.
    world.sim.mute_pipeline_sockets();
    let sent = std::time::Instant::now();
    let missed = invite(&world);
    assert_eq!(notification_id::<D>(&watch.event()), missed);
    let took = sent.elapsed();
    assert!(
        took <= every + Duration::from_millis(1500),
        "{}: {took:?}",
        D::NAME
    );
    assert!(watch.waits().is_empty(), "{}: no reconnect", D::NAME);
    assert_eq!(world.sim.pipeline_connections(), 1, "{}", D::NAME);
}

fn a_hundred_watchers_each_get_every_event<D: WatchDriver + Send + 'static>() {
    const WATCHERS: usize = 100;
    const INVITES: usize = 5;
    let world = World::new();
    let since = world.sim.now();
    let base = world.sim.pipeline_base();
    let watchers: Vec<D> = (0..WATCHERS)
        .map(|_| {
            D::watch(
                world.session(&world.bob),
                &base,
                options(),
                Some(since.clone()),
            )
        })
        .collect();
    let sent: Vec<NotificationId> = (0..INVITES).map(|_| invite(&world)).collect();
    let readers: Vec<_> = watchers
        .into_iter()
        .map(|mut watch| {
            std::thread::spawn(move || {
                (0..INVITES)
                    .map(|_| notification_id::<D>(&watch.event()))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for reader in readers {
        let received = reader.join().expect("a watcher thread");
        assert_eq!(received, sent, "{}", D::NAME);
    }
}

vrchat_invite_tests::on_both_watchers!(
    every_event_type_arrives,
    invites_sent_while_the_socket_is_down_arrive_exactly_once,
    repeated_drops_follow_the_backoff_bounds,
    a_refused_token_ends_the_watch_without_a_loop,
    a_new_login_on_the_client_is_followed_at_the_next_reconnect,
    oversize_and_malformed_frames_are_errors_and_the_watch_goes_on,
    a_silent_connection_counts_as_dropped,
    a_quietly_dead_socket_costs_at_most_the_refresh_interval,
    a_hundred_watchers_each_get_every_event,
);
