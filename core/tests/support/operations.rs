//! Every operation of the core, built from one set of values. The golden, property,
//! never-panics and fuzz tests all draw from this list, so a new operation is added here
//! once and none of them can leave it out.

use std::fmt::Debug;

use vrchat_invite_core::auth::{
    Credentials, GetCurrentUser, Logout, TwoFactorCode, TwoFactorMethod, VerifyAuthToken,
    VerifyTwoFactor,
};
use vrchat_invite_core::inbox::{
    ClearNotifications, GetNotification, HideNotification, ListNotifications, MarkNotificationSeen,
};
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, Png, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage,
};
use vrchat_invite_core::{Endpoint, Location, NotificationId, Slot, UserId};

/// How many operations [`visit_every_operation`] visits.
pub const OPERATION_COUNT: usize = 25;

/// The operations that log in or out, which need no `auth` cookie.
pub const LOGIN_OPERATIONS: [&str; 5] = [
    "getCurrentUser (password)",
    "getCurrentUser (session)",
    "verify2FA",
    "verifyAuthToken",
    "logout",
];

/// What a test does with each operation.
pub trait Visitor {
    /// Called once per operation with its name (the spec's `operationId`) and the endpoint.
    fn visit<E: Endpoint>(&mut self, name: &'static str, endpoint: &E)
    where
        E::Output: Debug;
}

/// The values the operations are built from.
#[derive(Debug, Clone)]
pub struct Values {
    /// The other user (invites, requests, message collections).
    pub user: UserId,
    /// The notification answered, read, marked or hidden.
    pub notification: NotificationId,
    /// Where invites lead.
    pub location: Location,
    /// The photo of the photo variants.
    pub png: Png,
}

impl Values {
    /// Plain values.
    pub fn plain() -> Self {
        Self {
            user: UserId::new("usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469").expect("user"),
            notification: NotificationId::new("not_00000000-0000-0000-0000-000000000000")
                .expect("notification"),
            location: "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(abc)"
                .parse()
                .expect("location"),
            png: Png::new(Png::SIGNATURE.to_vec()).expect("png"),
        }
    }
}

/// Visits every operation, always in the same order: the Invite API, the inbox, then login.
pub fn visit_every_operation(values: &Values, visitor: &mut impl Visitor) {
    let Values {
        user,
        notification,
        location,
        png,
    } = values;
    let kind = InviteMessageType::Message;
    let slot = |n| Slot::new(n).expect("slot");
    let text = MessageText::new("Hi").expect("text");
    let invite = InviteUser::new(user.clone(), location.clone());
    visitor.visit("inviteUser", &invite);
    visitor.visit(
        "inviteUserWithPhoto",
        &invite.clone().with_photo(png.clone()),
    );
    let request = RequestInvite::new(user.clone());
    visitor.visit("requestInvite", &request);
    visitor.visit("requestInviteWithPhoto", &request.with_photo(png.clone()));
    let respond = RespondInvite::new(notification.clone(), slot(1));
    visitor.visit("respondInvite", &respond);
    visitor.visit("respondInviteWithPhoto", &respond.with_photo(png.clone()));
    visitor.visit("inviteMyselfTo", &InviteMyselfTo::new(location.clone()));
    visitor.visit(
        "getInviteMessages",
        &GetInviteMessages::new(user.clone(), kind),
    );
    visitor.visit(
        "getInviteMessage",
        &GetInviteMessage::new(user.clone(), kind, slot(3)),
    );
    visitor.visit(
        "updateInviteMessage",
        &UpdateInviteMessage::new(user.clone(), kind, slot(3), text.clone()),
    );
    visitor.visit(
        "resetInviteMessage",
        &ResetInviteMessage::new(user.clone(), kind, slot(3)),
    );
    // The same four on the session's own user, resolved by `Session::request`.
    visitor.visit("getInviteMessages (mine)", &GetInviteMessages::mine(kind));
    visitor.visit(
        "getInviteMessage (mine)",
        &GetInviteMessage::mine(kind, slot(3)),
    );
    visitor.visit(
        "updateInviteMessage (mine)",
        &UpdateInviteMessage::mine(kind, slot(3), text),
    );
    visitor.visit(
        "resetInviteMessage (mine)",
        &ResetInviteMessage::mine(kind, slot(3)),
    );
    visitor.visit("getNotifications", &ListNotifications::new());
    visitor.visit(
        "getNotification",
        &GetNotification::new(notification.clone()),
    );
    visitor.visit(
        "markNotificationAsRead",
        &MarkNotificationSeen::new(notification.clone()),
    );
    visitor.visit(
        "deleteNotification",
        &HideNotification::new(notification.clone()),
    );
    visitor.visit("clearNotifications", &ClearNotifications::new());
    let credentials = Credentials::new("alice", "secret").expect("credentials");
    visitor.visit(
        "getCurrentUser (password)",
        &GetCurrentUser::with_credentials(credentials),
    );
    visitor.visit("getCurrentUser (session)", &GetCurrentUser::with_session());
    let code = TwoFactorCode::new("123456").expect("code");
    let verify = VerifyTwoFactor::new(TwoFactorMethod::Totp, code).expect("verify");
    visitor.visit("verify2FA", &verify);
    visitor.visit("verifyAuthToken", &VerifyAuthToken);
    visitor.visit("logout", &Logout);
}

/// Counts the visits, to check the list against [`OPERATION_COUNT`].
#[derive(Debug, Default)]
pub struct Names(pub Vec<&'static str>);

impl Visitor for Names {
    fn visit<E: Endpoint>(&mut self, name: &'static str, _: &E)
    where
        E::Output: Debug,
    {
        self.0.push(name);
    }
}
