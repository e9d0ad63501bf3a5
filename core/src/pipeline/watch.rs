//! The whole watch as one state machine: connect, catch up, read, reconnect.

use std::time::{Duration, Instant};

use http::StatusCode;

use crate::models::{Notification, Timestamp};
use crate::pipeline::{
    CatchUpRequest, FrameError, Gapless, PipelineConnect, PipelineEvent, PipelineOptions,
    Reconnect, ReconnectDecision, decode_frame,
};

/// Why a connection could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectFailure {
    /// The server refused the token (or the client): the handshake was answered 401 or 403.
    Refused(StatusCode),
    /// Anything else: no route, reset, TLS failure, timeout, another status.
    Other,
}

impl ConnectFailure {
    /// Classifies a handshake answered with `status` instead of `101`.
    pub fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Self::Refused(status),
            _ => Self::Other,
        }
    }
}

/// Why a watch ended for good.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WatchEnd {
    /// The handshake was refused with this status; a new login is needed.
    #[error("the pipeline refused the token (HTTP {status}); log in again")]
    Refused {
        /// The handshake's status.
        status: StatusCode,
    },
    /// The server sent an error frame instead of events (its way of refusing the token).
    #[error("the pipeline refused the token: {message}; log in again")]
    ServerRefused {
        /// The server's message (bounded).
        message: String,
    },
}

/// What the caller does next.
#[derive(Debug)]
pub enum WatchStep {
    /// Hand this event to the consumer.
    Event(PipelineEvent),
    /// Close any open socket and open a new one with [`PipelineConnect::request`]; then call
    /// [`Watch::connected`] or [`Watch::connect_failed`].
    Connect(PipelineConnect),
    /// Fetch this inbox page (the socket stays open) and call [`Watch::catch_up_page`], or
    /// [`Watch::dropped`] when it could not be fetched.
    FetchInbox(CatchUpRequest),
    /// Read the next frame and call [`Watch::frame`], or [`Watch::dropped`] when the socket
    /// closed, failed or stayed silent too long.
    Read,
    /// Close any open socket, wait this long, then step again.
    Wait(Duration),
    /// The watch is over; every later step says so again.
    End(WatchEnd),
}

#[derive(Debug)]
enum State {
    Connect,
    Connecting,
    Fetch(CatchUpRequest),
    Fetching,
    Open,
    Wait(Duration),
    Ended(WatchEnd),
}

/// A pipeline watch without I/O: it says what to do next; the caller does it and reports
/// back, supplying the time and random numbers.
///
/// It delivers each notification exactly once, in order, across reconnects (see
/// [`Gapless`]), reconnects by the [`Reconnect`] policy, and stops for good when the token
/// is refused.
///
/// ```
/// use std::time::Instant;
/// use vrchat_invite_core::{
///     AuthToken, PipelineConnect, PipelineOptions, Session, Timestamp, UserAgent, Watch,
///     WatchStep,
/// };
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_token(AuthToken::new("authcookie_1")?);
/// let mut watch = Watch::new(
///     PipelineConnect::new(&session)?,
///     PipelineOptions::default(),
///     Some(Timestamp::new("2024-01-01T00:00:00Z")),
/// );
/// let WatchStep::Connect(connect) = watch.step() else { unreachable!() };
/// let _handshake = connect.request([9; 16])?; // open the socket with it
/// watch.connected(Instant::now());
/// // Catch up on what happened since the start time, then read.
/// let WatchStep::FetchInbox(page) = watch.step() else { unreachable!() };
/// assert_eq!(page.after.map(|t| t.to_string()).as_deref(), Some("2023-12-31T23:59:59.999Z"));
/// watch.catch_up_page(Vec::new());
/// assert!(matches!(watch.step(), WatchStep::Read));
/// watch.frame(r#"{"type":"clear-notification"}"#)?;
/// assert!(matches!(watch.step(), WatchStep::Event(_)));
/// // The socket drops: wait (1 s at most), then connect again.
/// watch.dropped(Instant::now(), 12345);
/// assert!(matches!(watch.step(), WatchStep::Wait(_)));
/// assert!(matches!(watch.step(), WatchStep::Connect(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Watch {
    connect: PipelineConnect,
    options: PipelineOptions,
    reconnect: Reconnect,
    gapless: Gapless,
    state: State,
}

