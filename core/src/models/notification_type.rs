//! Notification types, unknown ones kept.

use std::fmt;

/// The type of a notification. Types this crate does not know are kept in
/// [`NotificationType::Other`] rather than failing the response.
///
/// Names are read in camelCase (`requestInvite`, as REST writes them) and in kebab-case
/// (`request-invite`, as pipeline frames may write them); [`NotificationType::as_str`]
/// writes camelCase.
///
/// ```
/// use vrchat_invite_core::models::NotificationType;
/// assert_eq!(NotificationType::from_wire("request-invite"), NotificationType::RequestInvite);
/// assert_eq!(NotificationType::from_wire("requestInvite"), NotificationType::RequestInvite);
/// assert_eq!(NotificationType::RequestInvite.as_str(), "requestInvite");
/// ```
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

    /// The type for a wire name, camelCase or kebab-case; never fails. An unknown name is
    /// kept as written.
    pub fn from_wire(name: &str) -> Self {
        let camel = kebab_to_camel(name);
        match camel.as_deref().unwrap_or(name) {
            "boop" => Self::Boop,
            "friendRequest" => Self::FriendRequest,
            "invite" => Self::Invite,
            "inviteResponse" => Self::InviteResponse,
            "message" => Self::Message,
            "requestInvite" => Self::RequestInvite,
            "requestInviteResponse" => Self::RequestInviteResponse,
            "votetokick" => Self::VoteToKick,
            _ => Self::Other(name.to_owned()),
        }
    }
}

/// `request-invite-response` → `requestInviteResponse`; `None` for a name that is not
/// words joined by single hyphens.
fn kebab_to_camel(name: &str) -> Option<String> {
    if !name.contains('-') {
        return None;
    }
    let mut camel = String::with_capacity(name.len());
    for (index, word) in name.split('-').enumerate() {
        let mut chars = word.chars();
        let first = chars.next()?;
        if index == 0 {
            camel.push(first);
        } else {
            camel.extend(first.to_uppercase());
        }
        camel.push_str(chars.as_str());
    }
    Some(camel)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_and_camel_names_are_the_same_type() {
        for (kebab, camel, kind) in [
            (
                "friend-request",
                "friendRequest",
                NotificationType::FriendRequest,
            ),
            (
                "invite-response",
                "inviteResponse",
                NotificationType::InviteResponse,
            ),
            (
                "request-invite",
                "requestInvite",
                NotificationType::RequestInvite,
            ),
            (
                "request-invite-response",
                "requestInviteResponse",
                NotificationType::RequestInviteResponse,
            ),
        ] {
            assert_eq!(NotificationType::from_wire(kebab), kind, "{kebab}");
            assert_eq!(NotificationType::from_wire(camel), kind, "{camel}");
            assert_eq!(kind.as_str(), camel);
        }
        for plain in ["invite", "boop", "message", "votetokick"] {
            assert_eq!(NotificationType::from_wire(plain).as_str(), plain);
        }
    }

    #[test]
    fn unknown_names_stay_as_written() {
        for name in [
            "group-announcement",
            "new-thing-",
            "-",
            "",
            "Invite",
            "request--invite",
        ] {
            assert_eq!(
                NotificationType::from_wire(name),
                NotificationType::Other(name.to_owned()),
                "{name}"
            );
        }
    }
}
