//! The state every clone of a client shares: session, options, politeness, proxies.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};

use super::options::ClientOptions;
use crate::polite::SharedPoliteness;
use crate::proxy::ProxyRules;
use crate::session::Session;

/// The transport-independent half of a client: the session (shared by every clone, changed
/// by login and logout), the options, the politeness state and the proxy rules.
///
/// A transport's client holds one next to its HTTP client and drives every exchange through
/// it ([`ClientCore::prepare`], [`ClientCore::start_login`]). `Clone` is cheap and shares
/// everything; the type is `Send + Sync`. Nothing here does I/O: the transport hands in
/// the seed for the throttle's jitter and the environment to read proxies from.
///
/// ```
/// use vrchat_invite_core::{Session, UserAgent};
/// use vrchat_invite_core::transport::{ClientCore, ClientOptions};
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
/// let core = ClientCore::new(session, ClientOptions::default(), 7, |_| None);
/// let clone = core.clone();
/// clone.update_session(|session| session.set_auth_cookie(None));
/// assert_eq!(core.session(), clone.session());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ClientCore(Arc<Shared>);

struct Shared {
    session: RwLock<Session>,
    options: ClientOptions,
    politeness: Option<SharedPoliteness>,
    proxy_rules: ProxyRules,
}

impl ClientCore {
    /// The shared state of a new client. `seed` seeds the throttle's jitter unless the
    /// politeness chose its own (pass the operating system's randomness, so bots started
    /// together do not wait in lockstep); `env` reads the proxy variables when no proxy
    /// rules were chosen (pass `std::env::var`).
    pub fn new(
        session: Session,
        options: ClientOptions,
        seed: u64,
        env: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let politeness = options
            .politeness()
            .cloned()
            .map(|politeness| SharedPoliteness::new(politeness.with_default_seed(seed)));
        let proxy_rules = options.proxy_rules_or_env(env);
        Self(Arc::new(Shared {
            session: RwLock::new(session),
            options,
            politeness,
            proxy_rules,
        }))
    }

    /// A copy of the current session (to save it, say).
    pub fn session(&self) -> Session {
        self.0
            .session
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Replaces the session for every clone.
    pub fn set_session(&self, session: Session) {
        self.update_session(|current| *current = session);
    }

    /// Changes the session in place for every clone; the lock is held only during `change`.
    pub fn update_session<T>(&self, change: impl FnOnce(&mut Session) -> T) -> T {
        change(
            &mut self
                .0
                .session
                .write()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// Runs `read` on the session without copying it.
    pub(crate) fn read_session<T>(&self, read: impl FnOnce(&Session) -> T) -> T {
        read(
            &self
                .0
                .session
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// The options the client was built with.
    pub fn options(&self) -> &ClientOptions {
        &self.0.options
    }

    /// The proxy rules in force: the chosen ones, or the environment's.
    pub fn proxy_rules(&self) -> &ProxyRules {
        &self.0.proxy_rules
    }

    pub(crate) fn politeness(&self) -> Option<&SharedPoliteness> {
        self.0.politeness.as_ref()
    }
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.read_session(|session| {
            f.debug_struct("ClientCore")
                .field("session", session)
                .field("timeout", &self.0.options.timeout())
                .field("body_limit", &self.0.options.body_limit())
                .field("politeness", &self.0.politeness.is_some())
                .finish_non_exhaustive()
        })
    }
}
