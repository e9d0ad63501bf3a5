//! This machine's clock, read once where the tool needs the date: inbox ages and the
//! auto-inviter's log.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch now; 0 for a clock set before 1970.
pub(crate) fn now_unix_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|since| i64::try_from(since.as_millis()).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_date_after_this_code_was_written() {
        // 2026-01-01T00:00:00Z
        assert!(now_unix_millis() > 1_767_225_600_000);
    }
}
