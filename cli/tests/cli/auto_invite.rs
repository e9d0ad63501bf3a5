//! `watch --auto-invite` as a bot: one per account (a lock naming its holder, a stale one
//! taken over), each request answered once across restarts (marked seen), `--dry-run`,
//! `--allow` and the `--log` of decisions.

use std::path::{Path, PathBuf};
use std::process::Command;

use vrchat_invite_core::UserId;
use vrchat_invite_core::invite::RequestInvite;
use vrchat_invite_core::models::{Notification, NotificationType};
use vrchat_invite_sim::{SimUser, UserSpec};

use crate::exit;
use crate::harness::World;
use crate::live::{Live, wait_for_file};
use crate::watch::{LOCATION, send, session_of};

/// Files of one bot: its state, its lock and its decision log.
struct Files {
    state: PathBuf,
    lock: PathBuf,
    log: PathBuf,
}

impl Files {
    fn new(world: &World) -> Files {
        let state = world.home.join("bot.json");
        Files {
            lock: world.home.join("bot.json.lock"),
            log: world.home.join("bot.log"),
            state,
        }
    }

    /// The decisions logged, one JSON value per line.
    fn decisions(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
            .collect()
    }
}

/// `watch --auto-invite` as bob with the bot's files, and `args`.
fn bot(world: &World, files: &Files, args: &[&str]) -> Command {
    let mut command = world.command("bob");
    command
        .args(["watch", "--auto-invite", LOCATION, "--state"])
        .arg(&files.state)
        .arg("--log")
        .arg(&files.log)
        .args(args);
    command
}

/// `who` asks bob for an invite; the request's ID.
fn request(world: &World, who: &UserId) -> String {
    let session = session_of(world, who);
    send(world, &session, &RequestInvite::new(world.bob.id.clone()))
        .id
        .as_str()
        .to_owned()
}

/// The invites bob sent to `who`.
fn invites_to(world: &World, who: &UserId) -> Vec<Notification> {
    world
        .sim
        .notifications_for(who)
        .into_iter()
        .filter(|n| n.kind == NotificationType::Invite && n.sender_user_id == world.bob.id)
        .collect()
}

/// Whether bob's request `id` is seen on the server.
fn seen(world: &World, id: &str) -> bool {
    world
        .sim
        .notifications_for(&world.bob.id)
        .iter()
        .find(|n| n.id.as_str() == id)
        .expect("the request")
        .seen
}

/// Dave, another friend of bob.
fn dave(world: &World) -> SimUser {
    let dave = world
        .sim
        .add_user(UserSpec::new("dave", "dave-Pa55word-for-tests").display_name("Dave"));
    world.sim.make_friends(&world.bob.id, &dave.id);
    dave
}

