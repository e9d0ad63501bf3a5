//! Login, two-factor verification, token check and logout.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::HeaderMap;
use http::header::AUTHORIZATION;
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};
use vrchat_invite_core::UserId;
use vrchat_invite_core::models::Timestamp;

use super::Incoming;
use super::request::{cookie, json_object, required_string};
use crate::server::errors;
use crate::server::reply::Reply;
use crate::state::totp;
use crate::state::{SecondFactor, Stage, State, UserRecord};

/// Which verify route was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Factor {
    /// `/auth/twofactorauth/totp/verify`
    Totp,
    /// `/auth/twofactorauth/otp/verify`
    RecoveryCode,
    /// `/auth/twofactorauth/emailotp/verify`
    EmailCode,
}

/// The `Set-Cookie` that ends the `auth` cookie.
const CLEAR_AUTH_COOKIE: &str = "auth=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/";

/// The user behind a fully logged-in `auth` cookie, or the 401 reply: `"Requires
/// Two-Factor Authentication"` for a session still waiting for its code, `"Missing
/// Credentials"` for no session at all.
pub(crate) fn active_user(state: &State, headers: &HeaderMap) -> Result<UserId, Reply> {
    let session = cookie(headers, "auth")
        .and_then(|token| state.sessions.get(&token).cloned())
        .ok_or_else(errors::missing_credentials)?;
    match session.stage {
        Stage::Active => Ok(session.user),
        Stage::AwaitingCode(_) => Err(errors::requires_two_factor()),
    }
}

/// The CurrentUser object, with a few harmless fields beside the ones that matter.
fn current_user_json(state: &State, user: &UserRecord) -> Value {
    super::user_fields::with_required_fields(json!({
        "id": user.id,
        "username": user.username,
        "displayName": user.display_name,
        "twoFactorAuthEnabled": user.second_factor.is_some(),
        "friends": state.friends_of(&user.id),
        "status": "active",
        "state": "online",
        "statusDescription": "",
        "bio": "",
        "bioLinks": [],
        "tags": [],
        "pastDisplayNames": [],
        "currentAvatarImageUrl": "",
        "currentAvatarThumbnailImageUrl": "",
        "date_joined": Timestamp::from_unix_millis(user.created_at_millis).as_str().get(..10),
        "last_login": state.clock.now(),
        "last_platform": "standalonewindows",
        "hasEmail": true,
        "emailVerified": true,
        "isFriend": false,
        "allowAvatarCopying": false,
        "developerType": "none",
    }))
}

fn requires_two_factor(factor: SecondFactor) -> Value {
    json!({ "requiresTwoFactorAuth": factor.wire_methods() })
}

fn auth_cookie(token: &str) -> String {
    format!("auth={token}; Path=/; HttpOnly")
}

/// `GET /auth/user`: the current user for a live `auth` cookie, or a password login.
pub(crate) fn current_user(state: &mut State, headers: &HeaderMap) -> Result<Reply, Reply> {
    let session = cookie(headers, "auth").and_then(|token| state.sessions.get(&token).cloned());
    if let Some(session) = session {
        let user = state
            .user(&session.user)
            .ok_or_else(errors::missing_credentials)?;
        return Ok(match session.stage {
            Stage::Active => Reply::ok(&current_user_json(state, user)),
            Stage::AwaitingCode(factor) => Reply::ok(&requires_two_factor(factor)),
        });
    }
    if headers.contains_key(AUTHORIZATION) {
        login(state, headers)
    } else {
        Err(errors::missing_credentials())
    }
}

/// `username` and `password` from `Basic base64(urlencode(username):urlencode(password))`.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (username, password) = text.split_once(':')?;
    let username = percent_decode_str(username).decode_utf8().ok()?;
    let password = percent_decode_str(password).decode_utf8().ok()?;
    Some((username.into_owned(), password.into_owned()))
}

