//! `vrchat-invite invite USER --location …`: invite a friend to a world instance.

use std::path::PathBuf;

use clap::Args;
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::{Location, Slot, UserId};

use crate::commands::photo::read_png;
use crate::connection::logged_in;
use crate::describe::{Subject, transport_error};
use crate::failure::Failure;
use crate::globals::Globals;
use crate::pasted::pasted;
use crate::render::sent;

/// Arguments of `invite`.
#[derive(Debug, Args)]
pub(crate) struct InviteArgs {
    /// The friend to invite (`usr_…`).
    #[arg(value_parser = pasted::<UserId>)]
    user: UserId,
    /// Where, with which message and photo.
    #[command(flatten)]
    invite: InviteOptions,
}

/// What an invite carries: `invite` and `grant` take the same options.
#[derive(Debug, Args)]
pub(crate) struct InviteOptions {
    /// Where to: the full location `wrld_…:instance`, e.g. 'wrld_123:12345~region(eu)'
    /// (quote it: `~(` mean something to the shell), or a
    /// `https://vrchat.com/home/launch?worldId=…&instanceId=…` link.
    #[arg(long, value_parser = pasted::<Location>)]
    pub(crate) location: Location,
    /// Which of your `message` slots to send with the invite (0 to 11).
    #[arg(long)]
    pub(crate) slot: Option<Slot>,
    /// A PNG to attach.
    #[arg(long, value_name = "FILE")]
    pub(crate) photo: Option<PathBuf>,
}

/// Runs `invite`.
pub(crate) fn run(args: &InviteArgs, globals: &Globals) -> Result<(), Failure> {
    let photo = args.invite.photo.as_deref().map(read_png).transpose()?;
    let session = logged_in(globals)?;
    let mut invite = InviteUser::new(args.user.clone(), args.invite.location.clone())
        .with_message_slot(args.invite.slot);
    if let Some(photo) = photo {
        invite = invite.with_photo(photo);
    }
    let notification = session.client.send(&invite).map_err(|error| {
        let subject = Subject::Invite(args.user.clone(), args.invite.location.clone());
        transport_error(&error, &subject)
    })?;
    globals.output().show(&notification, || {
        sent(&notification, notification.receiver_user_id.as_str())
    })
}
