//! `invite`, `invite-me`, `request` and `respond`.

use vrchat_invite_core::models::NotificationType;

use crate::exit;
use crate::harness::World;

const LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)";

/// The smallest file the PNG check accepts: the signature and an IHDR chunk.
fn write_png(world: &World) -> std::path::PathBuf {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 13]);
    bytes.extend_from_slice(b"IHDR");
    bytes.extend_from_slice(&[
        0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
    ]);
    let path = world.home.join("photo.png");
    std::fs::write(&path, bytes).expect("png");
    path
}

#[test]
fn invite_request_and_respond_between_friends() {
    let world = World::new("invites");
    world.log_in_alice();
    world.log_in_bob();
    let (alice, bob) = (world.alice.id.as_str(), world.bob.id.as_str());

    let sent = world
        .run(
            "alice",
            &[
                "invite",
                bob,
                "--location",
                LOCATION,
                "--slot",
                "3",
                "--json",
            ],
            "",
        )
        .json();
    assert_eq!(sent["receiverUserId"], bob);
    assert_eq!(sent["senderUserId"], alice);
    assert_eq!(sent["type"], "invite");
    let inbox = world.sim.notifications_for(&world.bob.id);
    assert_eq!(inbox.len(), 1);
    let invite = inbox[0].details.as_invite().expect("invite details");
    assert_eq!(invite.world_id, LOCATION);
    assert_eq!(inbox[0].id.as_str(), sent["id"]);

    let photo = write_png(&world);
    let photo = photo.to_str().expect("utf-8 path");
    let text = world.run(
        "alice",
        &["invite", bob, "--location", LOCATION, "--photo", photo],
        "",
    );
    assert!(text.ok().starts_with("sent invite not_"), "{text:#?}");
    assert!(text.stdout.contains("photo"), "{text:#?}");

    let mine = world
        .run("alice", &["invite-me", LOCATION, "--json"], "")
        .json();
    assert_eq!(mine["receiverUserId"], alice);

    let request = world
        .run("alice", &["request", bob, "--slot", "1", "--json"], "")
        .json();
    assert_eq!(request["type"], "requestInvite");
    let kinds: Vec<NotificationType> = world
        .sim
        .notifications_for(&world.bob.id)
        .into_iter()
        .map(|notification| notification.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            NotificationType::Invite,
            NotificationType::Invite,
            NotificationType::RequestInvite
        ]
    );

    let invite_id = sent["id"].as_str().expect("id");
    let answer = world.run("bob", &["respond", invite_id, "--slot", "0"], "");
    assert!(
        answer
            .ok()
            .starts_with(&format!("answered {invite_id}: sent inviteResponse")),
        "{answer:#?}"
    );
    let alice_inbox = world.sim.notifications_for(&world.alice.id);
    assert!(
        alice_inbox
            .iter()
            .any(|notification| notification.kind == NotificationType::InviteResponse),
        "{alice_inbox:?}"
    );
    let request_id = request["id"].as_str().expect("id");
    let answer = world
        .run(
            "bob",
            &[
                "respond", request_id, "--slot", "2", "--json", "--photo", photo,
            ],
            "",
        )
        .json();
    assert_eq!(answer["type"], "requestInviteResponse");

    let line = world
        .run("bob", &["respond", invite_id, "--slot", "0"], "")
        .failed_with(exit::ALREADY_RESPONDED);
    assert_eq!(
        line,
        format!("error: notification {invite_id} was already answered")
    );
    let line = world
        .run("alice", &["respond", invite_id, "--slot", "0"], "")
        .failed_with(exit::OWN_INVITE);
    assert!(line.contains("your own invite"), "{line}");
}

