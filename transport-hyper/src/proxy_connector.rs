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
use vrchat_invite_core::proxy::ProxyRules;

use vrchat_invite_core::transport::BoxError;

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
