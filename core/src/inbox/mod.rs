//! The inbox: the notifications you receive, listed, read, marked and answered.

mod clear_notifications;
mod get_notification;
mod hide_notification;
mod hide_reply;
mod list_notifications;
mod mark_notification_seen;
mod notification_pager;
mod notifications_after;
mod page_size;
mod received;

pub use clear_notifications::ClearNotifications;
pub use get_notification::GetNotification;
pub use hide_notification::HideNotification;
pub use hide_reply::HideReply;
pub(crate) use hide_reply::decode_hide_reply;
pub use list_notifications::ListNotifications;
pub use mark_notification_seen::MarkNotificationSeen;
pub use notification_pager::NotificationPager;
pub use notifications_after::NotificationsAfter;
pub use page_size::PageSize;
pub use received::{
    Received, ReceivedInvite, ReceivedInviteRequest, ReceivedInviteResponse,
    ReceivedRequestResponse,
};

use crate::ids::NotificationId;
use crate::path::PathBuilder;

/// `/auth/user/notifications`
fn inbox_path() -> PathBuilder {
    PathBuilder::new()
        .literal("auth")
        .literal("user")
        .literal("notifications")
}

/// `/auth/user/notifications/{notificationId}`
fn notification_path(id: &NotificationId) -> PathBuilder {
    inbox_path().segment(id.as_str())
}
