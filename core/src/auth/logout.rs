//! `PUT /logout`: end the session.

use http::Method;

use crate::endpoint::Endpoint;

/// Invalidates the session's `auth` cookie (operation `logout`). The reply's `Set-Cookie`
/// clears it; apply it with [`crate::Session::apply_set_cookies`], or clear it yourself.
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
}
