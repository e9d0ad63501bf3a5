//! The core beside the vrchatapi crate (1.23, reqwest), the most used Rust VRChat SDK, on the
//! same bytes: building a request, and reading each reply from its body bytes.
//!
//! The peer's side is what its generated API functions do: `format!` the URL, a reqwest
//! builder with the User-Agent (and a JSON body), `build()`; for a reply, `text()` (a lossy
//! UTF-8 copy) and `serde_json::from_str` into its model, or for an error status into its
//! untagged error enum, keeping the text. The core's side is `Session::request` and
//! `Endpoint::parse`. At the end two ratios (`core / vrchatapi`) are printed per case:
//! criterion's medians of this run, and the median (with quartiles) of 201 rounds that
//! alternate a block of each, which a busy machine disturbs less. Each goal is checked
//! against the paired median.
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use http::{Response, StatusCode};
use vrchat_invite_core::{Endpoint, NotificationId, Session, Slot, UserAgent, UserId};
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::inbox::GetNotification;
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, UpdateInviteMessage,
};
use vrchat_invite_peer_bench::{
    COOLDOWN, INVITE_NOTIFICATION, LOCATION, SENT_NOTIFICATION, USER, USER_AGENT, message,
    message_list,
};
use vrchatapi::apis::configuration::Configuration;
use vrchatapi::apis::invite_api::UpdateInviteMessageError;
use vrchatapi::models;

fn reply(status: u16, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .expect("response")
}

/// What the peer does with a reply body before its model sees it (`Response::text`).
fn peer_text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

fn peer_config() -> Configuration {
    let mut config = Configuration::default();
    config.user_agent = Some(USER_AGENT.to_owned());
    config
}

/// One comparison: the core's work and the peer's, each one unit per call.
struct Case {
    name: &'static str,
    goal: f64,
    core: Box<dyn Fn()>,
    peer: Box<dyn Fn()>,
}

fn case(
    name: &'static str,
    goal: f64,
    core: impl Fn() + 'static,
    peer: impl Fn() + 'static,
) -> Case {
    Case {
        name,
        goal,
        core: Box::new(core),
        peer: Box::new(peer),
    }
}

fn build_cases() -> Vec<Case> {
    let session = Session::new(UserAgent::new(USER_AGENT).expect("user agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_3b9e1f2a-6c4d-4e8f").expect("cookie"));
    let user = UserId::new(USER).expect("user");
    let invite = InviteUser::new(user.clone(), LOCATION.parse().expect("location"))
        .with_message_slot(Slot::new(2).expect("slot"));
    let list = GetInviteMessages::new(user, InviteMessageType::Message);
    let config = Rc::new(peer_config());
    let (session_a, config_a) = (session.clone(), Rc::clone(&config));
    vec![
        case(
            "build_invite_user",
            0.45,
            move || {
                black_box(session_a.request(black_box(&invite)).expect("request"));
            },
            move || {
                let mut body = models::InviteRequest::new(black_box(LOCATION).to_owned());
                body.message_slot = Some(2);
                let uri = format!(
                    "{}/invite/{userId}",
                    config_a.base_path,
                    userId = vrchatapi::apis::urlencode(black_box(USER))
                );
                let mut builder = config_a.client.request(reqwest::Method::POST, &uri);
                if let Some(user_agent) = &config_a.user_agent {
                    builder = builder.header(reqwest::header::USER_AGENT, user_agent.clone());
                }
                black_box(builder.json(&body).build().expect("request"));
            },
        ),
        case(
            "build_get_invite_messages",
            0.45,
            move || {
                black_box(session.request(black_box(&list)).expect("request"));
            },
            move || {
                let uri = format!(
                    "{}/message/{userId}/{messageType}",
                    config.base_path,
                    userId = vrchatapi::apis::urlencode(black_box(USER)),
                    messageType = models::InviteMessageType::Message
                );
                let mut builder = config.client.request(reqwest::Method::GET, &uri);
                if let Some(user_agent) = &config.user_agent {
                    builder = builder.header(reqwest::header::USER_AGENT, user_agent.clone());
                }
                black_box(builder.build().expect("request"));
            },
        ),
    ]
}

