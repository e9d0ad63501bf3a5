//! The `auth` and `twoFactorAuth` cookie values.

use crate::error::InputError;
use crate::secret::Secret;

/// Checks that a cookie value can be sent as is: RFC 6265 `cookie-octet`s only.
fn check_cookie_value(name: &'static str, value: &str) -> Result<(), InputError> {
    let invalid = |reason| InputError::InvalidCredential { name, reason };
    if value.is_empty() {
        return Err(invalid("it is empty"));
    }
    let allowed = |b: u8| b.is_ascii_graphic() && !matches!(b, b'"' | b',' | b';' | b'\\');
    if !value.bytes().all(allowed) {
        return Err(invalid("it contains a character a cookie cannot carry"));
    }
    Ok(())
}

macro_rules! define_cookie {
    ($(#[$doc:meta])* $name:ident, $cookie:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(#[serde(serialize_with = "serialize_secret")] Secret);

        impl $name {
            /// The cookie's name on the wire.
            pub const COOKIE_NAME: &'static str = $cookie;

            /// Checks and wraps a cookie value.
            ///
            /// # Errors
            /// [`InputError::InvalidCredential`] when the value is empty or holds a character
            /// a cookie cannot carry. The error never shows the value.
            pub fn new(value: impl Into<String>) -> Result<Self, InputError> {
                let value = value.into();
                check_cookie_value($what, &value)?;
                Ok(Self(Secret::new(value)))
            }

            /// The cookie value. Handle with care.
            pub fn expose(&self) -> &str {
                self.0.expose()
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}(<redacted>)", stringify!($name))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Self::new(String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
            }
        }
    };
}

fn serialize_secret<S: serde::Serializer>(
    secret: &Secret,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(secret.expose())
}

define_cookie!(
    /// The `auth` cookie: the session token every authenticated call sends.
    ///
    /// ```
    /// use vrchat_invite_core::auth::AuthCookie;
    /// let token = AuthCookie::new("authcookie_0000")?;
    /// assert_eq!(format!("{token:?}"), "AuthCookie(<redacted>)");
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    AuthCookie, "auth", "auth cookie"
);

define_cookie!(
    /// The `twoFactorAuth` cookie: remembers a device so later logins skip 2FA.
    TwoFactorCookie, "twoFactorAuth", "twoFactorAuth cookie"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_values_that_would_break_the_header() {
        for bad in ["", "a;b", "a b", "a,b", "a\"b", "é"] {
            let error = AuthCookie::new(bad).expect_err("accepted");
            assert!(!error.to_string().contains(bad) || bad.is_empty());
        }
    }

    #[test]
    fn serializes_the_value_for_saving() {
        let token = TwoFactorCookie::new("tfa.xyz").expect("valid");
        assert_eq!(
            serde_json::to_string(&token).expect("serialize"),
            "\"tfa.xyz\""
        );
    }
}
