//! `watch` resumes from its state file: nothing lost across kills and restarts, nothing
//! finished shown again, `--from-now`, and state files it must refuse.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Duration;

use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::pipeline::{Checkpoint, WatchState};
use vrchat_invite_core::{BaseUrl, Location};

use crate::exit;
use crate::harness::World;
use crate::live::{Live, connection, notification_ids, wait_for_file};
use crate::watch::{LOCATION, send, session_of};

/// The longest any one wait for a line may take.
const LIMIT: Duration = Duration::from_secs(30);

/// `watch --json` as bob, with `args` after it.
fn watch(world: &World, args: &[&str]) -> Command {
    let mut command = world.command("bob");
    command.args(["watch", "--json"]).args(args);
    command
}

fn with_state<'a>(state: &'a Path, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--state", state.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    all
}

/// Alice invites bob; the invite's ID.
fn invite_bob(world: &World) -> String {
    let alice = session_of(world, &world.alice.id);
    let location: Location = LOCATION.parse().expect("location");
    send(
        world,
        &alice,
        &InviteUser::new(world.bob.id.clone(), location),
    )
    .id
    .as_str()
    .to_owned()
}

/// The state file `watch` keeps for bob by default (beside his session file), once there.
fn default_state(world: &World) -> PathBuf {
    let folder = world.session_file("bob");
    let folder = folder.parent().expect("session folder");
    for _ in 0..1500 {
        let found = std::fs::read_dir(folder)
            .expect("session folder")
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .find(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with("watch-usr_") && name.ends_with(".json"))
            });
        if let Some(path) = found {
            return path;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!("no state file beside {}", folder.display());
}

#[test]
fn kills_lose_no_invite_and_repeat_only_the_one_in_hand() {
    let world = World::new("watch-kills");
    world.log_in_bob();
    let state = world.home.join("bob.watch.json");
    let args = with_state(&state, &[]);
    let alice = vrchat_invite_ureq::Client::new(session_of(&world, &world.alice.id))
        .expect("alice's client");
    let location: Location = LOCATION.parse().expect("location");
    let invite = InviteUser::new(world.bob.id.clone(), location);
    thread::scope(|scope| {
        let mut live = Live::caught_up(watch(&world, &args));
        assert!(
            wait_for_file(&state),
            "the first connect saves its baseline"
        );
        let sender = scope.spawn(|| {
            (0..200)
                .map(|_| {
                    let sent = alice.send(&invite).expect("invite sent");
                    thread::sleep(Duration::from_millis(15));
                    sent.id.as_str().to_owned()
                })
                .collect::<Vec<_>>()
        });
        // Killed after this many notifications of its run, or (None) as soon as it
        // connects, before it caught up.
        let mut killed = Vec::new();
        for kill_at in [Some(30), None, Some(1), Some(45), Some(10)] {
            let reached = match kill_at {
                Some(count) => {
                    live.read_until(LIMIT, |lines, _| notification_ids(lines).len() >= count)
                }
                None => live.read_until(LIMIT, |lines, _| connection(lines, "connected").is_some()),
            };
            assert!(
                reached,
                "kill point {kill_at:?} never came: {:?}",
                live.lines()
            );
            killed.push(notification_ids(&live.kill().stdout));
            live = Live::spawn(watch(&world, &args));
        }
        let sent = sender.join().expect("sender");
        let before: HashSet<&String> = killed.iter().flatten().collect();
        let complete = live.read_until(LIMIT, |lines, _| {
            let shown = notification_ids(lines);
            sent.iter()
                .all(|id| before.contains(id) || shown.contains(id))
        });
        let last = notification_ids(&live.kill().stdout);
        assert!(complete, "not every invite was shown: {killed:?} {last:?}");
        let mut counts: HashMap<&String, usize> = HashMap::new();
        for id in killed.iter().flatten().chain(&last) {
            *counts.entry(id).or_default() += 1;
        }
        assert_eq!(counts.len(), sent.len(), "only the invites sent are shown");
        // A repeat is the last line of a killed run: shown, then killed before it was saved.
        let in_hand: Vec<&String> = killed.iter().filter_map(|run| run.last()).collect();
        for (id, count) in counts {
            let allowed = in_hand.iter().filter(|held| **held == id).count();
            assert!(
                count <= 1 + allowed,
                "{id} shown {count} times, in hand at {allowed} kills: {killed:?} {last:?}"
            );
        }
        assert!(
            killed.iter().filter(|run| !run.is_empty()).count() >= 4,
            "the kills came mid-stream: {killed:?}"
        );
    });
}

