//! Logging in and out: the core's login driver, over this client.

use vrchat_invite_core::auth::{
    CodePrompt, Credentials, CurrentUser, LoginStep, Logout, TwoFactorCode, TwoFactorMethod,
};

use crate::client::Client;
use vrchat_invite_core::Error;

impl Client {
    /// Logs in, reusing the session's saved cookie when it is still valid.
    ///
    /// With a saved `auth` cookie, `GET /auth` checks it and no new session is made; a
    /// half-logged session (password accepted, code never verified) goes straight on to
    /// `ask_code` with that cookie, no password needed. Otherwise the `credentials` log in
    /// (a stored `twoFactorAuth` cookie skips 2FA on a remembered device). When a second
    /// factor is needed, `ask_code` gets the offered methods and returns the method and
    /// code the person chose, or `None` to give up.
    /// A wrong code is forgiven: `ask_code` is asked again within the same login, up to
    /// [`vrchat_invite_core::auth::LoginFlow::MAX_CODE_ATTEMPTS`] codes (see
    /// [`Client::login_with`] to tell the person why). Nothing else is retried: a wrong
    /// password ends the login with its error. The session every clone shares is updated
    /// as the login goes; afterwards `session()` holds the cookies and the user ID: save it.
    ///
    /// # Errors
    /// [`Error::TwoFactorCancelled`] when `ask_code` returns `None` (after a wrong code,
    /// that code's error instead); [`Error::Api`] with
    /// [`vrchat_invite_core::ApiErrorKind::InvalidCredentials`],
    /// [`vrchat_invite_core::ApiErrorKind::TooManySessions`] or
    /// [`vrchat_invite_core::ApiErrorKind::InvalidTwoFactorCode`] when the server refuses;
    /// exchange errors.
    ///
    /// ```no_run
    /// use vrchat_invite_ureq::{Client, Session, UserAgent};
    /// use vrchat_invite_ureq::auth::{Credentials, TwoFactorCode, TwoFactorMethod};
    ///
    /// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let client = Client::new(session)?;
    /// let user = client.login(Some(Credentials::new("me", "password")?), |offered| {
    ///     let method = TwoFactorMethod::preferred(offered)?.clone();
    ///     let mut line = String::new();
    ///     std::io::stdin().read_line(&mut line).ok()?;
    ///     Some((method, TwoFactorCode::new(line).ok()?))
    /// })?;
    /// println!("logged in as {}", user.display_name);
    /// let saved = serde_json::to_string(&client.session())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn login<F>(
        &self,
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
        &self,
        credentials: Option<Credentials>,
        mut ask_code: F,
    ) -> Result<CurrentUser, Error>
    where
        F: FnMut(&CodePrompt) -> Option<(TwoFactorMethod, TwoFactorCode)>,
    {
        let mut login = self.core().start_login(credentials);
        loop {
            match login.next_step()? {
                LoginStep::Send(request) => login.receive(self.execute(request))?,
                LoginStep::AskCode(prompt) => login.answer(ask_code(&prompt))?,
                LoginStep::Done(user) => return Ok(user),
            }
        }
    }

    /// Ends the session on the server and forgets its `auth` cookie (the `twoFactorAuth`
    /// cookie of a remembered device is kept). A session the server had already ended
    /// counts as logged out.
    ///
    /// # Errors
    /// Exchange errors, or an API error other than 401; the cookie is forgotten anyway.
    pub fn logout(&self) -> Result<(), Error> {
        self.send(&Logout)
    }
}
