//! The request that opens the pipeline.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::header::{
    CONNECTION, HOST, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_VERSION, UPGRADE, USER_AGENT,
};
use http::{HeaderValue, Request};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{BaseUrlProblem, Error, InputError};
use crate::pipeline::{PipelineBase, PipelineToken};
use crate::session::Session;
use crate::user_agent::UserAgent;

/// Everything but RFC 3986 unreserved characters is encoded in the query value.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How to open the pipeline: its base URL, the User-Agent and the token.
///
/// Built from a logged-in [`Session`] (its `auth` cookie is the token; the User-Agent rule
/// applies here too). `Debug` never shows the token.
///
/// ```
/// use vrchat_invite_core::{Session, UserAgent};
/// use vrchat_invite_core::auth::AuthCookie;
/// use vrchat_invite_core::pipeline::PipelineConnect;
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_cookie(AuthCookie::new("authcookie_1+2")?);
/// let connect = PipelineConnect::new(&session)?;
/// let request = connect.request([7; 16])?;
/// assert_eq!(request.uri(), "wss://pipeline.vrchat.cloud/?authToken=authcookie_1%2B2");
/// assert_eq!(request.headers()["user-agent"], "MyBot/1.0 me@example.com");
/// assert_eq!(request.headers()["upgrade"], "websocket");
/// assert!(!format!("{connect:?}").contains("authcookie"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct PipelineConnect {
    base: PipelineBase,
    user_agent: UserAgent,
    token: PipelineToken,
}

impl PipelineConnect {
    /// Opens the pipeline beside the session's API as its user: VRChat's for VRChat's API,
    /// the simulator's `ws(s)://host/pipeline` for any other (see [`PipelineBase::for_api`]).
    ///
    /// # Errors
    /// [`InputError::NotLoggedIn`] when the session has no `auth` cookie.
    pub fn new(session: &Session) -> Result<Self, Error> {
        let token = session.auth_cookie().ok_or(InputError::NotLoggedIn)?;
        Ok(Self {
            base: PipelineBase::for_api(session.base_url()),
            user_agent: session.user_agent().clone(),
            token: PipelineToken::from(token),
        })
    }

    /// Connects to another base URL (a local simulator).
    #[must_use]
    pub fn with_base(mut self, base: PipelineBase) -> Self {
        self.base = base;
        self
    }

    /// The base URL.
    pub fn base(&self) -> &PipelineBase {
        &self.base
    }

    /// The token.
    pub fn token(&self) -> &PipelineToken {
        &self.token
    }

    /// The complete websocket handshake request: `GET` of the connect URL (which carries the
    /// token: never log it) with `Host`, `Connection`, `Upgrade`, `Sec-WebSocket-Version`,
    /// `Sec-WebSocket-Key` (from `key`, 16 random bytes the caller supplies) and
    /// `User-Agent`.
    ///
    /// # Errors
    /// [`InputError::InvalidBaseUrl`] in the unlikely case the URL cannot be assembled.
    pub fn request(&self, key: [u8; 16]) -> Result<Request<()>, Error> {
        let invalid = || {
            Error::from(InputError::InvalidBaseUrl {
                value: self.base.to_string(),
                problem: BaseUrlProblem::Unassemblable,
            })
        };
        let mut uri = String::with_capacity(self.base.as_str().len() + 64);
        uri.push_str(self.base.as_str());
        uri.push_str("/?authToken=");
        uri.extend(utf8_percent_encode(self.token.expose(), QUERY_VALUE));
        let uri = http::Uri::try_from(uri).map_err(|_| invalid())?;
        let host = uri
            .authority()
            .map(|a| a.as_str().to_owned())
            .unwrap_or_default();
        let mut request = Request::new(());
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        headers.insert(HOST, HeaderValue::try_from(host).map_err(|_| invalid())?);
        headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
        headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
        headers.insert(SEC_WEBSOCKET_VERSION, HeaderValue::from_static("13"));
        let key = HeaderValue::try_from(STANDARD.encode(key)).map_err(|_| invalid())?;
        headers.insert(SEC_WEBSOCKET_KEY, key);
        let agent = HeaderValue::from_str(self.user_agent.as_str()).map_err(|_| invalid())?;
        headers.insert(USER_AGENT, agent);
        Ok(request)
    }
}

impl fmt::Debug for PipelineConnect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PipelineConnect")
            .field("base", &self.base.as_str())
            .field("user_agent", &self.user_agent.as_str())
            .field("token", &self.token)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::AuthCookie;

    fn session(token: &str) -> Session {
        Session::new(UserAgent::new("Test/1.0 t@example.com").expect("agent"))
            .with_auth_cookie(AuthCookie::new(token).expect("token"))
    }

    #[test]
    fn builds_the_handshake_against_any_base() {
        let base = PipelineBase::new("ws://127.0.0.1:9/pipeline").expect("base");
        let connect = PipelineConnect::new(&session("a&b=c%d"))
            .expect("connect")
            .with_base(base);
        let request = connect.request([0; 16]).expect("request");
        assert_eq!(request.method(), http::Method::GET);
        assert_eq!(
            request.uri(),
            "ws://127.0.0.1:9/pipeline/?authToken=a%26b%3Dc%25d"
        );
        let headers = request.headers();
        assert_eq!(headers["host"], "127.0.0.1:9");
        assert_eq!(headers["connection"], "Upgrade");
        assert_eq!(headers["sec-websocket-version"], "13");
        assert_eq!(headers["sec-websocket-key"], "AAAAAAAAAAAAAAAAAAAAAA==");
        assert_eq!(headers["user-agent"], "Test/1.0 t@example.com");
    }

    #[test]
    fn the_pipeline_beside_a_local_api_is_found_without_being_told() {
        let base = crate::base_url::BaseUrl::new("http://127.0.0.1:8080/api/1").expect("base");
        let connect = PipelineConnect::new(&session("t").with_base_url(base)).expect("connect");
        assert_eq!(connect.base().as_str(), "ws://127.0.0.1:8080/pipeline");
        let vrchat = PipelineConnect::new(&session("t")).expect("connect");
        assert_eq!(vrchat.base().as_str(), "wss://pipeline.vrchat.cloud");
    }

    #[test]
    fn needs_a_token_and_never_shows_it() {
        let anonymous = Session::new(UserAgent::new("Test/1.0 t@example.com").expect("agent"));
        assert!(matches!(
            PipelineConnect::new(&anonymous),
            Err(Error::Input(InputError::NotLoggedIn))
        ));
        let connect = PipelineConnect::new(&session("authcookie_secret")).expect("connect");
        assert!(!format!("{connect:?}").contains("secret"));
        assert!(!format!("{} {:?}", connect.token(), connect.token()).contains("secret"));
    }

    proptest::proptest! {
        #[test]
        fn any_cookie_value_stays_inside_the_query_value(token in "[!#-+\\--:<-\\[\\]-~]{1,40}") {
            let connect = PipelineConnect::new(&session(&token)).expect("connect");
            let request = connect.request([1; 16]).expect("request");
            let query = request.uri().query().expect("query");
            let value = query.strip_prefix("authToken=").expect("one parameter");
            proptest::prop_assert!(!value.contains(['&', '=', '#', '+']));
            let decoded = percent_encoding::percent_decode_str(value).decode_utf8().expect("utf8");
            proptest::prop_assert_eq!(decoded, token);
        }
    }
}
