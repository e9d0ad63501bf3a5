//! A watch's state on disk: its checkpoint, with the account and API it belongs to,
//! written atomically. The one place the core touches a file: a bot's promise must hold
//! past its process, and every transport keeps it the same way.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::base_url::BaseUrl;
use crate::clip::clipped;
use crate::ids::UserId;
use crate::pipeline::Checkpoint;

/// The `format` a watch state file carries.
pub const WATCH_STATE_FORMAT: &str = "vrchat-invite/watch-state/1";

/// The most bytes of a parser's complaint kept in [`StateFileError::Damaged`].
const REASON_LIMIT: usize = 200;

/// A watch's state as saved: which account and API it belongs to, and its checkpoint.
///
/// ```
/// use vrchat_invite_core::{BaseUrl, UserId};
/// use vrchat_invite_core::pipeline::{Checkpoint, WatchState};
/// let dir = std::env::temp_dir().join(format!("watch-state-doc-{}", std::process::id()));
/// let path = dir.join("bob.watch.json");
/// let (bob, api) = (UserId::new("usr_bob")?, BaseUrl::new("http://127.0.0.1:9/api/1")?);
/// // Nothing saved yet.
/// assert_eq!(WatchState::load(&path, &bob, &api)?, None);
/// WatchState::new(bob.clone(), &api, Checkpoint::default()).save(&path)?;
/// assert_eq!(WatchState::load(&path, &bob, &api)?, Some(Checkpoint::default()));
/// // Another account's file is refused, by name.
/// let alice = UserId::new("usr_alice")?;
/// let refused = WatchState::load(&path, &alice, &api).unwrap_err();
/// assert!(refused.to_string().contains("bob.watch.json"));
/// # std::fs::remove_dir_all(dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchState {
    format: String,
    account: UserId,
    api: String,
    checkpoint: Checkpoint,
}

/// A watch state file that could not be used. Each names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StateFileError {
    /// Reading or writing failed.
    #[error("the watch state file {} could not be {action}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// `read` or `written`.
        action: &'static str,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// The file is not a watch state this version reads.
    #[error(
        "the watch state file {} is damaged ({reason}); move it away to start afresh",
        path.display()
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong (bounded).
        reason: String,
    },
    /// The file belongs to another account or another API.
    #[error(
        "the watch state file {} belongs to {found}, not to {expected}; give each account its own file",
        path.display()
    )]
    Foreign {
        /// The file.
        path: PathBuf,
        /// The account and API it holds.
        found: String,
        /// The account and API asked for.
        expected: String,
    },
}

impl WatchState {
    /// The state of `account`'s watch on `api` at `checkpoint`.
    pub fn new(account: UserId, api: &BaseUrl, checkpoint: Checkpoint) -> Self {
        Self {
            format: WATCH_STATE_FORMAT.to_owned(),
            account,
            api: api.as_str().to_owned(),
            checkpoint,
        }
    }

