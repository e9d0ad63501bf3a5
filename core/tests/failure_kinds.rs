//! Sorting a transport's error chain into a `FailureKind`: the strongest kind any cause
//! names wins, I/O kinds are read inside wrapped I/O errors, and a chain is read to a bound.

use std::error::Error as StdError;
use std::fmt;
use std::io;

use proptest::prelude::*;
use vrchat_invite_core::transport::FailureKind;

/// One link of a made-up chain: a kind only the "transport" knows, or an I/O error of some
/// kind wrapping the rest of the chain.
#[derive(Debug)]
struct Own {
    kind: Option<FailureKind>,
    next: Option<Box<dyn StdError + Send + Sync>>,
}

impl fmt::Display for Own {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("own")
    }
}

impl StdError for Own {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.next
            .as_deref()
            .map(|next| next as &(dyn StdError + 'static))
    }
}

#[derive(Debug, Clone)]
enum Link {
    Own(Option<FailureKind>),
    Io(io::ErrorKind),
}

fn rank(kind: FailureKind) -> u8 {
    match kind {
        FailureKind::Tls => 5,
        FailureKind::Timeout => 4,
        FailureKind::BodyTooLarge => 3,
        FailureKind::Connect => 2,
        FailureKind::Disconnected => 1,
        _ => 0,
    }
}

fn own_kind() -> impl Strategy<Value = Option<FailureKind>> {
    prop_oneof![
        Just(None),
        Just(Some(FailureKind::Tls)),
        Just(Some(FailureKind::Timeout)),
        Just(Some(FailureKind::BodyTooLarge)),
        Just(Some(FailureKind::Connect)),
        Just(Some(FailureKind::Disconnected)),
    ]
}

fn io_kind() -> impl Strategy<Value = io::ErrorKind> {
    prop_oneof![
        Just(io::ErrorKind::ConnectionRefused),
        Just(io::ErrorKind::TimedOut),
        Just(io::ErrorKind::ConnectionReset),
        Just(io::ErrorKind::UnexpectedEof),
        Just(io::ErrorKind::InvalidData),
        Just(io::ErrorKind::Other),
    ]
}

fn link() -> impl Strategy<Value = Link> {
    prop_oneof![own_kind().prop_map(Link::Own), io_kind().prop_map(Link::Io)]
}

/// The chain, outermost first.
fn build(links: &[Link]) -> Box<dyn StdError + Send + Sync> {
    let mut chain: Option<Box<dyn StdError + Send + Sync>> = None;
    for link in links.iter().rev() {
        chain = Some(match link {
            Link::Own(kind) => Box::new(Own {
                kind: *kind,
                next: chain.take(),
            }),
            Link::Io(kind) => match chain.take() {
                Some(inner) => Box::new(io::Error::new(*kind, inner)),
                None => Box::new(io::Error::from(*kind)),
            },
        });
    }
    chain.unwrap_or_else(|| Box::new(io::Error::other("empty")))
}

fn expected(links: &[Link]) -> FailureKind {
    links
        .iter()
        .filter_map(|link| match link {
            Link::Own(kind) => *kind,
            Link::Io(kind) => FailureKind::of_io(*kind),
        })
        .max_by_key(|kind| rank(*kind))
        .unwrap_or(FailureKind::Other)
}

fn sort(error: &(dyn StdError + 'static)) -> FailureKind {
    FailureKind::of_chain(error, |cause| {
        cause.downcast_ref::<Own>().and_then(|own| own.kind)
    })
}

proptest! {
    #[test]
    fn the_strongest_kind_in_the_chain_wins(links in prop::collection::vec(link(), 1..12)) {
        let chain = build(&links);
        prop_assert_eq!(sort(&*chain), expected(&links));
    }
}

#[test]
fn a_very_long_chain_is_read_to_a_bound() {
    let mut links = vec![Link::Own(None); 200];
    links.push(Link::Own(Some(FailureKind::Tls)));
    let chain = build(&links);
    assert_eq!(
        sort(&*chain),
        FailureKind::Other,
        "the TLS cause lies past the bound"
    );
    let short = build(&links[150..]);
    assert_eq!(sort(&*short), FailureKind::Tls);
}
