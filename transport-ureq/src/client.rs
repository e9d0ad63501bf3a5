//! The blocking client: ureq moving the bytes of the core's exchanges.

use std::fmt;
use std::time::Instant;

use http::header::{CONTENT_TYPE, EXPECT};
use http::{HeaderValue, Method, Request, Response};
use ureq::config::AutoHeaderValue;
use ureq::unversioned::transport::DefaultConnector;
use ureq::{Agent, SendBody};
use vrchat_invite_core::transport::{
    BuildClient, ClientBuilder, ClientCore, ClientOptions, ExchangeTrace, redirect_location,
};
use vrchat_invite_core::{Endpoint, Session};

use crate::failure::failure;
use crate::resolver::CachingResolver;
use crate::{proxy_route, random, tls};
use vrchat_invite_core::Error;

/// A blocking VRChat client: a [`ClientCore`] (the session, options and politeness every
/// clone shares) plus a ureq agent that keeps connections alive.
///
/// `Clone` is cheap (clones share the connections and the session), and the client is
/// `Send` and `Sync`: use it from as many threads as you like. Every operation goes through
/// [`Client::send`]: the core builds the request, this client runs it (no redirects,
/// whole-exchange timeout, body limit) and the core reads the reply. The shared session
/// and the options are on the client; the kit under it is [`Client::core`].
///
/// ```no_run
/// use vrchat_invite_ureq::{Session, UserAgent, UserId};
/// use vrchat_invite_ureq::auth::AuthCookie;
/// use vrchat_invite_ureq::messages::{GetInviteMessages, InviteMessageType};
/// use vrchat_invite_ureq::Client;
///
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_cookie(AuthCookie::new("authcookie_...")?)
///     .with_user_id(UserId::new("usr_00000000-0000-0000-0000-000000000000")?); // login records both
/// let client = Client::new(session)?;
/// for message in client.send(&GetInviteMessages::mine(InviteMessageType::Message))?.decoded() {
///     println!("{}: {}", message.slot, message.message);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Client {
    core: ClientCore,
    agent: Agent,
    /// The agent's resolver, shared with it: a failed exchange forgets what it knows.
    resolver: CachingResolver,
}

impl BuildClient for Client {
    fn build_client(session: Session, options: ClientOptions) -> Result<Self, Error> {
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(options.timeout()))
            // Requests carry the session's User-Agent; ureq adds none of its own.
            .user_agent(AutoHeaderValue::None)
            // Proxies are chosen per request by the core's rules (see `proxy.rs`).
            .proxy(None)
            .tls_config(tls::config())
            .build();
        let core = ClientCore::new(session, options, random::random_u64(), |name| {
            std::env::var(name).ok()
        });
        // A host is looked up once a minute, not before every request (see `resolver.rs`).
        let resolver = CachingResolver::default();
        Ok(Self {
            core,
            agent: Agent::with_parts(config, DefaultConnector::new(), resolver.clone()),
            resolver,
        })
    }
}

impl Client {
    /// A client with the default options (30 s timeout, 1 MiB body limit, proxies from the
    /// environment, politeness off).
    ///
    /// # Errors
    /// None today; see [`ClientBuilder::build`].
    pub fn new(session: Session) -> Result<Self, Error> {
        Self::builder(session).build()
    }

    /// Options for a client.
    ///
    /// ```
    /// use std::time::Duration;
    /// use vrchat_invite_ureq::{Client, Session, UserAgent};
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
    /// politeness is on, is slept on the calling thread.
    ///
    /// # Errors
    /// [`Error::Input`], [`Error::Refused`], [`Error::Api`] or [`Error::Decode`] for bad
    /// input, a refusal, an error reply or an undecodable body; the other variants for
    /// failures of the exchange itself.
    pub fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        let (outgoing, pending) = self.core.prepare(endpoint, Instant::now())?;
        if !outgoing.wait.is_zero() {
            std::thread::sleep(outgoing.wait);
        }
        let reply = self.execute(outgoing.request);
        pending.finish(reply, Instant::now())
    }

    /// Runs one request as is, with this client's timeout and body limit, and returns the
    /// whole reply whatever its status (every header kept). A 3xx is [`Error::Redirect`].
    ///
    /// # Errors
    /// The exchange's failures only (never an API error: the reply is returned whatever its
    /// status).
    pub fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        let trace = ExchangeTrace::start(&request, Instant::now());
        let result = trace.in_scope(|| self.run(request));
        trace.finish(&result, Instant::now());
        result
    }

    fn run(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        let host = request.uri().host().unwrap_or_default().to_owned();
        let fail = |source| {
            // The host may have moved: look it up again next time.
            self.resolver.forget_all();
            failure(source, &host, self.core.options())
        };
        let request =
            proxy_route::route(&self.agent, self.core.proxy_rules(), request).map_err(fail)?;
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
        let limit = u64::try_from(self.core.options().body_limit()).unwrap_or(u64::MAX);
        let bytes = body
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(fail)?;
        Ok(Response::from_parts(parts, bytes))
    }
}

impl Client {
    vrchat_invite_core::client_accessors!();
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
            .field("core", &self.core)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
    use vrchat_invite_core::{BaseUrl, UserAgent};
    use vrchat_invite_sim::{Simulator, UserSpec};

    /// A client of the simulator that names it `localhost`, so requests need a lookup.
    fn client_by_name(sim: &Simulator) -> (Client, vrchat_invite_core::UserId) {
        let user = sim.add_user(UserSpec::new("alice", "pw"));
        let base = sim.base_url().replace("127.0.0.1", "localhost");
        let session = Session::new(UserAgent::new("Test/1.0 test@example.com").expect("agent"))
            .with_base_url(BaseUrl::new(base).expect("base url"))
            .with_auth_cookie(sim.open_session(&user.id));
        (Client::new(session).expect("client"), user.id)
    }

    #[test]
    fn a_pooled_request_needs_no_lookup_and_no_thread() {
        let sim = Simulator::start().expect("simulator");
        let (client, user) = client_by_name(&sim);
        let list = GetInviteMessages::new(user, InviteMessageType::Message);
        assert_eq!(client.send(&list).expect("first").len(), 12);
        assert_eq!(client.resolver.lookups(), 1);
        for _ in 0..3 {
            assert_eq!(client.send(&list).expect("pooled").len(), 12);
        }
        // ureq's default resolver would have spawned a lookup thread for each of them.
        assert_eq!(client.resolver.lookups(), 1);
    }

    #[test]
    fn a_failed_exchange_looks_the_host_up_again() {
        let sim = Simulator::start().expect("simulator");
        let (client, user) = client_by_name(&sim);
        let list = GetInviteMessages::new(user, InviteMessageType::Message);
        client.send(&list).expect("first");
        let mut request = client.session().request(&list).expect("request");
        let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = closed.local_addr().expect("address").port();
        drop(closed);
        *request.uri_mut() = format!("http://localhost:{port}/api/1/x")
            .parse()
            .expect("uri");
        assert!(client.execute(request).is_err());
        assert_eq!(client.resolver.lookups(), 2);
        client.send(&list).expect("after the failure");
        assert_eq!(client.resolver.lookups(), 3);
    }
}
