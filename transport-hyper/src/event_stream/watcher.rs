//! The async watcher: does what the core's watch asks, over tokio-tungstenite.

use std::future::Future;
use std::time::Instant;

use futures_core::Stream;
use futures_util::{SinkExt, StreamExt};
use tokio::time::{Instant as TokioInstant, timeout_at};
use tokio_tungstenite::tungstenite::Message;
use vrchat_invite_core::Session;
use vrchat_invite_core::pipeline::{Handshake, Happened, PipelineEvent, WatchError, WatchIo};

use super::stream::{Socket, open};
use crate::Client;
use crate::random::random_u64;

vrchat_invite_core::watcher_type! {
    /// An async watch of VRChat's pipeline: call [`Watcher::next_event`], or turn it into a
    /// [`Stream`] with [`Watcher::into_stream`].
    ///
    /// Events come on tokio's timers and sockets, as the core's
    /// [`Watch`](vrchat_invite_core::pipeline::Watch) decides them (what it decides and
    /// what this does: [`WatchIo`]): each notification once and in order across
    /// reconnects, through the proxy the client's rules pick, until [`WatchError::Refused`].
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use vrchat_invite_hyper::{Client, PipelineOptions, Watcher};
    /// use vrchat_invite_hyper::pipeline::PipelineEvent;
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
    client: Client,
    seed: random_u64(),
}

impl Watcher {
    /// The next event or error; `None` once the watch has ended.
    pub async fn next_event(&mut self) -> Option<Result<PipelineEvent, WatchError>> {
        self.watch.next_event(&mut self.io).await
    }

    /// The events as a [`Stream`].
    pub fn into_stream(self) -> impl Stream<Item = Result<PipelineEvent, WatchError>> + Send {
        futures_util::stream::unfold(self, |mut watcher| async move {
            let item = watcher.next_event().await?;
            Some((item, watcher))
        })
    }
}

/// The async I/O, each part bounded by its deadline on tokio's clock.
#[derive(Debug)]
struct Io {
    client: Client,
    socket: Option<Socket>,
}

impl WatchIo for Io {
    async fn connect(&mut self, handshake: Handshake) -> Happened {
        match open(handshake).await {
            Ok(socket) => {
                self.socket = Some(socket);
                Happened::Connected
            }
            Err(failure) => Happened::ConnectFailed(failure),
        }
    }

    async fn fetch(&mut self, request: http::Request<Vec<u8>>) -> Happened {
        let reply = self.client.execute(request).await;
        reply.map_or_else(Happened::InboxFailed, Happened::InboxReply)
    }

    async fn read(&mut self, until: Instant) -> Happened {
        let Some(socket) = self.socket.as_mut() else {
            return Happened::Closed(None);
        };
        match timeout_at(TokioInstant::from_std(until), socket.next()).await {
            Err(_) => Happened::TimePassed,
            Ok(None) => Happened::Closed(None),
            Ok(Some(frame)) => Happened::from_frame(frame),
        }
    }

    async fn write(&mut self, ping: bool, until: Instant) -> Happened {
        let Some(socket) = self.socket.as_mut() else {
            return Happened::Closed(None);
        };
        let written = async {
            if ping {
                socket.send(Message::Ping(Vec::new().into())).await
            } else {
                socket.flush().await
            }
        };
        match timeout_at(TokioInstant::from_std(until), written).await {
            Err(_) => Happened::TimePassed,
            Ok(written) => Happened::from_write(written),
        }
    }

    fn sleep(&mut self, until: Instant) -> impl Future<Output = ()> + Send {
        tokio::time::sleep_until(TokioInstant::from_std(until))
    }

    fn now(&self) -> Instant {
        Instant::now()
    }

    fn session(&self) -> Session {
        self.client.session()
    }

    fn close(&mut self) {
        self.socket = None;
    }
}
