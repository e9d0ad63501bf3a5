//! Server text made safe for a terminal.
//!
//! Text from the server (messages, names, error messages) could hold control characters
//! and escape sequences that clear the screen, retitle the window, move the cursor or
//! reorder what is shown. Before such text is printed, every control character is
//! replaced by a visible stand-in, as git and gh do: `^[` for ESC, `^G` for BEL, `^?` for
//! DEL (caret notation), and `<U+009B>` for the C1 controls and the bidirectional
//! overrides. Line breaks and tabs are kept (server text shown inside a line goes through
//! [`one_line`] first); `--json` output is left to serde's escaping.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` made to stay on one line: a line feed becomes `\n` and a carriage return `\r`
/// (the two characters), so server text printed as part of a line cannot start a line of
/// its own that reads like another event. Text without either comes back borrowed.
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace('\n', "\\n").replace('\r', "\\r"))
}

/// Whether `c` must not reach the terminal as is.
fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional embeddings, overrides and isolates.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` with every control character and escape sequence introducer replaced by a
/// visible stand-in. Text without any comes back borrowed.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe(c) {
            out.push(c);
            continue;
        }
        match u8::try_from(u32::from(c)) {
            Ok(byte @ 0..=0x1f) => {
                out.push('^');
                out.push(char::from(byte + 0x40));
            }
            Ok(0x7f) => out.push_str("^?"),
            _ => {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        assert_eq!(
            clean("\u{1b}]0;pwned\u{7}\u{1b}[2Jhi\r"),
            "^[]0;pwned^G^[[2Jhi^M"
        );
        assert_eq!(clean("a\u{9b}31mb\u{7f}"), "a<U+009B>31mb^?");
        assert_eq!(clean("\u{202e}txt.exe"), "<U+202E>txt.exe");
    }

    #[test]
    fn plain_text_line_breaks_and_tabs_stay() {
        assert!(matches!(
            clean("Hi\u{2024} join meǃ\n\tok"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn one_line_escapes_line_breaks() {
        assert_eq!(
            one_line("hi\ninvite not_FORGED from usr_admin\r\nbye"),
            "hi\\ninvite not_FORGED from usr_admin\\r\\nbye"
        );
        assert!(!one_line("a\nb\rc").contains(['\n', '\r']));
        assert!(matches!(one_line("plain\ttext"), Cow::Borrowed(_)));
    }

    #[test]
    fn cleaning_is_idempotent() {
        let once = clean("\u{1b}[31m\u{85}x").into_owned();
        assert_eq!(clean(&once), once);
        assert!(!once.chars().any(is_unsafe));
    }
}
