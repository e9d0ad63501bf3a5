//! The watch state machine walked offline: connect, catch up, listen, every deadline,
//! drops, refusals, and what it refuses out of order.

use std::time::{Duration, Instant};

use http::StatusCode;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::models::Timestamp;
use vrchat_invite_core::pipeline::{
    ConnectFailure, ConnectionStatus, DropReason, Happened, PipelineBase, PipelineEvent,
    PipelineOptions, ReconnectPolicy, WAIT_HISTORY, Waiting, Watch, WatchEnd, WatchError,
    WatchStep,
};
use vrchat_invite_core::proxy::{ProxyRules, ProxyServer};
use vrchat_invite_core::{Session, UserAgent, UserId};

const SECOND: Duration = Duration::from_secs(1);

fn session() -> Session {
    Session::new(UserAgent::new("Test/1.0 t@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_watch").expect("token"))
}

fn options() -> PipelineOptions {
    let policy = ReconnectPolicy::new(
        Duration::from_millis(100),
        Duration::from_millis(800),
        Duration::from_secs(10),
    );
    PipelineOptions::default()
        .with_policy(policy)
        .with_silence_timeout(Duration::from_secs(8))
        .with_connect_timeout(Duration::from_secs(3))
        .with_write_timeout(Duration::from_secs(2))
}

fn watch_with(session: &Session, options: PipelineOptions, since: Option<Timestamp>) -> Watch {
    Watch::new(session, options, since, 7)
        .expect("watch")
        .with_base(PipelineBase::new("ws://127.0.0.1:1").expect("base"))
}

fn watch(since: Option<Timestamp>) -> Watch {
    watch_with(&session(), options(), since)
}

fn expect_connect(watch: &mut Watch, now: Instant) {
    match watch.step(now) {
        WatchStep::Connect(handshake) => {
            assert_eq!(
                handshake.request().uri(),
                "ws://127.0.0.1:1/?authToken=authcookie_watch"
            );
            assert_eq!(handshake.until(), now + Duration::from_secs(3));
            assert_eq!(
                watch.waiting(),
                Some(Waiting::Socket {
                    until: now + Duration::from_secs(3)
                })
            );
        }
        other => panic!("expected a connect, got {other:?}"),
    }
}

fn reply(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .expect("response")
}

fn notification_json(id: &str, at: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "type": "requestInvite", "created_at": at, "senderUserId": "usr_a",
        "details": "{}", "seen": false, "message": ""
    })
}

fn frame(content: &serde_json::Value) -> Happened {
    let text = serde_json::json!({"type": "notification", "content": content.to_string()});
    Happened::Text(text.to_string())
}

/// Connects at `now`, answers the catch-up with an empty inbox, and expects to read until
/// the ping is due (half the 8 s silence timeout).
fn open(watch: &mut Watch, now: Instant) {
    expect_connect(watch, now);
    watch.handle(Happened::Connected, now).expect("connected");
    assert!(matches!(watch.step(now), WatchStep::FetchInbox(_)));
    assert_eq!(watch.waiting(), Some(Waiting::Inbox));
    watch
        .handle(Happened::InboxReply(reply(200, "[]")), now)
        .expect("empty inbox");
    expect_read(watch, now, now + 4 * SECOND);
}

fn expect_read(watch: &mut Watch, now: Instant, until: Instant) {
    match watch.step(now) {
        WatchStep::Read { until: asked } => assert_eq!(asked, until),
        other => panic!("expected a read until {until:?}, got {other:?}"),
    }
}

/// Steps through the drop: the socket closed, then the backoff's sleep.
fn expect_close_and_sleep(watch: &mut Watch, now: Instant) -> Instant {
    assert!(matches!(watch.step(now), WatchStep::Close));
    match watch.step(now) {
        WatchStep::Sleep { until } => until,
        other => panic!("expected a sleep, got {other:?}"),
    }
}

fn drained(watch: &mut Watch, now: Instant) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        match watch.step(now) {
            WatchStep::Deliver(PipelineEvent::Notification(n)) => seen.push(n.id.to_string()),
            WatchStep::Deliver(other) => seen.push(other.kind().to_owned()),
            WatchStep::Report(error) => seen.push(format!("error: {error}")),
            WatchStep::Read { .. } => return seen,
            other => panic!("unexpected {other:?}"),
        }
        assert!(seen.len() < 100, "bounded");
    }
}

