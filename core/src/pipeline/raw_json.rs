//! A JSON value kept as its text, decoded only as far as asked.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

/// A JSON value kept as the text it arrived as (such as the user object of a
/// `friend-location` event): reading an event costs one scan of it and one copy, and only
/// what is asked for is decoded.
///
/// ```
/// use vrchat_invite_core::pipeline::RawJson;
/// let user: RawJson = serde_json::from_str(r#"{"id":"usr_a","displayName":"Bob","tags":["a"]}"#)?;
/// assert_eq!(user.get::<String>("displayName").as_deref(), Some("Bob"));
/// assert_eq!(user.get::<u32>("displayName"), None); // not a number
/// assert_eq!(user.to_value()["tags"][0], "a");
///
/// #[derive(serde::Deserialize)]
/// struct Mine { id: String }
/// assert_eq!(user.decode::<Mine>()?.id, "usr_a");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text, as received.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The whole value as a `serde_json::Value` tree.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(self.as_str()).unwrap_or(Value::Null)
    }

    /// The value decoded into `T` (a struct of the fields wanted, for instance).
    ///
    /// # Errors
    /// The parser's error when the value does not fit `T`.
    pub fn decode<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(self.as_str())
    }

    /// The field `name` of an object, decoded into `T`; the other fields are only skipped.
    /// `None` when the value is not an object, has no such field, or it does not fit `T`.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        let mut parser = serde_json::Deserializer::from_str(self.as_str());
        parser
            .deserialize_map(FieldVisitor {
                name,
                wanted: PhantomData,
            })
            .ok()
            .flatten()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RawJson").field(&self.as_str()).finish()
    }
}

/// Equal when the texts are (a repeated frame repeats them byte for byte).
impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for RawJson {}

/// Finds one field, skipping the rest.
struct FieldVisitor<'n, T> {
    name: &'n str,
    wanted: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for FieldVisitor<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut found = None;
        while let Some(matches) = map.next_key_seed(KeyIs(self.name))? {
            if matches && found.is_none() {
                // A value that does not fit `T` ends the search: `get` gives `None`.
                found = Some(map.next_value::<T>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// Whether a key is `self.0`, read without copying it.
struct KeyIs<'n>(&'n str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}
