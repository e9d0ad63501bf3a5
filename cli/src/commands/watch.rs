//! `vrchat-invite watch`: print pipeline events as they arrive, resuming from a state file,
//! optionally answering each invite request with an invite.

use std::path::PathBuf;

use clap::Args;
use vrchat_invite_core::models::NotificationType;
use vrchat_invite_core::pipeline::{PipelineBase, PipelineEvent, PipelineOptions, WatchPlan};
use vrchat_invite_core::polite::Politeness;
use vrchat_invite_core::{Location, Slot, UserId};
use vrchat_invite_ureq::pipeline::WatchError;
use vrchat_invite_ureq::{Client, Watcher};

use crate::auto_invite::{Allow, AutoInvite};
use crate::connection::logged_in;
use crate::decision_log::{Decision, DecisionLog};
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;
use crate::output::say;
use crate::pasted::pasted;
use crate::render::event_line;
use crate::terminal_text::{clean, one_line};
use crate::watch_lock::WatchLock;
use crate::watch_state_file::{Role, StateFile, default_path, lock_path};

/// Arguments of `watch`.
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Exit after this many events.
    #[arg(long, value_name = "N")]
    count: Option<u64>,
    /// Where to keep the checkpoint (default: a file per account and base URL beside the
    /// session file, one for watching and one for --auto-invite). Saved after each event;
    /// the next start resumes from it and first shows what arrived meanwhile.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Start from what the inbox holds now, ignoring the saved checkpoint (the file must
    /// still be this account's; it is then overwritten).
    #[arg(long)]
    from_now: bool,
    /// Answer each invite request by inviting its sender to this location
    /// (`wrld_…:instance`), then mark the request seen; a request already seen is skipped.
    /// One auto-inviter per account: a lock file beside the state file holds its process ID.
    /// Requests are throttled and never invite the same friend twice within 5 minutes.
    #[arg(long, value_name = "LOCATION", value_parser = pasted::<Location>)]
    auto_invite: Option<Location>,
    /// The `message` slot (0 to 11) to send with each automatic invite.
    #[arg(long, requires = "auto_invite")]
    slot: Option<Slot>,
    /// Invite only this user (repeatable); others' requests are skipped and left unseen.
    #[arg(long, value_name = "USER_ID", value_parser = pasted::<UserId>, requires = "auto_invite")]
    allow: Vec<UserId>,
    /// Invite anyone who can send a request: friends, as VRChat allows no one else (the
    /// default).
    #[arg(long, requires = "auto_invite", conflicts_with = "allow")]
    allow_friends: bool,
    /// Say what would be sent, and send nothing: no invite, no request marked seen, the
    /// state file read but never written, no lock taken.
    #[arg(long, requires = "auto_invite")]
    dry_run: bool,
    /// Append one JSON line per decision to FILE: the request, its sender, the action
    /// (invited, skipped-seen, skipped-not-allowed, dry-run, failed) and the result or error.
    #[arg(long, value_name = "FILE", requires = "auto_invite")]
    log: Option<PathBuf>,
    /// The pipeline to connect to (default: VRChat's, or the simulator's beside a local
    /// --base-url).
    #[arg(long, env = "VRCHAT_INVITE_PIPELINE_URL", value_name = "URL")]
    pipeline_url: Option<String>,
}

