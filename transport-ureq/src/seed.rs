//! A jitter seed from the operating system's randomness (see [`crate::random`]).

use vrchat_invite_core::Politeness;

use crate::random::random_u64;

/// `politeness` with its throttle's jitter seeded from the operating system, unless the
/// caller seeded it already (see [`Politeness::with_default_seed`]).
pub(crate) fn seeded(politeness: Politeness) -> Politeness {
    politeness.with_default_seed(random_u64())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use vrchat_invite_core::{Action, Throttle};

    use super::*;

    fn delays(mut politeness: Politeness) -> Vec<Duration> {
        let now = Instant::now();
        (0..8)
            .map(|_| {
                politeness
                    .before_send(now, &Action::Other)
                    .expect("no refusal")
            })
            .collect()
    }

    #[test]
    fn two_clients_do_not_wait_in_lockstep() {
        let first = crate::Client::builder(session()).politeness(Politeness::recommended());
        let second = crate::Client::builder(session()).politeness(Politeness::recommended());
        let (first, second) = (
            first.politeness.expect("on"),
            second.politeness.expect("on"),
        );
        assert_ne!(delays(first), delays(second));
    }

    #[test]
    fn a_chosen_seed_is_kept() {
        let chosen = || {
            Politeness::new().with_throttle(
                Throttle::new(Duration::from_secs(1), Duration::from_millis(500)).with_seed(5),
            )
        };
        assert_eq!(delays(seeded(chosen())), delays(chosen()));
    }

    fn session() -> vrchat_invite_core::Session {
        vrchat_invite_core::Session::new(
            vrchat_invite_core::UserAgent::new("Seed/1.0 test@example.com").expect("agent"),
        )
    }
}
