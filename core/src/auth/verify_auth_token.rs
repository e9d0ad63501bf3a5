//! `GET /auth`: is the saved `auth` cookie still valid?

use http::Method;

use crate::endpoint::Endpoint;

/// Checks the session's `auth` cookie (operation `verifyAuthToken`). Answers `true` when it
/// is valid; an invalid cookie answers 401 ([`crate::ApiErrorKind::Unauthorized`]), a
/// half-logged one 401 [`crate::ApiErrorKind::TwoFactorRequired`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerifyAuthToken;

#[derive(serde::Deserialize)]
struct TokenStatus {
    ok: bool,
}

impl Endpoint for VerifyAuthToken {
    const OPERATION_ID: &'static str = "verifyAuthToken";

    /// Whether the token is valid.
    type Output = bool;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> String {
        "/auth".to_owned()
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<bool> {
        serde_json::from_slice::<TokenStatus>(body).map(|status| status.ok)
    }
}
