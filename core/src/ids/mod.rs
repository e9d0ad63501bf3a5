//! ID newtypes: checked when made, leniently.
//!
//! VRChat IDs are usually `prefix_uuid`, but legacy user IDs have no prefix (`8JoV9XEdpo`)
//! and unedited invite messages have the ID `default`, so only what can never be valid is
//! rejected: empty, control characters, and the path steps `.` and `..`. Any other
//! character is safe because IDs are percent-encoded into exactly one path segment.

mod location;

pub use location::Location;

use crate::error::{IdProblem, InputError};

/// Checks what every ID must satisfy.
pub(crate) fn check_id(
    kind: &'static str,
    value: &str,
    forbidden: &[char],
) -> Result<(), InputError> {
    let problem = if value.is_empty() {
        Some(IdProblem::Empty)
    } else if value == "." || value == ".." {
        Some(IdProblem::DotSegment)
    } else if has_control(value) {
        Some(IdProblem::ControlCharacter)
    } else if forbidden.is_empty() {
        None
    } else {
        value
            .chars()
            .find(|c| forbidden.contains(c))
            .map(IdProblem::ForbiddenCharacter)
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(InputError::InvalidId {
            kind,
            value: value.to_owned(),
            problem,
        }),
    }
}

/// Whether `value` holds a control character (Unicode `Cc`: U+0000 to U+001F and U+007F to
/// U+009F).
fn has_control(value: &str) -> bool {
    // One pass without early exit, which the compiler turns into wide compares: IDs are
    // short and almost always clean ASCII.
    let (control, wide) = value.bytes().fold((false, false), |(control, wide), b| {
        (control | (b < 0x20) | (b == 0x7f), wide | (b >= 0x80))
    });
    control || (wide && value.chars().any(char::is_control))
}

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $example:literal, forbid = [$($forbidden:literal),*]) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("Checks and wraps a ", $kind, ", e.g. `", $example, "`.")]
            ///
            /// # Errors
            /// [`InputError::InvalidId`] when the value is empty, `.` or `..`, or contains a
            /// control character.
            pub fn new(value: impl Into<String>) -> Result<Self, InputError> {
                let value = value.into();
                check_id($kind, &value, &[$($forbidden),*])?;
                Ok(Self(value))
            }

            /// The ID as written by VRChat.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The ID as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = InputError;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::new(value)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InputError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InputError;
            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Self::new(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

define_id!(
    /// A user ID: `usr_…`, or a legacy ID without a prefix such as `8JoV9XEdpo`.
    ///
    /// ```
    /// use vrchat_invite_core::UserId;
    /// let modern = UserId::new("usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469")?;
    /// let legacy: UserId = "8JoV9XEdpo".parse()?;
    /// assert_eq!(legacy.as_str(), "8JoV9XEdpo");
    /// assert!(UserId::new("..").is_err());
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    UserId, "user ID", "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469", forbid = []
);

define_id!(
    /// A notification ID, such as `not_00000000-0000-0000-0000-000000000000`.
    NotificationId, "notification ID", "not_00000000-0000-0000-0000-000000000000", forbid = []
);

define_id!(
    /// A world ID, such as `wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd`. Never contains `:`,
    /// which separates world and instance in a [`Location`].
    WorldId, "world ID", "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd", forbid = [':']
);

define_id!(
    /// An instance ID within a world, such as `12345~region(eu)~nonce(…)`.
    InstanceId, "instance ID", "12345~region(eu)", forbid = []
);

define_id!(
    /// An invite message ID: `invm_…`, or `default` for a slot never edited.
    InviteMessageId, "invite message ID", "invm_24a1c14d-5e24-48e5-90e3-c3f712420ffa", forbid = []
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_only_what_is_never_valid() {
        for bad in [
            "",
            ".",
            "..",
            "usr_\u{0}",
            "a\nb",
            "a\u{7f}",
            "\u{85}",
            "é\u{9f}",
        ] {
            assert!(UserId::new(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["usr_x", "8JoV9XEdpo", "default", "../x", "a b", "é"] {
            assert!(UserId::new(good).is_ok(), "{good:?} rejected");
        }
        assert!(InviteMessageId::new("default").is_ok());
    }

    #[test]
    fn world_id_refuses_colon() {
        let error = WorldId::new("wrld_a:b").expect_err("colon accepted");
        assert!(matches!(
            error,
            InputError::InvalidId {
                problem: IdProblem::ForbiddenCharacter(':'),
                ..
            }
        ));
    }

    #[test]
    fn serde_checks_on_the_way_in() {
        let id: UserId = serde_json::from_str("\"usr_1\"").expect("valid");
        assert_eq!(serde_json::to_string(&id).expect("serialize"), "\"usr_1\"");
        assert!(serde_json::from_str::<UserId>("\"\"").is_err());
    }
}
