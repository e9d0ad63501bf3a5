//! The whole watch as one state machine: connect, catch up, listen, reconnect. It owns
//! every clock: each wait it asks for carries the deadline it computed.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use http::StatusCode;

use crate::endpoint::Endpoint;
use crate::error::{ApiErrorKind, Error};
use crate::inbox::ListNotifications;
use crate::models::Timestamp;
use crate::pipeline::Dial;
use crate::pipeline::jitter::Jitter;
use crate::pipeline::trace;
use crate::pipeline::{
    CatchUpRequest, Checkpoint, ConnectFailure, ConnectionStatus, DropReason, FrameError, Gapless,
    Handshake, Happened, PipelineBase, PipelineConnect, PipelineEvent, PipelineOptions, Progress,
    Reconnect, ReconnectDecision, WatchEnd, WatchError, WatchStep, decode_frame,
};
use crate::proxy::ProxyRules;
use crate::session::Session;

/// How many reconnect waits a watch remembers for [`Watch::waits`].
pub const WAIT_HISTORY: usize = 1024;

/// What the watch waits for after a step, and until when. Exactly one kind of
/// [`Happened`] (besides `TimePassed` at the deadline) fits each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Waiting {
    /// A socket to open: `Connected` or `ConnectFailed`.
    Socket {
        /// Connecting gives up then.
        until: Instant,
    },
    /// The inbox's reply: `InboxReply` or `InboxFailed` (the HTTP client's timeout bounds
    /// it).
    Inbox,
    /// One whole frame: `Text`, `Pinged`, `Pong`, `OtherFrame`, `FrameTooLarge` or
    /// `Closed`. The deadline is when a ping is due or the silence timeout runs out.
    Frame {
        /// Reading stops then.
        until: Instant,
    },
    /// Our ping to be written: `Written` or `Closed`.
    PingWritten {
        /// Past it the server is taken to have stopped reading.
        until: Instant,
    },
    /// Our answer to the server's ping to be written: `Written` or `Closed`.
    PongWritten {
        /// Past it the server is taken to have stopped reading.
        until: Instant,
    },
    /// The backoff before the next connect.
    Backoff {
        /// The next connect then.
        until: Instant,
    },
}

/// What the watch does at its next step.
#[derive(Debug)]
enum Next {
    Connect,
    Fetch(CatchUpRequest),
    Listen,
    Close { reconnect_at: Instant },
    Sleep { until: Instant },
    End(WatchEnd),
    Finished,
}

/// The clocks of the open socket.
#[derive(Debug, Clone, Copy)]
struct Link {
    /// When a whole frame or a pong last arrived.
    heard: Instant,
    ping_sent: bool,
    pong_queued: bool,
    /// When the next catch-up is due while connected.
    refresh_at: Option<Instant>,
}

