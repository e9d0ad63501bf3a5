//! The `Endpoint` trait: one implementor per operation.

use http::Method;

use crate::auth::Authentication;
use crate::decode::FromBody;
use crate::error::{ApiError, Error, InputError};
use crate::polite::Action;
use crate::session::Session;

/// A request body, ready for the wire.
///
/// `Debug` shows the kind and length only: a body can carry a secret (the two-factor code
/// of a verification).
#[derive(Clone, PartialEq, Eq)]
pub enum RequestBody {
    /// No body.
    Empty,
    /// A JSON document.
    Json(Vec<u8>),
    /// A `multipart/form-data` body and its boundary.
    Multipart {
        /// The boundary named in the `Content-Type` header.
        boundary: String,
        /// The encoded parts.
        bytes: Vec<u8>,
    },
}

impl std::fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => f.write_str("Empty"),
            Self::Json(bytes) => f.debug_struct("Json").field("len", &bytes.len()).finish(),
            Self::Multipart { boundary, bytes } => f
                .debug_struct("Multipart")
                .field("boundary", boundary)
                .field("len", &bytes.len())
                .finish(),
        }
    }
}

impl RequestBody {
    /// The `Content-Type` this body is sent with, if any.
    pub fn content_type(&self) -> Option<String> {
        match self {
            Self::Empty => None,
            Self::Json(_) => Some("application/json".to_owned()),
            Self::Multipart { boundary, .. } => {
                Some(format!("multipart/form-data; boundary={boundary}"))
            }
        }
    }

    /// The body's bytes (empty for [`RequestBody::Empty`]).
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Self::Empty => Vec::new(),
            Self::Json(bytes) | Self::Multipart { bytes, .. } => bytes,
        }
    }
}

/// One API operation: what to send, and how to read the answer.
///
/// Implementors name the operation ([`Endpoint::OPERATION_ID`]) and supply the method, the
/// encoded path and the body; [`crate::Session::request`] adds the base URL and headers, and
/// [`Endpoint::parse`] handles statuses and error bodies the same way for every operation.
/// A 2xx body decodes into [`Endpoint::Output`] as that model reads its JSON
/// ([`FromBody`]) unless the operation reads it otherwise ([`Endpoint::decode`]).
///
/// An operation whose path names the session's own user (the invite message operations
/// built with `mine`) also overrides [`Endpoint::path_for`], which reads the user ID from
/// the session when the request is built.
///
/// ```
/// use vrchat_invite_core::{Endpoint, Slot, UserId};
/// use vrchat_invite_core::messages::{GetInviteMessage, InviteMessageType};
/// let endpoint = GetInviteMessage::new(UserId::new("usr_1")?, InviteMessageType::Message, Slot::new(3)?);
/// assert_eq!(GetInviteMessage::OPERATION_ID, "getInviteMessage");
/// assert_eq!(endpoint.method(), http::Method::GET);
/// assert_eq!(endpoint.path(), "/message/usr_1/message/3");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
pub trait Endpoint {
    /// The community spec's `operationId`, such as `inviteUser`: the `operation` field of
    /// the exchange's trace, and the name the simulator gives the route.
    ///
    /// A type that sends several forms of one operation names its plain form: the photo forms of
    /// [`crate::invite::InviteUser`], [`crate::invite::RequestInvite`] and
    /// [`crate::invite::RespondInvite`] (`…WithPhoto` in the spec) and the three methods of
    /// [`crate::auth::VerifyTwoFactor`] (`verify2FA`, `verifyRecoveryCode`, `verify2FAEmailCode`)
    /// differ by their path.
    const OPERATION_ID: &'static str;

    /// What a successful reply decodes to: a JSON model, read by [`Endpoint::decode`].
    type Output: FromBody;

    /// The HTTP method.
    fn method(&self) -> Method;

    /// The path below the base URL, starting with `/`, every value already percent-encoded.
    ///
    /// An operation built for the session's own user cannot know that user here, and
    /// shows the spec's `{userId}` placeholder in its place; [`Endpoint::path_for`] gives
    /// the path that is sent.
    fn path(&self) -> String;

