//! `NO_PROXY`: the hosts reached directly, and the loopback rule.

use std::net::IpAddr;

/// A `NO_PROXY` list, read as reqwest and curl read it: comma-separated entries, each `*`
/// (every host), an IP address, an IP network (`10.0.0.0/8`), or a domain that matches
/// itself and its subdomains (`example.com` and `.example.com` alike). Case does not
/// matter; ports in entries are ignored.
///
/// ```
/// use vrchat_invite_core::proxy::NoProxy;
/// let list = NoProxy::parse("corp.example, 10.0.0.0/8, ::1");
/// assert!(list.matches("api.corp.example"));
/// assert!(list.matches("10.1.2.3"));
/// assert!(!list.matches("api.vrchat.cloud"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoProxy {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    All,
    Network { base: IpAddr, prefix: u8 },
    Domain(String),
}

impl NoProxy {
    /// Reads a `NO_PROXY` value; entries that mean nothing are skipped.
    pub fn parse(list: &str) -> Self {
        let entries = list
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .filter_map(parse_entry)
            .collect();
        Self { entries }
    }

    /// Whether `host` (a name, an IP address, or an IPv6 address in brackets) is reached
    /// directly.
    pub fn matches(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let ip = parse_ip(&host);
        self.entries.iter().any(|entry| match entry {
            Entry::All => true,
            Entry::Network { base, prefix } => ip.is_some_and(|ip| in_network(ip, *base, *prefix)),
            Entry::Domain(domain) => {
                ip.is_none()
                    && (host == *domain
                        || host
                            .strip_suffix(domain.as_str())
                            .is_some_and(|head| head.ends_with('.')))
            }
        })
    }
}

/// Whether `host` is this machine: `localhost`, `*.localhost`, `127.0.0.0/8` or `::1`.
/// Such hosts never go through a proxy taken from the environment.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    match parse_ip(&host) {
        Some(ip) => ip.is_loopback(),
        None => host == "localhost" || host.ends_with(".localhost"),
    }
}

fn parse_ip(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse().ok()
}

fn parse_entry(entry: &str) -> Option<Entry> {
    if entry == "*" {
        return Some(Entry::All);
    }
    let entry = entry.to_ascii_lowercase();
    if let Some((base, prefix)) = entry.split_once('/') {
        let base = parse_ip(base)?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.parse::<u8>().ok().filter(|p| *p <= max)?;
        return Some(Entry::Network { base, prefix });
    }
    if let Some(ip) = parse_ip(&entry) {
        let prefix = if ip.is_ipv4() { 32 } else { 128 };
        return Some(Entry::Network { base: ip, prefix });
    }
    // A port after a name is ignored: `example.com:8080` is `example.com`.
    let name = entry.split(':').next().unwrap_or_default();
    let name = name
        .trim_start_matches("*.")
        .trim_start_matches('.')
        .trim_end_matches('.');
    (!name.is_empty()).then(|| Entry::Domain(name.to_owned()))
}

fn in_network(ip: IpAddr, base: IpAddr, prefix: u8) -> bool {
    match (ip, base) {
        (IpAddr::V4(ip), IpAddr::V4(base)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            u32::from(ip) & mask == u32::from(base) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(base)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            u128::from(ip) & mask == u128::from(base) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_match_themselves_and_subdomains_only() {
        let list = NoProxy::parse("example.com, .corp.test, *.wild.test, other.test:8080");
        for host in [
            "example.com",
            "EXAMPLE.com.",
            "a.example.com",
            "corp.test",
            "x.corp.test",
            "y.wild.test",
            "other.test",
        ] {
            assert!(list.matches(host), "{host}");
        }
        for host in ["badexample.com", "example.com.evil", "test", "10.0.0.1"] {
            assert!(!list.matches(host), "{host}");
        }
    }

    #[test]
    fn networks_and_addresses() {
        let list = NoProxy::parse("10.0.0.0/8,192.168.1.7, fd00::/8, [::2]");
        assert!(list.matches("10.200.3.4"));
        assert!(list.matches("192.168.1.7"));
        assert!(!list.matches("192.168.1.8"));
        assert!(list.matches("[fd12::1]"));
        assert!(list.matches("::2"));
        assert!(!list.matches("11.0.0.1"));
        assert!(NoProxy::parse("0.0.0.0/0").matches("8.8.8.8"));
        assert!(
            !NoProxy::parse("1.2.3.4/33").matches("1.2.3.4"),
            "a bad prefix is skipped"
        );
    }

    #[test]
    fn star_matches_everything_and_empty_nothing() {
        assert!(NoProxy::parse(" * ").matches("api.vrchat.cloud"));
        assert!(!NoProxy::parse(" , ,").matches("api.vrchat.cloud"));
    }

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "LOCALHOST.",
            "a.localhost",
            "127.0.0.1",
            "127.9.9.9",
            "[::1]",
            "::1",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "localhost.example",
            "128.0.0.1",
            "[::2]",
            "api.vrchat.cloud",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
