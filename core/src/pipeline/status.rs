//! The connection's life, as events a program can show a person.

use std::time::Duration;

use serde_json::{Value, json};

/// Why an open connection was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DropReason {
    /// The server closed it, or it failed (reset, broken pipe).
    Closed,
    /// Nothing whole arrived (no frame, no pong) within the silence timeout; a frame that
    /// never completes counts as silence.
    Silence,
    /// A ping or pong could not be written in time: the server stopped reading.
    WriteStalled,
    /// A frame was larger than the limit.
    FrameTooLarge,
    /// The catch-up from the inbox failed.
    CatchUpFailed,
}

impl DropReason {
    /// A short name: `closed`, `silence`, `write-stalled`, `frame-too-large`,
    /// `catch-up-failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Silence => "silence",
            Self::WriteStalled => "write-stalled",
            Self::FrameTooLarge => "frame-too-large",
            Self::CatchUpFailed => "catch-up-failed",
        }
    }
}

/// A change in the watch's connection, delivered as [`crate::pipeline::PipelineEvent::Connection`]
/// when [`crate::pipeline::PipelineOptions::with_connection_events`] asks for it.
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_core::pipeline::ConnectionStatus;
/// let status = ConnectionStatus::Reconnecting { after: Duration::from_millis(1500), attempt: 2 };
/// assert_eq!(status.to_string(), "reconnecting in 1.5 s (attempt 2)");
/// assert_eq!(status.to_json()["state"], "reconnecting");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectionStatus {
    /// The socket is open; a catch-up follows.
    Connected,
    /// The socket was dropped.
    Dropped {
        /// Why.
        reason: DropReason,
    },
    /// The next connect is due after this wait.
    Reconnecting {
        /// The wait.
        after: Duration,
        /// How many reconnects in a row this is (from 1).
        attempt: u32,
    },
    /// A catch-up finished: this many notifications had not come over the socket.
    CaughtUp {
        /// How many.
        missed: usize,
    },
}

impl ConnectionStatus {
    /// As JSON: `{"state": "connected" | "dropped" | "reconnecting" | "caught-up", ...}`
    /// with `reason`, `after_ms` and `attempt`, or `missed`.
    pub fn to_json(&self) -> Value {
        match self {
            Self::Connected => json!({"state": "connected"}),
            Self::Dropped { reason } => json!({"state": "dropped", "reason": reason.as_str()}),
            Self::Reconnecting { after, attempt } => json!({
                "state": "reconnecting",
                "after_ms": u64::try_from(after.as_millis()).unwrap_or(u64::MAX),
                "attempt": attempt,
            }),
            Self::CaughtUp { missed } => json!({"state": "caught-up", "missed": missed}),
        }
    }
}

impl std::fmt::Display for ConnectionStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Connected => f.write_str("connected"),
            Self::Dropped { reason } => write!(f, "dropped ({})", reason.as_str()),
            Self::Reconnecting { after, attempt } => {
                let tenths = after.as_millis().div_ceil(100);
                write!(
                    f,
                    "reconnecting in {}.{} s (attempt {attempt})",
                    tenths / 10,
                    tenths % 10
                )
            }
            Self::CaughtUp { missed: 1 } => f.write_str("caught up 1 missed notification"),
            Self::CaughtUp { missed } => write!(f, "caught up {missed} missed notifications"),
        }
    }
}
