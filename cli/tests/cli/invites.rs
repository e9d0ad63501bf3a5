//! `invite`, `invite-me`, `request` and `respond`.

use vrchat_invite_core::NotificationType;

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
