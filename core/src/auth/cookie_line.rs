//! Reading one `Set-Cookie` line, as far as a session needs it: the name, the value and
//! whether `Max-Age` deletes it.

/// What one `Set-Cookie` line says about its cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CookieLine<'a> {
    /// The name, without surrounding blanks.
    pub(crate) name: &'a str,
    /// The value, without surrounding blanks and, when it is quoted, without its quotes
    /// (RFC 6265 allows `name="value"`).
    pub(crate) value: &'a str,
    /// `Max-Age` is zero or negative: the cookie is to be deleted now.
    pub(crate) expired: bool,
}

impl<'a> CookieLine<'a> {
    /// Reads `name=value` and its attributes; `None` without an `=` in the first part or
    /// with an empty name. Attributes other than `Max-Age` are read past (an `Expires` date
    /// is not consulted); a `Max-Age` that is not a number is ignored, the last valid one
    /// counts.
    pub(crate) fn parse(line: &'a str) -> Option<Self> {
        let mut parts = line.split(';');
        let (name, value) = parts.next()?.split_once('=')?;
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let mut max_age = None;
        for attribute in parts {
            let Some((key, value)) = attribute.split_once('=') else {
                continue;
            };
            if key.trim().eq_ignore_ascii_case("max-age") {
                max_age = max_age_seconds(value.trim()).or(max_age);
            }
        }
        Some(Self {
            name,
            value: unquoted(value.trim()),
            expired: max_age.is_some_and(|seconds| seconds <= 0),
        })
    }
}

/// `Max-Age`'s seconds: digits (too many read as forever), or `-` and digits (now, as
/// RFC 6265 says of any negative age); `None` for anything else.
fn max_age_seconds(value: &str) -> Option<i64> {
    let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    match value.strip_prefix('-') {
        Some(negative) => digits(negative).then_some(0),
        None => digits(value).then(|| value.parse().unwrap_or(i64::MAX)),
    }
}

/// `value` without one pair of surrounding double quotes.
fn unquoted(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn reads_the_pair_and_the_age() {
        let line = CookieLine::parse(" auth = \"a1\" ; Path=/; MAX-AGE = 0 ; HttpOnly");
        assert_eq!(
            line,
            Some(CookieLine {
                name: "auth",
                value: "a1",
                expired: true
            })
        );
        let kept = CookieLine::parse("auth=a1; Max-Age=abc; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(kept.map(|line| line.expired), Some(false));
        let last = CookieLine::parse("auth=a1; Max-Age=0; Max-Age=60");
        assert_eq!(last.map(|line| line.expired), Some(false));
        assert_eq!(
            CookieLine::parse("auth=a1; Max-Age=-5").map(|l| l.expired),
            Some(true)
        );
        assert_eq!(CookieLine::parse("auth=\"\"").map(|l| l.value), Some(""));
        assert_eq!(CookieLine::parse("auth=\"").map(|l| l.value), Some("\""));
        assert_eq!(CookieLine::parse("noequals; a=b"), None);
        assert_eq!(CookieLine::parse(" =value"), None);
    }

    /// Pieces real and broken `Set-Cookie` lines are made of.
    fn line() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("auth".to_owned()),
            Just("twoFactorAuth".to_owned()),
            Just("=".to_owned()),
            Just(";".to_owned()),
            Just(" ".to_owned()),
            Just("\t".to_owned()),
            Just("\"".to_owned()),
            Just("\u{a0}".to_owned()),
            Just("Max-Age".to_owned()),
            Just("max-AGE".to_owned()),
            Just("-".to_owned()),
            Just("Expires=Thu, 01 Jan 1970 00:00:00 GMT".to_owned()),
            Just("Path=/".to_owned()),
            Just("99999999999999999999".to_owned()),
            "[0-9]{1,3}",
            "[ -~]{0,6}",
            "\\PC{0,3}",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    /// A line shaped like a real one: a pair, then attributes with every kind of age.
    fn shaped_line() -> impl Strategy<Value = String> {
        let blank = prop_oneof![Just(""), Just(" "), Just("\t"), Just("  ")];
        let value = prop_oneof![
            Just("authcookie_1".to_owned()),
            Just("\"q\"".to_owned()),
            Just("\"\"".to_owned()),
            Just(String::new()),
            "[!-~]{0,8}",
        ];
        let age = prop_oneof![
            Just("0".to_owned()),
            Just("-1".to_owned()),
            Just("-".to_owned()),
            Just(String::new()),
            Just("99999999999999999999".to_owned()),
            Just("1e3".to_owned()),
            "-?[0-9]{1,4}",
        ];
        let attribute = prop_oneof![
            (
                prop_oneof![
                    Just("Max-Age"),
                    Just("max-age"),
                    Just("MAX-AGE"),
                    Just("Max-Ag")
                ],
                blank.clone(),
                age
            )
                .prop_map(|(key, blank, age)| format!("{key}{blank}={blank}{age}")),
            Just("Path=/".to_owned()),
            Just("HttpOnly".to_owned()),
            Just("Expires=Thu, 01 Jan 1970 00:00:00 GMT".to_owned()),
            "[ -:<-~]{0,8}",
        ];
        (
            prop_oneof![Just("auth"), Just("twoFactorAuth"), Just("x")],
            blank,
            value,
            proptest::collection::vec(attribute, 0..4),
        )
            .prop_map(|(name, blank, value, attributes)| {
                let mut line = format!("{blank}{name}{blank}={blank}{value}{blank}");
                for attribute in attributes {
                    line.push(';');
                    line.push_str(&attribute);
                }
                line
            })
    }

    type Read = Option<(String, String, bool)>;

    /// The line as this reader and as the `cookie` crate read it: the name, the trimmed
    /// and unquoted value, and whether `Max-Age` is zero or less.
    fn both(line: &str) -> (Read, Read) {
        let ours = CookieLine::parse(line)
            .map(|line| (line.name.to_owned(), line.value.to_owned(), line.expired));
        let theirs = cookie::Cookie::parse(line).ok().map(|cookie| {
            let expired = cookie.max_age().is_some_and(|age| age.whole_seconds() <= 0);
            (
                cookie.name().to_owned(),
                cookie.value_trimmed().to_owned(),
                expired,
            )
        });
        (ours, theirs)
    }

    proptest! {
        /// Lines shaped like real ones read as the `cookie` crate reads them.
        #[test]
        fn reads_shaped_lines_as_the_cookie_crate_does(line in shaped_line()) {
            let (ours, theirs) = both(&line);
            prop_assert_eq!(ours, theirs, "{:?}", line);
        }

        /// So do lines made of their pieces in any order, and fail where it fails.
        #[test]
        fn reads_pieces_as_the_cookie_crate_does(line in line()) {
            let (ours, theirs) = both(&line);
            prop_assert_eq!(ours, theirs, "{:?}", line);
        }

        /// And any text.
        #[test]
        fn reads_any_text_as_the_cookie_crate_does(line in "\\PC{0,40}") {
            let (ours, theirs) = both(&line);
            prop_assert_eq!(ours, theirs, "{:?}", line);
        }
    }
}
