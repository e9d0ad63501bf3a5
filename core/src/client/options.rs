//! The client options every transport takes, and their defaults.

use std::time::Duration;

use crate::polite::Politeness;
use crate::proxy::ProxyRules;

/// The default time allowed for a whole exchange, from connecting to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default limit on a reply body: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// Timeout, body limit, politeness and proxies: the options of a client of any transport.
///
/// Set them through a transport's builder ([`crate::transport::ClientBuilder`]); a built client
/// shows them with its `options()`.
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_core::transport::{ClientOptions, DEFAULT_BODY_LIMIT};
/// let options = ClientOptions::default().with_timeout(Duration::from_secs(5));
/// assert_eq!(options.timeout(), Duration::from_secs(5));
/// assert_eq!(options.body_limit(), DEFAULT_BODY_LIMIT);
/// assert!(options.politeness().is_none());
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientOptions {
    timeout: Duration,
    body_limit: usize,
    politeness: Option<Politeness>,
    proxy_rules: Option<ProxyRules>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            body_limit: DEFAULT_BODY_LIMIT,
            politeness: None,
            proxy_rules: None,
        }
    }
}

impl ClientOptions {
    /// These options with another timeout for a whole exchange.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// These options with another limit on a reply body, in bytes.
    pub fn with_body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }

    /// These options with the politeness helpers on.
    pub fn with_politeness(mut self, politeness: Politeness) -> Self {
        self.politeness = Some(politeness);
        self
    }

    /// These options with chosen proxy rules instead of the environment's.
    pub fn with_proxy_rules(mut self, rules: ProxyRules) -> Self {
        self.proxy_rules = Some(rules);
        self
    }

    /// The time allowed for a whole exchange: connecting, sending and reading the whole
    /// reply. [`DEFAULT_TIMEOUT`] unless set.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The largest reply body accepted, in bytes. [`DEFAULT_BODY_LIMIT`] unless set.
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }

    /// The politeness helpers as configured, when on (off by default). A client's live
    /// politeness state (its throttle, cooldowns and guarded invites) starts from these.
    pub fn politeness(&self) -> Option<&Politeness> {
        self.politeness.as_ref()
    }

    /// The proxy rules: the chosen ones, or else the environment's as `lookup` reads it
    /// (see [`ProxyRules::from_env`]; transports pass `std::env::var`).
    pub fn proxy_rules_or_env(&self, lookup: impl Fn(&str) -> Option<String>) -> ProxyRules {
        self.proxy_rules
            .clone()
            .unwrap_or_else(|| ProxyRules::from_env(lookup))
    }

    /// The proxy rules chosen with [`ClientOptions::with_proxy_rules`], if any.
    pub fn chosen_proxy_rules(&self) -> Option<&ProxyRules> {
        self.proxy_rules.as_ref()
    }
}
