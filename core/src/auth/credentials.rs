//! Username and password, and the `Authorization: Basic` header made from them.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::HeaderValue;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::InputError;
use crate::secret::Secret;

/// What `encodeURIComponent` leaves alone; everything else, `:` and `%` included, is encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// A username (or email) and password for a first login.
///
/// Both are secrets: `Debug` shows neither.
///
/// ```
/// use vrchat_invite_core::auth::Credentials;
/// let credentials = Credentials::new("alice", "p@ss:word%")?;
/// assert_eq!(format!("{credentials:?}"), "Credentials(<redacted>)");
/// assert!(Credentials::new("", "x").is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    username: Secret,
    password: Secret,
}

impl Credentials {
    /// Checks that neither part is empty.
    ///
    /// # Errors
    /// [`InputError::InvalidCredential`] for an empty username or password.
    pub fn new(
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Result<Self, InputError> {
        let username = username.into();
        let password = password.into();
        if username.is_empty() {
            return Err(InputError::InvalidCredential {
                name: "username",
                reason: "it is empty",
            });
        }
        if password.is_empty() {
            return Err(InputError::InvalidCredential {
                name: "password",
                reason: "it is empty",
            });
        }
        Ok(Self {
            username: Secret::new(username),
            password: Secret::new(password),
        })
    }

    /// The `Authorization` header: `Basic base64(urlencode(username):urlencode(password))`,
    /// marked sensitive.
    pub fn basic_authorization(&self) -> HeaderValue {
        let mut joined = String::new();
        joined.extend(utf8_percent_encode(self.username.expose(), COMPONENT));
        joined.push(':');
        joined.extend(utf8_percent_encode(self.password.expose(), COMPONENT));
        let header = format!("Basic {}", STANDARD.encode(joined));
        // Base64 output is always a valid header value.
        let mut value =
            HeaderValue::from_str(&header).unwrap_or_else(|_| HeaderValue::from_static("Basic"));
        value.set_sensitive(true);
        value
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credentials(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_each_part_before_joining() {
        let credentials = Credentials::new("a:b", "c%d é").expect("valid");
        let header = credentials.basic_authorization();
        assert!(header.is_sensitive());
        let encoded = header
            .to_str()
            .expect("ascii")
            .strip_prefix("Basic ")
            .expect("prefix");
        let decoded = STANDARD.decode(encoded).expect("base64");
        assert_eq!(decoded, b"a%3Ab:c%25d%20%C3%A9");
    }
}
