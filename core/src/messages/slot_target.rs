//! One invite message slot: what the slot operations address.

use super::{InviteMessageType, Owner, collection_path};
use crate::error::InputError;
use crate::ids::UserId;
use crate::session::Session;
use crate::slot::Slot;

/// One slot of one user's invite messages: whose collection (a named user, or the session's own
/// user), which collection and which slot. [`crate::messages::GetInviteMessage`],
/// [`crate::messages::UpdateInviteMessage`] and [`crate::messages::ResetInviteMessage`] each
/// address one, at `/message/{userId}/{messageType}/{slot}`.
///
/// ```
/// use vrchat_invite_core::Slot;
/// use vrchat_invite_core::messages::{GetInviteMessage, InviteMessageType, ResetInviteMessage, SlotTarget};
/// let target = SlotTarget::mine(InviteMessageType::Request, Slot::new(4)?);
/// assert_eq!(target.user_id(), None);
/// let read = GetInviteMessage::at(target.clone());
/// let reset = ResetInviteMessage::at(target);
/// assert_eq!(read.target(), reset.target());
/// assert_eq!(read.target().slot(), Slot::new(4)?);
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotTarget {
    owner: Owner,
    message_type: InviteMessageType,
    slot: Slot,
}

impl SlotTarget {
    /// `slot` of the `message_type` collection of `user_id`.
    pub fn new(user_id: UserId, message_type: InviteMessageType, slot: Slot) -> Self {
        Self {
            owner: Owner::User(user_id),
            message_type,
            slot,
        }
    }

    /// `slot` of the session's own `message_type` collection: the user ID is read from
    /// [`Session::user_id`] when the request is built, and a session without one is refused
    /// with [`InputError::MissingUserId`].
    pub fn mine(message_type: InviteMessageType, slot: Slot) -> Self {
        Self {
            owner: Owner::Session,
            message_type,
            slot,
        }
    }

    /// The user whose slot this is; `None` for the session's own user.
    pub fn user_id(&self) -> Option<&UserId> {
        self.owner.user_id()
    }

    /// The collection.
    pub fn message_type(&self) -> InviteMessageType {
        self.message_type
    }

    /// The slot.
    pub fn slot(&self) -> Slot {
        self.slot
    }

    /// `/message/{userId}/{messageType}/{slot}`, the placeholder itself for the session's
    /// own user.
    pub(crate) fn path(&self) -> String {
        self.path_of(self.owner.user_id())
    }

    /// The path sent with `session`, which names the session's own user.
    pub(crate) fn path_for(&self, session: &Session) -> Result<String, InputError> {
        let user_id = self.owner.resolve(session)?;
        Ok(self.path_of(Some(user_id)))
    }

    fn path_of(&self, user_id: Option<&UserId>) -> String {
        let mut path = collection_path(user_id, self.message_type);
        path.push('/');
        path.push_str(&self.slot.to_string());
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Endpoint;
    use crate::messages::{GetInviteMessage, MessageText, ResetInviteMessage, UpdateInviteMessage};
    use crate::user_agent::UserAgent;

    fn slot(n: u8) -> Slot {
        Slot::new(n).expect("slot")
    }

    #[test]
    fn every_slot_operation_addresses_its_target() {
        let user = UserId::new("usr_a/b").expect("user");
        let session = Session::new(UserAgent::new("T/1 t@example.com").expect("agent"))
            .with_user_id(UserId::new("usr_me").expect("me"));
        let text = MessageText::new("Hi").expect("text");
        let cases = [
            (
                SlotTarget::new(user, InviteMessageType::Response, slot(11)),
                "/message/usr_a%2Fb/response/11",
                "/message/usr_a%2Fb/response/11",
            ),
            (
                SlotTarget::mine(InviteMessageType::Message, slot(0)),
                "/message/{userId}/message/0",
                "/message/usr_me/message/0",
            ),
        ];
        for (target, shown, sent) in cases {
            let get = GetInviteMessage::at(target.clone());
            let update = UpdateInviteMessage::at(target.clone(), text.clone());
            let reset = ResetInviteMessage::at(target.clone());
            assert_eq!([get.path(), update.path(), reset.path()], [shown; 3]);
            let built = [
                get.path_for(&session),
                update.path_for(&session),
                reset.path_for(&session),
            ];
            assert_eq!(
                built,
                [
                    Ok(sent.to_owned()),
                    Ok(sent.to_owned()),
                    Ok(sent.to_owned())
                ]
            );
            assert_eq!(
                [get.target(), update.target(), reset.target()],
                [&target; 3]
            );
        }
        let anonymous = Session::new(UserAgent::new("T/1 t@example.com").expect("agent"));
        let mine = SlotTarget::mine(InviteMessageType::Request, slot(3));
        assert_eq!(mine.path_for(&anonymous), Err(InputError::MissingUserId));
    }
}
