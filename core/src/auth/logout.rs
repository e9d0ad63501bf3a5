//! `PUT /logout`: end the session.

use http::Method;

use crate::endpoint::Endpoint;

/// Invalidates the session's `auth` cookie (operation `logout`).
///
/// It ends the session ([`Endpoint::ends_session`]): a 401 reply (the server had ended the
/// session already) counts as logged out, and a client sending it forgets the cookie
/// whatever the reply. Sent by hand, apply the reply's `Set-Cookie` with
/// [`crate::Session::apply_set_cookies`], or clear the cookie yourself.
///
/// ```
/// use vrchat_invite_core::Endpoint;
/// use vrchat_invite_core::auth::Logout;
/// let gone = http::Response::builder().status(401).body(Vec::new())?;
/// assert!(Logout.parse(&gone).is_ok());
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Logout;

impl Endpoint for Logout {
    const OPERATION_ID: &'static str = "logout";

    type Output = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> String {
        "/logout".to_owned()
    }

    /// Whatever the server writes: the status says it all.
    fn decode(&self, _body: &[u8]) -> serde_json::Result<()> {
        Ok(())
    }

    fn ends_session(&self) -> bool {
        true
    }
}
