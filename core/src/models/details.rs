//! Typed notification details, decoded from a JSON string or an object.

use serde_json::Value;
use serde_json::value::RawValue;

use crate::decode::with_unescaped;
use crate::ids::{Location, NotificationId};
use crate::models::NotificationType;

/// Details of an `invite` notification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InviteDetails {
    /// The location invited to, as written (`wrld_…:…`); see [`InviteDetails::location`].
    pub world_id: String,
    /// The world's name.
    #[serde(default)]
    pub world_name: String,
    /// The slot message sent with the invite, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_message: Option<String>,
    /// The photo sent with the invite, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

impl InviteDetails {
    /// The location, when `world_id` is a full `world:instance` location.
    pub fn location(&self) -> Option<Location> {
        self.world_id.parse().ok()
    }
}

/// Details of an `inviteResponse` notification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InviteResponseDetails {
    /// The invite this answers.
    pub in_response_to: NotificationId,
    /// The response slot's text.
    #[serde(default)]
    pub response_message: String,
    /// The photo sent with the response, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

/// Details of a `requestInvite` notification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestInviteDetails {
    /// The requester's platform, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The request slot's text, if a slot was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_message: Option<String>,
    /// The photo sent with the request, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

/// Details of a `requestInviteResponse` notification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestInviteResponseDetails {
    /// The request this answers.
    pub in_response_to: NotificationId,
    /// The slot text, if a slot was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_message: Option<String>,
    /// The photo sent with the response, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

/// The `details` of a notification, typed for the invite family and raw otherwise.
///
/// The REST API sends details as a JSON-encoded *string*, other calls as an *object*; both
/// decode the same. Details that do not fit their type are kept as [`NotificationDetails::Other`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum NotificationDetails {
    /// An invite.
    Invite(InviteDetails),
    /// An answer to an invite.
    InviteResponse(InviteResponseDetails),
    /// A request for an invite.
    RequestInvite(RequestInviteDetails),
    /// An answer to a request for an invite.
    RequestInviteResponse(RequestInviteResponseDetails),
    /// Any other details, as JSON (`{}` for most types).
    Other(Value),
}

impl Default for NotificationDetails {
    fn default() -> Self {
        Self::Other(Value::Object(serde_json::Map::new()))
    }
}

impl NotificationDetails {
    /// Decodes raw `details` JSON (a string holding JSON, or an object) for `kind`. Never fails.
    pub fn decode(kind: &NotificationType, raw: &RawValue) -> Self {
        let text = raw.get();
        if text.starts_with('"') {
            // Unescaped without allocating; serde_json handles anything unusual.
            with_unescaped(text, |inner| Self::decode_json(kind, inner, true))
                .or_else(|| {
                    let inner = serde_json::from_str::<String>(text).ok()?;
                    Some(Self::decode_json(kind, &inner, true))
                })
                .unwrap_or_default()
        } else {
            Self::decode_json(kind, text, false)
        }
    }

    /// The details of a notification that has none (missing or `null`): decoded like `{}`,
    /// so a type whose fields are all optional still gets its typed (empty) details.
    pub(crate) fn absent(kind: &NotificationType) -> Self {
        Self::decode_json(kind, "{}", false)
    }

    fn decode_json(kind: &NotificationType, json: &str, was_string: bool) -> Self {
        let typed = match kind {
            NotificationType::Invite => serde_json::from_str(json).map(Self::Invite).ok(),
            NotificationType::InviteResponse => {
                serde_json::from_str(json).map(Self::InviteResponse).ok()
            }
            NotificationType::RequestInvite => {
                serde_json::from_str(json).map(Self::RequestInvite).ok()
            }
            NotificationType::RequestInviteResponse => serde_json::from_str(json)
                .map(Self::RequestInviteResponse)
                .ok(),
            _ => None,
        };
        typed.unwrap_or_else(|| match serde_json::from_str(json) {
            Ok(value) => Self::Other(value),
            Err(_) if was_string => Self::Other(Value::String(json.to_owned())),
            Err(_) => Self::default(),
        })
    }

    /// The invite details, if these are.
    pub fn as_invite(&self) -> Option<&InviteDetails> {
        match self {
            Self::Invite(details) => Some(details),
            _ => None,
        }
    }
}
