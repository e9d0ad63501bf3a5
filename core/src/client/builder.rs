//! The builder every transport's client is made with.

use std::marker::PhantomData;
use std::time::Duration;

use super::options::ClientOptions;
use crate::error::Error;
use crate::polite::Politeness;
use crate::proxy::{ProxyRules, ProxyServer};
use crate::session::Session;

/// A client a [`ClientBuilder`] can build: implemented by each transport's client.
pub trait BuildClient: Sized {
    /// Builds the client from the session and the options.
    ///
    /// # Errors
    /// Whatever the transport cannot set up (TLS, say).
    fn build_client(session: Session, options: ClientOptions) -> Result<Self, Error>;
}

/// Options for a client of any transport; made by the transport's `Client::builder`.
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_core::{Error, Session, UserAgent};
/// use vrchat_invite_core::transport::{BuildClient, ClientBuilder, ClientOptions};
///
/// struct Recorder(ClientOptions);
/// impl BuildClient for Recorder {
///     fn build_client(_: Session, options: ClientOptions) -> Result<Self, Error> {
///         Ok(Self(options))
///     }
/// }
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
/// let built: Recorder = ClientBuilder::new(session).timeout(Duration::from_secs(10)).build()?;
/// assert_eq!(built.0.timeout(), Duration::from_secs(10));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub struct ClientBuilder<C> {
    session: Session,
    options: ClientOptions,
    client: PhantomData<fn() -> C>,
}

impl<C> std::fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("session", &self.session)
            .field("options", &self.options)
            .finish()
    }
}

impl<C: BuildClient> ClientBuilder<C> {
    /// Default options for a client of `session`.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            options: ClientOptions::default(),
            client: PhantomData,
        }
    }

    /// The time allowed for a whole exchange: connecting, sending, and reading the whole
    /// reply. Default [`crate::transport::DEFAULT_TIMEOUT`] (30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options = self.options.with_timeout(timeout);
        self
    }

    /// The largest reply body accepted, in bytes. Default [`crate::transport::DEFAULT_BODY_LIMIT`]
    /// (1 MiB).
    pub fn body_limit(mut self, limit: usize) -> Self {
        self.options = self.options.with_body_limit(limit);
        self
    }

    /// Turns on the opt-in politeness helpers (throttle, cooldown book, duplicate-invite
    /// guard); off by default. An unseeded throttle's jitter is seeded from the operating
    /// system's randomness, so bots started together do not wait in lockstep. A request the
    /// helpers refuse fails with [`crate::Error::Refused`] and is not sent; the throttle's
    /// delay is slept (on the calling thread or task) before sending. See [`Politeness`].
    pub fn politeness(mut self, politeness: Politeness) -> Self {
        self.options = self.options.with_politeness(politeness);
        self
    }

    /// Sends every request through `proxy` (loopback included), in a `CONNECT` tunnel,
    /// with its credentials if it has any. Replaces the rules from the environment.
    pub fn proxy(self, proxy: ProxyServer) -> Self {
        self.proxy_rules(ProxyRules::all(proxy))
    }

    /// Uses these proxy rules instead of the ones from the environment.
    pub fn proxy_rules(mut self, rules: ProxyRules) -> Self {
        self.options = self.options.with_proxy_rules(rules);
        self
    }

    /// Connects directly, whatever the environment says.
    pub fn no_proxy(self) -> Self {
        self.proxy_rules(ProxyRules::none())
    }

    /// Builds the client.
    ///
    /// # Errors
    /// Whatever the transport cannot set up (TLS, say).
    pub fn build(self) -> Result<C, Error> {
        C::build_client(self.session, self.options)
    }
}
