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
    serde_json::to_vec(body).unwrap_or_default()
}

pub(crate) fn json_body<T: serde::Serialize>(body: &T) -> RequestBody {
    RequestBody::Json(to_json(body))
}
