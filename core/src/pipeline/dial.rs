//! Where a watcher opens its socket for a pipeline request: straight to the pipeline's host,
//! or to a proxy with a `CONNECT` tunnel first; and whether TLS follows.

use http::Uri;

use crate::proxy::{ProxyServer, TunnelRequest};

/// What a watcher does to reach the pipeline, in order: open TCP to `host`:`port`, send
/// `tunnel` and read its reply when there is one, start TLS for `tls_server_name` when
/// there is one, then the websocket handshake.
///
/// ```
/// use vrchat_invite_core::pipeline::Dial;
/// use vrchat_invite_core::proxy::ProxyServer;
/// let uri = "wss://pipeline.vrchat.cloud/?authToken=x".parse()?;
/// let direct = Dial::plan(&uri, None);
/// assert_eq!((direct.host.as_str(), direct.port), ("pipeline.vrchat.cloud", 443));
/// assert!(direct.tunnel.is_none());
/// assert_eq!(direct.tls_server_name.as_deref(), Some("pipeline.vrchat.cloud"));
///
/// let proxy = ProxyServer::new("http://[::1]:3128")?;
/// let proxied = Dial::plan(&uri, Some(&proxy));
/// assert_eq!((proxied.host.as_str(), proxied.port), ("::1", 3128));
/// assert!(proxied.tunnel.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dial {
    /// The host to open TCP to (the proxy's, or the pipeline's), without IPv6 brackets.
    pub host: String,
    /// The port to open TCP to.
    pub port: u16,
    /// The `CONNECT` request to send first, when going through a proxy.
    pub tunnel: Option<TunnelRequest>,
    /// The pipeline's host for TLS (`wss`), without brackets; `None` for `ws`.
    pub tls_server_name: Option<String>,
}

impl Dial {
    /// The plan for a request to `uri`, through `proxy` when the rules picked one.
    pub fn plan(uri: &Uri, proxy: Option<&ProxyServer>) -> Self {
        let tls = uri.scheme_str() == Some("wss");
        let bare = unbracket(uri.host().unwrap_or_default()).to_owned();
        let (host, port, tunnel) = match proxy {
            Some(proxy) => {
                let authority = TunnelRequest::authority_of(uri).unwrap_or_default();
                let tunnel = TunnelRequest::new(&authority, proxy);
                (
                    unbracket(proxy.host()).to_owned(),
                    proxy.port(),
                    Some(tunnel),
                )
            }
            None => {
                let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
                (bare.clone(), port, None)
            }
        };
        Self {
            host,
            port,
            tunnel,
            tls_server_name: tls.then_some(bare),
        }
    }
}

fn unbracket(host: &str) -> &str {
    host.trim_start_matches('[').trim_end_matches(']')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> Uri {
        text.parse().expect("uri")
    }

    #[test]
    fn plain_ws_defaults_to_port_80_without_tls() {
        let dial = Dial::plan(&uri("ws://127.0.0.1/pipeline?authToken=x"), None);
        assert_eq!((dial.host.as_str(), dial.port), ("127.0.0.1", 80));
        assert_eq!(dial.tls_server_name, None);
    }

    #[test]
    fn an_ipv6_pipeline_is_dialled_bare_and_tunnelled_bracketed() {
        let target = uri("wss://[::1]:8443/?authToken=x");
        let direct = Dial::plan(&target, None);
        assert_eq!((direct.host.as_str(), direct.port), ("::1", 8443));
        assert_eq!(direct.tls_server_name.as_deref(), Some("::1"));
        let proxy = ProxyServer::new("http://proxy.example:3128").expect("proxy");
        let proxied = Dial::plan(&target, Some(&proxy));
        assert_eq!(
            (proxied.host.as_str(), proxied.port),
            ("proxy.example", 3128)
        );
        let tunnel = proxied.tunnel.expect("tunnel");
        assert!(
            tunnel
                .as_bytes()
                .starts_with(b"CONNECT [::1]:8443 HTTP/1.1\r\n")
        );
        assert_eq!(proxied.tls_server_name.as_deref(), Some("::1"));
    }
}
