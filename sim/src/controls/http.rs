//! The test controls under `{base}/_sim/`: steer the simulator over plain HTTP.
//!
//! The real API never uses the `_sim` prefix, so these routes cannot hide one of its
//! routes. They need no User-Agent and no session, are not written to the request log, and
//! answer JSON (errors in the API's own error shape).

use std::time::Duration;

use http::{Method, StatusCode};
use serde_json::{Map, Value, json};
use vrchat_invite_core::UserId;

use crate::routes::{json_object, required_string};
use crate::server::errors;
use crate::server::listen::{Shared, lock};
use crate::server::log::{LoggedRequest, RequestLog};
use crate::server::reply::Reply;
use crate::server::router::BASE_PATH;
use crate::state::totp;
use crate::state::{State, UserSpec};

/// The prefix of every control, below the base path.
pub(crate) const CONTROL_PREFIX: &str = "/_sim/";

/// The most minutes one clock advance may take: a little over a century.
const MAX_ADVANCE_MINUTES: u64 = 60 * 24 * 366 * 100;

/// Whether a path is under `{base}/_sim/`.
pub(crate) fn is_control(path: &str) -> bool {
    path.strip_prefix(BASE_PATH)
        .is_some_and(|rest| rest.starts_with(CONTROL_PREFIX))
}

/// Answers a control request.
pub(crate) fn answer(shared: &Shared, method: &Method, path: &str, body: &[u8]) -> Reply {
    let rest = path
        .strip_prefix(BASE_PATH)
        .and_then(|rest| rest.strip_prefix(CONTROL_PREFIX))
        .unwrap_or_default();
    let segments: Vec<&str> = rest.split('/').collect();
    let result = match (method, segments.as_slice()) {
        (&Method::GET, ["clock"]) => Ok(clock(&lock(&shared.state))),
        (&Method::POST, ["clock", "advance"]) => advance(shared, body),
        (&Method::POST, ["users"]) => add_user(shared, body),
        (&Method::POST, ["users", user, "session"]) => open_session(shared, user),
        (&Method::GET, ["users", user, "totp"]) => totp_code(shared, user),
        (&Method::GET, ["users", user, "email-code"]) => email_code(shared, user),
        (&Method::POST, ["friendships"]) => befriend(shared, body),
        (&Method::GET, ["requests"]) => Ok(request_log(&lock(&shared.log))),
        (&Method::POST, ["reset"]) => Ok(reset(shared)),
        (_, ["pipeline", rest @ ..]) => super::pipeline_http::answer(shared, method, rest, body)
            .unwrap_or_else(|| Err(errors::route_not_found())),
        _ => Err(errors::route_not_found()),
    };
    result.unwrap_or_else(|reply| reply)
}

fn clock(state: &State) -> Reply {
    Reply::ok(&json!({ "now": state.clock.now() }))
}

/// `POST _sim/clock/advance` with `{"minutes": N}` and/or `{"seconds": N}`.
fn advance(shared: &Shared, body: &[u8]) -> Result<Reply, Reply> {
    let object = json_object(body, false)?;
    let count = |field: &str| -> Result<u64, Reply> {
        match object.get(field) {
            None => Ok(0),
            Some(value) => value.as_u64().ok_or_else(|| {
                errors::bad_body(&format!("{field} must be a whole number, 0 or more"))
            }),
        }
    };
    let (minutes, seconds) = (count("minutes")?, count("seconds")?);
    if !object.contains_key("minutes") && !object.contains_key("seconds") {
        return Err(errors::bad_body("give minutes or seconds"));
    }
    if minutes > MAX_ADVANCE_MINUTES || seconds / 60 > MAX_ADVANCE_MINUTES {
        return Err(errors::bad_body("that is too far ahead"));
    }
    let by = Duration::from_secs(minutes * 60 + seconds);
    let mut state = lock(&shared.state);
    state.clock.advance(by);
    Ok(clock(&state))
}

/// `POST _sim/users` with `{"username", "password", "displayName"?, "id"?, "twoFactor"?}`.
fn add_user(shared: &Shared, body: &[u8]) -> Result<Reply, Reply> {
    let object = json_object(body, false)?;
    let mut spec = UserSpec::new(
        required_string(&object, "username")?,
        required_string(&object, "password")?,
    );
    if let Some(name) = optional_string(&object, "displayName")? {
        spec = spec.display_name(name);
    }
    if let Some(id) = optional_string(&object, "id")? {
        let id = UserId::new(id).map_err(|_| errors::bad_body("id is not a valid user ID"))?;
        spec = spec.id(id);
    }
    spec = match optional_string(&object, "twoFactor")? {
        None => spec,
        Some("totp") => spec.with_totp(),
        Some("emailOtp") => spec.with_email_otp(),
        Some(_) => return Err(errors::bad_body("twoFactor must be totp or emailOtp")),
    };
    let mut state = lock(&shared.state);
    let user = state.add_user(spec);
    let recovery_codes = state
        .user(&user.id)
        .map(|record| record.recovery_codes.clone())
        .unwrap_or_default();
    Ok(Reply::ok(&json!({
        "id": user.id,
        "username": user.username,
        "displayName": user.display_name,
        "recoveryCodes": recovery_codes,
        "totpSecret": user.totp_secret,
    })))
}

