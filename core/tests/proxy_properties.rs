//! Property tests of the proxy rules: `NO_PROXY` domains, networks, and proxy URLs.

use std::net::Ipv4Addr;

use proptest::prelude::*;
use vrchat_invite_core::proxy::{NoProxy, ProxyRules, ProxyServer};

/// A DNS label that starts with a letter, so no generated name reads as an IP address
/// (`0.1.0.0` is an address, and address entries are matched as networks, not domains).
fn label() -> impl Strategy<Value = String> {
    "[a-z]([a-z0-9-]{0,10}[a-z0-9])?"
}

fn domain() -> impl Strategy<Value = String> {
    proptest::collection::vec(label(), 1..4).prop_map(|labels| labels.join("."))
}

proptest! {
    #[test]
    fn a_domain_covers_itself_and_its_subdomains_only(domain in domain(), sub in label(), glued in label()) {
        for entry in [domain.clone(), format!(".{domain}"), format!("*.{domain}")] {
            let list = NoProxy::parse(&entry);
            let subdomain = format!("{sub}.{domain}");
            // Text glued to the front is another domain, not a subdomain.
            let other = format!("{glued}{domain}");
            let under_other = format!("{domain}.{sub}x");
            prop_assert!(list.matches(&domain));
            prop_assert!(list.matches(&subdomain));
            prop_assert!(list.matches(&domain.to_uppercase()));
            prop_assert!(!list.matches(&other));
            prop_assert!(!list.matches(&under_other));
        }
    }

    #[test]
    fn an_ipv4_network_holds_exactly_its_addresses(base: u32, prefix in 0u8..=32, probe: u32) {
        let network = Ipv4Addr::from(base);
        let list = NoProxy::parse(&format!("{network}/{prefix}"));
        let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
        let inside = probe & mask == base & mask;
        let probe = Ipv4Addr::from(probe).to_string();
        prop_assert_eq!(list.matches(&probe), inside);
    }

    #[test]
    fn loopback_never_takes_a_proxy_from_the_environment(last: u8, port in 1u16.., https: bool) {
        let env = |name: &str| matches!(name, "HTTP_PROXY" | "HTTPS_PROXY" | "ALL_PROXY").then(|| "http://p:1".to_owned());
        let rules = ProxyRules::from_env(env);
        let scheme = if https { "https" } else { "http" };
        for host in [format!("127.0.0.{last}"), "localhost".to_owned(), "[::1]".to_owned()] {
            let uri = format!("{scheme}://{host}:{port}/api/1").parse().unwrap();
            prop_assert!(rules.select(&uri).is_none(), "{}", uri);
        }
    }

    #[test]
    fn proxy_credentials_survive_the_url_and_never_show(user in "[ -~]{1,12}", password in "[ -~]{1,12}", port: u16) {
        let server = ProxyServer::new(&format!("http://proxy.example:{port}"))
            .unwrap()
            .with_credentials(user.clone(), password.clone());
        let again = ProxyServer::new(server.url_with_credentials().expose()).unwrap();
        prop_assert_eq!(again.username(), Some(user.as_str()));
        prop_assert_eq!(again.basic_authorization(), server.basic_authorization());
        prop_assert_eq!(again.port(), port);
        let shown = format!("{server} {server:?}");
        prop_assert!(password.len() < 4 || !shown.contains(&password), "{}", shown);
    }
}
