//! `Set-Cookie` handling on arbitrary header values.
#![no_main]

#[path = "../../core/tests/support/fuzz_harness.rs"]
#[allow(dead_code)]
mod fuzz_harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_harness::set_cookie(data));
