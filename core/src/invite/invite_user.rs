//! `POST /invite/{userId}`: invite a friend to a location, optionally with a photo.

use http::Method;

use super::bodies::{InviteBody, json_or_photo_body, photo_path};
use crate::endpoint::{Endpoint, RequestBody};
use crate::ids::{Location, UserId};
use crate::models::SentNotification;
use crate::path::PathBuilder;
use crate::photo::Png;
use crate::polite::Action;
use crate::slot::Slot;

/// Invites a friend to a location, optionally with a `message` slot (operation `inviteUser`)
/// and a photo (operation `inviteUserWithPhoto`).
///
/// Sends `{"instanceId": "<world>:<instance>", "messageSlot": n}`; returns the sent `invite`
/// notification. Not idempotent: sending it twice sends two invites.
///
/// ```
/// use vrchat_invite_core::{Endpoint, Slot, UserId};
/// use vrchat_invite_core::invite::InviteUser;
/// let invite = InviteUser::new(UserId::new("usr_b")?, "wrld_1:12345~region(eu)".parse()?)
///     .with_message_slot(Slot::new(2)?);
/// assert_eq!(invite.path(), "/invite/usr_b");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteUser {
    user_id: UserId,
    location: Location,
    message_slot: Option<Slot>,
    photo: Option<Png>,
}

impl InviteUser {
    /// Invites `user_id` to `location`, without a message slot or a photo.
    pub fn new(user_id: UserId, location: Location) -> Self {
        Self {
            user_id,
            location,
            message_slot: None,
            photo: None,
        }
    }

    /// Sends the text of this `message` slot with the invite; `None` sends none.
    ///
    /// ```
    /// use vrchat_invite_core::{Slot, UserId};
    /// use vrchat_invite_core::invite::InviteUser;
    /// let chosen: Option<Slot> = None;
    /// let invite = InviteUser::new(UserId::new("usr_b")?, "wrld_1:1".parse()?)
    ///     .with_message_slot(chosen);
    /// assert_eq!(invite.message_slot(), None);
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    #[must_use]
    pub fn with_message_slot(mut self, slot: impl Into<Option<Slot>>) -> Self {
        self.message_slot = slot.into();
        self
    }

    /// Sends a photo with the invite (operation `inviteUserWithPhoto`): the path gains
    /// `/photo` and the body becomes `multipart/form-data`, a `data` part with the invite's
    /// JSON and an `image` part with the PNG.
    ///
    /// ```
    /// use vrchat_invite_core::{Endpoint, UserId};
    /// use vrchat_invite_core::invite::{InviteUser, Png};
    /// let png = Png::new(Png::SIGNATURE.to_vec())?;
    /// let invite = InviteUser::new(UserId::new("usr_b")?, "wrld_1:1".parse()?).with_photo(png);
    /// assert_eq!(invite.path(), "/invite/usr_b/photo");
    /// assert!(invite.photo().is_some());
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    #[must_use]
    pub fn with_photo(mut self, image: Png) -> Self {
        self.photo = Some(image);
        self
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

    /// The photo, if any.
    pub fn photo(&self) -> Option<&Png> {
        self.photo.as_ref()
    }
}

impl Endpoint for InviteUser {
    const OPERATION_ID: &'static str = "inviteUser";

    type Output = SentNotification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        let path = PathBuilder::new()
            .literal("invite")
            .segment(self.user_id.as_str())
            .finish();
        photo_path(path, self.photo())
    }

    fn body(&self) -> RequestBody {
        let body = InviteBody {
            instance_id: &self.location,
            message_slot: self.message_slot,
        };
        json_or_photo_body(&body, self.photo())
    }

    fn action(&self) -> Action<'_> {
        Action::Invite {
            user: &self.user_id,
            location: &self.location,
        }
    }
}
