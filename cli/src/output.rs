//! Where results go: JSON for scripts (`--json`) or readable text, both on stdout.

use std::io::{self, Write as _};

use serde::Serialize;

use crate::exit_codes::Exit;
use crate::failure::Failure;

/// The output mode chosen with `--json`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    json: bool,
}

impl Output {
    /// JSON when `json`, text otherwise.
    pub(crate) fn new(json: bool) -> Self {
        Self { json }
    }

    /// Prints `value` as JSON on one line (one JSON value per line, as `watch` prints its
    /// events), or the text `human` makes.
    pub(crate) fn show<T: Serialize + ?Sized>(
        self,
        value: &T,
        human: impl FnOnce() -> String,
    ) -> Result<(), Failure> {
        if self.json {
            let json = serde_json::to_string(value).map_err(|error| {
                Failure::new(Exit::Failure, format!("could not write JSON: {error}"))
            })?;
            write_line(&json);
        } else {
            say(&human());
        }
        Ok(())
    }
}

/// Prints `text` and a line break on stdout, control characters and escape sequences made
/// visible (see [`crate::terminal_text`]). A closed stdout (`| head`) is not an error.
pub(crate) fn say(text: &str) {
    write_line(&crate::terminal_text::clean(text));
}

/// Prints `text` as is (JSON, already escaped by serde) and a line break on stdout.
fn write_line(text: &str) {
    let mut stdout = io::stdout().lock();
    let _ = writeln!(stdout, "{}", text.trim_end_matches('\n'));
    let _ = stdout.flush();
}
