//! Notification types, unknown ones kept.

use std::fmt;

/// The type of a notification. Types this crate does not know are kept in
/// [`NotificationType::Other`] rather than failing the response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotificationType {
    /// `boop`
    Boop,
    /// `friendRequest`
    FriendRequest,
    /// `invite`
    Invite,
    /// `inviteResponse`
    InviteResponse,
    /// `message`
    Message,
    /// `requestInvite`
    RequestInvite,
    /// `requestInviteResponse`
    RequestInviteResponse,
    /// `votetokick`
    VoteToKick,
    /// Any other type, as written on the wire.
    Other(String),
}

impl NotificationType {
    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Boop => "boop",
            Self::FriendRequest => "friendRequest",
            Self::Invite => "invite",
            Self::InviteResponse => "inviteResponse",
            Self::Message => "message",
            Self::RequestInvite => "requestInvite",
            Self::RequestInviteResponse => "requestInviteResponse",
            Self::VoteToKick => "votetokick",
            Self::Other(name) => name,
        }
    }

    /// The type for a wire name; never fails.
    pub fn from_wire(name: &str) -> Self {
        match name {
            "boop" => Self::Boop,
            "friendRequest" => Self::FriendRequest,
            "invite" => Self::Invite,
            "inviteResponse" => Self::InviteResponse,
            "message" => Self::Message,
            "requestInvite" => Self::RequestInvite,
            "requestInviteResponse" => Self::RequestInviteResponse,
            "votetokick" => Self::VoteToKick,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for NotificationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for NotificationType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for NotificationType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = NotificationType;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a notification type name")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Self::Value, E> {
                Ok(NotificationType::from_wire(name))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}