#[test]
fn strangers_unknown_users_and_bad_photos() {
    let world = World::new("invite-errors");
    world.log_in_alice();
    let carol = world.carol.id.as_str();

    let line = world
        .run("alice", &["invite", carol, "--location", LOCATION], "")
        .failed_with(exit::NOT_FRIENDS);
    assert!(
        line.contains(&format!("user {carol} is not your friend")),
        "{line}"
    );
    world
        .run("alice", &["request", carol], "")
        .failed_with(exit::NOT_FRIENDS);

    let line = world
        .run(
            "alice",
            &["invite", "usr_nobody", "--location", LOCATION],
            "",
        )
        .failed_with(exit::NOT_FOUND);
    assert!(line.contains("user usr_nobody was not found"), "{line}");
    world
        .run("alice", &["respond", "not_nothing", "--slot", "0"], "")
        .failed_with(exit::NOT_FOUND);

    let not_png = world.home.join("photo.jpg");
    std::fs::write(&not_png, b"\xff\xd8\xff\xe0 jpeg").expect("write");
    let not_png = not_png.to_str().expect("utf-8 path");
    let line = world
        .run(
            "alice",
            &["invite", carol, "--location", LOCATION, "--photo", not_png],
            "",
        )
        .failed_with(exit::USAGE);
    assert!(line.contains("not a PNG"), "{line}");
    let missing = world.home.join("missing.png");
    world
        .run(
            "alice",
            &["request", carol, "--photo", missing.to_str().expect("path")],
            "",
        )
        .failed_with(exit::FILE);

    let run = world.run("alice", &["invite", carol, "--location", "offline"], "");
    assert_eq!(run.code, exit::USAGE, "{run:#?}");
    assert_eq!(world.sim.operation_counts().get("inviteUser"), Some(&2));
}

#[test]
fn pasted_ids_and_locations_are_trimmed() {
    let world = World::new("pasted");
    world.log_in_alice();
    world.log_in_bob();
    let bob = world.bob.id.as_str();
    for (user, location) in [
        (format!("{bob} "), format!("\"{LOCATION}\"")),
        (format!("\"{bob}\""), format!(" '{LOCATION}'\n")),
        (
            format!("\u{201C}{bob}\u{201D}"),
            format!("\u{200B}{LOCATION}"),
        ),
    ] {
        let sent = world
            .run(
                "alice",
                &["invite", &user, "--location", &location, "--json"],
                "",
            )
            .json();
        assert_eq!(sent["receiverUserId"], bob, "{user:?}");
        assert_eq!(sent["details"]["worldId"], LOCATION, "{location:?}");
    }
    let request = world
        .run("alice", &["request", &format!(" {bob}\t"), "--json"], "")
        .json();
    let id = request["id"].as_str().expect("id");
    world
        .run("bob", &["inbox", "seen", &format!("'{id}'")], "")
        .ok();
    world
        .run(
            "bob",
            &["respond", &format!("\"{id}\" "), "--slot", "0"],
            "",
        )
        .ok();

    // A name pasted with its quotes: the error names it plainly, never as a Debug dump.
    let line = world
        .run(
            "alice",
            &["invite", "\"alice \"", "--location", LOCATION],
            "",
        )
        .failed_with(exit::NOT_FOUND);
    assert!(line.contains("user alice was not found"), "{line}");
    assert!(!line.contains("UserId(") && !line.contains('\\'), "{line}");
}

#[test]
fn locations_are_checked_here_and_launch_links_are_read() {
    let world = World::new("locations");
    world.log_in_alice();
    let bob = world.bob.id.as_str();
    let link = format!(
        "https://vrchat.com/home/launch?worldId={}&instanceId={}",
        "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd", "12345~region(eu)"
    );
    let sent = world
        .run("alice", &["invite", bob, "--location", &link, "--json"], "")
        .json();
    assert_eq!(sent["details"]["worldId"], LOCATION);
    let mine = world
        .run("alice", &["invite-me", &link, "--json"], "")
        .json();
    assert_eq!(mine["details"]["worldId"], LOCATION);

    // Not a world: refused before anything is sent.
    let invites = world.sim.operation_counts().get("inviteUser").copied();
    for bad in [
        "https://vrchat.com/home/world/wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd",
        "https://vrchat.com/home/launch?worldId=wrld_4432ea9b",
        "wrld_\u{2026}:12345",
        "usr_x:1",
    ] {
        let run = world.run("alice", &["invite", bob, "--location", bad], "");
        assert_eq!(run.code, exit::USAGE, "{bad}: {run:#?}");
        assert!(run.stderr.contains("invalid location"), "{bad}: {run:#?}");
    }
    assert_eq!(
        world.sim.operation_counts().get("inviteUser").copied(),
        invites
    );

    // A world the server does not know: the 404 is about the location, not the user.
    for args in [
        vec!["invite", bob, "--location", "wld_nowhere:12345"],
        vec!["invite-me", "o_nowhere:12345"],
    ] {
        let line = world.run("alice", &args, "").failed_with(exit::NOT_FOUND);
        let location = args[args.len() - 1];
        assert!(
            line.contains(&format!("location {location} was not found")),
            "{line}"
        );
        assert!(!line.contains("user"), "{line}");
    }
}

