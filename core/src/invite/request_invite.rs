//! `POST /requestInvite/{userId}`: ask a friend for an invite, optionally with a photo.

use http::Method;

use super::bodies::{RequestInviteBody, json_or_photo_body, photo_path};
use crate::endpoint::{Endpoint, RequestBody};
use crate::ids::UserId;
use crate::models::Notification;
use crate::path::PathBuilder;
use crate::photo::Png;
use crate::slot::Slot;

/// Asks a friend for an invite, optionally with a `request` slot (operation `requestInvite`)
/// and a photo (operation `requestInviteWithPhoto`).
///
/// Sends `{"requestSlot": n}`, or `{}` without a slot (never `null`); returns the
/// `requestInvite` notification.
///
/// ```
/// use vrchat_invite_core::{Endpoint, UserId};
/// use vrchat_invite_core::invite::RequestInvite;
/// use vrchat_invite_core::transport::RequestBody;
/// let request = RequestInvite::new(UserId::new("usr_b")?);
/// assert_eq!(request.body(), RequestBody::Json(b"{}".to_vec()));
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInvite {
    user_id: UserId,
    request_slot: Option<Slot>,
    photo: Option<Png>,
}

impl RequestInvite {
    /// Asks `user_id` for an invite, without a slot or a photo.
    pub fn new(user_id: UserId) -> Self {
        Self {
            user_id,
            request_slot: None,
            photo: None,
        }
    }

    /// Sends the text of this `request` slot; `None` sends none.
    ///
    /// ```
    /// use vrchat_invite_core::{Endpoint, Slot, UserId};
    /// use vrchat_invite_core::invite::RequestInvite;
    /// use vrchat_invite_core::transport::RequestBody;
    /// let request = RequestInvite::new(UserId::new("usr_b")?).with_request_slot(Slot::new(1)?);
    /// assert_eq!(request.body(), RequestBody::Json(br#"{"requestSlot":1}"#.to_vec()));
    /// let request = request.with_request_slot(None);
    /// assert_eq!(request.body(), RequestBody::Json(b"{}".to_vec()));
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    #[must_use]
    pub fn with_request_slot(mut self, slot: impl Into<Option<Slot>>) -> Self {
        self.request_slot = slot.into();
        self
    }

    /// Sends a photo with the request (operation `requestInviteWithPhoto`): the path gains
    /// `/photo` and the body becomes `multipart/form-data`, a `data` part with the
    /// request's JSON and an `image` part with the PNG.
    ///
    /// ```
    /// use vrchat_invite_core::{Endpoint, UserId};
    /// use vrchat_invite_core::invite::{Png, RequestInvite};
    /// let png = Png::new(Png::SIGNATURE.to_vec())?;
    /// let request = RequestInvite::new(UserId::new("usr_b")?).with_photo(png);
    /// assert_eq!(request.path(), "/requestInvite/usr_b/photo");
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    #[must_use]
    pub fn with_photo(mut self, image: Png) -> Self {
        self.photo = Some(image);
        self
    }

    /// The user asked.
    pub fn user_id(&self) -> &UserId {
        &self.user_id
    }

    /// The request slot, if any.
    pub fn request_slot(&self) -> Option<Slot> {
        self.request_slot
    }

    /// The photo, if any.
    pub fn photo(&self) -> Option<&Png> {
        self.photo.as_ref()
    }
}

impl Endpoint for RequestInvite {
    const OPERATION_ID: &'static str = "requestInvite";

    type Output = Notification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        let path = PathBuilder::new()
            .literal("requestInvite")
            .segment(self.user_id.as_str())
            .finish();
        photo_path(path, self.photo())
    }

    fn body(&self) -> RequestBody {
        let body = RequestInviteBody {
            request_slot: self.request_slot,
        };
        json_or_photo_body(&body, self.photo())
    }
}
