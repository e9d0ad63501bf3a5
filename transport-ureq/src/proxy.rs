//! Proxies: the core's [`ProxyRules`] pick one per request; ureq tunnels through it with
//! `CONNECT`.

use http::Request;
use ureq::Agent;
use vrchat_invite_core::{ProxyRules, ProxyServer};

use crate::builder::ClientBuilder;

impl ClientBuilder {
    /// Sends every request through `proxy` (loopback included), in a `CONNECT` tunnel,
    /// with its credentials if it has any. Replaces the rules from the environment.
    ///
    /// ```
    /// use vrchat_invite_core::{ProxyServer, Session, UserAgent};
    /// use vrchat_invite_ureq::Client;
    ///
    /// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let client = Client::builder(session)
    ///     .proxy(ProxyServer::new("http://me:secret@proxy.corp.example:3128")?)
    ///     .build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn proxy(self, proxy: ProxyServer) -> Self {
        self.proxy_rules(ProxyRules::all(proxy))
    }

    /// Uses these proxy rules instead of the ones from the environment.
    pub fn proxy_rules(mut self, rules: ProxyRules) -> Self {
        self.proxy_rules = rules;
        self
    }

    /// Connects directly, whatever the environment says.
    pub fn no_proxy(self) -> Self {
        self.proxy_rules(ProxyRules::none())
    }
}

/// The default rules: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` from the
/// process environment, read when the builder is made.
pub(crate) fn from_env() -> ProxyRules {
    ProxyRules::from_env(|name| std::env::var(name).ok())
}

/// `request` set to go through the proxy its URI calls for, if any.
pub(crate) fn route(
    agent: &Agent,
    rules: &ProxyRules,
    request: Request<Vec<u8>>,
) -> Result<Request<Vec<u8>>, ureq::Error> {
    let Some(server) = rules.select(request.uri()) else {
        return Ok(request);
    };
    let proxy = ureq::Proxy::new(server.url_with_credentials().expose())?;
    Ok(agent.configure_request(request).proxy(Some(proxy)).build())
}
