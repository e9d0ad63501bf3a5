//! What hiding a notification answers: the notification, or only a success note.

use crate::models::Notification;

/// The reply to [`crate::inbox::HideNotification`]. VRChat has answered both shapes: the hidden
/// [`Notification`], and (as newer spec releases say) only
/// `{"success": {"message": "Ok", "status_code": 200}}`.
///
/// ```
/// use vrchat_invite_core::{Endpoint, NotificationId};
/// use vrchat_invite_core::inbox::{HideNotification, HideReply};
/// let hide = HideNotification::new(NotificationId::new("not_1")?);
/// let ok = http::Response::new(br#"{"success":{"message":"Ok","status_code":200}}"#.to_vec());
/// assert_eq!(hide.parse(&ok)?, HideReply::Acknowledged);
/// let item = http::Response::new(
///     br#"{"id":"not_1","type":"invite","senderUserId":"usr_a","details":"{}","created_at":"2024-01-01T00:00:00Z","message":""}"#.to_vec(),
/// );
/// let hidden = hide.parse(&item)?;
/// assert_eq!(hidden.notification().map(|n| n.id.as_str()), Some("not_1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum HideReply {
    /// The server answered the hidden notification.
    Notification(Box<Notification>),
    /// The server answered only that it succeeded.
    Acknowledged,
}

impl HideReply {
    /// The hidden notification, when the server answered it.
    pub fn notification(&self) -> Option<&Notification> {
        match self {
            Self::Notification(notification) => Some(notification),
            Self::Acknowledged => None,
        }
    }

    /// The hidden notification, owned, when the server answered it.
    pub fn into_notification(self) -> Option<Notification> {
        match self {
            Self::Notification(notification) => Some(*notification),
            Self::Acknowledged => None,
        }
    }
}

impl<'de> serde::Deserialize<'de> for HideReply {
    /// Either shape, as [`crate::inbox::HideNotification`] reads its reply.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        decode_hide_reply(raw.get().as_bytes()).map_err(serde::de::Error::custom)
    }
}

/// `{"success": …}`: any value under `success`, nothing else required.
#[derive(serde::Deserialize)]
struct SuccessNote {
    #[allow(dead_code, reason = "only its presence is read")]
    success: serde::de::IgnoredAny,
}

/// Decodes either shape; a body that is neither fails with the notification's error.
pub(crate) fn decode_hide_reply(body: &[u8]) -> serde_json::Result<HideReply> {
    match crate::models::decode_notification::<Notification>(body) {
        Ok(notification) => Ok(HideReply::Notification(Box::new(notification))),
        Err(error) => match crate::decode::decode_body::<SuccessNote>(body) {
            Ok(_) => Ok(HideReply::Acknowledged),
            Err(_) => Err(error),
        },
    }
}
