//! `PUT /auth/user/notifications/{notificationId}/hide`: hide one.

use http::Method;

use super::hide_reply::HideReply;
use super::notification_path;
use crate::endpoint::Endpoint;
use crate::ids::NotificationId;

/// Hides one of your notifications from later lists (operation `deleteNotification`).
///
/// VRChat answers the hidden notification or only `{"success": …}`; both are accepted
/// ([`HideReply`]).
///
/// ```
/// use vrchat_invite_core::{Endpoint, NotificationId};
/// use vrchat_invite_core::inbox::HideNotification;
/// let hide = HideNotification::new(NotificationId::new("not_1")?);
/// assert_eq!(hide.method(), http::Method::PUT);
/// assert_eq!(hide.path(), "/auth/user/notifications/not_1/hide");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HideNotification {
    notification_id: NotificationId,
}

impl HideNotification {
    /// Hides `notification_id`.
    pub fn new(notification_id: NotificationId) -> Self {
        Self { notification_id }
    }

    /// The notification hidden.
    pub fn notification_id(&self) -> &NotificationId {
        &self.notification_id
    }
}

impl Endpoint for HideNotification {
    const OPERATION_ID: &'static str = "deleteNotification";

    type Output = HideReply;

    fn method(&self) -> Method {
        Method::PUT
    }

    /// Sending it again changes nothing more, so an unreadable reply is safe to retry.
    fn has_effect(&self) -> bool {
        false
    }

    fn path(&self) -> String {
        notification_path(&self.notification_id)
            .literal("hide")
            .finish()
    }
}
