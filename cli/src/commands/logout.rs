//! `vrchat-invite logout`: end the session on the server and delete the session file.

use serde::Serialize;

use crate::connection::{client, restore};
use crate::describe::{Subject, transport_error};
use crate::failure::Failure;
use crate::globals::Globals;

/// What `logout` reports.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct LogoutReport {
    was_logged_in: bool,
    session_file: String,
}

/// Runs `logout`. Without a saved session there is nothing to do, and that is no error.
pub(crate) fn run(globals: &Globals) -> Result<(), Failure> {
    let store = globals.store()?;
    let path = store.path().display().to_string();
    let saved = store.load()?;
    let was_logged_in = saved
        .as_ref()
        .is_some_and(|session| session.auth_cookie().is_some());
    if let Some(saved) = saved.filter(|session| session.auth_cookie().is_some()) {
        // The cookies go back to the API they came from, whatever --base-url says.
        let client = client(restore(globals, &saved)?)?;
        client.logout().map_err(|error| {
            let failure = transport_error(&error, &Subject::Nothing);
            Failure::new(
                failure.exit(),
                format!(
                    "{failure} (the session file {path} was kept; delete it to forget the session without ending it)"
                ),
            )
        })?;
    }
    store.delete()?;
    let report = LogoutReport {
        was_logged_in,
        session_file: path.clone(),
    };
    globals.output().show(&report, || {
        if was_logged_in {
            format!("Logged out. Deleted {path}.")
        } else {
            format!("Not logged in (no session at {path}); nothing to do.")
        }
    })
}