#[test]
fn invites_sent_while_it_is_down_all_appear_on_restart_and_nothing_done_repeats() {
    let world = World::new("watch-down");
    world.log_in_bob();
    // The first start, with the default state file: one invite, then a clean stop.
    let first = Live::caught_up(watch(&world, &["--count", "1"]));
    let state = default_state(&world);
    let before = invite_bob(&world);
    let first = first.finish();
    assert_eq!(first.code, Some(0), "{first:?}");
    assert_eq!(notification_ids(&first.stdout), [before]);
    let down: Vec<String> = (0..10).map(|_| invite_bob(&world)).collect();
    // Started again: it says what it caught up, and shows exactly the ten.
    let again = Live::spawn(watch(&world, &["--count", "10"])).finish();
    assert_eq!(again.code, Some(0), "{again:?}");
    let caught_up = connection(&again.stdout, "caught-up").expect("caught up");
    assert_eq!(caught_up["content"]["missed"], 10, "{again:?}");
    assert_eq!(notification_ids(&again.stdout), down);
    let saved = std::fs::read_to_string(&state).expect("state");
    assert!(saved.contains(world.bob.id.as_str()), "{saved}");
}

#[test]
fn from_now_ignores_the_saved_state() {
    let world = World::new("watch-from-now");
    world.log_in_bob();
    let state = world.home.join("bob.watch.json");
    let first = Live::caught_up(watch(&world, &with_state(&state, &["--count", "1"])));
    invite_bob(&world);
    assert_eq!(first.finish().code, Some(0));
    invite_bob(&world);
    invite_bob(&world);
    let again = Live::caught_up(watch(
        &world,
        &with_state(&state, &["--from-now", "--count", "1"]),
    ));
    let live = invite_bob(&world);
    let again = again.finish();
    assert_eq!(again.code, Some(0), "{again:?}");
    let caught_up = connection(&again.stdout, "caught-up").expect("caught up");
    assert_eq!(caught_up["content"]["missed"], 0, "{again:?}");
    assert_eq!(notification_ids(&again.stdout), [live]);
}

#[test]
fn a_damaged_or_foreign_state_file_is_an_error_naming_it() {
    let world = World::new("watch-bad-state");
    world.log_in_bob();
    let state = world.home.join("bob.watch.json");
    let path = state.to_str().expect("UTF-8 path");
    std::fs::write(&state, "{\"format\": \"vrchat-invite/watch-st").expect("damaged file");
    for args in [
        vec!["watch", "--state", path],
        vec!["watch", "--state", path, "--auto-invite", LOCATION],
    ] {
        let run = world.run("bob", &args, "");
        let line = run.failed_with(exit::FILE);
        assert!(line.contains(path), "{line}");
        assert!(line.contains("damaged"), "{line}");
    }
    // Another account's file, even with --from-now, and left as it was.
    let api = BaseUrl::new(world.sim.base_url()).expect("base");
    WatchState::new(world.alice.id.clone(), &api, Checkpoint::default())
        .save(&state)
        .expect("alice's state");
    let alices = std::fs::read(&state).expect("state");
    for args in [
        vec!["watch", "--state", path],
        vec!["watch", "--state", path, "--from-now"],
    ] {
        let run = world.run("bob", &args, "");
        let line = run.failed_with(exit::FILE);
        assert!(line.contains(path), "{line}");
        assert!(line.contains(world.alice.id.as_str()), "{line}");
    }
    assert_eq!(std::fs::read(&state).expect("state"), alices);
    assert!(
        !Path::new(&format!("{path}.lock")).exists(),
        "the lock is released"
    );
}
