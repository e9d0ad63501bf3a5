//! `POST /invite/{notificationId}/response`: answer an invite or a request.

use http::Method;

use super::RespondInviteWithPhoto;
use super::bodies::{RespondBody, json_body};
use crate::endpoint::{Endpoint, RequestBody};
use crate::ids::NotificationId;
use crate::models::Notification;
use crate::path::PathBuilder;
use crate::photo::Png;
use crate::slot::Slot;

/// Answers an invite or an invite request without accepting it (operation `respondInvite`).
///
/// For an invite, the slot names a `response` message; for a request, a `requestResponse`
/// message. Sends `{"responseSlot": n}`.
///
/// ```
/// use vrchat_invite_core::{Endpoint, NotificationId, RespondInvite, Slot};
/// let respond = RespondInvite::new(NotificationId::new("not_1")?, Slot::new(0)?);
/// assert_eq!(respond.path(), "/invite/not_1/response");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RespondInvite {
    notification_id: NotificationId,
    response_slot: Slot,
}

impl RespondInvite {
    /// Answers `notification_id` with the message in `response_slot`.
    pub fn new(notification_id: NotificationId, response_slot: Slot) -> Self {
        Self {
            notification_id,
            response_slot,
        }
    }

    /// Sends a photo with the answer (operation `respondInviteWithPhoto`).
    pub fn with_photo(self, image: Png) -> RespondInviteWithPhoto {
        RespondInviteWithPhoto::new(self, image)
    }

    /// The notification answered.
    pub fn notification_id(&self) -> &NotificationId {
        &self.notification_id
    }

    /// The response slot.
    pub fn response_slot(&self) -> Slot {
        self.response_slot
    }

    pub(crate) fn body_value(&self) -> RespondBody {
        RespondBody {
            response_slot: self.response_slot,
        }
    }
}

impl Endpoint for RespondInvite {
    type Output = Notification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        PathBuilder::new()
            .literal("invite")
            .segment(self.notification_id.as_str())
            .literal("response")
            .finish()
    }

    fn body(&self) -> RequestBody {
        json_body(&self.body_value())
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<Notification> {
        crate::models::decode_notification(body)
    }
}
