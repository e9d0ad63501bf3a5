//! The watch state machine walked offline: connect, catch up, read, drop, refuse.

use std::time::{Duration, Instant};

use http::StatusCode;
use vrchat_invite_core::{
    AuthCookie, ConnectFailure, FrameError, PipelineBase, PipelineEvent, PipelineOptions,
    ReconnectPolicy, Session, Timestamp, UserAgent, WAIT_HISTORY, Watch, WatchEnd, WatchError,
    WatchStep,
};

fn watch(since: Option<Timestamp>) -> Watch {
    let session = Session::new(UserAgent::new("Test/1.0 t@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_watch").expect("token"));
    let policy = ReconnectPolicy::new(
        Duration::from_millis(100),
        Duration::from_millis(800),
        Duration::from_secs(10),
    );
    Watch::new(
        &session,
        PipelineOptions::default().with_policy(policy),
        since,
    )
    .expect("watch")
    .with_base(PipelineBase::new("ws://127.0.0.1:1").expect("base"))
}

fn expect_connect(watch: &mut Watch) {
    match watch.step() {
        WatchStep::Connect(connect) => {
            let request = connect.request([3; 16]).expect("request");
            assert_eq!(
                request.uri(),
                "ws://127.0.0.1:1/?authToken=authcookie_watch"
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

/// Connects, answers the catch-up with an empty inbox, and expects to read.
fn open(watch: &mut Watch) {
    expect_connect(watch);
    watch.connected(Instant::now());
    assert!(matches!(watch.step(), WatchStep::FetchInbox(_)));
    watch
        .catch_up_reply(&reply(200, "[]"), Instant::now(), 0)
        .expect("empty inbox");
    assert!(matches!(watch.step(), WatchStep::Read));
}

#[test]
fn the_token_never_shows() {
    let mut watch = watch(None);
    expect_connect(&mut watch);
    let WatchStep::Connect(connect) = watch.step() else {
        panic!("a connect");
    };
    for text in [format!("{watch:?}"), format!("{connect:?}")] {
        assert!(!text.contains("authcookie_watch"), "{text}");
    }
    watch.connect_failed(ConnectFailure::from_status(StatusCode::FORBIDDEN), 0);
    let WatchStep::End(end) = watch.step() else {
        panic!("an end");
    };
    assert!(!format!("{end} {end:?}").contains("authcookie_watch"));
}

#[test]
fn a_refused_handshake_ends_the_watch_without_a_reconnect() {
    let mut watch = watch(None);
    expect_connect(&mut watch);
    watch.connect_failed(ConnectFailure::from_status(StatusCode::UNAUTHORIZED), 5);
    for _ in 0..3 {
        assert!(matches!(
            watch.step(),
            WatchStep::End(WatchEnd::Refused { status }) if status == StatusCode::UNAUTHORIZED
        ));
    }
    watch.dropped(Instant::now(), 1);
    assert!(matches!(watch.step(), WatchStep::End(_)));
}

#[test]
fn an_error_frame_ends_the_watch_and_a_bad_frame_does_not() {
    let mut watch = watch(None);
    open(&mut watch);
    assert!(matches!(
        watch.frame("{oops"),
        Err(FrameError::NotJson { .. })
    ));
    assert!(matches!(watch.step(), WatchStep::Read));
    let refused = watch.frame(r#"{"err":"authToken doesn't correspond with an active session"}"#);
    assert!(refused.is_err_and(|e| e.is_refusal()));
    assert!(matches!(
        watch.step(),
        WatchStep::End(WatchEnd::ServerRefused { .. })
    ));
}

#[test]
fn other_failures_back_off_within_the_policy_and_reset_after_a_stable_connection() {
    let mut watch = watch(None);
    let mut ceiling = Duration::from_millis(100);
    for _ in 0..6 {
        expect_connect(&mut watch);
        watch.connect_failed(
            ConnectFailure::from_status(StatusCode::BAD_GATEWAY),
            u64::MAX,
        );
        let WatchStep::Wait(wait) = watch.step() else {
            panic!("expected a wait");
        };
        assert!(wait <= ceiling, "{wait:?} > {ceiling:?}");
        ceiling = (ceiling * 2).min(Duration::from_millis(800));
    }
    assert_eq!(watch.attempt(), 6);
    open(&mut watch);
    watch.dropped(Instant::now() + Duration::from_secs(11), u64::MAX);
    let WatchStep::Wait(wait) = watch.step() else {
        panic!("expected a wait");
    };
    assert!(wait <= Duration::from_millis(100));
    assert_eq!(watch.attempt(), 1);
}

#[test]
fn each_connect_catches_up_and_holds_live_events_meanwhile() {
    let mut watch = watch(Some(Timestamp::new("2024-01-01T00:00:00Z")));
    expect_connect(&mut watch);
    watch.connected(Instant::now());
    let WatchStep::FetchInbox(request) = watch.step() else {
        panic!("expected a catch-up");
    };
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "https://api.vrchat.cloud/api/1/auth/user/notifications?n=100&offset=0&after=2023-12-31T23%3A59%3A59.999Z"
    );
    assert_eq!(request.headers()["cookie"], "auth=authcookie_watch");
    watch
        .frame(&serde_json::json!({"type": "notification", "content": notification_json("not_2", "2024-01-01T00:00:02Z").to_string()}).to_string())
        .expect("frame");
    watch
        .frame(r#"{"type":"see-notification","content":"not_1"}"#)
        .expect("frame");
    let page = serde_json::json!([
        notification_json("not_2", "2024-01-01T00:00:02Z"),
        notification_json("not_1", "2024-01-01T00:00:01Z"),
        {"id": "", "broken": true},
    ]);
    watch
        .catch_up_reply(&reply(200, &page.to_string()), Instant::now(), 0)
        .expect("page");
    let mut kinds = Vec::new();
    while let WatchStep::Event(event) = watch.step() {
        kinds.push(match &event {
            PipelineEvent::Notification(n) => n.id.to_string(),
            other => other.kind().to_owned(),
        });
    }
    assert_eq!(kinds, ["not_1", "not_2", "see-notification"]);
}

#[test]
fn a_failed_catch_up_reconnects_and_a_gone_session_ends() {
    let mut watch = watch(Some(Timestamp::new("2024-01-01T00:00:00Z")));
    expect_connect(&mut watch);
    watch.connected(Instant::now());
    assert!(matches!(watch.step(), WatchStep::FetchInbox(_)));
    let body = r#"{"error":{"message":"Internal","status_code":500}}"#;
    assert!(
        watch
            .catch_up_reply(&reply(500, body), Instant::now(), 0)
            .is_err()
    );
    assert!(matches!(watch.step(), WatchStep::Wait(w) if w == Duration::ZERO));
    expect_connect(&mut watch);
    watch.connected(Instant::now());
    assert!(matches!(watch.step(), WatchStep::FetchInbox(_)));
    let body = r#"{"error":{"message":"\"Missing Credentials\"","status_code":401}}"#;
    assert!(
        watch
            .catch_up_reply(&reply(401, body), Instant::now(), 0)
            .is_err()
    );
    assert!(matches!(
        watch.step(),
        WatchStep::End(WatchEnd::Refused { .. })
    ));
}

#[test]
fn the_watch_remembers_its_recent_waits_and_last_failure() {
    let mut watch = watch(None);
    let mut seen = Vec::new();
    for _ in 0..WAIT_HISTORY + 5 {
        expect_connect(&mut watch);
        watch.connect_failed(ConnectFailure::from_status(StatusCode::BAD_GATEWAY), 7);
        let WatchStep::Wait(wait) = watch.step() else {
            panic!("expected a wait");
        };
        seen.push(wait);
    }
    assert_eq!(watch.waits().len(), WAIT_HISTORY);
    assert_eq!(watch.waits(), &seen[5..]);
    assert!(watch.last_failure().is_none());
    watch.recovered_from(WatchError::FrameTooLarge { limit: 9 });
    assert!(matches!(
        watch.last_failure(),
        Some(WatchError::FrameTooLarge { limit: 9 })
    ));
}

#[test]
fn a_newer_session_is_followed_at_the_next_connect() {
    let mut watch = watch(None);
    expect_connect(&mut watch);
    watch.connect_failed(ConnectFailure::from_status(StatusCode::BAD_GATEWAY), 1);
    let WatchStep::Wait(_) = watch.step() else {
        panic!("expected a wait");
    };
    let agent = UserAgent::new("Test/1.0 t@example.com").expect("agent");
    watch.follow_session(&Session::new(agent.clone()));
    let renewed =
        Session::new(agent).with_auth_cookie(AuthCookie::new("authcookie_new").expect("token"));
    watch.follow_session(&renewed);
    let WatchStep::Connect(connect) = watch.step() else {
        panic!("expected a connect");
    };
    let request = connect.request([3; 16]).expect("request");
    assert_eq!(request.uri(), "ws://127.0.0.1:1/?authToken=authcookie_new");
}
