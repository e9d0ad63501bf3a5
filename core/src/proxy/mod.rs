//! Which HTTP proxy, if any, a request goes through: one rule for every transport.

mod no_proxy;
mod rules;
mod server;

pub use no_proxy::NoProxy;
pub use rules::ProxyRules;
pub use server::{ProxyServer, ProxyUrlError};
