//! The `tracing` feature: a watch reports connects, catch-up pages, drops, scheduled
//! reconnects and its end as events, and never the token.
#![cfg(feature = "tracing")]

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use http::StatusCode;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::pipeline::{ConnectFailure, Happened, PipelineOptions, Watch, WatchStep};
use vrchat_invite_core::{Session, UserAgent};

const TOKEN: &str = "authcookie_secret_0123";

/// Every event as its message and its fields, rendered.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl<S: Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut line = Line(event.metadata().target().to_owned());
        event.record(&mut line);
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(line.0);
    }
}

#[test]
fn a_watch_reports_its_life_and_never_the_token() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    tracing::subscriber::with_default(subscriber, || {
        let session = Session::new(UserAgent::new("Trace/1.0 t@example.com").expect("agent"))
            .with_auth_cookie(AuthCookie::new(TOKEN).expect("token"));
        let mut watch = Watch::new(&session, PipelineOptions::default(), None, 1).expect("watch");
        let now = Instant::now();
        let WatchStep::Connect(_) = watch.step(now) else {
            panic!("connect first")
        };
        watch.handle(Happened::Connected, now).expect("fits");
        let WatchStep::FetchInbox(_) = watch.step(now) else {
            panic!("catch up")
        };
        let empty = http::Response::new(b"[]".to_vec());
        watch
            .handle(Happened::InboxReply(empty), now)
            .expect("fits");
        let WatchStep::Read { .. } = watch.step(now) else {
            panic!("read")
        };
        watch.handle(Happened::Closed(None), now).expect("fits");
        let WatchStep::Close = watch.step(now) else {
            panic!("close")
        };
        let WatchStep::Sleep { until } = watch.step(now) else {
            panic!("wait")
        };
        watch.handle(Happened::TimePassed, until).expect("fits");
        let WatchStep::Connect(_) = watch.step(until) else {
            panic!("connect again")
        };
        let refused = ConnectFailure::Status(StatusCode::UNAUTHORIZED);
        watch
            .handle(Happened::ConnectFailed(refused), until)
            .expect("fits");
        let WatchStep::End(_) = watch.step(until) else {
            panic!("refused")
        };
    });
    let lines = capture
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert!(
        lines
            .iter()
            .all(|line| line.starts_with("vrchat_invite::pipeline")),
        "{lines:#?}"
    );
    let order = [
        "pipeline connecting",
        "pipeline connected",
        "pipeline catch-up page",
        "pipeline dropped",
        "pipeline reconnect scheduled",
        "pipeline connecting",
        "pipeline connect failed",
        "pipeline watch ended",
    ];
    let joined = lines.join("\n");
    let mut from = 0;
    for expected in order {
        let found = joined[from..]
            .find(expected)
            .unwrap_or_else(|| panic!("{expected:?} missing after offset {from}: {lines:#?}"));
        from += found + expected.len();
    }
    assert!(joined.contains("status=401"), "{joined}");
    assert!(joined.contains("wait_ms="), "{joined}");
    assert!(!joined.contains(TOKEN), "{joined}");
}
