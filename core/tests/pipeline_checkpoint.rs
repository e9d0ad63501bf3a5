//! Checkpoints walked offline: a watch resumed from one reads every page after it, never
//! delivers what was done, and across random crashes, drops and lost frames every
//! notification is delivered at least once and again only when it was in hand at a crash.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::models::Timestamp;
use vrchat_invite_core::pipeline::{
    Checkpoint, Happened, PipelineEvent, PipelineOptions, Watch, WatchStep,
};
use vrchat_invite_core::{Session, UserAgent};

const START: i64 = 1_700_000_000_000;

fn session() -> Session {
    Session::new(UserAgent::new("Test/1.0 t@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_checkpoint").expect("token"))
}

/// The inbox as the server keeps it: IDs and creation times, oldest first.
#[derive(Default)]
struct Inbox {
    notifications: Vec<(String, i64)>,
}

impl Inbox {
    fn json(id: &str, millis: i64) -> serde_json::Value {
        serde_json::json!({
            "id": id, "type": "requestInvite", "senderUserId": "usr_a", "details": "{}",
            "created_at": Timestamp::from_unix_millis(millis).to_string(),
            "seen": false, "message": "",
        })
    }

    /// The page a catch-up request asks for: strictly after `after`, newest first.
    fn reply(&self, request: &http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        let mut after = i64::MIN;
        let (mut offset, mut n) = (0usize, 60usize);
        for pair in request.uri().query().unwrap_or_default().split('&') {
            let (name, value) = pair.split_once('=').expect("pair");
            let value = percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .expect("utf8");
            match name {
                "after" => after = Timestamp::new(value.as_ref()).unix_millis().expect("time"),
                "offset" => offset = value.parse().expect("offset"),
                "n" => n = value.parse().expect("n"),
                _ => {}
            }
        }
        let page: Vec<_> = self
            .notifications
            .iter()
            .rev()
            .filter(|(_, at)| *at > after)
            .skip(offset)
            .take(n)
            .map(|(id, at)| Self::json(id, *at))
            .collect();
        http::Response::new(serde_json::to_vec(&page).expect("json"))
    }
}

fn frame(id: &str, millis: i64) -> String {
    serde_json::json!({"type": "notification", "content": Inbox::json(id, millis).to_string()})
        .to_string()
}

