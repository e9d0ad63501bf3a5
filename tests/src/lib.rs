//! Shared helpers for the end-to-end tests (see `tests/`): a misbehaving server for the
//! fault cases, a local `CONNECT` proxy, one view of both transports' errors, one blocking interface over both
//! transports, and the simulator set up for the scenarios.

mod connect_proxy;
mod driver;
mod failure;
mod fault_server;
mod watch_driver;
mod world;

pub use connect_proxy::{ConnectProxy, EXPECTED_AUTH, GOOD_USERINFO, NAMED_HOST, Seen};
pub use driver::{Driver, Hyper, Ureq};
pub use failure::Failure;
pub use fault_server::{Fault, FaultServer, refused_addr, reply_bytes};
pub use watch_driver::{HyperWatch, UreqWatch, WatchDriver, WatchFailure};
pub use world::{USER_AGENT, World, location, session_at, tiny_png};

/// Defines one `#[test]` per scenario and transport: `over_ureq::name` and
/// `over_hyper::name`, each calling `name::<Ureq>()` or `name::<Hyper>()` of the caller.
#[macro_export]
macro_rules! on_both_transports {
    ($($scenario:ident),* $(,)?) => {
        mod over_ureq {
            $(#[test] fn $scenario() { super::$scenario::<$crate::Ureq>() })*
        }
        mod over_hyper {
            $(#[test] fn $scenario() { super::$scenario::<$crate::Hyper>() })*
        }
    };
}

/// Defines one `#[test]` per watch scenario and watcher: `over_ureq::name` and
/// `over_hyper::name`, each calling `name::<UreqWatch>()` or `name::<HyperWatch>()` of the
/// caller.
#[macro_export]
macro_rules! on_both_watchers {
    ($($scenario:ident),* $(,)?) => {
        mod over_ureq {
            $(#[test] fn $scenario() { super::$scenario::<$crate::UreqWatch>() })*
        }
        mod over_hyper {
            $(#[test] fn $scenario() { super::$scenario::<$crate::HyperWatch>() })*
        }
    };
}

/// The README's Rust examples, compiled (and, where they need no network, run) as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
