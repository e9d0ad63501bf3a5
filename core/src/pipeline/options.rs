//! The rules a pipeline connection keeps, whichever transport runs it.

use std::time::Duration;

use crate::pipeline::ReconnectPolicy;

/// Options of a pipeline watch: the reconnect policy, the largest frame accepted, how long
/// a silent connection is kept (a ping is sent after half of it), how long connecting and
/// each write may take, and whether connection changes are delivered as events.
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_core::pipeline::PipelineOptions;
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
    write_timeout: Duration,
    connection_events: bool,
    refresh_interval: Option<Duration>,
}

/// The socket's read buffer: small, since the pipeline's frames are small and an idle
/// watcher should cost little; a larger frame grows it (up to the frame limit) while read.
pub const SOCKET_READ_BUFFER: usize = 4 * 1024;
/// The most bytes a socket queues for writing (pings, pongs and a close frame are all it
/// ever writes).
pub const SOCKET_WRITE_BUFFER_LIMIT: usize = 64 * 1024;

impl Default for PipelineOptions {
    /// The default reconnect policy, 1 MiB frames, 60 s of silence, 30 s to connect, 10 s
    /// for each write, a catch-up every 5 minutes while connected, no connection events.
    fn default() -> Self {
        Self {
            policy: ReconnectPolicy::default(),
            max_frame_size: 1024 * 1024,
            silence_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(10),
            connection_events: false,
            refresh_interval: Some(Duration::from_secs(5 * 60)),
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

    /// Sets how long a connection may go without a whole frame or an answer to a ping
    /// before it counts as dropped (a ping is sent after half of it). A frame that keeps
    /// arriving a byte at a time, and the server's own pings, do not count: they prove
    /// nothing about events reaching us.
    #[must_use]
    pub fn with_silence_timeout(mut self, timeout: Duration) -> Self {
        self.silence_timeout = timeout.max(Duration::from_millis(2));
        self
    }

    /// Sets how long connecting (TCP, a proxy's tunnel, TLS and the handshake) may take.
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets how long writing and flushing a ping or a pong may take; past it the server is
    /// taken to have stopped reading, and the connection is dropped.
    #[must_use]
    pub fn with_write_timeout(mut self, timeout: Duration) -> Self {
        self.write_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// Sets how often a catch-up from the inbox runs while the socket is open (`None`:
    /// never). A socket can stay open and answer pings while no event reaches it; this
    /// bounds how long such a quietly dead socket can hide an event.
    #[must_use]
    pub fn with_refresh_interval(mut self, interval: Option<Duration>) -> Self {
        self.refresh_interval = interval.map(|every| every.max(Duration::from_millis(10)));
        self
    }

    /// How often a catch-up runs while connected.
    pub fn refresh_interval(&self) -> Option<Duration> {
        self.refresh_interval
    }

    /// Delivers the connection's changes (connected, dropped and why, reconnecting in N s,
    /// caught up K missed notifications) as [`crate::pipeline::PipelineEvent::Connection`] events.
    #[must_use]
    pub fn with_connection_events(mut self, deliver: bool) -> Self {
        self.connection_events = deliver;
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

    /// How long writing a ping or pong may take.
    pub fn write_timeout(&self) -> Duration {
        self.write_timeout
    }

    /// Whether connection changes are delivered as events.
    pub fn connection_events(&self) -> bool {
        self.connection_events
    }
}
