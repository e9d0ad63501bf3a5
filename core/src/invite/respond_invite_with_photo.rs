//! `POST /invite/{notificationId}/response/photo`: answer with a photo.

use http::Method;

use super::RespondInvite;
use super::bodies::to_json;
use crate::endpoint::{Endpoint, RequestBody};
use crate::models::Notification;
use crate::photo::{Png, photo_body};

/// An answer to an invite or request with a PNG attached (operation `respondInviteWithPhoto`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RespondInviteWithPhoto {
    respond: RespondInvite,
    image: Png,
}

impl RespondInviteWithPhoto {
    /// Attaches `image` to `respond`.
    pub fn new(respond: RespondInvite, image: Png) -> Self {
        Self { respond, image }
    }

    /// The answer.
    pub fn respond(&self) -> &RespondInvite {
        &self.respond
    }

    /// The image.
    pub fn image(&self) -> &Png {
        &self.image
    }
}

impl Endpoint for RespondInviteWithPhoto {
    type Output = Notification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        self.respond.path() + "/photo"
    }

    fn body(&self) -> RequestBody {
        photo_body(&to_json(&self.respond.body_value()), &self.image)
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<Notification> {
        crate::models::decode_notification(body)
    }
}
