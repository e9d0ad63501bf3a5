//! VRChat's server rewrites ASCII punctuation in user text into look-alike characters.

/// The look-alike the server writes for one character, or the character itself.
fn look_alike(c: char) -> char {
    match c {
        '.' => '\u{2024}',
        ',' => '\u{201A}',
        '!' => '\u{01C3}',
        ':' => '\u{02F8}',
        '(' => '\u{FF08}',
        ')' => '\u{FF09}',
        '?' => '\u{FF1F}',
        other => other,
    }
}

/// Rewrites `text` the way VRChat stores it: `.` → `․`, `,` → `‚`, `!` → `ǃ`, `:` → `˸`,
/// and fullwidth `（ ） ？`.
pub(crate) fn rewrite_punctuation(text: &str) -> String {
    text.chars().map(look_alike).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_every_known_character() {
        assert_eq!(
            rewrite_punctuation("a.b,c!d:e(f)g?"),
            "a\u{2024}b\u{201A}c\u{01C3}d\u{02F8}e\u{FF08}f\u{FF09}g\u{FF1F}"
        );
        assert_eq!(rewrite_punctuation("plain words"), "plain words");
    }

    #[test]
    fn core_folds_it_back() {
        let text = "Hi, join me! (now?) at 10:30.";
        assert_eq!(
            vrchat_invite_core::messages::fold_punctuation(&rewrite_punctuation(text)),
            text
        );
    }
}
