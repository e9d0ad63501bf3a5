//! The plain-serde baseline of an inbox page, for the benches that parse one.

use crate::plain_notification::PlainNotification;

/// Baseline details of an inbox page: every field any of the three invite types has,
/// optional.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "fields are only decoded, never read")]
pub(crate) struct PlainPageDetails {
    world_id: Option<String>,
    world_name: Option<String>,
    invite_message: Option<String>,
    platform: Option<String>,
    request_message: Option<String>,
    in_response_to: Option<String>,
    response_message: Option<String>,
}

/// Plain serde of an inbox page: the list, then each `details` string.
pub(crate) fn plain_page(body: &[u8]) -> Vec<(PlainNotification, PlainPageDetails)> {
    let plain: Vec<PlainNotification> = serde_json::from_slice(body).expect("parse");
    plain
        .into_iter()
        .map(|n| {
            let details = serde_json::from_str(&n.details).expect("details");
            (n, details)
        })
        .collect()
}
