//! Spacing requests out: a minimum interval, random jitter, and backoff after a 429.

use std::time::{Duration, Instant};

/// Spaces requests at least `min_interval` apart, plus a random jitter of up to
/// `max_jitter`, and backs off after a 429.
///
/// VRChat asks API users to pace their requests, add jitter so many clients don't knock
/// in lockstep, and back off after a 429. The throttle reads no clock and sleeps no
/// thread: the caller passes `now` and sleeps the returned delay.
///
/// ```
/// use std::time::{Duration, Instant};
/// use vrchat_invite_core::polite::Throttle;
/// let mut throttle = Throttle::new(Duration::from_secs(1), Duration::ZERO);
/// let start = Instant::now();
/// assert_eq!(throttle.reserve(start), Duration::ZERO);
/// assert_eq!(throttle.reserve(start), Duration::from_secs(1));
/// assert_eq!(throttle.reserve(start), Duration::from_secs(2));
/// ```
#[derive(Debug, Clone)]
pub struct Throttle {
    min_interval: Duration,
    max_jitter: Duration,
    initial_backoff: Duration,
    max_backoff: Duration,
    backoff: Duration,
    next_allowed: Option<Instant>,
    random: u64,
    seeded: bool,
}

impl Throttle {
    /// A throttle with the given spacing and jitter; backoff after a 429 starts at 30 s
    /// and doubles up to 15 minutes.
    pub fn new(min_interval: Duration, max_jitter: Duration) -> Self {
        Self {
            min_interval,
            max_jitter,
            initial_backoff: Duration::from_secs(30),
            max_backoff: Duration::from_secs(15 * 60),
            backoff: Duration::ZERO,
            next_allowed: None,
            random: 0x853c_49e6_748f_ea9b,
            seeded: false,
        }
    }

    /// Seeds the jitter, for reproducible spacing (tests) or per-process variety.
    ///
    /// Unseeded, every throttle draws the same jitter, so bots started together would
    /// knock in lockstep; the ready-made transports seed an unseeded throttle from the
    /// operating system's randomness (see [`crate::polite::Politeness::with_default_seed`]).
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.random = seed | 1;
        self.seeded = true;
        self
    }

    /// Whether [`Throttle::with_seed`] was called.
    pub fn is_seeded(&self) -> bool {
        self.seeded
    }

    /// Sets the backoff after a 429: it starts at `initial` and doubles up to `max`.
    #[must_use]
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// The minimum interval.
    pub fn min_interval(&self) -> Duration {
        self.min_interval
    }

    /// The maximum jitter.
    pub fn max_jitter(&self) -> Duration {
        self.max_jitter
    }

    /// Reserves the next send slot: returns how long to wait from `now` before sending.
    /// Each call takes its own slot, so concurrent callers stay spaced too.
    pub fn reserve(&mut self, now: Instant) -> Duration {
        let send_at = self.next_allowed.map_or(now, |next| next.max(now));
        let gap = self.min_interval + self.jitter();
        self.next_allowed = Some(send_at + gap);
        send_at - now
    }

    /// Records the outcome of a request: a 429 pushes the next slot back by the current
    /// backoff (doubling each time); any other reply resets the backoff.
    pub fn record_reply(&mut self, now: Instant, rate_limited: bool) {
        if rate_limited {
            self.backoff = if self.backoff.is_zero() {
                self.initial_backoff
            } else {
                (self.backoff * 2).min(self.max_backoff)
            };
            let resume = now + self.backoff;
            self.next_allowed = Some(self.next_allowed.map_or(resume, |next| next.max(resume)));
        } else {
            self.backoff = Duration::ZERO;
        }
    }

    /// A uniform jitter in `0..=max_jitter` (xorshift64*; not for cryptography).
    fn jitter(&mut self) -> Duration {
        if self.max_jitter.is_zero() {
            return Duration::ZERO;
        }
        self.random ^= self.random >> 12;
        self.random ^= self.random << 25;
        self.random ^= self.random >> 27;
        let sample = self.random.wrapping_mul(0x2545_f491_4f6c_dd1d);
        let span = u64::try_from(self.max_jitter.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(sample % span.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_stay_within_interval_plus_jitter() {
        let interval = Duration::from_millis(100);
        let jitter = Duration::from_millis(50);
        let mut throttle = Throttle::new(interval, jitter).with_seed(7);
        let start = Instant::now();
        let sends: Vec<Instant> = (0..500).map(|_| start + throttle.reserve(start)).collect();
        let gaps: Vec<Duration> = sends.windows(2).map(|pair| pair[1] - pair[0]).collect();
        assert!(
            gaps.iter()
                .all(|gap| *gap >= interval && *gap <= interval + jitter)
        );
        assert!(
            gaps.iter().any(|gap| *gap > interval + jitter / 2),
            "jitter never large"
        );
        assert!(
            gaps.iter().any(|gap| *gap < interval + jitter / 2),
            "jitter never small"
        );
    }

    #[test]
    fn backoff_doubles_and_resets() {
        let mut throttle = Throttle::new(Duration::ZERO, Duration::ZERO)
            .with_backoff(Duration::from_secs(10), Duration::from_secs(25));
        let now = Instant::now();
        throttle.record_reply(now, true);
        assert_eq!(throttle.reserve(now), Duration::from_secs(10));
        throttle.record_reply(now, true);
        assert_eq!(throttle.reserve(now), Duration::from_secs(20));
        throttle.record_reply(now, true);
        assert_eq!(throttle.reserve(now), Duration::from_secs(25));
        throttle.record_reply(now, false);
        throttle.record_reply(now, true);
        assert_eq!(
            throttle.reserve(now),
            Duration::from_secs(25),
            "earlier slot kept"
        );
        let later = now + Duration::from_secs(100);
        assert_eq!(throttle.reserve(later), Duration::ZERO);
    }
}
