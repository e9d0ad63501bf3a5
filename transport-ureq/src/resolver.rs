//! Name resolution that looks a host up once a minute, not once per request.
//!
//! ureq asks its resolver for the host's addresses before every request, even one that
//! goes out on a pooled connection, and with a timeout set its default resolver runs each
//! lookup on a new thread so that it can give up in time. So this resolver answers
//! IP-literal hosts at once and keeps a name's addresses for [`LIFETIME`]: a request within
//! it costs neither a thread nor a DNS lookup. A lookup that is due goes to ureq's default
//! resolver, bounded by the exchange's timeout as before. A failed exchange forgets every
//! name ([`CachingResolver::forget_all`]), so the next request looks its host up afresh.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use http::Uri;
use ureq::config::Config;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long a name's addresses are used before the name is looked up again (as long as
/// browsers keep them).
pub(crate) const LIFETIME: Duration = Duration::from_secs(60);

/// How many names are kept; the client talks to one API host and perhaps a proxy.
const CAPACITY: usize = 8;

/// A resolver whose clones share one cache (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct CachingResolver {
    cache: Arc<Cache>,
}

#[derive(Debug, Default)]
struct Cache {
    names: Mutex<Vec<Resolved>>,
    lookups: AtomicUsize,
    lookup: DefaultResolver,
}

#[derive(Debug)]
struct Resolved {
    host: String,
    port: u16,
    addresses: ResolvedSocketAddrs,
    at: Instant,
}

impl CachingResolver {
    /// Forgets every name, so the next request to each looks it up again.
    pub(crate) fn forget_all(&self) {
        self.names().clear();
    }

    /// How many lookups went to ureq's default resolver (each on a thread of its own).
    #[cfg(test)]
    pub(crate) fn lookups(&self) -> usize {
        self.cache.lookups.load(Ordering::Relaxed)
    }

    fn names(&self) -> std::sync::MutexGuard<'_, Vec<Resolved>> {
        self.cache
            .names
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn cached(&self, host: &str, port: u16, now: Instant) -> Option<ResolvedSocketAddrs> {
        self.names()
            .iter()
            .find(|name| name.host == host && name.port == port)
            .filter(|name| now.saturating_duration_since(name.at) < LIFETIME)
            .map(|name| name.addresses.clone())
    }

    fn remember(&self, host: &str, port: u16, addresses: &ResolvedSocketAddrs, at: Instant) {
        let mut names = self.names();
        names.retain(|name| {
            !(name.host == host && name.port == port)
                && at.saturating_duration_since(name.at) < LIFETIME
        });
        if names.len() >= CAPACITY {
            names.remove(0);
        }
        names.push(Resolved {
            host: host.to_owned(),
            port,
            addresses: addresses.clone(),
            at,
        });
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(host), Some(port)) = (uri.host(), port_of(uri)) else {
            // Not a URL ureq can reach; its own resolver says why.
            return self.cache.lookup.resolve(uri, config, timeout);
        };
        let host = host
            .strip_prefix('[')
            .and_then(|inner| inner.strip_suffix(']'))
            .unwrap_or(host);
        if let Ok(ip) = host.parse::<IpAddr>() {
            let address = SocketAddr::new(ip, port);
            let family = config.ip_family();
            if family.keep_wanted(std::iter::once(address)).count() == 0 {
                return Err(ureq::Error::HostNotFound);
            }
            let mut addresses = self.empty();
            addresses.push(address);
            return Ok(addresses);
        }
        let now = Instant::now();
        if let Some(addresses) = self.cached(host, port, now) {
            return Ok(addresses);
        }
        self.cache.lookups.fetch_add(1, Ordering::Relaxed);
        let addresses = self.cache.lookup.resolve(uri, config, timeout)?;
        self.remember(host, port, &addresses, now);
        Ok(addresses)
    }
}

/// The URI's port, or its scheme's default.
fn port_of(uri: &Uri) -> Option<u16> {
    uri.port_u16().or(match uri.scheme_str()? {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(resolver: &CachingResolver, uri: &str) -> Vec<SocketAddr> {
        let uri: Uri = uri.parse().expect("uri");
        let timeout = NextTimeout {
            after: Duration::from_secs(5).into(),
            ..NextTimeout::default()
        };
        let addresses = resolver
            .resolve(&uri, &Config::default(), timeout)
            .expect("resolved");
        addresses.to_vec()
    }

    #[test]
    fn addresses_need_no_lookup() {
        let resolver = CachingResolver::default();
        assert_eq!(
            resolve(&resolver, "http://127.0.0.1:8080/api/1"),
            [SocketAddr::from(([127, 0, 0, 1], 8080))]
        );
        assert_eq!(
            resolve(&resolver, "https://[::1]/x"),
            [SocketAddr::from(([0u16, 0, 0, 0, 0, 0, 0, 1], 443))]
        );
        assert_eq!(resolver.lookups(), 0);
    }

    #[test]
    fn a_name_is_looked_up_once_until_forgotten() {
        let resolver = CachingResolver::default();
        let first = resolve(&resolver, "http://localhost:8080/a");
        assert!(first.iter().all(|address| address.ip().is_loopback()));
        assert!(first.iter().all(|address| address.port() == 8080));
        assert_eq!(resolve(&resolver, "http://localhost:8080/b"), first);
        assert_eq!(resolver.lookups(), 1);
        // Another port is another entry; clones share the cache.
        resolve(&resolver.clone(), "http://localhost:8081/");
        assert_eq!(resolver.lookups(), 2);
        resolver.forget_all();
        resolve(&resolver, "http://localhost:8080/a");
        assert_eq!(resolver.lookups(), 3);
    }

    #[test]
    fn addresses_expire_after_their_lifetime() {
        let resolver = CachingResolver::default();
        let now = Instant::now();
        let mut addresses = resolver.empty();
        addresses.push(SocketAddr::from(([192, 0, 2, 1], 443)));
        resolver.remember("api.example", 443, &addresses, now);
        assert_eq!(resolver.cached("api.example", 443, now), Some(addresses));
        assert_eq!(resolver.cached("api.example", 80, now), None);
        assert_eq!(resolver.cached("api.example", 443, now + LIFETIME), None);
    }

    #[test]
    fn the_cache_stays_small() {
        let resolver = CachingResolver::default();
        let now = Instant::now();
        let addresses = resolver.empty();
        for port in 0..(3 * CAPACITY as u16) {
            resolver.remember("api.example", port, &addresses, now);
        }
        assert_eq!(resolver.names().len(), CAPACITY);
        let last = 3 * CAPACITY as u16 - 1;
        assert!(resolver.cached("api.example", last, now).is_some());
        assert!(resolver.cached("api.example", 0, now).is_none());
    }
}
