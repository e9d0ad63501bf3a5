//! `demo` and `sim`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use vrchat_invite_core::models::Timestamp;

use crate::harness::{USER_AGENT, bare_command, run, scratch_dir, wait_until};

#[test]
fn demo_runs_the_whole_scenario() {
    let home = scratch_dir("demo");
    let mut command = bare_command(&home);
    command.arg("demo");
    let demo = run(command, "");
    let text = demo.ok();
    for expected in [
        "A simulated VRChat is running",
        "Base URL: http://127.0.0.1:",
        "Logged in as Alice",
        "Logged in as Bob",
        "SLOT  STATUS",
        "Refused, as expected: message slot 3 is cooling down: try again in 60 minutes",
        "60 minutes pass on the simulated clock",
        "Accepted. Now: message slot 3",
        "Alice invites Bob",
        "- invite not_",
        "- inviteResponse not_",
        "grant ID --location",
        "Bob runs `vrchat-invite watch`",
        "    watch: invite not_",
        "Both log out",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(demo.stderr.is_empty(), "{demo:#?}");
    let _ = std::fs::remove_dir_all(home);
}

#[test]
fn the_demo_ends_with_commands_that_run_here() {
    let home = scratch_dir("demo-next");
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_vrchat-invite"));
    let installed = binary.parent().expect("the binary's directory");
    let empty = home.join("empty-bin");
    std::fs::create_dir_all(&empty).expect("dir");
    for (path, expected, unexpected) in [
        (
            empty.as_path(),
            "  cargo run -p vrchat-invite-cli -- sim ",
            "  vrchat-invite sim ",
        ),
        (
            installed,
            "  vrchat-invite sim ",
            "cargo run -p vrchat-invite-cli",
        ),
    ] {
        let mut command = bare_command(&home);
        command.arg("demo").env("PATH", path);
        let demo = run(command, "");
        let text = demo.ok();
        let next = text
            .split("Done. Next:")
            .nth(1)
            .unwrap_or_else(|| panic!("no next steps in:\n{text}"));
        assert!(next.contains(expected), "{expected:?} in:\n{next}");
        assert!(!next.contains(unexpected), "{unexpected:?} in:\n{next}");
        if path == empty.as_path() {
            assert!(next.contains("cargo install --locked --path cli"), "{next}");
        }
    }
    let _ = std::fs::remove_dir_all(home);
}

#[test]
fn sim_serves_on_a_free_port_and_prints_the_base_url() {
    let home = scratch_dir("sim");
    let mut command = bare_command(&home);
    command.args(["sim", "--port", "0"]);
    let mut child = command.spawn().expect("spawn sim");
    let stdout = child.stdout.take().expect("stdout");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut printed = Vec::new();
    while !printed
        .iter()
        .any(|line: &String| line.starts_with("Serving until stopped"))
    {
        let left = deadline.saturating_duration_since(Instant::now());
        match received.recv_timeout(left) {
            Ok(line) => printed.push(line),
            Err(_) => break,
        }
    }
    let base_url = printed
        .first()
        .and_then(|line| line.strip_prefix("VRChat simulator listening at "))
        .map(str::to_owned);
    let all = printed.join("\n");

    // The served simulator works for another process: log bob in with the printed password.
    let login = base_url.as_ref().map(|base_url| {
        let mut command = bare_command(&home);
        command.args([
            "--base-url",
            base_url,
            "--user-agent",
            USER_AGENT,
            "--session-file",
            home.join("session.json").to_str().expect("path"),
            "login",
            "--username",
            "bob",
        ]);
        run(command, "bob-demo-password\n")
    });

    let clock = base_url.as_deref().map(sim_clock);
    let still_running = wait_until(&mut child, Instant::now()).is_none();
    let _ = std::fs::remove_dir_all(&home);

    let base_url = base_url.unwrap_or_else(|| panic!("no base URL in:\n{all}"));
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
    assert!(base_url.ends_with("/api/1"), "{base_url}");
    assert!(all.contains("alice-demo-password"), "{all}");
    assert!(all.contains("authenticator code is "), "{all}");
    let port = base_url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches("/api/1");
    assert!(
        all.contains(&format!(
            "Its pipeline (live events): ws://127.0.0.1:{port}/pipeline"
        )),
        "{all}"
    );
    assert!(still_running, "sim exited on its own");
    let login = login.expect("login ran");
    assert!(login.ok().contains("Logged in as Bob"), "{login:#?}");
    // The served clock starts at the real time (within a day: only the date matters here).
    let clock = clock.expect("clock read");
    let real = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| i64::try_from(since.as_millis()).expect("millis"))
        .expect("after 1970");
    let served = Timestamp::new(clock.as_str())
        .unix_millis()
        .unwrap_or_else(|| panic!("a timestamp: {clock}"));
    assert!((real - served).abs() < 86_400_000, "served {clock}");
}

/// `GET {base}/_sim/clock` over a plain socket: the `now` it reports.
fn sim_clock(base_url: &str) -> String {
    let authority = base_url
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .expect("authority");
    let mut stream = TcpStream::connect(authority).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET /api/1/_sim/clock HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: {USER_AGENT}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    let body = reply.split("\r\n\r\n").nth(1).expect("a body");
    let json: serde_json::Value = serde_json::from_str(body.trim()).expect("json");
    json["now"].as_str().expect("now").to_owned()
}

#[test]
fn sim_help_lists_the_test_controls() {
    let home = scratch_dir("sim-help");
    let mut command = bare_command(&home);
    command.args(["sim", "--help"]);
    let run = run(command, "");
    assert_eq!(run.code, 0, "{run:#?}");
    for control in [
        "POST {base}/_sim/clock/advance",
        "POST {base}/_sim/users",
        "GET  {base}/_sim/users/{id}/totp",
        "secret (base32",
        "GET  {base}/_sim/users/{id}/email-code",
        "POST {base}/_sim/friendships",
        "GET  {base}/_sim/requests",
        "POST {base}/_sim/reset",
        "POST {base}/_sim/pipeline/push",
        "POST {base}/_sim/pipeline/refuse",
    ] {
        assert!(run.stdout.contains(control), "{control} in {}", run.stdout);
    }
}
