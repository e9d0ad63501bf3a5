//! Arguments as people paste them: an ID or a location copied with a stray space, a line
//! break or the quotes around it.

use std::str::FromStr;

/// Whether `c` can surround a pasted value without being part of it: whitespace (the
/// invisible kinds too) and quotes, straight or typographic, and backticks.
fn is_wrapping(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '`'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{00AB}'
                | '\u{00BB}'
                | '\u{200B}'
                | '\u{2060}'
                | '\u{FEFF}'
        )
}

/// `value` without the whitespace and quotes around it.
pub(crate) fn trimmed(value: &str) -> &str {
    value.trim_matches(is_wrapping)
}

/// Reads a `T` (an ID, a location) from a pasted argument, its surroundings trimmed: the
/// value parser of every ID and location argument.
pub(crate) fn pasted<T: FromStr>(value: &str) -> Result<T, T::Err> {
    trimmed(value).parse()
}

#[cfg(test)]
mod tests {
    use vrchat_invite_core::{Location, UserId};

    use super::*;

    #[test]
    fn surroundings_are_trimmed_and_the_inside_kept() {
        for typed in [
            "usr_1",
            " usr_1 ",
            "usr_1\n",
            "\"usr_1\"",
            "'usr_1'",
            " \u{201C}usr_1\u{201D} ",
            "`usr_1`",
            "\u{200B}usr_1\u{FEFF}",
            "\"usr_1",
        ] {
            let user: UserId = pasted(typed).expect(typed);
            assert_eq!(user.as_str(), "usr_1", "{typed:?}");
        }
        let location: Location = pasted(" 'wrld_1:12345~region(eu)' ").expect("location");
        assert_eq!(location.to_string(), "wrld_1:12345~region(eu)");
        assert!(pasted::<UserId>(" \"\" ").is_err());
        assert_eq!(trimmed("a b"), "a b");
    }
}
