//! `POST /invite/{userId}/photo`: invite with a photo.

use http::Method;

use super::InviteUser;
use super::bodies::to_json;
use crate::endpoint::{Endpoint, RequestBody};
use crate::models::SentNotification;
use crate::photo::{Png, photo_body};
use crate::polite::Action;

/// An invite with a PNG attached (operation `inviteUserWithPhoto`).
///
/// The body is `multipart/form-data`: a `data` part with the invite's JSON and an `image`
/// part with the PNG.
///
/// ```
/// use vrchat_invite_core::{InviteUser, Png, UserId};
/// let png = Png::new(Png::SIGNATURE.to_vec())?;
/// let invite = InviteUser::new(UserId::new("usr_b")?, "wrld_1:1".parse()?).with_photo(png);
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteUserWithPhoto {
    invite: InviteUser,
    image: Png,
}

impl InviteUserWithPhoto {
    /// Attaches `image` to `invite`.
    pub fn new(invite: InviteUser, image: Png) -> Self {
        Self { invite, image }
    }

    /// The invite.
    pub fn invite(&self) -> &InviteUser {
        &self.invite
    }

    /// The image.
    pub fn image(&self) -> &Png {
        &self.image
    }
}

impl Endpoint for InviteUserWithPhoto {
    type Output = SentNotification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        self.invite.path() + "/photo"
    }

    fn body(&self) -> RequestBody {
        photo_body(&to_json(&self.invite.body_value()), &self.image)
    }

    fn action(&self) -> Action<'_> {
        self.invite.action()
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<SentNotification> {
        crate::models::decode_notification(body)
    }
}
