//! `GET /message/{userId}/{messageType}`: list a collection.

use http::Method;

use super::{Owner, collection_path};
use crate::endpoint::Endpoint;
use crate::error::InputError;
use crate::ids::UserId;
use crate::messages::InviteMessageType;
use crate::models::{InviteMessage, ItemList};
use crate::polite::Action;
use crate::session::Session;

/// Lists the 12 messages of one collection (operation `getInviteMessages`).
///
/// ```
/// use vrchat_invite_core::{Endpoint, UserId};
/// use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
/// let list = GetInviteMessages::new(UserId::new("usr_a")?, InviteMessageType::RequestResponse);
/// assert_eq!(list.path(), "/message/usr_a/requestResponse");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
///
/// [`GetInviteMessages::mine`] lists the session's own messages without naming the user:
///
/// ```
/// use vrchat_invite_core::{Session, UserAgent, UserId};
/// use vrchat_invite_core::auth::AuthCookie;
/// use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_cookie(AuthCookie::new("authcookie_123")?)
///     .with_user_id(UserId::new("usr_me")?);
/// let request = session.request(&GetInviteMessages::mine(InviteMessageType::Message))?;
/// assert_eq!(request.uri(), "https://api.vrchat.cloud/api/1/message/usr_me/message");
/// # Ok::<(), vrchat_invite_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetInviteMessages {
    owner: Owner,
    message_type: InviteMessageType,
}

impl GetInviteMessages {
    /// Lists the `message_type` messages of `user_id`.
    pub fn new(user_id: UserId, message_type: InviteMessageType) -> Self {
        Self {
            owner: Owner::User(user_id),
            message_type,
        }
    }

    /// Lists the session's own `message_type` messages: the user ID is read from
    /// [`Session::user_id`] when the request is built, and a session without one is refused
    /// with [`InputError::MissingUserId`].
    pub fn mine(message_type: InviteMessageType) -> Self {
        Self {
            owner: Owner::Session,
            message_type,
        }
    }

    /// The user whose messages are listed; `None` for the session's own user.
    pub fn user_id(&self) -> Option<&UserId> {
        self.owner.user_id()
    }

    /// The collection.
    pub fn message_type(&self) -> InviteMessageType {
        self.message_type
    }
}

impl Endpoint for GetInviteMessages {
    const OPERATION_ID: &'static str = "getInviteMessages";

    type Output = ItemList<InviteMessage>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> String {
        collection_path(self.owner.user_id(), self.message_type)
    }

    fn path_for(&self, session: &Session) -> Result<String, InputError> {
        let user_id = self.owner.resolve(session)?;
        Ok(collection_path(Some(user_id), self.message_type))
    }

    fn action(&self) -> Action<'_> {
        Action::ReadMessages
    }
}
