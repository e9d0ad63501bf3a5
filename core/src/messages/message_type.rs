//! The four invite message collections.

use std::fmt;
use std::str::FromStr;

use crate::error::InputError;

/// Which collection of invite messages: each has 12 slots.
///
/// `Display` and `FromStr` use the wire names.
///
/// ```
/// use vrchat_invite_core::messages::InviteMessageType;
/// let kind: InviteMessageType = "requestResponse".parse()?;
/// assert_eq!(kind, InviteMessageType::RequestResponse);
/// assert_eq!(kind.to_string(), "requestResponse");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum InviteMessageType {
    /// `message`: sent with an invite.
    Message,
    /// `response`: sent when answering an invite.
    Response,
    /// `request`: sent when requesting an invite.
    Request,
    /// `requestResponse`: sent when answering an invite request.
    RequestResponse,
}

impl InviteMessageType {
    /// All four, in wire order.
    pub const ALL: [InviteMessageType; 4] = [
        Self::Message,
        Self::Response,
        Self::Request,
        Self::RequestResponse,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Message => "message",
            Self::Response => "response",
            Self::Request => "request",
            Self::RequestResponse => "requestResponse",
        }
    }
}

impl fmt::Display for InviteMessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InviteMessageType {
    type Err = InputError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
            .ok_or_else(|| InputError::UnknownMessageType {
                value: value.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for kind in InviteMessageType::ALL {
            assert_eq!(kind.as_str().parse::<InviteMessageType>(), Ok(kind));
            let json = serde_json::to_string(&kind).expect("serialize");
            assert_eq!(json, format!("\"{kind}\""));
        }
        assert!("Message".parse::<InviteMessageType>().is_err());
    }
}