fn login(state: &mut State, headers: &HeaderMap) -> Result<Reply, Reply> {
    let (username, password) =
        basic_credentials(headers).ok_or_else(errors::invalid_credentials)?;
    let user = state
        .user_by_username(&username)
        .filter(|user| user.password == password)
        .ok_or_else(errors::invalid_credentials)?;
    let user_id = user.id.clone();
    let second_factor = user.second_factor;
    if state.sessions.count_for(&user_id) >= state.sessions.limit {
        return Err(errors::too_many_sessions());
    }
    let remembered = cookie(headers, "twoFactorAuth")
        .is_some_and(|token| state.sessions.is_remembered(&token, &user_id));
    let stage = match second_factor {
        Some(factor) if !remembered => Stage::AwaitingCode(factor),
        _ => Stage::Active,
    };
    if stage == Stage::AwaitingCode(SecondFactor::EmailOtp) {
        let previous = state.user(&user_id).and_then(|u| u.last_email_code.clone());
        let mut code = state.ids.secret_digits(6);
        while Some(&code) == previous.as_ref() {
            code = state.ids.secret_digits(6);
        }
        if let Some(user) = state.user_mut(&user_id) {
            user.last_email_code = Some(code);
            user.email_code_unused = true;
        }
    }
    let token = state.open_session(&user_id, stage);
    let body = match stage {
        Stage::AwaitingCode(factor) => requires_two_factor(factor),
        Stage::Active => match state.user(&user_id) {
            Some(user) => current_user_json(state, user),
            None => return Err(errors::missing_credentials()),
        },
    };
    Ok(Reply::ok(&body).with_cookie(auth_cookie(&token)))
}

/// Checks `code` against the user's factor; consumes one-time codes.
fn accept_code(state: &mut State, user: &UserId, factor: Factor, code: &str) -> bool {
    let now = state.clock.now_millis();
    let Some(user) = state.user_mut(user) else {
        return false;
    };
    match (factor, user.second_factor) {
        (Factor::Totp, Some(SecondFactor::Totp)) => totp::code_at(&user.totp_secret, now) == code,
        (Factor::RecoveryCode, Some(SecondFactor::Totp)) => {
            let before = user.recovery_codes.len();
            user.recovery_codes.retain(|unused| unused != code);
            user.recovery_codes.len() != before
        }
        (Factor::EmailCode, Some(SecondFactor::EmailOtp)) => {
            let accepted = user.email_code_unused && user.last_email_code.as_deref() == Some(code);
            if accepted {
                user.email_code_unused = false;
            }
            accepted
        }
        _ => false,
    }
}

/// `POST /auth/twofactorauth/{totp|otp|emailotp}/verify`.
///
/// Right code: `{"verified": true}` and a `twoFactorAuth` cookie that skips 2FA at later
/// logins. Wrong code: 400 with an error body. No session: 401.
pub(crate) fn verify(
    state: &mut State,
    incoming: &Incoming<'_>,
    factor: Factor,
) -> Result<Reply, Reply> {
    let token = cookie(incoming.headers, "auth").ok_or_else(errors::missing_credentials)?;
    let session = state
        .sessions
        .get(&token)
        .cloned()
        .ok_or_else(errors::missing_credentials)?;
    let body = json_object(incoming.body, false)?;
    let code = required_string(&body, "code")?.trim().to_owned();
    if !accept_code(state, &session.user, factor, &code) {
        return Err(errors::invalid_two_factor_code());
    }
    state.sessions.activate(&token);
    let device = format!("{}.{}", state.ids.secret_uuid(), state.ids.secret_uuid());
    state.sessions.remember_device(device.clone(), session.user);
    let body = match factor {
        Factor::EmailCode => json!({ "verified": true }),
        Factor::Totp | Factor::RecoveryCode => json!({ "verified": true, "enabled": true }),
    };
    Ok(Reply::ok(&body).with_cookie(format!("twoFactorAuth={device}; Path=/; HttpOnly")))
}

/// `GET /auth`: `{"ok": true, "token": …}` for a fully logged-in session.
pub(crate) fn verify_auth_token(state: &State, headers: &HeaderMap) -> Result<Reply, Reply> {
    active_user(state, headers)?;
    let token = cookie(headers, "auth").unwrap_or_default();
    Ok(Reply::ok(&json!({ "ok": true, "token": token })))
}

/// `PUT /logout`: ends the session, whatever its stage.
pub(crate) fn logout(state: &mut State, headers: &HeaderMap) -> Result<Reply, Reply> {
    let token = cookie(headers, "auth").ok_or_else(errors::missing_credentials)?;
    state
        .sessions
        .remove(&token)
        .ok_or_else(errors::missing_credentials)?;
    Ok(
        Reply::ok(&json!({ "success": { "message": "Ok!", "status_code": 200 } }))
            .with_cookie(CLEAR_AUTH_COOKIE.to_owned()),
    )
}
