//! Logging in over any transport: the login flow driven against a client's shared session.

use http::Response;

use super::shared::ClientCore;
use crate::auth::{Credentials, LoginFlow, LoginStep, TwoFactorCode, TwoFactorMethod};
use crate::error::{ApiErrorKind, Error};

/// A [`LoginFlow`] bound to a client's session, with the rules every transport shares: the
/// session is updated as replies arrive, a wrong two-factor code may be followed by another
/// (up to [`LoginFlow::MAX_CODE_ATTEMPTS`]), and giving up reports the last refusal.
#[derive(Debug)]
pub struct LoginDriver<'a> {
    core: &'a ClientCore,
    flow: LoginFlow,
    rejection: Option<Error>,
}

impl ClientCore {
    /// Starts a login: with a saved `auth` cookie, `GET /auth` checks it (no new session is
    /// made), and a half-logged one (its code never verified) resumes at the code, without
    /// `credentials`; otherwise `credentials` log in, and a stored `twoFactorAuth` cookie
    /// skips the second factor on a remembered device.
    ///
    /// ```
    /// use vrchat_invite_core::{Session, UserAgent};
    /// use vrchat_invite_core::auth::{Credentials, LoginStep};
    /// use vrchat_invite_core::transport::{ClientCore, ClientOptions};
    /// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let core = ClientCore::new(session, ClientOptions::default(), 0, |_| None);
    /// let mut login = core.start_login(Some(Credentials::new("me", "secret")?));
    /// let LoginStep::Send(request) = login.next_step()? else { panic!("a request first") };
    /// assert_eq!(request.uri().path(), "/api/1/auth/user");
    /// let refused = http::Response::builder().status(401).body(br#"{"error":{"message":"Invalid Username/Email or Password","status_code":401}}"#.to_vec())?;
    /// assert!(login.receive(Ok(refused)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start_login(&self, credentials: Option<Credentials>) -> LoginDriver<'_> {
        LoginDriver {
            core: self,
            flow: LoginFlow::new(credentials),
            rejection: None,
        }
    }
}

impl LoginDriver<'_> {
    /// What to do next.
    ///
    /// # Errors
    /// [`Error::Input`] when the flow cannot go on (no credentials and no cookie, say).
    pub fn next_step(&mut self) -> Result<LoginStep, Error> {
        self.core.read_session(|session| self.flow.step(session))
    }

    /// Reads the reply to the request of [`LoginStep::Send`] into the session.
    ///
    /// # Errors
    /// The exchange's failure; the server's refusal (wrong password, too many sessions),
    /// except a wrong two-factor code while another may be tried: that is kept for
    /// [`LoginDriver::answer`].
    pub fn receive(&mut self, reply: Result<Response<Vec<u8>>, Error>) -> Result<(), Error> {
        let response = reply?;
        let flow = &mut self.flow;
        match self
            .core
            .update_session(|session| flow.receive(session, &response))
        {
            Ok(()) => Ok(()),
            Err(error)
                if error.api_kind() == Some(&ApiErrorKind::InvalidTwoFactorCode)
                    && self.flow.code_prompt().is_some() =>
            {
                self.rejection = Some(error);
                Ok(())
            }
            Err(error) => Err(error),
        }
    }

    /// Hands in the person's answer to [`LoginStep::AskCode`]: a method and a code, or
    /// `None` to give up.
    ///
    /// # Errors
    /// On giving up, the refusal of the last wrong code, or
    /// [`Error::TwoFactorCancelled`]; [`Error::Input`] for a method not offered.
    pub fn answer(
        &mut self,
        answer: Option<(TwoFactorMethod, TwoFactorCode)>,
    ) -> Result<(), Error> {
        let Some((method, code)) = answer else {
            return Err(self
                .rejection
                .take()
                .map_or(Error::TwoFactorCancelled, Error::from));
        };
        self.flow.submit_code(method, code)?;
        Ok(())
    }
}
