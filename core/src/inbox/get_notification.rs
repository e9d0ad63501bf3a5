//! `GET /auth/user/notifications/{notificationId}`: one notification.

use http::Method;

use super::notification_path;
use crate::endpoint::Endpoint;
use crate::ids::NotificationId;
use crate::models::Notification;

/// Reads one of your notifications by ID (operation `getNotification`).
///
/// An unknown ID, or one that is not yours, is a 404 ([`crate::ApiErrorKind::NotFound`]).
///
/// ```
/// use vrchat_invite_core::{Endpoint, NotificationId};
/// use vrchat_invite_core::inbox::GetNotification;
/// let get = GetNotification::new(NotificationId::new("not_1")?);
/// assert_eq!(get.path(), "/auth/user/notifications/not_1");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetNotification {
    notification_id: NotificationId,
}

impl GetNotification {
    /// Reads `notification_id`.
    pub fn new(notification_id: NotificationId) -> Self {
        Self { notification_id }
    }

    /// The notification read.
    pub fn notification_id(&self) -> &NotificationId {
        &self.notification_id
    }
}

impl Endpoint for GetNotification {
    const OPERATION_ID: &'static str = "getNotification";

    type Output = Notification;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> String {
        notification_path(&self.notification_id).finish()
    }
}
