//! The whole watch as one state machine: connect, catch up, read, reconnect.

use std::time::{Duration, Instant};

use http::{Request, StatusCode};

use crate::endpoint::Endpoint;
use crate::error::{ApiErrorKind, Error};
use crate::inbox::ListNotifications;
use crate::models::Timestamp;
use crate::pipeline::WatchError;
use crate::pipeline::trace;
use crate::pipeline::{
    CatchUpRequest, FrameError, Gapless, PipelineBase, PipelineConnect, PipelineEvent,
    PipelineOptions, Reconnect, ReconnectDecision, decode_frame,
};
use crate::session::Session;

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
    /// Send this inbox request (the socket stays open) and hand the reply to
    /// [`Watch::catch_up_reply`], or call [`Watch::dropped`] when it could not be sent.
    FetchInbox(Request<Vec<u8>>),
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
    Fetching(ListNotifications),
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
///     AuthCookie, PipelineOptions, Session, Timestamp, UserAgent, Watch, WatchStep,
/// };
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_cookie(AuthCookie::new("authcookie_1")?);
/// let since = Timestamp::new("2024-01-01T00:00:00Z");
/// let mut watch = Watch::new(&session, PipelineOptions::default(), Some(since))?;
/// let WatchStep::Connect(connect) = watch.step() else { unreachable!() };
/// let _handshake = connect.request([9; 16])?; // open the socket with it
/// watch.connected(Instant::now());
/// // Catch up on what happened since the start time, then read.
/// let WatchStep::FetchInbox(page) = watch.step() else { unreachable!() };
/// assert_eq!(
///     page.uri().query(),
///     Some("n=100&offset=0&after=2023-12-31T23%3A59%3A59.999Z")
/// );
/// let reply = http::Response::builder().status(200).body(b"[]".to_vec())?;
/// watch.catch_up_reply(&reply, Instant::now(), 0)?;
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
    session: Session,
    connect: PipelineConnect,
    options: PipelineOptions,
    reconnect: Reconnect,
    gapless: Gapless,
    state: State,
    waits: Vec<Duration>,
    last_failure: Option<WatchError>,
}

/// How many reconnect waits a watch remembers for [`Watch::waits`].
pub const WAIT_HISTORY: usize = 1024;

impl Watch {
    /// A watch of VRChat's pipeline as the session's user (the session also sends the
    /// catch-up requests); `since` is when watching started (events from then on are
    /// caught up after each connect), `None` to take the inbox at the first connect as the
    /// baseline (see [`Gapless`]).
    ///
    /// # Errors
    /// [`crate::InputError::NotLoggedIn`] when the session has no `auth` cookie.
    pub fn new(
        session: &Session,
        options: PipelineOptions,
        since: Option<Timestamp>,
    ) -> Result<Self, Error> {
        Ok(Self {
            session: session.clone(),
            connect: PipelineConnect::new(session)?,
            reconnect: Reconnect::new(options.policy()),
            options,
            gapless: Gapless::new(since),
            state: State::Connect,
            waits: Vec::new(),
            last_failure: None,
        })
    }

    /// Connects to another pipeline (a local simulator).
    #[must_use]
    pub fn with_base(mut self, base: PipelineBase) -> Self {
        self.connect = self.connect.with_base(base);
        self
    }

