//! Invite message slots, 0 to 11.

use std::fmt;
use std::str::FromStr;

use crate::error::InputError;

/// One of the 12 invite message slots of a collection: 0 to 11. The only way to name a slot.
///
/// ```
/// use vrchat_invite_core::Slot;
/// let slot = Slot::new(3)?;
/// assert_eq!(slot.get(), 3);
/// assert!(Slot::new(12).is_err());
/// assert_eq!(Slot::all().count(), 12);
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot(u8);

impl Slot {
    /// The highest slot number.
    pub const MAX: u8 = 11;
    /// Number of slots per collection.
    pub const COUNT: usize = 12;

    /// Checks that `value` is within 0..=11.
    ///
    /// # Errors
    /// [`InputError::SlotOutOfRange`] otherwise.
    pub fn new(value: u8) -> Result<Self, InputError> {
        Self::try_from(i64::from(value))
    }

    /// The slot number.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The 12 slots in order.
    pub fn all() -> impl Iterator<Item = Slot> {
        (0..=Self::MAX).map(Slot)
    }
}

impl TryFrom<i64> for Slot {
    type Error = InputError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        match u8::try_from(value) {
            Ok(slot) if slot <= Self::MAX => Ok(Self(slot)),
            _ => Err(InputError::SlotOutOfRange { value }),
        }
    }
}

impl From<Slot> for u8 {
    fn from(slot: Slot) -> Self {
        slot.0
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Slot {
    type Err = InputError;

    /// Reads a slot number. Text that is not a whole number is
    /// [`InputError::SlotNotANumber`]; a number too large for `i64` reads as out of range.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let trimmed = value.trim();
        let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InputError::SlotNotANumber {
                value: value.to_owned(),
            });
        }
        let number: i64 = trimmed.parse().unwrap_or(if trimmed.starts_with('-') {
            i64::MIN
        } else {
            i64::MAX
        });
        Self::try_from(number)
    }
}

impl serde::Serialize for Slot {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Slot {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        Slot::try_from(value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert!(Slot::try_from(-1).is_err());
        assert_eq!(Slot::try_from(0).map(Slot::get), Ok(0));
        assert_eq!(Slot::try_from(11).map(Slot::get), Ok(11));
        assert_eq!(
            Slot::try_from(12),
            Err(InputError::SlotOutOfRange { value: 12 })
        );
        for text in ["abc", "", "1.5", "--1", "3x", "+"] {
            assert_eq!(
                text.parse::<Slot>(),
                Err(InputError::SlotNotANumber {
                    value: text.to_owned()
                })
            );
        }
        assert!(
            "abc"
                .parse::<Slot>()
                .is_err_and(|error| error.to_string().contains("\"abc\" is not a number"))
        );
        assert_eq!(
            "99999999999999999999".parse::<Slot>(),
            Err(InputError::SlotOutOfRange { value: i64::MAX })
        );
        assert_eq!(" +7 ".parse::<Slot>().map(Slot::get), Ok(7));
        assert_eq!("7".parse::<Slot>().map(Slot::get), Ok(7));
    }

    #[test]
    fn out_of_range_says_the_range_and_no_made_up_number() {
        let message = |text: &str| text.parse::<Slot>().expect_err(text).to_string();
        assert_eq!(message("12"), "slot must be 0 to 11, not 12");
        assert_eq!(message("-1"), "slot must be 0 to 11, not -1");
        assert_eq!(message("99999999999999999999"), "slot must be 0 to 11");
        assert_eq!(message("-99999999999999999999"), "slot must be 0 to 11");
    }
}
