//! The plain-serde baseline both benches parse a notification into.

/// A notification in plain types, `details` left as the JSON-encoded string it arrives as
/// (a bench decodes it further when its baseline needs to).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "fields are only decoded, never read")]
pub(crate) struct PlainNotification {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(rename = "created_at")]
    created_at: String,
    pub(crate) details: String,
    message: String,
    seen: bool,
    sender_user_id: String,
}