fn actions(decisions: &[serde_json::Value]) -> Vec<(&str, &str)> {
    decisions
        .iter()
        .map(|d| {
            (
                d["request"].as_str().unwrap_or_default(),
                d["action"].as_str().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_second_auto_inviter_is_refused_naming_the_first_and_the_lock_goes_with_it() {
    let world = World::new("bot-lock");
    world.log_in_bob();
    let files = Files::new(&world);
    let first = Live::caught_up(bot(&world, &files, &["--count", "1"]));
    assert_eq!(
        std::fs::read_to_string(&files.lock).expect("lock"),
        format!("{}\n", first.pid())
    );
    let second = world.run_command(bot(&world, &files, &[]), "");
    let line = second.failed_with(exit::LOCKED);
    assert!(line.contains(&format!("process {}", first.pid())), "{line}");
    assert!(line.contains(&files.lock.display().to_string()), "{line}");
    // The first one answers, once, and removes its lock when it ends.
    let asked = request(&world, &world.alice.id);
    let first = first.finish();
    assert_eq!(first.code, Some(0), "{first:?}");
    assert_eq!(invites_to(&world, &world.alice.id).len(), 1);
    assert!(seen(&world, &asked), "the answered request is marked seen");
    assert!(!files.lock.exists(), "the lock is removed on a clean exit");
}

#[test]
fn a_stale_lock_of_a_dead_process_is_taken_over_with_a_note() {
    let world = World::new("bot-stale-lock");
    world.log_in_bob();
    let files = Files::new(&world);
    let mut gone = Command::new("true").spawn().expect("spawn");
    let dead = gone.id();
    gone.wait().expect("reaped");
    std::fs::write(&files.lock, format!("{dead}\n")).expect("stale lock");
    let live = Live::caught_up(bot(&world, &files, &["--count", "1"]));
    request(&world, &world.alice.id);
    let ended = live.finish();
    assert_eq!(ended.code, Some(0), "{ended:?}");
    assert!(
        ended.stderr.contains(&format!(
            "watch: took over the lock of process {dead}, which is no longer running"
        )),
        "{ended:?}"
    );
    assert_eq!(invites_to(&world, &world.alice.id).len(), 1);
    assert!(!files.lock.exists());
}

#[test]
fn a_request_answered_before_a_restart_is_not_answered_again() {
    let world = World::new("bot-answered-once");
    world.log_in_bob();
    let dave = dave(&world);
    let files = Files::new(&world);
    let first = Live::caught_up(bot(&world, &files, &["--count", "1"]));
    assert!(wait_for_file(&files.state), "the baseline is saved");
    let baseline = std::fs::read(&files.state).expect("state");
    let answered = request(&world, &world.alice.id);
    let first = first.finish();
    assert_eq!(first.code, Some(0), "{first:?}");
    assert!(seen(&world, &answered));
    // As if it had crashed after answering and before saving: its state is the old one.
    std::fs::write(&files.state, &baseline).expect("old state");
    let waiting = request(&world, &dave.id);
    let again = Live::spawn(bot(&world, &files, &["--count", "2"])).finish();
    assert_eq!(again.code, Some(0), "{again:?}");
    assert!(
        again.stdout.iter().any(|line| line
            == &format!(
                "skipped {answered} from {}: already seen: answered before",
                world.alice.id
            )),
        "{again:?}"
    );
    assert_eq!(
        invites_to(&world, &world.alice.id).len(),
        1,
        "answered once"
    );
    assert_eq!(
        invites_to(&world, &dave.id).len(),
        1,
        "the one sent while down"
    );
    assert!(seen(&world, &waiting));
    let decisions = files.decisions();
    assert_eq!(
        actions(&decisions),
        [
            (answered.as_str(), "invited"),
            (answered.as_str(), "skipped-seen"),
            (waiting.as_str(), "invited"),
        ]
    );
    assert_eq!(decisions[0]["sender"], world.alice.id.as_str());
    assert_eq!(
        decisions[0]["invite"],
        invites_to(&world, &world.alice.id)[0].id.as_str()
    );
    assert_eq!(decisions[2]["sender"], dave.id.as_str());
}

#[test]
fn a_dry_run_sends_nothing_marks_nothing_and_says_what_it_would_send() {
    let world = World::new("bot-dry-run");
    world.log_in_bob();
    let files = Files::new(&world);
    let live = Live::caught_up(bot(
        &world,
        &files,
        &["--dry-run", "--count", "1", "--json"],
    ));
    assert!(!files.lock.exists(), "a dry run takes no lock");
    let asked = request(&world, &world.alice.id);
    let ended = live.finish();
    assert_eq!(ended.code, Some(0), "{ended:?}");
    let decision: serde_json::Value = ended
        .stdout
        .iter()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|line| line["type"] == "_decision")
        .expect("a _decision line");
    assert_eq!(decision["content"]["action"], "dry-run");
    assert_eq!(decision["content"]["request"], asked.as_str());
    let result = decision["content"]["result"].as_str().unwrap_or_default();
    assert!(
        result.starts_with(&format!("would invite {}", world.alice.id)),
        "{result}"
    );
    assert!(
        invites_to(&world, &world.alice.id).is_empty(),
        "nothing sent"
    );
    assert!(!seen(&world, &asked), "nothing marked seen");
    assert!(!files.state.exists(), "a dry run never writes the state");
    assert_eq!(actions(&files.decisions()), [(asked.as_str(), "dry-run")]);
    // Its options belong to --auto-invite.
    for args in [["watch", "--dry-run"], ["watch", "--allow-friends"]] {
        assert_eq!(world.run("bob", &args, "").code, exit::USAGE);
    }
}

#[test]
fn allow_invites_only_the_users_it_names() {
    let world = World::new("bot-allow");
    world.log_in_bob();
    let dave = dave(&world);
    let files = Files::new(&world);
    let live = Live::caught_up(bot(
        &world,
        &files,
        &["--allow", dave.id.as_str(), "--count", "2"],
    ));
    let from_alice = request(&world, &world.alice.id);
    let from_dave = request(&world, &dave.id);
    let ended = live.finish();
    assert_eq!(ended.code, Some(0), "{ended:?}");
    assert!(
        ended.stdout.iter().any(|line| line
            == &format!(
                "skipped {from_alice} from {}: not among --allow",
                world.alice.id
            )),
        "{ended:?}"
    );
    assert!(invites_to(&world, &world.alice.id).is_empty());
    assert!(!seen(&world, &from_alice), "left for a person to answer");
    assert_eq!(invites_to(&world, &dave.id).len(), 1);
    assert_eq!(
        actions(&files.decisions()),
        [
            (from_alice.as_str(), "skipped-not-allowed"),
            (from_dave.as_str(), "invited"),
        ]
    );
    assert!(Path::new(&files.state).exists());
}