impl Watch {
    /// A watch that will connect with `connect`; `since` is when watching started (events
    /// from then on are caught up after each connect), `None` to take the inbox at the
    /// first connect as the baseline (see [`Gapless`]).
    pub fn new(
        connect: PipelineConnect,
        options: PipelineOptions,
        since: Option<Timestamp>,
    ) -> Self {
        Self {
            connect,
            reconnect: Reconnect::new(options.policy()),
            options,
            gapless: Gapless::new(since),
            state: State::Connect,
        }
    }

    /// The options.
    pub fn options(&self) -> &PipelineOptions {
        &self.options
    }

    /// How many reconnects in a row were scheduled since the last stable connection.
    pub fn attempt(&self) -> u32 {
        self.reconnect.attempt()
    }

    /// What to do next.
    pub fn step(&mut self) -> WatchStep {
        if let Some(event) = self.gapless.next_event() {
            return WatchStep::Event(event);
        }
        match std::mem::replace(&mut self.state, State::Connecting) {
            State::Connect => WatchStep::Connect(self.connect.clone()),
            State::Connecting => WatchStep::Connect(self.connect.clone()),
            State::Fetch(request) => {
                self.state = State::Fetching;
                WatchStep::FetchInbox(request)
            }
            State::Fetching => {
                self.state = State::Fetching;
                WatchStep::Read
            }
            State::Open => {
                self.state = State::Open;
                WatchStep::Read
            }
            State::Wait(wait) => {
                self.state = State::Connect;
                WatchStep::Wait(wait)
            }
            State::Ended(end) => {
                self.state = State::Ended(end.clone());
                WatchStep::End(end)
            }
        }
    }

    /// The socket opened at `now`.
    pub fn connected(&mut self, now: Instant) {
        if matches!(self.state, State::Ended(_)) {
            return;
        }
        self.reconnect.connected(now);
        self.state = State::Fetch(self.gapless.reconnected());
    }

    /// The socket could not be opened; `random` draws the wait.
    pub fn connect_failed(&mut self, failure: ConnectFailure, random: u64) {
        let decision = match failure {
            ConnectFailure::Refused(status) => {
                self.reconnect.refused();
                self.end(WatchEnd::Refused { status });
                return;
            }
            ConnectFailure::Other => self.reconnect.connect_failed(random),
        };
        self.schedule(decision);
    }

    /// A text frame arrived.
    ///
    /// # Errors
    /// A frame that does not decode is returned as a [`FrameError`] and the watch goes on;
    /// an error frame from the server (a refused token) also ends the watch.
    pub fn frame(&mut self, text: &str) -> Result<(), FrameError> {
        match decode_frame(text) {
            Ok(event) => {
                self.gapless.live(event);
                Ok(())
            }
            Err(error) => {
                if let FrameError::Server { message } = &error {
                    self.reconnect.refused();
                    self.end(WatchEnd::ServerRefused {
                        message: message.clone(),
                    });
                }
                Err(error)
            }
        }
    }

    /// The catch-up page asked for arrived.
    pub fn catch_up_page(&mut self, notifications: Vec<Notification>) {
        if !matches!(self.state, State::Fetching | State::Fetch(_)) {
            return;
        }
        self.state = match self.gapless.page(notifications) {
            Some(next) => State::Fetch(next),
            None => State::Open,
        };
    }

    /// The socket closed, failed or went silent at `now` (or a catch-up page could not be
    /// fetched); `random` draws the wait.
    pub fn dropped(&mut self, now: Instant, random: u64) {
        if matches!(self.state, State::Ended(_)) {
            return;
        }
        let decision = self.reconnect.dropped(now, random);
        self.schedule(decision);
    }

    fn schedule(&mut self, decision: ReconnectDecision) {
        if matches!(self.state, State::Ended(_)) {
            return;
        }
        self.state = match decision {
            ReconnectDecision::After(wait) => State::Wait(wait),
            // Only a refusal stops, and it ends the watch itself.
            ReconnectDecision::Stop => State::Connect,
        };
    }

    fn end(&mut self, end: WatchEnd) {
        self.state = State::Ended(end);
    }
}
