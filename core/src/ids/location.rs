//! A world plus an instance.

use std::fmt;
use std::str::FromStr;

use super::{InstanceId, WorldId};
use crate::error::InputError;

/// Where an invite points: a world and an instance, written `wrld_…:instance`.
///
/// ```
/// use vrchat_invite_core::Location;
/// let location: Location = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)".parse()?;
/// assert_eq!(location.world().as_str(), "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd");
/// assert_eq!(location.instance().as_str(), "12345~region(eu)");
/// assert_eq!(location.to_string(), "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)");
/// assert!("offline".parse::<Location>().is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    world: WorldId,
    instance: InstanceId,
}

impl Location {
    /// Joins a world and an instance.
    pub fn new(world: WorldId, instance: InstanceId) -> Self {
        Self { world, instance }
    }

    /// The world.
    pub fn world(&self) -> &WorldId {
        &self.world
    }

    /// The instance within the world.
    pub fn instance(&self) -> &InstanceId {
        &self.instance
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.world, self.instance)
    }
}

impl FromStr for Location {
    type Err = InputError;

    /// Splits at the first `:`; both sides must be valid IDs.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let invalid = || InputError::InvalidLocation {
            value: value.to_owned(),
        };
        let (world, instance) = value.split_once(':').ok_or_else(invalid)?;
        let world = WorldId::new(world).map_err(|_| invalid())?;
        let instance = InstanceId::new(instance).map_err(|_| invalid())?;
        Ok(Self { world, instance })
    }
}

impl TryFrom<&str> for Location {
    type Error = InputError;
    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl serde::Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Joined by hand: `collect_str` would run the formatting machinery on every request.
        let (world, instance) = (self.world.as_str(), self.instance.as_str());
        let mut text = String::with_capacity(world.len() + 1 + instance.len());
        text.push_str(world);
        text.push(':');
        text.push_str(instance);
        serializer.serialize_str(&text)
    }
}

impl<'de> serde::Deserialize<'de> for Location {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        value.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_first_colon() {
        let location: Location = "wrld_a:1~x:y".parse().expect("valid");
        assert_eq!(location.world().as_str(), "wrld_a");
        assert_eq!(location.instance().as_str(), "1~x:y");
    }

    #[test]
    fn rejects_missing_parts() {
        for bad in ["wrld_a", ":1", "wrld_a:", "offline", ".:1"] {
            assert!(bad.parse::<Location>().is_err(), "{bad:?} accepted");
        }
    }
}
