//! `login` and `logout`.

use crate::exit;
use crate::harness::{ALICE_PASSWORD, BOB_PASSWORD, World};

#[test]
fn login_with_two_factor_through_stdin_saves_a_private_session() {
    let world = World::new("login-2fa");
    let run = world.log_in_alice();
    assert!(run.stdout.contains("Logged in as Alice"), "{}", run.stdout);
    let path = world.session_file("alice");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("session file")).expect("JSON");
    assert_eq!(saved["user_id"], world.alice.id.as_str());
    assert!(saved["auth"].as_str().is_some_and(|auth| !auth.is_empty()));
    assert!(saved["two_factor"].as_str().is_some(), "device remembered");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &std::path::Path| {
            std::fs::metadata(path)
                .expect("metadata")
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().expect("dir")), 0o700);
    }

    // A second login reuses the saved session: no password is read.
    let again = world.run("alice", &["login", "--json"], "");
    let report = again.json();
    assert_eq!(report["reusedSession"], true);
    assert_eq!(report["id"], world.alice.id.as_str());
    assert_eq!(report["displayName"], "Alice");
    assert_eq!(
        world.sim.operation_counts().get("verifyAuthToken"),
        Some(&1)
    );
}

#[test]
fn login_asks_for_the_username_and_reports_json() {
    let world = World::new("login-prompt");
    let run = world.run(
        "bob",
        &["--json", "login"],
        &format!("bob\n{BOB_PASSWORD}\n"),
    );
    let report = run.json();
    assert_eq!(report["id"], world.bob.id.as_str());
    assert_eq!(report["reusedSession"], false);
    assert_eq!(
        report["sessionFile"],
        world.session_file("bob").display().to_string()
    );
    world.cookies_are_secret("bob");
}

#[test]
fn wrong_password_and_wrong_code_have_their_own_codes() {
    let world = World::new("login-wrong");
    let run = world.run("bob", &["login", "--username", "bob"], "not-the-password\n");
    let line = run.failed_with(exit::WRONG_PASSWORD);
    assert!(line.contains("wrong username or password"), "{line}");
    assert!(!world.session_file("bob").exists());

    let code = world.sim.totp_code(&world.alice.id).expect("totp");
    let wrong = if code == "123456" { "654321" } else { "123456" };
    let stdin = format!("{}\n{wrong}\n", crate::harness::ALICE_PASSWORD);
    let run = world.run("alice", &["login", "--username", "alice"], &stdin);
    let line = run.failed_with(exit::TWO_FACTOR);
    assert!(line.contains("two-factor code was not accepted"), "{line}");

    // stdin ends before a code is given: the login is cancelled, and the half-logged
    // session is kept so the next login finishes it with the code alone.
    std::fs::remove_file(world.session_file("alice")).expect("start afresh");
    let stdin = format!("{}\n", crate::harness::ALICE_PASSWORD);
    let run = world.run("alice", &["login", "--username", "alice"], &stdin);
    let line = run.failed_with(exit::TWO_FACTOR);
    assert!(line.contains("cancelled"), "{line}");
    assert!(world.session_file("alice").exists());
    world.cookies_are_secret("alice");
}

/// Requests that carried a password.
fn password_logins(world: &World) -> usize {
    world
        .sim
        .request_log()
        .iter()
        .filter(|request| request.headers.contains_key("authorization"))
        .count()
}

#[test]
fn a_login_stopped_at_the_code_is_finished_with_the_code_alone() {
    let world = World::new("login-resume");
    let stdin = format!("{ALICE_PASSWORD}\n");
    let run = world.run("alice", &["login", "--username", "alice"], &stdin);
    run.failed_with(exit::TWO_FACTOR);
    world.cookies_are_secret("alice");
    assert_eq!(password_logins(&world), 1);

    // Other commands send the saved session nowhere: it is not logged in yet.
    let line = world
        .run("alice", &["messages", "list"], "")
        .failed_with(exit::NOT_LOGGED_IN);
    assert!(line.contains("vrchat-invite login"), "{line}");

    // A password where the code is expected is not sent as a code.
    let run = world.run("alice", &["login", "--username", "alice"], &stdin);
    assert!(
        run.stderr.contains("enter your two-factor code"),
        "{run:#?}"
    );
    assert_eq!(run.code, exit::TWO_FACTOR, "{run:#?}");
    let line = run.stderr.trim_end().lines().last().unwrap_or_default();
    assert!(line.starts_with("error: login stopped"), "{run:#?}");
    assert!(line.contains("not a code (nothing was sent)"), "{line}");
    assert_eq!(world.sim.operation_counts().get("verify2FA"), None);

    // The code alone finishes the saved login: no second password login, one session.
    let code = world
        .sim
        .totp_code(&world.alice.id)
        .expect("alice has totp");
    world.secret(code.clone());
    let run = world.run("alice", &["login", "--json"], &format!("{code}\n"));
    assert!(
        run.stderr.contains("enter your two-factor code"),
        "{run:#?}"
    );
    let report = run.json();
    assert_eq!(report["id"], world.alice.id.as_str());
    assert_eq!(report["reusedSession"], false);
    assert_eq!(password_logins(&world), 1);
    assert_eq!(world.sim.active_sessions(&world.alice.id), 1);
    world.cookies_are_secret("alice");
    world.run("alice", &["messages", "list"], "").ok();
}

