//! Runs the `vrchat-invite` binary against a simulator, with every wait bounded.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use vrchat_invite_sim::{SimUser, Simulator, UserSpec};

/// The longest any one command may take before the test fails.
pub const COMMAND_LIMIT: Duration = Duration::from_secs(60);

/// A User-Agent of the required shape.
pub const USER_AGENT: &str = "CliTest/1.0 tests@example.com";

pub const ALICE_PASSWORD: &str = "alice-Pa55word-for-tests";
pub const BOB_PASSWORD: &str = "bob-Pa55word-for-tests";
pub const CAROL_PASSWORD: &str = "carol-Pa55word-for-tests";

/// What a finished command left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "command failed: {self:#?}");
        &self.stdout
    }

    /// Asserts the exit code and a one-line error on stderr; returns that line.
    #[track_caller]
    pub fn failed_with(&self, code: i32) -> String {
        assert_eq!(self.code, code, "wrong exit code: {self:#?}");
        let line = self.stderr.trim_end();
        assert!(line.starts_with("error: "), "{self:#?}");
        assert_eq!(line.lines().count(), 1, "error is not one line: {self:#?}");
        line.to_owned()
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.ok()).unwrap_or_else(|error| panic!("{error}: {self:#?}"))
    }
}

/// A scratch directory under the target directory, fresh for each test.
pub fn scratch_dir(name: &str) -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The binary with no `VRCHAT_INVITE_*` variables and its config directory in `home`.
pub fn bare_command(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vrchat-invite"));
    for name in [
        "VRCHAT_INVITE_USER_AGENT",
        "VRCHAT_INVITE_BASE_URL",
        "VRCHAT_INVITE_SESSION_FILE",
    ] {
        command.env_remove(name);
    }
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn reader<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_string(&mut text);
        }
        text
    })
}

/// Kills `child` if it is still running at `deadline`; `None` then.
pub fn wait_until(child: &mut Child, deadline: Instant) -> Option<i32> {
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status.code().unwrap_or(-1));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `command` with `stdin`, waiting at most [`COMMAND_LIMIT`].
pub fn run(mut command: Command, stdin: &str) -> Run {
    let mut child = command.spawn().expect("spawn vrchat-invite");
    if let Some(mut input) = child.stdin.take() {
        // The command may exit without reading; a broken pipe is fine then.
        let _ = input.write_all(stdin.as_bytes());
    }
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let code = wait_until(&mut child, Instant::now() + COMMAND_LIMIT);
    let run = Run {
        code: code.unwrap_or(-1),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    };
    assert!(code.is_some(), "command timed out: {run:#?}");
    run
}

/// A simulator with alice (TOTP), bob (friend of alice) and carol (nobody's friend), and a
/// scratch home. Every output is kept to check that no secret was printed.
pub struct World {
    pub sim: Simulator,
    pub alice: SimUser,
    pub bob: SimUser,
    pub carol: SimUser,
    pub home: PathBuf,
    outputs: RefCell<Vec<String>>,
    secrets: RefCell<Vec<String>>,
}

impl World {
    pub fn new(name: &str) -> World {
        let sim = Simulator::start().expect("simulator");
        let alice = sim.add_user(
            UserSpec::new("alice", ALICE_PASSWORD)
                .display_name("Alice")
                .with_totp(),
        );
        let bob = sim.add_user(UserSpec::new("bob", BOB_PASSWORD).display_name("Bob"));
        let carol = sim.add_user(UserSpec::new("carol", CAROL_PASSWORD).display_name("Carol"));
        sim.make_friends(&alice.id, &bob.id);
        let secrets = vec![
            ALICE_PASSWORD.to_owned(),
            BOB_PASSWORD.to_owned(),
            CAROL_PASSWORD.to_owned(),
        ];
        World {
            sim,
            alice,
            bob,
            carol,
            home: scratch_dir(name),
            outputs: RefCell::new(Vec::new()),
            secrets: RefCell::new(secrets),
        }
    }

    /// The session file of `who`.
    pub fn session_file(&self, who: &str) -> PathBuf {
        self.home.join("sessions").join(who).join("session.json")
    }

    /// The binary for `who`, pointed at the simulator through the environment.
    pub fn command(&self, who: &str) -> Command {
        let mut command = bare_command(&self.home);
        command
            .env("VRCHAT_INVITE_USER_AGENT", USER_AGENT)
            .env("VRCHAT_INVITE_BASE_URL", self.sim.base_url())
            .env("VRCHAT_INVITE_SESSION_FILE", self.session_file(who));
        command
    }

    /// Runs a prepared command and keeps its output.
    pub fn run_command(&self, command: Command, stdin: &str) -> Run {
        let run = run(command, stdin);
        self.outputs
            .borrow_mut()
            .extend([run.stdout.clone(), run.stderr.clone()]);
        run
    }

    /// Runs `args` as `who`.
    pub fn run(&self, who: &str, args: &[&str], stdin: &str) -> Run {
        let mut command = self.command(who);
        command.args(args);
        self.run_command(command, stdin)
    }

    /// Marks `secret` as never to be printed.
    pub fn secret(&self, secret: impl Into<String>) {
        self.secrets.borrow_mut().push(secret.into());
    }

    /// Marks the cookies in `who`'s session file as secrets.
    pub fn cookies_are_secret(&self, who: &str) {
        let text = std::fs::read_to_string(self.session_file(who)).expect("session file");
        let saved: serde_json::Value = serde_json::from_str(&text).expect("session JSON");
        for field in ["auth", "two_factor"] {
            if let Some(value) = saved[field].as_str() {
                self.secret(value);
            }
        }
    }

    /// Logs alice in with her password and current TOTP code through stdin.
    pub fn log_in_alice(&self) -> Run {
        let code = self.sim.totp_code(&self.alice.id).expect("alice has totp");
        self.secret(code.clone());
        let run = self.run(
            "alice",
            &["login", "--username", "alice"],
            &format!("{ALICE_PASSWORD}\n{code}\n"),
        );
        run.ok();
        self.cookies_are_secret("alice");
        run
    }

    /// Logs bob in (no 2FA), the username read from stdin.
    pub fn log_in_bob(&self) -> Run {
        let run = self.run("bob", &["login"], &format!("bob\n{BOB_PASSWORD}\n"));
        run.ok();
        self.cookies_are_secret("bob");
        run
    }
}

impl Drop for World {
    fn drop(&mut self) {
        if !thread::panicking() {
            let outputs = self.outputs.borrow();
            assert!(!outputs.is_empty(), "no command ran");
            for secret in self.secrets.borrow().iter() {
                for output in outputs.iter() {
                    assert!(
                        !output.contains(secret.as_str()),
                        "a secret was printed: {output}"
                    );
                }
            }
        }
        let _ = std::fs::remove_dir_all(&self.home);
    }
}
