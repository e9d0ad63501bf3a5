//! The async client: one generic `send` for every operation.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use vrchat_invite_core::{Endpoint, ProxyRules, Session, SharedPoliteness, redirect_location};

use crate::builder::ClientBuilder;
use crate::error::Error;
use crate::proxy::ProxyConnector;
use crate::tls;
use crate::trace;

type Connector = HttpsConnector<ProxyConnector>;

/// An async VRChat client: a shared [`Session`] plus a hyper connection pool.
///
/// `Clone` is cheap (clones share the pool and the session), and the client is `Send` and
/// `Sync`: drive as many requests at once as you like. Every operation goes through
/// [`Client::send`]: the core builds the request, this client runs it (no redirects,
/// whole-exchange timeout, body limit) and the core reads the reply. Requests need a tokio
/// runtime with timers enabled.
///
/// Use a client (and its clones) within one runtime: a pooled connection is driven by a
/// task on the runtime that opened it, so a request sent from another runtime that is not
/// running at the time waits on it until the timeout.
///
/// ```no_run
/// use vrchat_invite_core::{AuthToken, GetInviteMessages, InviteMessageType, Session, UserAgent, UserId};
/// use vrchat_invite_hyper::Client;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_token(AuthToken::new("authcookie_...")?)
///     .with_user_id(UserId::new("usr_00000000-0000-0000-0000-000000000000")?); // login records both
/// let client = Client::new(session)?;
/// for message in client.send(&GetInviteMessages::mine(InviteMessageType::Message)).await?.decoded() {
///     println!("{}: {}", message.slot, message.message);
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    http: HttpClient<Connector, Full<Bytes>>,
    session: Arc<RwLock<Session>>,
    timeout: Duration,
    body_limit: usize,
    politeness: Option<Arc<SharedPoliteness>>,
    proxy_rules: Arc<ProxyRules>,
}

impl Client {
    /// A client with the default options (30 s timeout, 1 MiB body limit).
    ///
    /// # Errors
    /// See [`ClientBuilder::build`].
    pub fn new(session: Session) -> Result<Self, Error> {
        Self::builder(session).build()
    }

    /// Options for a client.
    pub fn builder(session: Session) -> ClientBuilder {
        ClientBuilder::new(session)
    }

    pub(crate) fn from_builder(builder: ClientBuilder) -> Result<Self, Error> {
        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        let connector = tls::roots(HttpsConnectorBuilder::new())?
            .https_or_http()
            .enable_http1()
            .wrap_connector(ProxyConnector::new(builder.proxy_rules.clone(), tcp));
        let http = HttpClient::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);
        Ok(Self {
            http,
            session: Arc::new(RwLock::new(builder.session)),
            timeout: builder.timeout,
            body_limit: builder.body_limit,
            politeness: builder
                .politeness
                .map(|politeness| Arc::new(SharedPoliteness::new(politeness))),
            proxy_rules: Arc::new(builder.proxy_rules),
        })
    }

    /// Sends one operation and returns its typed result.
    ///
    /// # Errors
    /// [`Error::Core`] for bad input, an error reply or an undecodable body; the other
    /// variants for failures of the exchange itself.
    pub async fn send<E: Endpoint + Sync>(&self, endpoint: &E) -> Result<E::Output, Error> {
        let request = self.read_session().request(endpoint)?;
        let action = endpoint.action();
        let operation = trace::operation_of::<E>();
        if let Some(politeness) = &self.politeness {
            let wait = politeness
                .before_send(Instant::now(), &action)
                .inspect_err(|error| trace::refused(operation, error))?;
            trace::waiting(operation, wait);
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
        }
        let response = self.traced(operation, request).await?;
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
    pub async fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        self.traced("execute", request).await
    }

    /// [`Client::execute`] inside its trace span (feature `tracing`).
    async fn traced(
        &self,
        operation: &'static str,
        request: Request<Vec<u8>>,
    ) -> Result<Response<Vec<u8>>, Error> {
        let exchange = trace::Exchange::start(operation, &request);
        let result = exchange.in_scope(self.run(request)).await;
        exchange.finish(&result);
        result
    }

    async fn run(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        let host = request.uri().host().unwrap_or_default().to_owned();
        let request = request.map(|body| Full::new(Bytes::from(body)));
        match tokio::time::timeout(self.timeout, self.exchange(request, &host)).await {
            Ok(result) => result,
            Err(elapsed) => Err(Error::Timeout {
                timeout: self.timeout,
                source: Box::new(elapsed),
            }),
        }
    }

    async fn exchange(
        &self,
        request: Request<Full<Bytes>>,
        host: &str,
    ) -> Result<Response<Vec<u8>>, Error> {
        let fail = |source| Error::from_exchange(source, host);
        let response = self
            .http
            .request(request)
            .await
            .map_err(|error| fail(error.into()))?;
        if response.status().is_redirection() {
            return Err(Error::Redirect {
                status: response.status(),
                location: redirect_location(response.headers()),
            });
        }
        let declared = response
            .headers()
            .get(http::header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if declared.is_some_and(|length| length > self.body_limit as u64) {
            return Err(Error::BodyTooLarge {
                limit: self.body_limit,
            });
        }
        let (parts, mut body) = response.into_parts();
        // One buffer, copied into as frames arrive: keeping hyper's frames instead would
        // keep each frame's whole read buffer alive (dozens of times the limit for a reply
        // sent in 1-byte chunks).
        let expected = declared.and_then(|length| usize::try_from(length).ok());
        let mut bytes = Vec::with_capacity(expected.unwrap_or(0).min(self.body_limit));
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|error| fail(error.into()))?;
            if let Ok(data) = frame.into_data() {
                if data.len() > self.body_limit.saturating_sub(bytes.len()) {
                    return Err(Error::BodyTooLarge {
                        limit: self.body_limit,
                    });
                }
                bytes.extend_from_slice(&data);
            }
        }
        Ok(Response::from_parts(parts, bytes))
    }

    /// A copy of the current session (to save it, say).
    pub fn session(&self) -> Session {
        self.read_session().clone()
    }

    /// Replaces the session for every clone of this client.
    pub fn set_session(&self, session: Session) {
        *self.session.write().unwrap_or_else(PoisonError::into_inner) = session;
    }

    /// Changes the session in place for every clone of this client.
    ///
    /// ```
    /// # use vrchat_invite_core::{AuthToken, Session, UserAgent};
    /// # let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let client = vrchat_invite_hyper::Client::new(session)?;
    /// let token = AuthToken::new("authcookie_1")?;
    /// client.update_session(|session| session.set_auth_token(Some(token)));
    /// assert!(client.session().auth_token().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn update_session(&self, change: impl FnOnce(&mut Session)) {
        change(&mut self.session.write().unwrap_or_else(PoisonError::into_inner));
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

    fn read_session(&self) -> RwLockReadGuard<'_, Session> {
        self.session.read().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("session", &*self.read_session())
            .field("timeout", &self.timeout)
            .field("body_limit", &self.body_limit)
            .finish_non_exhaustive()
    }
}
