//! The operation a request was built for, carried in the request itself for traces.

use http::Request;

/// An [`crate::Endpoint::OPERATION_ID`] in a request's extensions, put there by
/// [`crate::Session::request`], so an exchange is traced by name however it is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OperationId(pub(crate) &'static str);

impl OperationId {
    /// The operation `request` was built for, if a session built it.
    pub(crate) fn of<B>(request: &Request<B>) -> Option<&'static str> {
        request.extensions().get::<Self>().map(|id| id.0)
    }
}

#[cfg(all(test, feature = "tracing"))]
mod tests {
    use super::*;
    use crate::auth::AuthCookie;
    use crate::messages::{GetInviteMessages, InviteMessageType};
    use crate::{Session, UserAgent, UserId};

    #[test]
    fn a_built_request_names_its_operation_and_a_raw_one_does_not() {
        let session = Session::new(UserAgent::new("Test/1.0 t@example.com").expect("agent"))
            .with_auth_cookie(AuthCookie::new("authcookie_1").expect("cookie"));
        let list = GetInviteMessages::new(
            UserId::new("usr_1").expect("id"),
            InviteMessageType::Message,
        );
        let request = session.request(&list).expect("request");
        assert_eq!(OperationId::of(&request), Some("getInviteMessages"));
        assert_eq!(OperationId::of(&Request::new(())), None);
    }
}
