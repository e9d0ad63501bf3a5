//! One auto-inviter per account on a machine: a lock file, created exclusively, holding
//! the process ID of the watch that holds it.

use std::fs::{self, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::exit_codes::Exit;
use crate::failure::Failure;

/// How often taking the lock is tried when it keeps changing hands under us.
const ATTEMPTS: usize = 3;

/// A held lock; dropping it removes the file (when it still holds this process's ID).
#[derive(Debug)]
pub(crate) struct WatchLock {
    path: PathBuf,
    pid: u32,
}

/// The lock was taken.
#[derive(Debug)]
pub(crate) struct Taken {
    /// The lock.
    pub(crate) lock: WatchLock,
    /// The process whose stale lock was taken over, if any.
    pub(crate) stale: Option<u32>,
}

impl WatchLock {
    /// Takes the lock at `path` for this process. A lock of a process that is gone (or of
    /// this process's own ID, left by an earlier life of it) is taken over.
    ///
    /// # Errors
    /// [`Exit::Locked`] naming the process that holds it; [`Exit::File`] when the file
    /// cannot be created or read.
    pub(crate) fn take(path: &Path) -> Result<Taken, Failure> {
        Self::take_as(path, std::process::id(), process_alive)
    }

    fn take_as(
        path: &Path,
        pid: u32,
        alive: impl Fn(u32) -> Option<bool>,
    ) -> Result<Taken, Failure> {
        let mut stale = None;
        for _ in 0..ATTEMPTS {
            match create(path, pid) {
                Ok(()) => {
                    let lock = WatchLock {
                        path: path.to_owned(),
                        pid,
                    };
                    return Ok(Taken { lock, stale });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(Failure::file("create the lock file", path, &error)),
            }
            let Some(holder) = holder(path)? else {
                continue; // removed meanwhile: try again
            };
            let holder = holder.ok_or_else(|| unreadable(path))?;
            let gone = holder == pid || alive(holder) == Some(false);
            if !gone {
                return Err(held(path, holder, alive(holder).is_some()));
            }
            if take_over(path, holder)? {
                stale = Some(holder);
            }
        }
        Err(Failure::new(
            Exit::Locked,
            format!(
                "the lock file {} keeps changing hands: is another watch starting?",
                path.display()
            ),
        ))
    }
}

impl Drop for WatchLock {
    fn drop(&mut self) {
        // Only our own lock: never the one of a copy that took over a lock we lost.
        if let Ok(Some(Some(holder))) = holder(&self.path) {
            if holder == self.pid {
                let _ = fs::remove_file(&self.path);
            }
        }
    }
}

/// Creates the lock file, failing when it exists, and writes `pid` into it.
fn create(path: &Path, pid: u32) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = file
        .write_all(format!("{pid}\n").as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(error) = written {
        let _ = fs::remove_file(path);
        return Err(error);
    }
    Ok(())
}

/// The holder's ID: `None` without a file, `Some(None)` when it holds no process ID.
fn holder(path: &Path) -> Result<Option<Option<u32>>, Failure> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text.trim().parse().ok())),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(Failure::file("read the lock file", path, &error)),
    }
}

/// Removes the stale lock of `holder`; `false` when it was gone or changed meanwhile. It is
/// moved aside first and checked, so a fresh lock another copy made meanwhile is put back.
fn take_over(path: &Path, holder: u32) -> Result<bool, Failure> {
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".stale-{}", std::process::id()));
    let aside = PathBuf::from(aside);
    match fs::rename(path, &aside) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(Failure::file("take over the lock file", path, &error)),
    }
    let moved = holder_of_aside(&aside);
    if moved != Some(holder) {
        // Someone's fresh lock: put it back unless a newer one is there already.
        let _ = fs::hard_link(&aside, path);
        let _ = fs::remove_file(&aside);
        return Ok(false);
    }
    let _ = fs::remove_file(&aside);
    Ok(true)
}

