//! A `CONNECT` tunnel through an HTTP proxy, sans-IO: the request bytes and the reading of
//! the proxy's reply head. Transports that open their own sockets (the pipeline watchers)
//! move the bytes.

use std::fmt;

use http::{StatusCode, Uri};

use super::server::ProxyServer;

/// The largest proxy reply head read before giving up, in bytes.
pub const MAX_TUNNEL_REPLY_HEAD: usize = 8192;

/// The bytes of a `CONNECT` request. They may hold the proxy's credentials, so `Debug`
/// shows only the request line.
#[derive(Clone, PartialEq, Eq)]
pub struct TunnelRequest {
    bytes: Vec<u8>,
    authority: String,
}

impl TunnelRequest {
    /// The request to open a tunnel to `authority` (`host:port`) through `proxy`, with
    /// `Proxy-Authorization: Basic …` when the proxy has credentials.
    pub fn new(authority: &str, proxy: &ProxyServer) -> Self {
        let mut bytes =
            format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n").into_bytes();
        if let Some(auth) = proxy.basic_authorization() {
            bytes.extend_from_slice(b"Proxy-Authorization: ");
            bytes.extend_from_slice(auth.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(b"\r\n");
        Self {
            bytes,
            authority: authority.to_owned(),
        }
    }

    /// The `host:port` a tunnel to `uri` asks for (port 443 for `https`/`wss`, 80 for
    /// `http`/`ws` when the URI has none), or `None` without a host.
    pub fn authority_of(uri: &Uri) -> Option<String> {
        let host = uri.host()?;
        let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
            Some("http" | "ws") => 80,
            _ => 443,
        });
        Some(format!("{host}:{port}"))
    }

    /// The bytes to write to the proxy.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for TunnelRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TunnelRequest")
            .field("authority", &self.authority)
            .finish_non_exhaustive()
    }
}

/// What the bytes read so far from the proxy say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TunnelReply {
    /// The head is not complete yet: read more.
    Incomplete,
    /// The proxy answered 2xx: the tunnel is open after the head's `head_len` bytes.
    Established {
        /// The length of the head, its blank line included.
        head_len: usize,
    },
}

/// Why a tunnel could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TunnelError {
    /// The proxy wants other credentials (407).
    #[error("the proxy refused the credentials (HTTP 407)")]
    AuthenticationRequired,
    /// The proxy answered with another status than 2xx.
    #[error("the proxy refused the tunnel (HTTP {status})")]
    Refused {
        /// The proxy's status.
        status: StatusCode,
    },
    /// The reply head was longer than [`MAX_TUNNEL_REPLY_HEAD`].
    #[error("the proxy's reply head was longer than {limit} bytes")]
    HeadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The reply was not an HTTP/1 status line.
    #[error("the proxy's reply was not HTTP")]
    Malformed,
    /// The proxy closed the connection before the head was complete.
    #[error("the proxy closed the connection before answering")]
    Closed,
}

/// Reads the proxy's reply to a `CONNECT` from the bytes received so far.
///
/// # Errors
/// [`TunnelError`] for a refusal (any status but 2xx), a head over
/// [`MAX_TUNNEL_REPLY_HEAD`] bytes, or a reply that is not HTTP.
pub fn read_tunnel_reply(received: &[u8]) -> Result<TunnelReply, TunnelError> {
    let window = received.get(..MAX_TUNNEL_REPLY_HEAD).unwrap_or(received);
    let Some(end) = window.windows(4).position(|w| w == b"\r\n\r\n") else {
        // A status line that is already wrong need not wait for the rest.
        check_prefix(window)?;
        return if received.len() >= MAX_TUNNEL_REPLY_HEAD {
            Err(TunnelError::HeadTooLarge {
                limit: MAX_TUNNEL_REPLY_HEAD,
            })
        } else {
            Ok(TunnelReply::Incomplete)
        };
    };
    let head_len = end + 4;
    let line_end = window.windows(2).position(|w| w == b"\r\n").unwrap_or(end);
    let status = status_of(window.get(..line_end).unwrap_or_default())?;
    match status {
        status if status.is_success() => Ok(TunnelReply::Established { head_len }),
        StatusCode::PROXY_AUTHENTICATION_REQUIRED => Err(TunnelError::AuthenticationRequired),
        status => Err(TunnelError::Refused { status }),
    }
}

