//! `vrchat-invite`: VRChat's Invite API from the command line.
//!
//! Log in once (`login`), then read and edit invite messages, send invites, ask for them
//! and answer them. `demo` tours everything against a built-in simulator, and `sim` serves
//! that simulator for tests in any language. Every failure prints one line on stderr and
//! exits with its own code (see `--help`).

mod auto_invite;
mod base_url_hint;
mod commands;
mod connection;
mod decision_log;
mod describe;
mod exit_codes;
mod failure;
mod globals;
mod output;
mod pasted;
mod prompt;
mod render;
mod session_store;
mod table;
mod terminal_text;
mod wall_clock;
mod watch_lock;
mod watch_state_file;

use std::process::ExitCode;

use clap::Parser;

use crate::commands::Command;
use crate::exit_codes::Exit;
use crate::globals::Globals;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "vrchat-invite",
    version,
    about = "VRChat's Invite API from the command line",
    long_about = "VRChat's Invite API from the command line.\n\n\
        Every command except `demo` and `sim` needs a User-Agent naming your app and a contact \
        (--user-agent or VRCHAT_INVITE_USER_AGENT); `login` saves it with the session.\n\
        Try it without an account: `vrchat-invite demo`.",
    after_help = exit_codes::help_table(),
)]
struct Cli {
    #[command(flatten)]
    globals: Globals,
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(&cli.command, &cli.globals) {
        Ok(()) => Exit::Success.into(),
        Err(failure) => {
            eprintln!("error: {}", failure.message());
            failure.exit().into()
        }
    }
}
