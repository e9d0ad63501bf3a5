//! Bounds that keep the simulator small whatever its clients do.

use std::time::Duration;

use crate::Simulator;
use crate::server::listen::lock;

/// How large a request body, how long an idle connection and how large the request log
/// may get. Set with [`Simulator::set_limits`].
///
/// * A body over [`Limits::body_bytes`] is answered `413 Payload Too Large`; it is read to
///   its end (up to four times the limit) and dropped, so a client still writing gets the
///   reply rather than a reset.
/// * A connection that sends no request (or no body byte) for [`Limits::idle_timeout`] is
///   closed; so is a keep-alive connection left idle that long.
/// * The request log keeps at most [`Limits::logged_requests`] requests and
///   [`Limits::logged_body_bytes`] bytes of their bodies; the oldest are dropped first.
///   The counts ([`Simulator::request_count`], [`Simulator::operation_counts`]) keep
///   counting.
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_sim::{Limits, Simulator};
/// let sim = Simulator::start()?;
/// sim.set_limits(Limits::default().with_body_bytes(1024).with_idle_timeout(Duration::from_secs(5)));
/// assert_eq!(sim.limits().body_bytes, 1024);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest request body accepted, in bytes. Default 16 MiB.
    pub body_bytes: usize,
    /// How long a connection may wait between requests, or within one. Default 30 s.
    pub idle_timeout: Duration,
    /// How many requests the log keeps. Default 10 000.
    pub logged_requests: usize,
    /// How many body bytes the log keeps, all requests together. Default 64 MiB.
    pub logged_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 16 * 1024 * 1024,
            idle_timeout: Duration::from_secs(30),
            logged_requests: 10_000,
            logged_body_bytes: 64 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// Sets [`Limits::body_bytes`].
    #[must_use]
    pub fn with_body_bytes(mut self, bytes: usize) -> Self {
        self.body_bytes = bytes;
        self
    }

    /// Sets [`Limits::idle_timeout`] (taken by connections opened afterwards).
    #[must_use]
    pub fn with_idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// Sets [`Limits::logged_requests`].
    #[must_use]
    pub fn with_logged_requests(mut self, count: usize) -> Self {
        self.logged_requests = count;
        self
    }

    /// Sets [`Limits::logged_body_bytes`].
    #[must_use]
    pub fn with_logged_body_bytes(mut self, bytes: usize) -> Self {
        self.logged_body_bytes = bytes;
        self
    }

    /// How much of a too-large body is read and dropped before the connection is given up.
    pub(crate) fn drain_bytes(&self) -> usize {
        self.body_bytes.saturating_mul(4)
    }
}

impl Simulator {
    /// Replaces the limits; the log is trimmed to the new bounds at once.
    pub fn set_limits(&self, limits: Limits) {
        *lock(&self.shared.limits) = limits;
        lock(&self.shared.log).trim(&limits);
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        *lock(&self.shared.limits)
    }

    /// How many requests the log dropped to stay within its limits.
    pub fn dropped_request_count(&self) -> u64 {
        lock(&self.shared.log).dropped
    }
}
