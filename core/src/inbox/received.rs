//! Typed views of what an invite user acts on, each one call away from its answer.

use crate::ids::{Location, NotificationId, UserId};
use crate::invite::{InviteUser, RespondInvite};
use crate::models::{
    InviteDetails, InviteResponseDetails, Notification, NotificationDetails, RequestInviteDetails,
    RequestInviteResponseDetails,
};
use crate::slot::Slot;

/// A received notification, seen as what you can do with it.
///
/// ```
/// use vrchat_invite_core::{Endpoint, Slot};
/// use vrchat_invite_core::inbox::Received;
/// use vrchat_invite_core::models::Notification;
/// let json = r#"{"id":"not_7","type":"invite","created_at":"2026-01-01T00:00:00.000Z",
///   "details":"{\"worldId\":\"wrld_1:123~region(eu)\",\"worldName\":\"Home\",\"inviteMessage\":\"Come!\"}",
///   "message":"","seen":false,"senderUserId":"usr_a","senderUsername":"alice"}"#;
/// let notification: Notification = serde_json::from_str(json)?;
/// let Received::Invite(invite) = notification.received() else { panic!("an invite") };
/// assert_eq!(invite.sender().as_str(), "usr_a");
/// assert_eq!(invite.world_name(), "Home");
/// assert_eq!(invite.message(), Some("Come!"));
/// assert_eq!(invite.location().map(|l| l.to_string()).as_deref(), Some("wrld_1:123~region(eu)"));
/// // Answering is one call: this is the request to send.
/// let answer = invite.respond(Slot::new(0)?);
/// assert_eq!(answer.path(), "/invite/not_7/response");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Received<'a> {
    /// Someone invites you to a location: answer with [`ReceivedInvite::respond`].
    Invite(ReceivedInvite<'a>),
    /// Someone asks you for an invite: invite them with [`ReceivedInviteRequest::invite_to`],
    /// or answer with [`ReceivedInviteRequest::respond`].
    InviteRequest(ReceivedInviteRequest<'a>),
    /// The answer to an invite you sent.
    InviteResponse(ReceivedInviteResponse<'a>),
    /// The answer to an invite request you sent.
    RequestResponse(ReceivedRequestResponse<'a>),
    /// Any other notification (friend requests, boops, types this crate does not know, or
    /// invite-family notifications whose details did not decode).
    Other(&'a Notification),
}

impl Notification {
    /// This notification seen as what you can do with it.
    pub fn received(&self) -> Received<'_> {
        match &self.details {
            NotificationDetails::Invite(details) => Received::Invite(ReceivedInvite {
                notification: self,
                details,
            }),
            NotificationDetails::RequestInvite(details) => {
                Received::InviteRequest(ReceivedInviteRequest {
                    notification: self,
                    details,
                })
            }
            NotificationDetails::InviteResponse(details) => {
                Received::InviteResponse(ReceivedInviteResponse {
                    notification: self,
                    details,
                })
            }
            NotificationDetails::RequestInviteResponse(details) => {
                Received::RequestResponse(ReceivedRequestResponse {
                    notification: self,
                    details,
                })
            }
            NotificationDetails::Other(_) => Received::Other(self),
        }
    }
}

impl<'a> Received<'a> {
    /// The notification behind the view.
    pub fn notification(&self) -> &'a Notification {
        match self {
            Self::Invite(view) => view.notification,
            Self::InviteRequest(view) => view.notification,
            Self::InviteResponse(view) => view.notification,
            Self::RequestResponse(view) => view.notification,
            Self::Other(notification) => notification,
        }
    }

    /// The notification's ID.
    pub fn id(&self) -> &'a NotificationId {
        &self.notification().id
    }

    /// Who sent it.
    pub fn sender(&self) -> &'a UserId {
        &self.notification().sender_user_id
    }

    /// The text that came with it, if any: the slot message of an invite, request or
    /// answer.
    pub fn message(&self) -> Option<&'a str> {
        match self {
            Self::Invite(view) => view.message(),
            Self::InviteRequest(view) => view.message(),
            Self::InviteResponse(view) => Some(view.message()),
            Self::RequestResponse(view) => view.message(),
            Self::Other(_) => None,
        }
    }
}

