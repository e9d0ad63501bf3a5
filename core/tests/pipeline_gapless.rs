//! Gapless delivery: every notification exactly once, in order, whatever the drops,
//! reconnects and catch-up pages.

use std::collections::{HashMap, VecDeque};

use proptest::prelude::*;
use vrchat_invite_core::models::{Notification, Timestamp};
use vrchat_invite_core::pipeline::{CatchUpRequest, Gapless, PipelineEvent};

const BASE_MILLIS: i64 = 1_700_000_000_000;

fn notification(index: usize, millis: i64) -> Notification {
    serde_json::from_value(serde_json::json!({
        "id": format!("not_{index}"),
        "type": "requestInvite",
        "created_at": Timestamp::from_unix_millis(millis).as_str(),
        "senderUserId": "usr_sender",
        "details": {},
    }))
    .expect("notification")
}

/// One thing that happens between the server and the client.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// The server creates a notification.
    Send,
    /// The next frame in flight reaches the client.
    Deliver,
    /// The socket drops; frames in flight are lost.
    Drop,
    /// The client reconnects.
    Reconnect,
    /// The server answers the catch-up page asked for.
    AnswerPage,
    /// The catch-up fetch fails: the client drops the socket and will reconnect.
    FailPage,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => Just(Step::Send),
        6 => Just(Step::Deliver),
        1 => Just(Step::Drop),
        2 => Just(Step::Reconnect),
        3 => Just(Step::AnswerPage),
        1 => Just(Step::FailPage),
    ]
}

/// A server with an inbox and one socket, and a client delivering through [`Gapless`].
struct World {
    inbox: Vec<Notification>,
    in_flight: VecDeque<Notification>,
    up: bool,
    pending: Option<CatchUpRequest>,
    gapless: Gapless,
    delivered: Vec<Notification>,
    /// How notification `i` gets its creation time.
    time_of: fn(usize) -> i64,
    newest_first: bool,
}

impl World {
    fn new(time_of: fn(usize) -> i64, newest_first: bool) -> Self {
        Self {
            inbox: Vec::new(),
            in_flight: VecDeque::new(),
            up: true,
            pending: None,
            gapless: Gapless::new(Some(Timestamp::from_unix_millis(BASE_MILLIS - 1))),
            delivered: Vec::new(),
            time_of,
            newest_first,
        }
    }

    fn collect(&mut self) {
        while let Some(event) = self.gapless.next_event() {
            if let PipelineEvent::Notification(n) = event {
                self.delivered.push(n);
            }
        }
    }

    fn page(&self, request: &CatchUpRequest) -> Vec<Notification> {
        let after = request
            .after
            .as_ref()
            .map_or(i64::MIN, |t| t.unix_millis().expect("after parses"));
        let mut matching: Vec<Notification> = self
            .inbox
            .iter()
            .filter(|n| n.created_at.unix_millis().is_some_and(|at| at >= after))
            .cloned()
            .collect();
        if self.newest_first {
            matching.reverse();
        }
        matching
            .into_iter()
            .skip(request.offset as usize)
            .take(usize::from(request.page_size))
            .collect()
    }

    fn apply(&mut self, step: Step) {
        match step {
            Step::Send => {
                let index = self.inbox.len();
                let n = notification(index, (self.time_of)(index));
                self.inbox.push(n.clone());
                if self.up {
                    self.in_flight.push_back(n);
                }
            }
            Step::Deliver => {
                if let Some(n) = self.in_flight.pop_front() {
                    self.gapless.live(PipelineEvent::Notification(n));
                }
            }
            Step::Drop | Step::FailPage => {
                if matches!(step, Step::FailPage) && self.pending.is_none() {
                    return;
                }
                self.up = false;
                self.in_flight.clear();
                self.pending = None;
            }
            Step::Reconnect => {
                if !self.up {
                    self.up = true;
                    self.pending = Some(self.gapless.reconnected());
                }
            }
            Step::AnswerPage => {
                if let Some(request) = self.pending.take() {
                    let page = self.page(&request);
                    self.pending = self.gapless.page(page);
                }
            }
        }
        self.collect();
    }

    /// Lets everything settle: reconnect, finish the catch-up, deliver what is in flight.
    fn settle(&mut self) {
        self.apply(Step::Reconnect);
        for _ in 0..100 {
            if self.pending.is_none() {
                break;
            }
            self.apply(Step::AnswerPage);
        }
        while !self.in_flight.is_empty() {
            self.apply(Step::Deliver);
        }
        self.collect();
    }

