//! `GET /message/{userId}/{messageType}`: list a collection.

use http::Method;

use super::collection_path;
use crate::endpoint::Endpoint;
use crate::ids::UserId;
use crate::message_type::InviteMessageType;
use crate::models::{InviteMessage, ItemList};
use crate::polite::Action;

/// Lists the 12 messages of one collection (operation `getInviteMessages`).
///
/// ```
/// use vrchat_invite_core::{Endpoint, GetInviteMessages, InviteMessageType, UserId};
/// let list = GetInviteMessages::new(UserId::new("usr_a")?, InviteMessageType::RequestResponse);
/// assert_eq!(list.path(), "/message/usr_a/requestResponse");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetInviteMessages {
    user_id: UserId,
    message_type: InviteMessageType,
}

impl GetInviteMessages {
    /// Lists `message_type` messages of `user_id` (your own user ID).
    pub fn new(user_id: UserId, message_type: InviteMessageType) -> Self {
        Self {
            user_id,
            message_type,
        }
    }
}

impl Endpoint for GetInviteMessages {
    type Output = ItemList<InviteMessage>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> String {
        collection_path(&self.user_id, self.message_type).finish()
    }

    fn action(&self) -> Action<'_> {
        Action::ReadMessages
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<ItemList<InviteMessage>> {
        crate::models::decode_list(body)
    }
}
