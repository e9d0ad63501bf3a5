//! Logging in and out: the core's login flow, driven over this client.

use vrchat_invite_core::{
    ApiErrorKind, CodePrompt, Credentials, CurrentUser, Endpoint, LoginFlow, LoginStep, Logout,
    TwoFactorCode, TwoFactorMethod,
};

use crate::client::Client;
use crate::error::Error;

impl Client {
    /// Logs in, reusing the session's saved cookie when it is still valid.
    ///
    /// With a saved `auth` cookie, `GET /auth` checks it and no new session is made.
    /// Otherwise the `credentials` log in (a stored `twoFactorAuth` cookie skips 2FA on a
    /// remembered device). When a second factor is needed, `ask_code` gets the offered
    /// methods and returns the method and code the person chose, or `None` to give up.
    /// A wrong code is forgiven: `ask_code` is asked again within the same login, up to
    /// [`LoginFlow::MAX_CODE_ATTEMPTS`] codes (see [`Client::login_with`] to tell the person
    /// why). Nothing else is retried: a wrong password ends the login with its error.
    /// Afterwards [`Client::session`] holds the cookies and the user ID; save it.
    ///
    /// # Errors
    /// [`Error::TwoFactorCancelled`] when `ask_code` returns `None` (after a wrong code,
    /// that code's error instead); [`Error::Core`] with
    /// [`ApiErrorKind::InvalidCredentials`], [`ApiErrorKind::TooManySessions`] or
    /// [`ApiErrorKind::InvalidTwoFactorCode`] when the server refuses; exchange errors.
    ///
    /// ```no_run
    /// use vrchat_invite_core::{Credentials, Session, TwoFactorCode, TwoFactorMethod, UserAgent};
    /// use vrchat_invite_ureq::Client;
    ///
    /// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let mut client = Client::new(session)?;
    /// let user = client.login(Some(Credentials::new("me", "password")?), |offered| {
    ///     let method = TwoFactorMethod::preferred(offered)?.clone();
    ///     let mut line = String::new();
    ///     std::io::stdin().read_line(&mut line).ok()?;
    ///     Some((method, TwoFactorCode::new(line).ok()?))
    /// })?;
    /// println!("logged in as {}", user.display_name);
    /// let saved = serde_json::to_string(client.session())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn login<F>(
        &mut self,
        credentials: Option<Credentials>,
        mut ask_code: F,
    ) -> Result<CurrentUser, Error>
    where
        F: FnMut(&[TwoFactorMethod]) -> Option<(TwoFactorMethod, TwoFactorCode)>,
    {
        self.login_with(credentials, |prompt| ask_code(&prompt.methods))
    }

    /// [`Client::login`], with the whole [`CodePrompt`] handed to `ask_code`: the offered
    /// methods, how many codes were refused so far and how many may still be tried.
    ///
    /// # Errors
    /// As [`Client::login`].
    pub fn login_with<F>(
        &mut self,
        credentials: Option<Credentials>,
        mut ask_code: F,
    ) -> Result<CurrentUser, Error>
    where
        F: FnMut(&CodePrompt) -> Option<(TwoFactorMethod, TwoFactorCode)>,
    {
        let mut flow = LoginFlow::new(credentials);
        let mut rejection = None;
        loop {
            match flow.step(self.session())? {
                LoginStep::Send(request) => {
                    let response = self.execute(request)?;
                    match flow.receive(self.session_mut(), &response) {
                        Ok(()) => {}
                        Err(error) if wrong_code(&error) && flow.code_prompt().is_some() => {
                            rejection = Some(Error::from(error));
                        }
                        Err(error) => return Err(error.into()),
                    }
                }
                LoginStep::NeedTwoFactorCode(_) => {
                    let answer = flow.code_prompt().and_then(|prompt| ask_code(&prompt));
                    let Some((method, code)) = answer else {
                        return Err(rejection.unwrap_or(Error::TwoFactorCancelled));
                    };
                    flow.submit_code(method, code)?;
                }
                LoginStep::Done(user) => return Ok(user),
                _ => {
                    let reason = "a login step this transport does not know";
                    return Err(vrchat_invite_core::Error::Unexpected { reason }.into());
                }
            }
        }
    }

    /// Ends the session on the server and forgets its `auth` cookie (the `twoFactorAuth`
    /// cookie of a remembered device is kept). A session the server had already ended
    /// counts as logged out.
    ///
    /// # Errors
    /// Exchange errors, or an API error other than 401; the cookie is forgotten anyway.
    pub fn logout(&mut self) -> Result<(), Error> {
        let request = self.session().request(&Logout)?;
        let result = self.execute(request);
        self.session_mut().set_auth_token(None);
        let response = result?;
        self.session_mut().apply_set_cookies(response.headers());
        self.session_mut().set_auth_token(None);
        match Logout.parse(&response) {
            Err(error) if error.api_kind() == Some(&ApiErrorKind::Unauthorized) => Ok(()),
            result => Ok(result?),
        }
    }
}

/// Whether the server refused a two-factor code (so another may be tried).
fn wrong_code(error: &vrchat_invite_core::Error) -> bool {
    error.api_kind() == Some(&ApiErrorKind::InvalidTwoFactorCode)
}
