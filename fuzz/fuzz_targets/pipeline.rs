//! Pipeline frames and watch sequences from arbitrary bytes.
#![no_main]

#[path = "../../core/tests/support/pipeline_fuzz_harness.rs"]
mod pipeline_fuzz_harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline_fuzz_harness::pipeline(data));
