//! The session: where to send requests, as whom, with which credentials.

use std::fmt;

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, COOKIE, USER_AGENT};
use http::{HeaderMap, HeaderValue, Request};

use crate::auth::{AuthCookie, Authentication, CookieChanges, TwoFactorCookie};
use crate::base_url::BaseUrl;
#[cfg(feature = "tracing")]
use crate::client::OperationId;
use crate::endpoint::{Endpoint, RequestBody};
use crate::error::{Error, InputError};
use crate::ids::UserId;
use crate::user_agent::UserAgent;

/// Base URL, User-Agent and credentials; builds complete requests for any [`Endpoint`].
///
/// A session can be saved and restored with serde (the credentials are serialized so that
/// a restart does not cost a new login); `Debug` and `Display` never show them.
///
/// ```
/// use vrchat_invite_core::{Session, UserAgent, UserId};
/// use vrchat_invite_core::auth::AuthCookie;
/// use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_cookie(AuthCookie::new("authcookie_123")?);
/// let endpoint = GetInviteMessages::new(UserId::new("usr_1")?, InviteMessageType::Message);
/// let request = session.request(&endpoint)?;
/// assert_eq!(request.uri(), "https://api.vrchat.cloud/api/1/message/usr_1/message");
/// assert_eq!(request.headers()["cookie"], "auth=authcookie_123");
/// assert!(!format!("{session:?}").contains("authcookie_123"));
/// # Ok::<(), vrchat_invite_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    #[serde(default)]
    base_url: BaseUrl,
    user_agent: UserAgent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    auth: Option<AuthCookie>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    two_factor: Option<TwoFactorCookie>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user_id: Option<UserId>,
}

impl Session {
    /// A session against VRChat's API, with no credentials yet.
    pub fn new(user_agent: UserAgent) -> Self {
        Self {
            base_url: BaseUrl::default(),
            user_agent,
            auth: None,
            two_factor: None,
            user_id: None,
        }
    }

    /// Sends requests to another base URL (a local simulator, a proxy).
    #[must_use]
    pub fn with_base_url(mut self, base_url: BaseUrl) -> Self {
        self.base_url = base_url;
        self
    }

    /// Sets the `auth` cookie.
    #[must_use]
    pub fn with_auth_cookie(mut self, token: AuthCookie) -> Self {
        self.auth = Some(token);
        self
    }

    /// Sets the `twoFactorAuth` cookie of a remembered device.
    #[must_use]
    pub fn with_two_factor_cookie(mut self, token: TwoFactorCookie) -> Self {
        self.two_factor = Some(token);
        self
    }

    /// Records whose session this is.
    #[must_use]
    pub fn with_user_id(mut self, user_id: UserId) -> Self {
        self.user_id = Some(user_id);
        self
    }

    /// The base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The User-Agent.
    pub fn user_agent(&self) -> &UserAgent {
        &self.user_agent
    }

    /// The `auth` cookie, if logged in.
    pub fn auth_cookie(&self) -> Option<&AuthCookie> {
        self.auth.as_ref()
    }

    /// The `twoFactorAuth` cookie, if this device is remembered.
    pub fn two_factor_cookie(&self) -> Option<&TwoFactorCookie> {
        self.two_factor.as_ref()
    }

    /// The logged-in user's ID, when known.
    pub fn user_id(&self) -> Option<&UserId> {
        self.user_id.as_ref()
    }

    /// Replaces or clears the `auth` cookie.
    pub fn set_auth_cookie(&mut self, token: Option<AuthCookie>) {
        self.auth = token;
    }

    /// Replaces or clears the `twoFactorAuth` cookie.
    pub fn set_two_factor_cookie(&mut self, token: Option<TwoFactorCookie>) {
        self.two_factor = token;
    }

    /// Replaces or clears the user ID.
    pub fn set_user_id(&mut self, user_id: Option<UserId>) {
        self.user_id = user_id;
    }

