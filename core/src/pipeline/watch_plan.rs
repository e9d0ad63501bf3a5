//! How a watch starts: its options, where it begins, and which pipeline it connects to.

use crate::error::Error;
use crate::models::Timestamp;
use crate::pipeline::{Checkpoint, PipelineBase, PipelineOptions, Watch};
use crate::session::Session;

/// Everything a watcher needs besides its client: the options, the start (the inbox at
/// the first connect, a start time, or a saved [`Checkpoint`]) and, when not the one beside
/// the client's API, the pipeline's base URL. A watcher builds its [`Watch`] from it with
/// the client's session and a random seed.
///
/// ```
/// use vrchat_invite_core::{Session, UserAgent};
/// use vrchat_invite_core::auth::AuthCookie;
/// use vrchat_invite_core::pipeline::{Checkpoint, PipelineOptions, WatchPlan};
/// let plan = WatchPlan::new(PipelineOptions::default().with_connection_events(true))
///     .resume_from(Checkpoint::default());
/// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
///     .with_auth_cookie(AuthCookie::new("authcookie_1")?);
/// let watch = plan.start(&session, 42)?;
/// assert!(watch.options().connection_events());
/// // Options alone are a plan that starts from the inbox at the first connect.
/// let _plan: WatchPlan = PipelineOptions::default().into();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct WatchPlan {
    options: PipelineOptions,
    since: Option<Timestamp>,
    checkpoint: Option<Checkpoint>,
    base: Option<PipelineBase>,
}

impl WatchPlan {
    /// A plan with these options, starting from the inbox at the first connect (what is
    /// there then counts as seen).
    pub fn new(options: PipelineOptions) -> Self {
        Self {
            options,
            ..Self::default()
        }
    }

    /// Starts at `since`: the first connect catches up on everything from then on.
    #[must_use]
    pub fn since(mut self, since: Timestamp) -> Self {
        self.since = Some(since);
        self
    }

    /// Resumes from a saved checkpoint (it wins over [`WatchPlan::since`]). `None` (no
    /// file yet, say) leaves the plan as it is, so a loaded state goes straight in:
    ///
    /// ```no_run
    /// # use std::path::Path;
    /// # use vrchat_invite_core::{BaseUrl, UserId};
    /// # use vrchat_invite_core::pipeline::{PipelineOptions, WatchPlan, WatchState};
    /// # let (me, api) = (UserId::new("usr_me")?, BaseUrl::default());
    /// let saved = WatchState::load(Path::new("bot.watch.json"), &me, &api)?;
    /// let plan = WatchPlan::new(PipelineOptions::default()).resume_from(saved);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn resume_from(mut self, checkpoint: impl Into<Option<Checkpoint>>) -> Self {
        if let Some(checkpoint) = checkpoint.into() {
            self.checkpoint = Some(checkpoint);
        }
        self
    }

    /// Connects to this pipeline instead of the one beside the session's API.
    #[must_use]
    pub fn with_base(mut self, base: PipelineBase) -> Self {
        self.base = Some(base);
        self
    }

    /// The options.
    pub fn options(&self) -> &PipelineOptions {
        &self.options
    }

    /// The watch of the session's user, its jitter drawn from `seed`.
    ///
    /// # Errors
    /// [`crate::InputError::NotLoggedIn`] when the session has no `auth` cookie.
    pub fn start(self, session: &Session, seed: u64) -> Result<Watch, Error> {
        let mut watch = Watch::new(session, self.options, self.since, seed)?;
        if let Some(checkpoint) = self.checkpoint {
            watch = watch.resume_from(checkpoint);
        }
        if let Some(base) = self.base {
            watch = watch.with_base(base);
        }
        Ok(watch)
    }
}

impl From<PipelineOptions> for WatchPlan {
    fn from(options: PipelineOptions) -> Self {
        Self::new(options)
    }
}
