//! The rules a pipeline connection keeps, whichever transport runs it.

use std::time::Duration;

use crate::pipeline::ReconnectPolicy;

/// Options of a pipeline watch: the reconnect policy, the largest frame accepted, how long
/// a silent connection is kept, and how often to ping it.
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_core::PipelineOptions;
/// let options = PipelineOptions::default().with_silence_timeout(Duration::from_secs(10));
/// assert_eq!(options.max_frame_size(), 1024 * 1024);
/// assert_eq!(options.ping_interval(), Duration::from_secs(5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineOptions {
    policy: ReconnectPolicy,
    max_frame_size: usize,
    silence_timeout: Duration,
    connect_timeout: Duration,
}

impl Default for PipelineOptions {
    /// The default reconnect policy, 1 MiB frames, 60 s of silence, 30 s to connect.
    fn default() -> Self {
        Self {
            policy: ReconnectPolicy::default(),
            max_frame_size: 1024 * 1024,
            silence_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(30),
        }
    }
}

impl PipelineOptions {
    /// Sets the reconnect policy.
    #[must_use]
    pub fn with_policy(mut self, policy: ReconnectPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the largest frame (and message) accepted; a larger one drops the connection.
    #[must_use]
    pub fn with_max_frame_size(mut self, bytes: usize) -> Self {
        self.max_frame_size = bytes.max(1);
        self
    }

    /// Sets how long a connection may go without any frame or pong before it counts as
    /// dropped (a ping is sent after half of it).
    #[must_use]
    pub fn with_silence_timeout(mut self, timeout: Duration) -> Self {
        self.silence_timeout = timeout.max(Duration::from_millis(2));
        self
    }

    /// Sets how long connecting (TCP, TLS and the handshake) may take.
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The reconnect policy.
    pub fn policy(&self) -> ReconnectPolicy {
        self.policy
    }

    /// The largest frame accepted, in bytes.
    pub fn max_frame_size(&self) -> usize {
        self.max_frame_size
    }

    /// How long a silent connection is kept.
    pub fn silence_timeout(&self) -> Duration {
        self.silence_timeout
    }

    /// After how much silence a ping is sent: half the silence timeout.
    pub fn ping_interval(&self) -> Duration {
        self.silence_timeout / 2
    }

    /// How long connecting may take.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }
}
