//! JSON bodies of the invite operations.

use crate::endpoint::RequestBody;
use crate::ids::Location;
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