/// One parse comparison: the core's `parse` of the reply against the peer's `from_str`.
fn parse_case<E, P>(name: &'static str, goal: f64, endpoint: E, reply: Response<Vec<u8>>) -> Case
where
    E: Endpoint + 'static,
    P: serde::de::DeserializeOwned,
{
    let reply = Rc::new(reply);
    let peer_reply = Rc::clone(&reply);
    case(
        name,
        goal,
        move || {
            let _ = black_box(endpoint.parse(black_box(&*reply)));
        },
        move || {
            let text = peer_text(black_box(peer_reply.body()));
            black_box(serde_json::from_str::<P>(&text).expect("peer parse"));
        },
    )
}

fn parse_cases() -> Vec<Case> {
    let user = UserId::new(USER).expect("user");
    let slot = Slot::new(3).expect("slot");

    let list = GetInviteMessages::new(user.clone(), InviteMessageType::Message);
    let list_reply = reply(200, &message_list());
    assert_eq!(list.parse(&list_reply).expect("list").len(), 12);

    let notification = GetNotification::new(
        NotificationId::new("not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c").expect("id"),
    );
    let notification_reply = reply(200, INVITE_NOTIFICATION);
    let parsed = notification
        .parse(&notification_reply)
        .expect("notification");
    assert!(parsed.details.as_invite().is_some());

    let single = GetInviteMessage::new(user.clone(), InviteMessageType::Message, slot);
    let single_reply = reply(200, &message(3, "Come hang out with me\u{2024}"));
    single.parse(&single_reply).expect("single message");

    let invite = InviteUser::new(user.clone(), LOCATION.parse().expect("location"));
    let sent_reply = reply(200, SENT_NOTIFICATION);
    let sent = invite.parse(&sent_reply).expect("sent notification");
    assert!(sent.details.as_invite().is_some());

    let edit = UpdateInviteMessage::new(
        user,
        InviteMessageType::Message,
        slot,
        MessageText::new("Come hang out!").expect("text"),
    );
    let cooldown_reply = Rc::new(reply(429, COOLDOWN));
    let error = edit.parse(&cooldown_reply).expect_err("cooldown");
    assert_eq!(error.cooldown_minutes(), Some(42));
    let peer_cooldown = Rc::clone(&cooldown_reply);

    vec![
        parse_case::<_, Vec<models::InviteMessage>>("parse_message_list", 0.8, list, list_reply),
        parse_case::<_, models::Notification>(
            "parse_invite_notification",
            0.5,
            notification,
            notification_reply,
        ),
        parse_case::<_, models::InviteMessage>("parse_single_message", 0.8, single, single_reply),
        parse_case::<_, models::SentNotification>(
            "parse_sent_notification",
            0.8,
            invite,
            sent_reply,
        ),
        case(
            "parse_cooldown_429",
            1.0,
            move || {
                let _ = black_box(edit.parse(black_box(&*cooldown_reply)));
            },
            move || {
                let content = peer_text(black_box(peer_cooldown.body()));
                let entity: Option<UpdateInviteMessageError> = serde_json::from_str(&content).ok();
                black_box(vrchatapi::apis::ResponseContent {
                    status: StatusCode::TOO_MANY_REQUESTS,
                    content,
                    entity,
                });
            },
        ),
    ]
}

fn all_cases() -> Vec<Case> {
    let mut cases = build_cases();
    cases.extend(parse_cases());
    cases
}

fn criterion_cases(c: &mut Criterion) {
    for case in all_cases() {
        let mut group = c.benchmark_group(case.name);
        group.bench_function("core", |b| b.iter(&case.core));
        group.bench_function("vrchatapi", |b| b.iter(&case.peer));
        group.finish();
    }
}

/// Median and quartiles of `core / peer` over rounds that alternate a block of each (which
/// goes first swaps every round), so a change of load on a shared machine hits both alike.
fn paired(case: &Case, rounds: usize) -> (f64, f64, f64) {
    // A block of about a millisecond.
    let started = Instant::now();
    let mut calls = 0u32;
    while started.elapsed() < Duration::from_millis(5) {
        (case.peer)();
        calls += 1;
    }
    let block = (calls / 5).max(1);
    let time = |work: &dyn Fn()| {
        let started = Instant::now();
        for _ in 0..block {
            work();
        }
        started.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|round| {
            if round % 2 == 0 {
                let core = time(&case.core);
                core / time(&case.peer)
            } else {
                let peer = time(&case.peer);
                time(&case.core) / peer
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at = |fraction: f64| ratios[((ratios.len() - 1) as f64 * fraction).round() as usize];
    (at(0.5), at(0.25), at(0.75))
}

/// Criterion's median estimate, in ns, of `group/function` from this run.
fn median(group: &str, function: &str) -> Option<f64> {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let path = target
        .join("criterion")
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

fn ratios(quick: bool) {
    let rounds = if quick { 3 } else { 201 };
    println!(
        "\n{:<26} {:>9} {:>9} {:>8} {:>7} {:>15} {:>5}",
        "case", "core ns", "peer ns", "ratio", "paired", "paired IQR", "goal"
    );
    let filter = criterion_filter();
    for case in all_cases()
        .into_iter()
        .filter(|case| case.name.contains(&filter))
    {
        let (median_ratio, low, high) = paired(&case, rounds);
        let (core, peer) = (median(case.name, "core"), median(case.name, "vrchatapi"));
        let (core, peer, ratio) = match (core, peer) {
            (Some(core), Some(peer)) => (core, peer, core / peer),
            _ => (f64::NAN, f64::NAN, f64::NAN),
        };
        let met = if median_ratio <= case.goal {
            "met"
        } else {
            "MISSED"
        };
        println!(
            "{:<26} {core:>9.1} {peer:>9.1} {ratio:>8.3} {median_ratio:>7.3} {low:>7.3}..{high:<7.3} {:>5} {met}",
            case.name, case.goal
        );
    }
}

/// The filter given to criterion (`cargo bench --bench peer -- parse_`), which picks the
/// paired cases too: the first argument that is neither an option nor an option's value.
fn criterion_filter() -> String {
    const TAKE_A_VALUE: [&str; 6] = [
        "--warm-up-time",
        "--measurement-time",
        "--sample-size",
        "--save-baseline",
        "--baseline",
        "--noise-threshold",
    ];
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter()
        .enumerate()
        .find(|(index, arg)| {
            let after_option = index
                .checked_sub(1)
                .and_then(|previous| args.get(previous))
                .is_some_and(|previous| TAKE_A_VALUE.contains(&previous.as_str()));
            !arg.starts_with('-') && !after_option
        })
        .map(|(_, arg)| arg.clone())
        .unwrap_or_default()
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(60);
    targets = criterion_cases
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo test --benches` passes `--test`: run everything once, briefly.
    ratios(std::env::args().any(|arg| arg == "--test"));
}
