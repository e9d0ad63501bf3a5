//! Who has a socket open, and what to push to it.

use std::collections::HashSet;

use tokio::sync::{mpsc, watch};
use vrchat_invite_core::{NotificationId, UserId};

use super::frames::{clear_frame, id_frame, notification_frame, response_frame};
use crate::state::StoredNotification;

/// What a socket's task is told to do.
#[derive(Debug)]
pub(crate) enum Command {
    /// Send this text frame.
    Text(String),
    /// Close the socket.
    Close,
    /// Go silent: read nothing (so pings go unanswered) and send nothing, holding the
    /// connection open for a while.
    Stall,
    /// Go quietly dead: keep answering pings, but send no event any more.
    Mute,
}

#[derive(Debug)]
struct OpenSocket {
    id: u64,
    user: UserId,
    token: String,
    commands: mpsc::UnboundedSender<Command>,
}

/// The open sockets and the test controls.
#[derive(Debug)]
pub(crate) struct PipelineHub {
    sockets: Vec<OpenSocket>,
    next_id: u64,
    refused: HashSet<String>,
    paused: watch::Sender<bool>,
    held: Vec<(UserId, String)>,
    connections: u64,
    frames_sent: u64,
}

impl Default for PipelineHub {
    fn default() -> Self {
        Self {
            sockets: Vec::new(),
            next_id: 1,
            refused: HashSet::new(),
            paused: watch::Sender::new(false),
            held: Vec::new(),
            connections: 0,
            frames_sent: 0,
        }
    }
}

impl PipelineHub {
    /// A socket opened by `user` with `token`; its task reads its commands from the receiver.
    pub(crate) fn register(
        &mut self,
        user: UserId,
        token: String,
    ) -> (u64, mpsc::UnboundedReceiver<Command>) {
        let (commands, receiver) = mpsc::unbounded_channel();
        let id = self.next_id;
        self.next_id += 1;
        self.connections += 1;
        self.sockets.push(OpenSocket {
            id,
            user,
            token,
            commands,
        });
        (id, receiver)
    }

    /// The socket closed.
    pub(crate) fn unregister(&mut self, id: u64) {
        self.sockets.retain(|socket| socket.id != id);
    }

    /// Pushes a text frame to every open socket of `user` (held while paused).
    pub(crate) fn push(&mut self, user: &UserId, text: String) {
        if *self.paused.borrow() {
            self.held.push((user.clone(), text));
            return;
        }
        for socket in self.sockets.iter().filter(|socket| &socket.user == user) {
            if socket.commands.send(Command::Text(text.clone())).is_ok() {
                self.frames_sent += 1;
            }
        }
    }

    /// A new notification in its receiver's inbox.
    pub(crate) fn notification(&mut self, notification: &StoredNotification) {
        self.push(&notification.receiver, notification_frame(notification));
    }

    /// `receiver` answered `answered` with `response`: their own sockets hear of it (a
    /// reading not yet verified against VRChat; see the crate docs).
    pub(crate) fn responded(
        &mut self,
        receiver: &UserId,
        answered: &NotificationId,
        response: &NotificationId,
    ) {
        self.push(receiver, response_frame(answered, receiver, response));
    }

    /// `user` marked a notification seen.
    pub(crate) fn seen(&mut self, user: &UserId, id: &NotificationId) {
        self.push(user, id_frame("see-notification", id));
    }

    /// `user` hid a notification.
    pub(crate) fn hidden(&mut self, user: &UserId, id: &NotificationId) {
        self.push(user, id_frame("hide-notification", id));
    }

    /// `user` cleared their notifications.
    pub(crate) fn cleared(&mut self, user: &UserId) {
        self.push(user, clear_frame());
    }

    /// Closes every open socket.
    pub(crate) fn drop_all(&mut self) {
        for socket in self.sockets.drain(..) {
            let _ = socket.commands.send(Command::Close);
        }
    }

    /// Makes every open socket quietly dead; they no longer count as open.
    pub(crate) fn mute_all(&mut self) {
        for socket in self.sockets.drain(..) {
            let _ = socket.commands.send(Command::Mute);
        }
    }

    /// Makes every open socket go silent; they no longer count as open.
    pub(crate) fn stall_all(&mut self) {
        for socket in self.sockets.drain(..) {
            let _ = socket.commands.send(Command::Stall);
        }
    }

    /// From now on `token` is refused at the handshake; its open sockets close.
    pub(crate) fn refuse(&mut self, token: String) {
        for socket in self.sockets.iter().filter(|socket| socket.token == token) {
            let _ = socket.commands.send(Command::Close);
        }
        self.sockets.retain(|socket| socket.token != token);
        self.refused.insert(token);
    }

    pub(crate) fn is_refused(&self, token: &str) -> bool {
        self.refused.contains(token)
    }

    /// Pauses delivery (new handshakes wait, frames are held) or resumes it (held frames
    /// go to the sockets open then, in order).
    pub(crate) fn set_paused(&mut self, paused: bool) {
        self.paused.send_replace(paused);
        if !paused {
            for (user, text) in std::mem::take(&mut self.held) {
                self.push(&user, text);
            }
        }
    }

    /// Watches the pause flag.
    pub(crate) fn pause_flag(&self) -> watch::Receiver<bool> {
        self.paused.subscribe()
    }

    /// Sockets of `user` open now.
    pub(crate) fn open_count(&self, user: &UserId) -> usize {
        self.sockets.iter().filter(|s| &s.user == user).count()
    }

    /// Handshakes accepted so far.
    pub(crate) fn connections(&self) -> u64 {
        self.connections
    }

    /// Frames handed to sockets so far.
    pub(crate) fn frames_sent(&self) -> u64 {
        self.frames_sent
    }
}
