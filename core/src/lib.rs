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
//! Every value is checked when it is made ([`Slot`], [`UserId`], [`UserAgent`],
//! [`invite::Png`], ...), so a bad value is an [`InputError`] and nothing is built. Error
//! replies become an [`ApiError`] with a classified [`ApiErrorKind`]; parsing never panics,
//! whatever the reply.
//!
//! # Where things are
//!
//! The root holds what nearly every program names: the [`Session`], the IDs, [`Slot`],
//! the [`Endpoint`] trait every operation implements, and the one [`Error`] every call
//! returns. The rest is by area:
//!
//! | Module | What it holds |
//! |---|---|
//! | [`invite`] | sending, requesting and answering invites, with or without a photo |
//! | [`messages`] | the invite message slots: list, read, edit, reset |
//! | [`inbox`] | the notifications you receive: list, page, read, mark seen, hide, clear |
//! | [`models`] | what the API returns: notifications, messages, lists that keep their good items |
//! | [`auth`] | credentials, two-factor codes, cookies, the login flow, logout |
//! | [`pipeline`] | the event stream: the watch state machine, its events, checkpoints |
//! | [`polite`] | opt-in throttling, cooldown awareness and a duplicate-invite guard |
//! | [`proxy`] | which proxy a request goes through, and the `CONNECT` tunnel |
//! | [`transport`] | the kit for a client over any HTTP stack ([`transport::ClientCore`]) |
//! | [`error`] | the parts of [`Error`]: input, API and decode errors and their details |
//!
//! # A client of your own
//!
//! The ready transports are thin: each drives a [`transport::ClientCore`], which holds the
//! session all clones share, the options and politeness, prepares each exchange, drives
//! logins and reports one [`Error`] whatever moves the bytes. A client over another HTTP
//! stack implements [`transport::BuildClient`] and gets the same builder; the
//! [`transport`] module shows the whole loop.
//!
//! # Features
//!
//! * `tracing` (off): the pipeline's connects, catch-up pages, drops, reconnects and end,
//!   and one span per exchange a client runs, as `tracing` events; never a secret.
//! * `rustls` (off; both ready transports turn it on):
//!   `transport::rustls_client_config`, the TLS trust every transport uses (the crypto
//!   provider the application installed, or *ring*; the bundled web roots), and
//!   `transport::sha1` for the pipeline's handshake.
//! * `tungstenite` (off; both ready transports turn it on): the pipeline's socket over
//!   tungstenite, `pipeline::Handshake::socket_config` and `pipeline::Happened::from_frame`
//!   and `from_write`, so every transport on it configures it and reads it alike.
//! * `rustls-platform-verifier` (off): the same, with the platform's certificate verifier
//!   instead of the bundled roots.
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
#[cfg(feature = "rustls")]
mod tls;
pub mod transport;
mod user_agent;

pub use base_url::BaseUrl;
pub use endpoint::Endpoint;
#[doc(inline)]
pub use error::{ApiError, ApiErrorKind, DecodeError, Error, InputError};
pub use ids::{InstanceId, InviteMessageId, Location, NotificationId, UserId, WorldId};
pub use session::Session;
pub use slot::Slot;
pub use user_agent::UserAgent;
