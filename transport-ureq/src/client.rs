//! The blocking client: one generic `send` for every operation.

use std::fmt;
use std::time::{Duration, Instant};

use http::header::{CONTENT_TYPE, EXPECT};
use http::{HeaderValue, Method, Request, Response};
use ureq::config::AutoHeaderValue;
use ureq::{Agent, SendBody};
use vrchat_invite_core::{Endpoint, ProxyRules, Session, SharedPoliteness, redirect_location};

use crate::builder::ClientBuilder;
use crate::error::Error;
use crate::proxy;
use crate::tls;
use crate::trace;

/// A blocking VRChat client: the [`Session`] plus a ureq agent that keeps connections alive.
///
/// Every operation goes through [`Client::send`]: the core builds the request, this client
/// runs it (no redirects, whole-exchange timeout, body limit) and the core reads the reply.
///
/// ```no_run
/// use vrchat_invite_core::{AuthToken, GetInviteMessages, InviteMessageType, Session, UserAgent, UserId};
/// use vrchat_invite_ureq::Client;
///
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_token(AuthToken::new("authcookie_...")?)
///     .with_user_id(UserId::new("usr_00000000-0000-0000-0000-000000000000")?); // login records both
/// let client = Client::new(session)?;
/// for message in client.send(&GetInviteMessages::mine(InviteMessageType::Message))?.decoded() {
///     println!("{}: {}", message.slot, message.message);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Client {
    session: Session,
    agent: Agent,
    timeout: Duration,
    body_limit: usize,
    politeness: Option<SharedPoliteness>,
    proxy_rules: ProxyRules,
}

impl Client {
    /// A client with the default options (30 s timeout, 1 MiB body limit).
    ///
    /// # Errors
    /// None today; see [`ClientBuilder::build`].
    pub fn new(session: Session) -> Result<Self, Error> {
        Self::builder(session).build()
    }

    /// Options for a client.
    pub fn builder(session: Session) -> ClientBuilder {
        ClientBuilder::new(session)
    }

    pub(crate) fn from_builder(builder: ClientBuilder) -> Self {
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(builder.timeout))
            // Requests carry the session's User-Agent; ureq adds none of its own.
            .user_agent(AutoHeaderValue::None)
            // Proxies are chosen per request by the core's rules (see `proxy.rs`).
            .proxy(None)
            .tls_config(tls::config())
            .build();
        let agent = Agent::new_with_config(config);
        Self {
            session: builder.session,
            agent,
            timeout: builder.timeout,
            body_limit: builder.body_limit,
            politeness: builder.politeness.map(SharedPoliteness::new),
            proxy_rules: builder.proxy_rules,
        }
    }

    /// Sends one operation and returns its typed result.
    ///
    /// # Errors
    /// [`Error::Core`] for bad input, an error reply or an undecodable body; the other
    /// variants for failures of the exchange itself.
    pub fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        let request = self.session.request(endpoint)?;
        let action = endpoint.action();
        let operation = trace::operation_of::<E>();
        if let Some(politeness) = &self.politeness {
            let wait = politeness
                .before_send(Instant::now(), &action)
                .inspect_err(|error| trace::refused(operation, error))?;
            trace::waiting(operation, wait);
            if !wait.is_zero() {
                std::thread::sleep(wait);
            }
        }
        let response = self.traced(operation, request)?;
        if let Some(politeness) = &self.politeness {
            politeness.after_reply(Instant::now(), &action, &response);
        }
        Ok(endpoint.parse(&response)?)
    }

    /// Runs one request as is, with this client's timeout and body limit, and returns the
    /// whole reply whatever its status (every header kept). A 3xx is [`Error::Redirect`].
    ///
    /// # Errors
    /// The exchange's failures; never [`Error::Core`].
    pub fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        self.traced("execute", request)
    }

    /// [`Client::execute`] inside its trace span (feature `tracing`).
    fn traced(
        &self,
        operation: &'static str,
        request: Request<Vec<u8>>,
    ) -> Result<Response<Vec<u8>>, Error> {
        let exchange = trace::Exchange::start(operation, &request);
        let result = exchange.in_scope(|| self.run(request));
        exchange.finish(&result);
        result
    }

    fn run(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        let host = request.uri().host().unwrap_or_default().to_owned();
        let fail = |source| Error::from_ureq(source, &host, self.timeout, self.body_limit);
        let request = proxy::route(&self.agent, &self.proxy_rules, request).map_err(fail)?;
        let (mut parts, body) = request.into_parts();
        if is_upload(&parts.headers) {
            // ureq writes a whole body before it reads anything; asking first lets a server
            // refuse an upload (401, 413, 429) with its status instead of a reset.
            parts
                .headers
                .insert(EXPECT, HeaderValue::from_static("100-continue"));
        }
        let result = if body.is_empty() && !carries_body(&parts.method) {
            self.agent.run(Request::from_parts(parts, SendBody::none()))
        } else {
            self.agent.run(Request::from_parts(parts, body))
        };
        let response = result.map_err(fail)?;
        if response.status().is_redirection() {
            return Err(Error::Redirect {
                status: response.status(),
                location: redirect_location(response.headers()),
            });
        }
        let (parts, mut body) = response.into_parts();
        let limit = u64::try_from(self.body_limit).unwrap_or(u64::MAX);
        let bytes = body
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(fail)?;
        Ok(Response::from_parts(parts, bytes))
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session, to change (after a login, say).
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// Gives the session back, to save it or build another client.
    pub fn into_session(self) -> Session {
        self.session
    }

    /// The time allowed for a whole exchange.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The largest reply body accepted, in bytes.
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }

    /// The proxy rules the client was built with; its [`crate::Watcher`] follows them too.
    pub fn proxy_rules(&self) -> &ProxyRules {
        &self.proxy_rules
    }
}

/// Whether the request uploads a photo (a `multipart/form-data` body).
fn is_upload(headers: &http::HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/"))
}

/// Methods that send `Content-Length: 0` when their body is empty.
fn carries_body(method: &Method) -> bool {
    matches!(*method, Method::POST | Method::PUT | Method::PATCH)
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("session", &self.session)
            .field("timeout", &self.timeout)
            .field("body_limit", &self.body_limit)
            .finish_non_exhaustive()
    }
}
