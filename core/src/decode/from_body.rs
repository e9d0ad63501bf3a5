//! How a 2xx reply body becomes a model: the default of every operation's decoding.

use serde::de::{DeserializeOwned, IgnoredAny};

use super::decode_body;
use crate::auth::LoginReply;
use crate::inbox::HideReply;
use crate::models::{InviteMessage, ItemList, Notification, SentNotification};

/// A model a 2xx reply body decodes into: what [`crate::Endpoint::decode`] does unless an
/// operation reads its body its own way.
///
/// It is the model's [`serde::Deserialize`] over the body's JSON, except where the
/// model knows a faster way that gives the same value: an [`ItemList`] decodes the whole
/// array at once and goes item by item only when that fails (so one bad item still never
/// costs the good ones), and a notification borrows its raw `details` from the body
/// instead of copying them.
///
/// The output of an [`crate::Endpoint`] of your own implements it, usually with an empty
/// `impl`:
///
/// ```
/// use vrchat_invite_core::models::FromBody;
/// #[derive(serde::Deserialize)]
/// struct World {
///     name: String,
/// }
/// impl FromBody for World {}
/// let world = World::from_body(br#"{"name":"The Lake","id":"wrld_1"}"#)?;
/// assert_eq!(world.name, "The Lake");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub trait FromBody: DeserializeOwned {
    /// Decodes a reply body: JSON, read as [`serde::Deserialize`] reads it by default.
    ///
    /// # Errors
    /// The serde error when the body is not this model's JSON.
    fn from_body(body: &[u8]) -> serde_json::Result<Self> {
        decode_body(body)
    }

    /// The invite messages this reply lists, for the politeness helpers' cooldown book:
    /// none by default; an [`InviteMessage`] lists itself, and a list what its items list.
    fn invite_messages(&self) -> Vec<&InviteMessage> {
        Vec::new()
    }
}

impl FromBody for InviteMessage {
    fn invite_messages(&self) -> Vec<&InviteMessage> {
        vec![self]
    }
}

impl FromBody for LoginReply {}

impl<T: FromBody> FromBody for ItemList<T> {
    /// The whole array first; item by item only when that fails.
    fn from_body(body: &[u8]) -> serde_json::Result<Self> {
        crate::models::decode_list(body)
    }

    fn invite_messages(&self) -> Vec<&InviteMessage> {
        self.decoded().flat_map(FromBody::invite_messages).collect()
    }
}

impl FromBody for Notification {
    /// Borrows the raw `details` from the body while it decodes them.
    fn from_body(body: &[u8]) -> serde_json::Result<Self> {
        crate::models::decode_notification(body)
    }
}

impl FromBody for SentNotification {
    /// Borrows the raw `details` from the body while it decodes them.
    fn from_body(body: &[u8]) -> serde_json::Result<Self> {
        crate::models::decode_notification(body)
    }
}

impl FromBody for HideReply {
    /// The notification, or the success note.
    fn from_body(body: &[u8]) -> serde_json::Result<Self> {
        crate::inbox::decode_hide_reply(body)
    }
}

impl FromBody for () {
    /// Any JSON value, read and dropped: the body must be JSON, its content does not matter.
    fn from_body(body: &[u8]) -> serde_json::Result<Self> {
        decode_body::<IgnoredAny>(body).map(|_| ())
    }
}

impl FromBody for bool {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_takes_any_json_and_nothing_else() {
        assert!(<()>::from_body(br#"{"success":{"message":"Ok"}}"#).is_ok());
        assert!(<()>::from_body(b"[1, 2]").is_ok());
        assert!(<()>::from_body(b"").is_err());
        assert!(<()>::from_body(b"<html>").is_err());
    }

    #[test]
    fn a_list_keeps_its_good_items() {
        let list = ItemList::<bool>::from_body(b"[true, 3, false]").expect("an array");
        assert_eq!(list.decoded().copied().collect::<Vec<_>>(), [true, false]);
        assert_eq!(
            list.undecodable()
                .map(|bad| bad.position())
                .collect::<Vec<_>>(),
            [1]
        );
    }
}
