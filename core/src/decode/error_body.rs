//! The fields of an error body, read without building a JSON tree and without copying
//! strings that have no escapes.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The parts of an error body the classifier reads, in any shape seen in real traffic:
/// `{"error": {"message": …, "waf_code": …}}`, `{"error": "…", "status_code": n}`,
/// `{"message": …}`, with `waf_code` at the top or inside `error`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ErrorBody<'a> {
    #[serde(borrow, default)]
    error: ErrorPart<'a>,
    #[serde(borrow, default)]
    message: Text<'a>,
    #[serde(borrow, default)]
    waf_code: Text<'a>,
}

impl<'a> ErrorBody<'a> {
    /// The message, from `error` when it has one, else from the top level.
    pub(crate) fn message(&self) -> Option<&str> {
        match &self.error {
            ErrorPart::Text(text) => Some(text),
            ErrorPart::Object { message, .. } => message.0.as_deref(),
            ErrorPart::Absent => self.message.0.as_deref(),
        }
    }

    /// The firewall's `waf_code`, at the top level or inside `error`.
    pub(crate) fn waf_code(&self) -> Option<&str> {
        self.waf_code.0.as_deref().or(match &self.error {
            ErrorPart::Object { waf_code, .. } => waf_code.0.as_deref(),
            _ => None,
        })
    }
}

/// `error`: a string, an object with `message` and `waf_code`, or anything else (ignored).
#[derive(Debug, Default)]
enum ErrorPart<'a> {
    #[default]
    Absent,
    Text(Cow<'a, str>),
    Object {
        message: Text<'a>,
        waf_code: Text<'a>,
    },
}

impl<'de: 'a, 'a> Deserialize<'de> for ErrorPart<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartVisitor;
        impl<'de> Visitor<'de> for PartVisitor {
            type Value = ErrorPart<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error message or object")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(ErrorPart::Text(Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(ErrorPart::Text(Cow::Owned(text.to_owned())))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let (mut message, mut waf_code) = (Text::default(), Text::default());
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Message => message = map.next_value()?,
                        Key::WafCode => waf_code = map.next_value()?,
                        Key::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(ErrorPart::Object { message, waf_code })
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(ErrorPart::Absent)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(ErrorPart::Absent)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(ErrorPart::Absent)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(ErrorPart::Absent)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(ErrorPart::Absent)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ErrorPart::Absent)
            }
        }
        deserializer.deserialize_any(PartVisitor)
    }
}

/// A key of the `error` object, read without copying it.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Message,
    WafCode,
    #[serde(other)]
    Other,
}

/// A string or a number as text; anything else (null, a list, an object) as nothing.
#[derive(Debug, Default)]
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text or a number")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(text))))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(text.to_owned()))))
            }
            fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(number.to_string()))))
            }
            fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(number.to_string()))))
            }
            fn visit_f64<E: de::Error>(self, number: f64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(number.to_string()))))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> (Option<String>, Option<String>) {
        let body: ErrorBody<'_> = serde_json::from_str(json).expect("body");
        (
            body.message().map(str::to_owned),
            body.waf_code().map(str::to_owned),
        )
    }

    #[test]
    fn reads_every_shape() {
        let some = |text: &str| Some(text.to_owned());
        assert_eq!(
            read(r#"{"error":{"message":"m","status_code":1}}"#),
            (some("m"), None)
        );
        assert_eq!(
            read(r#"{"error":"m","status_code":404}"#),
            (some("m"), None)
        );
        assert_eq!(read(r#"{"message":"m"}"#), (some("m"), None));
        assert_eq!(
            read(r#"{"error":{"message":"m","waf_code":16000}}"#),
            (some("m"), some("16000"))
        );
        assert_eq!(
            read(r#"{"error":{"message":"m"},"waf_code":"x"}"#),
            (some("m"), some("x"))
        );
        assert_eq!(
            read(r#"{"error":{"message":"a\"b"}}"#),
            (some("a\"b"), None)
        );
    }

    #[test]
    fn odd_values_are_nothing() {
        for json in [
            r#"{"error":[1,{"a":2}],"message":null}"#,
            r#"{"error":{"message":{"nested":true},"waf_code":[1]}}"#,
            r#"{"error":null,"message":false,"waf_code":{}}"#,
            r#"{"error":3.5}"#,
            r#"{}"#,
        ] {
            assert_eq!(read(json), (None, None), "{json}");
        }
        assert_eq!(
            read(r#"{"error":{"message":7}}"#),
            (Some("7".to_owned()), None)
        );
        // serde reads an array as the fields in order; none of them is text here.
        assert_eq!(read("[1]"), (None, None));
    }
}
