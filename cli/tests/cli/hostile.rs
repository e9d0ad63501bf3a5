//! What a server sends cannot drive the terminal, and the messages that help: a reply that
//! could not be read after a send, slots that are not numbers, a base URL without
//! `/api/1`, a never-edited slot, a user named by name; and logins that forgive a typo,
//! offer recovery codes and switch accounts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use crate::exit;
use crate::harness::{ALICE_PASSWORD, BOB_PASSWORD, World};

/// A server on 127.0.0.1 that answers every request with `status` and `body`, for at most
/// 16 connections, one request each.
fn hostile_server(status: u16, body: impl Into<String>) -> String {
    let body = body.into();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(stream) = stream else { continue };
            answer(stream, status, &body);
        }
    });
    format!("http://{addr}/api/1")
}

fn answer(stream: TcpStream, status: u16, body: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream);
    let mut length = 0_usize;
    for _ in 0..100 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut request_body = vec![0; length.min(1 << 20)];
    let _ = reader.read_exact(&mut request_body);
    let reply = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = reader.get_mut().write_all(reply.as_bytes());
}

/// Saves a session for `who` that points at `base_url`.
fn save_session(world: &World, who: &str, base_url: &str) {
    let path = world.session_file(who);
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    let session = serde_json::json!({
        "base_url": base_url,
        "user_agent": crate::harness::USER_AGENT,
        "auth": "authcookie_hostiletest",
        "user_id": "usr_me",
    });
    std::fs::write(&path, session.to_string()).expect("write session");
}

fn run_against(world: &World, base_url: &str, args: &[&str]) -> crate::harness::Run {
    save_session(world, "mallory", base_url);
    let mut command = world.command("mallory");
    command.env("VRCHAT_INVITE_BASE_URL", base_url).args(args);
    world.run_command(command, "")
}

/// Whether `text` holds anything that drives a terminal.
fn drives_the_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        c != '\n' && c != '\t' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
    })
}

const ESCAPES: &str = r#"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e"#;

