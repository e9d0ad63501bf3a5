//! The README's walk through the command line, run as written against the simulator: only
//! the port, what a person types at the login prompts, and the pause before the live invite
//! are the test's own.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use vrchat_invite_core::models::NotificationType;

use crate::harness::{COMMAND_LIMIT, scratch_dir, wait_until};

/// The lines between the README's walk markers, without the code fence.
fn walk() -> Vec<String> {
    let readme = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("README.md"),
    )
    .expect("README.md");
    let start = readme.find("<!-- cli-walk -->").expect("walk start marker");
    let end = readme.find("<!-- /cli-walk -->").expect("walk end marker");
    readme[start..end]
        .lines()
        .skip(1)
        .filter(|line| !line.starts_with("```"))
        .map(str::to_owned)
        .collect()
}

/// The walk as a script for this simulator: the login lines read what a person would type
/// from a file, and `sleep` waits until the watch is connected (the test says so through
/// `ready`) instead of a fixed time.
fn script(lines: &[String], port: u16, answers: &Path, ready: &Path) -> String {
    let mut script = String::from("set -eu\n");
    for line in lines {
        let line = line.replace("127.0.0.1:8080", &format!("127.0.0.1:{port}"));
        let line = if line.trim() == "sleep 2" {
            format!(
                "for _ in $(seq 1 1500); do [ -e '{}' ] && break; sleep 0.02; done",
                ready.display()
            )
        } else if let Some(who) = ["alice", "bob"]
            .into_iter()
            .find(|who| line.starts_with(&format!("{who} login --username")))
        {
            format!("<'{}' {line}", answers.join(who).display())
        } else {
            line
        };
        script.push_str(&line);
        script.push('\n');
    }
    script
}

/// The directory of the binary under test, first on the PATH, as `cargo install` would.
fn path_with_binary() -> std::ffi::OsString {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_vrchat-invite"));
    let mut dirs = vec![binary.parent().expect("bin dir").to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH")
}

#[test]
fn the_readme_walk_runs_as_written() {
    let lines = walk();
    assert!(lines.len() > 10, "{lines:?}");
    for line in &lines {
        assert!(!line.contains('…'), "a placeholder in the walk: {line}");
    }
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let dir = scratch_dir("readme-walk");
    let answers = dir.join("answers");
    std::fs::create_dir_all(&answers).expect("answers dir");
    let code = sim.totp_code(&accounts.alice.id).expect("alice has totp");
    let (first, second) = code.split_at(3);
    std::fs::write(
        answers.join("alice"),
        format!("{}\n{first} {second}\n", accounts.alice.password),
    )
    .expect("alice's answers");
    std::fs::write(answers.join("bob"), format!("{}\n", accounts.bob.password))
        .expect("bob's answers");
    let ready = dir.join("watching");
    let script_path = dir.join("walk.sh");
    std::fs::write(
        &script_path,
        script(&lines, sim.addr().port(), &answers, &ready),
    )
    .expect("script");

    let mut command = Command::new("bash");
    command
        .arg(&script_path)
        .current_dir(&dir)
        .env("PATH", path_with_binary())
        .env("HOME", &dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("VRCHAT_INVITE_USER_AGENT")
        .env_remove("VRCHAT_INVITE_BASE_URL")
        .env_remove("VRCHAT_INVITE_SESSION_FILE")
        .env_remove("VRCHAT_INVITE_PIPELINE_URL")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(dir.join("stdout")).expect("stdout file"))
        .stderr(std::fs::File::create(dir.join("stderr")).expect("stderr file"));
    let mut child = command.spawn().expect("bash");
    let deadline = Instant::now() + COMMAND_LIMIT * 2;
    while sim.open_pipeline_sockets(&accounts.bob.id) == 0 && Instant::now() < deadline {
        if child.try_wait().expect("try_wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::fs::write(&ready, "").expect("ready");
    let code = wait_until(&mut child, deadline);
    let stdout = std::fs::read_to_string(dir.join("stdout")).expect("stdout");
    let stderr = std::fs::read_to_string(dir.join("stderr")).expect("stderr");
    assert_eq!(code, Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");

    for expected in [
        "Logged in as Alice",
        "Logged in as Bob",
        "message slot 3: \"Meet me at the lake\"",
        "sent invite not_",
        "answered not_",
        "sent requestInvite not_",
        "granted not_",
        "the request is marked seen",
        "Logged out",
    ] {
        assert!(stdout.contains(expected), "{expected:?} in:\n{stdout}");
    }
    let watched: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("invite not_") && line.contains(" from "))
        .collect();
    assert_eq!(
        watched.len(),
        1,
        "the watch printed the live invite:\n{stdout}"
    );
    let invites = sim
        .notifications_for(&accounts.bob.id)
        .into_iter()
        .filter(|n| n.kind == NotificationType::Invite)
        .count();
    assert_eq!(invites, 3, "the invite, the grant and the live one");
    assert_eq!(sim.active_sessions(&accounts.alice.id), 0);
    assert_eq!(sim.active_sessions(&accounts.bob.id), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
