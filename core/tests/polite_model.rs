//! State-machine tests of the politeness helpers against simple models.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use http::{HeaderMap, StatusCode};
use proptest::prelude::*;
use vrchat_invite_core::messages::InviteMessageType;
use vrchat_invite_core::models::InviteMessage;
use vrchat_invite_core::polite::{
    Action, CooldownBook, InviteGuard, Politeness, Refusal, ReplySeen, Throttle,
};
use vrchat_invite_core::{ApiError, Location, Slot, UserId};

#[derive(Debug, Clone)]
enum BookOp {
    Advance(u64),
    Learn(usize, u32),
    Edit(usize),
    Check(usize),
}

fn book_op() -> impl Strategy<Value = BookOp> {
    prop_oneof![
        (0u64..7200).prop_map(BookOp::Advance),
        (0usize..4, 0u32..=90).prop_map(|(slot, minutes)| BookOp::Learn(slot, minutes)),
        (0usize..4).prop_map(BookOp::Edit),
        (0usize..4).prop_map(BookOp::Check),
    ]
}

/// The model: per slot, when the server's minutes were learned and how many. The server
/// does not count the minute under way, so `minutes` means more than that many and at most
/// one more; refused while more are certainly left, reported as the server counts.
fn model_check(learned: Option<&(u64, u32)>, now: u64) -> Option<u32> {
    let (at, minutes) = *learned?;
    if minutes == 0 || now >= at + u64::from(minutes) * 60 {
        return None;
    }
    let latest_left = at + u64::from(minutes + 1) * 60 - now;
    Some(u32::try_from(latest_left.div_ceil(60) - 1).expect("small"))
}

#[derive(Debug, Clone)]
enum GuardOp {
    Advance(u64),
    Invite(usize, usize),
    Forget(usize, usize),
}

fn guard_op() -> impl Strategy<Value = GuardOp> {
    prop_oneof![
        (0u64..400).prop_map(GuardOp::Advance),
        (0usize..3, 0usize..2).prop_map(|(u, l)| GuardOp::Invite(u, l)),
        (0usize..3, 0usize..2).prop_map(|(u, l)| GuardOp::Forget(u, l)),
    ]
}

proptest! {
    #[test]
    fn cooldown_book_matches_its_model(ops in proptest::collection::vec(book_op(), 1..60)) {
        let start = Instant::now();
        let kind = InviteMessageType::Message;
        let mut book = CooldownBook::new();
        let mut model: HashMap<usize, (u64, u32)> = HashMap::new();
        let mut now = 0u64;
        for op in ops {
            let at = start + Duration::from_secs(now);
            match op {
                BookOp::Advance(seconds) => now += seconds,
                BookOp::Learn(slot, minutes) => {
                    book.learn_cooldown(at, kind, Slot::new(slot as u8).expect("slot"), minutes);
                    model.insert(slot, (now, minutes));
                }
                BookOp::Edit(slot) => {
                    book.learn_edit(at, kind, Slot::new(slot as u8).expect("slot"));
                    // An edit reads 59 at once.
                    model.insert(slot, (now, 59));
                }
                BookOp::Check(slot) => {
                    let slot_value = Slot::new(slot as u8).expect("slot");
                    let expected = model_check(model.get(&slot), now);
                    let actual = match book.check(at, kind, slot_value) {
                        Ok(()) => None,
                        Err(Refusal::Cooldown { minutes_left, slot: refused, message_type }) => {
                            prop_assert_eq!(refused, slot_value);
                            prop_assert_eq!(message_type, kind);
                            Some(minutes_left)
                        }
                        Err(other) => panic!("unexpected refusal {other:?}"),
                    };
                    prop_assert_eq!(actual, expected);
                }
            }
        }
    }

    #[test]
    fn invite_guard_matches_its_model(window_secs in 1u64..600, ops in proptest::collection::vec(guard_op(), 1..80)) {
        let start = Instant::now();
        let users: Vec<UserId> = ["usr_a", "usr_b", "8JoV9XEdpo"].iter().map(|id| UserId::new(*id).expect("id")).collect();
        let locations: Vec<Location> = ["wrld_1:1", "wrld_2:2~region(eu)"].iter().map(|l| l.parse().expect("location")).collect();
        let mut guard = InviteGuard::new(Duration::from_secs(window_secs));
        let mut model: HashMap<(usize, usize), u64> = HashMap::new();
        let mut now = 0u64;
        for op in ops {
            let at = start + Duration::from_secs(now);
            match op {
                GuardOp::Advance(seconds) => now += seconds,
                GuardOp::Forget(u, l) => {
                    guard.forget(&users[u], &locations[l]);
                    model.remove(&(u, l));
                }
                GuardOp::Invite(u, l) => {
                    let recent = model.get(&(u, l)).is_some_and(|sent| now - sent < window_secs);
                    let result = guard.check_and_record(at, &users[u], &locations[l]);
                    if recent {
                        let sent = model[&(u, l)];
                        let expected_wait = Duration::from_secs(sent + window_secs - now);
                        prop_assert_eq!(result, Err(Refusal::DuplicateInvite {
                            user: users[u].clone(),
                            location: locations[l].clone(),
                            retry_after: expected_wait,
                        }));
                    } else {
                        prop_assert_eq!(result, Ok(()));
                        model.insert((u, l), now);
                    }
                }
            }
        }
    }
}