    /// Updates the `auth` and `twoFactorAuth` cookies from a reply's `Set-Cookie` headers
    /// (parsed with the `cookie` crate). An empty value or `Max-Age=0` clears the cookie;
    /// a quoted value is unquoted; a value that could not be sent back (a space, comma or
    /// backslash) never replaces a good token: the stored one is kept and the changes say
    /// so. Other cookies and malformed headers are ignored.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use vrchat_invite_core::{Session, UserAgent};
    /// let mut session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let mut headers = HeaderMap::new();
    /// headers.append("set-cookie", "auth=authcookie_1; Path=/; HttpOnly".parse()?);
    /// headers.append("set-cookie", "age=; Path=/".parse()?);
    /// let changes = session.apply_set_cookies(&headers);
    /// assert!(changes.auth && !changes.two_factor);
    /// assert_eq!(session.auth_cookie().map(|t| t.expose()), Some("authcookie_1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_set_cookies(&mut self, headers: &HeaderMap) -> CookieChanges {
        crate::auth::apply_set_cookies(self, headers)
    }

    /// Builds the complete request for `endpoint`: method, URI, `User-Agent`, `Accept`,
    /// `Cookie` (only `auth` and `twoFactorAuth`, never `apiKey`), `Content-Type` and body.
    ///
    /// The path comes from [`Endpoint::path_for`], so an operation built for the session's
    /// own user (such as [`crate::messages::GetInviteMessages::mine`]) gets [`Session::user_id`].
    ///
    /// What [`Endpoint::authentication`] asks for decides the rest: the `auth` cookie must
    /// be there ([`Authentication::SessionCookie`]), or `Authorization: Basic …` is added
    /// ([`Authentication::Password`]). The session's cookies go along either way.
    ///
    /// With the `tracing` feature, the request carries the operation's
    /// [`Endpoint::OPERATION_ID`] in its extensions, so a client that runs it as a raw
    /// request still traces it by name.
    ///
    /// # Errors
    /// [`InputError::NotLoggedIn`] when the endpoint needs the `auth` cookie and there is
    /// none; [`InputError::MissingUserId`] when it needs the session's user ID and there is
    /// none. Nothing is built then.
    pub fn request<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<Request<Vec<u8>>, Error> {
        let authentication = endpoint.authentication();
        if matches!(authentication, Authentication::SessionCookie) && self.auth.is_none() {
            return Err(InputError::NotLoggedIn.into());
        }
        let path = endpoint.path_for(self)?;
        let uri = self
            .base_url
            .join(&path)
            .map_err(|_| self.assembly_error())?;

        let body = endpoint.body();
        let mut headers = HeaderMap::with_capacity(6);
        headers.insert(USER_AGENT, self.user_agent.header_value());
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(cookie) = self.cookie_header() {
            headers.insert(COOKIE, cookie);
        }
        if let Authentication::Password(credentials) = authentication {
            headers.insert(AUTHORIZATION, credentials.basic_authorization());
        }
        match &body {
            RequestBody::Empty => {}
            RequestBody::Json(_) => {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            RequestBody::Multipart { .. } => {
                let content_type = body.content_type().unwrap_or_default();
                let value =
                    HeaderValue::try_from(content_type).map_err(|_| self.assembly_error())?;
                headers.insert(CONTENT_TYPE, value);
            }
        }
        let mut request = Request::new(body.into_bytes());
        *request.method_mut() = endpoint.method();
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        // Only traces read it, and the first extension costs an allocation per request.
        #[cfg(feature = "tracing")]
        request
            .extensions_mut()
            .insert(OperationId(E::OPERATION_ID));
        Ok(request)
    }

    /// Every part was checked when it was made, so this is unreachable in practice.
    fn assembly_error(&self) -> Error {
        Error::from(InputError::InvalidBaseUrl {
            value: self.base_url.to_string(),
            problem: crate::error::BaseUrlProblem::Unassemblable,
        })
    }

    fn cookie_header(&self) -> Option<HeaderValue> {
        let mut cookie = String::with_capacity(64);
        if let Some(auth) = &self.auth {
            cookie.push_str("auth=");
            cookie.push_str(auth.expose());
        }
        if let Some(two_factor) = &self.two_factor {
            if !cookie.is_empty() {
                cookie.push_str("; ");
            }
            cookie.push_str("twoFactorAuth=");
            cookie.push_str(two_factor.expose());
        }
        if cookie.is_empty() {
            return None;
        }
        let mut value = HeaderValue::try_from(cookie).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |present: bool| if present { Some("<redacted>") } else { None };
        f.debug_struct("Session")
            .field("base_url", &self.base_url.as_str())
            .field("user_agent", &self.user_agent.as_str())
            .field("auth", &redacted(self.auth.is_some()))
            .field("two_factor", &redacted(self.two_factor.is_some()))
            .field("user_id", &self.user_id)
            .finish()
    }
}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "session at {} as {:?}",
            self.base_url,
            self.user_agent.as_str()
        )?;
        match (&self.auth, &self.user_id) {
            (Some(_), Some(user)) => write!(f, ", logged in as {user}")?,
            (Some(_), None) => f.write_str(", logged in")?,
            (None, _) => f.write_str(", not logged in")?,
        }
        if self.two_factor.is_some() {
            f.write_str(", device remembered")?;
        }
        Ok(())
    }
}
