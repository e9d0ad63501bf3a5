//! An HTTP proxy server, reached with `CONNECT` tunnels, with optional credentials.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::HeaderValue;
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::secret::Secret;

/// Why a proxy URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProxyUrlError {
    /// Only `http://` proxies (which tunnel HTTPS with `CONNECT`) are supported.
    #[error("unsupported proxy scheme {0:?}: use http://host:port")]
    UnsupportedScheme(String),
    /// No host, a bad port, or characters a host cannot hold.
    #[error("the proxy URL has no valid host and port")]
    BadAddress,
    /// The user name or password is not valid percent-encoded UTF-8.
    #[error("the proxy credentials are not valid percent-encoded UTF-8")]
    BadCredentials,
}

/// An HTTP proxy: `http://[user:password@]host[:port]` (port 80 when left out).
///
/// HTTPS requests go through it in a `CONNECT` tunnel, so TLS runs end to end and the proxy
/// sees only the host and port. Credentials are sent as `Proxy-Authorization: Basic …`
/// and never shown: `Debug` and `Display` redact the password.
///
/// ```
/// use vrchat_invite_core::proxy::ProxyServer;
/// let proxy = ProxyServer::new("http://me:p%40ss@proxy.corp.example:3128")?;
/// assert_eq!(proxy.authority(), "proxy.corp.example:3128");
/// assert_eq!(proxy.username(), Some("me"));
/// assert_eq!(proxy.to_string(), "http://me:<redacted>@proxy.corp.example:3128");
/// let auth = proxy.basic_authorization().expect("credentials");
/// assert_eq!(auth.to_str()?, "Basic bWU6cEBzcw==");
/// assert!(auth.is_sensitive());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyServer {
    host: String,
    port: u16,
    credentials: Option<(String, Secret)>,
}

impl ProxyServer {
    /// Parses a proxy URL. A URL without a scheme is taken as `http://`.
    ///
    /// # Errors
    /// [`ProxyUrlError`] for another scheme, a missing host, a bad port or bad credentials.
    pub fn new(url: &str) -> Result<Self, ProxyUrlError> {
        let url = url.trim();
        let rest = match url.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
            Some((scheme, _)) => return Err(ProxyUrlError::UnsupportedScheme(scheme.to_owned())),
            None => url,
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (userinfo, address) = match rest.rsplit_once('@') {
            Some((userinfo, address)) => (Some(userinfo), address),
            None => (None, rest),
        };
        let credentials = userinfo
            .map(|userinfo| {
                let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
                let decode = |text: &str| {
                    percent_decode_str(text)
                        .decode_utf8()
                        .map(|decoded| decoded.into_owned())
                        .map_err(|_| ProxyUrlError::BadCredentials)
                };
                Ok::<_, ProxyUrlError>((decode(user)?, Secret::new(decode(password)?)))
            })
            .transpose()?;
        let (host, port) = split_host_port(address)?;
        Ok(Self {
            host,
            port,
            credentials,
        })
    }

    /// Sets the credentials, replacing any in the URL.
    #[must_use]
    pub fn with_credentials(
        mut self,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.credentials = Some((username.into(), Secret::new(password)));
        self
    }

    /// The host name or IP address (an IPv6 address in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `host:port`.
    pub fn authority(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The user name, if the proxy takes credentials.
    pub fn username(&self) -> Option<&str> {
        self.credentials.as_ref().map(|(user, _)| user.as_str())
    }

    /// The `Proxy-Authorization` value for the `CONNECT` request (marked sensitive), or
    /// `None` without credentials.
    pub fn basic_authorization(&self) -> Option<HeaderValue> {
        let (user, password) = self.credentials.as_ref()?;
        let token = STANDARD.encode(format!("{user}:{}", password.expose()));
        let mut value = HeaderValue::from_str(&format!("Basic {token}")).ok()?;
        value.set_sensitive(true);
        Some(value)
    }

    /// The URL with the credentials percent-encoded in it, for HTTP clients that take a
    /// proxy as one URL. It holds the password: never log it.
    pub fn url_with_credentials(&self) -> Secret {
        let userinfo = self
            .credentials
            .as_ref()
            .map_or_else(String::new, |(user, password)| {
                format!(
                    "{}:{}@",
                    utf8_percent_encode(user, NON_ALPHANUMERIC),
                    utf8_percent_encode(password.expose(), NON_ALPHANUMERIC)
                )
            });
        Secret::new(format!("http://{userinfo}{}", self.authority()))
    }
}

fn split_host_port(address: &str) -> Result<(String, u16), ProxyUrlError> {
    let (host, port) = if let Some(bracketed) = address.strip_prefix('[') {
        let (inner, after) = bracketed.split_once(']').ok_or(ProxyUrlError::BadAddress)?;
        let port = match after.strip_prefix(':') {
            Some(port) => Some(port),
            None if after.is_empty() => None,
            None => return Err(ProxyUrlError::BadAddress),
        };
        (format!("[{inner}]"), port)
    } else {
        match address.rsplit_once(':') {
            Some((host, port)) => (host.to_owned(), Some(port)),
            None => (address.to_owned(), None),
        }
    };
    let valid_host = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'));
    if !valid_host {
        return Err(ProxyUrlError::BadAddress);
    }
    let port = match port {
        None => 80,
        Some(port) => port.parse().map_err(|_| ProxyUrlError::BadAddress)?,
    };
    Ok((host, port))
}

impl fmt::Debug for ProxyServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyServer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ProxyServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.username() {
            Some(user) => write!(f, "http://{user}:<redacted>@{}", self.authority()),
            None => write!(f, "http://{}", self.authority()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_shapes() {
        let plain = ProxyServer::new("proxy.example").unwrap();
        assert_eq!(
            (plain.host(), plain.port(), plain.username()),
            ("proxy.example", 80, None)
        );
        assert!(plain.basic_authorization().is_none());
        let v6 = ProxyServer::new("http://[::1]:8080/").unwrap();
        assert_eq!(v6.authority(), "[::1]:8080");
        let with = ProxyServer::new("HTTP://a%3Ab:c%20d@10.0.0.1:3128").unwrap();
        assert_eq!(with.username(), Some("a:b"));
        assert_eq!(
            with.url_with_credentials().expose(),
            "http://a%3Ab:c%20d@10.0.0.1:3128"
        );
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        assert_eq!(
            ProxyServer::new("socks5://p:1080"),
            Err(ProxyUrlError::UnsupportedScheme("socks5".to_owned()))
        );
        assert_eq!(ProxyServer::new("http://"), Err(ProxyUrlError::BadAddress));
        assert_eq!(
            ProxyServer::new("http://p:port"),
            Err(ProxyUrlError::BadAddress)
        );
        assert_eq!(
            ProxyServer::new("http://p:99999"),
            Err(ProxyUrlError::BadAddress)
        );
        assert_eq!(
            ProxyServer::new("http://p q:1"),
            Err(ProxyUrlError::BadAddress)
        );
        assert_eq!(
            ProxyServer::new("http://u:%ff@p:1"),
            Err(ProxyUrlError::BadCredentials)
        );
    }

    #[test]
    fn never_shows_the_password() {
        let proxy = ProxyServer::new("http://me:hunter2@p:1").unwrap();
        assert!(!format!("{proxy:?} {proxy}").contains("hunter2"));
        assert!(!format!("{:?}", proxy.url_with_credentials()).contains("hunter2"));
    }
}
