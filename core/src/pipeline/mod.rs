//! VRChat's event stream (the "pipeline" websocket), without I/O: the connect request, the
//! frame decoder, the reconnect policy, gapless delivery across reconnects, and the watch
//! state machine that ties them together for a transport.

mod base;
mod checkpoint;
mod connect;
mod dial;
mod event;
mod frame;
mod frame_pass;
mod gapless;
mod handshake_reply;
mod happened;
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
mod watch;
mod watch_error;
mod watch_io;
mod watch_plan;
mod watch_step;

pub use base::PipelineBase;
pub use checkpoint::Checkpoint;
pub use connect::PipelineConnect;
pub use dial::Dial;
pub use event::{
    FriendLocation, NotificationV2, NotificationV2Delete, NotificationV2Update, PipelineEvent,
    ResponseNotification,
};
pub use frame::{FrameError, decode_frame};
pub use gapless::{CatchUpRequest, Gapless};
pub use handshake_reply::{HandshakeReader, HandshakeReplyError};
pub use happened::{ConnectFailure, Happened};
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
