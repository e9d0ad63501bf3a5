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
mod frame_shape;
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
pub use checkpoint::{CHECKPOINT_ID_LIMIT, Checkpoint};
pub use connect::PipelineConnect;
pub use dial::Dial;
pub use event::{
    FriendLocation, NotificationV2, NotificationV2Delete, NotificationV2Update, PipelineEvent,
    ResponseNotification,
};
pub use frame::{FrameError, decode_frame};
pub use gapless::{
    CATCH_UP_BUFFER_LIMIT, CATCH_UP_MAX_PAGES, CATCH_UP_PAGE_SIZE, CatchUpRequest, Gapless,
    RESUME_MAX_PAGES, SEEN_LIMIT,
};
pub use handshake_reply::{HandshakeReader, HandshakeReplyError, MAX_HANDSHAKE_REPLY_HEAD};
pub use happened::{ConnectFailure, Happened};
pub use options::{PipelineOptions, SOCKET_READ_BUFFER, SOCKET_WRITE_BUFFER_LIMIT};
pub use progress::{PROGRESS_LIMIT, Progress};
pub use raw_json::RawJson;
pub use reconnect::{Reconnect, ReconnectDecision, ReconnectPolicy};
pub use state_file::{StateFileError, WATCH_STATE_FORMAT, WatchState};
pub use status::{ConnectionStatus, DropReason};
pub use token::PipelineToken;
pub use watch::{WAIT_HISTORY, Waiting, Watch};
pub use watch_error::WatchError;
pub use watch_io::WatchIo;
pub use watch_plan::WatchPlan;
pub use watch_step::{Handshake, WatchEnd, WatchStep};
