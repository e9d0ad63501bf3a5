//! The opt-in politeness helpers on both transports, against the simulator: bursts are
//! cut down to what the server would accept, and the throttle spaces requests.

use std::time::{Duration, Instant};

use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::messages::{InviteMessageType, MessageText, UpdateInviteMessage};
use vrchat_invite_core::polite::{CooldownBook, InviteGuard, Politeness, Refusal, Throttle};
use vrchat_invite_core::{BaseUrl, Error, Session, Slot, UserAgent};
use vrchat_invite_sim::{SimUser, Simulator, UserSpec};

struct World {
    sim: Simulator,
    alice: SimUser,
    bob: SimUser,
    session: Session,
}

fn world() -> World {
    let sim = Simulator::start().expect("simulator");
    let alice = sim.add_user(UserSpec::new("alice", "pw"));
    let bob = sim.add_user(UserSpec::new("bob", "pw"));
    sim.make_friends(&alice.id, &bob.id);
    let session = Session::new(UserAgent::new("PoliteTest/1.0 tests@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(sim.base_url()).expect("base"))
        .with_auth_cookie(sim.open_session(&alice.id));
    World {
        sim,
        alice,
        bob,
        session,
    }
}

fn guarded() -> Politeness {
    Politeness::new()
        .with_cooldown_book(CooldownBook::new())
        .with_invite_guard(InviteGuard::default())
}

fn edit(w: &World, slot: u8, round: usize) -> UpdateInviteMessage {
    UpdateInviteMessage::new(
        w.alice.id.clone(),
        InviteMessageType::Request,
        Slot::new(slot).expect("slot"),
        MessageText::new(format!("edit {round} of slot {slot}")).expect("text"),
    )
}

fn invite(w: &World) -> InviteUser {
    InviteUser::new(w.bob.id.clone(), "wrld_1:1".parse().expect("location"))
}

fn count(sim: &Simulator, operation: &str) -> u64 {
    sim.operation_counts().get(operation).copied().unwrap_or(0)
}

fn is_cooldown(error: &Error, slot: u8) -> bool {
    matches!(error, Error::Refused(Refusal::Cooldown { slot: refused, minutes_left, .. })
        if refused.get() == slot && (59..=60).contains(minutes_left))
}

mod blocking {
    use super::*;
    use vrchat_invite_ureq::Client;

    #[test]
    fn a_burst_of_edits_sends_one_per_slot() {
        let w = world();
        let client = Client::builder(w.session.clone())
            .politeness(guarded())
            .build()
            .expect("client");
        for slot in [0, 5, 11] {
            client.send(&edit(&w, slot, 0)).expect("first edit");
            for round in 1..5 {
                let error = client
                    .send(&edit(&w, slot, round))
                    .expect_err("refused locally");
                assert!(is_cooldown(&error, slot), "{error:?}");
            }
        }
        assert_eq!(count(&w.sim, "updateInviteMessage"), 3);
    }

    #[test]
    fn a_burst_of_identical_invites_sends_one() {
        let w = world();
        let client = Client::builder(w.session.clone())
            .politeness(guarded())
            .build()
            .expect("client");
        client.send(&invite(&w)).expect("first invite");
        for _ in 0..4 {
            let error = client.send(&invite(&w)).expect_err("duplicate");
            assert!(
                matches!(error, Error::Refused(Refusal::DuplicateInvite { .. })),
                "{error:?}"
            );
        }
        assert_eq!(count(&w.sim, "inviteUser"), 1);
        assert_eq!(w.sim.notifications_for(&w.bob.id).len(), 1);
    }

    #[test]
    fn the_throttle_spaces_requests() {
        let w = world();
        let interval = Duration::from_millis(40);
        let throttle = Throttle::new(interval, Duration::from_millis(20)).with_seed(3);
        let client = Client::builder(w.session.clone())
            .politeness(Politeness::new().with_throttle(throttle))
            .build()
            .expect("client");
        let list = vrchat_invite_core::messages::GetInviteMessages::new(
            w.alice.id.clone(),
            InviteMessageType::Message,
        );
        // The first request goes at once; each later one waits at least the interval after
        // the one before, so six take at least five intervals. (The upper bound, interval
        // plus jitter, is a property of the throttle itself: see core/tests/polite_model.rs.)
        let start = Instant::now();
        for _ in 0..6 {
            client.send(&list).expect("list");
        }
        assert!(
            start.elapsed() >= interval * 5,
            "requests closer than the interval"
        );
        assert_eq!(count(&w.sim, "getInviteMessages"), 6);
    }
}

mod asynchronous {
    use super::*;
    use vrchat_invite_hyper::Client;

    #[tokio::test]
    async fn a_burst_of_edits_sends_one_per_slot() {
        let w = world();
        let client = Client::builder(w.session.clone())
            .politeness(guarded())
            .build()
            .expect("client");
        for slot in [1, 2] {
            client.send(&edit(&w, slot, 0)).await.expect("first edit");
            for round in 1..5 {
                let error = client
                    .send(&edit(&w, slot, round))
                    .await
                    .expect_err("refused");
                assert!(is_cooldown(&error, slot), "{error:?}");
            }
        }
        assert_eq!(count(&w.sim, "updateInviteMessage"), 2);
    }

    #[tokio::test]
    async fn concurrent_identical_invites_send_one() {
        let w = world();
        let client = Client::builder(w.session.clone())
            .politeness(guarded())
            .build()
            .expect("client");
        let invite = invite(&w);
        let sends = (0..8).map(|_| {
            let client = client.clone();
            let invite = invite.clone();
            tokio::spawn(async move { client.send(&invite).await })
        });
        let mut sent = 0;
        for handle in sends {
            let result = tokio::time::timeout(Duration::from_secs(30), handle)
                .await
                .expect("in time")
                .expect("task");
            match result {
                Ok(_) => sent += 1,
                Err(error) => assert!(matches!(
                    error,
                    Error::Refused(Refusal::DuplicateInvite { .. })
                )),
            }
        }
        assert_eq!(sent, 1);
        assert_eq!(count(&w.sim, "inviteUser"), 1);
    }
}