#[test]
fn logout_ends_the_session_and_deletes_the_file() {
    let world = World::new("logout");
    world.log_in_bob();
    let saved = std::fs::read(world.session_file("bob")).expect("session file");

    let run = world.run("bob", &["logout"], "");
    assert!(run.ok().contains("Logged out"), "{run:#?}");
    assert!(!world.session_file("bob").exists());
    assert_eq!(world.sim.operation_counts().get("logout"), Some(&1));

    let line = world
        .run("bob", &["messages", "list"], "")
        .failed_with(exit::NOT_LOGGED_IN);
    assert!(line.contains("vrchat-invite login"), "{line}");
    let again = world.run("bob", &["logout", "--json"], "").json();
    assert_eq!(again["wasLoggedIn"], false);

    // The old cookie, restored by hand, is refused by the server.
    std::fs::write(world.session_file("bob"), saved).expect("restore");
    let line = world
        .run("bob", &["messages", "list"], "")
        .failed_with(exit::SESSION_EXPIRED);
    assert!(line.contains("login"), "{line}");

    // Logging in again notices and asks for the password.
    world
        .run(
            "bob",
            &["login", "--username", "bob"],
            &format!("{BOB_PASSWORD}\n"),
        )
        .ok();
    world.cookies_are_secret("bob");
    world.run("bob", &["messages", "list"], "").ok();
}

#[test]
fn a_code_typed_with_spaces_or_dashes_is_accepted() {
    let world = World::new("login-spaced-code");
    let code = world.sim.totp_code(&world.alice.id).expect("totp");
    let (first, second) = code.split_at(3);
    for (who, typed) in [
        ("alice", format!("{first} {second}")),
        ("alice-again", format!(" {first}-{second} ")),
    ] {
        world.secret(typed.clone());
        let run = world.run(
            who,
            &["login", "--username", "alice"],
            &format!("{ALICE_PASSWORD}\n{typed}\n"),
        );
        assert!(
            run.ok().contains("Logged in as Alice"),
            "{typed:?}: {run:#?}"
        );
        world.cookies_are_secret(who);
    }
    world.secret(code);
    assert_eq!(world.sim.operation_counts().get("verify2FA"), Some(&2));
}

#[test]
fn switching_accounts_keeps_the_old_session_until_the_new_login_succeeds() {
    let world = World::new("login-switch-kept");
    world.log_in_bob();
    let saved = std::fs::read(world.session_file("bob")).expect("session file");
    let with = |stdin: &str| {
        let mut command = world.command("bob");
        command.args(["login", "--username", "alice"]);
        world.run_command(command, stdin)
    };
    // The password prompt ends (Ctrl-C, end of input), the password is wrong, the code is
    // not given: Bob's session stays, on the server and in the file.
    with("").failed_with(crate::exit::USAGE);
    with("not-the-password\n").failed_with(crate::exit::WRONG_PASSWORD);
    with(&format!("{ALICE_PASSWORD}\n")).failed_with(crate::exit::TWO_FACTOR);
    assert_eq!(world.sim.operation_counts().get("logout"), None);
    assert_eq!(world.sim.active_sessions(&world.bob.id), 1);
    assert_eq!(
        std::fs::read(world.session_file("bob")).expect("session file"),
        saved
    );
    let again = world.run("bob", &["--json", "login"], "").json();
    assert_eq!(again["reusedSession"], true);
    assert_eq!(again["id"], world.bob.id.as_str());

    // Once Alice's login succeeds, Bob's session is ended and Alice's saved.
    let code = world.sim.totp_code(&world.alice.id).expect("totp");
    world.secret(code.clone());
    let run = with(&format!("{ALICE_PASSWORD}\n{code}\n"));
    assert!(run.ok().contains("Logged in as Alice"), "{run:#?}");
    assert!(run.stderr.contains("logged it out"), "{run:#?}");
    assert_eq!(world.sim.active_sessions(&world.bob.id), 0);
    world.cookies_are_secret("bob");
    let saved: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(world.session_file("bob")).expect("session file"),
    )
    .expect("JSON");
    assert_eq!(saved["user_id"], world.alice.id.as_str());
}
