//! The watch state machine walked offline: connect, catch up, read, drop, refuse.

use std::time::{Duration, Instant};

use http::StatusCode;
use vrchat_invite_core::{
    AuthToken, ConnectFailure, FrameError, PipelineBase, PipelineConnect, PipelineOptions,
    ReconnectPolicy, Session, Timestamp, UserAgent, Watch, WatchEnd, WatchStep,
};

fn watch(since: Option<Timestamp>) -> Watch {
    let session = Session::new(UserAgent::new("Test/1.0 t@example.com").expect("agent"))
        .with_auth_token(AuthToken::new("authcookie_watch").expect("token"));
    let connect = PipelineConnect::new(&session)
        .expect("connect")
        .with_base(PipelineBase::new("ws://127.0.0.1:1").expect("base"));
    let policy = ReconnectPolicy::new(
        Duration::from_millis(100),
        Duration::from_millis(800),
        Duration::from_secs(10),
    );
    Watch::new(
        connect,
        PipelineOptions::default().with_policy(policy),
        since,
    )
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
    expect_connect(&mut watch);
    watch.connected(Instant::now());
    assert!(matches!(watch.step(), WatchStep::FetchInbox(r) if r.after.is_none()));
    watch.catch_up_page(Vec::new());
    assert!(matches!(watch.step(), WatchStep::Read));
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
    let start = Instant::now();
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
    expect_connect(&mut watch);
    watch.connected(start);
    watch.dropped(start + Duration::from_secs(11), u64::MAX);
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
    assert_eq!(
        request.after.map(|t| t.to_string()).as_deref(),
        Some("2023-12-31T23:59:59.999Z")
    );
    watch
        .frame(r#"{"type":"see-notification","content":"not_1"}"#)
        .expect("frame");
    watch.catch_up_page(Vec::new());
    assert!(matches!(watch.step(), WatchStep::Event(e) if e.kind() == "see-notification"));
    assert!(matches!(watch.step(), WatchStep::Read));
    // A failed fetch counts as a drop: wait, then connect and catch up again.
    watch.dropped(Instant::now(), 0);
    assert!(matches!(watch.step(), WatchStep::Wait(w) if w == Duration::ZERO));
    expect_connect(&mut watch);
}
