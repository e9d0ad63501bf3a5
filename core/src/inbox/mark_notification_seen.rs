//! `PUT /auth/user/notifications/{notificationId}/see`: mark one as seen.

use http::Method;

use super::notification_path;
use crate::endpoint::Endpoint;
use crate::ids::NotificationId;
use crate::models::Notification;

/// Marks one of your notifications as seen (operation `markNotificationAsRead`); returns
/// it with `seen` set. Marking it again changes nothing.
///
/// ```
/// use vrchat_invite_core::{Endpoint, NotificationId};
/// use vrchat_invite_core::inbox::MarkNotificationSeen;
/// let see = MarkNotificationSeen::new(NotificationId::new("not_1")?);
/// assert_eq!(see.method(), http::Method::PUT);
/// assert_eq!(see.path(), "/auth/user/notifications/not_1/see");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkNotificationSeen {
    notification_id: NotificationId,
}

impl MarkNotificationSeen {
    /// Marks `notification_id` as seen.
    pub fn new(notification_id: NotificationId) -> Self {
        Self { notification_id }
    }

    /// The notification marked.
    pub fn notification_id(&self) -> &NotificationId {
        &self.notification_id
    }
}

impl Endpoint for MarkNotificationSeen {
    const OPERATION_ID: &'static str = "markNotificationAsRead";

    type Output = Notification;

    fn method(&self) -> Method {
        Method::PUT
    }

    /// Sending it again changes nothing more, so an unreadable reply is safe to retry.
    fn has_effect(&self) -> bool {
        false
    }

    fn path(&self) -> String {
        notification_path(&self.notification_id)
            .literal("see")
            .finish()
    }
}
