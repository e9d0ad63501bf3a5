//! A failed command: a one-line message for people and an exit code for scripts.

use std::fmt;

use crate::exit_codes::Exit;

/// Why a command failed. The message is one line and never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    exit: Exit,
    message: String,
}

impl Failure {
    /// A failure with its exit status and message (line breaks become spaces; control
    /// characters and escape sequences, which may come from the server, become visible).
    pub(crate) fn new(exit: Exit, message: impl Into<String>) -> Self {
        let message: String = message.into();
        let message = message
            .split(['\r', '\n'])
            .filter(|line| !line.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let message = crate::terminal_text::clean(&message).into_owned();
        Self { exit, message }
    }

    /// A local file could not be used.
    pub(crate) fn file(what: &str, path: &std::path::Path, error: &std::io::Error) -> Self {
        Self::new(
            Exit::File,
            format!("could not {what} {}: {error}", path.display()),
        )
    }

    /// The exit status.
    pub(crate) fn exit(&self) -> Exit {
        self.exit
    }

    /// The message.
    pub(crate) fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line() {
        let failure = Failure::new(Exit::Failure, "first\r\nsecond\n\nthird");
        assert_eq!(failure.message(), "first second third");
        assert_eq!(failure.exit(), Exit::Failure);
    }

    #[test]
    fn messages_cannot_drive_the_terminal() {
        let failure = Failure::new(Exit::Failure, "VRChat says: \u{1b}]0;owned\u{7}\u{1b}[2J");
        assert_eq!(failure.message(), "VRChat says: ^[]0;owned^G^[[2J");
    }
}
