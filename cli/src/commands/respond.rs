//! `vrchat-invite respond NOTIFICATION --slot N`: decline or defer an invite or an invite
//! request with one of your messages.

use std::path::PathBuf;

use clap::Args;
use vrchat_invite_core::invite::RespondInvite;
use vrchat_invite_core::{NotificationId, Slot};

use crate::commands::photo::read_png;
use crate::connection::logged_in;
use crate::describe::{Subject, transport_error};
use crate::failure::Failure;
use crate::globals::Globals;
use crate::pasted::pasted;
use crate::render::sent_reply;

/// Arguments of `respond`.
#[derive(Debug, Args)]
pub(crate) struct RespondArgs {
    /// The notification to answer (`not_…`): an invite or an invite request you received,
    /// as `vrchat-invite inbox` lists it.
    #[arg(value_parser = pasted::<NotificationId>)]
    notification: NotificationId,
    /// Which slot to answer with (0 to 11): one of your `response` messages for an invite,
    /// of your `requestResponse` messages for an invite request.
    #[arg(long)]
    slot: Slot,
    /// A PNG to attach.
    #[arg(long, value_name = "FILE")]
    photo: Option<PathBuf>,
}

/// Runs `respond`.
pub(crate) fn run(args: &RespondArgs, globals: &Globals) -> Result<(), Failure> {
    let photo = args.photo.as_deref().map(read_png).transpose()?;
    let session = logged_in(globals)?;
    let mut respond = RespondInvite::new(args.notification.clone(), args.slot);
    if let Some(photo) = photo {
        respond = respond.with_photo(photo);
    }
    let notification = session.client.send(&respond).map_err(|error| {
        transport_error(&error, &Subject::Notification(args.notification.clone()))
    })?;
    globals.output().show(&notification, || {
        let receiver = notification
            .receiver_user_id
            .as_ref()
            .map_or("the sender", |id| id.as_str());
        format!(
            "answered {}: {}",
            args.notification,
            sent_reply(&notification, receiver)
        )
    })
}
