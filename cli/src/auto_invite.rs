//! `watch --auto-invite`: the decision about each invite request (invite its sender, then
//! mark it seen; or skip it), made once and logged.

use vrchat_invite_core::inbox::MarkNotificationSeen;
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::models::Notification;
use vrchat_invite_core::{Location, Slot, UserId};
use vrchat_invite_ureq::Client;

use crate::decision_log::{Action, Decision};
use crate::describe::{Subject, transport_error};

/// Who may be invited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Allow {
    /// Anyone who can send a request (VRChat lets only friends do that).
    Friends,
    /// Only these users.
    Only(Vec<UserId>),
}

impl Allow {
    fn admits(&self, user: &UserId) -> bool {
        match self {
            Allow::Friends => true,
            Allow::Only(users) => users.contains(user),
        }
    }
}

/// How requests are answered.
#[derive(Debug, Clone)]
pub(crate) struct AutoInvite {
    /// Where senders are invited to.
    pub(crate) location: Location,
    /// The `message` slot sent with each invite.
    pub(crate) slot: Option<Slot>,
    /// Who may be invited.
    pub(crate) allow: Allow,
    /// Say what would be sent, send nothing, mark nothing.
    pub(crate) dry_run: bool,
}

impl AutoInvite {
    /// Decides about `request` (an invite request) and carries it out with `client`:
    /// a request already seen was answered before and is skipped; otherwise an allowed
    /// sender is invited and the request marked seen, so no restart or second copy answers
    /// it again. Nothing is ever retried.
    pub(crate) fn answer(&self, client: &Client, request: &Notification) -> Decision {
        let sender = request.sender_user_id.clone();
        let decision = |action| Decision::new(request.id.clone(), sender.clone(), action);
        if request.seen {
            return decision(Action::SkippedSeen).result("already seen: answered before");
        }
        if !self.allow.admits(&sender) {
            return decision(Action::SkippedNotAllowed).result("not among --allow");
        }
        if self.dry_run {
            return decision(Action::DryRun).result(format!(
                "would invite {sender} to {}; nothing sent",
                self.location
            ));
        }
        let invite =
            InviteUser::new(sender.clone(), self.location.clone()).with_message_slot(self.slot);
        let sent = match client.send(&invite) {
            Ok(sent) => sent,
            Err(error) => {
                let subject = Subject::Invite(sender.clone(), self.location.clone());
                let failure = transport_error(&error, &subject);
                return decision(Action::Failed).error(failure.message());
            }
        };
        let mut invited = decision(Action::Invited);
        invited.invite = Some(sent.id.clone());
        // The invite is out: a failure from here on is reported, never a reason to send again.
        match client.send(&MarkNotificationSeen::new(request.id.clone())) {
            Ok(_) => invited.result(format!(
                "invite sent to {}; the request is marked seen",
                self.location
            )),
            Err(error) => {
                let failure = transport_error(&error, &Subject::Notification(request.id.clone()));
                invited
                    .result(format!("invite sent to {}", self.location))
                    .error(format!(
                        "the request could not be marked seen, so a restart may answer it again: {}",
                        failure.message()
                    ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_allow_list_admits_only_its_users() {
        let (alice, dave) = (
            UserId::new("usr_a").expect("id"),
            UserId::new("usr_d").expect("id"),
        );
        assert!(Allow::Friends.admits(&alice));
        let only = Allow::Only(vec![alice.clone()]);
        assert!(only.admits(&alice));
        assert!(!only.admits(&dave));
    }
}
