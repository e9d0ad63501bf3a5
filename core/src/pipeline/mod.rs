//! VRChat's event stream (the "pipeline" websocket), without I/O: the connect request, the
//! frame decoder, the reconnect policy, gapless delivery across reconnects, and the watch
//! state machine that ties them together for a transport.

mod base;
mod catch_up;
mod connect;
mod dial;
mod event;
mod frame;
mod options;
mod reconnect;
mod seen;
mod socket_notification;
mod token;
mod trace;
mod watch;
mod watch_error;

pub use base::PipelineBase;
pub use catch_up::{
    CATCH_UP_BUFFER_LIMIT, CATCH_UP_MAX_PAGES, CATCH_UP_PAGE_SIZE, CatchUpRequest, Gapless,
    SEEN_LIMIT,
};
pub use connect::PipelineConnect;
pub use dial::Dial;
pub use event::{
    FriendLocation, NotificationV2, NotificationV2Delete, NotificationV2Update, PipelineEvent,
    ResponseNotification,
};
pub use frame::{FrameError, decode_frame};
pub use options::PipelineOptions;
pub use reconnect::{Reconnect, ReconnectDecision, ReconnectPolicy};
pub use token::PipelineToken;
pub use watch::{ConnectFailure, WAIT_HISTORY, Watch, WatchEnd, WatchStep};
pub use watch_error::WatchError;
