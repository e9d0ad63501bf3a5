//! `POST /auth/twofactorauth/{totp|otp|emailotp}/verify`: finish a 2FA login.

use http::Method;

use super::{TwoFactorCode, TwoFactorMethod};
use crate::endpoint::{Endpoint, RequestBody};
use crate::error::{ApiError, ApiErrorKind, InputError};

/// Sends a second factor (operations `verify2FA`, `verifyRecoveryCode`,
/// `verify2FAEmailCode`). Answers whether the code was accepted; on success the server
/// sets the `twoFactorAuth` cookie.
///
/// ```
/// use vrchat_invite_core::Endpoint;
/// use vrchat_invite_core::auth::{TwoFactorCode, TwoFactorMethod, VerifyTwoFactor};
/// let verify = VerifyTwoFactor::new(TwoFactorMethod::EmailOtp, TwoFactorCode::new("123456")?)?;
/// assert_eq!(verify.path(), "/auth/twofactorauth/emailotp/verify");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyTwoFactor {
    segment: &'static str,
    code: TwoFactorCode,
}

#[derive(serde::Serialize)]
struct CodeBody<'a> {
    code: &'a str,
}

#[derive(serde::Deserialize)]
struct Verified {
    verified: bool,
}

impl VerifyTwoFactor {
    /// Verifies `code` with `method`.
    ///
    /// # Errors
    /// [`InputError::UnsupportedTwoFactorMethod`] for a method this crate does not know.
    pub fn new(method: TwoFactorMethod, code: TwoFactorCode) -> Result<Self, InputError> {
        let segment =
            method
                .verify_segment()
                .ok_or_else(|| InputError::UnsupportedTwoFactorMethod {
                    method: method.as_str().to_owned(),
                })?;
        Ok(Self { segment, code })
    }
}

impl Endpoint for VerifyTwoFactor {
    const OPERATION_ID: &'static str = "verify2FA";

    /// Whether the code was accepted.
    type Output = bool;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        format!("/auth/twofactorauth/{}/verify", self.segment)
    }

    fn body(&self) -> RequestBody {
        let body = CodeBody {
            code: self.code.expose(),
        };
        RequestBody::Json(serde_json::to_vec(&body).unwrap_or_default())
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<bool> {
        serde_json::from_slice::<Verified>(body).map(|reply| reply.verified)
    }

    /// A 400 or 401 here means the code was not accepted.
    fn refine_error(&self, error: ApiError) -> ApiError {
        match error.status().as_u16() {
            400 | 401 => error.with_kind(ApiErrorKind::InvalidTwoFactorCode),
            _ => error,
        }
    }
}
