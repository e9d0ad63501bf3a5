//! Blocking transport for [`vrchat_invite_core`] over ureq 3.
//!
//! This crate re-exports the core's modules and root, so it is the only one an app
//! depends on. Its [`Client`] is the core's [`transport::ClientCore`] (the session every
//! clone shares, the options, politeness, the login and logout rules) plus a ureq agent that
//! only moves bytes; every call returns the core's one [`Error`], the same as the async
//! transport's. The one generic [`Client::send`] runs any [`Endpoint`]; the client is
//! `Clone + Send + Sync` and every call, login included, takes `&self`:
//!
//! * TLS is rustls with the `ring` provider and bundled webpki roots (no OpenSSL, no cmake;
//!   the platform's verifier with the `rustls-platform-verifier` feature);
//! * connections are kept alive and reused, and a host name is looked up once a minute (and
//!   again after a failed exchange), not before every request: a request on a kept
//!   connection starts no thread and makes no DNS lookup;
//! * a whole exchange has a timeout (30 s by default) and a reply body a limit (1 MiB);
//! * redirects are never followed: a 3xx is [`Error::Redirect`], so cookies never travel
//!   to another host;
//! * every status and every header (all `Set-Cookie` values) reaches the core, which turns
//!   error replies into typed [`error::ApiError`]s;
//! * [`Watcher`] follows VRChat's event stream (the pipeline websocket) as an [`Iterator`] of
//!   typed events, reconnecting and catching up so no notification is lost or repeated.
//!
//! # Photo uploads refused early
//!
//! ureq 3 writes a whole request body before it reads any reply. So that a server can
//! refuse a photo upload (401, 413, 429) before the photo is sent, multipart requests carry
//! `Expect: 100-continue`: a server that answers at once and then closes the connection is
//! reported with its status, as an [`Error::Api`]. What ureq cannot report: a
//! server that answers and then *resets* the connection, before the body or in the middle of
//! it, is [`Error::Disconnected`] (ureq reads an early answer only once more input or the end
//! of the connection arrives, and a reset discards it). The hyper transport reads while it
//! writes and reports the status in both cases. Against a server that ignores
//! `Expect: 100-continue`, an upload waits up to one second before its body is sent.
//!
//! ```no_run
//! use vrchat_invite_ureq::{Session, Slot, UserAgent, UserId};
//! use vrchat_invite_ureq::auth::AuthCookie;
//! use vrchat_invite_ureq::messages::{GetInviteMessage, InviteMessageType};
//! use vrchat_invite_ureq::{Client, Error};
//!
//! let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
//!     .with_auth_cookie(AuthCookie::new("authcookie_...")?)
//!     .with_user_id(UserId::new("usr_00000000-0000-0000-0000-000000000000")?); // login records both
//! let client = Client::new(session)?;
//! let get = GetInviteMessage::mine(InviteMessageType::Message, Slot::new(0)?);
//! match client.send(&get) {
//!     Ok(message) => println!("slot 0: {}", message.message),
//!     Err(Error::Timeout { .. }) => eprintln!("VRChat did not answer in time"),
//!     Err(error) => eprintln!("{error}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
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
mod proxy_route;
mod random;
mod resolver;
mod tls;

pub use client::Client;
pub use event_stream::Watcher;
#[doc(inline)]
pub use vrchat_invite_core::transport::surface::*;