    /// Follows a newer session (the client logged in again): the next connect and the
    /// catch-ups after it use its cookie. A session without an `auth` cookie is ignored.
    /// Watchers call this before each reconnect with their client's current session.
    pub fn follow_session(&mut self, session: &Session) {
        if session == &self.session {
            return;
        }
        if let Ok(connect) = PipelineConnect::new(session) {
            self.connect = connect.with_base(self.connect.base().clone());
            self.session = session.clone();
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

    /// The waits before each reconnect so far (the most recent [`WAIT_HISTORY`]).
    pub fn waits(&self) -> &[Duration] {
        &self.waits
    }

    /// The last failure the watch recovered from by reconnecting (a connection or
    /// catch-up error), as its transport recorded it with [`Watch::recovered_from`].
    pub fn last_failure(&self) -> Option<&WatchError> {
        self.last_failure.as_ref()
    }

    /// Records a failure the transport recovered from, for [`Watch::last_failure`].
    pub fn recovered_from(&mut self, failure: WatchError) {
        self.last_failure = Some(failure);
    }

    /// What to do next.
    pub fn step(&mut self) -> WatchStep {
        if let Some(event) = self.gapless.next_event() {
            return WatchStep::Event(event);
        }
        match std::mem::replace(&mut self.state, State::Connecting) {
            State::Connect | State::Connecting => {
                trace::connecting(self.reconnect.attempt());
                WatchStep::Connect(self.connect.clone())
            }
            State::Fetch(page) => {
                let built = page
                    .endpoint()
                    .map_err(Error::from)
                    .and_then(|list| Ok((self.session.request(&list)?, list)));
                match built {
                    Ok((request, list)) => {
                        self.state = State::Fetching(list);
                        WatchStep::FetchInbox(request)
                    }
                    // Never with the pages Gapless asks for; go live rather than loop.
                    Err(_) => {
                        self.gapless.give_up_catch_up();
                        self.state = State::Open;
                        self.step()
                    }
                }
            }
            State::Fetching(list) => {
                // The reply was not handed over: ask again.
                self.state = State::Fetching(list.clone());
                match self.session.request(&list) {
                    Ok(request) => WatchStep::FetchInbox(request),
                    Err(_) => WatchStep::Read,
                }
            }
            State::Open => {
                self.state = State::Open;
                WatchStep::Read
            }
            State::Wait(wait) => {
                self.state = State::Connect;
                if self.waits.len() >= WAIT_HISTORY {
                    self.waits.remove(0);
                }
                self.waits.push(wait);
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
        trace::connected();
        self.reconnect.connected(now);
        self.state = State::Fetch(self.gapless.reconnected());
    }

    /// The socket could not be opened; `random` draws the wait.
    pub fn connect_failed(&mut self, failure: ConnectFailure, random: u64) {
        trace::connect_failed(match failure {
            ConnectFailure::Refused(status) => Some(status.as_u16()),
            ConnectFailure::Other => None,
        });
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

    /// The reply to the inbox request of the last [`WatchStep::FetchInbox`], received at
    /// `now`; `random` draws the wait should the reply be an error.
    ///
    /// # Errors
    /// The reply's error: the watch then reconnects by its policy (its next step says
    /// when), or ends when the reply says the session is gone (401).
    pub fn catch_up_reply<B: AsRef<[u8]>>(
        &mut self,
        response: &http::Response<B>,
        now: Instant,
        random: u64,
    ) -> Result<(), Error> {
        let State::Fetching(list) = &self.state else {
            return Err(Error::Unexpected {
                reason: "no inbox request of the watch is waiting for a reply",
            });
        };
        match list.parse(response) {
            Ok(page) => {
                let listed = page.len();
                trace::caught_up(listed);
                self.state = match self.gapless.page_of(page.into_decoded(), listed) {
                    Some(next) => State::Fetch(next),
                    None => State::Open,
                };
                Ok(())
            }
            Err(error) => {
                let unauthorized = error
                    .api()
                    .is_some_and(|api| api.kind() == &ApiErrorKind::Unauthorized);
                if unauthorized {
                    self.reconnect.refused();
                    self.end(WatchEnd::Refused {
                        status: response.status(),
                    });
                } else {
                    self.dropped(now, random);
                }
                Err(error)
            }
        }
    }

    /// The socket closed, failed or went silent at `now` (or a catch-up page could not be
    /// fetched); `random` draws the wait.
    pub fn dropped(&mut self, now: Instant, random: u64) {
        if matches!(self.state, State::Ended(_)) {
            return;
        }
        trace::dropped();
        let decision = self.reconnect.dropped(now, random);
        self.schedule(decision);
    }

    fn schedule(&mut self, decision: ReconnectDecision) {
        if matches!(self.state, State::Ended(_)) {
            return;
        }
        self.state = match decision {
            ReconnectDecision::After(wait) => {
                trace::reconnect_scheduled(wait, self.reconnect.attempt());
                State::Wait(wait)
            }
            // Only a refusal stops, and it ends the watch itself.
            ReconnectDecision::Stop => State::Connect,
        };
    }

    fn end(&mut self, end: WatchEnd) {
        trace::ended(&end);
        self.state = State::Ended(end);
    }
}
