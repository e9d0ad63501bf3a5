//! `vrchat-invite grant NOTIFICATION --location …`: let in a friend who asked for an invite.

use clap::Args;
use serde::Serialize;
use vrchat_invite_core::NotificationId;
use vrchat_invite_core::inbox::{GetNotification, MarkNotificationSeen, Received};
use vrchat_invite_core::models::{Notification, SentNotification};

use crate::commands::invite::InviteOptions;
use crate::commands::photo::read_png;
use crate::connection::logged_in;
use crate::describe::{Subject, transport_error};
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;
use crate::pasted::pasted;
use crate::render::{sender, sent};

/// Arguments of `grant`.
#[derive(Debug, Args)]
pub(crate) struct GrantArgs {
    /// The invite request (`not_…`), as `vrchat-invite inbox --type request` lists it.
    #[arg(value_parser = pasted::<NotificationId>)]
    notification: NotificationId,
    /// Where, with which message and photo.
    #[command(flatten)]
    invite: InviteOptions,
}

/// What `grant --json` prints: the invite sent, and the request as marked seen (`null`
/// when marking it failed; the invite was sent all the same).
#[derive(Debug, Serialize)]
struct Granted {
    invite: SentNotification,
    request: Option<Notification>,
}

/// Runs `grant`.
pub(crate) fn run(args: &GrantArgs, globals: &Globals) -> Result<(), Failure> {
    let photo = args.invite.photo.as_deref().map(read_png).transpose()?;
    let session = logged_in(globals)?;
    let client = &session.client;
    let about_request = |error: vrchat_invite_ureq::Error| {
        transport_error(&error, &Subject::Notification(args.notification.clone()))
    };
    let request = client
        .send(&GetNotification::new(args.notification.clone()))
        .map_err(about_request)?;
    let Received::InviteRequest(view) = request.received() else {
        return Err(not_a_request(&request));
    };
    let mut invite = view
        .invite_to(args.invite.location.clone())
        .with_message_slot(args.invite.slot);
    if let Some(photo) = photo {
        invite = invite.with_photo(photo);
    }
    let requester = sender(&request);
    let sent_invite = client.send(&invite).map_err(|error| {
        let subject = Subject::Invite(request.sender_user_id.clone(), args.invite.location.clone());
        transport_error(&error, &subject)
    })?;
    // The invite is out: a failure from here on is a warning, never a reason to send again.
    let marked = match client.send(&MarkNotificationSeen::new(args.notification.clone())) {
        Ok(notification) => Some(notification),
        Err(error) => {
            let failure = about_request(error);
            eprintln!(
                "warning: the invite was sent, but the request could not be marked seen: {failure}"
            );
            None
        }
    };
    let granted = Granted {
        invite: sent_invite,
        request: marked,
    };
    globals.output().show(&granted, || {
        let mut text = format!(
            "granted {}: {}",
            args.notification,
            sent(&granted.invite, &requester)
        );
        if granted.request.is_some() {
            text.push_str("; the request is marked seen");
        }
        text
    })
}

/// The failure for a notification that is not an invite request.
fn not_a_request(notification: &Notification) -> Failure {
    let answer = match notification.received() {
        Received::Invite(_) => "; to answer an invite, use `vrchat-invite respond`",
        _ => "",
    };
    Failure::new(
        Exit::Usage,
        format!(
            "notification {} is of type {}, not an invite request: `grant` answers invite requests{answer} (list them with `vrchat-invite inbox --type request`)",
            notification.id, notification.kind
        ),
    )
}
