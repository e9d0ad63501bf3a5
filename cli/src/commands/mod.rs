//! The subcommands, one file each.

mod demo;
mod grant;
mod inbox;
mod invite;
mod invite_me;
mod login;
mod logout;
mod messages;
mod photo;
mod request;
mod respond;
mod sim;
mod watch;

use clap::Subcommand;

use crate::failure::Failure;
use crate::globals::Globals;

/// What to do.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Log in and save the session (reuses a saved session that is still valid).
    Login(login::LoginArgs),
    /// End the session on the server and delete the session file.
    Logout,
    /// Read and edit your invite message slots.
    #[command(subcommand)]
    Messages(messages::MessagesCommand),
    /// Invite a friend to a world instance.
    Invite(invite::InviteArgs),
    /// Send yourself an invite to a world instance.
    InviteMe(invite_me::InviteMeArgs),
    /// Ask a friend to invite you.
    Request(request::RequestArgs),
    /// List the invites, invite requests and answers you received; mark, hide or clear them.
    Inbox(inbox::InboxArgs),
    /// Decline or defer an invite or an invite request with one of your messages (find its
    /// ID with `inbox`; to let a requester in, use `grant`).
    ///
    /// The answer is a message only ("Sorry, I can't come", "Busy, later"): it does not
    /// accept an invite, and it does not let in someone who asked for one. To let them in,
    /// use `vrchat-invite grant ID --location …`.
    Respond(respond::RespondArgs),
    /// Grant an invite request: invite its sender to a location, then mark the request seen.
    ///
    /// Marking the request seen tells a second look (or a bot sharing the account) that it
    /// was answered. Find the request's ID with `vrchat-invite inbox --type request`; to
    /// decline or defer instead, use `respond`.
    Grant(grant::GrantArgs),
    /// A guided tour against a built-in simulated VRChat: no account, no network.
    Demo,
    /// Serve the simulated VRChat on 127.0.0.1 for your own tests, in any language.
    Sim(sim::SimArgs),
    /// Print events (invites, requests, answers, friends moving) as they arrive.
    ///
    /// The connection's changes (connected, dropped and why, reconnecting in N s, caught
    /// up K missed notifications) go to stderr as `watch: ...` lines; with --json they are
    /// lines of their own on stdout: {"type":"_connection","content":{"state":...}}.
    ///
    /// Each start resumes where the last one stopped. The checkpoint is saved in a state
    /// file (--state; by default one per account and base URL beside the session file)
    /// after each event, so what arrived while it was down comes first ("caught up N
    /// missed notifications"), and nothing shown before is shown again, except the one
    /// event in hand when the process was killed. --from-now starts from the inbox as it
    /// is now.
    ///
    /// With --auto-invite it is a bot: each invite request is answered with an invite, then marked
    /// seen on the server; a request already seen is skipped, so a restart, or a copy elsewhere
    /// catching up, does not answer it again. The window left: a crash after the invite and before
    /// the mark (a second or so, as requests are spaced) leaves the request unseen, and the next
    /// start invites that friend again. One bot per account on a machine: it holds a lock file
    /// beside the state file (its process ID inside); a second copy exits naming that process (exit
    /// code 24), and a lock left by a process that is gone is taken over. Decisions are printed
    /// (`_decision` lines with --json) and, with --log, appended to a file as JSON lines.
    Watch(watch::WatchArgs),
}

/// Runs `command`.
pub(crate) fn run(command: &Command, globals: &Globals) -> Result<(), Failure> {
    run_command(command, globals)
        .map_err(|failure| crate::base_url_hint::with_base_url_hint(failure, globals))
}

fn run_command(command: &Command, globals: &Globals) -> Result<(), Failure> {
    match command {
        Command::Login(args) => login::run(args, globals),
        Command::Logout => logout::run(globals),
        Command::Messages(command) => messages::run(command, globals),
        Command::Invite(args) => invite::run(args, globals),
        Command::InviteMe(args) => invite_me::run(args, globals),
        Command::Request(args) => request::run(args, globals),
        Command::Inbox(args) => inbox::run(args, globals),
        Command::Respond(args) => respond::run(args, globals),
        Command::Grant(args) => grant::run(args, globals),
        Command::Demo => demo::run(),
        Command::Sim(args) => sim::run(args, globals),
        Command::Watch(args) => watch::run(args, globals),
    }
}
