//! `PUT /auth/user/notifications/clear`: clear them all.

use http::Method;

use super::inbox_path;
use crate::endpoint::Endpoint;

/// Clears **all** your notifications (operation `clearNotifications`). Later lists are
/// empty until something new arrives.
///
/// The reply is `{"success": {"message": "Ok", "status_code": 200}}`; any JSON is accepted.
///
/// ```
/// use vrchat_invite_core::Endpoint;
/// use vrchat_invite_core::inbox::ClearNotifications;
/// let clear = ClearNotifications::new();
/// assert_eq!(clear.method(), http::Method::PUT);
/// assert_eq!(clear.path(), "/auth/user/notifications/clear");
/// let reply = http::Response::new(br#"{"success":{"message":"Ok","status_code":200}}"#.to_vec());
/// clear.parse(&reply)?;
/// # Ok::<(), vrchat_invite_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClearNotifications;

impl ClearNotifications {
    /// Clears every notification.
    pub fn new() -> Self {
        Self
    }
}

impl Endpoint for ClearNotifications {
    const OPERATION_ID: &'static str = "clearNotifications";

    type Output = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    /// Sending it again changes nothing more, so an unreadable reply is safe to retry.
    fn has_effect(&self) -> bool {
        false
    }

    fn path(&self) -> String {
        inbox_path().literal("clear").finish()
    }
}