    fn delivered_ids(&self) -> Vec<String> {
        self.delivered.iter().map(|n| n.id.to_string()).collect()
    }

    fn sent_ids(&self) -> Vec<String> {
        self.inbox.iter().map(|n| n.id.to_string()).collect()
    }
}

fn distinct_times(index: usize) -> i64 {
    BASE_MILLIS + 1000 * index as i64
}

fn shared_times(index: usize) -> i64 {
    BASE_MILLIS + 1000 * (index / 3) as i64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_notification_arrives_exactly_once_in_order(
        steps in proptest::collection::vec(step(), 0..400),
        newest_first in any::<bool>(),
    ) {
        let mut world = World::new(distinct_times, newest_first);
        for step in steps {
            world.apply(step);
        }
        world.settle();
        prop_assert_eq!(world.delivered_ids(), world.sent_ids());
    }

    #[test]
    fn notifications_sharing_a_timestamp_arrive_exactly_once(
        steps in proptest::collection::vec(step(), 0..300),
        newest_first in any::<bool>(),
    ) {
        let mut world = World::new(shared_times, newest_first);
        for step in steps {
            world.apply(step);
        }
        world.settle();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for id in world.delivered_ids() {
            *counts.entry(id).or_default() += 1;
        }
        prop_assert!(counts.values().all(|&count| count == 1), "duplicates: {:?}", counts);
        prop_assert_eq!(counts.len(), world.inbox.len());
    }
}

#[test]
fn three_invites_sent_while_the_socket_is_down_arrive_once_after_the_reconnect() {
    let mut world = World::new(distinct_times, true);
    world.apply(Step::Send);
    world.apply(Step::Deliver);
    world.apply(Step::Drop);
    for _ in 0..3 {
        world.apply(Step::Send);
    }
    world.apply(Step::Reconnect);
    world.apply(Step::Send); // live while the catch-up runs, and also in the page
    world.apply(Step::Deliver);
    assert_eq!(world.delivered_ids(), ["not_0"], "held during the catch-up");
    world.apply(Step::AnswerPage);
    assert_eq!(
        world.delivered_ids(),
        ["not_0", "not_1", "not_2", "not_3", "not_4"]
    );
}

#[test]
fn a_long_outage_is_read_in_several_pages() {
    let mut world = World::new(distinct_times, true);
    world.apply(Step::Drop);
    for _ in 0..250 {
        world.apply(Step::Send);
    }
    world.apply(Step::Reconnect);
    let first = world.pending.clone().expect("a catch-up");
    assert_eq!(first.offset, 0);
    world.apply(Step::AnswerPage);
    assert_eq!(world.pending.as_ref().map(|r| r.offset), Some(100));
    assert!(
        world.delivered.is_empty(),
        "nothing is delivered before the last page"
    );
    world.settle();
    assert_eq!(world.delivered_ids(), world.sent_ids());
}

#[test]
fn without_a_start_time_the_first_connect_takes_the_inbox_as_the_baseline() {
    let mut world = World::new(distinct_times, true);
    world.gapless = Gapless::new(None);
    world.up = false;
    for _ in 0..3 {
        world.apply(Step::Send);
    }
    world.apply(Step::Reconnect);
    assert_eq!(world.pending.as_ref().map(|r| r.after.clone()), Some(None));
    world.apply(Step::Send); // new: live during the baseline, and in the page too
    world.apply(Step::Deliver);
    world.apply(Step::AnswerPage);
    assert_eq!(
        world.delivered_ids(),
        ["not_3"],
        "the old ones are the baseline"
    );
    world.apply(Step::Drop);
    world.apply(Step::Send);
    world.settle();
    assert_eq!(world.delivered_ids(), ["not_3", "not_4"]);
}

#[test]
fn a_page_is_delivered_oldest_first_equal_times_and_unreadable_times_in_page_order() {
    let at = |index: usize, created_at: &str| -> Notification {
        serde_json::from_value(serde_json::json!({
            "id": format!("not_{index}"), "type": "requestInvite", "created_at": created_at,
            "senderUserId": "usr_sender", "details": {},
        }))
        .expect("notification")
    };
    let mut gapless = Gapless::new(Some(Timestamp::new("2024-01-01T00:00:00Z")));
    gapless.reconnected();
    let page = vec![
        at(0, "2024-01-01T00:00:09Z"),
        at(1, "not a time"),
        at(2, "2024-01-01T00:00:05Z"),
        at(3, "2024-01-01T00:00:05.000Z"),
        at(4, ""),
        at(5, "2024-01-01T00:00:01+0000"),
    ];
    assert_eq!(gapless.page(page), None);
    let ids: Vec<String> = std::iter::from_fn(|| gapless.next_event())
        .filter_map(|event| event.notification().map(|n| n.id.to_string()))
        .collect();
    assert_eq!(ids, ["not_5", "not_2", "not_3", "not_0", "not_1", "not_4"]);
}

