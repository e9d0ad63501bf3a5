//! The async watcher: does what the core's [`Watch`] asks, over tokio-tungstenite.

use std::time::Instant;

use futures_core::Stream;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use vrchat_invite_core::{
    Handshake, Happened, PipelineEvent, SOCKET_READ_BUFFER, SOCKET_WRITE_BUFFER_LIMIT, Watch,
    WatchError, WatchPlan, WatchStep,
};

use super::stream::{Socket, open};
use crate::Client;
use crate::random::random_u64;

/// An async watch of VRChat's pipeline: call [`Watcher::next_event`], or turn it into a
/// [`Stream`] with [`Watcher::into_stream`].
///
/// The core's [`Watch`] decides everything (when to connect, catch up, ping, give up on a
/// silent or stalled connection, reconnect, and every deadline); this only opens the
/// socket, reads and writes by those deadlines, and sends the catch-up requests with the
/// client. Each notification is yielded exactly once, in order, across reconnects. It
/// ends (`None`) after [`WatchError::Refused`].
///
/// It connects through the proxy the client's rules pick for the pipeline's URL, in a
/// `CONNECT` tunnel; a proxy's refusal is yielded as [`WatchError::Proxy`] and retried
/// after the policy's wait.
///
/// ```no_run
/// use futures_util::StreamExt;
/// use vrchat_invite_hyper::{Client, PipelineEvent, PipelineOptions, Watcher};
/// # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
/// let watcher = Watcher::new(client, PipelineOptions::default())?;
/// // The progress handle works beside the stream that owns the watcher.
/// let progress = watcher.watch().progress();
/// let mut events = std::pin::pin!(watcher.into_stream());
/// while let Some(event) = events.next().await {
///     match event {
///         Ok(event) => {
///             if let PipelineEvent::Notification(n) = &event {
///                 println!("{} from {}", n.kind, n.sender_user_id);
///             }
///             progress.done(&event); // then save progress.checkpoint() (see WatchState)
///         }
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
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("watch", &self.watch)
            .finish_non_exhaustive()
    }
}

/// What one socket operation is.
enum Op {
    Read,
    Ping,
    Flush,
}

impl Watcher {
    /// A watch as `client`'s session user, as `plan` says (or options alone: start from
    /// the inbox at the first connect). The client also sends the catch-up requests, and
    /// stays usable through [`Watcher::client`]. Nothing is connected before the first
    /// [`Watcher::next_event`].
    ///
    /// # Errors
    /// [`WatchError::Core`] when the session is not logged in.
    pub fn new(client: Client, plan: impl Into<WatchPlan>) -> Result<Self, WatchError> {
        let watch = plan.into().start(&client.session(), random_u64())?;
        Ok(Self {
            client,
            watch,
            socket: None,
        })
    }

    /// The client, to answer events with (an invite for an invite request, ...).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The watch: say [`Watch::done`] with each event finished and save
    /// [`Watch::checkpoint`]; whether it is connected, what it waits for, its reconnect
    /// waits and the last failure it recovered from.
    pub fn watch(&self) -> &Watch {
        &self.watch
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
        loop {
            let happened = match self.watch.step(Instant::now()) {
                WatchStep::Deliver(event) => return Some(Ok(event)),
                WatchStep::Report(error) => return Some(Err(error)),
                WatchStep::Finished => return None,
                WatchStep::End(end) => {
                    self.socket = None;
                    return Some(Err(WatchError::Refused(end)));
                }
                WatchStep::Close => {
                    self.socket = None;
                    continue;
                }
                WatchStep::Connect(handshake) => self.connect(handshake).await,
                WatchStep::FetchInbox(request) => {
                    let reply = self.client.execute(request).await;
                    reply.map_or_else(Happened::InboxFailed, Happened::InboxReply)
                }
                WatchStep::Read { until } => self.on_socket(Op::Read, until).await,
                WatchStep::Ping { until } => self.on_socket(Op::Ping, until).await,
                WatchStep::Flush { until } => self.on_socket(Op::Flush, until).await,
                WatchStep::Sleep { until } => {
                    tokio::time::sleep_until(until.into()).await;
                    // A new login on the client since: reconnect with its cookie.
                    self.watch.follow_session(&self.client.session());
                    Happened::TimePassed
                }
            };
            if let Err(error) = self.watch.handle(happened, Instant::now()) {
                return Some(Err(error));
            }
        }
    }

    async fn connect(&mut self, handshake: Handshake) -> Happened {
        let frame_limit = Some(self.watch.options().max_frame_size());
        let mut config = WebSocketConfig::default();
        config.read_buffer_size = SOCKET_READ_BUFFER;
        config.write_buffer_size = 0;
        config.max_write_buffer_size = SOCKET_WRITE_BUFFER_LIMIT;
        config.max_frame_size = frame_limit;
        config.max_message_size = frame_limit;
        let proxy = self.client.proxy_rules().select(handshake.request().uri());
        match open(handshake, proxy, config).await {
            Ok(socket) => {
                self.socket = Some(socket);
                Happened::Connected
            }
            Err(failure) => Happened::ConnectFailed(failure),
        }
    }

    /// Runs one socket operation by `until`.
    async fn on_socket(&mut self, op: Op, until: Instant) -> Happened {
        let Some(socket) = self.socket.as_mut() else {
            return Happened::Closed(None);
        };
        let until = tokio::time::Instant::from_std(until);
        let written = |sent: Result<(), WsError>| Some(sent.map(|()| None));
        let outcome = match op {
            Op::Read => tokio::time::timeout_at(until, socket.next())
                .await
                .map(|read| read.map(|message| message.map(Some))),
            Op::Ping => {
                let ping = socket.send(Message::Ping(Vec::new().into()));
                tokio::time::timeout_at(until, ping).await.map(written)
            }
            Op::Flush => tokio::time::timeout_at(until, socket.flush())
                .await
                .map(written),
        };
        let Ok(Some(done)) = outcome else {
            return outcome.map_or(Happened::TimePassed, |_| Happened::Closed(None));
        };
        match done {
            Ok(None) => Happened::Written,
            Ok(Some(Message::Text(text))) => Happened::Text(text.as_str().to_owned()),
            Ok(Some(Message::Ping(_))) => Happened::Pinged,
            Ok(Some(Message::Pong(_))) => Happened::Pong,
            Ok(Some(Message::Close(_))) => Happened::Closed(None),
            Ok(Some(_)) => Happened::OtherFrame,
            Err(WsError::Capacity(_)) => Happened::FrameTooLarge,
            Err(error) => Happened::Closed(Some(error.into())),
        }
    }
}
