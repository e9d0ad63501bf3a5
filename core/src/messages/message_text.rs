//! The text of an invite message.

use std::fmt;

use crate::error::InputError;

/// Text for an invite message slot: not blank, one line, no control characters.
///
/// The server rewrites punctuation (`.` comes back as `․`), so compare with
/// [`crate::messages::fold_punctuation`] after a round trip.
///
/// ```
/// use vrchat_invite_core::messages::MessageText;
/// assert!(MessageText::new("Come hang out!").is_ok());
/// assert!(MessageText::new("   ").is_err());
/// assert!(MessageText::new("two\nlines").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageText(String);

impl MessageText {
    /// Checks invite message text.
    ///
    /// # Errors
    /// [`InputError::InvalidMessageText`] for blank text or text with control characters.
    pub fn new(text: impl Into<String>) -> Result<Self, InputError> {
        let text = text.into();
        if text.trim().is_empty() {
            return Err(InputError::InvalidMessageText {
                reason: "it is blank",
            });
        }
        if text.chars().any(char::is_control) {
            return Err(InputError::InvalidMessageText {
                reason: "it contains a line break or another control character",
            });
        }
        Ok(Self(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MessageText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<&str> for MessageText {
    type Error = InputError;
    fn try_from(text: &str) -> Result<Self, Self::Error> {
        Self::new(text)
    }
}