#[test]
fn the_token_never_shows() {
    let mut watch = watch(None);
    let now = Instant::now();
    let WatchStep::Connect(handshake) = watch.step(now) else {
        panic!("a connect");
    };
    for text in [format!("{watch:?}"), format!("{handshake:?}")] {
        assert!(!text.contains("authcookie_watch"), "{text}");
    }
    watch
        .handle(
            Happened::ConnectFailed(ConnectFailure::Status(StatusCode::FORBIDDEN)),
            now,
        )
        .expect("fits");
    let WatchStep::End(end) = watch.step(now) else {
        panic!("an end");
    };
    assert!(!format!("{end} {end:?}").contains("authcookie_watch"));
}

#[test]
fn the_handshake_dials_through_the_proxy_the_rules_pick() {
    let now = Instant::now();
    let vrchat = || Watch::new(&session(), options(), None, 7).expect("watch");
    let WatchStep::Connect(direct) = vrchat().step(now) else {
        panic!("a connect");
    };
    assert_eq!(direct.dial().host, "pipeline.vrchat.cloud");
    assert!(direct.dial().tunnel.is_none());

    let proxy = ProxyServer::new("http://proxy.corp.example:3128").expect("proxy");
    let mut proxied = vrchat().with_proxy_rules(ProxyRules::all(proxy));
    let WatchStep::Connect(handshake) = proxied.step(now) else {
        panic!("a connect");
    };
    let dial = handshake.dial();
    assert_eq!(
        (dial.host.as_str(), dial.port),
        ("proxy.corp.example", 3128)
    );
    let tunnel = dial.tunnel.as_ref().expect("a CONNECT tunnel");
    assert!(
        tunnel
            .as_bytes()
            .starts_with(b"CONNECT pipeline.vrchat.cloud:443 HTTP/1.1\r\n")
    );
    assert_eq!(
        dial.tls_server_name.as_deref(),
        Some("pipeline.vrchat.cloud")
    );
}

#[test]
fn a_refused_handshake_ends_the_watch_once_without_a_reconnect() {
    let mut watch = watch(None);
    let now = Instant::now();
    expect_connect(&mut watch, now);
    let refused = ConnectFailure::Status(StatusCode::UNAUTHORIZED);
    watch
        .handle(Happened::ConnectFailed(refused), now)
        .expect("fits");
    assert!(matches!(
        watch.step(now),
        WatchStep::End(WatchEnd::Refused { status }) if status == StatusCode::UNAUTHORIZED
    ));
    for _ in 0..3 {
        assert!(matches!(watch.step(now), WatchStep::Finished));
    }
    assert!(watch.handle(Happened::TimePassed, now).is_err());
    assert!(watch.waits().is_empty());
}

#[test]
fn reports_that_do_not_fit_the_wait_are_refused_and_change_nothing() {
    let mut watch = watch(None);
    let now = Instant::now();
    assert!(matches!(
        watch.handle(Happened::Connected, now),
        Err(WatchError::Core(_))
    ));
    expect_connect(&mut watch, now);
    let waiting = watch.waiting();
    for wrong in [
        Happened::Pong,
        Happened::Written,
        Happened::Text("{}".into()),
        Happened::InboxReply(reply(200, "[]")),
    ] {
        assert!(watch.handle(wrong, now).is_err());
        assert_eq!(watch.waiting(), waiting);
    }
    // Stepping again while a report is due is refused too, without a second connect.
    assert!(matches!(
        watch.step(now),
        WatchStep::Report(WatchError::Core(_))
    ));
    watch.handle(Happened::Connected, now).expect("fits");
    assert!(matches!(watch.step(now), WatchStep::FetchInbox(_)));
}

#[test]
fn an_error_frame_ends_the_watch_and_a_bad_frame_is_reported() {
    let mut watch = watch(None);
    let now = Instant::now();
    open(&mut watch, now);
    watch
        .handle(Happened::Text("{oops".into()), now)
        .expect("fits");
    assert!(matches!(
        watch.step(now),
        WatchStep::Report(WatchError::Frame(_))
    ));
    expect_read(&mut watch, now, now + 4 * SECOND);
    let refusal = r#"{"err":"authToken doesn't correspond with an active session"}"#;
    watch
        .handle(Happened::Text(refusal.into()), now)
        .expect("fits");
    assert!(matches!(
        watch.step(now),
        WatchStep::End(WatchEnd::ServerRefused { .. })
    ));
    assert!(matches!(watch.step(now), WatchStep::Finished));
}

