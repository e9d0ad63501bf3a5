//! Every operation's response decoding and the login flow, on arbitrary replies.
#![no_main]

#[path = "../../core/tests/support/fuzz_harness.rs"]
#[allow(dead_code)]
mod fuzz_harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_harness::decode_responses(data));
