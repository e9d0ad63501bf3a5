//! The pipeline's decoding beside plain serde doing the same parses, each pair in the same
//! run: a `notification` frame and a `friend-location` frame (the frame, then its
//! JSON-encoded content, into structs of `String`s), and a catch-up page of 100 (the core's
//! parse and merge against a plain parse of the page).
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use http::Response;
use vrchat_invite_core::Endpoint;
use vrchat_invite_core::inbox::ListNotifications;
use vrchat_invite_core::models::{Notification, Timestamp};
use vrchat_invite_core::pipeline::{Gapless, PipelineEvent, decode_frame};

#[path = "support/pipeline_fixtures.rs"]
mod fixtures;
#[path = "support/plain_notification.rs"]
mod plain_notification;

use fixtures::{
    NOTIFICATION_FRAME, catch_up_page, friend_location_frame, plain_friend, plain_friend_value,
    plain_notification,
};
#[path = "support/plain_page.rs"]
mod plain_page;
use plain_page::plain_page;

/// Before every notification of the page: the catch-up delivers all of them.
const SINCE: &str = "2026-05-06T00:00:00Z";

/// The catch-up after a reconnect: the page parsed, merged, every event handed on.
fn catch_up(list: &ListNotifications, reply: &Response<Vec<u8>>) -> usize {
    let mut gapless = Gapless::new(Some(Timestamp::new(SINCE)));
    gapless.reconnected();
    let page = list.parse(reply).expect("page");
    let listed = page.len();
    merge(&mut gapless, page.into_decoded(), listed)
}

/// The merge alone: the full page, then the empty one that ends the catch-up.
fn merge(gapless: &mut Gapless, page: Vec<Notification>, listed: usize) -> usize {
    assert!(
        gapless.page_of(page, listed).is_some(),
        "a full page asks for the next"
    );
    assert!(gapless.page(Vec::new()).is_none());
    let mut delivered = 0;
    while let Some(event) = gapless.next_event() {
        delivered += usize::from(matches!(event, PipelineEvent::Notification(_)));
        black_box(event);
    }
    delivered
}

fn criterion_rows(c: &mut Criterion) {
    let friend = friend_location_frame();
    let list = ListNotifications::new();
    let reply = Response::new(catch_up_page());
    assert!(decode_frame(NOTIFICATION_FRAME).is_ok_and(|e| e.notification().is_some()));
    assert!(matches!(
        decode_frame(&friend),
        Ok(PipelineEvent::FriendLocation(_))
    ));
    assert_eq!(catch_up(&list, &reply), 100);
    assert_eq!(plain_page(reply.body()).len(), 100);

    let mut group = c.benchmark_group("pipeline_frame");
    group.bench_function("decode_frame", |b| {
        b.iter(|| decode_frame(black_box(NOTIFICATION_FRAME)))
    });
    group.bench_function("serde_baseline", |b| {
        b.iter(|| plain_notification(black_box(NOTIFICATION_FRAME)))
    });
    group.finish();

    let mut group = c.benchmark_group("friend_location");
    group.bench_function("decode_frame", |b| {
        b.iter(|| decode_frame(black_box(&friend)))
    });
    group.bench_function("serde_baseline (user typed)", |b| {
        b.iter(|| plain_friend(black_box(&friend)))
    });
    group.bench_function("serde_baseline (user as Value)", |b| {
        b.iter(|| plain_friend_value(black_box(&friend)))
    });
    group.finish();

    let mut group = c.benchmark_group("catch_up_100");
    group.bench_function("core parse + merge", |b| {
        b.iter(|| catch_up(&list, black_box(&reply)))
    });
    group.bench_function("serde_baseline (plain parse)", |b| {
        b.iter(|| plain_page(black_box(reply.body())))
    });
    let parsed = list.parse(&reply).expect("page").into_decoded();
    group.bench_function("merge alone", |b| {
        b.iter_batched(
            || {
                let mut gapless = Gapless::new(Some(Timestamp::new(SINCE)));
                gapless.reconnected();
                (gapless, parsed.clone())
            },
            |(mut gapless, page)| merge(&mut gapless, page, 100),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

/// Median and quartiles over rounds of (ours / baseline), the two run in alternating
/// blocks so a busy machine slows both alike.
fn paired_ratio(block: u32, ours: &dyn Fn(), baseline: &dyn Fn()) -> [f64; 3] {
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..block {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..41)
        .map(|round| {
            if round % 2 == 0 {
                let a = time(ours);
                a / time(baseline)
            } else {
                let b = time(baseline);
                time(ours) / b
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at = |q: usize| ratios[(ratios.len() - 1) * q / 4];
    [at(1), at(2), at(3)]
}

fn print_ratio(name: &str, [low, median, high]: [f64; 3]) {
    println!(
        "paired ratio {name}: median {median:.3} (quartiles {low:.3} to {high:.3}, 41 rounds)"
    );
}

fn paired(_: &mut Criterion) {
    let friend = friend_location_frame();
    let list = ListNotifications::new();
    let reply = Response::new(catch_up_page());
    print_ratio(
        "notification frame, decode_frame / plain serde",
        paired_ratio(
            2000,
            &|| {
                black_box(decode_frame(black_box(NOTIFICATION_FRAME)).is_ok());
            },
            &|| {
                black_box(plain_notification(black_box(NOTIFICATION_FRAME)));
            },
        ),
    );
    print_ratio(
        "friend-location frame, decode_frame / plain serde (user typed)",
        paired_ratio(
            500,
            &|| {
                black_box(decode_frame(black_box(&friend)).is_ok());
            },
            &|| {
                black_box(plain_friend(black_box(&friend)));
            },
        ),
    );
    print_ratio(
        "catch-up of 100, core parse alone (no merge) / plain parse",
        paired_ratio(
            20,
            &|| {
                black_box(list.parse(black_box(&reply)).expect("page").into_decoded());
            },
            &|| {
                black_box(plain_page(black_box(reply.body())));
            },
        ),
    );
    print_ratio(
        "catch-up of 100, core parse + merge / plain parse",
        paired_ratio(
            20,
            &|| {
                black_box(catch_up(&list, black_box(&reply)));
            },
            &|| {
                black_box(plain_page(black_box(reply.body())));
            },
        ),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(60);
    targets = criterion_rows, paired
}
criterion_main!(benches);
