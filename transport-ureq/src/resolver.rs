//! Name resolution that skips the lookup for IP-literal hosts.
//!
//! With a timeout set, ureq's default resolver runs every lookup on a new thread so that
//! it can give up in time, even when the host is already an address such as `127.0.0.1`.
//! Addresses need no lookup, so this resolver answers them at once and hands real names
//! to ureq's default resolver. (It uses ureq's `unversioned` resolver interface.)

use std::net::{IpAddr, SocketAddr};

use http::Uri;
use ureq::config::Config;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// Answers IP-literal hosts directly; asks ureq's default resolver for names.
#[derive(Debug, Default)]
pub(crate) struct LiteralFirstResolver {
    names: DefaultResolver,
}

impl Resolver for LiteralFirstResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        match literal_address(uri) {
            Some(address) => {
                let mut addresses = self.empty();
                addresses.push(address);
                Ok(addresses)
            }
            None => self.names.resolve(uri, config, timeout),
        }
    }
}

/// The socket address of a URI whose host is an IP address (`127.0.0.1`, `[::1]`).
fn literal_address(uri: &Uri) -> Option<SocketAddr> {
    let host = uri.host()?;
    let host = host
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(host);
    let ip: IpAddr = host.parse().ok()?;
    let port = uri.port_u16().or(match uri.scheme_str()? {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    })?;
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(uri: &str) -> Option<SocketAddr> {
        literal_address(&uri.parse().expect("uri"))
    }

    #[test]
    fn addresses_resolve_without_a_lookup() {
        assert_eq!(
            address("http://127.0.0.1:8080/api/1"),
            Some(([127, 0, 0, 1], 8080).into())
        );
        assert_eq!(
            address("https://10.0.0.2/x"),
            Some(([10, 0, 0, 2], 443).into())
        );
        assert_eq!(
            address("http://[::1]/x"),
            Some(SocketAddr::new(
                IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
                80
            ))
        );
    }

    #[test]
    fn names_are_left_to_the_default_resolver() {
        assert_eq!(address("https://api.vrchat.cloud/api/1"), None);
        assert_eq!(address("http://localhost:80/"), None);
    }
}
