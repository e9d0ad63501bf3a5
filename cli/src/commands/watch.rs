//! `vrchat-invite watch`: print pipeline events as they arrive, optionally answering each
//! invite request with an invite.

use clap::Args;
use vrchat_invite_core::{
    InviteUser, Location, NotificationType, PipelineBase, PipelineEvent, PipelineOptions,
    Politeness, Slot, WatchPlan,
};
use vrchat_invite_ureq::{Client, WatchError, Watcher};

use crate::connection::logged_in;
use crate::describe::{Subject, transport_error};
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;
use crate::output::say;
use crate::pasted::pasted;
use crate::render::event_line;
use crate::terminal_text::{clean, one_line};

/// Arguments of `watch`.
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Exit after this many events.
    #[arg(long, value_name = "N")]
    count: Option<u64>,
    /// Answer each incoming invite request by inviting its sender to this location
    /// (`wrld_…:instance`); requests are throttled and never invite the same friend twice
    /// within 5 minutes.
    #[arg(long, value_name = "LOCATION", value_parser = pasted::<Location>)]
    auto_invite: Option<Location>,
    /// The `message` slot (0 to 11) to send with each automatic invite.
    #[arg(long, requires = "auto_invite")]
    slot: Option<Slot>,
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
    let client = Client::builder(session.client.session().clone())
        .politeness(Politeness::recommended())
        .build()
        .map_err(|error| Failure::new(Exit::Failure, error.to_string()))?;
    let options = PipelineOptions::default().with_connection_events(true);
    let watcher = Watcher::new(client, WatchPlan::new(options).with_base(base))
        .map_err(|error| Failure::new(Exit::Failure, error.to_string()))?;
    let mut shown = 0u64;
    let mut watcher = watcher;
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
                if let Some(location) = &args.auto_invite {
                    answer(watcher.client(), &event, location, args.slot);
                }
            }
            Err(WatchError::Refused(end)) => {
                return Err(Failure::new(Exit::SessionExpired, end.to_string()));
            }
            // A frame the server garbled: say so (its text cleaned) and go on.
            Err(error) => eprintln!("{}", clean(&one_line(&error.to_string()))),
        }
    }
    Ok(())
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

/// Invites the sender of an invite request to `location`.
fn answer(client: &Client, event: &PipelineEvent, location: &Location, slot: Option<Slot>) {
    let Some(request) = event
        .notification()
        .filter(|n| n.kind == NotificationType::RequestInvite)
    else {
        return;
    };
    let sender = request.sender_user_id.clone();
    let invite = InviteUser::new(sender.clone(), location.clone()).with_message_slot(slot);
    match client.send(&invite) {
        Ok(sent) => say(&format!("invited {sender} ({})", sent.id)),
        Err(error) => eprintln!("{}", transport_error(&error, &Subject::User(sender))),
    }
}
