//! How many notifications one page holds.

use std::fmt;

use crate::error::InputError;

/// The number of notifications asked for in one page: 1 to 100 (VRChat's bounds), 60 by
/// default.
///
/// ```
/// use vrchat_invite_core::inbox::PageSize;
/// assert_eq!(PageSize::new(100)?.get(), 100);
/// assert_eq!(PageSize::default().get(), 60);
/// assert!(PageSize::new(0).is_err());
/// assert!(PageSize::new(101).is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageSize(u8);

impl PageSize {
    /// The smallest page.
    pub const MIN: PageSize = PageSize(1);
    /// The largest page VRChat serves.
    pub const MAX: PageSize = PageSize(100);
    /// The page VRChat serves when none is asked for.
    pub const DEFAULT: PageSize = PageSize(60);

    /// Checks a page size.
    ///
    /// # Errors
    /// [`InputError::PageSizeOutOfRange`] outside 1..=100.
    pub fn new(value: u8) -> Result<Self, InputError> {
        Self::try_from(i64::from(value))
    }

    /// The number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for PageSize {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<i64> for PageSize {
    type Error = InputError;

    fn try_from(value: i64) -> Result<Self, InputError> {
        match u8::try_from(value) {
            Ok(n) if (Self::MIN.0..=Self::MAX.0).contains(&n) => Ok(Self(n)),
            _ => Err(InputError::PageSizeOutOfRange { value }),
        }
    }
}

impl std::str::FromStr for PageSize {
    type Err = InputError;

    /// Reads a decimal number; anything else is out of range.
    fn from_str(text: &str) -> Result<Self, InputError> {
        match text.trim().parse::<i64>() {
            Ok(value) => Self::try_from(value),
            Err(_) => Err(InputError::NotANumber {
                what: "page size",
                value: text.to_owned(),
            }),
        }
    }
}

impl fmt::Display for PageSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
