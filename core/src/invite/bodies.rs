//! JSON bodies of the invite operations.

use crate::endpoint::RequestBody;
use crate::ids::Location;
use crate::photo::{Png, photo_body};
use crate::slot::Slot;

#[derive(serde::Serialize)]
pub(crate) struct InviteBody<'a> {
    #[serde(rename = "instanceId")]
    pub(crate) instance_id: &'a Location,
    #[serde(rename = "messageSlot", skip_serializing_if = "Option::is_none")]
    pub(crate) message_slot: Option<Slot>,
}

#[derive(serde::Serialize)]
pub(crate) struct RequestInviteBody {
    #[serde(rename = "requestSlot", skip_serializing_if = "Option::is_none")]
    pub(crate) request_slot: Option<Slot>,
}

#[derive(serde::Serialize)]
pub(crate) struct RespondBody {
    #[serde(rename = "responseSlot")]
    pub(crate) response_slot: Slot,
}

/// Serializes a body struct. These structs hold only strings and integers, which always
/// serialize, so the empty fallback is never taken.
pub(crate) fn to_json<T: serde::Serialize>(body: &T) -> Vec<u8> {
    // Room for a full location without growing.
    let mut bytes = Vec::with_capacity(256);
    match serde_json::to_writer(&mut bytes, body) {
        Ok(()) => bytes,
        Err(_) => Vec::new(),
    }
}

pub(crate) fn json_body<T: serde::Serialize>(body: &T) -> RequestBody {
    RequestBody::Json(to_json(body))
}

/// The JSON body alone, or with a photo the multipart body whose `data` part is that JSON.
pub(crate) fn json_or_photo_body<T: serde::Serialize>(
    body: &T,
    photo: Option<&Png>,
) -> RequestBody {
    match photo {
        None => json_body(body),
        Some(png) => photo_body(&to_json(body), png),
    }
}

/// `path`, followed by `/photo` when a photo is sent.
pub(crate) fn photo_path(mut path: String, photo: Option<&Png>) -> String {
    if photo.is_some() {
        path.push_str("/photo");
    }
    path
}
