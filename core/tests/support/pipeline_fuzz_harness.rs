//! The pipeline's fuzz harness, shared by `fuzz/` (cargo-fuzz) and
//! `core/tests/pipeline_fuzz_regressions.rs`: any bytes as a frame, and any sequence of
//! frames, replies, drops and refusals driving a watch. Nothing may panic.

use std::time::{Duration, Instant};

use http::{Response, StatusCode};
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::pipeline::{
    ConnectFailure, Happened, PipelineOptions, Watch, WatchStep, decode_frame,
};
use vrchat_invite_core::{Session, UserAgent, UserId};

/// At most this many actions per input, so every run is short.
const MAX_ACTIONS: usize = 64;

pub fn pipeline(data: &[u8]) {
    let _ = decode_frame(&String::from_utf8_lossy(data));
    let session = Session::new(UserAgent::new("Fuzz/1.0 fuzz@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_fuzz").expect("token"))
        .with_user_id(UserId::new("usr_fuzz").expect("id"));
    let options = PipelineOptions::default().with_connection_events(data.first() == Some(&1));
    let seed = data
        .iter()
        .fold(0u64, |acc, byte| acc.rotate_left(5) ^ u64::from(*byte));
    let mut watch = Watch::new(&session, options, None, seed).expect("watch");
    let mut now = Instant::now();
    for chunk in data.split(|byte| *byte == 0xff).take(MAX_ACTIONS) {
        let (op, rest) = chunk.split_first().unwrap_or((&0, &[]));
        now += Duration::from_millis(u64::from(*op) * 97);
        // Step until the watch waits for something (bounded: events and reports drain).
        for _ in 0..MAX_ACTIONS {
            match watch.step(now) {
                WatchStep::Connect(handshake) => {
                    assert!(!format!("{handshake:?}").contains("authcookie_fuzz"));
                    assert!(handshake.request().uri().query().is_some());
                    break;
                }
                WatchStep::Deliver(_) | WatchStep::Report(_) | WatchStep::Close => {}
                WatchStep::End(end) => assert!(!format!("{end:?}").contains("authcookie_fuzz")),
                _ => break,
            }
        }
        let text = || String::from_utf8_lossy(rest).into_owned();
        let happened = match op % 12 {
            0 => Happened::Connected,
            1 => Happened::Text(text()),
            2 => {
                let status = rest.first().map_or(200, |b| 200 + u16::from(*b) % 400);
                let mut reply = Response::new(rest.get(1..).unwrap_or_default().to_vec());
                *reply.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                Happened::InboxReply(reply)
            }
            3 => Happened::Closed(None),
            4 => Happened::ConnectFailed(ConnectFailure::Other(text().into())),
            5 => {
                let status = rest.first().map_or(401, |b| 100 + u16::from(*b) % 500);
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::UNAUTHORIZED);
                Happened::ConnectFailed(ConnectFailure::Status(status))
            }
            6 => Happened::Pinged,
            7 => Happened::Pong,
            8 => Happened::Written,
            9 => Happened::FrameTooLarge,
            10 => Happened::OtherFrame,
            _ => Happened::TimePassed,
        };
        // Out of order is refused, never a panic.
        let _ = watch.handle(happened, now);
    }
    // Whatever happened, the watch still answers.
    let _ = watch.step(now);
}
