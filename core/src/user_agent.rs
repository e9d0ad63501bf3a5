//! The User-Agent VRChat requires.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use http::HeaderValue;

use crate::error::InputError;

/// A User-Agent of the shape VRChat requires: `AppName/version contact`.
///
/// VRChat's firewall refuses requests without a descriptive User-Agent that names the app,
/// its version and a way to reach its author, so there is no default: you supply your own.
/// A contact that is only `@domain` is refused too, as the firewall refuses it; the
/// official SDKs' `Name/version (contact), SDK/version (url)` is accepted.
///
/// ```
/// use vrchat_invite_core::UserAgent;
/// let agent = UserAgent::new("MyBot/1.2 me@example.com")?;
/// assert_eq!(agent.as_str(), "MyBot/1.2 me@example.com");
/// assert!(UserAgent::new("MyBot").is_err());
/// assert!(UserAgent::new("MyBot/1.2").is_err());
/// assert!(UserAgent::new("MyBot/1.2 @example.com").is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Clone)]
pub struct UserAgent {
    text: String,
    /// The header, made once: every request shares its bytes.
    header: HeaderValue,
}

impl UserAgent {
    /// Checks the `Name/version contact` shape: a token, `/`, a version token, whitespace and
    /// a contact, all printable ASCII.
    ///
    /// # Errors
    /// [`InputError::InvalidUserAgent`] saying which part is missing.
    pub fn new(value: impl Into<String>) -> Result<Self, InputError> {
        let value = value.into();
        match shape_problem(&value) {
            None => match HeaderValue::from_str(&value) {
                Ok(header) => Ok(Self {
                    text: value,
                    header,
                }),
                Err(_) => Err(InputError::InvalidUserAgent {
                    value,
                    reason: "only printable ASCII is allowed",
                }),
            },
            Some(reason) => Err(InputError::InvalidUserAgent { value, reason }),
        }
    }

    /// The header value.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The `User-Agent` header's value (cheap to clone).
    pub(crate) fn header_value(&self) -> HeaderValue {
        self.header.clone()
    }
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn shape_problem(value: &str) -> Option<&'static str> {
    if value.chars().any(|c| !(c == ' ' || c.is_ascii_graphic())) {
        return Some("only printable ASCII is allowed");
    }
    let Some((product, rest)) = value.split_once('/') else {
        return Some("the `Name/version` part is missing");
    };
    if product.is_empty() || !product.chars().all(is_token_char) {
        return Some("the app name must be a word without spaces");
    }
    let (version, contact) = rest.split_once(' ').unwrap_or((rest, ""));
    if version.is_empty() || !version.chars().all(is_token_char) {
        return Some("the version after `/` is missing");
    }
    let words: Vec<&str> = contact
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| "()<>[],;\"'".contains(c)))
        .filter(|word| !word.is_empty())
        .collect();
    if words.is_empty() {
        return Some("a contact (email or URL) after the version is missing");
    }
    if words.iter().all(|word| word.starts_with('@')) {
        return Some("a bare `@domain` is no contact: give an email or URL");
    }
    None
}

impl fmt::Debug for UserAgent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UserAgent").field(&self.text).finish()
    }
}

/// Equal when the text is: the header is made from it.
impl PartialEq for UserAgent {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for UserAgent {}

impl Hash for UserAgent {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for UserAgent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for UserAgent {
    type Err = InputError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::new(value)
    }
}

impl serde::Serialize for UserAgent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for UserAgent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_shapes() {
        for good in [
            "MyBot/1.2 me@example.com",
            "vrchat-invite-cli/0.1.0 https://example.com/contact",
            "A/1 (mailto:a@b.c) extra words",
            "MyBot/1.2 (me@example.com), vrchatapi-python/1.0 (https://example.com/sdk)",
            "MyBot/1.2 @example.com me@example.com",
        ] {
            assert!(UserAgent::new(good).is_ok(), "{good:?} rejected");
        }
    }

    #[test]
    fn rejects_incomplete_shapes() {
        for bad in [
            "",
            "MyBot",
            "MyBot/",
            "/1.0 me",
            "MyBot/1.0",
            "MyBot/1.0 ",
            "My Bot/1.0 me",
            "Bot/1 é",
            "Bot/1 a\r\nX: y",
            "MyBot/1.0 ()",
            "MyBot/1.0 @example.com",
            "MyBot/1.0 (@example.com)",
            "MyBot/1.0 <@example.com>, @example.org",
        ] {
            assert!(UserAgent::new(bad).is_err(), "{bad:?} accepted");
        }
    }
}
