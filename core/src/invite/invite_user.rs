//! `POST /invite/{userId}`: invite a friend to a location.

use http::Method;

use super::bodies::{InviteBody, json_body};
use crate::endpoint::{Endpoint, RequestBody};
use crate::ids::{Location, UserId};
use crate::models::SentNotification;
use crate::path::PathBuilder;
use crate::photo::Png;
use crate::polite::Action;
use crate::slot::Slot;

use super::InviteUserWithPhoto;

/// Invites a friend to a location, optionally with a `message` slot (operation `inviteUser`).
///
/// Sends `{"instanceId": "<world>:<instance>", "messageSlot": n}`; returns the sent `invite`
/// notification. Not idempotent: sending it twice sends two invites.
///
/// ```
/// use vrchat_invite_core::{InviteUser, Slot, UserId};
/// let invite = InviteUser::new(UserId::new("usr_b")?, "wrld_1:12345~region(eu)".parse()?)
///     .with_message_slot(Slot::new(2)?);
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteUser {
    pub(crate) user_id: UserId,
    pub(crate) location: Location,
    pub(crate) message_slot: Option<Slot>,
}

impl InviteUser {
    /// Invites `user_id` to `location`, without a message slot.
    pub fn new(user_id: UserId, location: Location) -> Self {
        Self {
            user_id,
            location,
            message_slot: None,
        }
    }

    /// Sends the text of this `message` slot with the invite.
    #[must_use]
    pub fn with_message_slot(mut self, slot: Slot) -> Self {
        self.message_slot = Some(slot);
        self
    }

    /// Sends a photo with the invite (operation `inviteUserWithPhoto`).
    pub fn with_photo(self, image: Png) -> InviteUserWithPhoto {
        InviteUserWithPhoto::new(self, image)
    }

    /// The invited user.
    pub fn user_id(&self) -> &UserId {
        &self.user_id
    }

    /// The location invited to.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The message slot, if any.
    pub fn message_slot(&self) -> Option<Slot> {
        self.message_slot
    }

    pub(crate) fn body_value(&self) -> InviteBody<'_> {
        InviteBody {
            instance_id: &self.location,
            message_slot: self.message_slot,
        }
    }
}

impl Endpoint for InviteUser {
    type Output = SentNotification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        PathBuilder::new()
            .literal("invite")
            .segment(self.user_id.as_str())
            .finish()
    }

    fn body(&self) -> RequestBody {
        json_body(&self.body_value())
    }

    fn action(&self) -> Action<'_> {
        Action::Invite {
            user: &self.user_id,
            location: &self.location,
        }
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<SentNotification> {
        crate::models::decode_notification(body)
    }
}
