//! Request building and response parsing, each parse beside a baseline: plain
//! `serde_json::from_slice` of the same body into a struct of `String` fields.
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use http::Response;
use vrchat_invite_core::auth::{AuthCookie, TwoFactorCookie};
use vrchat_invite_core::invite::{InviteUser, Png, RequestInvite};
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::transport::{ClientCore, ClientOptions};
use vrchat_invite_core::{Endpoint, Session, Slot, UserAgent, UserId};

/// A complete 1x1 PNG.
const PNG_BASE64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// A `requestInvite` notification as the REST API sends it: details JSON-encoded.
const NOTIFICATION: &str = r#"{"id":"not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c","type":"requestInvite","created_at":"2024-05-06T07:08:09.123Z","details":"{\"platform\":\"standalonewindows\",\"requestMessage\":\"Can I join you\u2024 please?\"}","message":"","seen":false,"senderUserId":"usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469"}"#;

fn session() -> Session {
    Session::new(UserAgent::new("BenchBot/1.0 bench@example.com").expect("user agent"))
        .with_auth_cookie(
            AuthCookie::new("authcookie_3b9e1f2a-6c4d-4e8f-a0b1-c2d3e4f5a6b7").expect("auth"),
        )
        .with_two_factor_cookie(TwoFactorCookie::new("twofactor_9d8c7b6a").expect("2fa"))
}

fn user() -> UserId {
    UserId::new(USER).expect("user id")
}

/// Baseline: the same message with plain types.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "fields are only decoded, never read")]
struct PlainInviteMessage {
    can_be_updated: bool,
    id: String,
    message: String,
    message_type: String,
    remaining_cooldown_minutes: u32,
    slot: u8,
    updated_at: String,
}

#[path = "support/plain_notification.rs"]
mod plain_notification;
#[path = "support/replies.rs"]
mod replies;

use plain_notification::PlainNotification;
use replies::{LOCATION, USER, message_list};

/// The typed details the core decodes, in plain types: for a second, like-for-like baseline.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "fields are only decoded, never read")]
struct PlainRequestInviteDetails {
    platform: Option<String>,
    request_message: Option<String>,
    image_url: Option<String>,
}

fn build_requests(c: &mut Criterion) {
    let session = session();
    let png = Png::new(STANDARD.decode(PNG_BASE64).expect("base64")).expect("png");
    let invite = InviteUser::new(user(), LOCATION.parse().expect("location"))
        .with_message_slot(Slot::new(2).expect("slot"));
    let list = GetInviteMessages::new(user(), InviteMessageType::Message);
    let photo = RequestInvite::new(user())
        .with_request_slot(Slot::new(5).expect("slot"))
        .with_photo(png);

    let mut group = c.benchmark_group("build");
    group.bench_function("inviteUser (JSON body)", |b| {
        b.iter(|| session.request(black_box(&invite)).expect("request"))
    });
    group.bench_function("getInviteMessages (no body)", |b| {
        b.iter(|| session.request(black_box(&list)).expect("request"))
    });
    group.bench_function("requestInvite with a photo (multipart, 1x1 PNG)", |b| {
        b.iter(|| session.request(black_box(&photo)).expect("request"))
    });
    group.finish();
}