#[test]
fn connect_failures_back_off_within_the_policy_and_reset_after_a_stable_connection() {
    let mut watch = watch(None);
    let mut now = Instant::now();
    let mut ceiling = Duration::from_millis(100);
    for _ in 0..6 {
        expect_connect(&mut watch, now);
        let failure = ConnectFailure::Status(StatusCode::BAD_GATEWAY);
        watch
            .handle(Happened::ConnectFailed(failure), now)
            .expect("fits");
        let until = expect_close_and_sleep(&mut watch, now);
        assert!(until - now <= ceiling, "{:?} > {ceiling:?}", until - now);
        ceiling = (ceiling * 2).min(Duration::from_millis(800));
        watch.handle(Happened::TimePassed, until).expect("fits");
        now = until;
    }
    assert_eq!(watch.attempt(), 6);
    assert!(
        watch
            .last_failure()
            .is_some_and(|f| f.to_string().contains("pipeline"))
    );
    open(&mut watch, now);
    let later = now + Duration::from_secs(11);
    watch.handle(Happened::Closed(None), later).expect("fits");
    let until = expect_close_and_sleep(&mut watch, later);
    assert!(until - later <= Duration::from_millis(100));
    assert_eq!(watch.attempt(), 1);
}

#[test]
fn a_backoff_woken_early_sleeps_again_until_its_deadline() {
    let mut watch = watch(None);
    let now = Instant::now();
    expect_connect(&mut watch, now);
    watch
        .handle(
            Happened::ConnectFailed(ConnectFailure::Other("no route".into())),
            now,
        )
        .expect("fits");
    let until = expect_close_and_sleep(&mut watch, now);
    let early = now;
    watch.handle(Happened::TimePassed, early).expect("fits");
    if until > early {
        assert!(matches!(watch.step(early), WatchStep::Sleep { until: again } if again == until));
        watch.handle(Happened::TimePassed, until).expect("fits");
    }
    assert!(matches!(watch.step(until), WatchStep::Connect(_)));
}

#[test]
fn a_connect_that_misses_its_deadline_backs_off() {
    let mut watch = watch(None);
    let now = Instant::now();
    expect_connect(&mut watch, now);
    watch
        .handle(Happened::TimePassed, now + Duration::from_secs(3))
        .expect("fits");
    assert!(
        watch
            .last_failure()
            .is_some_and(|f| matches!(f, WatchError::Connection { .. }))
    );
    assert!(matches!(watch.step(now), WatchStep::Close));
    assert!(matches!(watch.step(now), WatchStep::Sleep { .. }));
}

#[test]
fn a_quiet_connection_is_pinged_and_a_pong_keeps_it() {
    let mut watch = watch(None);
    let start = Instant::now();
    open(&mut watch, start);
    let due = start + 4 * SECOND;
    watch.handle(Happened::TimePassed, due).expect("fits");
    assert!(matches!(watch.step(due), WatchStep::Ping { until } if until == due + 2 * SECOND));
    watch.handle(Happened::Written, due).expect("fits");
    // Pinged: read until the silence timeout, no second ping.
    expect_read(&mut watch, due, start + 8 * SECOND);
    let answered = due + SECOND;
    watch.handle(Happened::Pong, answered).expect("fits");
    expect_read(&mut watch, answered, answered + 4 * SECOND);
}

#[test]
fn silence_drops_the_connection_even_while_a_frame_drips_in() {
    let mut watch = watch(None);
    let start = Instant::now();
    open(&mut watch, start);
    watch
        .handle(Happened::TimePassed, start + 4 * SECOND)
        .expect("fits");
    assert!(matches!(
        watch.step(start + 4 * SECOND),
        WatchStep::Ping { .. }
    ));
    watch
        .handle(Happened::Written, start + 4 * SECOND)
        .expect("fits");
    // A frame that never completes: each read ends at the deadline with nothing whole.
    expect_read(&mut watch, start + 5 * SECOND, start + 8 * SECOND);
    watch
        .handle(Happened::TimePassed, start + 8 * SECOND)
        .expect("fits");
    assert!(
        watch.is_connected(),
        "dropped at the silence deadline, not before"
    );
    assert!(matches!(watch.step(start + 8 * SECOND), WatchStep::Close));
    assert!(!watch.is_connected());
}

