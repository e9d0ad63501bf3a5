//! `inbox`, `inbox seen/hide/clear`, and answering from what `inbox` lists: the invite loop
//! from the command line with no ID taken from the sender's side.

use serde_json::json;

use crate::exit;
use crate::harness::World;

const LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)";

/// The `id`s of a `--json` inbox listing, in order.
fn ids(listing: &serde_json::Value) -> Vec<String> {
    listing
        .as_array()
        .expect("array")
        .iter()
        .map(|item| item["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn receive_and_answer_from_the_inbox() {
    let world = World::new("inbox-loop");
    world.log_in_alice();
    world.log_in_bob();
    let (alice, bob) = (world.alice.id.as_str(), world.bob.id.as_str());

    assert_eq!(
        world.run("bob", &["inbox"], "").ok().trim(),
        "no notifications"
    );
    world
        .run(
            "alice",
            &["invite", bob, "--location", LOCATION, "--slot", "3"],
            "",
        )
        .ok();

    // Bob sees the invite in a table: ID, type, from, where, message, age (everything with
    // --wide).
    let table = world.run("bob", &["inbox", "--wide"], "");
    let lines: Vec<&str> = table.ok().lines().collect();
    assert_eq!(lines.len(), 2, "{table:#?}");
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("AGE"),
        "{table:#?}"
    );
    assert!(
        lines[1].starts_with("not_") && lines[1].contains("invite"),
        "{table:#?}"
    );
    assert!(
        lines[1].contains(alice) && lines[1].contains(LOCATION),
        "{table:#?}"
    );

    let listing = world.run("bob", &["inbox", "--json"], "").json();
    let invite = &listing[0];
    assert_eq!(invite["type"], "invite");
    assert_eq!(invite["senderUserId"], alice);
    let invite_id = invite["id"].as_str().expect("id").to_owned();

    let answer = world.run("bob", &["respond", &invite_id, "--slot", "0", "--json"], "");
    assert_eq!(answer.json()["type"], "inviteResponse");

    let alice_inbox = world
        .run("alice", &["inbox", "--type", "response", "--json"], "")
        .json();
    assert_eq!(
        alice_inbox.as_array().map(Vec::len),
        Some(1),
        "{alice_inbox}"
    );
    assert_eq!(alice_inbox[0]["type"], "inviteResponse");
    assert_eq!(alice_inbox[0]["senderUserId"], bob);

    // Bob asks for an invite; Alice finds the request and invites him.
    world.run("bob", &["request", alice], "").ok();
    let requests = world
        .run("alice", &["inbox", "--type", "request", "--json"], "")
        .json();
    assert_eq!(requests.as_array().map(Vec::len), Some(1), "{requests}");
    assert_eq!(requests[0]["type"], "requestInvite");
    let requester = requests[0]["senderUserId"].as_str().expect("sender");
    world
        .run("alice", &["invite", requester, "--location", LOCATION], "")
        .ok();
    let invites = world
        .run("bob", &["inbox", "--type", "invite", "--json"], "")
        .json();
    assert_eq!(invites.as_array().map(Vec::len), Some(2), "{invites}");
    assert_ne!(invites[0]["id"], json!(invite_id), "newest first");
    assert_eq!(invites[1]["id"], json!(invite_id));
}

#[test]
fn seen_hide_and_clear() {
    let world = World::new("inbox-manage");
    world.log_in_alice();
    world.log_in_bob();
    let bob = world.bob.id.as_str();
    for _ in 0..3 {
        world
            .run("alice", &["invite", bob, "--location", LOCATION], "")
            .ok();
    }
    let listing = world.run("bob", &["inbox", "--json"], "").json();
    let all = ids(&listing);
    assert_eq!(all.len(), 3);

    let seen = world
        .run("bob", &["inbox", "seen", &all[0], "--json"], "")
        .json();
    assert_eq!(seen["seen"], true);
    let text = world.run("bob", &["inbox", "hide", &all[1]], "");
    assert!(text.ok().starts_with("hidden: invite "), "{text:#?}");
    let listing = world.run("bob", &["inbox", "--json"], "").json();
    assert_eq!(ids(&listing), [all[0].clone(), all[2].clone()]);
    assert_eq!(listing[0]["seen"], true);
    assert_eq!(listing[1]["seen"], false);

    // Clearing asks first: anything but yes keeps the inbox.
    let declined = world.run("bob", &["inbox", "clear"], "n\n");
    assert_eq!(declined.code, 1, "{declined:#?}");
    assert!(declined.stderr.contains("not cleared"), "{declined:#?}");
    let no_answer = world.run("bob", &["inbox", "clear"], "");
    assert_eq!(no_answer.code, 1, "{no_answer:#?}");
    assert_eq!(
        ids(&world.run("bob", &["inbox", "--json"], "").json()).len(),
        2
    );
    assert_eq!(world.sim.operation_counts().get("clearNotifications"), None);

    world.run("bob", &["inbox", "clear"], "y\n").ok();
    let listing = world.run("bob", &["inbox", "--json"], "").json();
    assert_eq!(listing, json!([]));
    world
        .run("alice", &["invite", bob, "--location", LOCATION], "")
        .ok();
    world.run("bob", &["inbox", "clear", "--yes"], "").ok();
    assert_eq!(world.run("bob", &["inbox", "--json"], "").json(), json!([]));
}

#[test]
fn unknown_ids_point_at_the_inbox() {
    let world = World::new("inbox-errors");
    world.log_in_bob();
    for args in [
        vec!["respond", "not_nothing", "--slot", "0"],
        vec!["inbox", "seen", "not_nothing"],
        vec!["inbox", "hide", "not_nothing"],
    ] {
        let line = world.run("bob", &args, "").failed_with(exit::NOT_FOUND);
        assert!(line.contains("vrchat-invite inbox"), "{args:?}: {line}");
    }
    let run = world.run("bob", &["inbox", "--type", "boop"], "");
    assert_eq!(run.code, exit::USAGE, "{run:#?}");
    let help = world.run("bob", &["respond", "--help"], "");
    assert!(help.ok().contains("vrchat-invite inbox"), "{help:#?}");
}

#[test]
fn an_unreadable_item_is_listed_not_lost() {
    let world = World::new("inbox-bad-item");
    world.log_in_bob();
    world.sim.add_raw_notification(
        &world.bob.id,
        json!({"id": "not_odd", "type": "invite", "seen": "sometimes", "senderUserId": "usr_x"}),
    );
    world.log_in_alice();
    world
        .run(
            "alice",
            &["invite", world.bob.id.as_str(), "--location", LOCATION],
            "",
        )
        .ok();
    let table = world.run("bob", &["inbox"], "");
    assert!(table.ok().contains("unreadable"), "{table:#?}");
    assert!(table.stdout.contains("not_odd"), "{table:#?}");
    let listing = world.run("bob", &["inbox", "--json"], "").json();
    let listed = ids(&listing);
    assert_eq!(listed.len(), 2, "{listing}");
    assert!(listed.contains(&"not_odd".to_owned()));
    let odd = listing
        .as_array()
        .and_then(|items| items.iter().find(|item| item["id"] == "not_odd"))
        .expect("kept as received");
    assert_eq!(odd["seen"], "sometimes");
}

/// An invite as VRChat lists it, naming its sender (`senderUsername`) and a long location.
fn named_invite(id: &str, sender: &str, message: &str) -> serde_json::Value {
    let details = json!({
        "worldId": format!("{LOCATION}~nonce({})", "f".repeat(64)),
        "worldName": "The Great Pug",
        "inviteMessage": message,
    });
    json!({
        "id": id,
        "type": "invite",
        "created_at": "2026-01-01T00:00:00.000Z",
        "details": details.to_string(),
        "message": "",
        "seen": false,
        "senderUserId": sender,
        "senderUsername": "Alice",
    })
}

#[test]
fn the_inbox_shows_names_and_fits_100_columns() {
    let world = World::new("inbox-names");
    world.log_in_bob();
    let alice = world.alice.id.as_str();
    let message = "Meet me at the lake, bring snacks, and tell everyone you know to come along";
    world
        .sim
        .add_raw_notification(&world.bob.id, named_invite("not_named", alice, message));
    let table = world.run("bob", &["inbox"], "");
    let lines: Vec<&str> = table.ok().lines().collect();
    assert_eq!(lines.len(), 2, "{table:#?}");
    for line in &lines {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    assert!(
        lines[1].starts_with("not_named  invite  Alice  The Great Pug  "),
        "{table:#?}"
    );
    assert!(!lines[1].contains(alice), "{table:#?}");

    // --wide shows everything: the sender's ID, the whole location and message.
    let wide = world.run("bob", &["inbox", "--wide"], "");
    let row = wide.ok().lines().nth(1).expect("row").to_owned();
    assert!(row.contains(&format!("Alice ({alice})")), "{row}");
    assert!(row.contains(&"f".repeat(64)), "{row}");
    assert!(row.contains(message), "{row}");
}

#[test]
fn server_text_cannot_forge_a_row() {
    let world = World::new("inbox-forged");
    world.log_in_bob();
    let forged = "hi\nnot_FORGED  invite  usr_admin\r\nbye";
    world.sim.add_raw_notification(
        &world.bob.id,
        named_invite("not_real", world.alice.id.as_str(), forged),
    );
    for args in [&["inbox"][..], &["inbox", "--wide"]] {
        let table = world.run("bob", args, "");
        let lines: Vec<&str> = table.ok().lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {table:#?}");
        assert!(
            !lines.iter().any(|line| line.starts_with("not_FORGED")),
            "{table:#?}"
        );
    }
    let wide = world.run("bob", &["inbox", "--wide"], "");
    assert!(
        wide.ok()
            .contains("hi\\nnot_FORGED  invite  usr_admin\\r\\nbye"),
        "{wide:#?}"
    );
}
