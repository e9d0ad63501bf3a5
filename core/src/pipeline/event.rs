//! The events the pipeline pushes.

use serde_json::Value;

use crate::ids::{NotificationId, UserId};
use crate::models::Notification;
use crate::pipeline::{ConnectionStatus, RawJson};

/// One event from the pipeline, typed where an invite user needs it.
///
/// Types this crate does not model are kept as [`PipelineEvent::Other`], so a new event
/// type never fails the stream.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PipelineEvent {
    /// `notification`: a new notification (over the socket it has `receiverUserId` but no
    /// `seen`).
    Notification(Notification),
    /// `response-notification`: a notification was answered.
    ResponseNotification(ResponseNotification),
    /// `see-notification`: a notification was marked as seen.
    SeeNotification(NotificationId),
    /// `hide-notification`: a notification was hidden.
    HideNotification(NotificationId),
    /// `clear-notification`: every notification was cleared.
    ClearNotification,
    /// `notification-v2`: a notification of the newer system, kept raw.
    NotificationV2(NotificationV2),
    /// `notification-v2-update`: changes to a newer notification, kept raw.
    NotificationV2Update(NotificationV2Update),
    /// `notification-v2-delete`: newer notifications were deleted.
    NotificationV2Delete(NotificationV2Delete),
    /// `friend-location`: a friend moved.
    FriendLocation(FriendLocation),
    /// `friend-online`: a friend came online.
    FriendOnline(FriendLocation),
    /// Made by the watch, never sent by the server: the connection changed (only with
    /// [`crate::pipeline::PipelineOptions::with_connection_events`]). Its [`PipelineEvent::kind`]
    /// is `_connection`.
    Connection(ConnectionStatus),
    /// Any other type, with its content (a JSON-encoded string content is decoded when it
    /// holds JSON, and kept as a string otherwise).
    Other {
        /// The `type` as written.
        kind: String,
        /// The content.
        content: Value,
    },
}

impl PipelineEvent {
    /// The event's `type` as written on the wire.
    ///
    /// ```
    /// use vrchat_invite_core::pipeline::PipelineEvent;
    /// assert_eq!(PipelineEvent::ClearNotification.kind(), "clear-notification");
    /// ```
    pub fn kind(&self) -> &str {
        match self {
            Self::Notification(_) => "notification",
            Self::ResponseNotification(_) => "response-notification",
            Self::SeeNotification(_) => "see-notification",
            Self::HideNotification(_) => "hide-notification",
            Self::ClearNotification => "clear-notification",
            Self::NotificationV2(_) => "notification-v2",
            Self::NotificationV2Update(_) => "notification-v2-update",
            Self::NotificationV2Delete(_) => "notification-v2-delete",
            Self::FriendLocation(_) => "friend-location",
            Self::FriendOnline(_) => "friend-online",
            Self::Connection(_) => "_connection",
            Self::Other { kind, .. } => kind,
        }
    }

    /// The notification, for a `notification` event.
    pub fn notification(&self) -> Option<&Notification> {
        match self {
            Self::Notification(notification) => Some(notification),
            _ => None,
        }
    }

    /// The event as one JSON object: `{"type": …, "content": …}` with the content decoded
    /// (a notification with its `id`, an ID as a string, `null` for nothing).
    ///
    /// ```
    /// use vrchat_invite_core::NotificationId;
    /// use vrchat_invite_core::pipeline::PipelineEvent;
    /// let event = PipelineEvent::SeeNotification(NotificationId::new("not_1")?);
    /// assert_eq!(event.to_json().to_string(), r#"{"content":"not_1","type":"see-notification"}"#);
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    pub fn to_json(&self) -> Value {
        let content = match self {
            Self::Notification(notification) => serde_json::to_value(notification).ok(),
            Self::ResponseNotification(response) => serde_json::to_value(response).ok(),
            Self::SeeNotification(id) | Self::HideNotification(id) => {
                Some(Value::String(id.as_str().to_owned()))
            }
            Self::ClearNotification => None,
            Self::NotificationV2(event) => Some(event.content.clone()),
            Self::NotificationV2Update(event) => Some(event.content.clone()),
            Self::NotificationV2Delete(event) => Some(event.content.clone()),
            Self::FriendLocation(friend) | Self::FriendOnline(friend) => {
                serde_json::to_value(friend).ok()
            }
            Self::Connection(status) => Some(status.to_json()),
            Self::Other { content, .. } => Some(content.clone()),
        };
        serde_json::json!({ "type": self.kind(), "content": content })
    }
}

/// The content of `response-notification`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseNotification {
    /// The notification that was answered.
    pub notification_id: NotificationId,
    /// Who answered it.
    pub receiver_id: UserId,
    /// The new notification the answer made; fetch it to read it.
    pub response_id: NotificationId,
}

/// The content of `notification-v2`, kept raw beside its ID.
#[derive(Debug, Clone, PartialEq)]
pub struct NotificationV2 {
    /// Its `id`.
    pub id: String,
    /// The whole content.
    pub content: Value,
}

/// The content of `notification-v2-update`, kept raw beside its ID.
#[derive(Debug, Clone, PartialEq)]
pub struct NotificationV2Update {
    /// The `id` of the notification that changed.
    pub id: String,
    /// Its `updates`.
    pub updates: Value,
    /// The whole content.
    pub content: Value,
}

/// The content of `notification-v2-delete`, kept raw beside its IDs.
#[derive(Debug, Clone, PartialEq)]
pub struct NotificationV2Delete {
    /// The `ids` deleted.
    pub ids: Vec<String>,
    /// The whole content.
    pub content: Value,
}

/// The content of `friend-location` and `friend-online`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FriendLocation {
    /// The friend.
    pub user_id: UserId,
    /// Where they are (`wrld_…:…`, `private`, `traveling`, `offline`), as written.
    #[serde(default)]
    pub location: String,
    /// Where they are going, while traveling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traveling_to_location: Option<String>,
    /// The world, `private` when hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world_id: Option<String>,
    /// Whether they accept invite requests.
    #[serde(default)]
    pub can_request_invite: bool,
    /// The user object, kept as its JSON text: see [`RawJson`] to read fields of it, and
    /// [`FriendLocation::display_name`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<RawJson>,
}

impl FriendLocation {
    /// The friend's `displayName`, from the user object, when it has one.
    ///
    /// ```
    /// use vrchat_invite_core::pipeline::{PipelineEvent, decode_frame};
    /// let frame = r#"{"type":"friend-location","content":"{\"userId\":\"usr_a\",\"location\":\"private\",\"user\":{\"id\":\"usr_a\",\"displayName\":\"Bob\"}}"}"#;
    /// let PipelineEvent::FriendLocation(friend) = decode_frame(frame)? else { panic!() };
    /// assert_eq!(friend.display_name().as_deref(), Some("Bob"));
    /// assert_eq!(friend.user.map(|user| user.to_value()["id"].clone()), Some("usr_a".into()));
    /// # Ok::<(), vrchat_invite_core::pipeline::FrameError>(())
    /// ```
    pub fn display_name(&self) -> Option<String> {
        self.user.as_ref()?.get("displayName")
    }
}
