//! Unescaping of JSON string literals, for details that arrive JSON-encoded in a string.

/// Calls `use_text` with the value of the JSON string literal `literal` (quotes included),
/// as `serde_json` would read it.
///
/// `literal` must come from `serde_json` (a `RawValue`), which has checked it: this only
/// unescapes. The value is written to a buffer on the stack when it fits (details usually
/// do), so no allocation is made. `None` for an escape this does not handle (a lone
/// surrogate); callers fall back to `serde_json` then.
pub(crate) fn with_unescaped<R>(literal: &str, use_text: impl FnOnce(&str) -> R) -> Option<R> {
    let rest = literal.strip_prefix('"')?;
    let mut stack = [0u8; 256];
    let mut heap = Vec::new();
    let (text, end) = unescape_in(rest.as_bytes(), &mut stack, &mut heap)?;
    // The literal ends at its closing quote.
    if end + 1 != rest.len() {
        return None;
    }
    Some(use_text(text))
}

/// The value of the string whose text (after its opening quote) starts `text`, unescaped
/// into `stack` when it fits and into `heap` otherwise, and the index of its closing quote
/// in `text`; `None` as for [`unescape_to_quote`], or when the value is not UTF-8.
pub(crate) fn unescape_in<'b>(
    text: &[u8],
    stack: &'b mut [u8],
    heap: &'b mut Vec<u8>,
) -> Option<(&'b str, usize)> {
    // Unescaping never lengthens (`\uXXXX`, 6 bytes, becomes at most 3 bytes of UTF-8), so
    // the rest of the text bounds the value.
    let buffer = match stack.get_mut(..text.len()) {
        Some(buffer) => buffer,
        None => {
            heap.resize(text.len(), 0);
            heap.as_mut_slice()
        }
    };
    let (len, quote) = unescape_to_quote(text, buffer)?;
    let value = std::str::from_utf8(buffer.get(..len)?).ok()?;
    Some((value, quote))
}

/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_ne_bytes([1; 8]);
/// The high bit of every byte of a word.
const HIGHS: u64 = ONES << 7;

/// The high bit set of the first byte of `word` (in memory order) that is a quote, a
/// backslash or a control character; bytes after it may be flagged wrongly, and no byte
/// is flagged when there is none.
fn special_bytes(word: u64) -> u64 {
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    quote | backslash | control
}

/// Unescapes the inside of a JSON string literal, from `text` up to its closing quote,
/// into `out` (at least as long as `text`). Returns how many bytes were written and where
/// the closing quote is; `None` for a raw control character, an escape this does not
/// handle (a lone surrogate) or no closing quote.
///
/// Eight bytes at a time: each word is copied whole, and the next run starts after the
/// first byte that needs a look (most runs in JSON-encoded content are a few bytes).
fn unescape_to_quote(text: &[u8], out: &mut [u8]) -> Option<(usize, usize)> {
    let mut read = 0;
    let mut written = 0;
    loop {
        if let (Some(src), Some(dst)) =
            (text.get(read..read + 8), out.get_mut(written..written + 8))
        {
            dst.copy_from_slice(src);
            let word = u64::from_le_bytes(src.try_into().ok()?);
            let found = special_bytes(word);
            let plain = if found == 0 {
                8
            } else {
                (found.trailing_zeros() / 8) as usize
            };
            read += plain;
            written += plain;
            if found == 0 {
                continue;
            }
        }
        let byte = *text.get(read)?;
        let (value, used) = match byte {
            b'"' => return Some((written, read)),
            b'\\' => match text.get(read + 1)? {
                b'"' => (b'"', 2),
                b'\\' => (b'\\', 2),
                b'/' => (b'/', 2),
                b'b' => (0x08, 2),
                b'f' => (0x0c, 2),
                b'n' => (b'\n', 2),
                b'r' => (b'\r', 2),
                b't' => (b'\t', 2),
                b'u' => {
                    let (c, used) = unicode_escape(text.get(read + 2..)?)?;
                    let mut utf8 = [0; 4];
                    let encoded = c.encode_utf8(&mut utf8).as_bytes();
                    out.get_mut(written..written + encoded.len())?
                        .copy_from_slice(encoded);
                    written += encoded.len();
                    read += 2 + used;
                    continue;
                }
                _ => return None,
            },
            0..0x20 => return None,
            _ => (byte, 1),
        };
        *out.get_mut(written)? = value;
        written += 1;
        read += used;
    }
}

/// The character of `XXXX` (and of a following `\uXXXX` low surrogate), and how many
/// bytes that took.
fn unicode_escape(text: &[u8]) -> Option<(char, usize)> {
    let high = hex4(text)?;
    if !(0xD800..=0xDFFF).contains(&high) {
        return Some((char::from_u32(high)?, 4));
    }
    if high > 0xDBFF {
        return None;
    }
    let low = hex4(text.get(4..)?.strip_prefix(b"\\u")?)?;
    if !(0xDC00..=0xDFFF).contains(&low) {
        return None;
    }
    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
    Some((char::from_u32(code)?, 10))
}