/// A pipeline watch without I/O: it says what to do next and until when; the transport
/// does it and reports what happened.
///
/// - **Connect**: open a socket with the handshake by its deadline.
/// - **Catch up**: fetch the inbox since the last notification delivered, merged with the
///   live stream so each notification is delivered exactly once, in order ([`Gapless`]).
/// - **Listen**: read one whole frame until a ping is due or the silence timeout runs out;
///   ping when due; answer the server's pings. Only whole frames and pongs count as heard:
///   a frame dripping in and the server's own pings do not. A write that misses its
///   deadline means the server stopped reading: the socket is dropped.
/// - **Refresh**: while connected, catch up again every
///   [`PipelineOptions::refresh_interval`], as a socket can stay open and deliver nothing.
/// - **Reconnect** by the [`Reconnect`] policy, with jitter from the seed; stop for good
///   when the token is refused.
///
/// A repeated frame (a non-notification event equal to the one just before it) is
/// delivered once, and a notification addressed to another user is reported as
/// [`WatchError::Misaddressed`], never delivered.
///
/// ```
/// use std::time::{Duration, Instant};
/// use vrchat_invite_core::{Session, UserAgent};
/// use vrchat_invite_core::auth::AuthCookie;
/// use vrchat_invite_core::models::Timestamp;
/// use vrchat_invite_core::pipeline::{Happened, PipelineOptions, Watch, WatchStep};
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_cookie(AuthCookie::new("authcookie_1")?);
/// let since = Timestamp::new("2024-01-01T00:00:00Z");
/// let mut watch = Watch::new(&session, PipelineOptions::default(), Some(since), 42)?;
/// let start = Instant::now();
/// // Connect: open a socket with the handshake, within the connect timeout.
/// let WatchStep::Connect(handshake) = watch.step(start) else { unreachable!() };
/// assert_eq!(handshake.until(), start + Duration::from_secs(30));
/// watch.handle(Happened::Connected, start)?;
/// // Catch up on what happened since the start time.
/// let WatchStep::FetchInbox(page) = watch.step(start) else { unreachable!() };
/// assert_eq!(page.uri().query(), Some("n=100&offset=0&after=2023-12-31T23%3A59%3A59.999Z"));
/// let reply = http::Response::builder().status(200).body(b"[]".to_vec())?;
/// watch.handle(Happened::InboxReply(reply), start)?;
/// // Read until a ping is due (half the 60 s silence timeout).
/// let WatchStep::Read { until } = watch.step(start) else { unreachable!() };
/// assert_eq!(until, start + Duration::from_secs(30));
/// watch.handle(Happened::Text(r#"{"type":"clear-notification"}"#.into()), start)?;
/// assert!(matches!(watch.step(start), WatchStep::Deliver(_)));
/// // The socket drops: close it, wait (1 s at most), then connect again.
/// assert!(matches!(watch.step(start), WatchStep::Read { .. }));
/// watch.handle(Happened::Closed(None), start)?;
/// assert!(matches!(watch.step(start), WatchStep::Close));
/// let WatchStep::Sleep { until } = watch.step(start) else { unreachable!() };
/// assert!(until <= start + Duration::from_secs(1));
/// watch.handle(Happened::TimePassed, until)?;
/// assert!(matches!(watch.step(until), WatchStep::Connect(_)));
/// // Reporting out of order is refused.
/// assert!(watch.handle(Happened::Pong, until).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Watch {
    session: Session,
    connect: PipelineConnect,
    options: PipelineOptions,
    reconnect: Reconnect,
    gapless: Gapless,
    jitter: Jitter,
    next: Next,
    waiting: Option<Waiting>,
    fetching: Option<ListNotifications>,
    link: Option<Link>,
    /// Reports and connection events, handed out before the next event.
    outbox: VecDeque<WatchStep>,
    /// The last non-notification event, to deliver a repeated frame once.
    previous: Option<PipelineEvent>,
    waits: Vec<Duration>,
    last_failure: Option<WatchError>,
    progress: Progress,
    proxy_rules: ProxyRules,
}

impl Watch {
    /// A watch of VRChat's pipeline as the session's user (the session also sends the
    /// catch-up requests). `since` is when watching started (events from then on are caught
    /// up after each connect), `None` to take the inbox at the first connect as the
    /// baseline (see [`Gapless`]). `seed` draws the reconnect jitter and the handshake
    /// keys: give each watch its own random seed.
    ///
    /// # Errors
    /// [`crate::InputError::NotLoggedIn`] when the session has no `auth` cookie.
    pub fn new(
        session: &Session,
        options: PipelineOptions,
        since: Option<Timestamp>,
        seed: u64,
    ) -> Result<Self, Error> {
        Ok(Self {
            session: session.clone(),
            connect: PipelineConnect::new(session)?,
            reconnect: Reconnect::new(options.policy()),
            options,
            gapless: Gapless::new(since.clone()),
            jitter: Jitter::new(seed),
            next: Next::Connect,
            waiting: None,
            fetching: None,
            link: None,
            outbox: VecDeque::new(),
            previous: None,
            waits: Vec::new(),
            last_failure: None,
            progress: Progress::from_checkpoint(since.map(Checkpoint::since).unwrap_or_default()),
            proxy_rules: ProxyRules::none(),
        })
    }

    /// Starts from `checkpoint` instead (one saved by an earlier run): the first catch-up
    /// reads every page after it, then the watch goes live. See [`Checkpoint`] for the
    /// guarantee.
    #[must_use]
    pub fn resume_from(mut self, checkpoint: Checkpoint) -> Self {
        self.gapless = Gapless::resume(&checkpoint);
        self.progress = Progress::from_checkpoint(checkpoint);
        self
    }

    /// A shared handle on what the application finished: [`Progress::done`] and
    /// [`Progress::checkpoint`], usable beside an iterator or stream that owns the watch.
    pub fn progress(&self) -> Progress {
        self.progress.clone()
    }

    /// The application is done with `event`: the checkpoint may move past it.
    pub fn done(&self, event: &PipelineEvent) {
        self.progress.done(event);
    }

    /// The checkpoint to save (see [`Checkpoint`]).
    pub fn checkpoint(&self) -> Checkpoint {
        self.progress.checkpoint()
    }

    /// Connects to another pipeline (a local simulator).
    #[must_use]
    pub fn with_base(mut self, base: PipelineBase) -> Self {
        self.connect = self.connect.with_base(base);
        self
    }

