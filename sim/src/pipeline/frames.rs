//! The text frames the pipeline pushes: `{"type": …, "content": "<JSON-encoded>"}`.

use serde_json::{Value, json};
use vrchat_invite_core::{NotificationId, UserId};

use crate::state::StoredNotification;

/// A frame whose content is JSON-encoded in a string.
pub(crate) fn encoded_frame(kind: &str, content: &Value) -> String {
    json!({"type": kind, "content": content.to_string()}).to_string()
}

/// `notification`: as the socket sends it, with `receiverUserId`, without `seen`, details
/// as an object. A raw notification is pushed verbatim.
pub(crate) fn notification_frame(notification: &StoredNotification) -> String {
    let content = match &notification.raw {
        Some(raw) => raw.clone(),
        None => json!({
            "id": notification.id,
            "type": notification.kind.as_str(),
            "created_at": notification.created_at,
            "details": notification.details,
            "message": notification.message,
            "receiverUserId": notification.receiver,
            "senderUserId": notification.sender,
        }),
    };
    encoded_frame("notification", &content)
}

/// `response-notification`: `answered` was answered by `receiver` with `response`.
pub(crate) fn response_frame(
    answered: &NotificationId,
    receiver: &UserId,
    response: &NotificationId,
) -> String {
    encoded_frame(
        "response-notification",
        &json!({"notificationId": answered, "receiverId": receiver, "responseId": response}),
    )
}

/// `see-notification` and `hide-notification`: a bare ID.
pub(crate) fn id_frame(kind: &str, id: &NotificationId) -> String {
    json!({"type": kind, "content": id}).to_string()
}

/// `clear-notification`: no content.
pub(crate) fn clear_frame() -> String {
    json!({"type": "clear-notification"}).to_string()
}

/// `friend-location`: where `friend` is now.
pub(crate) fn friend_location_frame(
    friend: &UserId,
    display_name: &str,
    location: &str,
    can_request_invite: bool,
) -> String {
    let world = match location.split_once(':') {
        Some((world, _)) if !location.contains("~private") => world.to_owned(),
        Some(_) => "private".to_owned(),
        None => location.to_owned(),
    };
    encoded_frame(
        "friend-location",
        &json!({
            "userId": friend,
            "location": location,
            "travelingToLocation": "",
            "worldId": world,
            "canRequestInvite": can_request_invite,
            "user": {"id": friend, "displayName": display_name},
        }),
    )
}
