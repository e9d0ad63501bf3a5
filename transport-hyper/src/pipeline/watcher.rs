//! The async watcher: runs the core's [`Watch`] over tokio-tungstenite.

use std::time::{Duration, Instant};

use futures_core::Stream;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use vrchat_invite_core::{
    ConnectFailure, PipelineBase, PipelineConnect, PipelineEvent, PipelineOptions, Timestamp,
    Watch, WatchStep,
};

use super::stream::{OpenError, Socket, open};
use crate::Client;
use crate::random::{random_key, random_u64};
use vrchat_invite_core::WatchError;

/// An async watch of VRChat's pipeline: call [`Watcher::next_event`], or turn it into a
/// [`Stream`] with [`Watcher::into_stream`].
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
/// use futures_util::StreamExt;
/// use vrchat_invite_hyper::{PipelineEvent, PipelineOptions};
/// use vrchat_invite_hyper::{Client, Watcher};
/// # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
/// let events = Watcher::new(client, PipelineOptions::default(), None)?.into_stream();
/// let mut events = std::pin::pin!(events);
/// while let Some(event) = events.next().await {
///     match event {
///         Ok(PipelineEvent::Notification(n)) => println!("{} from {}", n.kind, n.sender_user_id),
///         Ok(other) => println!("{}", other.kind()),
///         Err(error) => eprintln!("{error}"),
///     }
/// }
/// # Ok(())
/// # }
/// ```
pub struct Watcher {
    client: Client,
    watch: Watch,
    socket: Option<Socket>,
    last_heard: Instant,
    pinged: bool,
    ended: bool,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("watch", &self.watch)
            .field("connected", &self.socket.is_some())
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

impl Watcher {
    /// A watch as `client`'s session user; `since` as in [`Watch::new`]. Nothing is
    /// connected before the first [`Watcher::next_event`].
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

    /// The events as a [`Stream`].
    pub fn into_stream(self) -> impl Stream<Item = Result<PipelineEvent, WatchError>> + Send {
        futures_util::stream::unfold(self, |mut watcher| async move {
            let item = watcher.next_event().await?;
            Some((item, watcher))
        })
    }

    /// The next event or error; `None` once the watch has ended.
    pub async fn next_event(&mut self) -> Option<Result<PipelineEvent, WatchError>> {
        if self.ended {
            return None;
        }
        loop {
            match self.watch.step() {
                WatchStep::Event(event) => return Some(Ok(event)),
                WatchStep::End(end) => {
                    self.close().await;
                    self.ended = true;
                    return Some(Err(WatchError::Refused(end)));
                }
                WatchStep::Connect(connect) => {
                    // A proxy's refusal is reported: it needs the user's attention. The
                    // policy retries every connect failure.
                    if let Some(error) = self.connect(&connect).await {
                        return Some(Err(error));
                    }
                }
                WatchStep::Wait(wait) => {
                    self.close().await;
                    tokio::time::sleep(wait).await;
                    // A new login on the client since: reconnect with its cookie.
                    self.watch.follow_session(&self.client.session());
                }
                WatchStep::FetchInbox(request) => match self.client.execute(request).await {
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
                        self.dropped().await;
                    }
                },
                WatchStep::Read => {
                    if let Some(error) = self.read().await {
                        return Some(Err(error));
                    }
                }
            }
        }
    }

    async fn close(&mut self) {
        if let Some(mut socket) = self.socket.take() {
            let _ = tokio::time::timeout(Duration::from_secs(1), socket.close(None)).await;
        }
    }

    async fn dropped(&mut self) {
        self.close().await;
        self.watch.dropped(Instant::now(), random_u64());
    }

    /// Opens the socket; `Some` for a failure to report at once (a proxy's refusal).
    async fn connect(&mut self, connect: &PipelineConnect) -> Option<WatchError> {
        self.close().await;
        let options = *self.watch.options();
        let Ok(request) = connect.request(random_key()) else {
            self.watch
                .connect_failed(ConnectFailure::Other, random_u64());
            return None;
        };
        let config = WebSocketConfig::default()
            .max_frame_size(Some(options.max_frame_size()))
            .max_message_size(Some(options.max_frame_size()));
        let proxy = self.client.proxy_rules().select(request.uri()).cloned();
        match open(request, proxy.as_ref(), options.connect_timeout(), config).await {
            Ok(socket) => {
                self.socket = Some(socket);
                self.last_heard = Instant::now();
                self.pinged = false;
                self.watch.connected(Instant::now());
            }
            Err(OpenError::Status(status, source)) => {
                self.watch.recovered_from(WatchError::connection(source));
                self.watch
                    .connect_failed(ConnectFailure::from_status(status), random_u64());
            }
            Err(OpenError::Proxy(source)) => {
                self.watch
                    .connect_failed(ConnectFailure::Other, random_u64());
                return Some(WatchError::Proxy { source });
            }
            Err(OpenError::Other(source)) => {
                self.watch.recovered_from(WatchError::connection(source));
                self.watch
                    .connect_failed(ConnectFailure::Other, random_u64());
            }
        }
        None
    }

    /// Reads one frame (or waits out one ping interval); `Some` when there is something to
    /// report.
    async fn read(&mut self) -> Option<WatchError> {
        let options = *self.watch.options();
        let Some(socket) = self.socket.as_mut() else {
            self.watch.dropped(Instant::now(), random_u64());
            return None;
        };
        match tokio::time::timeout(options.ping_interval(), socket.next()).await {
            Ok(Some(Ok(message))) => {
                self.last_heard = Instant::now();
                self.pinged = false;
                // A pong to a ping is queued by the read; send it now.
                let _ = socket.flush().await;
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
                        self.dropped().await;
                        None
                    }
                    _ => None,
                }
            }
            Ok(Some(Err(tungstenite::Error::Capacity(_)))) => {
                self.dropped().await;
                Some(WatchError::FrameTooLarge {
                    limit: options.max_frame_size(),
                })
            }
            Ok(Some(Err(source))) => {
                self.watch.recovered_from(WatchError::connection(source));
                self.dropped().await;
                None
            }
            Ok(None) => {
                self.dropped().await;
                None
            }
            Err(_) => {
                if self.last_heard.elapsed() >= options.silence_timeout() {
                    self.dropped().await;
                } else if !self.pinged {
                    self.pinged = true;
                    if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                        self.dropped().await;
                    }
                }
                None
            }
        }
    }
}
