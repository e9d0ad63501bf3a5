//! The options every command shares: User-Agent, base URL, session file, `--json`.

use std::path::PathBuf;

use clap::Args;
use vrchat_invite_core::{BaseUrl, Session, UserAgent};

use crate::describe::input_error;
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::output::Output;
use crate::session_store::SessionStore;

/// Options accepted before or after any subcommand.
#[derive(Debug, Clone, Args)]
pub(crate) struct Globals {
    /// Your app's User-Agent, `AppName/version contact` (VRChat requires one; there is no
    /// default). After `login` the saved session remembers it.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "VRCHAT_INVITE_USER_AGENT",
        hide_env_values = true,
        value_name = "AGENT"
    )]
    pub(crate) user_agent: Option<String>,

    /// The API to talk to (default `https://api.vrchat.cloud/api/1`); point it at
    /// `vrchat-invite sim` to test.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "VRCHAT_INVITE_BASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub(crate) base_url: Option<String>,

    /// Where the login is saved (default `<config dir>/vrchat-invite/session.json`). The file
    /// holds your session cookies; it is created readable by you only.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "VRCHAT_INVITE_SESSION_FILE",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub(crate) session_file: Option<PathBuf>,

    /// Print results as JSON for scripts, one JSON value per line, instead of text.
    #[arg(long, global = true, help_heading = "Global options")]
    pub(crate) json: bool,
}

impl Globals {
    /// JSON or text.
    pub(crate) fn output(&self) -> Output {
        Output::new(self.json)
    }

    /// The session file.
    pub(crate) fn store(&self) -> Result<SessionStore, Failure> {
        SessionStore::locate(self.session_file.clone())
    }

    /// `--user-agent`, else the one the saved session remembers, else an error saying how to
    /// give one.
    pub(crate) fn user_agent(&self, saved: Option<&Session>) -> Result<UserAgent, Failure> {
        match (&self.user_agent, saved) {
            (Some(value), _) => UserAgent::new(value.as_str()).map_err(|error| input_error(&error)),
            (None, Some(session)) => Ok(session.user_agent().clone()),
            (None, None) => Err(Failure::new(
                Exit::UserAgent,
                "no User-Agent: VRChat requires one naming your app and a contact; pass \
                 --user-agent \"MyApp/1.0 me@example.com\" or set VRCHAT_INVITE_USER_AGENT",
            )),
        }
    }

    /// `--base-url` when given.
    pub(crate) fn base_url(&self) -> Result<Option<BaseUrl>, Failure> {
        self.base_url
            .as_deref()
            .map(BaseUrl::new)
            .transpose()
            .map_err(|error| input_error(&error))
    }
}
