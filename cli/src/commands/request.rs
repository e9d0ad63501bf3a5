//! `vrchat-invite request USER`: ask a friend to invite you.

use std::path::PathBuf;

use clap::Args;
use vrchat_invite_core::invite::RequestInvite;
use vrchat_invite_core::{Slot, UserId};

use crate::commands::photo::read_png;
use crate::connection::logged_in;
use crate::describe::{Subject, transport_error};
use crate::failure::Failure;
use crate::globals::Globals;
use crate::pasted::pasted;
use crate::render::sent_reply;

/// Arguments of `request`.
#[derive(Debug, Args)]
pub(crate) struct RequestArgs {
    /// The friend to ask (`usr_…`).
    #[arg(value_parser = pasted::<UserId>)]
    user: UserId,
    /// Which of your `request` slots to send (0 to 11).
    #[arg(long)]
    slot: Option<Slot>,
    /// A PNG to attach.
    #[arg(long, value_name = "FILE")]
    photo: Option<PathBuf>,
}

/// Runs `request`.
pub(crate) fn run(args: &RequestArgs, globals: &Globals) -> Result<(), Failure> {
    let photo = args.photo.as_deref().map(read_png).transpose()?;
    let session = logged_in(globals)?;
    let mut request = RequestInvite::new(args.user.clone()).with_request_slot(args.slot);
    if let Some(photo) = photo {
        request = request.with_photo(photo);
    }
    let notification = session
        .client
        .send(&request)
        .map_err(|error| transport_error(&error, &Subject::User(args.user.clone())))?;
    globals.output().show(&notification, || {
        let receiver = notification.receiver_user_id.as_ref().unwrap_or(&args.user);
        sent_reply(&notification, receiver.as_str())
    })
}
