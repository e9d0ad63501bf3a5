//! The watch's life as `tracing` events (feature `tracing`; without it these do nothing).
//!
//! Target `vrchat_invite::pipeline`, level DEBUG (INFO for the end of a watch). Fields are
//! counts, durations, statuses and the server's bounded refusal message: never the token,
//! a URL with it, or any other secret.

use std::time::Duration;

use super::watch_step::WatchEnd;

/// A socket is about to be opened.
pub(crate) fn connecting(attempt: u32) {
    #[cfg(feature = "tracing")]
    tracing::debug!(target: "vrchat_invite::pipeline", attempt, "pipeline connecting");
    #[cfg(not(feature = "tracing"))]
    let _ = attempt;
}

/// The socket opened.
pub(crate) fn connected() {
    #[cfg(feature = "tracing")]
    tracing::debug!(target: "vrchat_invite::pipeline", "pipeline connected");
}

/// The socket could not be opened.
pub(crate) fn connect_failed(status: Option<u16>) {
    #[cfg(feature = "tracing")]
    tracing::debug!(target: "vrchat_invite::pipeline", status, "pipeline connect failed");
    #[cfg(not(feature = "tracing"))]
    let _ = status;
}

/// The open socket closed, failed or went silent.
pub(crate) fn dropped() {
    #[cfg(feature = "tracing")]
    tracing::debug!(target: "vrchat_invite::pipeline", "pipeline dropped");
}

/// A reconnect is scheduled after `wait`.
pub(crate) fn reconnect_scheduled(wait: Duration, attempt: u32) {
    #[cfg(feature = "tracing")]
    tracing::debug!(
        target: "vrchat_invite::pipeline",
        wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
        attempt,
        "pipeline reconnect scheduled"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (wait, attempt);
}

/// A catch-up page arrived with `listed` items.
pub(crate) fn caught_up(listed: usize) {
    #[cfg(feature = "tracing")]
    tracing::debug!(target: "vrchat_invite::pipeline", listed, "pipeline catch-up page");
    #[cfg(not(feature = "tracing"))]
    let _ = listed;
}

/// The watch ended for good.
pub(crate) fn ended(end: &WatchEnd) {
    #[cfg(feature = "tracing")]
    tracing::info!(target: "vrchat_invite::pipeline", reason = %end, "pipeline watch ended");
    #[cfg(not(feature = "tracing"))]
    let _ = end;
}

/// A notification for another user was not delivered.
pub(crate) fn misaddressed() {
    #[cfg(feature = "tracing")]
    tracing::warn!(target: "vrchat_invite::pipeline", "pipeline notification for another user");
}

/// A frame equal to the one before it was delivered once.
pub(crate) fn repeated(kind: &str) {
    #[cfg(feature = "tracing")]
    tracing::debug!(target: "vrchat_invite::pipeline", kind, "pipeline frame repeated");
    #[cfg(not(feature = "tracing"))]
    let _ = kind;
}
