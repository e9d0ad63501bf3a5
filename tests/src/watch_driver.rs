//! One blocking interface over both pipeline watchers, so a watch scenario is written once.

use std::sync::mpsc;
use std::time::Duration;

use vrchat_invite_core::Session;
use vrchat_invite_core::models::Timestamp;
use vrchat_invite_core::pipeline::{
    FrameError, PipelineBase, PipelineEvent, PipelineOptions, WatchPlan,
};
use vrchat_invite_core::proxy::{ProxyRules, TunnelError};

/// How long one step of a watcher may take before the test fails.
const STEP_BOUND: Duration = Duration::from_secs(30);

/// Which error a watcher reported, the same for both transports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchFailure {
    /// The token was refused; the watch ended.
    Refused,
    /// A frame did not decode.
    Frame(FrameError),
    /// A frame was over the limit.
    FrameTooLarge {
        /// The limit.
        limit: usize,
    },
    /// The proxy would not open a tunnel.
    Proxy(TunnelError),
    /// Anything else, described.
    Other(String),
}

/// Both watchers report the core's one [`vrchat_invite_core::pipeline::WatchError`].
impl From<vrchat_invite_core::pipeline::WatchError> for WatchFailure {
    fn from(error: vrchat_invite_core::pipeline::WatchError) -> Self {
        use vrchat_invite_core::pipeline::WatchError as E;
        match error {
            E::Refused(_) => Self::Refused,
            E::Frame(frame) => Self::Frame(frame),
            E::FrameTooLarge { limit } => Self::FrameTooLarge { limit },
            E::Proxy { source } => Self::Proxy(source),
            other => Self::Other(other.to_string()),
        }
    }
}

/// A pipeline watcher as the scenarios use it.
pub trait WatchDriver: Sized {
    /// The transport's name, for assertion messages.
    const NAME: &'static str;

    /// A watcher of `session`'s user at `base`, catching up from `since` (`None`: the inbox
    /// at the first connect is the baseline), its client built with the default proxy
    /// rules.
    fn watch(
        session: Session,
        base: &str,
        options: PipelineOptions,
        since: Option<Timestamp>,
    ) -> Self {
        Self::watch_via(session, base, options, since, None)
    }

    /// As [`WatchDriver::watch`], its client built with `rules` when given.
    fn watch_via(
        session: Session,
        base: &str,
        options: PipelineOptions,
        since: Option<Timestamp>,
        rules: Option<ProxyRules>,
    ) -> Self;

    /// The next event or error; `None` once the watch ended. Panics past a step bound.
    fn next(&mut self) -> Option<Result<PipelineEvent, WatchFailure>>;

    /// The waits before each reconnect so far.
    fn waits(&self) -> Vec<Duration>;

    /// Replaces the session of the watcher's client (a new login, say).
    fn set_client_session(&mut self, session: Session);

    /// The next event, failing the test on an error or an end.
    fn event(&mut self) -> PipelineEvent {
        match self.next() {
            Some(Ok(event)) => event,
            other => panic!("{}: expected an event, got {other:?}", Self::NAME),
        }
    }
}

fn base(base: &str) -> PipelineBase {
    match PipelineBase::new(base) {
        Ok(base) => base,
        Err(error) => panic!("pipeline base: {error}"),
    }
}

/// The plan of a watch at `at` from `since`.
fn plan(options: PipelineOptions, since: Option<Timestamp>, at: &str) -> WatchPlan {
    let plan = WatchPlan::new(options).with_base(base(at));
    match since {
        Some(since) => plan.since(since),
        None => plan,
    }
}

/// What the blocking watcher's thread is asked for.
#[derive(Debug)]
enum Ask {
    Next,
    Waits,
}

/// What the blocking watcher's thread answers.
#[derive(Debug)]
enum Answer {
    Item(Box<Option<Result<PipelineEvent, WatchFailure>>>),
    Waits(Vec<Duration>),
}

/// The blocking watcher, run on a thread of its own so every step is bounded in time.
#[derive(Debug)]
pub struct UreqWatch {
    asks: mpsc::Sender<Ask>,
    answers: mpsc::Receiver<Answer>,
    /// A clone of the watcher's client: it shares the session.
    client: vrchat_invite_ureq::Client,
}

