//! `POST /requestInvite/{userId}/photo`: ask for an invite with a photo.

use http::Method;

use super::RequestInvite;
use super::bodies::to_json;
use crate::endpoint::{Endpoint, RequestBody};
use crate::models::Notification;
use crate::photo::{Png, photo_body};

/// A request for an invite with a PNG attached (operation `requestInviteWithPhoto`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInviteWithPhoto {
    request: RequestInvite,
    image: Png,
}

impl RequestInviteWithPhoto {
    /// Attaches `image` to `request`.
    pub fn new(request: RequestInvite, image: Png) -> Self {
        Self { request, image }
    }

    /// The request.
    pub fn request(&self) -> &RequestInvite {
        &self.request
    }

    /// The image.
    pub fn image(&self) -> &Png {
        &self.image
    }
}

impl Endpoint for RequestInviteWithPhoto {
    type Output = Notification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        self.request.path() + "/photo"
    }

    fn body(&self) -> RequestBody {
        photo_body(&to_json(&self.request.body_value()), &self.image)
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<Notification> {
        crate::models::decode_notification(body)
    }
}
