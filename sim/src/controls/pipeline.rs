//! The pipeline's test controls on [`Simulator`].

use serde_json::Value;
use vrchat_invite_core::UserId;
use vrchat_invite_core::auth::AuthCookie;

use crate::Simulator;
use crate::pipeline::{PIPELINE_PATH, encoded_frame, friend_location_frame};
use crate::state::State;

impl Simulator {
    /// The pipeline's base URL, for `PipelineBase`: `ws://127.0.0.1:PORT/pipeline`.
    ///
    /// Every notification the inbox gets is pushed to its receiver's open sockets as
    /// `{"type":"notification","content":"<JSON-encoded>"}`; an answer pushes
    /// `response-notification` to the one who answered (not yet verified against VRChat; see
    /// the crate docs); marking seen, hiding and clearing
    /// push `see-notification`, `hide-notification` and `clear-notification`.
    pub fn pipeline_base(&self) -> String {
        format!("ws://{}{PIPELINE_PATH}", self.addr())
    }

    /// Closes every open pipeline socket (clients see the server drop them). Events for a
    /// user without an open socket are lost, as on VRChat: only the inbox keeps them.
    pub fn drop_pipeline_sockets(&self) {
        self.state().pipeline.drop_all();
    }

    /// Makes every open pipeline socket go silent without closing it: no more frames, and
    /// pings go unanswered, as a half-dead connection does. Clients notice only by their
    /// silence timeout.
    pub fn stall_pipeline_sockets(&self) {
        self.state().pipeline.stall_all();
    }

    /// Makes every open pipeline socket quietly dead: it stays open and answers pings, but
    /// no event reaches it any more (as VRChat's edge sometimes does). Only a catch-up from
    /// the inbox finds what was missed.
    pub fn mute_pipeline_sockets(&self) {
        self.state().pipeline.mute_all();
    }

    /// Refuses `token` at the pipeline from now on (401 at the handshake) and closes its
    /// open sockets; the REST session stays valid.
    pub fn refuse_pipeline_token(&self, token: &AuthCookie) {
        self.state().pipeline.refuse(token.expose().to_owned());
    }

    /// Pauses the pipeline: new handshakes wait, and events are held until
    /// [`Simulator::resume_pipeline`].
    pub fn pause_pipeline(&self) {
        self.state().pipeline.set_paused(true);
    }

    /// Resumes the pipeline: waiting handshakes complete, held events go to the sockets
    /// open then, in order.
    pub fn resume_pipeline(&self) {
        self.state().pipeline.set_paused(false);
    }

    /// Moves `friend` to `location` (`wrld_…:…`, `private`, `offline`): each of their
    /// friends' sockets gets a `friend-location` event.
    pub fn move_friend(&self, friend: &UserId, location: &str) {
        move_friend(&mut self.state(), friend, location);
    }

    /// Pushes an event of any `kind` to `user`'s sockets, its content JSON-encoded in a
    /// string as VRChat does.
    pub fn push_pipeline_event(&self, user: &UserId, kind: &str, content: &Value) {
        self.state()
            .pipeline
            .push(user, encoded_frame(kind, content));
    }

    /// Pushes a text frame verbatim to `user`'s sockets (malformed or oversize frames).
    pub fn push_pipeline_text(&self, user: &UserId, text: impl Into<String>) {
        self.state().pipeline.push(user, text.into());
    }

    /// How many pipeline sockets `user` has open now.
    pub fn open_pipeline_sockets(&self, user: &UserId) -> usize {
        self.state().pipeline.open_count(user)
    }

    /// How many pipeline handshakes were accepted so far.
    pub fn pipeline_connections(&self) -> u64 {
        self.state().pipeline.connections()
    }

    /// How many frames were handed to pipeline sockets so far.
    pub fn pipeline_frames_sent(&self) -> u64 {
        self.state().pipeline.frames_sent()
    }
}

/// Pushes `friend-location` for `friend` at `location` to each of their friends' sockets.
pub(crate) fn move_friend(state: &mut State, friend: &UserId, location: &str) {
    let name = state
        .user(friend)
        .map(|user| user.display_name.clone())
        .unwrap_or_default();
    let frame = friend_location_frame(friend, &name, location, true);
    for watcher in state.friends_of(friend) {
        state.pipeline.push(&watcher, frame.clone());
    }
}
