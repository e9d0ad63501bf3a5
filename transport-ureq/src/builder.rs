//! Client options: timeout, body limit and politeness.

use std::time::Duration;

use vrchat_invite_core::{Politeness, Session};

use crate::client::Client;
use crate::error::Error;

/// The default time allowed for a whole exchange, from connecting to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default limit on a reply body: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// Options for a [`Client`]; made by [`Client::builder`].
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_core::{Session, UserAgent};
/// use vrchat_invite_ureq::Client;
///
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
/// let client = Client::builder(session)
///     .timeout(Duration::from_secs(10))
///     .body_limit(256 * 1024)
///     .build()?;
/// assert_eq!(client.timeout(), Duration::from_secs(10));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    pub(crate) session: Session,
    pub(crate) timeout: Duration,
    pub(crate) body_limit: usize,
    pub(crate) politeness: Option<Politeness>,
    pub(crate) proxy_rules: vrchat_invite_core::ProxyRules,
}

impl ClientBuilder {
    pub(crate) fn new(session: Session) -> Self {
        Self {
            session,
            timeout: DEFAULT_TIMEOUT,
            body_limit: DEFAULT_BODY_LIMIT,
            politeness: None,
            proxy_rules: crate::proxy::from_env(),
        }
    }

    /// The time allowed for a whole exchange: connecting, sending, and reading the whole
    /// reply. Default [`DEFAULT_TIMEOUT`] (30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest reply body accepted, in bytes. Default [`DEFAULT_BODY_LIMIT`] (1 MiB).
    pub fn body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }

    /// Turns on the opt-in politeness helpers (throttle, cooldown book, duplicate-invite
    /// guard). Off by default. An unseeded throttle's jitter is seeded from the operating
    /// system's randomness, so bots started together do not wait in lockstep. A request the
    /// helpers refuse fails with [`vrchat_invite_core::Error::Refused`] and is not sent;
    /// the throttle's delay is slept on the calling thread before sending. See [`Politeness`] for why.
    pub fn politeness(mut self, politeness: Politeness) -> Self {
        self.politeness = Some(crate::seed::seeded(politeness));
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// None today; kept fallible so that options checked at build time can be added.
    pub fn build(self) -> Result<Client, Error> {
        Ok(Client::from_builder(self))
    }
}
