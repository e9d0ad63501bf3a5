//! Logging in and out: the core's login flow, driven over this client.

use std::future::Future;

use vrchat_invite_core::{
    ApiErrorKind, Credentials, CurrentUser, Endpoint, LoginFlow, LoginStep, Logout, TwoFactorCode,
    TwoFactorMethod,
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
    /// Nothing is retried: a wrong password or code ends the login with its error. The
    /// session shared by every clone of this client is updated as the flow goes.
    ///
    /// # Errors
    /// [`Error::TwoFactorCancelled`] when `ask_code` gives `None`; [`Error::Core`] with
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
        let mut flow = LoginFlow::new(credentials);
        loop {
            let step = flow.step(&self.session())?;
            match step {
                LoginStep::Send(request) => {
                    let response = self.execute(request).await?;
                    let mut session = self.session();
                    let received = flow.receive(&mut session, &response);
                    self.set_session(session);
                    received?;
                }
                LoginStep::NeedTwoFactorCode(methods) => {
                    let (method, code) =
                        ask_code(methods).await.ok_or(Error::TwoFactorCancelled)?;
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
