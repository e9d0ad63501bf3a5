//! Sorting a transport's error into a [`FailureKind`], by what its chain of causes says.

use std::error::Error as StdError;
use std::io;

use super::error::FailureKind;

/// How many causes are looked at, in case a chain ever loops.
const CAUSE_LIMIT: usize = 64;

impl FailureKind {
    /// What an I/O error of this kind means for an exchange, if anything.
    pub fn of_io(kind: io::ErrorKind) -> Option<Self> {
        use io::ErrorKind as K;
        match kind {
            K::ConnectionRefused
            | K::AddrNotAvailable
            | K::HostUnreachable
            | K::NetworkUnreachable
            | K::NotConnected => Some(Self::Connect),
            K::TimedOut | K::WouldBlock => Some(Self::Timeout),
            K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof | K::BrokenPipe => {
                Some(Self::Disconnected)
            }
            _ => None,
        }
    }

    /// Sorts `error` by its chain of causes (looking inside I/O errors too, whose `source`
    /// skips the error they wrap). `own` names the kind of a cause only the transport knows
    /// (its client's errors, a TLS library's); I/O kinds are read here. When causes say
    /// several things, TLS wins over timeout, over body size, over connect, over a lost
    /// connection; nothing known is [`FailureKind::Other`].
    ///
    /// ```
    /// use vrchat_invite_core::transport::FailureKind;
    /// let reset = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
    /// assert_eq!(FailureKind::of_chain(&reset, |_| None), FailureKind::Disconnected);
    /// let odd = std::io::Error::other("odd");
    /// assert_eq!(FailureKind::of_chain(&odd, |_| None), FailureKind::Other);
    /// ```
    pub fn of_chain(
        error: &(dyn StdError + 'static),
        own: impl Fn(&(dyn StdError + 'static)) -> Option<Self>,
    ) -> Self {
        let mut found: Option<Self> = None;
        let mut next = Some(error);
        for _ in 0..CAUSE_LIMIT {
            let Some(cause) = next else { break };
            let io = cause.downcast_ref::<io::Error>();
            let kind = own(cause).or_else(|| io.and_then(|io| Self::of_io(io.kind())));
            if let Some(kind) = kind {
                found = Some(found.map_or(kind, |known| known.stronger(kind)));
            }
            next = match io.and_then(io::Error::get_ref) {
                Some(inner) => Some(inner),
                None => cause.source(),
            };
        }
        found.unwrap_or(Self::Other)
    }

    /// Whichever of the two says more (see [`FailureKind::of_chain`]).
    fn stronger(self, other: Self) -> Self {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }

    fn rank(self) -> u8 {
        match self {
            Self::Other => 0,
            Self::Disconnected => 1,
            Self::Connect => 2,
            Self::BodyTooLarge => 3,
            Self::Timeout => 4,
            Self::Tls => 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("tls")]
    struct FakeTls;

    #[test]
    fn a_cause_inside_an_io_error_is_found_and_tls_wins() {
        let wrapped = io::Error::new(io::ErrorKind::ConnectionReset, FakeTls);
        let own =
            |cause: &(dyn StdError + 'static)| cause.is::<FakeTls>().then_some(FailureKind::Tls);
        assert_eq!(FailureKind::of_chain(&wrapped, own), FailureKind::Tls);
        assert_eq!(
            FailureKind::of_chain(&wrapped, |_| None),
            FailureKind::Disconnected
        );
    }

    #[test]
    fn io_kinds_sort_as_the_transports_need() {
        assert_eq!(
            FailureKind::of_io(io::ErrorKind::ConnectionRefused),
            Some(FailureKind::Connect)
        );
        assert_eq!(
            FailureKind::of_io(io::ErrorKind::TimedOut),
            Some(FailureKind::Timeout)
        );
        assert_eq!(
            FailureKind::of_io(io::ErrorKind::UnexpectedEof),
            Some(FailureKind::Disconnected)
        );
        assert_eq!(FailureKind::of_io(io::ErrorKind::InvalidData), None);
    }

    #[test]
    fn connect_wins_over_a_lost_connection() {
        #[derive(Debug, thiserror::Error)]
        #[error("outer")]
        struct Outer(#[source] io::Error);
        let error = Outer(io::Error::from(io::ErrorKind::BrokenPipe));
        let own =
            |cause: &(dyn StdError + 'static)| cause.is::<Outer>().then_some(FailureKind::Connect);
        assert_eq!(FailureKind::of_chain(&error, own), FailureKind::Connect);
    }
}