fn list_body(slot: u8, minutes: u32) -> Vec<u8> {
    format!(
        r#"[{{"canBeUpdated":{},"id":"invm_1","message":"x","messageType":"message","remainingCooldownMinutes":{minutes},"slot":{slot},"updatedAt":"2026-01-01T00:00:00Z"}}]"#,
        minutes == 0
    )
    .into_bytes()
}

fn messages(slot: u8, minutes: u32) -> Vec<InviteMessage> {
    serde_json::from_slice(&list_body(slot, minutes)).expect("list")
}

fn error(status: StatusCode, body: &[u8]) -> ApiError {
    ApiError::from_parts(status, &HeaderMap::new(), body)
}

#[test]
fn politeness_learns_from_replies() {
    let mut politeness = Politeness::new()
        .with_cooldown_book(CooldownBook::new())
        .with_invite_guard(InviteGuard::default());
    let now = Instant::now();
    let slot = Slot::new(4).expect("slot");
    let edit = Action::EditSlot(InviteMessageType::Message, slot);
    let reset = Action::ResetSlot(InviteMessageType::Message, slot);

    assert_eq!(politeness.before_send(now, &edit), Ok(Duration::ZERO));
    let listed = messages(4, 59);
    politeness.after_reply(now, &edit, &ReplySeen::success(StatusCode::OK, &listed));
    // VRChat says 59 right after an edit, and 58 a minute later.
    let refused = politeness.before_send(now + Duration::from_secs(60), &reset);
    assert!(
        matches!(
            refused,
            Err(Refusal::Cooldown {
                minutes_left: 58,
                ..
            })
        ),
        "{refused:?}"
    );

    // A 429 teaches the minutes of another slot.
    let other = Action::EditSlot(InviteMessageType::Request, slot);
    let cooldown = br#"{"error":{"message":"Please wait 12 more minutes until you try again\u2024","status_code":429}}"#;
    let refusal = error(StatusCode::TOO_MANY_REQUESTS, cooldown);
    politeness.after_reply(now, &other, &ReplySeen::error(&refusal));
    assert!(matches!(
        politeness.before_send(now, &other),
        Err(Refusal::Cooldown {
            minutes_left: 12,
            ..
        })
    ));

    // A list saying the slot is free clears it.
    let listed = messages(4, 0);
    politeness.after_reply(
        now,
        &Action::ReadMessages,
        &ReplySeen::success(StatusCode::OK, &listed),
    );
    assert_eq!(politeness.before_send(now, &edit), Ok(Duration::ZERO));

    // An invite the server refused is forgotten; one it accepted is guarded.
    let user = UserId::new("usr_b").expect("id");
    let location: Location = "wrld_1:1".parse().expect("location");
    let invite = Action::Invite {
        user: &user,
        location: &location,
    };
    assert!(politeness.before_send(now, &invite).is_ok());
    let forbidden = error(StatusCode::FORBIDDEN, b"{}");
    politeness.after_reply(now, &invite, &ReplySeen::error(&forbidden));
    assert!(politeness.before_send(now, &invite).is_ok());
    politeness.after_reply(now, &invite, &ReplySeen::success(StatusCode::OK, []));
    assert!(matches!(
        politeness.before_send(now, &invite),
        Err(Refusal::DuplicateInvite { .. })
    ));
    // A 5xx may have sent it: it stays guarded.
    let bad_gateway = error(StatusCode::BAD_GATEWAY, b"");
    politeness.after_reply(now, &invite, &ReplySeen::error(&bad_gateway));
    assert!(politeness.before_send(now, &invite).is_err());
}

proptest! {
    #[test]
    fn throttle_gaps_stay_within_interval_plus_jitter(
        seed in any::<u64>(),
        interval_ms in 0u64..2000,
        jitter_ms in 0u64..2000,
        calls in proptest::collection::vec(0u64..3000, 2..40),
    ) {
        let interval = Duration::from_millis(interval_ms);
        let jitter = Duration::from_millis(jitter_ms);
        let mut throttle = Throttle::new(interval, jitter).with_seed(seed);
        let start = Instant::now();
        let mut clock = Duration::ZERO;
        let mut previous: Option<Instant> = None;
        for advance in calls {
            clock += Duration::from_millis(advance);
            let now = start + clock;
            let send_at = now + throttle.reserve(now);
            if let Some(previous) = previous {
                let gap = send_at - previous;
                prop_assert!(gap >= interval, "gap {gap:?} under {interval:?}");
                // Waiting only ever closes the gap to the reserved one; a late caller
                // (now past the slot) sends at once.
                prop_assert!(gap <= interval + jitter || send_at == now, "gap {gap:?} too long");
            }
            previous = Some(send_at);
        }
    }
}