/// Fails early when the bytes so far cannot begin `HTTP/1.x `.
pub(crate) fn check_prefix(received: &[u8]) -> Result<(), TunnelError> {
    const PREFIX: &[u8] = b"HTTP/1.";
    let n = received.len().min(PREFIX.len());
    if received.get(..n) == PREFIX.get(..n) {
        Ok(())
    } else {
        Err(TunnelError::Malformed)
    }
}

/// The status of `HTTP/1.x SSS reason`.
pub(crate) fn status_of(line: &[u8]) -> Result<StatusCode, TunnelError> {
    let rest = line
        .strip_prefix(b"HTTP/1.")
        .ok_or(TunnelError::Malformed)?;
    let (minor, rest) = rest.split_first().ok_or(TunnelError::Malformed)?;
    if !matches!(minor, b'0' | b'1') {
        return Err(TunnelError::Malformed);
    }
    let rest = rest.strip_prefix(b" ").ok_or(TunnelError::Malformed)?;
    let code = rest.get(..3).ok_or(TunnelError::Malformed)?;
    if !code.iter().all(u8::is_ascii_digit) || !matches!(rest.get(3), None | Some(b' ')) {
        return Err(TunnelError::Malformed);
    }
    StatusCode::from_bytes(code).map_err(|_| TunnelError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_carries_credentials_that_debug_hides() {
        let proxy = ProxyServer::new("http://me:secret@proxy.corp.example:3128").expect("proxy");
        let request = TunnelRequest::new("pipeline.vrchat.cloud:443", &proxy);
        let text = String::from_utf8(request.as_bytes().to_vec()).expect("text");
        assert!(text.starts_with("CONNECT pipeline.vrchat.cloud:443 HTTP/1.1\r\n"));
        assert!(text.contains("\r\nProxy-Authorization: Basic bWU6c2VjcmV0\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
        assert!(!format!("{request:?}").contains("bWU6"));
    }

    #[test]
    fn the_authority_takes_the_scheme_s_port() {
        let uri = "wss://pipeline.vrchat.cloud/?authToken=x"
            .parse()
            .expect("uri");
        assert_eq!(
            TunnelRequest::authority_of(&uri).as_deref(),
            Some("pipeline.vrchat.cloud:443")
        );
    }

    #[test]
    fn a_reply_is_read_as_it_arrives() {
        assert_eq!(
            read_tunnel_reply(b"HTTP/1.1 200 Conn"),
            Ok(TunnelReply::Incomplete)
        );
        assert_eq!(
            read_tunnel_reply(b"HTTP/1.1 200 OK\r\n\r\n"),
            Ok(TunnelReply::Established { head_len: 19 })
        );
        assert_eq!(
            read_tunnel_reply(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"),
            Err(TunnelError::AuthenticationRequired)
        );
    }
    use proptest::prelude::*;

    #[test]
    fn the_request_without_credentials_has_no_authorization() {
        let proxy = ProxyServer::new("http://p:1").unwrap();
        let request = TunnelRequest::new("[::1]:8080", &proxy);
        assert_eq!(
            request.as_bytes(),
            b"CONNECT [::1]:8080 HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n"
        );
    }

    #[test]
    fn the_request_with_credentials_never_shows_them() {
        let proxy = ProxyServer::new("http://me:pa%20ss@p:1").unwrap();
        let request = TunnelRequest::new("h:443", &proxy);
        assert_eq!(
            request.as_bytes(),
            b"CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\nProxy-Authorization: Basic bWU6cGEgc3M=\r\n\r\n"
        );
        let shown = format!("{request:?}");
        assert!(
            !shown.contains("bWU6") && !shown.contains("pa ss"),
            "{shown}"
        );
    }

    #[test]
    fn authorities_take_the_scheme_port() {
        let of = |uri: &str| TunnelRequest::authority_of(&uri.parse().unwrap());
        assert_eq!(of("ws://127.0.0.1/p").as_deref(), Some("127.0.0.1:80"));
        assert_eq!(of("wss://h/").as_deref(), Some("h:443"));
        assert_eq!(of("http://[::1]:9/").as_deref(), Some("[::1]:9"));
        assert_eq!(of("/relative"), None);
    }

    #[test]
    fn statuses() {
        let read = |head: &str| read_tunnel_reply(head.as_bytes());
        assert_eq!(
            read("HTTP/1.0 204\r\nX: y\r\n\r\nextra"),
            Ok(TunnelReply::Established { head_len: 22 })
        );
        assert_eq!(
            read("HTTP/1.1 403 Forbidden\r\n\r\n"),
            Err(TunnelError::Refused {
                status: StatusCode::FORBIDDEN
            })
        );
        assert_eq!(
            read("HTTP/1.1 502 Bad Gateway\r\n\r\n"),
            Err(TunnelError::Refused {
                status: StatusCode::BAD_GATEWAY
            })
        );
        assert_eq!(
            read("HTTP/1.1 101 Switching\r\n\r\n"),
            Err(TunnelError::Refused {
                status: StatusCode::SWITCHING_PROTOCOLS
            })
        );
        for bad in [
            "HTTP/1.1 20 OK\r\n\r\n",
            "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1 099 x\r\n\r\n",
            "HTTP/2 200\r\n\r\n",
            "HTTP/1.1 abc\r\n\r\n",
            "SSH-2.0-x\r\n\r\n",
            "\r\n\r\n",
        ] {
            assert_eq!(read(bad), Err(TunnelError::Malformed), "{bad:?}");
        }
        assert_eq!(read("SSH-"), Err(TunnelError::Malformed));
        assert_eq!(read(""), Ok(TunnelReply::Incomplete));
        assert_eq!(read("HTTP/1.1 200 OK\r\n"), Ok(TunnelReply::Incomplete));
    }

    #[test]
    fn oversize_heads_are_refused() {
        let mut head = b"HTTP/1.1 200 OK\r\nX: ".to_vec();
        head.resize(MAX_TUNNEL_REPLY_HEAD, b'a');
        assert_eq!(
            read_tunnel_reply(&head),
            Err(TunnelError::HeadTooLarge {
                limit: MAX_TUNNEL_REPLY_HEAD
            })
        );
        head.truncate(MAX_TUNNEL_REPLY_HEAD - 1);
        assert_eq!(read_tunnel_reply(&head), Ok(TunnelReply::Incomplete));
        // A blank line past the limit does not count.
        head.resize(MAX_TUNNEL_REPLY_HEAD + 10, b'a');
        head.extend_from_slice(b"\r\n\r\n");
        assert!(read_tunnel_reply(&head).is_err());
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..10_000)) {
            let _ = read_tunnel_reply(&bytes);
        }

        #[test]
        fn every_prefix_of_a_good_head_is_incomplete(
            reason in "[A-Za-z ]{0,30}",
            headers in proptest::collection::vec(("[A-Za-z-]{1,12}", "[ -~]{0,40}"), 0..6),
            status in 200u16..300,
        ) {
            let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
            for (name, value) in &headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let bytes = head.as_bytes();
            for cut in 0..bytes.len() {
                prop_assert_eq!(read_tunnel_reply(&bytes[..cut]), Ok(TunnelReply::Incomplete));
            }
            prop_assert_eq!(
                read_tunnel_reply(bytes),
                Ok(TunnelReply::Established { head_len: bytes.len() })
            );
        }

        #[test]
        fn refusals_carry_their_status(status in 100u16..1000) {
            let head = format!("HTTP/1.1 {status} x\r\n\r\n");
            let reply = read_tunnel_reply(head.as_bytes());
            match status {
                200..=299 => prop_assert!(reply.is_ok()),
                407 => prop_assert_eq!(reply, Err(TunnelError::AuthenticationRequired)),
                _ => prop_assert_eq!(
                    reply,
                    Err(TunnelError::Refused { status: StatusCode::from_u16(status).unwrap() })
                ),
            }
        }
    }
}