fn holder_of_aside(aside: &Path) -> Option<u32> {
    fs::read_to_string(aside).ok()?.trim().parse().ok()
}

/// The failure for a lock held by `holder`.
fn held(path: &Path, holder: u32, known: bool) -> Failure {
    let advice = if known {
        "stop it first (one auto-inviter per account)"
    } else {
        "stop it first, or remove the lock file if that process is gone"
    };
    Failure::new(
        Exit::Locked,
        format!(
            "another `vrchat-invite watch --auto-invite` for this account is running as process {holder} (lock file {}): {advice}",
            path.display()
        ),
    )
}

/// The failure for a lock file that does not hold a process ID.
fn unreadable(path: &Path) -> Failure {
    Failure::new(
        Exit::Locked,
        format!(
            "the lock file {} holds no process ID: remove it if no `vrchat-invite watch --auto-invite` runs for this account",
            path.display()
        ),
    )
}

/// Whether process `pid` runs: `None` where this cannot be told (no `/proc`). A zombie
/// (ended, not yet reaped) counts as gone.
fn process_alive(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !cfg!(target_os = "linux") || !proc.join("self").exists() {
        return None;
    }
    let Ok(stat) = fs::read_to_string(proc.join(pid.to_string()).join("stat")) else {
        return Some(false);
    };
    // `pid (name) S ...`: the state follows the last `)` (a name may hold one).
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next());
    Some(!matches!(state, Some('Z' | 'X')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cli-lock-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("folder");
        dir
    }

    #[test]
    fn a_held_lock_refuses_a_second_copy_naming_the_holder() {
        let dir = folder("held");
        let path = dir.join("bot.json.lock");
        let first = WatchLock::take_as(&path, 100, |_| Some(true)).expect("taken");
        assert!(first.stale.is_none());
        assert_eq!(fs::read_to_string(&path).expect("lock"), "100\n");
        let refused = WatchLock::take_as(&path, 200, |_| Some(true)).expect_err("held");
        assert_eq!(refused.exit(), Exit::Locked);
        assert!(refused.message().contains("process 100"), "{refused}");
        assert!(refused.message().contains("bot.json.lock"), "{refused}");
        let unknown = WatchLock::take_as(&path, 200, |_| None).expect_err("held");
        assert!(
            unknown.message().contains("remove the lock file"),
            "{unknown}"
        );
        drop(first);
        assert!(!path.exists(), "a released lock is removed");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_stale_lock_is_taken_over_and_a_lost_one_is_left_alone() {
        let dir = folder("stale");
        let path = dir.join("bot.json.lock");
        fs::write(&path, "100\n").expect("stale lock");
        let taken = WatchLock::take_as(&path, 200, |pid| Some(pid != 100)).expect("taken over");
        assert_eq!(taken.stale, Some(100));
        assert_eq!(fs::read_to_string(&path).expect("lock"), "200\n");
        // Another copy took it over meanwhile: dropping ours leaves theirs.
        fs::write(&path, "300\n").expect("theirs");
        drop(taken);
        assert_eq!(fs::read_to_string(&path).expect("lock"), "300\n");
        // A lock with this process's own ID is a leftover of an earlier life.
        let mine = WatchLock::take_as(&path, 300, |_| Some(true)).expect("own leftover");
        assert_eq!(mine.stale, Some(300));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_lock_without_a_process_id_is_refused_by_name() {
        let dir = folder("garbled");
        let path = dir.join("bot.json.lock");
        fs::write(&path, "").expect("empty lock");
        let refused = WatchLock::take_as(&path, 200, |_| Some(false)).expect_err("garbled");
        assert_eq!(refused.exit(), Exit::Locked);
        assert!(
            refused.message().contains("holds no process ID"),
            "{refused}"
        );
        assert!(path.exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_alive_and_a_reaped_child_is_not() {
        assert_eq!(process_alive(std::process::id()), Some(true));
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let pid = child.id();
        child.wait().expect("reaped");
        assert_eq!(process_alive(pid), Some(false));
    }
}
