//! Reads a notification's `details` in one pass, whichever form it takes.
//!
//! The REST API sends details as a JSON-encoded string, other calls as an object. A string
//! is decoded straight from the parser's unescaped text (no intermediate copy); an object
//! goes through a `Value`, so details that do not fit their type are still kept.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::models::{NotificationDetails, NotificationType};

/// Details read before the notification's type was known, or already decoded.
pub(crate) enum PendingDetails {
    /// Missing or `null`.
    Absent,
    /// Decoded for a known type.
    Decoded(NotificationDetails),
    /// The text of a details string, to decode once the type is known.
    Text(String),
    /// Any other JSON value, to decode once the type is known.
    Json(Value),
}

impl PendingDetails {
    /// The typed details for `kind`.
    pub(crate) fn finish(self, kind: &NotificationType) -> NotificationDetails {
        match self {
            Self::Absent => NotificationDetails::absent(kind),
            Self::Decoded(details) => details,
            Self::Text(text) => NotificationDetails::from_text(kind, &text),
            Self::Json(value) => NotificationDetails::from_value(kind, value),
        }
    }
}

/// Reads `details`, decoding at once when the type is already known.
pub(crate) struct DetailsSeed<'k> {
    pub(crate) kind: Option<&'k NotificationType>,
}

impl DetailsSeed<'_> {
    fn json(self, value: Value) -> PendingDetails {
        match self.kind {
            Some(kind) => PendingDetails::Decoded(NotificationDetails::from_value(kind, value)),
            None => PendingDetails::Json(value),
        }
    }
}

impl<'de> DeserializeSeed<'de> for DetailsSeed<'_> {
    type Value = PendingDetails;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DetailsSeed<'_> {
    type Value = PendingDetails;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("notification details (a JSON string or a JSON value)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(match self.kind {
            Some(kind) => PendingDetails::Decoded(NotificationDetails::from_text(kind, text)),
            None => PendingDetails::Text(text.to_owned()),
        })
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(match self.kind {
            Some(kind) => PendingDetails::Decoded(NotificationDetails::from_text(kind, &text)),
            None => PendingDetails::Text(text),
        })
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(PendingDetails::Absent)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(PendingDetails::Absent)
    }

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(self.json(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(self.json(Value::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(self.json(Value::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(self.json(Value::from(value)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(self.json(value))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(self.json(value))
    }
}