    /// The checkpoint.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.checkpoint
    }

    /// Writes the state to `path` atomically: a temporary file beside it, written and
    /// synced, then renamed over it (and the folder synced), so a crash leaves the old
    /// state or the new one, never half of either. Creates the folder when missing.
    ///
    /// # Errors
    /// [`StateFileError::Io`] naming the file.
    pub fn save(&self, path: &Path) -> Result<(), StateFileError> {
        let failed = |source| StateFileError::Io {
            path: path.to_owned(),
            action: "written",
            source,
        };
        let mut bytes = serde_json::to_vec_pretty(self).map_err(|e| failed(e.into()))?;
        bytes.push(b'\n');
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(folder) = folder {
            fs::create_dir_all(folder).map_err(failed)?;
        }
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(format!(".{}.tmp", std::process::id()));
        let temporary = PathBuf::from(temporary);
        let written = File::create(&temporary)
            .and_then(|mut file| {
                file.write_all(&bytes)?;
                file.sync_all()
            })
            .and_then(|()| fs::rename(&temporary, path));
        if let Err(error) = written {
            let _ = fs::remove_file(&temporary);
            return Err(failed(error));
        }
        // The rename itself survives a crash once the folder is synced (where the system
        // lets a folder be opened for that).
        if let Some(folder) = folder {
            if let Ok(folder) = File::open(folder) {
                let _ = folder.sync_all();
            }
        }
        Ok(())
    }

    /// Reads the checkpoint saved at `path` for `account` on `api`: `None` when there is
    /// no file yet.
    ///
    /// # Errors
    /// [`StateFileError::Damaged`] for a file that is not a watch state (never a silent
    /// fresh start), [`StateFileError::Foreign`] for another account's or API's,
    /// [`StateFileError::Io`] when it cannot be read; each names the file.
    pub fn load(
        path: &Path,
        account: &UserId,
        api: &BaseUrl,
    ) -> Result<Option<Checkpoint>, StateFileError> {
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StateFileError::Io {
                    path: path.to_owned(),
                    action: "read",
                    source,
                });
            }
        };
        let damaged = |reason: &str| StateFileError::Damaged {
            path: path.to_owned(),
            reason: clipped(reason, REASON_LIMIT).to_owned(),
        };
        let state: Self =
            serde_json::from_slice(&bytes).map_err(|error| damaged(&error.to_string()))?;
        if state.format != WATCH_STATE_FORMAT {
            return Err(damaged(&format!("unknown format {:?}", state.format)));
        }
        if &state.account != account || state.api != api.as_str() {
            return Err(StateFileError::Foreign {
                path: path.to_owned(),
                found: format!("{} at {}", state.account, clipped(&state.api, REASON_LIMIT)),
                expected: format!("{account} at {}", api.as_str()),
            });
        }
        Ok(Some(state.checkpoint))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Timestamp;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("watch-state-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn ids() -> (UserId, BaseUrl) {
        (
            UserId::new("usr_bob").expect("id"),
            BaseUrl::new("http://127.0.0.1:9/api/1").expect("base"),
        )
    }

    #[test]
    fn a_saved_state_reads_back_and_leaves_no_temporary_file() {
        let dir = folder("round-trip");
        let path = dir.join("nested").join("state.json");
        let (bob, api) = ids();
        let checkpoint = Checkpoint::since(Timestamp::new("2024-01-01T00:00:00.000Z"));
        WatchState::new(bob.clone(), &api, checkpoint.clone())
            .save(&path)
            .expect("save");
        WatchState::new(bob.clone(), &api, checkpoint.clone())
            .save(&path)
            .expect("save over");
        assert_eq!(
            WatchState::load(&path, &bob, &api).expect("load"),
            Some(checkpoint)
        );
        let names: Vec<_> = fs::read_dir(path.parent().expect("folder"))
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["state.json"]);
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn damaged_and_foreign_files_are_errors_that_name_the_file() {
        let dir = folder("refused");
        fs::create_dir_all(&dir).expect("folder");
        let (bob, api) = ids();
        let path = dir.join("bob.json");
        for damaged in [&b"{\"format\": tru"[..], b"", b"[1,2]", b"\xff\xfe"] {
            fs::write(&path, damaged).expect("write");
            let error = WatchState::load(&path, &bob, &api).expect_err("damaged");
            assert!(matches!(error, StateFileError::Damaged { .. }), "{error:?}");
            assert!(error.to_string().contains("bob.json"), "{error}");
        }
        let mut other =
            serde_json::to_value(WatchState::new(bob.clone(), &api, Checkpoint::default()))
                .expect("json");
        other["format"] = "vrchat-invite/watch-state/99".into();
        fs::write(&path, other.to_string()).expect("write");
        assert!(matches!(
            WatchState::load(&path, &bob, &api),
            Err(StateFileError::Damaged { .. })
        ));
        let alice = UserId::new("usr_alice").expect("id");
        WatchState::new(alice, &api, Checkpoint::default())
            .save(&path)
            .expect("save");
        let error = WatchState::load(&path, &bob, &api).expect_err("foreign");
        assert!(matches!(error, StateFileError::Foreign { .. }), "{error:?}");
        assert!(error.to_string().contains("usr_alice"), "{error}");
        let elsewhere = BaseUrl::new("https://api.vrchat.cloud/api/1").expect("base");
        WatchState::new(bob.clone(), &elsewhere, Checkpoint::default())
            .save(&path)
            .expect("save");
        assert!(matches!(
            WatchState::load(&path, &bob, &api),
            Err(StateFileError::Foreign { .. })
        ));
        let _ = fs::remove_dir_all(dir);
    }
}
