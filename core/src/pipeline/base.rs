//! Where the pipeline listens.

use std::fmt;
use std::str::FromStr;

use crate::base_url::checked_base;
use crate::error::InputError;

/// The base of the pipeline's URL, `wss://pipeline.vrchat.cloud` by default.
///
/// Any `ws` or `wss` URL without query or fragment is accepted (tests point it at a local
/// simulator). A trailing `/` is dropped; the connect URL is the base, `/`, and the query.
///
/// ```
/// use vrchat_invite_core::PipelineBase;
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
    /// user info, query or fragment (a wrong scheme is [`crate::BaseUrlProblem::Scheme`]).
    pub fn new(value: impl Into<String>) -> Result<Self, InputError> {
        checked_base(value.into(), &["ws", "wss"]).map(Self)
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