    /// Connects through the proxy `rules` pick for the pipeline's URL (`wss://` as
    /// `https://`), in a `CONNECT` tunnel: each [`Handshake::dial`] says how. Directly
    /// by default; a transport's watcher passes its client's rules.
    #[must_use]
    pub fn with_proxy_rules(mut self, rules: ProxyRules) -> Self {
        self.proxy_rules = rules;
        self
    }

    /// Follows a newer session (the client logged in again): the next connect and the
    /// catch-ups after it use its cookie. A session without an `auth` cookie is ignored.
    /// Watchers call this after each backoff with their client's current session.
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

    /// What the watch waits for now, and until when; `None` when it is the caller's turn
    /// to [`Watch::step`].
    pub fn waiting(&self) -> Option<Waiting> {
        self.waiting
    }

    /// Whether a socket is open.
    pub fn is_connected(&self) -> bool {
        self.link.is_some()
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
    /// catch-up error), for diagnostics.
    pub fn last_failure(&self) -> Option<&WatchError> {
        self.last_failure.as_ref()
    }

    /// What to do next, at `now`. While the watch waits for a report, it says so as
    /// [`WatchStep::Report`] of an out-of-order error and changes nothing.
    pub fn step(&mut self, now: Instant) -> WatchStep {
        if self.waiting.is_some() {
            return WatchStep::Report(out_of_order("the watch waits for a report; call handle"));
        }
        if let Some(out) = self.outbox.pop_front() {
            return out;
        }
        if let Some(event) = self.gapless.next_event() {
            self.progress.delivered(&event);
            return WatchStep::Deliver(event);
        }
        match std::mem::replace(&mut self.next, Next::Listen) {
            Next::Connect => self.open(now),
            Next::Fetch(page) => self.fetch(page, now),
            Next::Listen => self.listen(now),
            Next::Close { reconnect_at } => {
                self.next = Next::Sleep {
                    until: reconnect_at,
                };
                WatchStep::Close
            }
            Next::Sleep { until } => {
                self.waiting = Some(Waiting::Backoff { until });
                WatchStep::Sleep { until }
            }
            Next::End(end) => {
                self.next = Next::Finished;
                WatchStep::End(end)
            }
            Next::Finished => {
                self.next = Next::Finished;
                WatchStep::Finished
            }
        }
    }

    /// Reports what happened since the last step, at `now`.
    ///
    /// # Errors
    /// [`WatchError::Core`] with [`Error::Unexpected`] when `happened` does not fit what
    /// the watch waits for (see [`Watch::waiting`]); nothing changes then.
    pub fn handle(&mut self, happened: Happened, now: Instant) -> Result<(), WatchError> {
        let Some(waiting) = self.waiting.take() else {
            return Err(out_of_order("the watch waits for nothing; call step first"));
        };
        match (waiting, happened) {
            (Waiting::Socket { .. }, Happened::Connected) => self.connected(now),
            (Waiting::Socket { .. }, Happened::ConnectFailed(failure)) => {
                self.connect_failed(failure, now);
            }
            (Waiting::Socket { .. }, Happened::TimePassed) => {
                let late = "the pipeline did not connect within the connect timeout";
                self.connect_failed(ConnectFailure::Other(late.into()), now);
            }
            (Waiting::Inbox, Happened::InboxReply(reply)) => self.inbox_reply(&reply, now),
            (Waiting::Inbox, Happened::InboxFailed(source)) => {
                self.last_failure = Some(WatchError::CatchUp { source });
                self.drop_link(DropReason::CatchUpFailed, now);
            }
            (Waiting::Frame { .. }, Happened::Text(text)) => {
                self.heard(now);
                self.text(&text);
            }
            (Waiting::Frame { .. }, Happened::Pinged) => self.update_link(|link| {
                link.pong_queued = true;
            }),
            (Waiting::Frame { .. }, Happened::Pong | Happened::OtherFrame) => self.heard(now),
            (Waiting::Frame { .. }, Happened::FrameTooLarge) => {
                let limit = self.options.max_frame_size();
                self.report(WatchError::FrameTooLarge { limit });
                self.drop_link(DropReason::FrameTooLarge, now);
            }
            (Waiting::Frame { .. }, Happened::TimePassed) => {}
            (
                Waiting::Frame { .. } | Waiting::PingWritten { .. } | Waiting::PongWritten { .. },
                Happened::Closed(source),
            ) => {
                if let Some(source) = source {
                    self.last_failure = Some(WatchError::Connection { source });
                }
                self.drop_link(DropReason::Closed, now);
            }
            (Waiting::PingWritten { .. }, Happened::Written) => self.update_link(|link| {
                link.ping_sent = true;
            }),
            (Waiting::PongWritten { .. }, Happened::Written) => self.update_link(|link| {
                link.pong_queued = false;
            }),
            (Waiting::PingWritten { .. } | Waiting::PongWritten { .. }, Happened::TimePassed) => {
                self.drop_link(DropReason::WriteStalled, now);
            }
            (Waiting::Backoff { until }, Happened::TimePassed) => {
                self.next = if now < until {
                    Next::Sleep { until }
                } else {
                    Next::Connect
                };
            }
            (waiting, _) => {
                self.waiting = Some(waiting);
                return Err(out_of_order(
                    "what happened does not fit what the watch waits for",
                ));
            }
        }
        Ok(())
    }

    fn open(&mut self, now: Instant) -> WatchStep {
        trace::connecting(self.reconnect.attempt());
        self.link = None;
        match self.connect.request(self.jitter.key()) {
            Ok(request) => {
                let until = now + self.options.connect_timeout();
                self.waiting = Some(Waiting::Socket { until });
                let uri = request.uri();
                let dial = Dial::plan(uri, self.proxy_rules.select(uri));
                WatchStep::Connect(Handshake {
                    request,
                    dial,
                    until,
                    max_frame_size: self.options.max_frame_size(),
                })
            }
            // Only an unassemblable URL, which a checked base cannot make: back off.
            Err(error) => {
                self.last_failure = Some(WatchError::Core(error));
                let decision = self.reconnect.connect_failed(self.jitter.next_u64());
                self.schedule(decision, now);
                self.step(now)
            }
        }
    }

    fn fetch(&mut self, page: CatchUpRequest, now: Instant) -> WatchStep {
        let built = page
            .endpoint()
            .map_err(Error::from)
            .and_then(|list| Ok((self.session.request(&list)?, list)));
        match built {
            Ok((request, list)) => {
                self.fetching = Some(list);
                self.waiting = Some(Waiting::Inbox);
                WatchStep::FetchInbox(request)
            }
            // Never with the pages Gapless asks for; go live rather than loop.
            Err(_) => {
                self.gapless.give_up_catch_up();
                self.step(now)
            }
        }
    }

    fn listen(&mut self, now: Instant) -> WatchStep {
        let Some(link) = self.link else {
            self.next = Next::Connect;
            return self.step(now);
        };
        let write_until = now + self.options.write_timeout();
        if link.pong_queued {
            self.waiting = Some(Waiting::PongWritten { until: write_until });
            return WatchStep::Flush { until: write_until };
        }
        let silent_at = link.heard + self.options.silence_timeout();
        if now >= silent_at {
            self.drop_link(DropReason::Silence, now);
            return self.step(now);
        }
        if link.refresh_at.is_some_and(|due| now >= due) {
            self.update_link(|link| link.refresh_at = None);
            self.next = Next::Fetch(self.gapless.reconnected());
            return self.step(now);
        }
        let ping_at = link.heard + self.options.ping_interval();
        if !link.ping_sent && now >= ping_at {
            self.waiting = Some(Waiting::PingWritten { until: write_until });
            return WatchStep::Ping { until: write_until };
        }
        let mut until = if link.ping_sent {
            silent_at
        } else {
            ping_at.min(silent_at)
        };
        if let Some(due) = link.refresh_at {
            until = until.min(due);
        }
        self.waiting = Some(Waiting::Frame { until });
        WatchStep::Read { until }
    }

    fn connected(&mut self, now: Instant) {
        trace::connected();
        self.reconnect.connected(now);
        self.link = Some(Link {
            heard: now,
            ping_sent: false,
            pong_queued: false,
            refresh_at: None,
        });
        self.previous = None;
        self.status(ConnectionStatus::Connected);
        self.next = Next::Fetch(self.gapless.reconnected());
    }

    fn connect_failed(&mut self, failure: ConnectFailure, now: Instant) {
        let status = match &failure {
            ConnectFailure::Status(status) => Some(status.as_u16()),
            _ => None,
        };
        trace::connect_failed(status);
        match failure {
            ConnectFailure::Status(status @ (StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)) => {
                self.refused(WatchEnd::Refused { status });
                return;
            }
            ConnectFailure::Status(status) => {
                let answered = format!("the pipeline handshake was answered {status}");
                self.last_failure = Some(WatchError::connection(answered));
            }
            // A proxy's refusal needs the user's attention: report it.
            ConnectFailure::Proxy(source) => self.report(WatchError::Proxy { source }),
            ConnectFailure::Other(source) => {
                self.last_failure = Some(WatchError::Connection { source });
            }
        }
        let decision = self.reconnect.connect_failed(self.jitter.next_u64());
        self.schedule(decision, now);
    }

    fn inbox_reply(&mut self, reply: &http::Response<Vec<u8>>, now: Instant) {
        let Some(list) = self.fetching.take() else {
            return;
        };
        match list.parse(reply) {
            Ok(page) => {
                let listed = page.len();
                trace::caught_up(listed);
                match self.gapless.page_of(page.into_decoded(), listed) {
                    Some(next) => self.next = Next::Fetch(next),
                    None => {
                        // The socket was not read meanwhile: its silence starts now.
                        self.heard(now);
                        let refresh = self.options.refresh_interval();
                        self.update_link(|link| link.refresh_at = refresh.map(|every| now + every));
                        if let Some((mark, ids)) = self.gapless.take_baseline() {
                            self.progress.baseline(&mark, &ids);
                        }
                        if let Some(missed) = self.gapless.take_missed() {
                            self.status(ConnectionStatus::CaughtUp { missed });
                        }
                    }
                }
            }
            Err(error) => {
                // A half-logged session cannot read the inbox either: both need a login.
                let gone = error.api().is_some_and(|api| {
                    matches!(
                        api.kind(),
                        ApiErrorKind::Unauthorized | ApiErrorKind::TwoFactorRequired
                    )
                });
                if gone {
                    self.refused(WatchEnd::Refused {
                        status: reply.status(),
                    });
                } else {
                    self.last_failure = Some(WatchError::Core(error));
                    self.drop_link(DropReason::CatchUpFailed, now);
                }
            }
        }
    }

    /// A whole text frame.
    fn text(&mut self, text: &str) {
        match decode_frame(text) {
            Ok(PipelineEvent::Notification(notification)) => {
                self.previous = None;
                let me = self.session.user_id();
                match &notification.receiver_user_id {
                    Some(receiver) if me.is_some_and(|me| me != receiver) => {
                        trace::misaddressed();
                        self.report(WatchError::Misaddressed {
                            notification: notification.id.clone(),
                            receiver: receiver.clone(),
                        });
                    }
                    _ => self.gapless.live(PipelineEvent::Notification(notification)),
                }
            }
            Ok(event) => {
                if self.previous.as_ref() == Some(&event) {
                    trace::repeated(event.kind());
                    return;
                }
                self.previous = Some(event.clone());
                self.gapless.live(event);
            }
            Err(FrameError::Server { message }) => {
                self.refused(WatchEnd::ServerRefused { message });
            }
            Err(error) => self.report(WatchError::Frame(error)),
        }
    }

    fn heard(&mut self, now: Instant) {
        self.update_link(|link| {
            link.heard = now;
            link.ping_sent = false;
        });
    }

    fn update_link(&mut self, change: impl FnOnce(&mut Link)) {
        if let Some(link) = self.link.as_mut() {
            change(link);
        }
    }

    fn drop_link(&mut self, reason: DropReason, now: Instant) {
        trace::dropped();
        self.link = None;
        self.fetching = None;
        self.status(ConnectionStatus::Dropped { reason });
        let decision = self.reconnect.dropped(now, self.jitter.next_u64());
        self.schedule(decision, now);
    }

    fn schedule(&mut self, decision: ReconnectDecision, now: Instant) {
        match decision {
            ReconnectDecision::After(wait) => {
                let attempt = self.reconnect.attempt();
                trace::reconnect_scheduled(wait, attempt);
                if self.waits.len() >= WAIT_HISTORY {
                    self.waits.remove(0);
                }
                self.waits.push(wait);
                self.status(ConnectionStatus::Reconnecting {
                    after: wait,
                    attempt,
                });
                self.next = Next::Close {
                    reconnect_at: now + wait,
                };
            }
            // Only a refusal stops, and it ends the watch itself.
            ReconnectDecision::Stop => {}
        }
    }

    fn refused(&mut self, end: WatchEnd) {
        self.reconnect.refused();
        trace::ended(&end);
        self.link = None;
        self.next = Next::End(end);
    }

    fn report(&mut self, error: WatchError) {
        self.outbox.push_back(WatchStep::Report(error));
    }

    fn status(&mut self, status: ConnectionStatus) {
        if self.options.connection_events() {
            let event = PipelineEvent::Connection(status);
            self.outbox.push_back(WatchStep::Deliver(event));
        }
    }
}

fn out_of_order(reason: &'static str) -> WatchError {
    WatchError::Core(Error::Unexpected { reason })
}
