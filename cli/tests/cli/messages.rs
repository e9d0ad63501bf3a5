//! `messages list|get|set|reset` and the cooldown.

use std::time::Duration;

use vrchat_invite_core::messages::fold_punctuation;

use crate::exit;
use crate::harness::World;

#[test]
fn list_get_set_reset_with_the_cooldown() {
    let world = World::new("messages");
    world.log_in_bob();

    let list = world.run("bob", &["messages", "list", "--json"], "").json();
    let slots = list.as_array().expect("array");
    assert_eq!(slots.len(), 12);
    assert_eq!(slots[3]["slot"], 3);
    assert_eq!(slots[3]["messageType"], "message");
    let default_text = slots[3]["message"].as_str().expect("text").to_owned();

    let text = world.run("bob", &["messages", "list"], "");
    let table = text.ok();
    assert!(table.starts_with("message slots:\nSLOT  STATUS"), "{table}");
    assert_eq!(table.lines().count(), 14, "{table}");

    let responses = world.run("bob", &["messages", "list", "--type", "response"], "");
    assert!(responses.ok().contains("response slots:"), "{responses:#?}");

    let one = world
        .run("bob", &["messages", "get", "--slot", "3", "--json"], "")
        .json();
    assert_eq!(one["slot"], 3);
    assert_eq!(one["message"], default_text.as_str());

    let set = world.run(
        "bob",
        &[
            "messages", "set", "--slot", "3", "Meet", "me", "at", "the", "lake.",
        ],
        "",
    );
    let line = set.ok();
    assert!(
        line.starts_with("set: message slot 3: \"Meet me at the lake"),
        "{line}"
    );
    assert!(
        line.contains("cooling down, free within 60 minutes"),
        "{line}"
    );

    let refused = world.run("bob", &["messages", "set", "--slot", "3", "Again"], "");
    let line = refused.failed_with(exit::COOLDOWN);
    assert_eq!(
        line,
        "error: message slot 3 is cooling down: try again in 60 minutes"
    );

    world.sim.advance_clock(Duration::from_secs(18 * 60));
    let line = world
        .run("bob", &["messages", "reset", "--slot", "3"], "")
        .failed_with(exit::COOLDOWN);
    assert!(line.ends_with("try again in 42 minutes"), "{line}");

    world.sim.advance_clock(Duration::from_secs(42 * 60));
    let after = world
        .run(
            "bob",
            &["messages", "set", "--json", "--slot", "3", "Again, later!"],
            "",
        )
        .json();
    let slot = &after.as_array().expect("collection")[3];
    assert_eq!(
        fold_punctuation(slot["message"].as_str().expect("text")),
        "Again, later!"
    );

    world.sim.advance_clock(Duration::from_secs(60 * 60));
    let reset = world
        .run("bob", &["messages", "reset", "--slot", "3", "--json"], "")
        .json();
    assert_eq!(
        reset.as_array().expect("collection")[3]["message"],
        default_text.as_str()
    );
}

#[test]
fn bad_slots_and_types_are_usage_errors() {
    let world = World::new("messages-usage");
    world.log_in_bob();
    let run = world.run("bob", &["messages", "get", "--slot", "12"], "");
    assert_eq!(run.code, exit::USAGE, "{run:#?}");
    assert!(run.stderr.contains("0 to 11"), "{run:#?}");
    let run = world.run("bob", &["messages", "list", "--type", "greeting"], "");
    assert_eq!(run.code, exit::USAGE, "{run:#?}");
    assert!(run.stderr.contains("requestResponse"), "{run:#?}");
    let run = world.run("bob", &["messages", "set", "--slot", "1", " "], "");
    let line = run.failed_with(exit::USAGE);
    assert!(line.contains("blank"), "{line}");
    assert_eq!(
        world.sim.operation_counts().get("updateInviteMessage"),
        None
    );
}
