//! The login flow as a state machine: it says what to send, the caller sends it.

use std::fmt;

use http::{HeaderMap, Request, StatusCode};

use super::{
    Credentials, CurrentUser, GetCurrentUser, LoginReply, TwoFactorCode, TwoFactorMethod,
    VerifyAuthToken, VerifyTwoFactor,
};
use crate::decode::parse_response;
use crate::error::{ApiError, ApiErrorKind, Error, InputError};
use crate::session::Session;

/// How many wrong two-factor codes one login takes before it gives up.
const MAX_CODE_ATTEMPTS: u8 = 3;

/// The most requests one login may take (token check, user, password login, one
/// verification per code attempt, user); a server that keeps the flow going past it is
/// answered with [`Error::Unexpected`].
const MAX_REQUESTS: u8 = 5 + MAX_CODE_ATTEMPTS;

/// What the caller of a login does next: [`LoginFlow::step`] says it, and so does
/// [`crate::transport::LoginDriver::next_step`] for a client's login.
///
/// Every driver handles all three, so the list is complete (a new kind of step would have
/// to reach every driver).
///
/// `Debug` shows a request's method, URI and body length, never its body (a two-factor
/// verification carries the code there) nor a secret header (those are marked sensitive).
pub enum LoginStep {
    /// Send this request and hand the reply back ([`LoginFlow::receive`],
    /// [`crate::transport::LoginDriver::receive`]).
    Send(Request<Vec<u8>>),
    /// Ask the person for a code by one of the offered methods, then hand it in
    /// ([`LoginFlow::submit_code`], [`crate::transport::LoginDriver::answer`]).
    AskCode(CodePrompt),
    /// Logged in; the session holds the cookies and the user ID.
    Done(CurrentUser),
}

impl fmt::Debug for LoginStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Send(request) => f
                .debug_struct("Send")
                .field("method", request.method())
                .field("uri", request.uri())
                .field("headers", request.headers())
                .field("body_len", &request.body().len())
                .finish(),
            Self::AskCode(prompt) => f.debug_tuple("AskCode").field(prompt).finish(),
            Self::Done(user) => f.debug_tuple("Done").field(user).finish(),
        }
    }
}

/// What the flow will do at the next [`LoginFlow::step`].
#[derive(Debug)]
enum Next {
    Start,
    FetchUser,
    PasswordLogin,
    AskCode,
    Verify(VerifyTwoFactor),
    Done(CurrentUser),
    /// Too many wrong codes: the login is over.
    GaveUp,
}

/// Which reply the flow waits for.
#[derive(Debug)]
enum Waiting {
    TokenCheck,
    User,
    Login,
    Verification,
}

/// Drives a login without doing any I/O, reusing a saved session when it is still valid.
///
/// 1. With an `auth` cookie, `GET /auth` checks it; if valid, `GET /auth/user` fetches the
///    user and no new session is made (VRChat limits how many sessions an account has).
///    A half-logged session (password accepted, code never verified: 401
///    [`crate::ApiErrorKind::TwoFactorRequired`]) is resumed the same way: `GET /auth/user`
///    names the methods, and the flow goes on at step 3 with that cookie, without a password
///    login (and so without credentials, if none were given).
/// 2. Otherwise `GET /auth/user` with `Authorization: Basic …` logs in, sending a stored
///    `twoFactorAuth` cookie so a remembered device skips 2FA.
/// 3. When a second factor is required, the flow asks for a code, verifies it, and
///    fetches the user.
///
/// Every reply's `Set-Cookie` headers update the session. The flow never retries on its
/// own: a refused step returns its error. A wrong code returns
/// [`crate::ApiErrorKind::InvalidTwoFactorCode`] and leaves the flow asking for another
/// code, within the same login (no new password login, which would open another session
/// against VRChat's per-account limit), up to [`LoginFlow::MAX_CODE_ATTEMPTS`] codes in
/// all; [`LoginFlow::code_prompt`] says how many are left.
///
/// ```
/// use vrchat_invite_core::{Session, UserAgent};
/// use vrchat_invite_core::auth::{Credentials, LoginFlow, LoginStep};
/// let mut session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
/// let mut flow = LoginFlow::new(Some(Credentials::new("alice", "secret")?));
/// let LoginStep::Send(request) = flow.step(&session)? else { unreachable!() };
/// assert_eq!(request.uri().path(), "/api/1/auth/user");
/// let reply = http::Response::builder()
///     .header("set-cookie", "auth=authcookie_1; Path=/")
///     .body(br#"{"requiresTwoFactorAuth":["totp","otp"]}"#.to_vec())?;
/// flow.receive(&mut session, &reply)?;
/// let LoginStep::AskCode(prompt) = flow.step(&session)? else { unreachable!() };
/// assert_eq!(prompt.methods.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct LoginFlow {
    credentials: Option<Credentials>,
    next: Next,
    waiting: Option<Waiting>,
    methods: Vec<TwoFactorMethod>,
    requests: u8,
    rejected_codes: u8,
    verified: bool,
}