/// Steps `watch` until it reads with nothing to read, answering connects and catch-ups;
/// each delivered notification goes to `delivered`.
fn settle(
    watch: &mut Watch,
    inbox: &Inbox,
    live: &mut Vec<String>,
    now: &mut Instant,
    mut delivered: impl FnMut(&Watch, PipelineEvent),
) {
    for _ in 0..10_000 {
        match watch.step(*now) {
            WatchStep::Connect(_) => watch.handle(Happened::Connected, *now).expect("fits"),
            WatchStep::FetchInbox(request) => watch
                .handle(Happened::InboxReply(inbox.reply(&request)), *now)
                .expect("fits"),
            WatchStep::Deliver(event) => delivered(watch, event),
            WatchStep::Read { .. } if !live.is_empty() => {
                let text = live.remove(0);
                watch.handle(Happened::Text(text), *now).expect("fits");
            }
            WatchStep::Read { .. } => {
                // Nothing to read: leave the watch waiting for a frame.
                return;
            }
            WatchStep::Close => {}
            WatchStep::Sleep { until } => {
                *now = until;
                watch.handle(Happened::TimePassed, *now).expect("fits");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    panic!("the watch never settled");
}

fn options() -> PipelineOptions {
    PipelineOptions::default().with_refresh_interval(None)
}

#[test]
fn a_resumed_watch_reads_every_page_and_skips_what_was_done() {
    let mut inbox = Inbox::default();
    for i in 0..2500 {
        inbox.notifications.push((format!("not_{i}"), START + i));
    }
    // Done up to not_9 (with not_10 sharing its millisecond done too).
    inbox.notifications.push(("not_10b".into(), START + 9));
    let mut checkpoint_json = serde_json::json!({
        "watermark": Timestamp::from_unix_millis(START + 9).to_string(),
        "done_at_watermark": ["not_9"],
    });
    let checkpoint: Checkpoint = serde_json::from_value(checkpoint_json.take()).expect("json");
    let mut watch = Watch::new(&session(), options(), None, 3)
        .expect("watch")
        .resume_from(checkpoint);
    let mut now = Instant::now();
    let mut seen = Vec::new();
    settle(&mut watch, &inbox, &mut Vec::new(), &mut now, |_, event| {
        seen.push(event.notification().expect("notification").id.to_string());
    });
    assert_eq!(seen.len(), 2500 - 10 + 1, "past the usual 20 pages");
    assert_eq!(seen[0], "not_10b", "the one at the watermark not yet done");
    assert_eq!(seen[1], "not_10");
    assert_eq!(seen.last().map(String::as_str), Some("not_2499"));
}

#[test]
fn a_baseline_is_the_first_checkpoint_and_done_moves_it() {
    let mut inbox = Inbox::default();
    inbox.notifications.push(("not_old".into(), START));
    let mut watch = Watch::new(&session(), options(), None, 3).expect("watch");
    let mut now = Instant::now();
    settle(&mut watch, &inbox, &mut Vec::new(), &mut now, |_, _| {
        panic!("the baseline is not delivered")
    });
    let baseline = watch.checkpoint();
    assert_eq!(
        baseline.watermark().and_then(Timestamp::unix_millis),
        Some(START)
    );
    assert_eq!(baseline.done_at_watermark().len(), 1);
    let mut live = vec![frame("not_new", START + 5)];
    let mut got = Vec::new();
    watch.handle(Happened::TimePassed, now).expect("fits");
    settle(&mut watch, &inbox, &mut live, &mut now, |_, event| {
        got.push(event)
    });
    assert_eq!(watch.checkpoint(), baseline, "delivered is not done");
    watch.done(&got[0]);
    assert_eq!(
        watch
            .checkpoint()
            .watermark()
            .and_then(Timestamp::unix_millis),
        Some(START + 5)
    );
}

#[test]
fn a_baseline_of_an_empty_inbox_resumes_with_everything_sent_since() {
    let mut inbox = Inbox::default();
    let mut watch = Watch::new(&session(), options(), None, 3).expect("watch");
    let mut now = Instant::now();
    settle(&mut watch, &inbox, &mut Vec::new(), &mut now, |_, _| {
        panic!("nothing to deliver")
    });
    let saved = watch.checkpoint();
    assert!(
        saved.watermark().is_some(),
        "an empty baseline still sets the start"
    );
    // The process stops; two notifications arrive meanwhile.
    inbox.notifications.push(("not_a".into(), START));
    inbox.notifications.push(("not_b".into(), START + 1));
    let mut resumed = Watch::new(&session(), options(), None, 3)
        .expect("watch")
        .resume_from(saved);
    let mut got = Vec::new();
    settle(
        &mut resumed,
        &inbox,
        &mut Vec::new(),
        &mut now,
        |_, event| {
            got.push(event.notification().expect("notification").id.to_string());
        },
    );
    assert_eq!(got, ["not_a", "not_b"]);
}

#[test]
fn a_connected_watch_catches_up_again_every_refresh_interval() {
    let every = Duration::from_secs(60);
    let options = PipelineOptions::default()
        .with_silence_timeout(Duration::from_secs(600))
        .with_refresh_interval(Some(every));
    let mut inbox = Inbox::default();
    let mut watch = Watch::new(
        &session(),
        options,
        Some(Timestamp::from_unix_millis(START)),
        3,
    )
    .expect("watch");
    let start = Instant::now();
    let mut now = start;
    settle(&mut watch, &inbox, &mut Vec::new(), &mut now, |_, _| {});
    // The socket stays open and delivers nothing; an invite lands in the inbox meanwhile.
    inbox.notifications.push(("not_quiet".into(), START + 1));
    let mut pinged = 0;
    let mut got = Vec::new();
    for _ in 0..20 {
        watch.handle(Happened::TimePassed, now).expect("fits");
        match watch.step(now) {
            WatchStep::Read { until } => {
                assert!(until <= start + every);
                now = until;
            }
            WatchStep::Ping { .. } => {
                pinged += 1;
                watch.handle(Happened::Written, now).expect("fits");
                now += Duration::from_millis(1);
                watch.step(now);
                watch.handle(Happened::Pong, now).expect("fits");
                watch.step(now);
            }
            WatchStep::FetchInbox(request) => {
                assert!(now >= start + every && now <= start + every + Duration::from_secs(1));
                watch
                    .handle(Happened::InboxReply(inbox.reply(&request)), now)
                    .expect("fits");
                while let WatchStep::Deliver(event) = watch.step(now) {
                    got.push(event.notification().expect("notification").id.to_string());
                }
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(got, ["not_quiet"], "pinged {pinged} times");
}

/// What happens next in the random life of a bot.
#[derive(Debug, Clone)]
enum Op {
    /// Notifications sent to the bot: each a step of 0 or 1 ms in time, and whether the
    /// socket goes quietly dead from it on (open, but delivering nothing until it drops).
    Send(Vec<(bool, bool)>),
    /// The socket closes.
    Drop,
    /// The process dies; it restarts from its last saved checkpoint.
    Crash,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => prop::collection::vec((any::<bool>(), any::<bool>()), 1..6).prop_map(Op::Send),
        1 => Just(Op::Drop),
        2 => Just(Op::Crash),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn crashes_lose_nothing_and_repeat_only_what_was_in_hand(
        ops in prop::collection::vec(op(), 1..30),
        finish_at_once in prop::collection::vec(any::<bool>(), 64),
    ) {
        let mut inbox = Inbox::default();
        let mut clock = START;
        let mut saved = Checkpoint::since(Timestamp::from_unix_millis(START - 1));
        let mut watch = Watch::new(&session(), options(), None, 9).expect("watch")
            .resume_from(saved.clone());
        let mut now = Instant::now();
        let mut live = Vec::new();
        let mut deliveries: HashMap<String, usize> = HashMap::new();
        let mut in_hand_at_crash: HashSet<String> = HashSet::new();
        let mut in_hand: Vec<PipelineEvent> = Vec::new();
        let mut turn = 0usize;
        let mut quiet = false;
        let mut deliver = |watch: &Watch, event: PipelineEvent, in_hand: &mut Vec<PipelineEvent>, saved: &mut Checkpoint| {
            let id = event.notification().expect("notification").id.to_string();
            *deliveries.entry(id).or_default() += 1;
            in_hand.push(event);
            turn += 1;
            // The bot finishes what it holds now, or keeps it until the next event.
            if finish_at_once[turn % finish_at_once.len()] {
                for done in in_hand.drain(..) {
                    watch.done(&done);
                }
                *saved = watch.checkpoint();
            }
        };
        for op in ops {
            match op {
                Op::Send(notifications) => {
                    for (later, lost) in notifications {
                        clock += i64::from(later);
                        let id = format!("not_{}", inbox.notifications.len());
                        quiet |= lost;
                        if !quiet && watch.is_connected() {
                            live.push(frame(&id, clock));
                        }
                        inbox.notifications.push((id, clock));
                    }
                }
                Op::Drop => {
                    live.clear();
                    quiet = false;
                    if watch.is_connected() {
                        watch.handle(Happened::Closed(None), now).expect("fits");
                    }
                }
                Op::Crash => {
                    for event in in_hand.drain(..) {
                        in_hand_at_crash.insert(event.notification().expect("n").id.to_string());
                    }
                    live.clear();
                    quiet = false;
                    watch = Watch::new(&session(), options(), None, 9).expect("watch")
                        .resume_from(saved.clone());
                }
            }
            // Waiting for a frame with none to read: nothing more happens until the next op.
            if watch.waiting().is_some() && !live.is_empty() {
                let text = live.remove(0);
                watch.handle(Happened::Text(text), now).expect("fits");
            }
            if watch.waiting().is_none() {
                settle(&mut watch, &inbox, &mut live, &mut now, |w, e| deliver(w, e, &mut in_hand, &mut saved));
            }
        }
        // A last restart reads whatever is left.
        for event in in_hand.drain(..) {
            in_hand_at_crash.insert(event.notification().expect("n").id.to_string());
        }
        watch = Watch::new(&session(), options(), None, 9).expect("watch").resume_from(saved.clone());
        settle(&mut watch, &inbox, &mut Vec::new(), &mut now, |w, e| deliver(w, e, &mut in_hand, &mut saved));
        for (id, _) in &inbox.notifications {
            let count = deliveries.get(id).copied().unwrap_or(0);
            prop_assert!(count >= 1, "{id} was never delivered");
            prop_assert!(count == 1 || in_hand_at_crash.contains(id), "{id} delivered {count} times");
        }
    }
}