#[test]
fn grant_invites_the_requester_and_marks_the_request_seen() {
    let world = World::new("grant");
    world.log_in_alice();
    world.log_in_bob();
    let (alice, bob) = (world.alice.id.as_str(), world.bob.id.as_str());
    let request = world.run("bob", &["request", alice, "--json"], "").json();
    let request_id = request["id"].as_str().expect("id").to_owned();

    let run = world.run(
        "alice",
        &[
            "grant",
            &format!(" {request_id} "),
            "--location",
            LOCATION,
            "--slot",
            "2",
            "--json",
        ],
        "",
    );
    assert_eq!(run.ok().lines().count(), 1, "{run:#?}");
    let granted = run.json();
    assert_eq!(granted["invite"]["type"], "invite");
    assert_eq!(granted["invite"]["receiverUserId"], bob);
    assert_eq!(granted["request"]["id"], request_id.as_str());
    assert_eq!(granted["request"]["seen"], true);
    let invites: Vec<_> = world
        .sim
        .notifications_for(&world.bob.id)
        .into_iter()
        .filter(|n| n.kind == NotificationType::Invite)
        .collect();
    assert_eq!(invites.len(), 1);
    assert_eq!(invites[0].sender_user_id, world.alice.id);
    let details = invites[0].details.as_invite().expect("invite details");
    assert_eq!(details.world_id, LOCATION);
    assert!(
        details.invite_message.is_some(),
        "slot 2's message was sent"
    );
    let request_now = world
        .sim
        .inbox(&world.alice.id)
        .into_iter()
        .find(|n| n.id.as_str() == request_id)
        .expect("still listed");
    assert!(request_now.seen);

    // In text: who was invited, and that the request is marked seen.
    let second = world.run("bob", &["request", alice, "--json"], "").json();
    let second_id = second["id"].as_str().expect("id");
    let text = world.run("alice", &["grant", second_id, "--location", LOCATION], "");
    assert!(
        text.ok()
            .starts_with(&format!("granted {second_id}: sent invite not_")),
        "{text:#?}"
    );
    assert!(text.stdout.contains(bob), "{text:#?}");
    assert!(text.stdout.contains("marked seen"), "{text:#?}");

    // Only invite requests can be granted; nothing is sent otherwise.
    let invite_id = invites[0].id.as_str();
    let invites_sent = world.sim.operation_counts().get("inviteUser").copied();
    let line = world
        .run("bob", &["grant", invite_id, "--location", LOCATION], "")
        .failed_with(exit::USAGE);
    assert!(line.contains("not an invite request"), "{line}");
    assert!(line.contains("respond"), "{line}");
    let line = world
        .run(
            "alice",
            &["grant", "not_nothing", "--location", LOCATION],
            "",
        )
        .failed_with(exit::NOT_FOUND);
    assert!(line.contains("vrchat-invite inbox"), "{line}");
    assert_eq!(
        world.sim.operation_counts().get("inviteUser").copied(),
        invites_sent
    );
}

#[test]
fn respond_says_it_declines_or_defers_and_points_at_grant() {
    let world = World::new("respond-help");
    for args in [&["respond", "--help"][..], &["--help"]] {
        let help = world.run("bob", args, "");
        let text = help.ok();
        assert!(
            text.contains("decline or defer") || text.contains("Decline or defer"),
            "{text}"
        );
        assert!(text.contains("grant"), "{text}");
    }
}

#[test]
fn json_output_is_one_value_per_line() {
    let world = World::new("json-lines");
    world.log_in_alice();
    let bob = world.bob.id.as_str();
    for args in [
        &["--json", "login"][..],
        &["--json", "messages", "list"],
        &["--json", "invite", bob, "--location", LOCATION],
        &["--json", "inbox"],
    ] {
        let run = world.run("alice", args, "");
        let lines: Vec<&str> = run.ok().lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: {run:#?}");
        serde_json::from_str::<serde_json::Value>(lines[0]).expect("JSON");
    }
}
