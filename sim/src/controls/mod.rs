//! The test controls, in one place: over HTTP under `{base}/_sim/` (for programs in any
//! language; `pipeline_http` serves `/_sim/pipeline/`), and as methods of
//! [`crate::Simulator`] for Rust tests (`pipeline`).

mod http;
mod pipeline;
mod pipeline_http;

pub(crate) use http::{answer, is_control, reset_state};