#[test]
fn server_text_cannot_drive_the_terminal() {
    let world = World::new("hostile-terminal");
    let list = format!(
        r#"[{{"canBeUpdated":true,"id":"default","message":"hi{ESCAPES}there","messageType":"message","remainingCooldownMinutes":0,"slot":0,"updatedAt":"2021-01-01T00:00:00Z"}}]"#
    );
    let base = hostile_server(200, list);
    let run = run_against(&world, &base, &["messages", "list"]);
    let stdout = run.ok();
    assert!(stdout.contains("hi^[]0;pwned^G^[[2J"), "{stdout}");
    assert!(!drives_the_terminal(stdout), "{stdout:?}");

    // --json keeps the text exactly, escaped by serde.
    let run = run_against(&world, &base, &["--json", "messages", "list"]);
    assert_eq!(
        run.json()[0]["message"],
        "hi\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}there"
    );

    let error = format!(r#"{{"error":{{"message":"bad{ESCAPES}","status_code":500}}}}"#);
    let base = hostile_server(500, error);
    let run = run_against(&world, &base, &["messages", "get", "--slot", "1"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("bad^[]0;pwned"), "{}", run.stderr);
    assert!(!drives_the_terminal(&run.stderr), "{:?}", run.stderr);
}

#[test]
fn an_unreadable_reply_to_an_invite_says_not_to_resend() {
    let world = World::new("hostile-unreadable");
    let base = hostile_server(200, "<html>Invite sent!</html>");
    let run = run_against(
        &world,
        &base,
        &["invite", "usr_friend", "--location", "wrld_1:123"],
    );
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("sent, but the reply could not be read; do not resend"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_slot_that_is_not_a_number_is_named() {
    let world = World::new("slot-text");
    let run = world.run("bob", &["messages", "get", "--slot", "abc"], "");
    assert_eq!(run.code, exit::USAGE);
    assert!(
        run.stderr.contains("\"abc\" is not a number"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("9223372036854775807"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_base_url_without_api_1_is_pointed_out() {
    let world = World::new("base-url-hint");
    let root = world.sim.base_url().trim_end_matches("/api/1").to_owned();
    let run = world.run(
        "bob",
        &["--base-url", &root, "login", "--username", "bob"],
        &format!("{BOB_PASSWORD}\n"),
    );
    let line = run.failed_with(exit::NOT_FOUND);
    assert!(
        line.starts_with(&format!(
            "error: check the base URL {root}: VRChat's API lives under /api/1"
        )),
        "{line}"
    );
    assert!(!line.contains("it was not found"), "{line}");
}

#[test]
fn a_huge_slot_says_the_range() {
    let world = World::new("slot-huge");
    for slot in ["99999999999999999999", "12"] {
        let run = world.run("bob", &["messages", "get", "--slot", slot], "");
        assert_eq!(run.code, exit::USAGE, "{run:#?}");
        assert!(run.stderr.contains("slot must be 0 to 11"), "{run:#?}");
        assert!(!run.stderr.contains("9223372036854775807"), "{run:#?}");
    }
}

#[test]
fn resetting_a_never_edited_slot_says_so() {
    let world = World::new("reset-unedited");
    world.log_in_bob();
    let line = world
        .run("bob", &["messages", "reset", "--slot", "4"], "")
        .failed_with(exit::NOT_FOUND);
    assert!(line.contains("never edited"), "{line}");
}

#[test]
fn a_user_given_by_name_hints_at_the_id() {
    let world = World::new("user-by-name");
    world.log_in_bob();
    let line = world
        .run("bob", &["invite", "alice", "--location", "wrld_1:123"], "")
        .failed_with(exit::NOT_FOUND);
    assert!(line.contains("usr_"), "{line}");
}

#[test]
fn a_wrong_code_can_be_typed_again() {
    let world = World::new("login-retry");
    let code = world.sim.totp_code(&world.alice.id).expect("totp");
    world.secret(code.clone());
    let wrong = if code == "123456" { "654321" } else { "123456" };
    let run = world.run(
        "alice",
        &["login", "--username", "alice"],
        &format!("{ALICE_PASSWORD}\n{wrong}\n{code}\n"),
    );
    assert!(run.ok().contains("Logged in as Alice"), "{run:#?}");
    world.cookies_are_secret("alice");
    assert_eq!(world.sim.active_sessions(&world.alice.id), 1);
    assert_eq!(world.sim.operation_counts().get("verify2FA"), Some(&2));
}

#[test]
fn a_recovery_code_is_offered() {
    let world = World::new("login-otp");
    let recovery = world.sim.recovery_codes(&world.alice.id)[0].clone();
    world.secret(recovery.clone());
    let run = world.run(
        "alice",
        &["login", "--username", "alice"],
        &format!("{ALICE_PASSWORD}\notp\n{recovery}\n"),
    );
    assert!(run.ok().contains("Logged in as Alice"), "{run:#?}");
    world.cookies_are_secret("alice");
    assert_eq!(
        world.sim.operation_counts().get("verifyRecoveryCode"),
        Some(&1)
    );
    assert!(
        !world
            .sim
            .recovery_codes(&world.alice.id)
            .contains(&recovery)
    );
}

#[test]
fn another_username_logs_the_other_account_in() {
    let world = World::new("login-switch");
    world.log_in_alice();
    // Bob logs in with the session file that holds Alice's session.
    let mut command = world.command("alice");
    command.args(["login", "--username", "bob"]);
    let run = world.run_command(command, &format!("{BOB_PASSWORD}\n"));
    let stdout = run.ok();
    assert!(stdout.contains("Logged in as Bob"), "{stdout}");
    assert!(run.stderr.contains("logged it out"), "{}", run.stderr);
    assert_eq!(world.sim.active_sessions(&world.alice.id), 0);
    let saved: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(world.session_file("alice")).expect("session file"),
    )
    .expect("JSON");
    assert_eq!(saved["user_id"], world.bob.id.as_str());
    world.cookies_are_secret("alice");

    // The same name (any case) reuses the session; an email cannot be told apart.
    let again = world.run("alice", &["--json", "login", "--username", "BOB"], "");
    assert_eq!(again.json()["reusedSession"], true);
    let line = world
        .run("alice", &["login", "--username", "bob@example.com"], "")
        .failed_with(exit::USAGE);
    assert!(line.contains("cannot be told"), "{line}");
}

#[test]
fn a_base_url_with_a_password_is_refused_without_showing_it() {
    let world = World::new("base-url-userinfo");
    world.secret("hunter2-in-url");
    let run = world.run(
        "bob",
        &[
            "--base-url",
            "http://bob:hunter2-in-url@127.0.0.1:9/api/1",
            "login",
            "--username",
            "bob",
        ],
        &format!("{BOB_PASSWORD}\n"),
    );
    let line = run.failed_with(exit::USAGE);
    assert!(line.contains("user name or password"), "{line}");
    assert_eq!(world.sim.request_count(), 0);
}