impl UreqWatch {
    fn ask(&self, ask: Ask) -> Answer {
        if self.asks.send(ask).is_err() {
            panic!("the ureq watcher thread stopped");
        }
        match self.answers.recv_timeout(STEP_BOUND) {
            Ok(answer) => answer,
            Err(_) => panic!("ureq watch step took longer than {STEP_BOUND:?}"),
        }
    }
}

impl WatchDriver for UreqWatch {
    const NAME: &'static str = "ureq";

    fn watch_via(
        session: Session,
        at: &str,
        options: PipelineOptions,
        since: Option<Timestamp>,
        rules: Option<ProxyRules>,
    ) -> Self {
        let mut builder = vrchat_invite_ureq::Client::builder(session);
        if let Some(rules) = rules {
            builder = builder.proxy_rules(rules);
        }
        let client = match builder.build() {
            Ok(client) => client,
            Err(error) => panic!("ureq client: {error}"),
        };
        let shared = client.clone();
        let mut watcher = match vrchat_invite_ureq::Watcher::new(client, plan(options, since, at)) {
            Ok(watcher) => watcher,
            Err(error) => panic!("ureq watcher: {error}"),
        };
        let (asks, asked) = mpsc::channel();
        let (answer, answers) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(ask) = asked.recv() {
                let reply = match ask {
                    Ask::Next => Answer::Item(Box::new(
                        watcher.next().map(|item| item.map_err(WatchFailure::from)),
                    )),
                    Ask::Waits => Answer::Waits(watcher.watch().waits().to_vec()),
                };
                if answer.send(reply).is_err() {
                    break;
                }
            }
        });
        Self {
            asks,
            answers,
            client: shared,
        }
    }

    fn next(&mut self) -> Option<Result<PipelineEvent, WatchFailure>> {
        match self.ask(Ask::Next) {
            Answer::Item(item) => *item,
            Answer::Waits(_) => panic!("out of step"),
        }
    }

    fn waits(&self) -> Vec<Duration> {
        match self.ask(Ask::Waits) {
            Answer::Waits(waits) => waits,
            Answer::Item(_) => panic!("out of step"),
        }
    }

    fn set_client_session(&mut self, session: Session) {
        self.client.set_session(session);
    }
}

/// The async watcher, driven on its own small runtime.
#[derive(Debug)]
pub struct HyperWatch {
    /// The watcher.
    pub watcher: vrchat_invite_hyper::Watcher,
    /// The runtime it runs on.
    pub runtime: tokio::runtime::Runtime,
}

impl WatchDriver for HyperWatch {
    const NAME: &'static str = "hyper";

    fn watch_via(
        session: Session,
        at: &str,
        options: PipelineOptions,
        since: Option<Timestamp>,
        rules: Option<ProxyRules>,
    ) -> Self {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(error) => panic!("runtime: {error}"),
        };
        let mut builder = vrchat_invite_hyper::Client::builder(session);
        if let Some(rules) = rules {
            builder = builder.proxy_rules(rules);
        }
        let client = match builder.build() {
            Ok(client) => client,
            Err(error) => panic!("hyper client: {error}"),
        };
        match vrchat_invite_hyper::Watcher::new(client, plan(options, since, at)) {
            Ok(watcher) => Self { watcher, runtime },
            Err(error) => panic!("hyper watcher: {error}"),
        }
    }

    fn next(&mut self) -> Option<Result<PipelineEvent, WatchFailure>> {
        let step = self.watcher.next_event();
        match self
            .runtime
            .block_on(async { tokio::time::timeout(STEP_BOUND, step).await })
        {
            Ok(item) => item.map(|item| item.map_err(WatchFailure::from)),
            Err(_) => panic!("hyper watch step took longer than {STEP_BOUND:?}"),
        }
    }

    fn waits(&self) -> Vec<Duration> {
        self.watcher.watch().waits().to_vec()
    }

    fn set_client_session(&mut self, session: Session) {
        self.watcher.client().set_session(session);
    }
}
