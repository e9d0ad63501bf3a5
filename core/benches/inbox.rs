//! Parsing an inbox page: the core's lenient list against plain serde of the same body, and
//! the cost of one undecodable item (every item then decodes on its own).
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use http::Response;
use vrchat_invite_core::Endpoint;
use vrchat_invite_core::inbox::ListNotifications;

/// One REST notification; `kind` picks the details.
fn notification(n: usize) -> String {
    let (kind, details) = match n % 3 {
        0 => (
            "invite",
            r#"{\"worldId\":\"wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)\",\"worldName\":\"The Lake\",\"inviteMessage\":\"Come hang out\u2024\"}"#,
        ),
        1 => (
            "requestInvite",
            r#"{\"platform\":\"standalonewindows\",\"requestMessage\":\"Can I join?\"}"#,
        ),
        _ => (
            "inviteResponse",
            r#"{\"inResponseTo\":\"not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c\",\"responseMessage\":\"On my way\u01C3\"}"#,
        ),
    };
    format!(
        r#"{{"id":"not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a{n:04}","type":"{kind}","created_at":"2026-05-06T07:08:09.123Z","details":"{details}","message":"","seen":false,"senderUserId":"usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469"}}"#
    )
}

fn page(count: usize, bad_last: bool) -> Vec<u8> {
    let mut items: Vec<String> = (0..count).map(notification).collect();
    if bad_last {
        if let Some(last) = items.last_mut() {
            *last = r#"{"id":"not_bad","type":"invite","seen":"maybe","senderUserId":"usr_a"}"#
                .to_owned();
        }
    }
    format!("[{}]", items.join(",")).into_bytes()
}

#[path = "support/plain_notification.rs"]
mod plain_notification;
#[path = "support/plain_page.rs"]
mod plain_page;
use plain_page::plain_page;

fn parse_inbox(c: &mut Criterion) {
    let list = ListNotifications::new();
    let good = Response::new(page(60, false));
    let one_bad = Response::new(page(60, true));
    assert!(list.parse(&good).expect("good").is_complete());
    assert_eq!(list.parse(&one_bad).expect("bad").undecodable().count(), 1);
    assert_eq!(plain_page(good.body()).len(), 60);

    let mut group = c.benchmark_group("parse 60 notifications");
    group.bench_function("core ListNotifications::parse", |b| {
        b.iter(|| list.parse(black_box(&good)).expect("parse"))
    });
    group.bench_function("core, last item undecodable", |b| {
        b.iter(|| list.parse(black_box(&one_bad)).expect("parse"))
    });
    group.bench_function("baseline from_slice, then details from_str", |b| {
        b.iter(|| plain_page(black_box(good.body())))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(60);
    targets = parse_inbox
}
criterion_main!(benches);
