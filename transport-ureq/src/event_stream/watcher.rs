//! The blocking watcher: does what the core's watch asks, over tungstenite.

use std::future::{Future, ready};
use std::time::Instant;

use tungstenite::Message;
use vrchat_invite_core::Session;
use vrchat_invite_core::pipeline::{Handshake, Happened, PipelineEvent, WatchError, WatchIo};

use super::stream::{Socket, open};
use crate::Client;
use crate::random::random_u64;

vrchat_invite_core::watcher_type! {
    /// A blocking watch of VRChat's pipeline: an [`Iterator`] of events, each notification
    /// once and in order across reconnects, ending (`None`) after [`WatchError::Refused`].
    ///
    /// Each `next` blocks the calling thread on tungstenite's socket until the core's
    /// [`Watch`](vrchat_invite_core::pipeline::Watch) has an event, a deadline at a time
    /// (what it decides and what this does: [`WatchIo`]). It goes through the proxy the
    /// client's rules pick for the pipeline.
    ///
    /// ```no_run
    /// use std::path::Path;
    /// use vrchat_invite_ureq::{Client, PipelineOptions, WatchPlan, Watcher};
    /// use vrchat_invite_ureq::pipeline::{PipelineEvent, WatchState};
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
    client: Client,
    seed: random_u64(),
}

impl Iterator for Watcher {
    type Item = Result<PipelineEvent, WatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.watch.next_blocking(&mut self.io)
    }
}

/// The blocking I/O: each call does its part before it returns.
#[derive(Debug)]
struct Io {
    client: Client,
    socket: Option<Socket>,
}

impl WatchIo for Io {
    fn connect(&mut self, handshake: Handshake) -> impl Future<Output = Happened> + Send {
        ready(match open(handshake) {
            Ok(socket) => {
                self.socket = Some(socket);
                Happened::Connected
            }
            Err(failure) => Happened::ConnectFailed(failure),
        })
    }

    fn fetch(&mut self, request: http::Request<Vec<u8>>) -> impl Future<Output = Happened> + Send {
        let reply = self.client.execute(request);
        ready(reply.map_or_else(Happened::InboxFailed, Happened::InboxReply))
    }

    fn read(&mut self, until: Instant) -> impl Future<Output = Happened> + Send {
        ready(match self.socket_by(until) {
            Some(socket) => Happened::from_frame(socket.read()),
            None => Happened::Closed(None),
        })
    }

    fn write(&mut self, ping: bool, until: Instant) -> impl Future<Output = Happened> + Send {
        ready(match self.socket_by(until) {
            Some(socket) if ping => {
                Happened::from_write(socket.send(Message::Ping(Vec::new().into())))
            }
            Some(socket) => Happened::from_write(socket.flush()),
            None => Happened::Closed(None),
        })
    }

    fn sleep(&mut self, until: Instant) -> impl Future<Output = ()> + Send {
        std::thread::sleep(until.saturating_duration_since(Instant::now()));
        ready(())
    }

    fn close(&mut self) {
        self.socket = None;
    }

    fn session(&self) -> Session {
        self.client.session()
    }

    fn now(&self) -> Instant {
        Instant::now()
    }
}

impl Io {
    /// The open socket, with every read and write from now on ending by `until`.
    fn socket_by(&mut self, until: Instant) -> Option<&mut Socket> {
        let socket = self.socket.as_mut()?;
        socket.get_mut().set_deadline(until);
        Some(socket)
    }
}
