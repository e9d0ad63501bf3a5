//! Which operation a method and path name.

use http::Method;
use percent_encoding::percent_decode_str;
use vrchat_invite_core::Endpoint;
use vrchat_invite_core::auth::{GetCurrentUser, Logout, VerifyAuthToken, VerifyTwoFactor};
use vrchat_invite_core::inbox::{
    ClearNotifications, GetNotification, HideNotification, ListNotifications, MarkNotificationSeen,
};
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, ResetInviteMessage, UpdateInviteMessage,
};

/// The path every API route lives under.
pub(crate) const BASE_PATH: &str = "/api/1";

/// The two ways a notification can be answered or sent: plain JSON or multipart with a photo.
pub(crate) type WithPhoto = bool;

/// A recognised route, its path parameters percent-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    GetCurrentUser,
    VerifyTotp,
    VerifyRecoveryCode,
    VerifyEmailCode,
    VerifyAuthToken,
    Logout,
    InviteUser {
        user: String,
        photo: WithPhoto,
    },
    RequestInvite {
        user: String,
        photo: WithPhoto,
    },
    RespondInvite {
        notification: String,
        photo: WithPhoto,
    },
    InviteMyselfTo {
        location: String,
    },
    GetInviteMessages {
        user: String,
        kind: String,
    },
    GetInviteMessage {
        user: String,
        kind: String,
        slot: String,
    },
    UpdateInviteMessage {
        user: String,
        kind: String,
        slot: String,
    },
    ResetInviteMessage {
        user: String,
        kind: String,
        slot: String,
    },
    GetNotifications,
    GetNotification {
        notification: String,
    },
    MarkNotificationAsRead {
        notification: String,
    },
    DeleteNotification {
        notification: String,
    },
    ClearNotifications,
    DownloadFile {
        file: String,
    },
    NotFound,
}

impl Route {
    /// The spec's `operationId`, or `unknown`: the core's [`Endpoint::OPERATION_ID`] of the
    /// operation that sends it, so a route and its endpoint cannot disagree. The forms no
    /// endpoint type names (a photo form, the other two-factor methods) are spelled out.
    pub(crate) fn operation_id(&self) -> &'static str {
        match self {
            Self::GetCurrentUser => GetCurrentUser::OPERATION_ID,
            Self::VerifyTotp => VerifyTwoFactor::OPERATION_ID,
            Self::VerifyRecoveryCode => "verifyRecoveryCode",
            Self::VerifyEmailCode => "verify2FAEmailCode",
            Self::VerifyAuthToken => VerifyAuthToken::OPERATION_ID,
            Self::Logout => Logout::OPERATION_ID,
            Self::InviteUser { photo: false, .. } => InviteUser::OPERATION_ID,
            Self::InviteUser { photo: true, .. } => "inviteUserWithPhoto",
            Self::RequestInvite { photo: false, .. } => RequestInvite::OPERATION_ID,
            Self::RequestInvite { photo: true, .. } => "requestInviteWithPhoto",
            Self::RespondInvite { photo: false, .. } => RespondInvite::OPERATION_ID,
            Self::RespondInvite { photo: true, .. } => "respondInviteWithPhoto",
            Self::InviteMyselfTo { .. } => InviteMyselfTo::OPERATION_ID,
            Self::GetInviteMessages { .. } => GetInviteMessages::OPERATION_ID,
            Self::GetInviteMessage { .. } => GetInviteMessage::OPERATION_ID,
            Self::UpdateInviteMessage { .. } => UpdateInviteMessage::OPERATION_ID,
            Self::ResetInviteMessage { .. } => ResetInviteMessage::OPERATION_ID,
            Self::GetNotifications => ListNotifications::OPERATION_ID,
            Self::GetNotification { .. } => GetNotification::OPERATION_ID,
            Self::MarkNotificationAsRead { .. } => MarkNotificationSeen::OPERATION_ID,
            Self::DeleteNotification { .. } => HideNotification::OPERATION_ID,
            Self::ClearNotifications => ClearNotifications::OPERATION_ID,
            Self::DownloadFile { .. } => "downloadFileVersion",
            Self::NotFound => "unknown",
        }
    }

    /// Whether the body is multipart with a photo.
    pub(crate) fn takes_photo(&self) -> bool {
        matches!(
            self,
            Self::InviteUser { photo: true, .. }
                | Self::RequestInvite { photo: true, .. }
                | Self::RespondInvite { photo: true, .. }
        )
    }
}

