//! `vrchat-invite invite-me LOCATION`: send yourself an invite to a world instance.

use clap::Args;
use vrchat_invite_core::Location;
use vrchat_invite_core::invite::InviteMyselfTo;

use crate::connection::logged_in;
use crate::describe::{Subject, transport_error};
use crate::failure::Failure;
use crate::globals::Globals;
use crate::pasted::pasted;
use crate::render::sent;

/// Arguments of `invite-me`.
#[derive(Debug, Args)]
pub(crate) struct InviteMeArgs {
    /// Where to: 'wrld_…:instance' (quoted), or a VRChat launch link.
    #[arg(value_parser = pasted::<Location>)]
    location: Location,
}

/// Runs `invite-me`.
pub(crate) fn run(args: &InviteMeArgs, globals: &Globals) -> Result<(), Failure> {
    let session = logged_in(globals)?;
    let notification = session
        .client
        .send(&InviteMyselfTo::new(args.location.clone()))
        .map_err(|error| transport_error(&error, &Subject::Location(args.location.clone())))?;
    globals.output().show(&notification, || {
        sent(&notification, notification.receiver_user_id.as_str())
    })
}
