//! A world plus an instance.

use std::fmt;
use std::str::FromStr;

use super::{InstanceId, WorldId};
use crate::error::InputError;

/// Where an invite points: a world and an instance, written `wrld_…:instance`.
///
/// Parsing text checks the world part locally: a world ID is `wrld_` and the ID (or a
/// legacy `wld_…` / `o_…` ID), letters, digits, `-` and `_`. It also reads the link VRChat's
/// website shares, `https://vrchat.com/home/launch?worldId=…&instanceId=…` (and the
/// client's `vrchat://launch?id=…`), percent-decoding its values. [`Location::new`] joins
/// IDs as they are, unchecked beyond the ID rules.
///
/// ```
/// use vrchat_invite_core::Location;
/// let location: Location = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)".parse()?;
/// assert_eq!(location.world().as_str(), "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd");
/// assert_eq!(location.instance().as_str(), "12345~region(eu)");
/// assert_eq!(location.to_string(), "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)");
/// let link = "https://vrchat.com/home/launch?worldId=wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd&instanceId=12345~region(eu)";
/// assert_eq!(link.parse::<Location>()?, location);
/// assert!("offline".parse::<Location>().is_err());
/// assert!("https://example.com:443".parse::<Location>().is_err());
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

    /// Reads `world:instance` (split at the first `:`, the world checked as described on
    /// [`Location`]) or a VRChat launch link.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let invalid = || InputError::InvalidLocation {
            value: value.to_owned(),
        };
        let text = match launch_link(value) {
            Some(LaunchLink::Location(text)) => text,
            Some(LaunchLink::Incomplete) => return Err(invalid()),
            None => value.to_owned(),
        };
        let (world, instance) = text.split_once(':').ok_or_else(invalid)?;
        if !is_world_id(world) {
            return Err(invalid());
        }
        let world = WorldId::new(world).map_err(|_| invalid())?;
        let instance = InstanceId::new(instance).map_err(|_| invalid())?;
        Ok(Self { world, instance })
    }
}

/// The prefixes of world IDs: `wrld_`, and the legacy `wld_` and `o_`.
const WORLD_PREFIXES: [&str; 3] = ["wrld_", "wld_", "o_"];

/// Whether `text` has the shape of a world ID: a known prefix, then letters, digits, `-`
/// and `_`.
fn is_world_id(text: &str) -> bool {
    WORLD_PREFIXES.iter().any(|prefix| {
        text.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    })
}

/// What a VRChat launch link holds.
enum LaunchLink {
    /// The location, `world:instance`, its values percent-decoded.
    Location(String),
    /// A launch link without both a world and an instance.
    Incomplete,
}

/// The location in `value` when it is a launch link: the website's
/// `http(s)://[www.]vrchat.com/home/launch?worldId=…&instanceId=…` or the client's
/// `vrchat://launch?id=world:instance`. `None` for anything else.
fn launch_link(value: &str) -> Option<LaunchLink> {
    let (address, query) = value.split_once('?')?;
    let address = address.to_ascii_lowercase();
    let website = ["https://", "http://"].iter().any(|scheme| {
        address.strip_prefix(scheme).is_some_and(|rest| {
            let rest = rest.strip_prefix("www.").unwrap_or(rest);
            rest.trim_end_matches('/') == "vrchat.com/home/launch"
        })
    });
    if !website && address.trim_end_matches('/') != "vrchat://launch" {
        return None;
    }
    let query = query.split('#').next().unwrap_or_default();
    let (mut world, mut instance, mut id) = (None, None, None);
    for pair in query.split('&') {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match key {
            "worldId" => &mut world,
            "instanceId" => &mut instance,
            "id" => &mut id,
            _ => continue,
        };
        let Some(decoded) = percent_decode(raw) else {
            return Some(LaunchLink::Incomplete);
        };
        *slot = Some(decoded);
    }
    let location = match (world, instance, id) {
        (Some(world), Some(instance), _) => format!("{world}:{instance}"),
        // Some links carry the whole location in `worldId`.
        (Some(world), None, _) if world.contains(':') => world,
        (None, None, Some(id)) => id,
        _ => return Some(LaunchLink::Incomplete),
    };
    Some(LaunchLink::Location(location))
}

/// `text` with its `%XX` escapes decoded; `None` when an escape is broken or the result is
/// not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(byte);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
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

    #[test]
    fn the_world_part_must_look_like_a_world_id() {
        for good in ["wrld_a-1:1", "wld_x:1", "o_abc_1:2~private(usr_a)"] {
            assert!(good.parse::<Location>().is_ok(), "{good:?} refused");
        }
        for bad in [
            "https://vrchat.com/home/world/wrld_a:1",
            "https:1",
            "usr_a:1",
            "wrld_:1",
            "wrld_\u{2026}:1",
            "wrld_a b:1",
            "WRLD_a:1",
            "private:1",
            "\"wrld_a:1\"",
        ] {
            let error = bad.parse::<Location>().expect_err(bad);
            assert_eq!(
                error,
                InputError::InvalidLocation {
                    value: bad.to_owned()
                }
            );
        }
    }

    #[test]
    fn launch_links_are_converted() {
        let expected: Location = "wrld_4432ea9b:12345~region(eu)~nonce(a-b)"
            .parse()
            .expect("plain");
        for link in [
            "https://vrchat.com/home/launch?worldId=wrld_4432ea9b&instanceId=12345~region(eu)~nonce(a-b)",
            "https://vrchat.com/home/launch?instanceId=12345~region(eu)~nonce(a-b)&worldId=wrld_4432ea9b",
            "http://www.vrchat.com/home/launch/?worldId=wrld_4432ea9b&instanceId=12345%7Eregion%28eu%29~nonce(a-b)&shortName=x",
            "HTTPS://VRChat.com/home/launch?worldId=wrld_4432ea9b&instanceId=12345~region(eu)~nonce(a-b)#top",
            "https://vrchat.com/home/launch?worldId=wrld_4432ea9b:12345~region(eu)~nonce(a-b)",
            "vrchat://launch?ref=vrchat.com&id=wrld_4432ea9b:12345~region(eu)~nonce(a-b)",
        ] {
            assert_eq!(link.parse::<Location>().as_ref(), Ok(&expected), "{link}");
        }
        for bad in [
            "https://vrchat.com/home/launch?worldId=wrld_4432ea9b",
            "https://vrchat.com/home/launch?instanceId=12345",
            "https://vrchat.com/home/launch?worldId=https&instanceId=1",
            "https://vrchat.com/home/launch?worldId=wrld_a&instanceId=1%2",
            "https://vrchat.com/home/launch?worldId=wrld_a&instanceId=%FF",
            "https://vrchat.com/home/launch?worldId=wrld_a&instanceId=",
            "https://example.com/home/launch?worldId=wrld_a&instanceId=1",
        ] {
            assert!(bad.parse::<Location>().is_err(), "{bad} accepted");
        }
    }
}
