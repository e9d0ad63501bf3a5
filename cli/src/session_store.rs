//! The saved session: a JSON file only its owner can read.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use vrchat_invite_core::Session;

use crate::exit_codes::Exit;
use crate::failure::Failure;

/// The file's name inside the config directory.
const FILE_NAME: &str = "session.json";

/// The directory inside the user's config directory.
const DIR_NAME: &str = "vrchat-invite";

/// Where the session is saved: `--session-file`, or `<config dir>/vrchat-invite/session.json`.
///
/// The file holds the `auth` and `twoFactorAuth` cookies, so it is written with mode 0600
/// (and a directory it creates with 0700) on Unix, and replaced atomically.
#[derive(Debug, Clone)]
pub(crate) struct SessionStore {
    path: PathBuf,
}

impl SessionStore {
    /// The store at `explicit`, or at the default place in the config directory.
    pub(crate) fn locate(explicit: Option<PathBuf>) -> Result<Self, Failure> {
        if let Some(path) = explicit {
            return Ok(Self { path });
        }
        let config = dirs::config_dir().ok_or_else(|| {
            Failure::new(
                Exit::File,
                "no config directory is known for this user: give --session-file PATH",
            )
        })?;
        Ok(Self {
            path: config.join(DIR_NAME).join(FILE_NAME),
        })
    }

    /// The file's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The saved session, or `None` when there is no file.
    pub(crate) fn load(&self) -> Result<Option<Session>, Failure> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(Failure::file("read the session file", &self.path, &error)),
        };
        // serde's message could quote a value of the file (a cookie); only say where.
        serde_json::from_str(&text).map(Some).map_err(|error| {
            Failure::new(
                Exit::File,
                format!(
                    "the session file {} is damaged (line {}, column {}): run `vrchat-invite login` again",
                    self.path.display(),
                    error.line(),
                    error.column()
                ),
            )
        })
    }

    /// Saves `session`, replacing the file atomically.
    pub(crate) fn save(&self, session: &Session) -> Result<(), Failure> {
        let json = serde_json::to_vec_pretty(session)
            .map_err(|_| Failure::new(Exit::Failure, "the session could not be written as JSON"))?;
        if let Some(dir) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            create_private_dir(dir)
                .map_err(|error| Failure::file("create the directory", dir, &error))?;
        }
        let temporary = self.temporary_path();
        let written =
            write_private(&temporary, &json).and_then(|()| fs::rename(&temporary, &self.path));
        if let Err(error) = written {
            let _ = fs::remove_file(&temporary);
            return Err(Failure::file("write the session file", &self.path, &error));
        }
        Ok(())
    }

    /// Deletes the file; `false` when there was none.
    pub(crate) fn delete(&self) -> Result<bool, Failure> {
        match fs::remove_file(&self.path) {
            Ok(()) => Ok(true),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(error) => Err(Failure::file("delete the session file", &self.path, &error)),
        }
    }

    fn temporary_path(&self) -> PathBuf {
        let mut name = self
            .path
            .file_name()
            .map(|name| name.to_os_string())
            .unwrap_or_else(|| FILE_NAME.into());
        name.push(format!(".tmp-{}", std::process::id()));
        self.path.with_file_name(name)
    }
}

/// Creates `dir` and its missing parents, owner-only on Unix. An existing one is left alone.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Writes a new file readable and writable by its owner only (on Unix).
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // A leftover from a crashed run would make `create_new` fail.
    let _ = fs::remove_file(path);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        // The umask may only remove bits; make sure no group or other bit is set.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use vrchat_invite_core::UserAgent;
    use vrchat_invite_core::auth::AuthCookie;

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "vrchat-invite-cli-store-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn saves_loads_and_deletes() {
        let dir = scratch("roundtrip");
        let store = SessionStore::locate(Some(dir.join("nested").join("session.json")))
            .expect("explicit path");
        assert!(store.load().expect("no file yet").is_none());
        let session = Session::new(UserAgent::new("Test/1.0 test@example.com").expect("agent"))
            .with_auth_cookie(AuthCookie::new("authcookie_secret").expect("token"));
        store.save(&session).expect("saved");
        assert_eq!(store.load().expect("loads"), Some(session));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |path: &Path| fs::metadata(path).expect("metadata").permissions().mode();
            assert_eq!(mode(store.path()) & 0o777, 0o600);
            assert_eq!(mode(&dir.join("nested")) & 0o777, 0o700);
        }
        assert!(store.delete().expect("deleted"));
        assert!(!store.delete().expect("already gone"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn damaged_file_error_does_not_quote_it() {
        let dir = scratch("damaged");
        fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("session.json");
        fs::write(&path, r#"{"user_agent": 5, "auth": "authcookie_secret"}"#).expect("write");
        let store = SessionStore::locate(Some(path)).expect("explicit path");
        let failure = store.load().expect_err("damaged");
        assert_eq!(failure.exit(), Exit::File);
        assert!(
            !failure.message().contains("authcookie_secret"),
            "{failure}"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
