//! One exchange of any operation: what to send and how long to wait first, then the typed
//! result from the reply (or the failure).

use std::time::{Duration, Instant};

use http::{Request, Response};

use super::shared::ClientCore;
use super::trace;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::models::FromBody;
use crate::polite::ReplySeen;

/// The request of a prepared exchange, and how long to wait before sending it.
///
/// `Debug` shows the method, the path and the wait: the request's headers carry the
/// session's cookies.
#[non_exhaustive]
pub struct Outgoing {
    /// The complete request.
    pub request: Request<Vec<u8>>,
    /// How long politeness asks to wait before sending (zero when it is off).
    pub wait: Duration,
}

impl std::fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outgoing")
            .field("method", self.request.method())
            .field("path", &self.request.uri().path())
            .field("wait", &self.wait)
            .finish_non_exhaustive()
    }
}

/// An exchange waiting for its reply; [`Pending::finish`] reads it.
#[derive(Debug)]
#[must_use = "finish the exchange with its reply"]
pub struct Pending<'a, E> {
    core: &'a ClientCore,
    endpoint: &'a E,
}

impl ClientCore {
    /// Prepares `endpoint` at `now`: builds its request from the session and asks
    /// politeness how long to wait, or refuses. Send [`Outgoing::request`] after
    /// [`Outgoing::wait`], then hand the reply (or the failure) to [`Pending::finish`].
    ///
    /// ```
    /// use std::time::Instant;
    /// use vrchat_invite_core::{Session, UserAgent};
    /// use vrchat_invite_core::auth::{AuthCookie, Logout};
    /// use vrchat_invite_core::transport::{ClientCore, ClientOptions};
    /// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
    ///     .with_auth_cookie(AuthCookie::new("authcookie_1")?);
    /// let core = ClientCore::new(session, ClientOptions::default(), 0, |_| None);
    /// let (outgoing, pending) = core.prepare(&Logout, Instant::now())?;
    /// assert_eq!(outgoing.request.uri().path(), "/api/1/logout");
    /// // The server had ended the session already: that still counts as logged out.
    /// let reply = http::Response::builder().status(401).body(Vec::new())?;
    /// pending.finish(Ok(reply), Instant::now())?;
    /// assert!(core.session().auth_cookie().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Input`] for bad input, or [`Error::Refused`] when politeness refuses; nothing is
    /// to be sent then.
    pub fn prepare<'a, E: Endpoint>(
        &'a self,
        endpoint: &'a E,
        now: Instant,
    ) -> Result<(Outgoing, Pending<'a, E>), Error> {
        let request = self.read_session(|session| session.request(endpoint))?;
        let wait = match self.politeness() {
            Some(politeness) => {
                let operation = E::OPERATION_ID;
                let wait = politeness
                    .before_send(now, &endpoint.action())
                    .inspect_err(|error| trace::refused(operation, error))?;
                trace::waiting(operation, wait);
                wait
            }
            None => Duration::ZERO,
        };
        let pending = Pending {
            core: self,
            endpoint,
        };
        Ok((Outgoing { request, wait }, pending))
    }
}

impl<E: Endpoint> Pending<'_, E> {
    /// The typed result of the exchange, from its reply received at `now` or its failure.
    /// Politeness learns from the reply as the operation read it, and an operation that
    /// ends the session (logout) forgets the `auth` cookie whatever happened (and counts a
    /// 401 as done: [`Endpoint::ends_session`]).
    ///
    /// # Errors
    /// The exchange's failure as given; [`Error::Api`] for an error reply, [`Error::Decode`] for an
    /// undecodable body.
    pub fn finish(
        self,
        reply: Result<Response<Vec<u8>>, Error>,
        now: Instant,
    ) -> Result<E::Output, Error> {
        if self.endpoint.ends_session() {
            self.core.update_session(|session| {
                if let Ok(response) = &reply {
                    session.apply_set_cookies(response.headers());
                }
                session.set_auth_cookie(None);
            });
        }
        let response = reply?;
        let result = self.endpoint.parse(&response);
        if let Some(politeness) = self.core.politeness() {
            let endpoint = self.endpoint;
            let seen = ReplySeen::of_result(response.status(), &result, FromBody::invite_messages);
            if let Some(seen) = seen {
                politeness.after_reply(now, &endpoint.action(), &seen);
            }
        }
        result
    }
}
