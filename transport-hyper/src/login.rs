//! Logging in and out: the core's login flow, driven over this client.

use std::future::Future;

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
    /// methods and resolves to the method and code the person chose, or `None` to give up.
    /// A wrong code is forgiven: `ask_code` is asked again within the same login, up to
    /// [`LoginFlow::MAX_CODE_ATTEMPTS`] codes (see [`Client::login_with`] to tell the person
    /// why). Nothing else is retried: a wrong password ends the login with its error. The
    /// session shared by every clone of this client is updated as the flow goes.
    ///
    /// # Errors
    /// [`Error::TwoFactorCancelled`] when `ask_code` gives `None` (after a wrong code, that
    /// code's error instead); [`Error::Core`] with
    /// [`ApiErrorKind::InvalidCredentials`], [`ApiErrorKind::TooManySessions`] or
    /// [`ApiErrorKind::InvalidTwoFactorCode`] when the server refuses; exchange errors.
    ///
    /// ```no_run
    /// use vrchat_invite_core::{Credentials, Session, TwoFactorCode, TwoFactorMethod, UserAgent};
    /// use vrchat_invite_hyper::Client;
    ///
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = Client::new(Session::new(UserAgent::new("MyBot/1.0 me@example.com")?))?;
    /// let user = client
    ///     .login(Some(Credentials::new("me", "password")?), |offered| async move {
    ///         let method = TwoFactorMethod::preferred(&offered)?.clone();
    ///         Some((method, TwoFactorCode::new("123456").ok()?))
    ///     })
    ///     .await?;
    /// println!("logged in as {}", user.display_name);
    /// let saved = serde_json::to_string(&client.session())?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn login<F, Fut>(
        &self,
        credentials: Option<Credentials>,
        mut ask_code: F,
    ) -> Result<CurrentUser, Error>
    where
        F: FnMut(Vec<TwoFactorMethod>) -> Fut,
        Fut: Future<Output = Option<(TwoFactorMethod, TwoFactorCode)>>,
    {
        self.login_with(credentials, |prompt| ask_code(prompt.methods))
            .await
    }

    /// [`Client::login`], with the whole [`CodePrompt`] handed to `ask_code`: the offered
    /// methods, how many codes were refused so far and how many may still be tried.
    ///
    /// # Errors
    /// As [`Client::login`].
    pub async fn login_with<F, Fut>(
        &self,
        credentials: Option<Credentials>,
        mut ask_code: F,
    ) -> Result<CurrentUser, Error>
    where
        F: FnMut(CodePrompt) -> Fut,
        Fut: Future<Output = Option<(TwoFactorMethod, TwoFactorCode)>>,
    {
        let mut flow = LoginFlow::new(credentials);
        let mut rejection = None;
        loop {
            let step = flow.step(&self.session())?;
            match step {
                LoginStep::Send(request) => {
                    let response = self.execute(request).await?;
                    let mut session = self.session();
                    let received = flow.receive(&mut session, &response);
                    self.set_session(session);
                    match received {
                        Ok(()) => {}
                        Err(error) if wrong_code(&error) && flow.code_prompt().is_some() => {
                            rejection = Some(Error::from(error));
                        }
                        Err(error) => return Err(error.into()),
                    }
                }
                LoginStep::NeedTwoFactorCode(_) => {
                    let answer = match flow.code_prompt() {
                        Some(prompt) => ask_code(prompt).await,
                        None => None,
                    };
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
    pub async fn logout(&self) -> Result<(), Error> {
        let request = self.session().request(&Logout)?;
        let result = self.execute(request).await;
        self.update_session(|session| session.set_auth_token(None));
        let response = result?;
        self.update_session(|session| {
            session.apply_set_cookies(response.headers());
            session.set_auth_token(None);
        });
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
