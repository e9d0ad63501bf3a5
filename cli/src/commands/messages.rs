//! `vrchat-invite messages list|get|set|reset`: your invite message slots.

use clap::{Args, Subcommand};
use vrchat_invite_core::Slot;
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage,
};
use vrchat_invite_core::models::{InviteMessage, ItemList};

use crate::connection::logged_in;
use crate::describe::{Subject, input_error, transport_error};
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;
use crate::render::{message_line, messages_table};

/// The `messages` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum MessagesCommand {
    /// Show the 12 slots of one message type.
    List(TypeArg),
    /// Show one slot.
    Get(SlotArgs),
    /// Change the text of one slot. Starts a 60-minute cooldown on that slot.
    Set {
        /// Which slot.
        #[command(flatten)]
        slot: SlotArgs,
        /// The new text (several words are joined with spaces).
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Put one slot back to its default text (only when it is not cooling down).
    Reset(SlotArgs),
}

/// `--type`.
#[derive(Debug, Args)]
pub(crate) struct TypeArg {
    /// The message type: message (invites), response (answers to invites), request (invite
    /// requests) or requestResponse (answers to requests).
    #[arg(long = "type", default_value = "message", value_name = "TYPE")]
    message_type: InviteMessageType,
}

/// `--type` and `--slot`.
#[derive(Debug, Args)]
pub(crate) struct SlotArgs {
    #[command(flatten)]
    kind: TypeArg,
    /// The slot, 0 to 11.
    #[arg(long)]
    slot: Slot,
}

/// Runs a `messages` subcommand.
pub(crate) fn run(command: &MessagesCommand, globals: &Globals) -> Result<(), Failure> {
    let session = logged_in(globals)?;
    let client = &session.client;
    let output = globals.output();
    match command {
        MessagesCommand::List(TypeArg { message_type }) => {
            let messages = client
                .send(&GetInviteMessages::mine(*message_type))
                .map_err(|error| transport_error(&error, &Subject::Messages(*message_type)))?;
            output.show(&messages, || {
                format!("{message_type} slots:\n{}", messages_table(&messages))
            })
        }
        MessagesCommand::Get(args) => {
            let (kind, slot) = (args.kind.message_type, args.slot);
            let message = client
                .send(&GetInviteMessage::mine(kind, slot))
                .map_err(|error| transport_error(&error, &Subject::Slot(kind, slot)))?;
            output.show(&message, || message_line(&message))
        }
        MessagesCommand::Set { slot: args, text } => {
            let (kind, slot) = (args.kind.message_type, args.slot);
            let text = MessageText::new(text.join(" ")).map_err(|error| input_error(&error))?;
            let messages = client
                .send(&UpdateInviteMessage::mine(kind, slot, text))
                .map_err(|error| transport_error(&error, &Subject::Slot(kind, slot)))?;
            output.show(&messages, || changed("set", &messages, kind, slot))
        }
        MessagesCommand::Reset(args) => {
            let (kind, slot) = (args.kind.message_type, args.slot);
            let messages = client
                .send(&ResetInviteMessage::mine(kind, slot))
                .map_err(|error| reset_failure(&error, kind, slot))?;
            output.show(&messages, || changed("reset", &messages, kind, slot))
        }
    }
}

/// The changed slot as the server now has it (the server rewrites some punctuation).
fn changed(
    verb: &str,
    messages: &ItemList<InviteMessage>,
    kind: InviteMessageType,
    slot: Slot,
) -> String {
    match messages.decoded().find(|message| message.slot == slot) {
        Some(message) => format!("{verb}: {}", message_line(message)),
        None => format!("{verb}: {kind} slot {slot} (not in the server's reply)"),
    }
}

/// A refused reset; a 404 there means the slot was never edited.
fn reset_failure(
    error: &vrchat_invite_ureq::Error,
    kind: InviteMessageType,
    slot: Slot,
) -> Failure {
    let failure = transport_error(error, &Subject::Slot(kind, slot));
    if failure.exit() != Exit::NotFound {
        return failure;
    }
    Failure::new(
        Exit::NotFound,
        format!(
            "{kind} slot {slot} was never edited: it already holds its default text, so there \
             is nothing to reset"
        ),
    )
}
