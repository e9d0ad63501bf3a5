//! The blocking watcher: runs the core's [`Watch`] over tungstenite.

use std::io;
use std::time::{Duration, Instant};

use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};
use vrchat_invite_core::{
    ConnectFailure, PipelineBase, PipelineEvent, PipelineOptions, Timestamp, Watch, WatchStep,
};

use super::stream::{MaybeTls, OpenError, open};
use crate::Client;
use crate::random::{random_key, random_u64};
use vrchat_invite_core::WatchError;

/// A blocking watch of VRChat's pipeline: an [`Iterator`] of events.
///
/// It connects with the client's session, answers pings, pings a quiet connection and
/// treats one silent past [`PipelineOptions::silence_timeout`] as dropped, refuses frames
/// over [`PipelineOptions::max_frame_size`], reconnects by the core's policy, and after
/// each connect catches up from the inbox (with the same client), so each notification is
/// yielded exactly once, in order. It ends (`None`) after [`WatchError::Refused`].
///
/// It connects through the proxy the client's rules ([`ClientCore::proxy_rules`](vrchat_invite_core::ClientCore::proxy_rules)) pick for the
/// pipeline's URL, in a `CONNECT` tunnel; a proxy's refusal is yielded as
/// [`WatchError::Proxy`] and the next call retries after the policy's wait.
///
/// ```no_run
/// use vrchat_invite_ureq::{PipelineEvent, PipelineOptions};
/// use vrchat_invite_ureq::{Client, Watcher};
/// # fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
/// for event in Watcher::new(client, PipelineOptions::default(), None)? {
///     match event {
///         Ok(PipelineEvent::Notification(n)) => println!("{} from {}", n.kind, n.sender_user_id),
///         Ok(other) => println!("{}", other.kind()),
///         Err(error) => eprintln!("{error}"),
///     }
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Watcher {
    client: Client,
    watch: Watch,
    socket: Option<WebSocket<MaybeTls>>,
    last_heard: Instant,
    pinged: bool,
    ended: bool,
}

impl Watcher {
    /// A watch as `client`'s session user (the client also sends the catch-up requests, and
    /// stays usable through [`Watcher::client`]); `since` as in [`Watch::new`]. Nothing is
    /// connected before the first [`Iterator::next`].
    ///
    /// # Errors
    /// [`WatchError::Core`] when the session is not logged in.
    pub fn new(
        client: Client,
        options: PipelineOptions,
        since: Option<Timestamp>,
    ) -> Result<Self, WatchError> {
        let watch = Watch::new(&client.session(), options, since)?;
        Ok(Self {
            client,
            watch,
            socket: None,
            last_heard: Instant::now(),
            pinged: false,
            ended: false,
        })
    }

    /// Connects to another pipeline (a local simulator).
    #[must_use]
    pub fn with_base(mut self, base: PipelineBase) -> Self {
        self.watch = self.watch.with_base(base);
        self
    }

    /// The client, to answer events with (an invite for an invite request, ...).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The waits before each reconnect so far (the most recent
    /// [`vrchat_invite_core::WAIT_HISTORY`]).
    pub fn waits(&self) -> &[Duration] {
        self.watch.waits()
    }

    /// The last failure the watch recovered from by reconnecting (a connection or
    /// catch-up error), for diagnostics.
    pub fn last_failure(&self) -> Option<&WatchError> {
        self.watch.last_failure()
    }

    /// Whether a socket is open now.
    pub fn is_connected(&self) -> bool {
        self.socket.is_some()
    }

    fn close(&mut self) {
        if let Some(mut socket) = self.socket.take() {
            let _ = socket.close(None);
            let _ = socket.flush();
        }
    }

