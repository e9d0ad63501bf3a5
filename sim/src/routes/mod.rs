//! The route handlers. Each runs with the state locked and never awaits.

mod auth;
mod files;
mod inbox_query;
mod invites;
mod messages;
mod notifications;
mod request;
mod user_fields;

pub(crate) use request::{json_object, required_string};

use http::HeaderMap;

use crate::server::errors;
use crate::server::multipart::PhotoUpload;
use crate::server::reply::Reply;
use crate::server::router::Route;
use crate::state::State;

/// What a handler reads from the request.
pub(crate) struct Incoming<'a> {
    pub(crate) headers: &'a HeaderMap,
    /// The raw query string, without `?` (empty when there is none).
    pub(crate) query: &'a str,
    pub(crate) body: &'a [u8],
    /// The parsed multipart body, for the photo routes.
    pub(crate) photo: Option<Result<PhotoUpload, Reply>>,
}

/// The JSON body and optional image of an invite-family request.
pub(crate) struct Payload<'a> {
    pub(crate) json: &'a [u8],
    pub(crate) image: Option<&'a [u8]>,
}

/// Runs the handler of `route`.
pub(crate) fn dispatch(state: &mut State, route: Route, incoming: Incoming<'_>) -> Reply {
    let result = match route {
        Route::NotFound => Err(errors::route_not_found()),
        Route::GetCurrentUser => auth::current_user(state, incoming.headers),
        Route::VerifyTotp => auth::verify(state, &incoming, auth::Factor::Totp),
        Route::VerifyRecoveryCode => auth::verify(state, &incoming, auth::Factor::RecoveryCode),
        Route::VerifyEmailCode => auth::verify(state, &incoming, auth::Factor::EmailCode),
        Route::VerifyAuthToken => auth::verify_auth_token(state, incoming.headers),
        Route::Logout => auth::logout(state, incoming.headers),
        route => signed_in(state, route, &incoming),
    };
    result.unwrap_or_else(|reply| reply)
}

/// The routes that need a fully logged-in session.
fn signed_in(state: &mut State, route: Route, incoming: &Incoming<'_>) -> Result<Reply, Reply> {
    let caller = auth::active_user(state, incoming.headers)?;
    let payload = match &incoming.photo {
        Some(Ok(upload)) => Payload {
            json: &upload.data,
            image: Some(&upload.image),
        },
        Some(Err(reply)) => return Err(reply.clone()),
        None => Payload {
            json: incoming.body,
            image: None,
        },
    };
    match route {
        Route::InviteUser { user, .. } => invites::invite_user(state, &caller, &user, &payload),
        Route::RequestInvite { user, .. } => {
            invites::request_invite(state, &caller, &user, &payload)
        }
        Route::RespondInvite { notification, .. } => {
            invites::respond(state, &caller, &notification, &payload)
        }
        Route::InviteMyselfTo { location } => invites::invite_myself(state, &caller, &location),
        Route::GetInviteMessages { user, kind } => messages::list(state, &caller, &user, &kind),
        Route::GetInviteMessage { user, kind, slot } => {
            messages::get(state, &caller, &user, &kind, &slot)
        }
        Route::UpdateInviteMessage { user, kind, slot } => {
            messages::update(state, &caller, &user, &kind, &slot, incoming.body)
        }
        Route::ResetInviteMessage { user, kind, slot } => {
            messages::reset(state, &caller, &user, &kind, &slot)
        }
        Route::GetNotifications => notifications::list(state, &caller, incoming.query),
        Route::GetNotification { notification } => {
            notifications::get(state, &caller, &notification)
        }
        Route::MarkNotificationAsRead { notification } => {
            notifications::see(state, &caller, &notification)
        }
        Route::DeleteNotification { notification } => {
            notifications::hide(state, &caller, &notification)
        }
        Route::ClearNotifications => notifications::clear(state, &caller),
        Route::DownloadFile { file } => files::download(state, &file),
        _ => Err(errors::route_not_found()),
    }
}