/// Runs `watch`.
pub(crate) fn run(args: &WatchArgs, globals: &Globals) -> Result<(), Failure> {
    let session = logged_in(globals)?;
    let base = match &args.pipeline_url {
        Some(url) => PipelineBase::new(url.as_str())
            .map_err(|error| Failure::new(Exit::Usage, error.to_string()))?,
        None => PipelineBase::for_api(session.client.session().base_url()),
    };
    let mut state = state_file(args, globals, &session.client)?;
    let bot = args.auto_invite.as_ref().map(|location| AutoInvite {
        location: location.clone(),
        slot: args.slot,
        allow: if args.allow_friends || args.allow.is_empty() {
            Allow::Friends
        } else {
            Allow::Only(args.allow.clone())
        },
        dry_run: args.dry_run,
    });
    // The lock comes first, so nothing reads the state while another copy writes it.
    let _lock = match &bot {
        Some(bot) if !bot.dry_run => {
            let taken = WatchLock::take(&lock_path(state.path()))?;
            if let Some(pid) = taken.stale {
                eprintln!("watch: took over the lock of process {pid}, which is no longer running");
            }
            Some(taken.lock)
        }
        _ => None,
    };
    let saved = state.load()?;
    let mut log = args.log.as_deref().map(DecisionLog::open).transpose()?;
    let client = Client::builder(session.client.session().clone())
        .politeness(Politeness::recommended())
        .build()
        .map_err(|error| Failure::new(Exit::Failure, error.to_string()))?;
    let options = PipelineOptions::default().with_connection_events(true);
    let mut plan = WatchPlan::new(options).with_base(base);
    if let Some(checkpoint) = saved.filter(|_| !args.from_now) {
        plan = plan.resume_from(checkpoint);
    }
    let mut watcher = Watcher::new(client, plan)
        .map_err(|error| Failure::new(Exit::Failure, error.to_string()))?;
    let keeps_state = !args.dry_run;
    let mut shown = 0u64;
    while args.count.is_none_or(|count| shown < count) {
        let Some(item) = watcher.next() else {
            break;
        };
        match item {
            // The connection's life: on stderr for people, a `_connection` line with --json.
            Ok(event @ PipelineEvent::Connection(_)) if globals.json => show(&event, true),
            Ok(PipelineEvent::Connection(status)) => eprintln!("watch: {status}"),
            Ok(event) => {
                show(&event, globals.json);
                shown += 1;
                if let Some(bot) = &bot {
                    if let Some(decision) = answer(bot, watcher.client(), &event) {
                        report(&decision, globals.json, log.as_mut())?;
                    }
                }
                watcher.watch().done(&event);
            }
            Err(WatchError::Refused(end)) => {
                return Err(Failure::new(Exit::SessionExpired, end.to_string()));
            }
            // A frame the server garbled: say so (its text cleaned) and go on.
            Err(error) => eprintln!("{}", clean(&one_line(&error.to_string()))),
        }
        // Past each event finished, and past the inbox the first connect starts from.
        if keeps_state {
            state.save(watcher.watch().checkpoint())?;
        }
    }
    Ok(())
}

/// `--state`, or the default file of this account and base URL beside the session file.
fn state_file(args: &WatchArgs, globals: &Globals, client: &Client) -> Result<StateFile, Failure> {
    let session = client.session();
    let account = session
        .user_id()
        .cloned()
        .ok_or_else(crate::describe::not_logged_in)?;
    let api = session.base_url().clone();
    let path = match &args.state {
        Some(path) => path.clone(),
        None => {
            let role = if args.auto_invite.is_some() {
                Role::AutoInvite
            } else {
                Role::Watch
            };
            default_path(globals.store()?.path(), role, &account, &api)
        }
    };
    Ok(StateFile::new(path, account, api))
}

/// One line: the event as JSON with `--json`, else readable text.
fn show(event: &PipelineEvent, json: bool) {
    if json {
        say(&event.to_json().to_string());
        return;
    }
    let line = event_line(event);
    say(&line);
}

/// The bot's decision about `event` when it is an invite request.
fn answer(bot: &AutoInvite, client: &Client, event: &PipelineEvent) -> Option<Decision> {
    let request = event
        .notification()
        .filter(|n| n.kind == NotificationType::RequestInvite)?;
    Some(bot.answer(client, request))
}

/// Prints `decision` (a `_decision` line with `--json`; else a line, on stderr when
/// something went wrong) and appends it to the log.
fn report(decision: &Decision, json: bool, log: Option<&mut DecisionLog>) -> Result<(), Failure> {
    if json {
        let line = serde_json::json!({"type": "_decision", "content": decision});
        say(&line.to_string());
    } else if decision.error.is_some() {
        eprintln!("{}", clean(&one_line(&decision.line())));
    } else {
        say(&decision.line());
    }
    match log {
        Some(log) => log.write(decision),
        None => Ok(()),
    }
}