/// The notifications `gapless` hands out, by ID.
fn handed_out(gapless: &mut Gapless) -> Vec<String> {
    std::iter::from_fn(|| gapless.next_event())
        .filter_map(|event| event.notification().map(|n| n.id.to_string()))
        .collect()
}

#[test]
fn a_catch_up_waits_behind_events_not_taken_yet_and_goes_ahead_of_later_ones() {
    let at = |index: usize| notification(index, BASE_MILLIS + 1000 * index as i64);
    let since = Some(Timestamp::from_unix_millis(BASE_MILLIS - 1));

    // A live event not taken yet when the catch-up ends comes first.
    let mut gapless = Gapless::new(since.clone());
    gapless.live(PipelineEvent::Notification(at(0)));
    gapless.reconnected();
    gapless.live(PipelineEvent::Notification(at(5)));
    assert_eq!(gapless.page(vec![at(3), at(2), at(1)]), None);
    // A second catch-up ends before anything was taken.
    gapless.reconnected();
    gapless.live(PipelineEvent::Notification(at(8)));
    assert_eq!(gapless.page(vec![at(7), at(6), at(5)]), None);
    assert_eq!(
        handed_out(&mut gapless),
        [
            "not_0", "not_1", "not_2", "not_3", "not_5", "not_6", "not_7", "not_8"
        ]
    );

    // A page still being handed out when live events and another catch-up come.
    let mut gapless = Gapless::new(since);
    gapless.reconnected();
    assert_eq!(gapless.page(vec![at(3), at(2), at(1)]), None);
    assert_eq!(
        gapless
            .next_event()
            .and_then(|e| e.notification().map(|n| n.id.to_string())),
        Some("not_1".to_owned())
    );
    gapless.live(PipelineEvent::Notification(at(4)));
    gapless.reconnected();
    gapless.live(PipelineEvent::Notification(at(6)));
    assert_eq!(gapless.page(vec![at(5), at(4), at(2)]), None);
    assert_eq!(
        handed_out(&mut gapless),
        ["not_2", "not_3", "not_4", "not_5", "not_6"]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// One catch-up page, in any order, with repeated IDs, equal times, unreadable times
    /// and times before the start: handed out as a plain model says (oldest first, equal and
    /// unreadable times in page order, each ID once, nothing before the start).
    #[test]
    fn a_page_is_handed_out_as_the_model_says(
        items in proptest::collection::vec((0_usize..12, prop_oneof![
            4 => (0_i64..6).prop_map(Some),
            1 => Just(None),
        ]), 0..40),
        newest_first in any::<bool>(),
    ) {
        let made = |&(id, at): &(usize, Option<i64>)| -> Notification {
            let created_at = at.map_or_else(
                || "not a time".to_owned(),
                |at| Timestamp::from_unix_millis(BASE_MILLIS + 1000 * (at - 1)).to_string(),
            );
            serde_json::from_value(serde_json::json!({
                "id": format!("not_{id}"), "type": "requestInvite", "created_at": created_at,
                "senderUserId": "usr_sender", "details": {},
            }))
            .expect("notification")
        };
        let mut items = items;
        if newest_first {
            items.sort_by_key(|&(_, at)| std::cmp::Reverse(at.map_or(i64::MAX, |at| at)));
        }
        let mut gapless = Gapless::new(Some(Timestamp::from_unix_millis(BASE_MILLIS)));
        gapless.reconnected();
        prop_assert_eq!(gapless.page(items.iter().map(made).collect()), None);

        let mut order: Vec<(i64, usize)> = items
            .iter()
            .enumerate()
            .map(|(index, (_, at))| (at.map_or(i64::MAX, |at| at), index))
            .collect();
        order.sort_unstable();
        let mut expected: Vec<String> = Vec::new();
        for (at, index) in order {
            let id = format!("not_{}", items[index].0);
            if at >= 1 && !expected.contains(&id) {
                expected.push(id);
            }
        }
        prop_assert_eq!(handed_out(&mut gapless), expected);
    }
}
