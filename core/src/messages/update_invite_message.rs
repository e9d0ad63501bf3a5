//! `PUT /message/{userId}/{messageType}/{slot}`: edit one slot.

use http::Method;

use super::{MessageText, SlotTarget};
use crate::endpoint::{Endpoint, RequestBody};
use crate::error::InputError;
use crate::ids::UserId;
use crate::invite::bodies_json;
use crate::messages::InviteMessageType;
use crate::models::{InviteMessage, ItemList};
use crate::polite::Action;
use crate::session::Session;
use crate::slot::Slot;

/// Edits one slot and returns the whole collection (operation `updateInviteMessage`).
///
/// An edit starts a 60-minute cooldown on the slot; editing again sooner is refused with
/// [`crate::ApiErrorKind::Cooldown`], which carries the minutes left.
///
/// ```
/// use vrchat_invite_core::{Endpoint, Slot, UserId};
/// use vrchat_invite_core::messages::{InviteMessageType, MessageText, UpdateInviteMessage};
/// use vrchat_invite_core::transport::RequestBody;
/// let edit = UpdateInviteMessage::new(
///     UserId::new("usr_a")?, InviteMessageType::Message, Slot::new(3)?, MessageText::new("Join me!")?);
/// assert_eq!(edit.body(), RequestBody::Json(br#"{"message":"Join me!"}"#.to_vec()));
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateInviteMessage {
    target: SlotTarget,
    text: MessageText,
}

#[derive(serde::Serialize)]
struct UpdateBody<'a> {
    message: &'a str,
}

impl UpdateInviteMessage {
    /// Sets `slot` of the `message_type` collection of `user_id` to `text`.
    pub fn new(
        user_id: UserId,
        message_type: InviteMessageType,
        slot: Slot,
        text: MessageText,
    ) -> Self {
        Self::at(SlotTarget::new(user_id, message_type, slot), text)
    }

    /// Sets `slot` of the session's own `message_type` collection to `text`: the user ID is
    /// read from [`Session::user_id`] when the request is built, and a session without one
    /// is refused with [`InputError::MissingUserId`].
    pub fn mine(message_type: InviteMessageType, slot: Slot, text: MessageText) -> Self {
        Self::at(SlotTarget::mine(message_type, slot), text)
    }

    /// Sets the slot `target` names to `text`.
    pub fn at(target: SlotTarget, text: MessageText) -> Self {
        Self { target, text }
    }

    /// The slot edited.
    pub fn target(&self) -> &SlotTarget {
        &self.target
    }
}

impl Endpoint for UpdateInviteMessage {
    const OPERATION_ID: &'static str = "updateInviteMessage";

    type Output = ItemList<InviteMessage>;

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> String {
        self.target.path()
    }

    fn path_for(&self, session: &Session) -> Result<String, InputError> {
        self.target.path_for(session)
    }

    fn body(&self) -> RequestBody {
        bodies_json(&UpdateBody {
            message: self.text.as_str(),
        })
    }

    fn action(&self) -> Action<'_> {
        Action::EditSlot(self.target.message_type(), self.target.slot())
    }
}
