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
    /// Called once per operation with its name and the endpoint. The name is the type's
    /// `Endpoint::OPERATION_ID` (the spec's `operationId`) and the form, one of [`FORMS`].
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

/// What follows an operation's `OPERATION_ID` in its name: nothing for the plain form, the
/// spec's `WithPhoto` for a photo form (its own `operationId`), or a note in brackets.
pub const FORMS: [&str; 5] = ["", "WithPhoto", " (mine)", " (password)", " (session)"];

/// Hands `endpoint` to the visitor under `name`, which must be its `OPERATION_ID` and a
/// form: the list and the operations cannot disagree on a name.
fn visit<E: Endpoint>(visitor: &mut impl Visitor, name: &'static str, endpoint: &E)
where
    E::Output: Debug,
{
    let form = name.strip_prefix(E::OPERATION_ID);
    assert!(
        form.is_some_and(|form| FORMS.contains(&form)),
        "{name} is not a form of {}",
        E::OPERATION_ID
    );
    visitor.visit(name, endpoint);
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
    visit(visitor, "inviteUser", &invite);
    visit(
        visitor,
        "inviteUserWithPhoto",
        &invite.clone().with_photo(png.clone()),
    );
    let request = RequestInvite::new(user.clone());
    visit(visitor, "requestInvite", &request);
    visit(
        visitor,
        "requestInviteWithPhoto",
        &request.with_photo(png.clone()),
    );
    let respond = RespondInvite::new(notification.clone(), slot(1));
    visit(visitor, "respondInvite", &respond);
    visit(
        visitor,
        "respondInviteWithPhoto",
        &respond.with_photo(png.clone()),
    );
    visit(
        visitor,
        "inviteMyselfTo",
        &InviteMyselfTo::new(location.clone()),
    );
    visit(
        visitor,
        "getInviteMessages",
        &GetInviteMessages::new(user.clone(), kind),
    );
    visit(
        visitor,
        "getInviteMessage",
        &GetInviteMessage::new(user.clone(), kind, slot(3)),
    );
    visit(
        visitor,
        "updateInviteMessage",
        &UpdateInviteMessage::new(user.clone(), kind, slot(3), text.clone()),
    );
    visit(
        visitor,
        "resetInviteMessage",
        &ResetInviteMessage::new(user.clone(), kind, slot(3)),
    );
    // The same four on the session's own user, resolved by `Session::request`.
    visit(
        visitor,
        "getInviteMessages (mine)",
        &GetInviteMessages::mine(kind),
    );
    visit(
        visitor,
        "getInviteMessage (mine)",
        &GetInviteMessage::mine(kind, slot(3)),
    );
    visit(
        visitor,
        "updateInviteMessage (mine)",
        &UpdateInviteMessage::mine(kind, slot(3), text),
    );
    visit(
        visitor,
        "resetInviteMessage (mine)",
        &ResetInviteMessage::mine(kind, slot(3)),
    );
    visit(visitor, "getNotifications", &ListNotifications::new());
    visit(
        visitor,
        "getNotification",
        &GetNotification::new(notification.clone()),
    );
    visit(
        visitor,
        "markNotificationAsRead",
        &MarkNotificationSeen::new(notification.clone()),
    );
    visit(
        visitor,
        "deleteNotification",
        &HideNotification::new(notification.clone()),
    );
    visit(visitor, "clearNotifications", &ClearNotifications::new());
    let credentials = Credentials::new("alice", "secret").expect("credentials");
    visit(
        visitor,
        "getCurrentUser (password)",
        &GetCurrentUser::with_credentials(credentials),
    );
    visit(
        visitor,
        "getCurrentUser (session)",
        &GetCurrentUser::with_session(),
    );
    let code = TwoFactorCode::new("123456").expect("code");
    let verify = VerifyTwoFactor::new(TwoFactorMethod::Totp, code).expect("verify");
    visit(visitor, "verify2FA", &verify);
    visit(visitor, "verifyAuthToken", &VerifyAuthToken);
    visit(visitor, "logout", &Logout);
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
