//! Where the pipeline listens.

use std::fmt;
use std::str::FromStr;

use crate::base_url::{BaseUrl, checked_base};
use crate::error::InputError;

/// The base of the pipeline's URL, `wss://pipeline.vrchat.cloud` by default.
///
/// Any `ws` or `wss` URL without query or fragment is accepted (tests point it at a local
/// simulator). A trailing `/` is dropped; the connect URL is the base, `/`, and the query.
///
/// ```
/// use vrchat_invite_core::pipeline::PipelineBase;
/// assert_eq!(PipelineBase::default().as_str(), "wss://pipeline.vrchat.cloud");
/// let local = PipelineBase::new("ws://127.0.0.1:8080/pipeline/")?;
/// assert_eq!(local.as_str(), "ws://127.0.0.1:8080/pipeline");
/// assert!(PipelineBase::new("https://pipeline.vrchat.cloud").is_err());
/// assert!(PipelineBase::new("ws://user:pw@127.0.0.1/").is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PipelineBase(String);

impl PipelineBase {
    /// VRChat's pipeline.
    pub const VRCHAT: &'static str = "wss://pipeline.vrchat.cloud";

    /// Checks and normalizes a pipeline base URL.
    ///
    /// # Errors
    /// [`InputError::InvalidBaseUrl`] for anything but an absolute `ws` or `wss` URL without
    /// user info, query or fragment (a wrong scheme is [`crate::error::BaseUrlProblem::Scheme`]).
    pub fn new(value: impl Into<String>) -> Result<Self, InputError> {
        checked_base(value.into(), &["ws", "wss"]).map(Self)
    }

    /// The pipeline that goes with the API at `api`: VRChat's for VRChat's API (any
    /// `vrchat.cloud` or `vrchat.com` host), else `ws(s)://host:port/pipeline` on the API's
    /// host, where the simulator serves it (`wss` when the API is `https`).
    ///
    /// This is how a watch finds the pipeline from a session's base URL, so a program and
    /// the `vrchat-invite` command agree.
    ///
    /// ```
    /// use vrchat_invite_core::BaseUrl;
    /// use vrchat_invite_core::pipeline::PipelineBase;
    /// let vrchat = PipelineBase::for_api(&BaseUrl::default());
    /// assert_eq!(vrchat.as_str(), "wss://pipeline.vrchat.cloud");
    /// let local = PipelineBase::for_api(&BaseUrl::new("http://127.0.0.1:8080/api/1")?);
    /// assert_eq!(local.as_str(), "ws://127.0.0.1:8080/pipeline");
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    pub fn for_api(api: &BaseUrl) -> Self {
        let Ok(uri) = api.as_str().parse::<http::Uri>() else {
            return Self::default();
        };
        let Some(authority) = uri.authority() else {
            return Self::default();
        };
        let host = authority.host().to_ascii_lowercase();
        let vrchat = ["vrchat.cloud", "vrchat.com"]
            .iter()
            .any(|domain| host == *domain || host.ends_with(&format!(".{domain}")));
        if vrchat {
            return Self::default();
        }
        let scheme = if uri.scheme_str() == Some("https") {
            "wss"
        } else {
            "ws"
        };
        Self::new(format!("{scheme}://{authority}/pipeline")).unwrap_or_default()
    }

    /// The base URL without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the connection uses TLS (`wss`).
    pub fn is_tls(&self) -> bool {
        self.0.starts_with("wss:")
    }
}

impl Default for PipelineBase {
    fn default() -> Self {
        Self(Self::VRCHAT.to_owned())
    }
}

impl fmt::Display for PipelineBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PipelineBase {
    type Err = InputError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beside(api: &str) -> String {
        PipelineBase::for_api(&BaseUrl::new(api).expect("base URL")).to_string()
    }

    #[test]
    fn vrchat_api_means_vrchat_pipeline() {
        for api in [
            BaseUrl::VRCHAT,
            "https://api.vrchat.cloud/api/1/",
            "https://API.VRChat.cloud/api/1",
            "https://vrchat.com/api/1",
            "https://www.vrchat.com/api/1",
        ] {
            assert_eq!(beside(api), PipelineBase::VRCHAT, "{api}");
        }
    }

    #[test]
    fn any_other_api_has_its_pipeline_beside_it() {
        assert_eq!(
            beside("http://127.0.0.1:8080/api/1"),
            "ws://127.0.0.1:8080/pipeline"
        );
        assert_eq!(beside("http://localhost/api/1"), "ws://localhost/pipeline");
        assert_eq!(
            beside("https://example.com/api/1"),
            "wss://example.com/pipeline"
        );
        assert_eq!(beside("http://[::1]:9/x"), "ws://[::1]:9/pipeline");
        assert_eq!(
            beside("https://notvrchat.cloud/api/1"),
            "wss://notvrchat.cloud/pipeline"
        );
    }
}
