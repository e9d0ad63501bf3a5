//! The HTTP side: listening and routing, replies and their wording (VRChat's error texts
//! and look-alike punctuation), limits, the request log, multipart bodies, and a tiny
//! client for talking to the simulator without a transport.

pub(crate) mod client;
pub(crate) mod errors;
pub(crate) mod limits;
pub(crate) mod listen;
pub(crate) mod log;
pub(crate) mod multipart;
pub(crate) mod punctuation;
pub(crate) mod reply;
pub(crate) mod router;
