//! Async transport for [`vrchat_invite_core`] over hyper 1.
//!
//! This crate re-exports the core's modules and root, so it is the only one an app
//! depends on. Its [`Client`] is the core's [`transport::ClientCore`] (the session every
//! clone shares, the options, politeness, the login and logout rules) plus a hyper
//! connection pool that only moves bytes; every call returns the core's one [`Error`], the
//! same as the blocking transport's. The one generic [`Client::send`] runs any
//! [`Endpoint`]:
//!
//! * TLS is rustls with the `ring` provider and bundled webpki roots (no OpenSSL, no cmake;
//!   the platform's verifier with the `rustls-platform-verifier` feature);
//! * connections are kept alive and reused; the client is `Clone + Send + Sync`, so many
//!   requests can run at once;
//! * a whole exchange has a timeout (30 s by default) and a reply body a limit (1 MiB);
//! * redirects are never followed: a 3xx is [`Error::Redirect`], so cookies never travel
//!   to another host;
//! * every status and every header (all `Set-Cookie` values) reaches the core, which turns
//!   error replies into typed [`error::ApiError`]s;
//! * [`Watcher`] follows VRChat's event stream (the pipeline websocket) as a `Stream` of
//!   typed events, reconnecting and catching up so no notification is lost or repeated.
//!
//! ```no_run
//! use vrchat_invite_hyper::{Session, Slot, UserAgent, UserId};
//! use vrchat_invite_hyper::auth::AuthCookie;
//! use vrchat_invite_hyper::messages::{GetInviteMessage, InviteMessageType};
//! use vrchat_invite_hyper::{Client, Error};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
//!         .with_auth_cookie(AuthCookie::new("authcookie_...")?)
//!         .with_user_id(UserId::new("usr_00000000-0000-0000-0000-000000000000")?); // login records both
//!     let client = Client::new(session)?;
//!     let get = GetInviteMessage::mine(InviteMessageType::Message, Slot::new(0)?);
//!     match client.send(&get).await {
//!         Ok(message) => println!("slot 0: {}", message.message),
//!         Err(Error::Timeout { .. }) => eprintln!("VRChat did not answer in time"),
//!         Err(error) => eprintln!("{error}"),
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Where things are
//!
//! The root shows the client ([`Client`], [`ClientBuilder`], [`ClientOptions`]), the event
//! stream's [`Watcher`] with its [`WatchPlan`] and [`PipelineOptions`], the one [`Error`],
//! and what nearly every call names: the [`Session`], the IDs and [`Slot`]. The operations
//! and their models are in the core's modules, re-exported here: [`invite`], [`messages`],
//! [`inbox`], [`models`], [`auth`], [`pipeline`], [`polite`], [`proxy`], [`error`], and
//! [`transport`] for the kit under the client ([`Client::core`]).
//!
//! # Proxies
//!
//! By default the client follows the environment as reqwest does: `HTTPS_PROXY` for
//! `https://` URLs, `HTTP_PROXY` for `http://`, `ALL_PROXY` for both, `NO_PROXY` for
//! hosts reached directly, and loopback hosts never proxied (see
//! [`ProxyRules::from_env`](vrchat_invite_core::proxy::ProxyRules::from_env)).
//! [`ClientBuilder::proxy`] sends everything through one proxy instead,
//! [`ClientBuilder::proxy_rules`] takes any rules, and [`ClientBuilder::no_proxy`]
//! connects directly. Requests go through an HTTP proxy in a `CONNECT` tunnel (TLS runs
//! end to end), with `Proxy-Authorization: Basic` when the proxy has credentials.
//!
//! A [`Watcher`] follows the rules of the client it owns: the pipeline's `wss://` URL is
//! proxied as an `https://` URL would be (`ws://` as `http://`), through the same
//! `CONNECT` tunnel, with TLS and the websocket handshake inside it. A proxy that refuses
//! the tunnel (407 for wrong credentials, 403, 5xx) is reported as [`pipeline::WatchError::Proxy`]
//! and retried by the reconnect policy; the credentials never appear in an error.
//!
//! # Features
//!
//! * `tracing` (off by default): one span `vrchat_invite.exchange` per HTTP exchange with
//!   `operation` (the spec's operationId, `Endpoint::OPERATION_ID`, such as `inviteUser`; `execute`
//!   for a raw request no session built; a login step names its own), `method`, `path` (no query),
//!   `status`, `elapsed_ms`, `request_id` (VRChat's `x-vrc-request-id`) and `error`; politeness
//!   waits and refusals as events; the pipeline watcher's connects, catch-up pages, drops,
//!   scheduled reconnects and end as events of target `vrchat_invite::pipeline` (from the core's
//!   `tracing` feature). Headers, bodies and queries never reach a field, so no password, cookie,
//!   token or 2FA code does.
//! * `rustls-platform-verifier` (off by default): certificates are checked by the
//!   platform's verifier (`rustls-platform-verifier`: the system trust store, so a
//!   corporate root installed on the machine is trusted) instead of the bundled web roots.

mod client;
mod event_stream;
mod failure;
mod login;
mod proxy_connector;
mod random;

pub use client::Client;
pub use event_stream::Watcher;
#[doc(inline)]
pub use vrchat_invite_core::transport::surface::*;