fn hex4(text: &[u8]) -> Option<u32> {
    text.get(..4)?.iter().try_fold(0u32, |value, &digit| {
        let nibble = char::from(digit).to_digit(16)?;
        Some(value << 4 | nibble)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unescape(literal: &str) -> Option<String> {
        with_unescaped(literal, str::to_owned)
    }

    #[test]
    fn unescapes_every_escape() {
        let literal = r#""a\"b\\c\/d\be\ff\ng\rh\ti\u00e9\u2024\ud83d\ude00""#;
        assert_eq!(
            unescape(literal).as_deref(),
            Some("a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti\u{e9}\u{2024}\u{1F600}")
        );
        assert_eq!(unescape(r#""plain""#).as_deref(), Some("plain"));
        assert_eq!(unescape(r#""""#).as_deref(), Some(""));
    }

    #[test]
    fn refuses_what_it_cannot_unescape() {
        for bad in [
            "",
            "\"",
            "x",
            "\"\\\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\u12g4""#,
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
        ] {
            assert_eq!(unescape(bad), None, "{bad}");
        }
    }

    /// `text` as a JSON literal with every character written as `\uXXXX` (UTF-16).
    fn all_escaped(text: &str) -> String {
        let mut literal = String::from("\"");
        for unit in text.encode_utf16() {
            literal.push_str(&format!("\\u{unit:04x}"));
        }
        literal.push('"');
        literal
    }

    proptest::proptest! {
        #[test]
        fn round_trips_what_serde_json_writes(text in proptest::prelude::any::<String>()) {
            let literal = serde_json::to_string(&text).expect("serialize");
            proptest::prop_assert_eq!(unescape(&literal), Some(text.clone()));
            proptest::prop_assert_eq!(unescape(&all_escaped(&text)), Some(text));
        }

        #[test]
        fn agrees_with_serde_json_on_every_literal_it_accepts(
            literal in "\"([a-z\\\\/\"\t]|\\\\u[0-9a-fA-FdD]{0,4}|é){0,12}\"",
        ) {
            if let Ok(text) = serde_json::from_str::<String>(&literal) {
                let ours = unescape(&literal);
                // A lone surrogate is refused here and left to serde_json.
                proptest::prop_assert!(ours.is_none() || ours == Some(text));
            }
        }
    }

    /// What `unescape_to_quote` makes of `text`: the value and the rest after the quote.
    fn to_quote(text: &str) -> Option<(String, String)> {
        let mut out = vec![0; text.len()];
        let (len, quote) = unescape_to_quote(text.as_bytes(), &mut out)?;
        let value = String::from_utf8(out.get(..len)?.to_vec()).ok()?;
        Some((value, text.get(quote + 1..)?.to_owned()))
    }

    #[test]
    fn stops_at_the_closing_quote_and_refuses_raw_control_characters() {
        assert_eq!(
            to_quote(r#"a\"b" , "c""#),
            Some(("a\"b".to_owned(), r#" , "c""#.to_owned()))
        );
        assert_eq!(
            to_quote(r#"0123456789\\abcdef\u00e9"}"#),
            Some(("0123456789\\abcdef\u{e9}".to_owned(), "}".to_owned()))
        );
        for bad in [
            "no closing quote",
            "tab\there\"",
            "new\nline\"",
            "\u{1f}\"",
            r#"\x""#,
        ] {
            assert_eq!(to_quote(bad), None, "{bad:?}");
        }
    }

    proptest::proptest! {
        /// Any text serde_json writes, followed by anything: the text back, and the rest.
        #[test]
        fn reads_what_serde_json_writes_up_to_its_end(
            text in proptest::prelude::any::<String>(),
            rest in "[ -~]{0,12}",
        ) {
            let literal = serde_json::to_string(&text).expect("serialize");
            let inside = literal.get(1..).unwrap_or_default();
            proptest::prop_assert_eq!(to_quote(&format!("{inside}{rest}")), Some((text, rest)));
        }
    }

    #[test]
    fn long_literals_use_the_heap_and_plain_ones_pass_through() {
        let text = "say \"hi\"\u{2024} ".repeat(40);
        let literal = serde_json::to_string(&text).expect("serialize");
        assert!(literal.len() > 256);
        assert_eq!(unescape(&literal), Some(text));
        let borrowed = with_unescaped(r#""no escapes""#, |inner| inner.len());
        assert_eq!(borrowed, Some(10));
    }

    #[test]
    fn agrees_with_serde_json() {
        for text in [
            "",
            "{\"worldId\":\"wrld_1:1\"}",
            "tab\there",
            "\u{1F600}\u{2024}\\/\"",
            "\u{0}\u{1f}",
        ] {
            let literal = serde_json::to_string(text).expect("serialize");
            assert_eq!(unescape(&literal).as_deref(), Some(text), "{literal}");
        }
    }
}
