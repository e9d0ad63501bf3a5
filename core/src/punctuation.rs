//! Folding of the look-alike punctuation VRChat writes into user text and error messages.

/// Replaces the look-alike characters VRChat's server substitutes for ASCII punctuation
/// (`․` for `.`, `‚` for `,`, `ǃ` for `!`, `˸` for `:`, fullwidth `（ ） ？`) with their ASCII
/// originals.
///
/// The server rewrites punctuation in message text and error messages, so text never
/// compares equal after a round trip. Fold both sides before comparing.
///
/// ```
/// use vrchat_invite_core::messages::fold_punctuation;
/// assert_eq!(fold_punctuation("Please wait 5 more minutes until you try again\u{2024}"),
///            "Please wait 5 more minutes until you try again.");
/// assert_eq!(fold_punctuation("Hi\u{201A} join meǃ"), "Hi, join me!");
/// ```
pub fn fold_punctuation(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// The ASCII original of one look-alike character, or the character itself.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{2024}' => '.',
        '\u{201A}' => ',',
        '\u{01C3}' => '!',
        '\u{02F8}' => ':',
        '\u{FF08}' => '(',
        '\u{FF09}' => ')',
        '\u{FF1F}' => '?',
        '\u{2019}' => '\'',
        other => other,
    }
}

/// Folds punctuation and lowercases, for matching error messages by keyword.
pub(crate) fn normalize_for_matching(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // ASCII runs are copied and lowercased whole; other characters one at a time.
        let ascii_len = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (ascii, tail) = rest.split_at(ascii_len);
        let start = folded.len();
        folded.push_str(ascii);
        if let Some(run) = folded.get_mut(start..) {
            run.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            folded.extend(fold_char(c).to_lowercase());
        }
        rest = chars.as_str();
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_known_look_alike() {
        let rewritten = "a\u{2024}b\u{201A}c\u{01C3}d\u{02F8}e\u{FF08}f\u{FF09}g\u{FF1F}";
        assert_eq!(fold_punctuation(rewritten), "a.b,c!d:e(f)g?");
    }

    proptest::proptest! {
        #[test]
        fn normalizing_is_folding_then_lowercasing(text in "\\PC{0,40}|[a-zA-Z .,!:()?\u{2024}\u{201A}\u{01C3}\u{02F8}\u{FF08}\u{FF09}\u{FF1F}\u{0130}ÄÉ]{0,40}") {
            let reference: String = text.chars().map(fold_char).flat_map(char::to_lowercase).collect();
            proptest::prop_assert_eq!(normalize_for_matching(&text), reference);
        }
    }

    #[test]
    fn leaves_plain_text_alone() {
        assert_eq!(fold_punctuation("Hello, world."), "Hello, world.");
        assert_eq!(normalize_for_matching("You NEED\u{2024}"), "you need.");
    }
}
