//! Shared helpers for the end-to-end tests (see `tests/`): a misbehaving server for the
//! fault cases, one view of both transports' errors, and clients for the simulator.

mod failure;
mod fault_server;

pub use failure::Failure;
pub use fault_server::{Fault, FaultServer, refused_addr, reply_bytes};
