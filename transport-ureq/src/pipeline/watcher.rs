//! The blocking watcher: does what the core's [`Watch`] asks, over tungstenite.

use std::io;
use std::time::Instant;

use tungstenite::Message;
use tungstenite::protocol::WebSocketConfig;
use vrchat_invite_core::{
    Happened, PipelineEvent, SOCKET_READ_BUFFER, SOCKET_WRITE_BUFFER_LIMIT, Watch, WatchError,
    WatchPlan, WatchStep,
};

use super::stream::{Socket, open};
use crate::Client;
use crate::random::random_u64;

/// A blocking watch of VRChat's pipeline: an [`Iterator`] of events.
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
/// use std::path::Path;
/// use vrchat_invite_ureq::{Client, PipelineEvent, PipelineOptions, Watcher, WatchPlan, WatchState};
/// # fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
/// // Resume where the last run stopped (a file per account; see `WatchState`).
/// let (path, me) = (Path::new("bob.watch.json"), client.session().user_id().cloned().unwrap());
/// let api = client.session().base_url().clone();
/// let mut plan = WatchPlan::new(PipelineOptions::default());
/// if let Some(checkpoint) = WatchState::load(path, &me, &api)? {
///     plan = plan.resume_from(checkpoint);
/// }
/// let mut watcher = Watcher::new(client, plan)?;
/// while let Some(item) = watcher.next() {
///     match item {
///         Ok(event) => {
///             if let PipelineEvent::Notification(n) = &event {
///                 println!("{} from {}", n.kind, n.sender_user_id);
///             }
///             // Finished with it: the checkpoint may move past it; save it.
///             watcher.watch().done(&event);
///             WatchState::new(me.clone(), &api, watcher.watch().checkpoint()).save(path)?;
///         }
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
    socket: Option<Socket>,
}

impl Watcher {
    /// A watch as `client`'s session user, as `plan` says (or options alone: start from
    /// the inbox at the first connect). The client also sends the catch-up requests, and
    /// stays usable through [`Watcher::client`]. Nothing is connected before the first
    /// [`Iterator::next`].
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

    fn connect(&mut self, handshake: vrchat_invite_core::Handshake) -> Happened {
        let options = self.watch.options();
        let config = WebSocketConfig::default()
            .read_buffer_size(SOCKET_READ_BUFFER)
            .write_buffer_size(0)
            .max_write_buffer_size(SOCKET_WRITE_BUFFER_LIMIT)
            .max_frame_size(Some(options.max_frame_size()))
            .max_message_size(Some(options.max_frame_size()));
        let proxy = self.client.proxy_rules().select(handshake.request().uri());
        match open(handshake, proxy, config) {
            Ok(socket) => {
                self.socket = Some(socket);
                Happened::Connected
            }
            Err(failure) => Happened::ConnectFailed(failure),
        }
    }

    /// Runs one socket operation by `until`: reading (`None`) or writing `message`.
    fn on_socket(&mut self, message: Option<Option<Message>>, until: Instant) -> Happened {
        let Some(socket) = self.socket.as_mut() else {
            return Happened::Closed(None);
        };
        socket.get_mut().set_deadline(until);
        let result = match message {
            None => socket.read().map(Some),
            Some(Some(message)) => socket.send(message).map(|()| None),
            Some(None) => socket.flush().map(|()| None),
        };
        match result {
            Ok(None) => Happened::Written,
            Ok(Some(Message::Text(text))) => Happened::Text(text.as_str().to_owned()),
            Ok(Some(Message::Ping(_))) => Happened::Pinged,
            Ok(Some(Message::Pong(_))) => Happened::Pong,
            Ok(Some(Message::Close(_))) => Happened::Closed(None),
            Ok(Some(_)) => Happened::OtherFrame,
            Err(tungstenite::Error::Io(error))
                if matches!(
                    error.kind(),
                    io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
                ) =>
            {
                Happened::TimePassed
            }
            Err(tungstenite::Error::Capacity(_)) => Happened::FrameTooLarge,
            Err(error) => Happened::Closed(Some(error.into())),
        }
    }
}

impl Iterator for Watcher {
    type Item = Result<PipelineEvent, WatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let happened = match self.watch.step(Instant::now()) {
                WatchStep::Deliver(event) => return Some(Ok(event)),
                WatchStep::Report(error) => return Some(Err(error)),
                WatchStep::End(end) => {
                    self.socket = None;
                    return Some(Err(WatchError::Refused(end)));
                }
                WatchStep::Finished => return None,
                WatchStep::Close => {
                    self.socket = None;
                    continue;
                }
                WatchStep::Connect(handshake) => self.connect(handshake),
                WatchStep::FetchInbox(request) => match self.client.execute(request) {
                    Ok(reply) => Happened::InboxReply(reply),
                    Err(error) => Happened::InboxFailed(error),
                },
                WatchStep::Read { until } => self.on_socket(None, until),
                WatchStep::Ping { until } => {
                    self.on_socket(Some(Some(Message::Ping(Vec::new().into()))), until)
                }
                WatchStep::Flush { until } => self.on_socket(Some(None), until),
                WatchStep::Sleep { until } => {
                    std::thread::sleep(until.saturating_duration_since(Instant::now()));
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
}
