//! A frame as VRChat writes it, `{"type":"…","content":"…"}` (or the content first), read
//! without a parser: the type borrowed from the text, the content unescaped once into a
//! buffer of its size. Any other shape (more keys, escapes in a key or the type, content
//! that is not a string) is left to the parser.

use crate::decode::unescape_in;
use crate::pipeline::frame::{Content, Decoded, decode_parts_into};

/// Contents up to this many bytes are unescaped on the stack.
const STACK_CONTENT: usize = 1024;

/// The frame's event, or `None` when the frame is not of this shape.
pub(super) fn decode_written_frame(text: &str) -> Decoded {
    let rest = token(text, "{")?;
    let mut stack = [0u8; STACK_CONTENT];
    let mut heap = Vec::new();
    let (kind, content, rest) = match key(rest, "type") {
        Some(rest) => {
            let (kind, rest) = plain_string(rest)?;
            let rest = key(token(rest, ",")?, "content")?;
            let (content, rest) = unescaped(rest, &mut stack, &mut heap)?;
            (kind, content, rest)
        }
        None => {
            let rest = key(rest, "content")?;
            let (content, rest) = unescaped(rest, &mut stack, &mut heap)?;
            let rest = key(token(rest, ",")?, "type")?;
            let (kind, rest) = plain_string(rest)?;
            (kind, content, rest)
        }
    };
    if !skip_space(token(rest, "}")?).is_empty() {
        return None;
    }
    let mut decoded = None;
    decode_parts_into(kind, Content::Text(content), &mut decoded);
    decoded
}

/// The text after `expected`, which may follow JSON whitespace.
fn token<'t>(text: &'t str, expected: &str) -> Option<&'t str> {
    skip_space(text).strip_prefix(expected)
}

fn skip_space(text: &str) -> &str {
    text.trim_start_matches([' ', '\t', '\n', '\r'])
}

/// The text after the key `"name"` and its colon.
fn key<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    let rest = token(text, "\"")?.strip_prefix(name)?.strip_prefix('"')?;
    token(rest, ":")
}

/// A string written without escapes: its value and the text after it.
fn plain_string(text: &str) -> Option<(&str, &str)> {
    let rest = token(text, "\"")?;
    let end = rest.find(|c: char| c == '"' || c == '\\' || c < ' ')?;
    let (value, rest) = rest.split_at_checked(end)?;
    Some((value, rest.strip_prefix('"')?))
}

/// A string's value, unescaped into `stack` when it fits and into `heap` otherwise, and the
/// text after it.
fn unescaped<'t, 'b>(
    text: &'t str,
    stack: &'b mut [u8],
    heap: &'b mut Vec<u8>,
) -> Option<(&'b str, &'t str)> {
    let written = token(text, "\"")?;
    let (value, quote) = unescape_in(written.as_bytes(), stack, heap)?;
    Some((value, written.get(quote + 1..)?))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::pipeline::frame::decode_general;

    fn space() -> impl Strategy<Value = &'static str> {
        prop_oneof![Just(""), Just(" "), Just("\n\t"), Just("\r ")]
    }

    fn content() -> impl Strategy<Value = String> {
        let notification = serde_json::json!({"id": "not_1", "type": "requestInvite",
            "senderUserId": "usr_a", "details": {"requestMessage": "Hi\u{2024} \"there\""}})
        .to_string();
        prop_oneof![
            Just(notification),
            Just("not_2".to_owned()),
            Just(r#"{"userId":"usr_a","location":"private"}"#.to_owned()),
            any::<String>(),
        ]
    }

    proptest! {
        /// A frame of this shape (either order, any spacing, any content string, a type
        /// with or without escapes) decodes as the general reader decodes it, or is left
        /// to the parser.
        #[test]
        fn agrees_with_the_general_reader(
            kind in prop_oneof![
                Just(r#""notification""#),
                Just(r#""see-notification""#),
                Just(r#""friend-location""#),
                Just(r#""new-\"type\"""#),
                Just(r#""""#),
            ],
            content in content(),
            content_first in any::<bool>(),
            spaces in proptest::collection::vec(space(), 9),
        ) {
            let content = serde_json::to_string(&content).unwrap_or_default();
            let [a, b, c, d, e, f, g, h, i] = spaces.as_slice() else {
                return Err(TestCaseError::fail("nine spaces"));
            };
            let (first, first_value, second, second_value) = if content_first {
                ("content", content.as_str(), "type", kind)
            } else {
                ("type", kind, "content", content.as_str())
            };
            let text = format!(
                r#"{a}{{{b}"{first}"{c}:{d}{first_value}{e},{f}"{second}"{g}:{h}{second_value}{i}}}"#
            );
            let shaped = decode_written_frame(&text);
            prop_assert_eq!(shaped.is_some(), !kind.contains('\\'), "{}", text);
            if let Some(decoded) = shaped {
                prop_assert_eq!(decoded, decode_general(&text), "{}", text);
            }
        }
    }

    #[test]
    fn other_shapes_are_left_to_the_parser() {
        for text in [
            r#"{"type":"notification","content":"{}","extra":1}"#,
            r#"{"type":"notification","content":{"id":"not_1"}}"#,
            r#"{"type":"notification","content":null}"#,
            r#"{"type":"notification","content":"{}"} x"#,
            r#"{"type":"notification"}"#,
            r#"{"t\u0079pe":"notification","content":"{}"}"#,
            r#"{"type":"notification","content":"\ud800"}"#,
            "{\"type\":\"notification\",\"content\":\"a\tb\"}",
        ] {
            assert_eq!(decode_written_frame(text), None, "{text}");
        }
    }
}
