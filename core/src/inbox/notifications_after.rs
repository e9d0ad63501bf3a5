//! The `after` filter of the notification list.

use std::fmt;

use crate::error::InputError;
use crate::models::Timestamp;

/// Only notifications created after this point: a time, or one of the server's keywords
/// such as `five_minutes_ago`.
///
/// ```
/// use vrchat_invite_core::inbox::NotificationsAfter;
/// use vrchat_invite_core::models::Timestamp;
/// let since = NotificationsAfter::time(&Timestamp::new("2026-01-01T00:00:00.000Z"))?;
/// assert_eq!(since.as_str(), "2026-01-01T00:00:00.000Z");
/// let recent = NotificationsAfter::keyword("five_minutes_ago")?;
/// assert_eq!(recent.to_string(), "five_minutes_ago");
/// assert!(NotificationsAfter::time(&Timestamp::new("yesterday")).is_err());
/// assert!(NotificationsAfter::keyword("five minutes&hidden=true").is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NotificationsAfter(String);

impl NotificationsAfter {
    /// After `timestamp`, which must be a readable timestamp.
    ///
    /// # Errors
    /// [`InputError::InvalidAfter`] when the text is not a timestamp.
    pub fn time(timestamp: &Timestamp) -> Result<Self, InputError> {
        if timestamp.unix_millis().is_none() {
            return Err(InputError::InvalidAfter {
                value: timestamp.as_str().to_owned(),
                reason: "it is not a timestamp such as 2026-01-01T00:00:00.000Z",
            });
        }
        Ok(Self(timestamp.as_str().to_owned()))
    }

    /// After this many milliseconds since the Unix epoch.
    pub fn unix_millis(millis: i64) -> Self {
        Self(Timestamp::from_unix_millis(millis).as_str().to_owned())
    }

    /// After one of the server's keywords, such as `five_minutes_ago`: lowercase ASCII
    /// letters, digits and `_`.
    ///
    /// # Errors
    /// [`InputError::InvalidAfter`] for an empty word or one with other characters.
    pub fn keyword(word: &str) -> Result<Self, InputError> {
        let plain = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
        if word.is_empty() || !word.bytes().all(plain) {
            return Err(InputError::InvalidAfter {
                value: word.to_owned(),
                reason: "a keyword is lowercase letters, digits and `_`, e.g. five_minutes_ago",
            });
        }
        Ok(Self(word.to_owned()))
    }

    /// The value as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for NotificationsAfter {
    type Err = InputError;

    /// A timestamp when the text starts with a digit, a keyword otherwise.
    fn from_str(text: &str) -> Result<Self, InputError> {
        if text.starts_with(|c: char| c.is_ascii_digit()) {
            Self::time(&Timestamp::new(text))
        } else {
            Self::keyword(text)
        }
    }
}

impl fmt::Display for NotificationsAfter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
