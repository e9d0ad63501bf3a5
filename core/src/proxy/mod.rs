//! Which HTTP proxy, if any, a request goes through: one rule for every transport
//! ([`ProxyRules`], read from the environment as reqwest does, or chosen), and the `CONNECT`
//! tunnel a transport opens through it ([`TunnelReader`]).
//!
//! ```
//! use vrchat_invite_core::proxy::ProxyRules;
//!
//! let env = |name: &str| (name == "HTTPS_PROXY").then(|| "http://proxy.corp.example:3128".to_owned());
//! let rules = ProxyRules::from_env(env);
//! let api = "https://api.vrchat.cloud/api/1/auth/user".parse()?;
//! assert!(rules.select(&api).is_some());
//! let local = "http://127.0.0.1:8080/api/1/auth/user".parse()?;
//! assert!(rules.select(&local).is_none(), "loopback is never proxied");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod no_proxy;
mod rules;
mod server;
mod tunnel;
mod tunnel_reader;

pub use no_proxy::NoProxy;
pub use rules::ProxyRules;
pub use server::{ProxyServer, ProxyUrlError};
pub use tunnel::{MAX_TUNNEL_REPLY_HEAD, TunnelError, TunnelRequest};
pub(crate) use tunnel::{check_prefix, status_of};
pub use tunnel_reader::TunnelReader;