/// What the person is asked for when a second factor is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodePrompt {
    /// The methods the server offers.
    pub methods: Vec<TwoFactorMethod>,
    /// How many codes of this login were already refused.
    pub rejected: u8,
    /// How many codes may still be tried, this one included.
    pub attempts_left: u8,
}

impl LoginFlow {
    /// How many two-factor codes one login tries before giving up.
    pub const MAX_CODE_ATTEMPTS: u8 = MAX_CODE_ATTEMPTS;

    /// A flow that reuses the session's cookie when valid and otherwise logs in with
    /// `credentials` (`None` only reuses a saved session).
    pub fn new(credentials: Option<Credentials>) -> Self {
        Self {
            credentials,
            next: Next::Start,
            waiting: None,
            methods: Vec::new(),
            requests: 0,
            rejected_codes: 0,
            verified: false,
        }
    }

    /// What to do next.
    ///
    /// # Errors
    /// [`InputError::MissingCredentials`] when there is neither a session nor credentials;
    /// [`Error::Unexpected`] when a reply is still awaited or the flow went on too long.
    pub fn step(&mut self, session: &Session) -> Result<LoginStep, Error> {
        if self.waiting.is_some() {
            return Err(Error::Unexpected {
                reason: "the login flow is waiting for a reply",
            });
        }
        let (request, waiting) = match &self.next {
            Next::Start if session.auth_cookie().is_some() => {
                (session.request(&VerifyAuthToken)?, Waiting::TokenCheck)
            }
            Next::Start | Next::PasswordLogin => {
                let credentials = self
                    .credentials
                    .clone()
                    .ok_or(InputError::MissingCredentials)?;
                let mut fresh = session.clone();
                fresh.set_auth_cookie(None);
                let login = GetCurrentUser::with_credentials(credentials);
                (fresh.request(&login)?, Waiting::Login)
            }
            Next::FetchUser => (
                session.request(&GetCurrentUser::with_session())?,
                Waiting::User,
            ),
            Next::Verify(verify) => (session.request(verify)?, Waiting::Verification),
            Next::AskCode => return Ok(LoginStep::AskCode(self.prompt())),
            Next::Done(user) => return Ok(LoginStep::Done(user.clone())),
            Next::GaveUp => {
                return Err(Error::Unexpected {
                    reason: "too many wrong two-factor codes; start a new login",
                });
            }
        };
        self.requests += 1;
        if self.requests > MAX_REQUESTS {
            return Err(Error::Unexpected {
                reason: "the login took more requests than it ever should",
            });
        }
        self.waiting = Some(waiting);
        Ok(LoginStep::Send(request))
    }

    /// What to ask the person for, while the flow waits for a two-factor code.
    pub fn code_prompt(&self) -> Option<CodePrompt> {
        (matches!(self.next, Next::AskCode) && self.waiting.is_none()).then(|| self.prompt())
    }

    fn prompt(&self) -> CodePrompt {
        CodePrompt {
            methods: self.methods.clone(),
            rejected: self.rejected_codes,
            attempts_left: MAX_CODE_ATTEMPTS.saturating_sub(self.rejected_codes),
        }
    }