fn optional_string<'a>(
    object: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a str>, Reply> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(errors::bad_body(&format!("{field} must be a string"))),
    }
}

/// The user of that ID, or the API's 404 for a user it does not know.
pub(super) fn known_user(state: &State, user: &str) -> Result<UserId, Reply> {
    UserId::new(user)
        .ok()
        .filter(|id| state.user(id).is_some())
        .ok_or_else(errors::user_not_found)
}

/// `POST _sim/users/{id}/session`: a logged-in `auth` cookie value, without the login.
fn open_session(shared: &Shared, user: &str) -> Result<Reply, Reply> {
    let mut state = lock(&shared.state);
    let id = known_user(&state, user)?;
    let token = state.open_session(&id, crate::state::Stage::Active);
    Ok(Reply::ok(&json!({ "authToken": token })))
}

/// `GET _sim/users/{id}/totp`: the authenticator code valid now and the secret it comes
/// from (base32), both `null` for an account without TOTP.
fn totp_code(shared: &Shared, user: &str) -> Result<Reply, Reply> {
    let state = lock(&shared.state);
    let id = known_user(&state, user)?;
    let record = state
        .user(&id)
        .filter(|record| record.second_factor == Some(crate::state::SecondFactor::Totp));
    let code = record.map(|record| totp::code_at(&record.totp_secret, state.clock.now_millis()));
    let secret = record.map(|record| totp::base32(&record.totp_secret));
    Ok(Reply::ok(&json!({ "code": code, "secret": secret })))
}

/// `GET _sim/users/{id}/email-code`: the code "sent by email" at the account's last
/// password login, `null` before one (or for an account without email 2FA).
fn email_code(shared: &Shared, user: &str) -> Result<Reply, Reply> {
    let state = lock(&shared.state);
    let id = known_user(&state, user)?;
    let code = state
        .user(&id)
        .and_then(|record| record.last_email_code.clone());
    Ok(Reply::ok(&json!({ "code": code })))
}

/// `POST _sim/friendships` with `{"users": [a, b]}`.
fn befriend(shared: &Shared, body: &[u8]) -> Result<Reply, Reply> {
    let object = json_object(body, false)?;
    let pair = object
        .get("users")
        .and_then(Value::as_array)
        .filter(|users| users.len() == 2)
        .ok_or_else(|| errors::bad_body("users must be an array of two user IDs"))?;
    let mut state = lock(&shared.state);
    let mut ids = Vec::with_capacity(2);
    for user in pair {
        let text = user
            .as_str()
            .ok_or_else(|| errors::bad_body("users must be an array of two user IDs"))?;
        ids.push(known_user(&state, text)?);
    }
    if let [a, b] = ids.as_slice() {
        state.make_friends(a, b);
    }
    Ok(Reply::ok(&json!({ "users": ids })))
}

/// `GET _sim/requests`: every API request received, secrets redacted.
fn request_log(log: &RequestLog) -> Reply {
    let requests: Vec<Value> = log.requests.iter().map(logged_json).collect();
    Reply::ok(&json!({
        "total": log.total,
        "byOperation": log.by_operation,
        "requests": requests,
    }))
}

fn logged_json(request: &LoggedRequest) -> Value {
    let headers: Map<String, Value> = request
        .headers
        .iter()
        .map(|(name, value)| {
            let shown = if value.is_sensitive() {
                "<redacted>".to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            (name.as_str().to_owned(), Value::String(shown))
        })
        .collect();
    json!({
        "method": request.method.as_str(),
        "path": request.path,
        "headers": headers,
        "body": String::from_utf8_lossy(&request.body),
    })
}

/// `POST _sim/reset`: forgets every user, session, notification and request; the clock
/// goes back to its start.
fn reset(shared: &Shared) -> Reply {
    reset_state(shared);
    Reply::json(StatusCode::OK, &json!({ "reset": true }))
}

/// Everything back to a fresh simulator's state, on the same server.
pub(crate) fn reset_state(shared: &Shared) {
    let mut state = lock(&shared.state);
    let base_url = state.base_url.clone();
    *state = State::new(base_url);
    drop(state);
    *lock(&shared.log) = RequestLog::default();
}
