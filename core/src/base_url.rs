//! The URL every API path is appended to.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use http::uri::{Authority, PathAndQuery, Scheme};

use crate::error::{BaseUrlProblem, InputError};

/// The base of every API URL, `https://api.vrchat.cloud/api/1` by default.
///
/// Any `http` or `https` URL without user info, query or fragment is accepted (tests point
/// it at a local simulator). A trailing `/` is dropped. A `user:password@` part is refused,
/// and the error shows the URL with that part redacted.
///
/// ```
/// use vrchat_invite_core::BaseUrl;
/// assert_eq!(BaseUrl::default().as_str(), "https://api.vrchat.cloud/api/1");
/// let local = BaseUrl::new("http://127.0.0.1:8080/api/1/")?;
/// assert_eq!(local.as_str(), "http://127.0.0.1:8080/api/1");
/// assert!(BaseUrl::new("ftp://example.com").is_err());
/// let refused = BaseUrl::new("https://me:hunter2@example.com/api/1").unwrap_err();
/// assert!(!refused.to_string().contains("hunter2"));
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Clone)]
pub struct BaseUrl {
    text: String,
    /// The scheme and authority, parsed once: requests reuse them as they are.
    scheme: Scheme,
    authority: Authority,
    /// Where the path (`/api/1`, or nothing) starts in `text`.
    path_start: usize,
}

impl BaseUrl {
    /// VRChat's API.
    pub const VRCHAT: &'static str = "https://api.vrchat.cloud/api/1";

    /// Checks and normalizes a base URL.
    ///
    /// # Errors
    /// [`InputError::InvalidBaseUrl`] for anything but an absolute http(s) URL without user
    /// info, query or fragment; its [`BaseUrlProblem`] says which.
    pub fn new(value: impl Into<String>) -> Result<Self, InputError> {
        let text = checked_base(value.into(), &["http", "https"])?;
        let uri: http::Uri = text.parse().map_err(|_| InputError::InvalidBaseUrl {
            value: without_userinfo(&text),
            problem: BaseUrlProblem::NotAUrl,
        })?;
        let parts = uri.into_parts();
        match (parts.scheme, parts.authority) {
            (Some(scheme), Some(authority)) => Ok(Self::from_parts(text, scheme, authority)),
            _ => Err(InputError::InvalidBaseUrl {
                value: without_userinfo(&text),
                problem: BaseUrlProblem::MissingHost,
            }),
        }
    }

    fn from_parts(text: String, scheme: Scheme, authority: Authority) -> Self {
        let path_start = authority_range(&text).1;
        Self {
            text,
            scheme,
            authority,
            path_start,
        }
    }

    /// The base URL without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The URI of `path` (which starts with `/`) under this base, its scheme and
    /// authority reused rather than parsed again.
    pub(crate) fn join(&self, path: &str) -> Result<http::Uri, http::Error> {
        let prefix = self.text.get(self.path_start..).unwrap_or_default();
        let mut full = String::with_capacity(prefix.len() + path.len());
        full.push_str(prefix);
        full.push_str(path);
        let mut parts = http::uri::Parts::default();
        parts.scheme = Some(self.scheme.clone());
        parts.authority = Some(self.authority.clone());
        parts.path_and_query = Some(PathAndQuery::try_from(full)?);
        Ok(http::Uri::from_parts(parts)?)
    }
}

