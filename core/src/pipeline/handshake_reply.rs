//! The server's answer to the websocket handshake, read a byte at a time (so nothing after
//! its head, which belongs to the websocket, is taken) and checked as RFC 6455 asks of a
//! client.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::StatusCode;

use crate::pipeline::ConnectFailure;
use crate::proxy::{check_prefix, status_of};

/// The largest handshake reply head read before giving up, in bytes.
pub const MAX_HANDSHAKE_REPLY_HEAD: usize = 8192;

/// What RFC 6455 appends to the key before hashing it into `Sec-WebSocket-Accept`.
const ACCEPT_GUID: &[u8] = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// Why the reply to the handshake opens no websocket.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HandshakeReplyError {
    /// The server answered with another status than `101` (401 and 403 refuse the token).
    #[error("the pipeline answered the handshake with HTTP {0}")]
    Status(StatusCode),
    /// The reply is not an HTTP/1 response head.
    #[error("the pipeline's handshake reply is not HTTP")]
    Malformed,
    /// The head was longer than [`MAX_HANDSHAKE_REPLY_HEAD`].
    #[error("the pipeline's handshake reply head was longer than {limit} bytes")]
    HeadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The connection closed before the head was complete.
    #[error("the pipeline closed the connection before answering the handshake")]
    Closed,
    /// No `Upgrade: websocket`.
    #[error("the pipeline's handshake reply does not upgrade to websocket")]
    NoUpgrade,
    /// No `Connection: upgrade`.
    #[error("the pipeline's handshake reply has no `Connection: upgrade`")]
    NoConnectionUpgrade,
    /// `Sec-WebSocket-Accept` is missing or does not answer the key sent.
    #[error("the pipeline's handshake reply does not answer the key sent")]
    WrongAccept,
    /// The reply turns on an extension or subprotocol the client did not ask for.
    #[error("the pipeline's handshake reply turns on `{header}`, which was not asked for")]
    Unrequested {
        /// The header (`sec-websocket-extensions` or `sec-websocket-protocol`).
        header: &'static str,
    },
}

impl From<HandshakeReplyError> for ConnectFailure {
    /// A status is [`ConnectFailure::Status`] (the watch ends on 401 and 403); anything else
    /// is [`ConnectFailure::Other`].
    fn from(error: HandshakeReplyError) -> Self {
        match error {
            HandshakeReplyError::Status(status) => Self::Status(status),
            other => Self::Other(Box::new(other)),
        }
    }
}

/// The reply to a websocket handshake, as far as it has arrived.
///
/// Made for the key that was sent, with the SHA-1 function the transport has (the core
/// carries no hash); [`HandshakeReader::push`] takes one byte at a time and decides at the
/// end of the head, so the bytes after it stay on the connection for the websocket.
///
/// ```
/// use vrchat_invite_core::pipeline::HandshakeReader;
/// use vrchat_invite_core::pipeline::HandshakeReplyError;
/// # fn sha1(_: &[u8]) -> [u8; 20] { [0; 20] }
/// let mut reader = HandshakeReader::new("dGhlIHNhbXBsZSBub25jZQ==", sha1);
/// let mut outcome = None;
/// for byte in b"HTTP/1.1 401 Unauthorized\r\n\r\n" {
///     outcome = reader.push(*byte);
///     if outcome.is_some() { break; }
/// }
/// assert_eq!(outcome, Some(Err(HandshakeReplyError::Status(http::StatusCode::UNAUTHORIZED))));
/// ```
#[derive(Debug)]
pub struct HandshakeReader {
    head: Vec<u8>,
    accept: String,
}

impl HandshakeReader {
    /// A reader for the reply to a handshake that sent `key` as `Sec-WebSocket-Key`;
    /// `sha1` is SHA-1 (such as `ring::digest::SHA1_FOR_LEGACY_USE_ONLY`).
    pub fn new(key: &str, sha1: impl FnOnce(&[u8]) -> [u8; 20]) -> Self {
        let mut input = Vec::with_capacity(key.len() + ACCEPT_GUID.len());
        input.extend_from_slice(key.as_bytes());
        input.extend_from_slice(ACCEPT_GUID);
        Self {
            head: Vec::new(),
            accept: STANDARD.encode(sha1(&input)),
        }
    }

    /// Takes the next byte of the reply; `Some` once the head is complete (`Ok` when it
    /// opens the websocket) or cannot be one, including a head that grew past
    /// [`MAX_HANDSHAKE_REPLY_HEAD`] without ending.
    pub fn push(&mut self, byte: u8) -> Option<Result<(), HandshakeReplyError>> {
        self.head.push(byte);
        if self.head.ends_with(b"\r\n\r\n") {
            return Some(self.check());
        }
        if check_prefix(&self.head).is_err() {
            return Some(Err(HandshakeReplyError::Malformed));
        }
        (self.head.len() >= MAX_HANDSHAKE_REPLY_HEAD).then_some(Err(
            HandshakeReplyError::HeadTooLarge {
                limit: MAX_HANDSHAKE_REPLY_HEAD,
            },
        ))
    }

