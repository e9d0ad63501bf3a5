//! The libraries' lints stay one rule: each transport repeats the workspace's table in its
//! `Cargo.toml` (Cargo cannot add to an inherited one) and adds the no-panic clippy lints,
//! which the core sets in its `lib.rs`.

use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The entries of a TOML table, in order, without comments or blank lines.
fn table(toml: &str, header: &str) -> Vec<String> {
    let mut lines = toml.lines().map(str::trim);
    assert!(
        lines.by_ref().any(|line| line == header),
        "no {header} table"
    );
    lines
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.replace(' ', ""))
        .collect()
}

/// The lint names of `clippy = "warn"` entries.
fn warned(entries: &[String]) -> Vec<String> {
    let mut names: Vec<String> = entries
        .iter()
        .filter_map(|entry| entry.strip_suffix("=\"warn\"").map(str::to_owned))
        .collect();
    names.sort();
    names
}

#[test]
fn each_transport_keeps_the_workspace_lints_and_the_cores_no_panic_lints() {
    let workspace = read("Cargo.toml");
    let rust = table(&workspace, "[workspace.lints.rust]");
    assert!(
        rust.contains(&"unsafe_code=\"forbid\"".to_owned()),
        "{rust:?}"
    );
    assert!(
        !workspace.contains("[workspace.lints.clippy]"),
        "a workspace clippy table must be repeated in the transports too; extend this test"
    );

    let core = read("core/src/lib.rs");
    let start = core.find("#![warn(").expect("the core's lint attribute");
    let end = start + core[start..].find(")]").expect("its end");
    let mut core_lints: Vec<String> = core[start..end]
        .split(|c: char| c == ',' || c.is_whitespace() || c == '(')
        .filter_map(|word| word.strip_prefix("clippy::").map(str::to_owned))
        .collect();
    core_lints.sort();
    assert_eq!(
        core_lints,
        ["expect_used", "indexing_slicing", "panic", "unwrap_used"]
    );

    for manifest in ["transport-ureq/Cargo.toml", "transport-hyper/Cargo.toml"] {
        let toml = read(manifest);
        assert_eq!(table(&toml, "[lints.rust]"), rust, "{manifest}");
        assert_eq!(
            warned(&table(&toml, "[lints.clippy]")),
            core_lints,
            "{manifest}"
        );
        assert!(
            !toml.contains("[lints]\nworkspace"),
            "{manifest} inherits and repeats"
        );
    }
}

#[test]
fn the_table_reader_stops_at_the_next_table_and_skips_comments() {
    let toml = "[a]\nx = 1\n\n# note\n[b]\ny = \"warn\"\nz = \"allow\"\n";
    assert_eq!(table(toml, "[a]"), ["x=1"]);
    assert_eq!(warned(&table(toml, "[b]")), ["y"]);
}
