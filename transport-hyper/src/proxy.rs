//! Proxies: the core's [`ProxyRules`] pick one per connection; hyper-util's `Tunnel`
//! opens a `CONNECT` tunnel through it, under TLS for `https://`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::Uri;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tower_service::Service;
use vrchat_invite_core::{ProxyRules, ProxyServer};

use crate::builder::ClientBuilder;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl ClientBuilder {
    /// Sends every request through `proxy` (loopback included), in a `CONNECT` tunnel,
    /// with its credentials if it has any. Replaces the rules from the environment.
    ///
    /// ```
    /// use vrchat_invite_core::{ProxyServer, Session, UserAgent};
    /// use vrchat_invite_hyper::Client;
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

/// A TCP connector that goes through the proxy the rules pick for each destination.
#[derive(Clone)]
pub(crate) struct ProxyConnector {
    rules: Arc<ProxyRules>,
    tcp: HttpConnector,
}

impl ProxyConnector {
    pub(crate) fn new(rules: ProxyRules, tcp: HttpConnector) -> Self {
        Self {
            rules: Arc::new(rules),
            tcp,
        }
    }
}

type Connecting = Pin<Box<dyn Future<Output = Result<TokioIo<TcpStream>, BoxError>> + Send>>;

impl Service<Uri> for ProxyConnector {
    type Response = TokioIo<TcpStream>;
    type Error = BoxError;
    type Future = Connecting;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.tcp.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let Some(server) = self.rules.select(&dst) else {
            let connecting = self.tcp.call(dst);
            return Box::pin(async move { Ok(connecting.await?) });
        };
        let proxy_uri = Uri::try_from(format!("http://{}", server.authority()));
        let auth = server.basic_authorization();
        let target = with_port(dst);
        let tcp = self.tcp.clone();
        Box::pin(async move {
            let mut tunnel = Tunnel::new(proxy_uri?, tcp);
            if let Some(auth) = auth {
                tunnel = tunnel.with_auth(auth);
            }
            Ok(tunnel.call(target?).await?)
        })
    }
}

/// The destination with its port written out (80 or 443), as `CONNECT` needs one.
fn with_port(dst: Uri) -> Result<Uri, BoxError> {
    if dst.port().is_some() {
        return Ok(dst);
    }
    let port = if dst.scheme_str() == Some("http") {
        80
    } else {
        443
    };
    let host = dst.host().ok_or("the URL has no host")?;
    let scheme = dst.scheme_str().unwrap_or("https");
    Ok(Uri::try_from(format!("{scheme}://{host}:{port}/"))?)
}
