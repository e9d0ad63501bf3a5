//! Decoding a `notification` frame beside a plain serde baseline doing the same two parses
//! (the frame, then its JSON-encoded content) into structs of `String`s.
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use vrchat_invite_core::decode_frame;

/// A `requestInvite` pushed over the pipeline: content JSON-encoded, details an object.
const FRAME: &str = r#"{"type":"notification","content":"{\"id\":\"not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c\",\"type\":\"requestInvite\",\"senderUserId\":\"usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469\",\"receiverUserId\":\"usr_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"message\":\"\",\"details\":{\"platform\":\"standalonewindows\",\"requestMessage\":\"Can I join you\u2024 please?\"},\"created_at\":\"2024-05-06T07:08:09.123Z\"}"}"#;

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
struct PlainFrame {
    #[serde(rename = "type")]
    kind: String,
    content: String,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
#[serde(rename_all = "camelCase")]
struct PlainDetails {
    platform: Option<String>,
    request_message: Option<String>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
#[serde(rename_all = "camelCase")]
struct PlainNotification {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    sender_user_id: String,
    receiver_user_id: Option<String>,
    message: String,
    details: PlainDetails,
    #[serde(rename = "created_at")]
    created_at: String,
}

fn plain(frame: &str) -> PlainNotification {
    let outer: PlainFrame = serde_json::from_str(frame).expect("frame");
    serde_json::from_str(&outer.content).expect("content")
}

fn decode(c: &mut Criterion) {
    assert!(decode_frame(FRAME).is_ok_and(|e| e.notification().is_some()));
    let mut group = c.benchmark_group("pipeline_frame");
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("decode_frame", |b| {
        b.iter(|| decode_frame(black_box(FRAME)))
    });
    group.bench_function("serde_baseline", |b| b.iter(|| plain(black_box(FRAME))));
    group.finish();
}

/// Median over rounds of (decode_frame time / baseline time), the two run in alternating
/// blocks so a busy machine slows both alike.
fn paired_ratio() -> f64 {
    const BLOCK: u32 = 2000;
    let time = |f: &dyn Fn()| {
        let start = std::time::Instant::now();
        for _ in 0..BLOCK {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    let ours = || {
        black_box(decode_frame(black_box(FRAME)).is_ok());
    };
    let plain_parse = || {
        black_box(plain(black_box(FRAME)));
    };
    let mut ratios: Vec<f64> = (0..41)
        .map(|round| {
            if round % 2 == 0 {
                let a = time(&ours);
                a / time(&plain_parse)
            } else {
                let b = time(&plain_parse);
                time(&ours) / b
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

fn paired(_: &mut Criterion) {
    println!(
        "pipeline_frame paired ratio (decode_frame / serde_baseline, median of 41 rounds): {:.3}",
        paired_ratio()
    );
}

criterion_group!(benches, decode, paired);
criterion_main!(benches);
