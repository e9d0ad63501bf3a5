//! The invite message slots: list a collection ([`GetInviteMessages`]), read one slot
//! ([`GetInviteMessage`]), edit it ([`UpdateInviteMessage`], with a checked
//! [`MessageText`]) or reset it ([`ResetInviteMessage`]). Each of the four collections
//! ([`InviteMessageType`]) has slots 0 to 11; `mine` builds an operation for the session's
//! own user.
//!
//! ```
//! use vrchat_invite_core::messages::{InviteMessageType, MessageText, UpdateInviteMessage};
//! use vrchat_invite_core::{Endpoint, Slot, UserId};
//!
//! let edit = UpdateInviteMessage::new(
//!     UserId::new("usr_me")?,
//!     InviteMessageType::Response,
//!     Slot::new(4)?,
//!     MessageText::new("Busy, later!")?,
//! );
//! assert_eq!(edit.method(), http::Method::PUT);
//! assert_eq!(edit.path(), "/message/usr_me/response/4");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod get_invite_message;
mod get_invite_messages;
mod message_text;
mod message_type;
mod reset_invite_message;
mod slot_target;
mod update_invite_message;

pub use crate::punctuation::fold_punctuation;
pub use get_invite_message::GetInviteMessage;
pub use get_invite_messages::GetInviteMessages;
pub use message_text::MessageText;
pub use message_type::InviteMessageType;
pub use reset_invite_message::ResetInviteMessage;
pub use slot_target::SlotTarget;
pub use update_invite_message::UpdateInviteMessage;

use crate::error::InputError;
use crate::ids::UserId;
use crate::path::PathBuilder;
use crate::session::Session;

/// Whose messages an operation addresses: a named user, or the session's own user, whose
/// ID is read from the session when the request is built.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owner {
    User(UserId),
    Session,
}

impl Owner {
    /// The named user; `None` for the session's own user.
    fn user_id(&self) -> Option<&UserId> {
        match self {
            Self::User(user_id) => Some(user_id),
            Self::Session => None,
        }
    }

    /// The user whose messages these are, for a request built with `session`.
    fn resolve<'a>(&'a self, session: &'a Session) -> Result<&'a UserId, InputError> {
        match self {
            Self::User(user_id) => Ok(user_id),
            Self::Session => session.user_id().ok_or(InputError::MissingUserId),
        }
    }
}

/// `/message/{userId}/{messageType}`; the placeholder itself when no user is named.
fn collection_path(user_id: Option<&UserId>, message_type: InviteMessageType) -> String {
    let path = PathBuilder::new().literal("message");
    let path = match user_id {
        Some(user_id) => path.segment(user_id.as_str()),
        None => path.literal("{userId}"),
    };
    path.literal(message_type.as_str()).finish()
}
