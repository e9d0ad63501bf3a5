//! VRChat's event stream (the "pipeline" websocket), without I/O: the connect request, the
//! frame decoder, the reconnect policy, gapless delivery across reconnects, and the watch
//! state machine that ties them together for a transport.
//!
//! An app follows the stream with a transport's `Watcher`, built from a [`WatchPlan`]
//! (options, where to start, a saved [`Checkpoint`]) and read as typed [`PipelineEvent`]s;
//! a transport of your own drives [`Watch`] through [`WatchIo`]. Single frames decode
//! without either:
//!
//! ```
//! use vrchat_invite_core::pipeline::{PipelineEvent, decode_frame};
//!
//! let frame = r#"{"type":"notification","content":"{\"id\":\"not_1\",\"type\":\"invite\",\"senderUserId\":\"usr_a\",\"details\":{}}"}"#;
//! let Ok(PipelineEvent::Notification(invite)) = decode_frame(frame) else {
//!     panic!("a notification frame")
//! };
//! assert_eq!(invite.sender_user_id.as_str(), "usr_a");
//! ```

mod base;
mod checkpoint;
mod connect;
mod dial;
mod event;
mod frame;
mod frame_pass;
mod frame_shape;
mod gapless;
mod handshake_reply;
mod happened;
mod head_reader;
mod jitter;
mod options;
mod progress;
mod raw_json;
mod reconnect;
mod seen;
mod seen_key;
mod socket_notification;
mod state_file;
mod status;
mod token;
mod trace;
#[cfg(feature = "tungstenite")]
mod tungstenite_socket;
mod watch;
mod watch_error;
mod watch_io;
mod watch_plan;
mod watch_step;
mod watcher_type;

pub use base::PipelineBase;
pub use checkpoint::Checkpoint;
pub use connect::PipelineConnect;
pub use dial::Dial;
pub use event::{
    FriendLocation, NotificationV2, NotificationV2Delete, NotificationV2Update, PipelineEvent,
    ResponseNotification,
};
pub use frame::{FrameError, decode_frame};
pub use gapless::{CatchUpRequest, Gapless, RESUME_MAX_PAGES};
pub use handshake_reply::{HandshakeReader, HandshakeReplyError, MAX_HANDSHAKE_REPLY_HEAD};
pub use happened::{ConnectFailure, Happened};
pub use head_reader::HeadReader;
pub use options::{PipelineOptions, SOCKET_READ_BUFFER, SOCKET_WRITE_BUFFER_LIMIT};
pub use progress::Progress;
pub use raw_json::RawJson;
pub use reconnect::{Reconnect, ReconnectDecision, ReconnectPolicy};
pub use state_file::{StateFileError, WatchState};
pub use status::{ConnectionStatus, DropReason};
pub(crate) use token::PipelineToken;
pub use watch::{WAIT_HISTORY, Waiting, Watch};
pub use watch_error::WatchError;
pub use watch_io::WatchIo;
pub use watch_plan::WatchPlan;
pub use watch_step::{Handshake, WatchEnd, WatchStep};
