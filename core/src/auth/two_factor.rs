//! Two-factor methods and codes.

use std::fmt;

use crate::error::InputError;
use crate::secret::Secret;

/// A two-factor method VRChat offers at login.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TwoFactorMethod {
    /// `totp`: a code from an authenticator app.
    Totp,
    /// `otp`: a one-time recovery code.
    Otp,
    /// `emailOtp`: a code sent by email.
    EmailOtp,
    /// A method this crate does not know, as written on the wire.
    Other(String),
}

impl TwoFactorMethod {
    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Totp => "totp",
            Self::Otp => "otp",
            Self::EmailOtp => "emailOtp",
            Self::Other(name) => name,
        }
    }

    /// The method for a wire name; never fails.
    pub fn from_wire(name: &str) -> Self {
        match name {
            "totp" => Self::Totp,
            "otp" => Self::Otp,
            "emailOtp" => Self::EmailOtp,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The verify path segment, for the methods this crate can verify.
    pub(crate) fn verify_segment(&self) -> Option<&'static str> {
        match self {
            Self::Totp => Some("totp"),
            Self::Otp => Some("otp"),
            Self::EmailOtp => Some("emailotp"),
            Self::Other(_) => None,
        }
    }

    /// The method to ask a person for first: an authenticator code, then an email code,
    /// then a recovery code.
    ///
    /// ```
    /// use vrchat_invite_core::TwoFactorMethod;
    /// let offered = [TwoFactorMethod::Otp, TwoFactorMethod::Totp];
    /// assert_eq!(TwoFactorMethod::preferred(&offered), Some(&TwoFactorMethod::Totp));
    /// ```
    pub fn preferred(offered: &[TwoFactorMethod]) -> Option<&TwoFactorMethod> {
        [Self::Totp, Self::EmailOtp, Self::Otp]
            .iter()
            .find_map(|wanted| offered.iter().find(|method| *method == wanted))
    }
}

impl fmt::Display for TwoFactorMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A two-factor code: a secret, trimmed, non-empty, without spaces or control characters.
///
/// ```
/// use vrchat_invite_core::TwoFactorCode;
/// let code = TwoFactorCode::new(" 123456\n")?;
/// assert_eq!(code.expose(), "123456");
/// assert_eq!(format!("{code:?}"), "TwoFactorCode(<redacted>)");
/// assert!(TwoFactorCode::new("  ").is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct TwoFactorCode(Secret);

impl TwoFactorCode {
    /// Trims and checks a code.
    ///
    /// # Errors
    /// [`InputError::InvalidCredential`] for a blank code or one with inner whitespace.
    pub fn new(code: impl Into<String>) -> Result<Self, InputError> {
        let code = code.into();
        let trimmed = code.trim();
        let invalid = |reason| InputError::InvalidCredential {
            name: "two-factor code",
            reason,
        };
        if trimmed.is_empty() {
            return Err(invalid("it is empty"));
        }
        if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("it contains spaces or control characters"));
        }
        Ok(Self(Secret::new(trimmed)))
    }

    /// The code. Handle with care.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for TwoFactorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TwoFactorCode(<redacted>)")
    }
}
