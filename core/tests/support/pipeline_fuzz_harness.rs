//! The pipeline's fuzz harness, shared by `fuzz/` (cargo-fuzz) and
//! `core/tests/pipeline_fuzz_regressions.rs`: any bytes as a frame, and any sequence of
//! frames, replies, drops and refusals driving a watch. Nothing may panic.

use std::time::{Duration, Instant};

use http::{Response, StatusCode};
use vrchat_invite_core::{
    AuthCookie, ConnectFailure, PipelineOptions, Session, UserAgent, Watch, WatchStep, decode_frame,
};

/// At most this many actions per input, so every run is short.
const MAX_ACTIONS: usize = 64;

pub fn pipeline(data: &[u8]) {
    let _ = decode_frame(&String::from_utf8_lossy(data));
    let session = Session::new(UserAgent::new("Fuzz/1.0 fuzz@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_fuzz").expect("token"));
    let mut watch = Watch::new(&session, PipelineOptions::default(), None).expect("watch");
    let mut now = Instant::now();
    for chunk in data.split(|byte| *byte == 0xff).take(MAX_ACTIONS) {
        let (op, rest) = chunk.split_first().unwrap_or((&0, &[]));
        if let WatchStep::Connect(connect) = watch.step() {
            let request = connect.request([0; 16]).expect("request");
            assert!(!format!("{connect:?}").contains("authcookie_fuzz"));
            assert!(request.uri().query().is_some());
        }
        now += Duration::from_millis(u64::from(*op));
        let random = rest
            .iter()
            .fold(0u64, |acc, byte| acc.rotate_left(8) ^ u64::from(*byte));
        match op % 6 {
            0 => watch.connected(now),
            1 => {
                let _ = watch.frame(&String::from_utf8_lossy(rest));
            }
            2 => {
                let status = rest.first().map_or(200, |b| 200 + u16::from(*b) % 400);
                let mut reply = Response::new(rest.get(1..).unwrap_or_default().to_vec());
                *reply.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                let _ = watch.catch_up_reply(&reply, now, random);
            }
            3 => watch.dropped(now, random),
            4 => watch.connect_failed(ConnectFailure::Other, random),
            _ => {
                let status = rest.first().map_or(401, |b| 400 + u16::from(*b) % 200);
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::UNAUTHORIZED);
                watch.connect_failed(ConnectFailure::from_status(status), random);
            }
        }
    }
    // Whatever happened, the watch still answers.
    let _ = watch.step();
}
