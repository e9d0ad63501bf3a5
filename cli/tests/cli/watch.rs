//! `watch`: events printed as they arrive, `--count`, `--json`, and `--auto-invite`.

use vrchat_invite_core::invite::{InviteUser, RequestInvite};
use vrchat_invite_core::models::NotificationType;
use vrchat_invite_core::{BaseUrl, Endpoint, Session, UserAgent, UserId};

use crate::harness::{USER_AGENT, World};
use crate::live::Live;

pub(crate) const LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)";

/// A session of `user` straight from the simulator.
pub(crate) fn session_of(world: &World, user: &UserId) -> Session {
    Session::new(UserAgent::new(USER_AGENT).expect("agent"))
        .with_base_url(BaseUrl::new(world.sim.base_url()).expect("base"))
        .with_auth_cookie(world.sim.open_session(user))
}

pub(crate) fn send<E: Endpoint>(world: &World, session: &Session, endpoint: &E) -> E::Output {
    let reply = world
        .sim
        .send(&session.request(endpoint).expect("request"))
        .expect("reply");
    endpoint.parse(&reply).expect("success")
}

/// Starts `watch` as bob and waits (bounded) until it caught up after connecting: what is
/// sent from then on is new to it.
fn start_watch(world: &World, args: &[&str]) -> Live {
    let mut command = world.command("bob");
    command.arg("watch").args(args);
    Live::caught_up(command)
}

/// Waits for `live` to exit and returns its code, stdout and stderr.
fn finish(live: Live) -> (Option<i32>, String, String) {
    let ended = live.finish();
    let mut stdout = ended.stdout.join("\n");
    if !stdout.is_empty() {
        stdout.push('\n');
    }
    (ended.code, stdout, ended.stderr)
}

#[test]
fn watch_prints_one_json_line_per_event_and_stops_after_count() {
    let world = World::new("watch-json");
    world.log_in_bob();
    let child = start_watch(&world, &["--json", "--count", "2"]);
    let alice = session_of(&world, &world.alice.id);
    let sent = send(
        &world,
        &alice,
        &InviteUser::new(world.bob.id.clone(), LOCATION.parse().expect("location")),
    );
    world.sim.move_friend(&world.alice.id, LOCATION);
    let (code, stdout, _) = finish(child);
    assert_eq!(code, Some(0), "{stdout}");
    let (connection, lines): (Vec<serde_json::Value>, Vec<serde_json::Value>) = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .partition(|line: &serde_json::Value| line["type"] == "_connection");
    let states: Vec<_> = connection
        .iter()
        .map(|line| &line["content"]["state"])
        .collect();
    assert_eq!(states, ["connected", "caught-up"], "{stdout}");
    assert_eq!(connection[1]["content"]["missed"], 0, "{stdout}");
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(lines[0]["type"], "notification");
    assert_eq!(lines[0]["content"]["id"], sent.id.as_str());
    assert_eq!(lines[0]["content"]["type"], "invite");
    assert_eq!(lines[1]["type"], "friend-location");
    assert_eq!(lines[1]["content"]["userId"], world.alice.id.as_str());
}

#[test]
fn auto_invite_answers_an_invite_request_with_an_invite() {
    let world = World::new("watch-auto-invite");
    world.log_in_bob();
    let child = start_watch(
        &world,
        &["--count", "1", "--auto-invite", LOCATION, "--slot", "2"],
    );
    let alice = session_of(&world, &world.alice.id);
    let request = send(&world, &alice, &RequestInvite::new(world.bob.id.clone()));
    let (code, stdout, stderr) = finish(child);
    assert_eq!(code, Some(0), "{stdout}");
    // The connection's life goes to stderr, never among the events.
    assert!(stderr.contains("watch: connected\n"), "{stderr}");
    assert!(
        stderr.contains("watch: caught up 0 missed notifications\n"),
        "{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with(&format!("requestInvite {}", request.id)),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(&format!("invited {}", world.alice.id)),
        "{stdout}"
    );
    let invites: Vec<_> = world
        .sim
        .notifications_for(&world.alice.id)
        .into_iter()
        .filter(|n| n.kind == NotificationType::Invite)
        .collect();
    assert_eq!(invites.len(), 1);
    assert_eq!(invites[0].sender_user_id, world.bob.id);
    let details = invites[0].details.as_invite().expect("invite details");
    assert_eq!(details.world_id, LOCATION);
    assert!(
        details.invite_message.is_some(),
        "slot 2's message was sent"
    );
}

/// A `notification` event as the pipeline pushes it to bob, from alice (named when `name`),
/// with `message` as the invite message.
fn push_invite(world: &World, id: &str, name: Option<&str>, world_name: &str, message: &str) {
    let mut content = serde_json::json!({
        "id": id,
        "type": "invite",
        "created_at": world.sim.now(),
        "details": {"worldId": LOCATION, "worldName": world_name, "inviteMessage": message},
        "message": "",
        "senderUserId": world.alice.id,
        "receiverUserId": world.bob.id,
    });
    if let Some(name) = name {
        content["senderUsername"] = serde_json::json!(name);
    }
    world
        .sim
        .push_pipeline_event(&world.bob.id, "notification", &content);
}

#[test]
fn server_text_cannot_forge_an_event_line() {
    let world = World::new("watch-forged");
    world.log_in_bob();
    let child = start_watch(&world, &["--count", "3"]);
    let forged = "invite not_FORGED from usr_admin";
    push_invite(&world, "not_p1", None, &format!("Lake\n{forged}"), "hi");
    push_invite(
        &world,
        "not_p2",
        Some(&format!("Alice\r\n{forged}")),
        "Lake",
        "hi",
    );
    push_invite(
        &world,
        "not_p3",
        None,
        "Lake",
        &format!("hi\r{forged}\nbye"),
    );
    let (code, stdout, _) = finish(child);
    assert_eq!(code, Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "three events, three lines: {stdout}");
    for (line, id) in lines.iter().zip(["not_p1", "not_p2", "not_p3"]) {
        assert!(line.starts_with(&format!("invite {id} from ")), "{stdout}");
        assert!(!line.contains('\r'), "{stdout:?}");
    }
    assert!(
        lines[2].contains("hi\\rinvite not_FORGED from usr_admin\\nbye"),
        "{stdout}"
    );
}

#[test]
fn watch_shows_the_senders_name_with_the_id() {
    let world = World::new("watch-names");
    world.log_in_bob();
    let child = start_watch(&world, &["--count", "2"]);
    push_invite(&world, "not_n1", Some("Alice"), "Lake", "Come!");
    push_invite(&world, "not_n2", None, "Lake", "Come!");
    let (code, stdout, _) = finish(child);
    assert_eq!(code, Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    let alice = world.alice.id.as_str();
    assert!(
        lines[0].starts_with(&format!("invite not_n1 from Alice ({alice}), to ")),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(&format!("invite not_n2 from {alice}, to ")),
        "{stdout}"
    );
}
