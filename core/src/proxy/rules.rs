//! The proxy rules of a client: from the environment, explicit, or none.

use http::Uri;

use super::no_proxy::{NoProxy, is_loopback};
use super::server::ProxyServer;

/// Which proxy each request goes through.
///
/// * [`ProxyRules::from_env`] (the transports' default) follows the environment as reqwest
///   does: `HTTPS_PROXY` for `https://` URLs, `HTTP_PROXY` for `http://` URLs, `ALL_PROXY`
///   for both when the other is unset (lowercase names too, lowercase first), and
///   `NO_PROXY` for hosts reached directly. Loopback hosts (`localhost`, `127.0.0.0/8`,
///   `::1`) never go through a proxy from the environment. `HTTP_PROXY` in capitals is
///   ignored inside a CGI program (`REQUEST_METHOD` set), where a client could set it.
///   Unparsable values are ignored.
/// * [`ProxyRules::all`] sends every request, loopback included, through one proxy, except
///   the hosts of an optional [`NoProxy`] list.
/// * [`ProxyRules::none`] connects directly.
///
/// The core reads no environment itself: it is handed a lookup.
///
/// ```
/// use vrchat_invite_core::proxy::ProxyRules;
/// let env = |name: &str| match name {
///     "HTTPS_PROXY" => Some("http://proxy.corp.example:3128".to_owned()),
///     "NO_PROXY" => Some("internal.example".to_owned()),
///     _ => None,
/// };
/// let rules = ProxyRules::from_env(env);
/// let uri = "https://api.vrchat.cloud/api/1/auth".parse()?;
/// assert_eq!(rules.select(&uri).map(|p| p.authority()), Some("proxy.corp.example:3128".to_owned()));
/// assert!(rules.select(&"https://internal.example/".parse()?).is_none());
/// assert!(rules.select(&"http://127.0.0.1:8080/api/1".parse()?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyRules {
    http: Option<ProxyServer>,
    https: Option<ProxyServer>,
    no_proxy: NoProxy,
    /// Whether loopback hosts skip the proxy (true for proxies from the environment).
    skip_loopback: bool,
}

impl ProxyRules {
    /// No proxy at all.
    pub fn none() -> Self {
        Self::default()
    }

    /// One proxy for every request, loopback included.
    pub fn all(proxy: ProxyServer) -> Self {
        Self {
            http: Some(proxy.clone()),
            https: Some(proxy),
            no_proxy: NoProxy::default(),
            skip_loopback: false,
        }
    }

    /// Hosts to reach directly despite the proxy.
    #[must_use]
    pub fn with_no_proxy(mut self, no_proxy: NoProxy) -> Self {
        self.no_proxy = no_proxy;
        self
    }

    /// The rules the environment gives, read through `lookup` (such as
    /// `|name| std::env::var(name).ok()`).
    pub fn from_env(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |names: &[&str]| {
            names
                .iter()
                .filter_map(|name| lookup(name))
                .find(|value| !value.trim().is_empty())
        };
        let all = get(&["all_proxy", "ALL_PROXY"]);
        let cgi = lookup("REQUEST_METHOD").is_some();
        let http_names: &[&str] = if cgi {
            &["http_proxy"]
        } else {
            &["http_proxy", "HTTP_PROXY"]
        };
        let parse = |value: Option<String>| value.and_then(|url| ProxyServer::new(&url).ok());
        Self {
            http: parse(get(http_names).or_else(|| all.clone())),
            https: parse(get(&["https_proxy", "HTTPS_PROXY"]).or(all)),
            no_proxy: get(&["no_proxy", "NO_PROXY"])
                .map(|list| NoProxy::parse(&list))
                .unwrap_or_default(),
            skip_loopback: true,
        }
    }

