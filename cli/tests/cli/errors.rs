//! Configuration errors: User-Agent, login state, base URL, network, `--help`.

use crate::exit;
use crate::harness::{BOB_PASSWORD, World, bare_command, run, scratch_dir};

#[test]
fn missing_or_malformed_user_agent_says_how_to_set_it() {
    let world = World::new("user-agent");
    let mut command = world.command("bob");
    command
        .env_remove("VRCHAT_INVITE_USER_AGENT")
        .args(["login", "--username", "bob"]);
    let run = world.run_command(command, &format!("{BOB_PASSWORD}\n"));
    let line = run.failed_with(exit::USER_AGENT);
    assert!(line.contains("--user-agent"), "{line}");
    assert!(line.contains("VRCHAT_INVITE_USER_AGENT"), "{line}");

    let run = world.run("bob", &["--user-agent", "curl", "login"], "");
    let line = run.failed_with(exit::USER_AGENT);
    assert!(line.contains("AppName/version contact"), "{line}");
    assert_eq!(world.sim.request_count(), 0);

    // After a login the saved session remembers the User-Agent.
    world.log_in_bob();
    let mut command = world.command("bob");
    command
        .env_remove("VRCHAT_INVITE_USER_AGENT")
        .args(["messages", "get", "--slot", "0"]);
    world.run_command(command, "").ok();
}

#[test]
fn commands_need_a_login_for_this_base_url() {
    let world = World::new("not-logged-in");
    for args in [
        &["messages", "list"][..],
        &["invite", "usr_x", "--location", "wrld_1:2"],
        &["invite-me", "wrld_1:2"],
        &["request", "usr_x"],
        &["respond", "not_x", "--slot", "1"],
    ] {
        let line = world.run("bob", args, "").failed_with(exit::NOT_LOGGED_IN);
        assert!(line.contains("vrchat-invite login"), "{args:?}: {line}");
    }

    world.log_in_bob();
    let other = "http://127.0.0.1:9/api/1";
    let line = world
        .run("bob", &["--base-url", other, "messages", "list"], "")
        .failed_with(exit::NOT_LOGGED_IN);
    assert!(
        line.contains("not logged in at http://127.0.0.1:9/api/1"),
        "{line}"
    );
    assert_eq!(world.sim.operation_counts().get("getInviteMessages"), None);
}

#[test]
fn unreachable_server_is_a_network_error() {
    let world = World::new("network");
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let base = format!("http://127.0.0.1:{port}/api/1");
    let run = world.run(
        "bob",
        &["--base-url", &base, "login", "--username", "bob"],
        "pw\n",
    );
    let line = run.failed_with(exit::NETWORK);
    assert!(line.contains("could not connect to 127.0.0.1"), "{line}");
}

#[test]
fn help_documents_the_exit_codes() {
    let home = scratch_dir("help");
    let mut command = bare_command(&home);
    command.arg("--help");
    let help = run(command, "");
    let text = help.ok();
    assert!(text.contains("Exit codes:"), "{text}");
    for line in [
        "  2  bad arguments or input",
        "  3  no User-Agent",
        "  4  not logged in",
        " 10  that user is not your friend",
        " 12  the message slot is cooling down",
        " 23  a local file could not be read or written",
        " 24  another `watch --auto-invite` runs for this account",
    ] {
        assert!(text.contains(line), "missing {line:?} in {text}");
    }
    let _ = std::fs::remove_dir_all(home);
}

#[test]
fn damaged_session_file_is_a_file_error_without_its_content() {
    let world = World::new("damaged");
    let path = world.session_file("bob");
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    std::fs::write(&path, r#"{"user_agent": 1, "auth": "authcookie_leaky"}"#).expect("write");
    world.secret("authcookie_leaky");
    let line = world
        .run("bob", &["messages", "list"], "")
        .failed_with(exit::FILE);
    assert!(line.contains("damaged"), "{line}");
    // Logging in replaces it.
    world.log_in_bob();
}
