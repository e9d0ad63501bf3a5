//! When to reconnect: exponential backoff with full jitter, as a pure state machine.

use std::time::{Duration, Instant};

/// Backoff settings: the first ceiling, the cap, and how long a connection must stay up
/// for the backoff to start over.
///
/// The `n`th reconnect in a row (from 0) waits a random time in
/// `0..=min(max, initial × 2ⁿ)` ("full jitter"), so many clients dropped at once do not
/// come back at once.
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_core::pipeline::ReconnectPolicy;
/// let policy = ReconnectPolicy::default();
/// assert_eq!(policy.ceiling(0), Duration::from_secs(1));
/// assert_eq!(policy.ceiling(3), Duration::from_secs(8));
/// assert_eq!(policy.ceiling(40), Duration::from_secs(60));
/// assert!(policy.delay(3, 12345) <= Duration::from_secs(8));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReconnectPolicy {
    initial: Duration,
    max: Duration,
    stable_after: Duration,
}

impl Default for ReconnectPolicy {
    /// 1 s first ceiling, 60 s cap, reset after 30 s up.
    fn default() -> Self {
        Self {
            initial: Duration::from_secs(1),
            max: Duration::from_secs(60),
            stable_after: Duration::from_secs(30),
        }
    }
}

impl ReconnectPolicy {
    /// A policy with these bounds (`max` below `initial` is raised to it).
    pub fn new(initial: Duration, max: Duration, stable_after: Duration) -> Self {
        Self {
            initial,
            max: max.max(initial),
            stable_after,
        }
    }

    /// The first ceiling.
    pub fn initial(&self) -> Duration {
        self.initial
    }

    /// The cap on every wait.
    pub fn max(&self) -> Duration {
        self.max
    }

    /// How long a connection must stay up for the backoff to start over.
    pub fn stable_after(&self) -> Duration {
        self.stable_after
    }

    /// The longest wait before reconnect number `attempt` (from 0):
    /// `min(max, initial × 2^attempt)`.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX);
        self.initial.saturating_mul(factor).min(self.max)
    }

    /// The wait before reconnect number `attempt`, drawn from `random` (any number, e.g. a
    /// random `u64`): uniformly in `0..=ceiling(attempt)`, to the nanosecond.
    pub fn delay(&self, attempt: u32, random: u64) -> Duration {
        let ceiling = self.ceiling(attempt).as_nanos();
        let nanos = u128::from(random) % (ceiling + 1);
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }
}

/// What to do after a connection ended or could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReconnectDecision {
    /// Wait this long, then connect again.
    After(Duration),
    /// Do not reconnect: the server refused the token, and only a new login helps.
    Stop,
}

/// The reconnect state: how many attempts in a row failed, since when the connection is
/// up, and whether the token was refused. The caller supplies the time and the randomness.
///
/// ```
/// use std::time::{Duration, Instant};
/// use vrchat_invite_core::pipeline::{Reconnect, ReconnectDecision, ReconnectPolicy};
/// let mut reconnect = Reconnect::new(ReconnectPolicy::default());
/// let start = Instant::now();
/// reconnect.connected(start);
/// // Dropped after 5 s: the first wait is at most 1 s.
/// let ReconnectDecision::After(wait) = reconnect.dropped(start + Duration::from_secs(5), u64::MAX)
/// else { unreachable!() };
/// assert!(wait <= Duration::from_secs(1));
/// // The reconnect fails: the next wait is at most 2 s.
/// assert!(matches!(reconnect.connect_failed(7), ReconnectDecision::After(w) if w <= Duration::from_secs(2)));
/// // The token is refused: no more reconnects.
/// assert_eq!(reconnect.refused(), ReconnectDecision::Stop);
/// assert_eq!(reconnect.connect_failed(7), ReconnectDecision::Stop);
/// ```
#[derive(Debug, Clone)]
pub struct Reconnect {
    policy: ReconnectPolicy,
    attempt: u32,
    up_since: Option<Instant>,
    refused: bool,
}

impl Reconnect {
    /// No attempt made yet.
    pub fn new(policy: ReconnectPolicy) -> Self {
        Self {
            policy,
            attempt: 0,
            up_since: None,
            refused: false,
        }
    }

    /// The policy.
    pub fn policy(&self) -> &ReconnectPolicy {
        &self.policy
    }

    /// How many reconnects in a row have been scheduled since the last stable connection.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Whether the token was refused.
    pub fn is_refused(&self) -> bool {
        self.refused
    }

    /// The connection is up (the handshake succeeded) at `now`.
    pub fn connected(&mut self, now: Instant) {
        self.up_since = Some(now);
    }