    /// The path sent when the request is built with `session`: [`Endpoint::path`] unless
    /// the operation overrides it. [`crate::Session::request`] builds every URI from this.
    ///
    /// The invite message operations built with `mine` (such as
    /// [`crate::messages::GetInviteMessages::mine`]) override it to put [`Session::user_id`] in the
    /// path; with an explicit user ID they give the same path as [`Endpoint::path`].
    ///
    /// ```
    /// use vrchat_invite_core::{Endpoint, InputError, Session, UserAgent, UserId};
    /// use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
    /// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let mine = GetInviteMessages::mine(InviteMessageType::Message);
    /// assert_eq!(mine.path_for(&session), Err(InputError::MissingUserId));
    /// let session = session.with_user_id(UserId::new("usr_me")?);
    /// assert_eq!(mine.path_for(&session)?, "/message/usr_me/message");
    /// # Ok::<(), InputError>(())
    /// ```
    ///
    /// # Errors
    /// [`InputError::MissingUserId`] when the path needs the session's user ID and the
    /// session does not know it. The default never fails.
    fn path_for(&self, session: &Session) -> Result<String, InputError> {
        let _ = session;
        Ok(self.path())
    }

    /// The body; none by default.
    fn body(&self) -> RequestBody {
        RequestBody::Empty
    }

    /// How the request proves who is asking: the session's `auth` cookie by default
    /// ([`Authentication::SessionCookie`], every Invite operation); a password login sends
    /// its credentials instead.
    fn authentication(&self) -> Authentication<'_> {
        Authentication::SessionCookie
    }

    /// What the operation does, for the opt-in politeness helpers. [`Action::Other`] by
    /// default.
    fn action(&self) -> Action<'_> {
        Action::Other
    }

    /// Whether this operation ends the session it is sent with (logout). False by default.
    ///
    /// Such an operation is done once the session is gone, whoever ended it: a 401
    /// [`crate::ApiErrorKind::Unauthorized`] reply (the server had ended the session
    /// already) parses as the 2xx reply without a body would ([`Endpoint::parse`]), and a
    /// client forgets the session's `auth` cookie whatever the reply
    /// ([`crate::transport::Pending::finish`]).
    fn ends_session(&self) -> bool {
        false
    }

    /// Whether a 2xx reply means the server changed something that sending the request
    /// again would change again (an invite, a request, a response, an edit, a reset). When
    /// such a reply does not decode, [`crate::DecodeError::took_effect`] says so, so nobody
    /// resends it. True by default for every method that is not safe (`POST`, `PUT`,
    /// `DELETE`, ...).
    fn has_effect(&self) -> bool {
        !self.method().is_safe()
    }

    /// Decodes a 2xx body: by default as its model reads it ([`FromBody::from_body`], the
    /// model's JSON). An operation whose reply is not its model's JSON (a
    /// `{"verified": true}` read as a `bool`, a body that does not matter) reads it its own
    /// way.
    ///
    /// # Errors
    /// The serde error when the body is not what this operation returns.
    fn decode(&self, body: &[u8]) -> serde_json::Result<Self::Output> {
        Self::Output::from_body(body)
    }

    /// Refines the generic classification of an error reply for this operation (login
    /// maps 401 to invalid credentials, say). Unchanged by default.
    fn refine_error(&self, error: ApiError) -> ApiError {
        error
    }

    /// Turns a reply into the typed result: 2xx bodies are decoded, anything else becomes
    /// [`Error::Api`] (except the 401 that ends an ended session: see
    /// [`Endpoint::ends_session`]). Never panics, whatever the status, headers and bytes.
    ///
    /// # Errors
    /// [`Error::Api`] for a non-2xx status, [`Error::Decode`] for a 2xx body that does not
    /// decode.
    fn parse<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<Self::Output, Error>
    where
        Self: Sized,
    {
        crate::decode::parse_response(
            self,
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }
}