    /// The proxy for a request to `uri`, or `None` to connect directly. A websocket URI
    /// follows its HTTP counterpart: `wss://` as `https://`, `ws://` as `http://`.
    pub fn select(&self, uri: &Uri) -> Option<&ProxyServer> {
        let host = uri.host()?;
        if (self.skip_loopback && is_loopback(host)) || self.no_proxy.matches(host) {
            return None;
        }
        match uri.scheme_str() {
            Some("https" | "wss") => self.https.as_ref(),
            Some("http" | "ws") => self.http.as_ref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    fn chosen(rules: &ProxyRules, uri: &str) -> Option<String> {
        rules
            .select(&uri.parse().unwrap())
            .map(ProxyServer::authority)
    }

    #[test]
    fn each_scheme_has_its_variable_and_all_proxy_fills_in() {
        let rules = ProxyRules::from_env(env(&[("HTTP_PROXY", "h:1"), ("ALL_PROXY", "a:2")]));
        assert_eq!(
            chosen(&rules, "http://api.example/"),
            Some("h:1".to_owned())
        );
        assert_eq!(
            chosen(&rules, "https://api.example/"),
            Some("a:2".to_owned())
        );
        let rules = ProxyRules::from_env(env(&[("https_proxy", "s:3"), ("HTTPS_PROXY", "S:4")]));
        assert_eq!(
            chosen(&rules, "https://api.example/"),
            Some("s:3".to_owned())
        );
        assert_eq!(chosen(&rules, "http://api.example/"), None);
    }

    #[test]
    fn loopback_and_no_proxy_hosts_go_direct() {
        let rules = ProxyRules::from_env(env(&[
            ("HTTPS_PROXY", "p:1"),
            ("HTTP_PROXY", "p:1"),
            ("NO_PROXY", ".corp.test"),
        ]));
        for uri in [
            "http://127.0.0.1:9/api/1",
            "https://localhost/",
            "http://[::1]:80/",
            "https://a.corp.test/",
        ] {
            assert_eq!(chosen(&rules, uri), None, "{uri}");
        }
        assert_eq!(
            chosen(&rules, "https://api.vrchat.cloud/api/1"),
            Some("p:1".to_owned())
        );
    }

    #[test]
    fn an_explicit_proxy_takes_loopback_too_unless_listed() {
        let proxy = ProxyServer::new("http://p:1").unwrap();
        let rules = ProxyRules::all(proxy.clone());
        assert_eq!(
            chosen(&rules, "http://127.0.0.1:9/"),
            Some("p:1".to_owned())
        );
        let rules = ProxyRules::all(proxy).with_no_proxy(NoProxy::parse("127.0.0.1"));
        assert_eq!(chosen(&rules, "http://127.0.0.1:9/"), None);
        assert_eq!(
            chosen(&ProxyRules::none(), "https://api.vrchat.cloud/"),
            None
        );
    }

    #[test]
    fn websocket_uris_follow_their_http_counterparts() {
        let rules = ProxyRules::from_env(env(&[("HTTP_PROXY", "h:1"), ("HTTPS_PROXY", "s:2")]));
        assert_eq!(
            chosen(&rules, "wss://pipeline.example/"),
            Some("s:2".to_owned())
        );
        assert_eq!(
            chosen(&rules, "ws://pipeline.example/"),
            Some("h:1".to_owned())
        );
        assert_eq!(chosen(&rules, "ws://127.0.0.1:9/"), None);
        assert_eq!(chosen(&rules, "ftp://pipeline.example/"), None);
    }

    #[test]
    fn cgi_programs_ignore_the_capitalised_http_proxy() {
        let rules =
            ProxyRules::from_env(env(&[("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "evil:1")]));
        assert_eq!(chosen(&rules, "http://api.example/"), None);
        let rules = ProxyRules::from_env(env(&[("REQUEST_METHOD", "GET"), ("http_proxy", "ok:1")]));
        assert_eq!(
            chosen(&rules, "http://api.example/"),
            Some("ok:1".to_owned())
        );
    }

    #[test]
    fn empty_and_unparsable_values_are_ignored() {
        let rules = ProxyRules::from_env(env(&[
            ("https_proxy", " "),
            ("HTTPS_PROXY", "socks5://x:1"),
        ]));
        assert_eq!(chosen(&rules, "https://api.example/"), None);
    }
}
