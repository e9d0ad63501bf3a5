//! Sans-IO core of a VRChat Invite API client.
//!
//! This crate turns typed calls into complete [`http::Request`] values and turns
//! [`http::Response`] values into typed results or typed errors. It opens no socket, starts
//! no runtime and reads no clock: send the request with any HTTP client you like
//! (`vrchat-invite-ureq` and `vrchat-invite-hyper` are ready-made ones).
//!
//! ```
//! use vrchat_invite_core::{Endpoint, Session, UserAgent, UserId};
//! use vrchat_invite_core::auth::AuthCookie;
//! use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
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
//! ([`ClientCore::start_login`]) and reports one [`Error`] whatever moves the bytes.
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

pub mod auth;
mod base_url;
mod client;
mod clip;
mod decode;
mod endpoint;
pub mod error;
pub mod guide;
mod ids;
pub mod inbox;
pub mod invite;
pub mod messages;
pub mod models;
mod path;
mod photo;
pub mod pipeline;
pub mod polite;
pub mod proxy;
mod punctuation;
mod secret;
mod session;
mod slot;
pub mod transport;
mod user_agent;

pub use base_url::BaseUrl;
pub use endpoint::Endpoint;
pub use error::{ApiError, ApiErrorKind, DecodeError, Error, InputError};
pub use ids::{InstanceId, InviteMessageId, Location, NotificationId, UserId, WorldId};
pub use session::Session;
pub use slot::Slot;
pub use user_agent::UserAgent;
