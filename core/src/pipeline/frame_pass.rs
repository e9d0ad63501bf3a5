//! A frame read in one pass. When `type` comes before a string `content` (as VRChat writes
//! frames), the content is decoded from the parser's unescaped text as it is read, without
//! copying it; a string content before `type` is copied and decoded after. Anything else is
//! left to the general reader.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::pipeline::PipelineEvent;
use crate::pipeline::frame::{Content, Decoded, FrameError, decode_parts_into, server_error};
use crate::pipeline::frame_shape::decode_written_frame;

/// The frame's event, or `None` when the general reader must decide.
pub(super) fn decode_in_one_pass(text: &str) -> Option<Result<PipelineEvent, FrameError>> {
    if let Some(decoded) = decode_written_frame(text) {
        return Some(decoded);
    }
    // Written in place by the reader: an event is large, and passing it back up through
    // the parser's results would copy it at each level.
    let mut decoded = None;
    let mut parser = serde_json::Deserializer::from_str(text);
    parser
        .deserialize_map(FrameVisitor {
            decoded: &mut decoded,
        })
        .ok()?;
    parser.end().ok()?;
    decoded
}

/// Reads the frame's fields into `decoded`; fails (so the general reader runs) on whatever
/// it does not read exactly as the general reader would: a key or type with escapes,
/// content that is not a string or `null`, a repeated field.
struct FrameVisitor<'o> {
    decoded: &'o mut Decoded,
}

impl<'de> Visitor<'de> for FrameVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a pipeline frame")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut kind: Option<Option<&'de str>> = None;
        let mut content_read = false;
        // A content read before the type.
        let mut early: Option<String> = None;
        let mut err: Option<Option<Value>> = None;
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "type" if kind.is_none() => kind = Some(map.next_value()?),
                "content" if !content_read => {
                    content_read = true;
                    match kind {
                        Some(Some(kind)) => map.next_value_seed(ContentSeed {
                            kind,
                            decoded: &mut *self.decoded,
                        })?,
                        _ => early = map.next_value()?,
                    }
                }
                "err" if err.is_none() => err = Some(map.next_value()?),
                "type" | "content" | "err" => return Err(A::Error::custom("repeated field")),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(Some(err)) = err {
            *self.decoded = Some(Err(server_error(err)));
        } else if let Some(Some(kind)) = kind {
            if self.decoded.is_none() {
                let content = early.as_deref().map_or(Content::Absent, Content::Text);
                decode_parts_into(kind, content, self.decoded);
            }
        } else {
            *self.decoded = Some(Err(FrameError::MissingType));
        }
        Ok(())
    }
}

/// Decodes a string content for `kind` from the text the parser hands over.
struct ContentSeed<'k, 'o> {
    kind: &'k str,
    decoded: &'o mut Decoded,
}

impl<'de> DeserializeSeed<'de> for ContentSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ContentSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<(), E> {
        decode_parts_into(self.kind, Content::Text(text), self.decoded);
        Ok(())
    }

    fn visit_unit<E: Error>(self) -> Result<(), E> {
        decode_parts_into(self.kind, Content::Absent, self.decoded);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::pipeline::frame::decode_general;

    /// A field of a frame, as written.
    fn field() -> impl Strategy<Value = String> {
        let kind = prop_oneof![
            Just(r#""notification""#),
            Just(r#""friend-location""#),
            Just(r#""see-notification""#),
            Just(r#""clear-notification""#),
            Just(r#""notification-v2""#),
            Just(r#""some-new-type""#),
            Just(r#""notifica\u0074ion""#),
            Just("null"),
            Just("7"),
        ];
        let notification = serde_json::json!({"id": "not_1", "type": "invite",
            "senderUserId": "usr_a", "details": {"worldId": "wrld_1:1"}})
        .to_string();
        let friend = serde_json::json!({"userId": "usr_a", "location": "private",
            "user": {"displayName": "B\u{2024}b", "tags": []}})
        .to_string();
        let content = prop_oneof![
            Just(serde_json::to_string(&notification).unwrap_or_default()),
            Just(notification),
            Just(serde_json::to_string(&friend).unwrap_or_default()),
            Just(friend),
            Just(r#""not_2""#.to_owned()),
            Just(r#""\"not_3\"""#.to_owned()),
            Just(r#""{\"id\":\"n2\"}""#.to_owned()),
            Just(r#""not json""#.to_owned()),
            Just(r#""\ud800""#.to_owned()),
            Just("null".to_owned()),
            Just("[1]".to_owned()),
        ];
        prop_oneof![
            kind.prop_map(|kind| format!(r#""type":{kind}"#)),
            content.prop_map(|content| format!(r#""content":{content}"#)),
            Just(r#""err":"authToken doesn't correspond with an active session""#.to_owned()),
            Just(r#""err":{"code":1}"#.to_owned()),
            Just(r#""err":null"#.to_owned()),
            Just(r#""extra":[{"a":"\""}]"#.to_owned()),
            Just(r#""t\u0079pe":"notification""#.to_owned()),
        ]
    }

    proptest! {
        /// Whatever the frame, the one pass decodes it as the general reader does, or
        /// leaves it to that reader.
        #[test]
        fn agrees_with_the_general_reader(fields in proptest::collection::vec(field(), 0..5)) {
            let text = format!("{{{}}}", fields.join(","));
            if let Some(decoded) = decode_in_one_pass(&text) {
                prop_assert_eq!(decoded, decode_general(&text), "{}", text);
            }
        }
    }

    #[test]
    fn reads_frames_in_either_order_in_one_pass() {
        let content =
            r#""{\"id\":\"not_1\",\"type\":\"invite\",\"senderUserId\":\"usr_a\",\"details\":{}}""#;
        for text in [
            format!(r#"{{"type":"notification","content":{content}}}"#),
            format!(r#"{{"content":{content},"type":"notification"}}"#),
            r#"{"type":"clear-notification"}"#.to_owned(),
            r#"{"type":"see-notification","content":"not_1"}"#.to_owned(),
        ] {
            let decoded = decode_in_one_pass(&text).expect("one pass");
            assert!(decoded.is_ok(), "{text}");
            assert_eq!(decoded, decode_general(&text), "{text}");
        }
        // An object content is the general reader's.
        assert!(decode_in_one_pass(r#"{"type":"notification-v2","content":{"id":"n"}}"#).is_none());
    }
}