    fn connect(&mut self, connect: &vrchat_invite_core::PipelineConnect) -> Option<WatchError> {
        self.close();
        let options = *self.watch.options();
        let request = match connect.request(random_key()) {
            Ok(request) => request,
            Err(error) => return Some(WatchError::Core(error)),
        };
        let config = WebSocketConfig::default()
            .max_frame_size(Some(options.max_frame_size()))
            .max_message_size(Some(options.max_frame_size()));
        let proxy = self.client.proxy_rules().select(request.uri()).cloned();
        match open(request, proxy.as_ref(), options.connect_timeout(), config) {
            Ok(socket) => {
                if let Err(error) = socket.get_ref().set_read_timeout(options.ping_interval()) {
                    self.watch
                        .connect_failed(ConnectFailure::Other, random_u64());
                    return Some(WatchError::connection(tungstenite::Error::Io(error)));
                }
                self.socket = Some(socket);
                self.last_heard = Instant::now();
                self.pinged = false;
                self.watch.connected(Instant::now());
                None
            }
            Err(OpenError::Status(status, source)) => {
                self.watch
                    .connect_failed(ConnectFailure::from_status(status), random_u64());
                Some(WatchError::connection(source))
            }
            Err(OpenError::Proxy(source)) => {
                self.watch
                    .connect_failed(ConnectFailure::Other, random_u64());
                Some(WatchError::Proxy { source })
            }
            Err(OpenError::Other(source)) => {
                self.watch
                    .connect_failed(ConnectFailure::Other, random_u64());
                Some(WatchError::connection(source))
            }
        }
    }

    fn dropped(&mut self) {
        self.close();
        self.watch.dropped(Instant::now(), random_u64());
    }

    /// Reads one frame (or times out once); `Some` when there is something to report.
    fn read(&mut self) -> Option<WatchError> {
        let options = *self.watch.options();
        let Some(socket) = self.socket.as_mut() else {
            self.watch.dropped(Instant::now(), random_u64());
            return None;
        };
        match socket.read() {
            Ok(message) => {
                self.last_heard = Instant::now();
                self.pinged = false;
                // A pong to a ping is queued by the read; send it now.
                let _ = socket.flush();
                match message {
                    Message::Text(text) => {
                        self.watch
                            .frame(text.as_str())
                            .err()
                            // A refusal ends the watch: the next step reports it.
                            .filter(|error| !error.is_refusal())
                            .map(WatchError::from)
                    }
                    Message::Close(_) => {
                        self.dropped();
                        None
                    }
                    _ => None,
                }
            }
            Err(tungstenite::Error::Io(error))
                if matches!(
                    error.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                if self.last_heard.elapsed() >= options.silence_timeout() {
                    self.dropped();
                } else if !self.pinged {
                    self.pinged = true;
                    if socket.send(Message::Ping(Vec::new().into())).is_err() {
                        self.dropped();
                    }
                }
                None
            }
            Err(tungstenite::Error::Capacity(_)) => {
                self.dropped();
                Some(WatchError::FrameTooLarge {
                    limit: options.max_frame_size(),
                })
            }
            Err(source) => {
                self.watch.recovered_from(WatchError::connection(source));
                self.dropped();
                None
            }
        }
    }
}

impl Iterator for Watcher {
    type Item = Result<PipelineEvent, WatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        loop {
            match self.watch.step() {
                WatchStep::Event(event) => return Some(Ok(event)),
                WatchStep::End(end) => {
                    self.close();
                    self.ended = true;
                    return Some(Err(WatchError::Refused(end)));
                }
                WatchStep::Connect(connect) => {
                    // Failures are retried by the policy; a refusal ends at the next step.
                    // A proxy's refusal is reported too: it needs the user's attention.
                    match self.connect(&connect) {
                        Some(error @ WatchError::Proxy { .. }) => return Some(Err(error)),
                        Some(error) => self.watch.recovered_from(error),
                        None => {}
                    }
                }
                WatchStep::Wait(wait) => {
                    self.close();
                    std::thread::sleep(wait);
                    // A new login on the client since: reconnect with its cookie.
                    self.watch.follow_session(&self.client.session());
                }
                WatchStep::FetchInbox(request) => match self.client.execute(request) {
                    Ok(reply) => {
                        let result =
                            self.watch
                                .catch_up_reply(&reply, Instant::now(), random_u64());
                        if let Err(error) = result {
                            self.watch.recovered_from(WatchError::Core(error));
                        }
                    }
                    Err(source) => {
                        self.watch.recovered_from(WatchError::CatchUp { source });
                        self.dropped();
                    }
                },
                WatchStep::Read => {
                    if let Some(error) = self.read() {
                        return Some(Err(error));
                    }
                }
            }
        }
    }
}
