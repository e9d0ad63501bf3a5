//! Replays every input kept for the pipeline's fuzz target through its harness.

#[path = "support/pipeline_fuzz_harness.rs"]
mod pipeline_fuzz_harness;

use std::fs;
use std::path::Path;

#[test]
fn pipeline_regressions() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions/pipeline");
    let mut count = 0;
    for entry in fs::read_dir(&folder).expect("regression folder") {
        let data = fs::read(entry.expect("entry").path()).expect("input");
        pipeline_fuzz_harness::pipeline(&data);
        count += 1;
    }
    assert!(count > 0, "no inputs in {}", folder.display());
}

proptest::proptest! {
    #[test]
    fn any_bytes_drive_the_watch_without_a_panic(
        data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512),
    ) {
        pipeline_fuzz_harness::pipeline(&data);
    }
}