/// Fields every view shares.
macro_rules! view_basics {
    ($name:ident, $details:ty) => {
        impl<'a> $name<'a> {
            /// The notification behind the view.
            pub fn notification(&self) -> &'a Notification {
                self.notification
            }

            /// The typed details.
            pub fn details(&self) -> &'a $details {
                self.details
            }

            /// The notification's ID.
            pub fn id(&self) -> &'a NotificationId {
                &self.notification.id
            }

            /// Who sent it.
            pub fn sender(&self) -> &'a UserId {
                &self.notification.sender_user_id
            }

            /// The sender's name, when the server still sends it (it is deprecated).
            pub fn sender_name(&self) -> Option<&'a str> {
                self.notification.sender_username.as_deref()
            }
        }
    };
}

/// An `invite`: who invites you, where to, and with which message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReceivedInvite<'a> {
    notification: &'a Notification,
    details: &'a InviteDetails,
}

view_basics!(ReceivedInvite, InviteDetails);

impl<'a> ReceivedInvite<'a> {
    /// Where you are invited, when the server sent a full `world:instance` location.
    pub fn location(&self) -> Option<Location> {
        self.details.location()
    }

    /// The location or world ID as the server wrote it.
    pub fn world_id(&self) -> &'a str {
        &self.details.world_id
    }

    /// The world's name.
    pub fn world_name(&self) -> &'a str {
        &self.details.world_name
    }

    /// The invite message, when one was sent.
    pub fn message(&self) -> Option<&'a str> {
        self.details.invite_message.as_deref()
    }

    /// The answer to this invite with the `response` message in `slot`.
    pub fn respond(&self, slot: Slot) -> RespondInvite {
        RespondInvite::new(self.notification.id.clone(), slot)
    }
}

/// A `requestInvite`: someone asks you to invite them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReceivedInviteRequest<'a> {
    notification: &'a Notification,
    details: &'a RequestInviteDetails,
}

view_basics!(ReceivedInviteRequest, RequestInviteDetails);

impl<'a> ReceivedInviteRequest<'a> {
    /// The request message, when one was sent.
    pub fn message(&self) -> Option<&'a str> {
        self.details.request_message.as_deref()
    }

    /// The requester's platform, when given.
    pub fn platform(&self) -> Option<&'a str> {
        self.details.platform.as_deref()
    }

    /// The invite that grants this request: the sender, invited to `location`.
    pub fn invite_to(&self, location: Location) -> InviteUser {
        InviteUser::new(self.notification.sender_user_id.clone(), location)
    }

    /// The answer that declines or defers it with the `requestResponse` message in `slot`.
    pub fn respond(&self, slot: Slot) -> RespondInvite {
        RespondInvite::new(self.notification.id.clone(), slot)
    }
}

/// An `inviteResponse`: the answer to an invite you sent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReceivedInviteResponse<'a> {
    notification: &'a Notification,
    details: &'a InviteResponseDetails,
}

view_basics!(ReceivedInviteResponse, InviteResponseDetails);

impl<'a> ReceivedInviteResponse<'a> {
    /// The invite this answers.
    pub fn in_response_to(&self) -> &'a NotificationId {
        &self.details.in_response_to
    }

    /// The response message.
    pub fn message(&self) -> &'a str {
        &self.details.response_message
    }
}

/// A `requestInviteResponse`: the answer to an invite request you sent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReceivedRequestResponse<'a> {
    notification: &'a Notification,
    details: &'a RequestInviteResponseDetails,
}

view_basics!(ReceivedRequestResponse, RequestInviteResponseDetails);

impl<'a> ReceivedRequestResponse<'a> {
    /// The request this answers.
    pub fn in_response_to(&self) -> &'a NotificationId {
        &self.details.in_response_to
    }

    /// The response message, when one was sent.
    pub fn message(&self) -> Option<&'a str> {
        self.details.request_message.as_deref()
    }
}
