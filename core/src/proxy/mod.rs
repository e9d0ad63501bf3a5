//! Which HTTP proxy, if any, a request goes through: one rule for every transport.

mod no_proxy;
mod rules;
mod server;
mod tunnel;
mod tunnel_reader;

pub use no_proxy::NoProxy;
pub use rules::ProxyRules;
pub use server::{ProxyServer, ProxyUrlError};
pub(crate) use tunnel::TunnelRequest;
pub use tunnel::{MAX_TUNNEL_REPLY_HEAD, TunnelError};
pub(crate) use tunnel::{check_prefix, status_of};
pub use tunnel_reader::TunnelReader;
