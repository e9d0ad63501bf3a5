//! The kit for writing a client over any HTTP stack: what every transport's client shares.
//!
//! A client is its HTTP client plus a [`ClientCore`] (the session every clone shares, the
//! [`ClientOptions`], politeness, the login and logout rules). For every operation it calls
//! [`ClientCore::prepare`], sleeps the wait the [`Outgoing`] names, moves the request's
//! bytes, and hands the reply to [`Pending::finish`]; for a login it follows
//! [`ClientCore::start_login`]. It sorts its own client's failures into a [`FailureKind`],
//! and every call returns the one [`Error`](crate::Error). Implement [`BuildClient`] and
//! the client gets the same [`ClientBuilder`] as the ready transports.
//!
//! ```
//! use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
//! use vrchat_invite_core::transport::{ClientCore, ClientOptions};
//! use vrchat_invite_core::{Endpoint, Error, Session, UserAgent, UserId};
//! use vrchat_invite_core::auth::AuthCookie;
//!
//! /// Your own HTTP stack: here, a canned reply.
//! fn send_with_my_stack(request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
//!     assert_eq!(request.uri().path(), "/api/1/message/usr_me/message");
//!     Ok(http::Response::builder().status(200).body(b"[]".to_vec()).expect("a reply"))
//! }
//!
//! fn send<E: Endpoint>(core: &ClientCore, endpoint: &E) -> Result<E::Output, Error> {
//!     let (outgoing, pending) = core.prepare(endpoint, std::time::Instant::now())?;
//!     // A client sleeps `outgoing.wait` here, then moves the bytes.
//!     pending.finish(send_with_my_stack(outgoing.request), std::time::Instant::now())
//! }
//!
//! let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
//!     .with_auth_cookie(AuthCookie::new("authcookie_0000")?)
//!     .with_user_id(UserId::new("usr_me")?);
//! let core = ClientCore::new(session, ClientOptions::default(), 7, |_| None);
//! let list = send(&core, &GetInviteMessages::mine(InviteMessageType::Message))?;
//! assert!(list.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use crate::client::{
    BoxError, BuildClient, ClientBuilder, ClientCore, ClientOptions, DEFAULT_BODY_LIMIT,
    DEFAULT_TIMEOUT, ExchangeTrace, FailureKind, LoginDriver, Outgoing, Pending,
};
pub use crate::decode::redirect_location;
pub use crate::endpoint::RequestBody;
pub use crate::path::encode_path_segment;
#[cfg(feature = "rustls")]
pub use crate::tls::{rustls_client_config, sha1};

/// What every transport crate shows at its root beside its own `Client` and `Watcher`, in
/// one list so that every transport shows the same names: the client's builder and options,
/// the watch's plan and options, the one [`Error`](crate::Error), what nearly every call
/// names, and the core's modules.
///
/// A transport re-exports it whole: `pub use vrchat_invite_core::transport::surface::*;`.
pub mod surface {
    pub use crate::pipeline::{PipelineOptions, WatchPlan};
    pub use crate::transport::{ClientBuilder, ClientOptions};
    pub use crate::{
        BaseUrl, Endpoint, Error, InstanceId, InviteMessageId, Location, NotificationId, Session,
        Slot, UserAgent, UserId, WorldId,
    };
    pub use crate::{
        auth, error, guide, inbox, invite, messages, models, pipeline, polite, proxy, transport,
    };
}

/// Writes, inside a transport's `impl Client { ... }`, the methods every ready client
/// offers besides sending: `session`, `set_session`, `update_session`, `options` and
/// `core`, each through the client's `core` field (a [`ClientCore`]).
#[doc(hidden)]
#[macro_export]
macro_rules! client_accessors {
    () => {
        /// A copy of the session every clone shares (to save it, say).
        pub fn session(&self) -> $crate::Session {
            self.core.session()
        }

        /// Replaces the session for every clone.
        pub fn set_session(&self, session: $crate::Session) {
            self.core.set_session(session);
        }

        /// Changes the session in place for every clone; the lock is held only during
        /// `change`.
        pub fn update_session<T>(&self, change: impl FnOnce(&mut $crate::Session) -> T) -> T {
            self.core.update_session(change)
        }

        /// The options the client was built with.
        pub fn options(&self) -> &$crate::transport::ClientOptions {
            self.core.options()
        }

        /// The [`ClientCore`]($crate::transport::ClientCore) this client drives: the kit a
        /// custom transport builds on, with the proxy rules in force and the exchange and
        /// login steps.
        pub fn core(&self) -> &$crate::transport::ClientCore {
            &self.core
        }
    };
}
