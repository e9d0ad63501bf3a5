//! The simulated clock: it starts at a fixed date and moves only when a test says so.

use std::time::Duration;

use vrchat_invite_core::models::Timestamp;

/// Where every simulator's clock starts: 2026-01-01T00:00:00Z, in Unix milliseconds.
pub const START_UNIX_MILLIS: i64 = 1_767_225_600_000;

/// Milliseconds in one minute.
pub(crate) const MINUTE_MILLIS: i64 = 60_000;

/// A clock that stands still until advanced.
#[derive(Debug, Clone)]
pub(crate) struct Clock {
    now_millis: i64,
}

impl Clock {
    pub(crate) fn new() -> Self {
        Self {
            now_millis: START_UNIX_MILLIS,
        }
    }

    /// Unix milliseconds now.
    pub(crate) fn now_millis(&self) -> i64 {
        self.now_millis
    }

    /// Now, written as VRChat writes timestamps.
    pub(crate) fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(self.now_millis)
    }

    /// Moves the clock forward, saturating far in the future.
    pub(crate) fn advance(&mut self, by: Duration) {
        let by = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.now_millis = self.now_millis.saturating_add(by);
    }
}

/// The minutes VRChat reports as left from `now` until `until`: whole minutes rounded
/// down, the minute under way not counted, so a 60-minute wait reads 59 from its first
/// millisecond and 0 in its last minute (while it still lasts); 0 once it has passed.
pub(crate) fn minutes_left(now: i64, until: i64) -> u32 {
    if until <= now {
        return 0;
    }
    let minutes = (until - now - 1) / MINUTE_MILLIS;
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_at_the_documented_date() {
        assert_eq!(Clock::new().now().as_str(), "2026-01-01T00:00:00.000Z");
    }

    #[test]
    fn advances_and_counts_minutes_down_from_59() {
        let mut clock = Clock::new();
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.now().as_str(), "2026-01-01T00:01:30.000Z");
        let now = clock.now_millis();
        let hour = 60 * MINUTE_MILLIS;
        assert_eq!(minutes_left(now, now + hour), 59);
        assert_eq!(minutes_left(now, now + hour - 1_000), 59);
        assert_eq!(minutes_left(now, now + hour - MINUTE_MILLIS), 58);
        assert_eq!(minutes_left(now, now + MINUTE_MILLIS + 1), 1);
        assert_eq!(minutes_left(now, now + MINUTE_MILLIS), 0);
        assert_eq!(minutes_left(now, now + 1), 0);
        assert_eq!(minutes_left(now, now), 0);
        assert_eq!(minutes_left(now, now - 5), 0);
    }
}