/// `value` as a base URL of one of `schemes`: absolute, with a host, without user info,
/// query or fragment, its trailing `/` dropped. The rule both base URLs (the API's and the
/// pipeline's) follow; an error shows the URL with any user info redacted.
pub(crate) fn checked_base(value: String, schemes: &[&str]) -> Result<String, InputError> {
    let invalid = |problem| InputError::InvalidBaseUrl {
        value: without_userinfo(&value),
        problem,
    };
    if has_userinfo(&value) {
        return Err(invalid(BaseUrlProblem::UserInfo));
    }
    if value.contains('#') {
        return Err(invalid(BaseUrlProblem::Fragment));
    }
    if value.contains('?') {
        return Err(invalid(BaseUrlProblem::Query));
    }
    let uri: http::Uri = value
        .parse()
        .map_err(|_| invalid(BaseUrlProblem::NotAUrl))?;
    if !uri
        .scheme_str()
        .is_some_and(|scheme| schemes.contains(&scheme))
    {
        return Err(invalid(BaseUrlProblem::Scheme));
    }
    if uri
        .authority()
        .is_none_or(|authority| authority.host().is_empty())
    {
        return Err(invalid(BaseUrlProblem::MissingHost));
    }
    Ok(value.trim_end_matches('/').to_owned())
}

/// Where the authority (`user:password@host:port`) of `value` lies, scheme or not.
fn authority_range(value: &str) -> (usize, usize) {
    let start = value.find("://").map_or(0, |at| at + 3);
    let rest = value.get(start..).unwrap_or_default();
    let end = rest
        .find(['/', '?', '#'])
        .map_or(value.len(), |at| start + at);
    (start, end)
}

/// Whether the authority holds an `@`, that is, user info.
pub(crate) fn has_userinfo(value: &str) -> bool {
    let (start, end) = authority_range(value);
    value
        .get(start..end)
        .is_some_and(|authority| authority.contains('@'))
}

/// `value` with any user info replaced by `<redacted>`, for error messages.
pub(crate) fn without_userinfo(value: &str) -> String {
    let (start, end) = authority_range(value);
    let Some(at) = value
        .get(start..end)
        .and_then(|authority| authority.rfind('@'))
    else {
        return value.to_owned();
    };
    let mut shown = String::with_capacity(value.len());
    shown.push_str(value.get(..start).unwrap_or_default());
    shown.push_str("<redacted>");
    shown.push_str(value.get(start + at..).unwrap_or_default());
    shown
}

impl Default for BaseUrl {
    fn default() -> Self {
        Self::from_parts(
            Self::VRCHAT.to_owned(),
            Scheme::HTTPS,
            Authority::from_static("api.vrchat.cloud"),
        )
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BaseUrl").field(&self.text).finish()
    }
}

/// Equal when the text is: the parsed parts follow from it.
impl PartialEq for BaseUrl {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for BaseUrl {}

impl Hash for BaseUrl {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
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
        serializer.serialize_str(&self.text)
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

    fn problem(value: &str) -> (String, BaseUrlProblem) {
        match BaseUrl::new(value) {
            Err(InputError::InvalidBaseUrl { value, problem }) => (value, problem),
            other => panic!("{value:?}: {other:?}"),
        }
    }

    #[test]
    fn refuses_userinfo_query_and_fragment_by_name() {
        for (url, expected) in [
            (
                "http://bob:pw123@127.0.0.1:9/api/1",
                BaseUrlProblem::UserInfo,
            ),
            ("http://bob@127.0.0.1/api/1", BaseUrlProblem::UserInfo),
            ("https://a:b@c@host/api/1", BaseUrlProblem::UserInfo),
            ("bob:pw123@host/api/1", BaseUrlProblem::UserInfo),
            ("http://h/api/1?x=1", BaseUrlProblem::Query),
            ("http://h/api/1#top", BaseUrlProblem::Fragment),
            ("http://h?x", BaseUrlProblem::Query),
        ] {
            let (shown, problem) = problem(url);
            assert_eq!(problem, expected, "{url}");
            assert!(
                !shown.contains("pw123") && !shown.contains("bob"),
                "{shown}"
            );
        }
        assert_eq!(
            problem("http://bob:pw123@h/api/1").0,
            "http://<redacted>@h/api/1"
        );
    }

    #[test]
    fn an_at_sign_in_the_path_is_not_userinfo() {
        assert!(BaseUrl::new("http://127.0.0.1:8080/api/@1").is_ok());
    }
}
