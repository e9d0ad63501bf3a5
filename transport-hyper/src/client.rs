//! The async client: hyper moving the bytes of the core's exchanges.

use std::fmt;
use std::time::Instant;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use rustls::ClientConfig;
use vrchat_invite_core::transport::{
    BoxError, BuildClient, ClientBuilder, ClientCore, ClientOptions, ExchangeTrace,
    redirect_location, rustls_client_config,
};
use vrchat_invite_core::{Endpoint, Session};

use crate::failure::kind_of;
use crate::proxy_connector::ProxyConnector;
use crate::random;
use vrchat_invite_core::Error;

type Connector = HttpsConnector<ProxyConnector>;

/// An async VRChat client: a [`ClientCore`] (the session, options and politeness every
/// clone shares) plus a hyper connection pool.
///
/// `Clone` is cheap (clones share the pool and the session), and the client is `Send` and `Sync`:
/// drive as many requests at once as you like. Every operation goes through [`Client::send`]: the
/// core builds the request, this client runs it (no redirects, whole-exchange timeout, body limit)
/// and the core reads the reply. The shared session and the options are on the client; the kit
/// under it is [`Client::core`]. Requests need a tokio runtime with timers enabled.
///
/// Use a client (and its clones) within one runtime: a pooled connection is driven by a
/// task on the runtime that opened it, so a request sent from another runtime that is not
/// running at the time waits on it until the timeout.
///
/// ```no_run
/// use vrchat_invite_hyper::{Client, Session, UserAgent, UserId};
/// use vrchat_invite_hyper::auth::AuthCookie;
/// use vrchat_invite_hyper::messages::{GetInviteMessages, InviteMessageType};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_cookie(AuthCookie::new("authcookie_...")?)
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
    core: ClientCore,
    http: HttpClient<Connector, Full<Bytes>>,
}

impl BuildClient for Client {
    /// Needs no runtime; requests need a tokio runtime with timers.
    fn build_client(session: Session, options: ClientOptions) -> Result<Self, Error> {
        let core = ClientCore::new(session, options, random::random_u64(), |name| {
            std::env::var(name).ok()
        });
        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        let connector = HttpsConnectorBuilder::new()
            .with_tls_config(ClientConfig::clone(&*rustls_client_config().map_err(
                |source| Error::Tls {
                    source: Box::new(source),
                },
            )?))
            .https_or_http()
            .enable_http1()
            .wrap_connector(ProxyConnector::new(core.proxy_rules().clone(), tcp));
        let http = HttpClient::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);
        Ok(Self { core, http })
    }
}

impl Client {
    /// A client with the default options (30 s timeout, 1 MiB body limit, proxies from the
    /// environment, politeness off).
    ///
    /// # Errors
    /// [`Error::Tls`] if rustls cannot be set up with the `ring` provider.
    pub fn new(session: Session) -> Result<Self, Error> {
        Self::builder(session).build()
    }

    /// Options for a client. Building needs no runtime.
    ///
    /// ```
    /// use std::time::Duration;
    /// use vrchat_invite_hyper::{Client, Session, UserAgent};
    ///
    /// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let client = Client::builder(session)
    ///     .timeout(Duration::from_secs(10))
    ///     .body_limit(256 * 1024)
    ///     .build()?;
    /// assert_eq!(client.options().timeout(), Duration::from_secs(10));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(session: Session) -> ClientBuilder<Self> {
        ClientBuilder::new(session)
    }

    /// Sends one operation and returns its typed result. The throttle's wait, when
    /// politeness is on, is slept on the calling task.
    ///
    /// # Errors
    /// [`Error::Input`], [`Error::Refused`], [`Error::Api`] or [`Error::Decode`] for bad
    /// input, a refusal, an error reply or an undecodable body; the other variants for
    /// failures of the exchange itself.
    pub async fn send<E: Endpoint + Sync>(&self, endpoint: &E) -> Result<E::Output, Error> {
        let (outgoing, pending) = self.core.prepare(endpoint, Instant::now())?;
        if !outgoing.wait.is_zero() {
            tokio::time::sleep(outgoing.wait).await;
        }
        let reply = self.execute(outgoing.request).await;
        pending.finish(reply, Instant::now())
    }

    /// Runs one request as is, with this client's timeout and body limit, and returns the
    /// whole reply whatever its status (every header kept). A 3xx is [`Error::Redirect`].
    ///
    /// # Errors
    /// The exchange's failures only (never an API error: the reply is returned whatever its
    /// status).
    pub async fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        let trace = ExchangeTrace::start(&request, Instant::now());
        let result = trace.instrument(self.run(request)).await;
        trace.finish(&result, Instant::now());
        result
    }

    async fn run(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        let host = request.uri().host().unwrap_or_default().to_owned();
        let request = request.map(|body| Full::new(Bytes::from(body)));
        let timeout = self.core.options().timeout();
        match tokio::time::timeout(timeout, self.exchange(request, &host)).await {
            Ok(result) => result,
            Err(elapsed) => Err(Error::Timeout {
                timeout,
                source: Box::new(elapsed),
            }),
        }
    }

    async fn exchange(
        &self,
        request: Request<Full<Bytes>>,
        host: &str,
    ) -> Result<Response<Vec<u8>>, Error> {
        let options = self.core.options();
        let limit = options.body_limit();
        let fail = |source: BoxError| {
            Error::from_failure(kind_of(&source), source, host, options.timeout(), limit)
        };
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
        if declared.is_some_and(|length| length > limit as u64) {
            return Err(Error::BodyTooLarge { limit });
        }
        let (parts, mut body) = response.into_parts();
        // One buffer, copied into as frames arrive: keeping hyper's frames instead would
        // keep each frame's whole read buffer alive (dozens of times the limit for a reply
        // sent in 1-byte chunks).
        let expected = declared.and_then(|length| usize::try_from(length).ok());
        let mut bytes = Vec::with_capacity(expected.unwrap_or(0).min(limit));
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|error| fail(error.into()))?;
            if let Ok(data) = frame.into_data() {
                if data.len() > limit.saturating_sub(bytes.len()) {
                    return Err(Error::BodyTooLarge { limit });
                }
                bytes.extend_from_slice(&data);
            }
        }
        Ok(Response::from_parts(parts, bytes))
    }
}

impl Client {
    vrchat_invite_core::client_accessors!();
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("core", &self.core)
            .finish_non_exhaustive()
    }
}
