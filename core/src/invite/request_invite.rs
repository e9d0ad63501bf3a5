//! `POST /requestInvite/{userId}`: ask a friend for an invite.

use http::Method;

use super::RequestInviteWithPhoto;
use super::bodies::{RequestInviteBody, json_body};
use crate::endpoint::{Endpoint, RequestBody};
use crate::ids::UserId;
use crate::models::Notification;
use crate::path::PathBuilder;
use crate::photo::Png;
use crate::slot::Slot;

/// Asks a friend for an invite, optionally with a `request` slot (operation `requestInvite`).
///
/// Sends `{"requestSlot": n}`, or `{}` without a slot (never `null`); returns the
/// `requestInvite` notification.
///
/// ```
/// use vrchat_invite_core::{Endpoint, RequestBody, RequestInvite, UserId};
/// let request = RequestInvite::new(UserId::new("usr_b")?);
/// assert_eq!(request.body(), RequestBody::Json(b"{}".to_vec()));
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInvite {
    user_id: UserId,
    request_slot: Option<Slot>,
}

impl RequestInvite {
    /// Asks `user_id` for an invite, without a slot.
    pub fn new(user_id: UserId) -> Self {
        Self {
            user_id,
            request_slot: None,
        }
    }

    /// Sends the text of this `request` slot.
    #[must_use]
    pub fn with_request_slot(mut self, slot: Slot) -> Self {
        self.request_slot = Some(slot);
        self
    }

    /// Sends a photo with the request (operation `requestInviteWithPhoto`).
    pub fn with_photo(self, image: Png) -> RequestInviteWithPhoto {
        RequestInviteWithPhoto::new(self, image)
    }

    /// The user asked.
    pub fn user_id(&self) -> &UserId {
        &self.user_id
    }

    /// The request slot, if any.
    pub fn request_slot(&self) -> Option<Slot> {
        self.request_slot
    }

    pub(crate) fn body_value(&self) -> RequestInviteBody {
        RequestInviteBody {
            request_slot: self.request_slot,
        }
    }
}

impl Endpoint for RequestInvite {
    type Output = Notification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        PathBuilder::new()
            .literal("requestInvite")
            .segment(self.user_id.as_str())
            .finish()
    }

    fn body(&self) -> RequestBody {
        json_body(&self.body_value())
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<Notification> {
        crate::models::decode_notification(body)
    }
}
