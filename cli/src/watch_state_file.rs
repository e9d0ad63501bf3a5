//! Where `watch` keeps its checkpoint: `--state FILE`, or a file per account and base URL
//! beside the session file; loaded and saved through the core's [`WatchState`].

use std::path::{Path, PathBuf};

use vrchat_invite_core::pipeline::{Checkpoint, WatchState};
use vrchat_invite_core::{BaseUrl, UserId};

use crate::exit_codes::Exit;
use crate::failure::Failure;

/// The most characters of the base URL kept in a default file name.
const API_NAME_LIMIT: usize = 80;

/// Which watch a default state file belongs to: a plain watch and an auto-inviter keep
/// their own, so looking at events never moves the bot's checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// `watch` printing events.
    Watch,
    /// `watch --auto-invite`.
    AutoInvite,
}

/// The default state file of `account` on `api`, beside `session_file`:
/// `watch-<account>-<api>.json` (or `auto-invite-…` for the bot).
pub(crate) fn default_path(
    session_file: &Path,
    role: Role,
    account: &UserId,
    api: &BaseUrl,
) -> PathBuf {
    let prefix = match role {
        Role::Watch => "watch",
        Role::AutoInvite => "auto-invite",
    };
    let name = format!(
        "{prefix}-{}-{}.json",
        file_safe(account.as_str()),
        api_name(api.as_str())
    );
    match session_file
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
    {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// The lock of the auto-inviter that uses `state`: the same name with `.lock` added.
pub(crate) fn lock_path(state: &Path) -> PathBuf {
    let mut name = state.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// `text` with every character but ASCII letters, digits, `.` and `_` turned into `-`, runs
/// of `-` made one, and no `-` at either end.
fn file_safe(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            c
        } else {
            '-'
        };
        if c != '-' || !safe.ends_with('-') {
            safe.push(c);
        }
    }
    safe.trim_matches('-').to_owned()
}

/// The base URL as part of a file name; a long one is cut and a hash of the whole added, so
/// two long URLs still get two names.
fn api_name(api: &str) -> String {
    let safe = file_safe(api);
    if safe.len() <= API_NAME_LIMIT {
        return safe;
    }
    // FNV-1a: stable across runs and builds, unlike the standard library's hasher.
    let hash = api.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{}-{hash:016x}", &safe[..API_NAME_LIMIT])
}

/// One watch's state file, remembering what it last held so an unchanged checkpoint is not
/// written again.
#[derive(Debug)]
pub(crate) struct StateFile {
    path: PathBuf,
    account: UserId,
    api: BaseUrl,
    saved: Option<Checkpoint>,
}

impl StateFile {
    /// The state file at `path` of `account`'s watch on `api`.
    pub(crate) fn new(path: PathBuf, account: UserId, api: BaseUrl) -> Self {
        Self {
            path,
            account,
            api,
            saved: None,
        }
    }

    /// The file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The saved checkpoint, `None` without a file. A damaged file, or another account's or
    /// API's, is an error naming it (exit code [`Exit::File`]).
    pub(crate) fn load(&mut self) -> Result<Option<Checkpoint>, Failure> {
        let loaded = WatchState::load(&self.path, &self.account, &self.api)
            .map_err(|error| Failure::new(Exit::File, error.to_string()))?;
        self.saved.clone_from(&loaded);
        Ok(loaded)
    }

    /// Saves `checkpoint` (atomically) unless it is what the file holds already. One
    /// without a watermark (before the first catch-up set the start) says nothing yet and
    /// is not saved.
    pub(crate) fn save(&mut self, checkpoint: Checkpoint) -> Result<(), Failure> {
        if checkpoint.watermark().is_none() {
            return Ok(());
        }
        if self.saved.as_ref() == Some(&checkpoint) {
            return Ok(());
        }
        WatchState::new(self.account.clone(), &self.api, checkpoint.clone())
            .save(&self.path)
            .map_err(|error| Failure::new(Exit::File, error.to_string()))?;
        self.saved = Some(checkpoint);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vrchat_invite_core::models::Timestamp;

    fn ids() -> (UserId, BaseUrl) {
        (
            UserId::new("usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469").expect("id"),
            BaseUrl::new("http://127.0.0.1:8080/api/1").expect("base"),
        )
    }

    #[test]
    fn the_default_file_is_per_account_api_and_role_beside_the_session_file() {
        let (bob, api) = ids();
        let session = Path::new("/home/bob/.config/vrchat-invite/session.json");
        let path = default_path(session, Role::Watch, &bob, &api);
        assert_eq!(
            path,
            Path::new(
                "/home/bob/.config/vrchat-invite/watch-usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469-http-127.0.0.1-8080-api-1.json"
            )
        );
        let bot = default_path(session, Role::AutoInvite, &bob, &api);
        assert_ne!(bot, path);
        assert!(
            bot.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("auto-invite-usr_")),
            "{}",
            bot.display()
        );
        let vrchat = BaseUrl::new(BaseUrl::VRCHAT).expect("base");
        assert_ne!(default_path(session, Role::Watch, &bob, &vrchat), path);
        let alice = UserId::new("usr_a").expect("id");
        assert_ne!(default_path(session, Role::Watch, &alice, &api), path);
        // A session file given without a folder: the state file is in the same place.
        assert_eq!(
            default_path(Path::new("bob.json"), Role::Watch, &bob, &api).parent(),
            Some(Path::new(""))
        );
    }

    #[test]
    fn names_hold_no_separator_and_long_urls_stay_apart() {
        assert_eq!(
            file_safe("https://api.vrchat.cloud/api/1"),
            "https-api.vrchat.cloud-api-1"
        );
        assert_eq!(file_safe("../../etc/x y"), "..-..-etc-x-y");
        let long = |end: &str| format!("https://example.com/{}{end}", "a".repeat(100));
        let (one, two) = (api_name(&long("1")), api_name(&long("2")));
        assert_ne!(one, two);
        assert!(one.len() <= API_NAME_LIMIT + 17, "{one}");
        assert!(!one.contains('/'));
    }

    #[test]
    fn the_lock_sits_beside_the_state_file() {
        assert_eq!(
            lock_path(Path::new("/x/bot.json")),
            Path::new("/x/bot.json.lock")
        );
    }

    #[test]
    fn nothing_is_saved_before_the_start_is_known() {
        let dir = std::env::temp_dir().join(format!("cli-state-empty-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (bob, api) = ids();
        let path = dir.join("state.json");
        let mut file = StateFile::new(path.clone(), bob, api);
        file.save(Checkpoint::default()).expect("nothing yet");
        assert!(!path.exists(), "nothing is known before the first catch-up");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_unchanged_checkpoint_is_not_written_again() {
        let dir = std::env::temp_dir().join(format!("cli-state-file-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (bob, api) = ids();
        let path = dir.join("state.json");
        let mut file = StateFile::new(path.clone(), bob.clone(), api.clone());
        assert_eq!(file.load().expect("no file"), None);
        let since = Checkpoint::since(Timestamp::new("2026-01-01T00:00:00.000Z"));
        file.save(since.clone()).expect("saved");
        std::fs::remove_file(&path).expect("written");
        file.save(since).expect("unchanged");
        assert!(!path.exists(), "the same checkpoint was written again");
        std::fs::write(&path, "{").expect("damage");
        let failure = StateFile::new(path.clone(), bob, api)
            .load()
            .expect_err("damaged");
        assert_eq!(failure.exit(), Exit::File);
        assert!(failure.message().contains("state.json"), "{failure}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