    /// The connection ended at `now` (closed, reset, or silent too long). A connection
    /// that stayed up at least `stable_after` starts the backoff over.
    pub fn dropped(&mut self, now: Instant, random: u64) -> ReconnectDecision {
        if let Some(since) = self.up_since.take() {
            if now.saturating_duration_since(since) >= self.policy.stable_after {
                self.attempt = 0;
            }
        }
        self.next(random)
    }

    /// A connection could not be made (refused connection, TLS failure, handshake error
    /// other than a refused token).
    pub fn connect_failed(&mut self, random: u64) -> ReconnectDecision {
        self.up_since = None;
        self.next(random)
    }

    /// The server refused the token: stop for good.
    pub fn refused(&mut self) -> ReconnectDecision {
        self.refused = true;
        self.up_since = None;
        ReconnectDecision::Stop
    }

    fn next(&mut self, random: u64) -> ReconnectDecision {
        if self.refused {
            return ReconnectDecision::Stop;
        }
        let wait = self.policy.delay(self.attempt, random);
        self.attempt = self.attempt.saturating_add(1);
        ReconnectDecision::After(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn policy() -> impl Strategy<Value = ReconnectPolicy> {
        (1u64..5_000, 1u64..600_000, 0u64..100_000).prop_map(|(initial, max, stable)| {
            ReconnectPolicy::new(
                Duration::from_millis(initial),
                Duration::from_millis(max),
                Duration::from_millis(stable),
            )
        })
    }

    /// One thing that can happen to a connection.
    #[derive(Debug, Clone)]
    enum Happening {
        UpFor(u64),
        Failed,
    }

    fn happening() -> impl Strategy<Value = Happening> {
        prop_oneof![
            (0u64..200_000).prop_map(Happening::UpFor),
            Just(Happening::Failed)
        ]
    }

    proptest! {
        #[test]
        fn every_wait_is_within_the_ceiling_and_the_cap(
            policy in policy(), attempt in 0u32..200, random in any::<u64>(),
        ) {
            let delay = policy.delay(attempt, random);
            prop_assert!(delay <= policy.ceiling(attempt));
            prop_assert!(policy.ceiling(attempt) <= policy.max());
            prop_assert!(policy.ceiling(attempt) >= policy.initial().min(policy.max()));
            prop_assert!(policy.ceiling(attempt) <= policy.ceiling(attempt.saturating_add(1)));
        }

        #[test]
        fn waits_follow_the_attempt_count_and_reset_after_a_stable_connection(
            policy in policy(),
            happenings in proptest::collection::vec((happening(), any::<u64>()), 1..40),
        ) {
            let mut reconnect = Reconnect::new(policy);
            let mut now = Instant::now();
            let mut expected_attempt = 0u32;
            for (happening, random) in happenings {
                let decision = match happening {
                    Happening::UpFor(millis) => {
                        reconnect.connected(now);
                        now += Duration::from_millis(millis);
                        if Duration::from_millis(millis) >= policy.stable_after() {
                            expected_attempt = 0;
                        }
                        reconnect.dropped(now, random)
                    }
                    Happening::Failed => reconnect.connect_failed(random),
                };
                let ReconnectDecision::After(wait) = decision else {
                    return Err(TestCaseError::fail("stopped without a refusal"));
                };
                prop_assert_eq!(wait, policy.delay(expected_attempt, random));
                prop_assert!(wait <= policy.ceiling(expected_attempt));
                prop_assert!(wait <= policy.max());
                expected_attempt += 1;
                prop_assert_eq!(reconnect.attempt(), expected_attempt);
                now += wait;
            }
        }

        #[test]
        fn a_refused_token_is_never_retried(
            policy in policy(),
            randoms in proptest::collection::vec(any::<u64>(), 1..20),
        ) {
            let mut reconnect = Reconnect::new(policy);
            let now = Instant::now();
            reconnect.connected(now);
            prop_assert_eq!(reconnect.refused(), ReconnectDecision::Stop);
            for random in randoms {
                prop_assert_eq!(reconnect.connect_failed(random), ReconnectDecision::Stop);
                reconnect.connected(now);
                prop_assert_eq!(
                    reconnect.dropped(now + Duration::from_secs(1000), random),
                    ReconnectDecision::Stop
                );
            }
        }
    }

    #[test]
    fn full_jitter_spans_the_whole_range() {
        let policy = ReconnectPolicy::new(
            Duration::from_secs(1),
            Duration::from_secs(10),
            Duration::from_secs(5),
        );
        assert_eq!(policy.delay(0, 0), Duration::ZERO);
        assert_eq!(policy.delay(0, 1_000_000_000), Duration::from_secs(1));
        assert_eq!(policy.delay(10, 10_000_000_000), Duration::from_secs(10));
        assert_eq!(policy.ceiling(u32::MAX), Duration::from_secs(10));
    }
}