    /// Gives the code the person entered; the next [`LoginFlow::step`] sends it.
    ///
    /// # Errors
    /// [`Error::Unexpected`] when no code was asked for;
    /// [`InputError::UnsupportedTwoFactorMethod`] for a method this crate cannot verify.
    pub fn submit_code(
        &mut self,
        method: TwoFactorMethod,
        code: TwoFactorCode,
    ) -> Result<(), Error> {
        if !matches!(self.next, Next::AskCode) || self.waiting.is_some() {
            return Err(Error::Unexpected {
                reason: "no two-factor code was asked for",
            });
        }
        self.next = Next::Verify(VerifyTwoFactor::new(method, code)?);
        Ok(())
    }

    /// Hands over the reply to the request last sent; its cookies update `session`.
    ///
    /// # Errors
    /// The API error of a refused step (invalid credentials, too many sessions, invalid
    /// two-factor code, ...), or [`Error::Unexpected`] for a reply that leads nowhere.
    pub fn receive<B: AsRef<[u8]>>(
        &mut self,
        session: &mut Session,
        response: &http::Response<B>,
    ) -> Result<(), Error> {
        self.receive_parts(
            session,
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }

    /// [`LoginFlow::receive`] for a reply in parts.
    ///
    /// # Errors
    /// As [`LoginFlow::receive`].
    pub fn receive_parts(
        &mut self,
        session: &mut Session,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), Error> {
        let waiting = self.waiting.take().ok_or(Error::Unexpected {
            reason: "no request of the login flow is waiting for a reply",
        })?;
        session.apply_set_cookies(headers);
        match waiting {
            Waiting::TokenCheck => match parse_response(&VerifyAuthToken, status, headers, body) {
                Ok(true) => self.next = Next::FetchUser,
                // A half-logged session: its user reply names the methods to resume with.
                Err(Error::Api(error)) if error.kind() == &ApiErrorKind::TwoFactorRequired => {
                    self.next = Next::FetchUser;
                }
                Ok(false) | Err(Error::Api(_)) => self.session_expired(session)?,
                Err(error) => return Err(error),
            },
            Waiting::User => {
                match parse_response(&GetCurrentUser::with_session(), status, headers, body) {
                    Ok(reply) => self.accept(session, reply)?,
                    Err(Error::Api(error)) if error.kind() == &ApiErrorKind::Unauthorized => {
                        self.session_expired(session)?;
                    }
                    Err(error) => return Err(error),
                }
            }
            Waiting::Login => {
                let credentials = self
                    .credentials
                    .clone()
                    .ok_or(InputError::MissingCredentials)?;
                let login = GetCurrentUser::with_credentials(credentials);
                let reply = parse_response(&login, status, headers, body)?;
                self.accept(session, reply)?;
            }
            Waiting::Verification => {
                let Next::Verify(verify) = &self.next else {
                    return Err(Error::Unexpected {
                        reason: "a verification reply arrived without a verification",
                    });
                };
                let result = parse_response(verify, status, headers, body);
                if let Ok(true) = result {
                    self.verified = true;
                    self.next = Next::FetchUser;
                } else {
                    self.rejected_codes = self.rejected_codes.saturating_add(1);
                    self.next = if self.rejected_codes < MAX_CODE_ATTEMPTS {
                        Next::AskCode
                    } else {
                        Next::GaveUp
                    };
                    return Err(result.err().unwrap_or_else(|| {
                        let error = ApiError::from_parts(status, headers, body);
                        Error::from(error.with_kind(ApiErrorKind::InvalidTwoFactorCode))
                    }));
                }
            }
        }
        Ok(())
    }

    /// The saved cookie is no longer valid: log in with the password, or give up.
    fn session_expired(&mut self, session: &mut Session) -> Result<(), Error> {
        session.set_auth_cookie(None);
        if self.credentials.is_none() {
            return Err(InputError::MissingCredentials.into());
        }
        self.next = Next::PasswordLogin;
        Ok(())
    }

    fn accept(&mut self, session: &mut Session, reply: LoginReply) -> Result<(), Error> {
        match reply {
            LoginReply::LoggedIn(user) => {
                session.set_user_id(Some(user.id.clone()));
                self.next = Next::Done(user);
            }
            LoginReply::TwoFactorRequired(_) if self.verified => {
                return Err(Error::Unexpected {
                    reason: "the server asked for a second factor again after accepting one",
                });
            }
            LoginReply::TwoFactorRequired(methods) => {
                self.methods = methods;
                self.next = Next::AskCode;
            }
        }
        Ok(())
    }
}
