//! One blocking interface over both transports, so a scenario is written once and run on
//! each.

use std::time::Duration;

use vrchat_invite_core::auth::{
    CodePrompt, Credentials, CurrentUser, TwoFactorCode, TwoFactorMethod,
};
use vrchat_invite_core::{Endpoint, Session};

use crate::failure::Failure;

/// A transport as the scenarios use it: build from a session, send an operation.
pub trait Driver: Sized {
    /// The transport's name, for assertion messages.
    const NAME: &'static str;

    /// A client for `session` with the default options.
    fn connect(session: Session) -> Self;

    /// Sends `endpoint` and returns the typed output or the error variant.
    ///
    /// # Errors
    /// The transport's error, seen as a [`Failure`].
    fn send<E: Endpoint + Sync>(&self, endpoint: &E) -> Result<E::Output, Failure>;

    /// Logs in through the transport's `login_with`; `ask_code` answers each code prompt.
    ///
    /// # Errors
    /// The transport's error, seen as a [`Failure`].
    fn login(
        &self,
        credentials: Option<Credentials>,
        ask_code: impl FnMut(&CodePrompt) -> Option<(TwoFactorMethod, TwoFactorCode)>,
    ) -> Result<CurrentUser, Failure>;

    /// The session the client holds now (cookies and user ID as the login left them).
    fn session(&self) -> Session;
}

/// The blocking ureq transport.
#[derive(Debug)]
pub struct Ureq(pub vrchat_invite_ureq::Client);

impl Driver for Ureq {
    const NAME: &'static str = "ureq";

    fn connect(session: Session) -> Self {
        match vrchat_invite_ureq::Client::new(session) {
            Ok(client) => Self(client),
            Err(error) => panic!("ureq client: {error}"),
        }
    }

    fn send<E: Endpoint + Sync>(&self, endpoint: &E) -> Result<E::Output, Failure> {
        self.0.send(endpoint).map_err(|error| Failure::from(&error))
    }

    fn login(
        &self,
        credentials: Option<Credentials>,
        ask_code: impl FnMut(&CodePrompt) -> Option<(TwoFactorMethod, TwoFactorCode)>,
    ) -> Result<CurrentUser, Failure> {
        self.0
            .login_with(credentials, ask_code)
            .map_err(|error| Failure::from(&error))
    }

    fn session(&self) -> Session {
        self.0.session()
    }
}

/// The async hyper transport, driven on its own small runtime.
#[derive(Debug)]
pub struct Hyper {
    /// The client.
    pub client: vrchat_invite_hyper::Client,
    /// The runtime its requests run on.
    pub runtime: tokio::runtime::Runtime,
}

/// How long a scenario step may take on the hyper driver before the test fails.
const STEP_BOUND: Duration = Duration::from_secs(60);

impl Driver for Hyper {
    const NAME: &'static str = "hyper";

    fn connect(session: Session) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build();
        match (vrchat_invite_hyper::Client::new(session), runtime) {
            (Ok(client), Ok(runtime)) => Self { client, runtime },
            (Err(error), _) => panic!("hyper client: {error}"),
            (_, Err(error)) => panic!("runtime: {error}"),
        }
    }

    fn send<E: Endpoint + Sync>(&self, endpoint: &E) -> Result<E::Output, Failure> {
        let outcome = self
            .runtime
            .block_on(async { tokio::time::timeout(STEP_BOUND, self.client.send(endpoint)).await });
        match outcome {
            Ok(result) => result.map_err(|error| Failure::from(&error)),
            Err(_) => panic!("hyper step took longer than {STEP_BOUND:?}"),
        }
    }

    fn login(
        &self,
        credentials: Option<Credentials>,
        mut ask_code: impl FnMut(&CodePrompt) -> Option<(TwoFactorMethod, TwoFactorCode)>,
    ) -> Result<CurrentUser, Failure> {
        let login = self
            .client
            .login_with(credentials, |prompt| std::future::ready(ask_code(&prompt)));
        let outcome = self
            .runtime
            .block_on(async { tokio::time::timeout(STEP_BOUND, login).await });
        match outcome {
            Ok(result) => result.map_err(|error| Failure::from(&error)),
            Err(_) => panic!("hyper login took longer than {STEP_BOUND:?}"),
        }
    }

    fn session(&self) -> Session {
        self.client.session()
    }
}
