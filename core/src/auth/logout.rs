//! `PUT /logout`: end the session.

use http::Method;

use crate::endpoint::Endpoint;
use crate::error::{ApiErrorKind, Error};

/// Invalidates the session's `auth` cookie (operation `logout`).
///
/// A client sending it forgets the cookie whatever the reply ([`Endpoint::ends_session`])
/// and counts a 401 as logged out ([`Endpoint::settle`]). Sent by hand, apply the reply's
/// `Set-Cookie` with [`crate::Session::apply_set_cookies`], or clear the cookie yourself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Logout;

impl Endpoint for Logout {
    type Output = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> String {
        "/logout".to_owned()
    }

    fn decode(&self, _body: &[u8]) -> serde_json::Result<()> {
        Ok(())
    }

    fn ends_session(&self) -> bool {
        true
    }

    fn settle(&self, result: Result<(), Error>) -> Result<(), Error> {
        match result {
            Err(error) if error.api_kind() == Some(&ApiErrorKind::Unauthorized) => Ok(()),
            result => result,
        }
    }
}