#[test]
fn the_servers_pings_are_answered_but_prove_nothing() {
    let mut watch = watch(None);
    let start = Instant::now();
    open(&mut watch, start);
    let mut now = start;
    let mut pongs = 0;
    // The server pings every half second; each answer is flushed, and the silence clock
    // still runs out at 8 s (one ping of ours at 4 s goes unanswered).
    // `open` left the watch reading.
    now += Duration::from_millis(500);
    watch.handle(Happened::Pinged, now).expect("fits");
    for _ in 0..40 {
        match watch.step(now) {
            WatchStep::Read { .. } => {
                now += Duration::from_millis(500);
                watch.handle(Happened::Pinged, now).expect("fits");
            }
            WatchStep::Flush { until } => {
                assert_eq!(until, now + 2 * SECOND);
                pongs += 1;
                watch.handle(Happened::Written, now).expect("fits");
            }
            WatchStep::Ping { .. } => watch.handle(Happened::Written, now).expect("fits"),
            WatchStep::Close => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(!watch.is_connected());
    assert!(pongs >= 15, "{pongs}");
    assert!(
        now <= start + 8 * SECOND + Duration::from_millis(500),
        "{:?}",
        now - start
    );
}

#[test]
fn a_server_that_stops_reading_is_dropped_when_a_write_misses_its_deadline() {
    let options = options().with_connection_events(true);
    let mut watch = watch_with(&session(), options, None);
    let start = Instant::now();
    expect_connect(&mut watch, start);
    watch.handle(Happened::Connected, start).expect("fits");
    assert!(matches!(
        watch.step(start),
        WatchStep::Deliver(PipelineEvent::Connection(ConnectionStatus::Connected))
    ));
    assert!(matches!(watch.step(start), WatchStep::FetchInbox(_)));
    watch
        .handle(Happened::InboxReply(reply(200, "[]")), start)
        .expect("fits");
    assert!(matches!(
        watch.step(start),
        WatchStep::Deliver(PipelineEvent::Connection(ConnectionStatus::CaughtUp {
            missed: 0
        }))
    ));
    expect_read(&mut watch, start, start + 4 * SECOND);
    watch.handle(Happened::Pinged, start).expect("fits");
    assert!(matches!(watch.step(start), WatchStep::Flush { .. }));
    watch
        .handle(Happened::TimePassed, start + 2 * SECOND)
        .expect("fits");
    let statuses: Vec<_> = std::iter::from_fn(|| match watch.step(start + 2 * SECOND) {
        WatchStep::Deliver(PipelineEvent::Connection(status)) => Some(status),
        _ => None,
    })
    .collect();
    assert_eq!(
        statuses[0],
        ConnectionStatus::Dropped {
            reason: DropReason::WriteStalled
        }
    );
    assert!(matches!(
        statuses[1],
        ConnectionStatus::Reconnecting { attempt: 1, .. }
    ));
    assert!(!watch.is_connected());
}

#[test]
fn each_connect_catches_up_and_holds_live_events_meanwhile() {
    let mut watch = watch(Some(Timestamp::new("2024-01-01T00:00:00Z")));
    let now = Instant::now();
    expect_connect(&mut watch, now);
    watch.handle(Happened::Connected, now).expect("fits");
    let WatchStep::FetchInbox(request) = watch.step(now) else {
        panic!("expected a catch-up");
    };
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "https://api.vrchat.cloud/api/1/auth/user/notifications?n=100&offset=0&after=2023-12-31T23%3A59%3A59.999Z"
    );
    assert_eq!(request.headers()["cookie"], "auth=authcookie_watch");
    // Frames that arrived meanwhile are read after the catch-up; the watch holds them.
    let page = serde_json::json!([
        notification_json("not_2", "2024-01-01T00:00:02Z"),
        notification_json("not_1", "2024-01-01T00:00:01Z"),
        {"id": "", "broken": true},
    ]);
    watch
        .handle(Happened::InboxReply(reply(200, &page.to_string())), now)
        .expect("page");
    watch
        .handle(
            frame(&notification_json("not_2", "2024-01-01T00:00:02Z")),
            now,
        )
        .expect_err("a read was not asked for yet");
    assert_eq!(drained(&mut watch, now), ["not_1", "not_2"]);
    watch
        .handle(
            frame(&notification_json("not_2", "2024-01-01T00:00:02Z")),
            now,
        )
        .expect("fits");
    expect_read(&mut watch, now, now + 4 * SECOND);
}

#[test]
fn a_repeated_frame_is_delivered_once_and_a_notification_for_another_user_never() {
    let me = session().with_user_id(UserId::new("usr_me").expect("id"));
    let mut watch = watch_with(&me, options(), None);
    let now = Instant::now();
    open(&mut watch, now);
    let mut feed = |happened: Happened| {
        watch.handle(happened, now).expect("fits");
        drained(&mut watch, now)
    };
    let see = || Happened::Text(r#"{"type":"see-notification","content":"not_1"}"#.into());
    assert_eq!(feed(see()), ["see-notification"]);
    assert_eq!(feed(see()), Vec::<String>::new());
    let mut ours = notification_json("not_5", "2024-01-01T00:00:05Z");
    ours["receiverUserId"] = "usr_me".into();
    assert_eq!(feed(frame(&ours)), ["not_5"]);
    // After something else, the same event again is news.
    assert_eq!(feed(see()), ["see-notification"]);
    let mut theirs = notification_json("not_6", "2024-01-01T00:00:06Z");
    theirs["receiverUserId"] = "usr_someone_else".into();
    let reported = feed(frame(&theirs));
    assert_eq!(reported.len(), 1);
    assert!(reported[0].contains("not_6") && reported[0].contains("usr_someone_else"));
    // Without a receiver (REST-shaped), it is ours.
    assert_eq!(
        feed(frame(&notification_json("not_7", "2024-01-01T00:00:07Z"))),
        ["not_7"]
    );
}

#[test]
fn a_failed_catch_up_reconnects_and_a_gone_session_ends() {
    let mut watch = watch(Some(Timestamp::new("2024-01-01T00:00:00Z")));
    let now = Instant::now();
    expect_connect(&mut watch, now);
    watch.handle(Happened::Connected, now).expect("fits");
    assert!(matches!(watch.step(now), WatchStep::FetchInbox(_)));
    let body = r#"{"error":{"message":"Internal","status_code":500}}"#;
    watch
        .handle(Happened::InboxReply(reply(500, body)), now)
        .expect("fits");
    assert!(watch.last_failure().is_some());
    let until = expect_close_and_sleep(&mut watch, now);
    assert!(until - now <= Duration::from_millis(100));
    watch.handle(Happened::TimePassed, until).expect("fits");
    let now = until;
    expect_connect(&mut watch, now);
    watch.handle(Happened::Connected, now).expect("fits");
    assert!(matches!(watch.step(now), WatchStep::FetchInbox(_)));
    let body = r#"{"error":{"message":"\"Missing Credentials\"","status_code":401}}"#;
    watch
        .handle(Happened::InboxReply(reply(401, body)), now)
        .expect("fits");
    assert!(matches!(
        watch.step(now),
        WatchStep::End(WatchEnd::Refused { .. })
    ));
}

#[test]
fn the_watch_remembers_its_recent_waits() {
    let mut watch = watch(None);
    let now = Instant::now();
    let mut seen = Vec::new();
    for _ in 0..WAIT_HISTORY + 5 {
        expect_connect(&mut watch, now);
        let failure = ConnectFailure::Status(StatusCode::BAD_GATEWAY);
        watch
            .handle(Happened::ConnectFailed(failure), now)
            .expect("fits");
        let until = expect_close_and_sleep(&mut watch, now);
        seen.push(until - now);
        watch.handle(Happened::TimePassed, until).expect("fits");
    }
    assert_eq!(watch.waits().len(), WAIT_HISTORY);
    assert_eq!(watch.waits(), &seen[5..]);
}

#[test]
fn a_proxy_refusal_is_reported_and_retried() {
    let mut watch = watch(None);
    let now = Instant::now();
    expect_connect(&mut watch, now);
    let refusal = vrchat_invite_core::proxy::TunnelError::Closed;
    watch
        .handle(Happened::ConnectFailed(ConnectFailure::Proxy(refusal)), now)
        .expect("fits");
    assert!(matches!(
        watch.step(now),
        WatchStep::Report(WatchError::Proxy { .. })
    ));
    assert!(matches!(watch.step(now), WatchStep::Close));
    assert!(matches!(watch.step(now), WatchStep::Sleep { .. }));
}

#[test]
fn a_newer_session_is_followed_at_the_next_connect() {
    let mut watch = watch(None);
    let now = Instant::now();
    expect_connect(&mut watch, now);
    let failure = ConnectFailure::Status(StatusCode::BAD_GATEWAY);
    watch
        .handle(Happened::ConnectFailed(failure), now)
        .expect("fits");
    let until = expect_close_and_sleep(&mut watch, now);
    let agent = UserAgent::new("Test/1.0 t@example.com").expect("agent");
    watch.follow_session(&Session::new(agent.clone()));
    let renewed =
        Session::new(agent).with_auth_cookie(AuthCookie::new("authcookie_new").expect("token"));
    watch.follow_session(&renewed);
    watch.handle(Happened::TimePassed, until).expect("fits");
    let WatchStep::Connect(handshake) = watch.step(until) else {
        panic!("expected a connect");
    };
    assert_eq!(
        handshake.request().uri(),
        "ws://127.0.0.1:1/?authToken=authcookie_new"
    );
}
