//! The URL every API path is appended to.

use std::fmt;
use std::str::FromStr;

use crate::error::InputError;

/// The base of every API URL, `https://api.vrchat.cloud/api/1` by default.
///
/// Any `http` or `https` URL without query or fragment is accepted (tests point it at a
/// local simulator). A trailing `/` is dropped.
///
/// ```
/// use vrchat_invite_core::BaseUrl;
/// assert_eq!(BaseUrl::default().as_str(), "https://api.vrchat.cloud/api/1");
/// let local = BaseUrl::new("http://127.0.0.1:8080/api/1/")?;
/// assert_eq!(local.as_str(), "http://127.0.0.1:8080/api/1");
/// assert!(BaseUrl::new("ftp://example.com").is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// VRChat's API.
    pub const VRCHAT: &'static str = "https://api.vrchat.cloud/api/1";

    /// Checks and normalizes a base URL.
    ///
    /// # Errors
    /// [`InputError::InvalidBaseUrl`] for anything but an absolute http(s) URL without query
    /// or fragment.
    pub fn new(value: impl Into<String>) -> Result<Self, InputError> {
        let value = value.into();
        let invalid = |reason| InputError::InvalidBaseUrl {
            value: value.clone(),
            reason,
        };
        let uri: http::Uri = value.parse().map_err(|_| invalid("not a URL"))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            _ => return Err(invalid("the scheme must be http or https")),
        }
        if uri
            .authority()
            .is_none_or(|authority| authority.host().is_empty())
        {
            return Err(invalid("the host is missing"));
        }
        if value.contains('?') || value.contains('#') {
            return Err(invalid("a query or fragment is not allowed"));
        }
        let trimmed = value.trim_end_matches('/').to_owned();
        Ok(Self(trimmed))
    }

    /// The base URL without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        Self(Self::VRCHAT.to_owned())
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for BaseUrl {
    type Err = InputError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::new(value)
    }
}

impl serde::Serialize for BaseUrl {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for BaseUrl {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_cannot_prefix_a_path() {
        for bad in [
            "",
            "api.vrchat.cloud",
            "http://",
            "http://h/x?y=1",
            "http://h/#f",
            "file:///x",
        ] {
            assert!(BaseUrl::new(bad).is_err(), "{bad:?} accepted");
        }
    }
}