fn parse_responses(c: &mut Criterion) {
    let list = GetInviteMessages::new(user(), InviteMessageType::Message);
    let list_reply = Response::builder()
        .status(200)
        .body(message_list().into_bytes())
        .expect("response");
    assert_eq!(list.parse(&list_reply).expect("list").len(), 12);

    let request = RequestInvite::new(user());
    let notification_reply = Response::builder()
        .status(200)
        .body(NOTIFICATION.as_bytes().to_vec())
        .expect("response");
    let parsed = request.parse(&notification_reply).expect("notification");
    assert!(matches!(
        parsed.details,
        vrchat_invite_core::models::NotificationDetails::RequestInvite(_)
    ));

    let mut group = c.benchmark_group("parse 12 messages");
    group.bench_function("core GetInviteMessages::parse", |b| {
        b.iter(|| list.parse(black_box(&list_reply)).expect("parse"))
    });
    group.bench_function("baseline serde_json::from_slice", |b| {
        b.iter(|| {
            serde_json::from_slice::<Vec<PlainInviteMessage>>(black_box(list_reply.body()))
                .expect("parse")
        })
    });
    group.finish();

    let mut group = c.benchmark_group("parse requestInvite notification");
    group.bench_function("core RequestInvite::parse", |b| {
        b.iter(|| {
            request
                .parse(black_box(&notification_reply))
                .expect("parse")
        })
    });
    group.bench_function("baseline serde_json::from_slice", |b| {
        b.iter(|| {
            serde_json::from_slice::<PlainNotification>(black_box(notification_reply.body()))
                .expect("parse")
        })
    });
    group.bench_function("baseline from_slice, then details from_str", |b| {
        b.iter(|| {
            let plain: PlainNotification =
                serde_json::from_slice(black_box(notification_reply.body())).expect("parse");
            let details: PlainRequestInviteDetails =
                serde_json::from_str(&plain.details).expect("details");
            (plain, details)
        })
    });
    group.finish();
}

/// Baseline for the cooldown reply: its JSON in plain types.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "fields are only decoded, never read")]
struct PlainErrorBody {
    error: PlainError,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "fields are only decoded, never read")]
struct PlainError {
    message: String,
    status_code: u16,
}

/// The 429 an edit gets during the slot's cooldown, as VRChat writes it.
const COOLDOWN: &str = "{\"error\":{\"message\":\"Please wait 42 more minutes until you try again\u{2024}\",\"status_code\":429}}";

fn parse_cooldown(c: &mut Criterion) {
    let headers = http::HeaderMap::new();
    let status = http::StatusCode::TOO_MANY_REQUESTS;
    let error = vrchat_invite_core::ApiError::from_parts(status, &headers, COOLDOWN.as_bytes());
    assert_eq!(
        error.kind(),
        &vrchat_invite_core::ApiErrorKind::Cooldown { minutes: 42 }
    );
    let mut group = c.benchmark_group("parse 429 cooldown reply");
    group.bench_function("core ApiError::from_parts", |b| {
        b.iter(|| {
            vrchat_invite_core::ApiError::from_parts(
                status,
                &headers,
                black_box(COOLDOWN.as_bytes()),
            )
        })
    });
    group.bench_function("baseline serde_json::from_slice", |b| {
        b.iter(|| {
            serde_json::from_slice::<PlainErrorBody>(black_box(COOLDOWN.as_bytes())).expect("parse")
        })
    });
    group.finish();
}

/// What the shared client contract adds around the wire: `ClientCore::prepare` and
/// `Pending::finish` (shared session, politeness off) against `Session::request` and
/// `Endpoint::parse` alone, for a 12-message list.
fn exchange_contract(c: &mut Criterion) {
    let list = GetInviteMessages::new(user(), InviteMessageType::Message);
    let reply = || {
        Response::builder()
            .status(200)
            .body(message_list().into_bytes())
            .expect("response")
    };
    let session = session();
    let core = ClientCore::new(session.clone(), ClientOptions::default(), 0, |_| None);
    let now = Instant::now();

    let mut group = c.benchmark_group("exchange 12 messages");
    group.bench_function("core ClientCore::prepare + Pending::finish", |b| {
        b.iter_batched(
            reply,
            |reply| {
                let (outgoing, pending) = core.prepare(black_box(&list), now).expect("prepared");
                black_box(outgoing.request);
                pending.finish(Ok(reply), now).expect("finished")
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("baseline Session::request + Endpoint::parse", |b| {
        b.iter_batched(
            reply,
            |reply| {
                black_box(session.request(black_box(&list)).expect("request"));
                list.parse(&reply).expect("parsed")
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(60);
    targets = build_requests, parse_responses, parse_cooldown, exchange_contract
}
criterion_main!(benches);
