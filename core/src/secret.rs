//! A string that never shows itself in `Debug` or `Display`.

use std::fmt;

/// A secret string (cookie value, password, 2FA code).
///
/// `Debug` and `Display` print `<redacted>`; the value is reached only through
/// [`Secret::expose`], so it never lands in a log or error message by accident.
///
/// ```
/// use vrchat_invite_core::auth::Secret;
/// let password = Secret::new("hunter2");
/// assert_eq!(format!("{password:?} {password}"), "Secret(<redacted>) <redacted>");
/// assert_eq!(password.expose(), "hunter2");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value itself. Handle with care.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
