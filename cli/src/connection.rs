//! A client for the saved login, for every command that needs one.

use vrchat_invite_core::Session;
use vrchat_invite_ureq::Client;

use crate::describe::not_logged_in;
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;

/// A client with the saved session, which knows whose session it is.
#[derive(Debug)]
pub(crate) struct LoggedIn {
    /// The client, holding the session's cookies and user ID.
    pub(crate) client: Client,
}

/// Loads the saved session for the chosen base URL and makes a client for it.
///
/// The session's cookies are never sent to another base URL than the one they came from.
pub(crate) fn logged_in(globals: &Globals) -> Result<LoggedIn, Failure> {
    let store = globals.store()?;
    let saved = store.load()?.ok_or_else(not_logged_in)?;
    check_base_url(globals, &saved)?;
    let session = restore(globals, &saved)?;
    if session.auth_cookie().is_none() || session.user_id().is_none() {
        return Err(not_logged_in());
    }
    Ok(LoggedIn {
        client: client(session)?,
    })
}

/// Refuses a saved session for another API than `--base-url` names.
fn check_base_url(globals: &Globals, saved: &Session) -> Result<(), Failure> {
    if let Some(base_url) = globals.base_url()? {
        if &base_url != saved.base_url() {
            return Err(Failure::new(
                Exit::NotLoggedIn,
                format!(
                    "not logged in at {base_url}: the saved session is for {}; run `vrchat-invite login` with this --base-url, or use another --session-file",
                    saved.base_url()
                ),
            ));
        }
    }
    Ok(())
}

/// The saved session, with `--user-agent` applied when given. It keeps its own base URL.
pub(crate) fn restore(globals: &Globals, saved: &Session) -> Result<Session, Failure> {
    let user_agent = globals.user_agent(Some(saved))?;
    let mut session = Session::new(user_agent).with_base_url(saved.base_url().clone());
    session.set_auth_cookie(saved.auth_cookie().cloned());
    session.set_two_factor_cookie(saved.two_factor_cookie().cloned());
    session.set_user_id(saved.user_id().cloned());
    Ok(session)
}

/// A blocking client with the default timeout and body limit.
pub(crate) fn client(session: Session) -> Result<Client, Failure> {
    Client::new(session).map_err(|error| Failure::new(Exit::Failure, error.to_string()))
}