    /// Checks the complete head.
    fn check(&self) -> Result<(), HandshakeReplyError> {
        // Every line, the last included, then ends with its `\r`.
        let head = self.head.strip_suffix(b"\n\r\n").unwrap_or(&self.head);
        let mut lines = head.split(|&b| b == b'\n').map(|line| {
            line.strip_suffix(b"\r")
                .ok_or(HandshakeReplyError::Malformed)
        });
        let status_line = lines.next().ok_or(HandshakeReplyError::Malformed)??;
        let status = status_of(status_line).map_err(|_| HandshakeReplyError::Malformed)?;
        if status != StatusCode::SWITCHING_PROTOCOLS {
            return Err(HandshakeReplyError::Status(status));
        }
        let (mut upgrade, mut connection, mut accept) = (false, false, false);
        for line in lines {
            let (name, value) = header(line?)?;
            if name.eq_ignore_ascii_case(b"upgrade") {
                upgrade |= value.eq_ignore_ascii_case(b"websocket");
            } else if name.eq_ignore_ascii_case(b"connection") {
                connection |= value
                    .split(|&b| b == b',')
                    .any(|token| token.trim_ascii().eq_ignore_ascii_case(b"upgrade"));
            } else if name.eq_ignore_ascii_case(b"sec-websocket-accept") {
                accept |= value == self.accept.as_bytes();
            } else if !value.is_empty() {
                for unrequested in ["sec-websocket-extensions", "sec-websocket-protocol"] {
                    if name.eq_ignore_ascii_case(unrequested.as_bytes()) {
                        return Err(HandshakeReplyError::Unrequested {
                            header: unrequested,
                        });
                    }
                }
            }
        }
        match (upgrade, connection, accept) {
            (false, _, _) => Err(HandshakeReplyError::NoUpgrade),
            (_, false, _) => Err(HandshakeReplyError::NoConnectionUpgrade),
            (_, _, false) => Err(HandshakeReplyError::WrongAccept),
            _ => Ok(()),
        }
    }
}

