//! Reading a proxy's reply to `CONNECT` a byte at a time, so that nothing after its head is
//! taken from the socket (the tunnelled bytes that follow belong to TLS or the websocket).

use super::tunnel::{MAX_TUNNEL_REPLY_HEAD, TunnelError, TunnelReply, read_tunnel_reply};

/// The proxy's reply head, as far as it has arrived.
///
/// ```
/// use vrchat_invite_core::proxy::{TunnelError, TunnelReader};
/// let mut reader = TunnelReader::new();
/// let mut outcome = None;
/// for byte in b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n" {
///     outcome = reader.push(*byte);
///     if outcome.is_some() { break; }
/// }
/// assert_eq!(outcome, Some(Err(TunnelError::AuthenticationRequired)));
/// ```
#[derive(Debug, Default)]
pub struct TunnelReader {
    head: Vec<u8>,
}

impl TunnelReader {
    /// Nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the next byte of the reply; `Some` once the tunnel is open (`Ok`) or refused,
    /// including a head that grew past [`MAX_TUNNEL_REPLY_HEAD`] without ending.
    pub fn push(&mut self, byte: u8) -> Option<Result<(), TunnelError>> {
        self.head.push(byte);
        if !self.head.ends_with(b"\r\n\r\n") && self.head.len() < MAX_TUNNEL_REPLY_HEAD {
            return None;
        }
        Some(match read_tunnel_reply(&self.head) {
            Ok(TunnelReply::Established { .. }) => Ok(()),
            Ok(TunnelReply::Incomplete) => Err(TunnelError::Malformed),
            Err(error) => Err(error),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(bytes: &[u8]) -> (Option<Result<(), TunnelError>>, usize) {
        let mut reader = TunnelReader::new();
        for (index, byte) in bytes.iter().enumerate() {
            if let Some(outcome) = reader.push(*byte) {
                return (Some(outcome), index + 1);
            }
        }
        (None, bytes.len())
    }

    #[test]
    fn stops_at_the_end_of_the_head() {
        let reply = b"HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01";
        let (outcome, taken) = feed(reply);
        assert_eq!(outcome, Some(Ok(())));
        assert_eq!(
            taken,
            reply.len() - 3,
            "the TLS bytes after the head stay unread"
        );
    }

    #[test]
    fn an_endless_head_is_malformed_at_the_limit() {
        let endless = vec![b'a'; MAX_TUNNEL_REPLY_HEAD + 10];
        let (outcome, taken) = feed(&endless);
        assert!(matches!(outcome, Some(Err(_))), "{outcome:?}");
        assert_eq!(taken, MAX_TUNNEL_REPLY_HEAD);
    }

    #[test]
    fn a_half_head_is_undecided() {
        assert_eq!(feed(b"HTTP/1.1 200 OK\r\n").0, None);
    }
}
