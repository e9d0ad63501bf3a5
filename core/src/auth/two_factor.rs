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
    /// use vrchat_invite_core::auth::TwoFactorMethod;
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

/// A two-factor code: a secret, non-empty, without spaces or control characters.
///
/// Codes are read as people type them: surrounding whitespace is trimmed, spaces inside
/// are dropped (authenticator apps show `733 819`), and so are the dashes inside a
/// six-digit code (`733-819`). A recovery code keeps its dashes (`1234-5678`).
///
/// ```
/// use vrchat_invite_core::auth::TwoFactorCode;
/// let code = TwoFactorCode::new(" 123456\n")?;
/// assert_eq!(code.expose(), "123456");
/// assert_eq!(TwoFactorCode::new("733 819")?.expose(), "733819");
/// assert_eq!(TwoFactorCode::new("733-819")?.expose(), "733819");
/// assert_eq!(TwoFactorCode::new("1234-5678")?.expose(), "1234-5678");
/// assert_eq!(format!("{code:?}"), "TwoFactorCode(<redacted>)");
/// assert!(TwoFactorCode::new("  ").is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct TwoFactorCode(Secret);

impl TwoFactorCode {
    /// Reads and checks a code: whitespace is dropped, and so are the dashes of a
    /// six-digit code grouped as `123-456`.
    ///
    /// # Errors
    /// [`InputError::InvalidCredential`] for a blank code or one with a control character.
    pub fn new(code: impl Into<String>) -> Result<Self, InputError> {
        let code = Secret::new(code.into());
        let invalid = |reason| InputError::InvalidCredential {
            name: "two-factor code",
            reason,
        };
        if code
            .expose()
            .chars()
            .any(|c| c.is_control() && !c.is_whitespace())
        {
            return Err(invalid("it contains control characters"));
        }
        let compact: String = code
            .expose()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let compact = Secret::new(compact);
        if compact.expose().is_empty() {
            return Err(invalid("it is empty"));
        }
        Ok(Self(Secret::new(without_group_dashes(compact.expose()))))
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

/// The dashes that group digits (ASCII and the Unicode hyphens and dashes a copy may bring).
fn is_group_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// `code` without its dashes when it is six digits grouped by them (`123-456`); as it is
/// otherwise (a recovery code such as `1234-5678` keeps its dashes).
fn without_group_dashes(code: &str) -> String {
    let digits = code.chars().filter(char::is_ascii_digit).count();
    let grouped = code.chars().all(|c| c.is_ascii_digit() || is_group_dash(c));
    if grouped && digits == 6 {
        code.chars().filter(char::is_ascii_digit).collect()
    } else {
        code.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_people_type_them() {
        for typed in [
            "733819",
            " 733819\n",
            "733 819",
            "733\u{a0}819",
            " 73 38 19 ",
            "733-819",
            "733\u{2013}819",
            "7-3-3-8-1-9",
            "\t733 819\r\n",
        ] {
            let code = TwoFactorCode::new(typed).expect("accepted");
            assert_eq!(code.expose(), "733819", "{typed:?}");
        }
        assert_eq!(
            TwoFactorCode::new("1234-5678").expect("recovery").expose(),
            "1234-5678"
        );
        assert_eq!(
            TwoFactorCode::new(" 1234-5678 ")
                .expect("recovery")
                .expose(),
            "1234-5678"
        );
    }

    #[test]
    fn blank_and_control_characters_are_refused() {
        for bad in ["", "   ", "\n", "123\u{0}456", "123\u{1b}456"] {
            assert!(TwoFactorCode::new(bad).is_err(), "{bad:?}");
        }
    }
}
