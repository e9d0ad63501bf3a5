//! Sans-IO core of a VRChat Invite API client.
//!
//! This crate turns typed calls into complete [`http::Request`] values and turns
//! [`http::Response`] values into typed results or typed errors. It opens no socket, starts
//! no runtime and reads no clock: send the request with any HTTP client you like
//! (`vrchat-invite-ureq` and `vrchat-invite-hyper` are ready-made ones).
//!
//! ```
//! use vrchat_invite_core::{
//!     AuthCookie, Endpoint, GetInviteMessages, InviteMessageType, Session, UserAgent, UserId,
//! };
//!
//! let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
//!     .with_auth_cookie(AuthCookie::new("authcookie_0000")?);
//! let list = GetInviteMessages::new(UserId::new("usr_me")?, InviteMessageType::Message);
//!
//! // 1. Build the request and send it with your own HTTP client.
//! let request: http::Request<Vec<u8>> = session.request(&list)?;
//! assert_eq!(request.method(), http::Method::GET);
//!
//! // 2. Hand the reply back: status, headers and body.
//! let reply = http::Response::builder()
//!     .status(200)
//!     .body(br#"[{"canBeUpdated":true,"id":"default","message":"Hi","messageType":"message",
//!              "remainingCooldownMinutes":0,"slot":0,"updatedAt":"2021-01-01T00:00:00Z"}]"#.to_vec())?;
//! let messages = list.parse(&reply)?;
//! assert_eq!(messages.decoded().next().map(|m| m.message.as_str()), Some("Hi"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every value is checked when it is made ([`Slot`], [`UserId`], [`UserAgent`], [`Png`], ...),
//! so a bad value is an [`InputError`] and nothing is built. Error replies become an
//! [`ApiError`] with a classified [`ApiErrorKind`]; parsing never panics, whatever the reply.
//!
//! # A client of your own
//!
//! The ready transports are thin: each drives a [`ClientCore`], which holds the session all
//! clones share, the [`ClientOptions`] and politeness, prepares each exchange
//! ([`ClientCore::prepare`], then [`Pending::finish`] with the reply), drives logins
//! ([`ClientCore::start_login`]) and reports one [`ClientError`] whatever moves the bytes.
//! A client over another HTTP stack implements [`BuildClient`] and gets the same builder.
//!
//! # Guides
//!
//! * [`guide::operations`]: every operation, its spec operationId, method and path, type and
//!   command, in one table;
//! * [`guide::login`]: log in once, with 2FA, and keep the session;
//! * [`guide::politeness`]: what never to retry, and the opt-in helpers that keep you polite;
//! * [`guide::vrchat_rules`]: the server's rules and where real traffic differs from the spec.
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod auth;
mod base_url;
mod client;
mod clip;
mod decode;
mod endpoint;
mod error;
pub mod guide;
mod ids;
mod inbox;
mod invite;
mod messages;
mod models;
mod path;
mod photo;
mod pipeline;
mod polite;
mod proxy;
mod punctuation;
mod secret;
mod session;
mod slot;
mod user_agent;

pub use auth::{
    AuthCookie, Authentication, CodePrompt, CookieChanges, Credentials, CurrentUser,
    GetCurrentUser, LoginFlow, LoginReply, LoginStep, Logout, TwoFactorCode, TwoFactorCookie,
    TwoFactorMethod, VerifyAuthToken, VerifyTwoFactor,
};
pub use base_url::BaseUrl;
pub use client::{
    BoxError, BuildClient, ClientBuilder, ClientCore, ClientError, ClientOptions,
    DEFAULT_BODY_LIMIT, DEFAULT_TIMEOUT, ExchangeTrace, FailureKind, LoginDriver, Outgoing,
    Pending,
};
pub use decode::{FromBody, parse_response, redirect_location};
pub use endpoint::{Endpoint, RequestBody};
pub use error::{
    ApiError, ApiErrorKind, BaseUrlProblem, DecodeError, Error, IdProblem, ImageProblem,
    InputError, Missing,
};
pub use ids::{InstanceId, InviteMessageId, Location, NotificationId, UserId, WorldId};
pub use inbox::{
    ClearNotifications, GetNotification, HideNotification, HideReply, ListNotifications,
    MarkNotificationSeen, NotificationPager, NotificationsAfter, PageSize, Received,
    ReceivedInvite, ReceivedInviteRequest, ReceivedInviteResponse, ReceivedRequestResponse,
};
pub use invite::{InviteMyselfTo, InviteUser, RequestInvite, RespondInvite};
pub use messages::InviteMessageType;
pub use messages::{
    GetInviteMessage, GetInviteMessages, MessageText, ResetInviteMessage, SlotTarget,
    UpdateInviteMessage,
};
pub use models::{
    InviteDetails, InviteMessage, InviteResponseDetails, ItemList, ListItem, Notification,
    NotificationDetails, NotificationType, RequestInviteDetails, RequestInviteResponseDetails,
    SentNotification, Timestamp, UndecodableItem,
};
pub use path::encode_path_segment;
pub use photo::{IMAGE_FILENAME, Png};
pub use pipeline::{
    CATCH_UP_BUFFER_LIMIT, CATCH_UP_MAX_PAGES, CATCH_UP_PAGE_SIZE, CHECKPOINT_ID_LIMIT,
    CatchUpRequest, Checkpoint, ConnectFailure, ConnectionStatus, Dial, DropReason, FrameError,
    FriendLocation, Gapless, Handshake, HandshakeReader, HandshakeReplyError, Happened,
    MAX_HANDSHAKE_REPLY_HEAD, NotificationV2, NotificationV2Delete, NotificationV2Update,
    PROGRESS_LIMIT, PipelineBase, PipelineConnect, PipelineEvent, PipelineOptions, PipelineToken,
    Progress, RESUME_MAX_PAGES, RawJson, Reconnect, ReconnectDecision, ReconnectPolicy,
    ResponseNotification, SEEN_LIMIT, SOCKET_READ_BUFFER, SOCKET_WRITE_BUFFER_LIMIT,
    StateFileError, WAIT_HISTORY, WATCH_STATE_FORMAT, Waiting, Watch, WatchEnd, WatchError,
    WatchIo, WatchPlan, WatchState, WatchStep, decode_frame,
};
pub use polite::{
    Action, CooldownBook, EDIT_COOLDOWN_MINUTES, InviteGuard, Politeness, Refusal, ReplySeen,
    SharedPoliteness, Throttle,
};
pub use proxy::{
    MAX_TUNNEL_REPLY_HEAD, NoProxy, ProxyRules, ProxyServer, ProxyUrlError, TunnelError,
    TunnelReader, TunnelReply, TunnelRequest, read_tunnel_reply,
};
pub use punctuation::fold_punctuation;
pub use secret::Secret;
pub use session::Session;
pub use slot::Slot;
pub use user_agent::UserAgent;

/// The header VRChat sets to identify a request in its logs.
pub use error::{REQUEST_ID_HEADER, SNIPPET_LIMIT};