/// A header line's name and value (without surrounding blanks).
fn header(line: &[u8]) -> Result<(&[u8], &[u8]), HandshakeReplyError> {
    let colon = line
        .iter()
        .position(|&b| b == b':')
        .ok_or(HandshakeReplyError::Malformed)?;
    let (name, value) = line.split_at(colon);
    let value = value.get(1..).unwrap_or_default();
    if name.is_empty() || name.iter().any(|b| b.is_ascii_whitespace()) {
        return Err(HandshakeReplyError::Malformed);
    }
    Ok((name, value.trim_ascii()))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn sha1(bytes: &[u8]) -> [u8; 20] {
        let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, bytes);
        let mut out = [0; 20];
        out.copy_from_slice(digest.as_ref());
        out
    }

    /// The key and accept of RFC 6455's example.
    const KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";
    const ACCEPT: &str = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    fn reply(headers: &str) -> String {
        format!("HTTP/1.1 101 Switching Protocols\r\n{headers}\r\n")
    }

    fn good() -> String {
        reply(&format!(
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {ACCEPT}\r\n"
        ))
    }

    /// Feeds `bytes` one at a time: the outcome and how many bytes were taken.
    fn feed(bytes: &[u8]) -> (Option<Result<(), HandshakeReplyError>>, usize) {
        let mut reader = HandshakeReader::new(KEY, sha1);
        for (index, byte) in bytes.iter().enumerate() {
            if let Some(outcome) = reader.push(*byte) {
                return (Some(outcome), index + 1);
            }
        }
        (None, bytes.len())
    }

    #[test]
    fn a_good_reply_opens_and_leaves_the_frames_after_it() {
        let head = good();
        // A text frame the server sent right behind its head.
        let mut bytes = head.clone().into_bytes();
        bytes.extend_from_slice(b"\x81\x02hi");
        assert_eq!(feed(&bytes), (Some(Ok(())), head.len()));
    }

    #[test]
    fn a_dripped_reply_is_undecided_until_its_blank_line() {
        let head = good();
        let (outcome, taken) = feed(&head.as_bytes()[..head.len() - 1]);
        assert_eq!((outcome, taken), (None, head.len() - 1));
    }

    #[test]
    fn names_and_values_are_read_without_regard_to_case_and_blanks() {
        let head = reply(&format!(
            "upgrade:WebSocket\r\nCONNECTION:  keep-alive, upgrade \r\nsec-websocket-accept:\t{ACCEPT}\r\nServer: x\r\n"
        ));
        assert_eq!(feed(head.as_bytes()).0, Some(Ok(())));
    }

    #[test]
    fn a_reply_that_does_not_answer_the_key_is_refused() {
        let wrong = good().replace(ACCEPT, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assert_eq!(
            feed(wrong.as_bytes()).0,
            Some(Err(HandshakeReplyError::WrongAccept))
        );
        let missing = reply("Upgrade: websocket\r\nConnection: Upgrade\r\n");
        assert_eq!(
            feed(missing.as_bytes()).0,
            Some(Err(HandshakeReplyError::WrongAccept))
        );
    }

    #[test]
    fn a_reply_without_the_upgrade_is_refused() {
        let accept = format!("Sec-WebSocket-Accept: {ACCEPT}\r\n");
        let no_upgrade = reply(&format!("Connection: Upgrade\r\n{accept}"));
        assert_eq!(
            feed(no_upgrade.as_bytes()).0,
            Some(Err(HandshakeReplyError::NoUpgrade))
        );
        let other = reply(&format!("Upgrade: h2c\r\nConnection: Upgrade\r\n{accept}"));
        assert_eq!(
            feed(other.as_bytes()).0,
            Some(Err(HandshakeReplyError::NoUpgrade))
        );
        let no_connection = reply(&format!("Upgrade: websocket\r\n{accept}"));
        assert_eq!(
            feed(no_connection.as_bytes()).0,
            Some(Err(HandshakeReplyError::NoConnectionUpgrade))
        );
    }

    #[test]
    fn an_extension_not_asked_for_is_refused() {
        let head = good().replace(
            "\r\n\r\n",
            "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n",
        );
        assert_eq!(
            feed(head.as_bytes()).0,
            Some(Err(HandshakeReplyError::Unrequested {
                header: "sec-websocket-extensions"
            }))
        );
    }

    #[test]
    fn another_status_is_reported_as_the_status() {
        let head = "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n";
        let (outcome, taken) = feed(format!("{head}rest").as_bytes());
        assert_eq!(
            outcome,
            Some(Err(HandshakeReplyError::Status(StatusCode::UNAUTHORIZED)))
        );
        assert_eq!(taken, head.len());
        let failure = ConnectFailure::from(HandshakeReplyError::Status(StatusCode::FORBIDDEN));
        assert!(matches!(
            failure,
            ConnectFailure::Status(StatusCode::FORBIDDEN)
        ));
        let other = ConnectFailure::from(HandshakeReplyError::WrongAccept);
        let ConnectFailure::Other(error) = other else {
            panic!("{other:?}");
        };
        assert_eq!(
            error.downcast_ref::<HandshakeReplyError>(),
            Some(&HandshakeReplyError::WrongAccept)
        );
    }

    #[test]
    fn a_head_too_large_or_not_http_ends_the_reading() {
        let endless = [
            b"HTTP/1.1 101 OK\r\n".as_slice(),
            &[b'a'; MAX_HANDSHAKE_REPLY_HEAD],
        ]
        .concat();
        let (outcome, taken) = feed(&endless);
        assert_eq!(
            outcome,
            Some(Err(HandshakeReplyError::HeadTooLarge {
                limit: MAX_HANDSHAKE_REPLY_HEAD
            }))
        );
        assert_eq!(taken, MAX_HANDSHAKE_REPLY_HEAD);
        assert_eq!(
            feed(b"SSH-2.0").0,
            Some(Err(HandshakeReplyError::Malformed))
        );
        let bare_lf = good().replace("\r\nConnection", "\nConnection");
        assert_eq!(
            feed(bare_lf.as_bytes()).0,
            Some(Err(HandshakeReplyError::Malformed))
        );
        let no_colon = good().replace("Connection: Upgrade", "Connection Upgrade");
        assert_eq!(
            feed(no_colon.as_bytes()).0,
            Some(Err(HandshakeReplyError::Malformed))
        );
    }

    proptest! {
        /// Any bytes: never a panic, never more than the limit read, and `Ok` only for a
        /// head that carries the right accept.
        #[test]
        fn any_reply_is_decided_safely(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let (outcome, taken) = feed(&bytes);
            prop_assert!(taken <= MAX_HANDSHAKE_REPLY_HEAD);
            if outcome == Some(Ok(())) {
                let head = String::from_utf8_lossy(&bytes[..taken]);
                prop_assert!(head.contains(ACCEPT), "{}", head);
            }
        }

        /// A good reply with its headers in any order, with any other headers, opens.
        #[test]
        fn a_good_reply_opens_in_any_order(
            order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
            extra in "[A-Za-z-]{1,12}: [ -~]{0,20}",
        ) {
            let headers = [
                "Upgrade: websocket".to_owned(),
                "Connection: Upgrade".to_owned(),
                format!("Sec-WebSocket-Accept: {ACCEPT}"),
                extra,
            ];
            prop_assume!(!headers[3].to_ascii_lowercase().starts_with("sec-websocket"));
            let lines: String = order.iter().map(|&i| format!("{}\r\n", headers[i])).collect();
            prop_assert_eq!(feed(reply(&lines).as_bytes()).0, Some(Ok(())));
        }
    }
}
