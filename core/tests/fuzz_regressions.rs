//! Replays every input kept from fuzzing (crashes found and seeds) through the harnesses.

#[path = "support/fuzz_harness.rs"]
mod fuzz_harness;

use std::fs;
use std::path::Path;

fn replay(target: &str, harness: fn(&[u8])) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut count = 0;
    for entry in fs::read_dir(&folder).expect("regression folder") {
        let path = entry.expect("entry").path();
        let data = fs::read(&path).expect("input");
        harness(&data);
        count += 1;
    }
    count
}

#[test]
fn decode_responses_regressions() {
    assert!(replay("decode_responses", fuzz_harness::decode_responses) > 0);
}

#[test]
fn set_cookie_regressions() {
    assert!(replay("set_cookie", fuzz_harness::set_cookie) > 0);
}