fn decode(segment: &str) -> String {
    percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

/// Matches a request's method and raw path (query excluded).
pub(crate) fn route(method: &Method, path: &str) -> Route {
    let Some(rest) = path.strip_prefix(BASE_PATH) else {
        return Route::NotFound;
    };
    let Some(rest) = rest.strip_prefix('/') else {
        return Route::NotFound;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let post = method == Method::POST;
    let get = method == Method::GET;
    let put = method == Method::PUT;
    let owned = |s: &str| decode(s);
    match segments.as_slice() {
        ["auth", "user"] if get => Route::GetCurrentUser,
        ["auth"] if get => Route::VerifyAuthToken,
        ["auth", "twofactorauth", "totp", "verify"] if post => Route::VerifyTotp,
        ["auth", "twofactorauth", "otp", "verify"] if post => Route::VerifyRecoveryCode,
        ["auth", "twofactorauth", "emailotp", "verify"] if post => Route::VerifyEmailCode,
        ["logout"] if put => Route::Logout,
        ["auth", "user", "notifications"] if get => Route::GetNotifications,
        ["auth", "user", "notifications", "clear"] if put => Route::ClearNotifications,
        ["auth", "user", "notifications", id] if get && !id.is_empty() => Route::GetNotification {
            notification: owned(id),
        },
        ["auth", "user", "notifications", id, "see"] if put && !id.is_empty() => {
            Route::MarkNotificationAsRead {
                notification: owned(id),
            }
        }
        ["auth", "user", "notifications", id, "hide"] if put && !id.is_empty() => {
            Route::DeleteNotification {
                notification: owned(id),
            }
        }
        ["invite", "myself", "to", location] if post => Route::InviteMyselfTo {
            location: owned(location),
        },
        ["invite", user] if post => Route::InviteUser {
            user: owned(user),
            photo: false,
        },
        ["invite", user, "photo"] if post => Route::InviteUser {
            user: owned(user),
            photo: true,
        },
        ["invite", id, "response"] if post => Route::RespondInvite {
            notification: owned(id),
            photo: false,
        },
        ["invite", id, "response", "photo"] if post => Route::RespondInvite {
            notification: owned(id),
            photo: true,
        },
        ["requestInvite", user] if post => Route::RequestInvite {
            user: owned(user),
            photo: false,
        },
        ["requestInvite", user, "photo"] if post => Route::RequestInvite {
            user: owned(user),
            photo: true,
        },
        ["message", user, kind] if get => Route::GetInviteMessages {
            user: owned(user),
            kind: owned(kind),
        },
        ["message", user, kind, slot] => {
            let (user, kind, slot) = (owned(user), owned(kind), owned(slot));
            match *method {
                Method::GET => Route::GetInviteMessage { user, kind, slot },
                Method::PUT => Route::UpdateInviteMessage { user, kind, slot },
                Method::DELETE => Route::ResetInviteMessage { user, kind, slot },
                _ => Route::NotFound,
            }
        }
        ["file", file, "1", "file"] if get => Route::DownloadFile { file: owned(file) },
        _ => Route::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_every_operation() {
        let cases = [
            (Method::GET, "/api/1/auth/user", "getCurrentUser"),
            (Method::GET, "/api/1/auth", "verifyAuthToken"),
            (
                Method::POST,
                "/api/1/auth/twofactorauth/totp/verify",
                "verify2FA",
            ),
            (
                Method::POST,
                "/api/1/auth/twofactorauth/otp/verify",
                "verifyRecoveryCode",
            ),
            (
                Method::POST,
                "/api/1/auth/twofactorauth/emailotp/verify",
                "verify2FAEmailCode",
            ),
            (Method::PUT, "/api/1/logout", "logout"),
            (Method::POST, "/api/1/invite/usr_a", "inviteUser"),
            (
                Method::POST,
                "/api/1/invite/usr_a/photo",
                "inviteUserWithPhoto",
            ),
            (
                Method::POST,
                "/api/1/invite/not_1/response",
                "respondInvite",
            ),
            (
                Method::POST,
                "/api/1/invite/not_1/response/photo",
                "respondInviteWithPhoto",
            ),
            (
                Method::POST,
                "/api/1/invite/myself/to/wrld_1:2",
                "inviteMyselfTo",
            ),
            (Method::POST, "/api/1/requestInvite/usr_a", "requestInvite"),
            (
                Method::POST,
                "/api/1/requestInvite/usr_a/photo",
                "requestInviteWithPhoto",
            ),
            (
                Method::GET,
                "/api/1/message/usr_a/message",
                "getInviteMessages",
            ),
            (
                Method::GET,
                "/api/1/message/usr_a/message/1",
                "getInviteMessage",
            ),
            (
                Method::PUT,
                "/api/1/message/usr_a/message/1",
                "updateInviteMessage",
            ),
            (
                Method::DELETE,
                "/api/1/message/usr_a/message/1",
                "resetInviteMessage",
            ),
            (
                Method::GET,
                "/api/1/file/file_1/1/file",
                "downloadFileVersion",
            ),
            (
                Method::GET,
                "/api/1/auth/user/notifications",
                "getNotifications",
            ),
            (
                Method::GET,
                "/api/1/auth/user/notifications/not_1",
                "getNotification",
            ),
            (
                Method::PUT,
                "/api/1/auth/user/notifications/not_1/see",
                "markNotificationAsRead",
            ),
            (
                Method::PUT,
                "/api/1/auth/user/notifications/not_1/hide",
                "deleteNotification",
            ),
            (
                Method::PUT,
                "/api/1/auth/user/notifications/clear",
                "clearNotifications",
            ),
            (Method::GET, "/api/1/invite/usr_a", "unknown"),
            (Method::POST, "/api/1/auth/user/notifications", "unknown"),
            (Method::PUT, "/api/1/auth/user/notifications", "unknown"),
            (
                Method::PUT,
                "/api/1/auth/user/notifications/not_1",
                "unknown",
            ),
            (
                Method::GET,
                "/api/1/auth/user/notifications/not_1/see",
                "unknown",
            ),
            (
                Method::POST,
                "/api/1/auth/user/notifications/not_1/hide",
                "unknown",
            ),
            (
                Method::DELETE,
                "/api/1/auth/user/notifications/clear",
                "unknown",
            ),
            (
                Method::PUT,
                "/api/1/auth/user/notifications/not_1/accept",
                "unknown",
            ),
            (Method::GET, "/api/1/auth/user/notifications/", "unknown"),
            (
                Method::PUT,
                "/api/1/auth/user/notifications//see",
                "unknown",
            ),
            (Method::GET, "/api/2/auth/user", "unknown"),
            (Method::GET, "/api/1auth/user", "unknown"),
            (Method::GET, "/api/1/auth/user/", "unknown"),
        ];
        for (method, path, operation) in cases {
            assert_eq!(
                route(&method, path).operation_id(),
                operation,
                "{method} {path}"
            );
        }
    }

    #[test]
    fn decodes_each_segment_alone() {
        assert_eq!(
            route(&Method::POST, "/api/1/invite/..%2Fauth%2Fuser"),
            Route::InviteUser {
                user: "../auth/user".to_owned(),
                photo: false
            }
        );
        assert_eq!(
            route(
                &Method::POST,
                "/api/1/invite/myself/to/wrld_1:12~region(eu)%20x"
            ),
            Route::InviteMyselfTo {
                location: "wrld_1:12~region(eu) x".to_owned()
            }
        );
        assert_eq!(
            route(&Method::PUT, "/api/1/auth/user/notifications/not_%2F1/see"),
            Route::MarkNotificationAsRead {
                notification: "not_/1".to_owned()
            }
        );
    }

    #[test]
    fn clear_is_not_taken_for_a_notification_id() {
        assert_eq!(
            route(&Method::PUT, "/api/1/auth/user/notifications/clear"),
            Route::ClearNotifications
        );
        // Only PUT clears; a GET of `clear` asks for a notification of that ID.
        assert_eq!(
            route(&Method::GET, "/api/1/auth/user/notifications/clear"),
            Route::GetNotification {
                notification: "clear".to_owned()
            }
        );
        assert_eq!(
            route(&Method::PUT, "/api/1/auth/user/notifications/clear/hide"),
            Route::DeleteNotification {
                notification: "clear".to_owned()
            }
        );
    }
}
