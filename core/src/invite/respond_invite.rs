//! `POST /invite/{notificationId}/response`: answer an invite or a request, optionally
//! with a photo.

use http::Method;

use super::bodies::{RespondBody, json_or_photo_body, photo_path};
use crate::endpoint::{Endpoint, RequestBody};
use crate::ids::NotificationId;
use crate::models::Notification;
use crate::path::PathBuilder;
use crate::photo::Png;
use crate::slot::Slot;

/// Answers an invite or an invite request without accepting it (operation `respondInvite`),
/// optionally with a photo (operation `respondInviteWithPhoto`).
///
/// For an invite, the slot names a `response` message; for a request, a `requestResponse`
/// message. Sends `{"responseSlot": n}`.
///
/// ```
/// use vrchat_invite_core::{Endpoint, NotificationId, Slot};
/// use vrchat_invite_core::invite::RespondInvite;
/// let respond = RespondInvite::new(NotificationId::new("not_1")?, Slot::new(0)?);
/// assert_eq!(respond.path(), "/invite/not_1/response");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RespondInvite {
    notification_id: NotificationId,
    response_slot: Slot,
    photo: Option<Png>,
}

impl RespondInvite {
    /// Answers `notification_id` with the message in `response_slot`, without a photo.
    pub fn new(notification_id: NotificationId, response_slot: Slot) -> Self {
        Self {
            notification_id,
            response_slot,
            photo: None,
        }
    }

    /// Sends a photo with the answer (operation `respondInviteWithPhoto`): the path gains
    /// `/photo` and the body becomes `multipart/form-data`, a `data` part with the answer's
    /// JSON and an `image` part with the PNG.
    ///
    /// ```
    /// use vrchat_invite_core::{Endpoint, NotificationId, Slot};
    /// use vrchat_invite_core::invite::{Png, RespondInvite};
    /// let png = Png::new(Png::SIGNATURE.to_vec())?;
    /// let respond = RespondInvite::new(NotificationId::new("not_1")?, Slot::new(0)?).with_photo(png);
    /// assert_eq!(respond.path(), "/invite/not_1/response/photo");
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    #[must_use]
    pub fn with_photo(mut self, image: Png) -> Self {
        self.photo = Some(image);
        self
    }

    /// The notification answered.
    pub fn notification_id(&self) -> &NotificationId {
        &self.notification_id
    }

    /// The response slot.
    pub fn response_slot(&self) -> Slot {
        self.response_slot
    }

    /// The photo, if any.
    pub fn photo(&self) -> Option<&Png> {
        self.photo.as_ref()
    }
}

impl Endpoint for RespondInvite {
    const OPERATION_ID: &'static str = "respondInvite";

    type Output = Notification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        let path = PathBuilder::new()
            .literal("invite")
            .segment(self.notification_id.as_str())
            .literal("response")
            .finish();
        photo_path(path, self.photo())
    }

    fn body(&self) -> RequestBody {
        let body = RespondBody {
            response_slot: self.response_slot,
        };
        json_or_photo_body(&body, self.photo())
    }
}
