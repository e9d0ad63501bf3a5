//! Asking for the username, password and two-factor code.
//!
//! On a terminal, secrets are read without echo (rpassword). When stdin is not a terminal
//! (a pipe, a script, a test), every answer is read as one line of stdin and no prompt is
//! printed.

use std::io::{self, BufRead, IsTerminal, Write as _};

/// Reads answers from the person at the terminal, or lines from stdin.
#[derive(Debug)]
pub(crate) struct Prompter {
    interactive: bool,
}

impl Prompter {
    /// A prompter for this process's stdin.
    pub(crate) fn for_stdin() -> Self {
        Self {
            interactive: io::stdin().is_terminal(),
        }
    }

    /// Asks a question whose answer may be shown (the username). `None` at end of input.
    pub(crate) fn visible(&mut self, prompt: &str) -> io::Result<Option<String>> {
        if self.interactive {
            let mut stderr = io::stderr();
            write!(stderr, "{prompt}")?;
            stderr.flush()?;
        }
        read_line(&mut io::stdin().lock())
    }

    /// Tells the person something before the next question (a refused code, say); like
    /// the prompts, only on a terminal.
    pub(crate) fn note(&mut self, text: &str) {
        if self.interactive {
            eprintln!("{text}");
        }
    }

    /// Asks for a secret (password, code): no echo on a terminal. `None` at end of input.
    pub(crate) fn secret(&mut self, prompt: &str) -> io::Result<Option<String>> {
        if self.interactive {
            return rpassword::prompt_password(prompt).map(Some);
        }
        read_line(&mut io::stdin().lock())
    }
}

/// One line without its line ending; `None` at end of input.
fn read_line(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let trimmed = line.trim_end_matches(['\r', '\n']).len();
    line.truncate(trimmed);
    Ok(Some(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_keeping_inner_spaces() {
        let mut input = io::Cursor::new("alice\r\n pass word \n123456");
        assert_eq!(
            read_line(&mut input).expect("line").as_deref(),
            Some("alice")
        );
        assert_eq!(
            read_line(&mut input).expect("line").as_deref(),
            Some(" pass word ")
        );
        assert_eq!(
            read_line(&mut input).expect("line").as_deref(),
            Some("123456")
        );
        assert_eq!(read_line(&mut input).expect("end"), None);
    }
}
