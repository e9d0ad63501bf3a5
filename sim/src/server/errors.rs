//! The error replies, worded as VRChat words them (quotes and look-alike dots included).
//!
//! Two styles exist, as in real traffic: messages wrapped in literal quotes keep their
//! ASCII punctuation (`"\"You need to be friends with that user first.\""`), and
//! unwrapped ones end with VRChat's look-alike dot `․` (U+2024), never an ASCII period.

use http::StatusCode;
use serde_json::json;

use crate::server::punctuation::rewrite_punctuation;
use crate::server::reply::Reply;

/// 401: no usable `auth` cookie.
pub(crate) fn missing_credentials() -> Reply {
    Reply::error(StatusCode::UNAUTHORIZED, "\"Missing Credentials\"")
}

/// 401: a half-logged session (password accepted, two-factor code not yet verified) on
/// any route but login, verification and logout.
pub(crate) fn requires_two_factor() -> Reply {
    Reply::error(
        StatusCode::UNAUTHORIZED,
        "\"Requires Two-Factor Authentication\"",
    )
}

/// 401: someone else's invite messages.
pub(crate) fn not_authorized() -> Reply {
    Reply::error(
        StatusCode::UNAUTHORIZED,
        "You are not authorized to perform that action\u{2024}",
    )
}

/// 401: wrong username or password at login.
pub(crate) fn invalid_credentials() -> Reply {
    Reply::error(
        StatusCode::UNAUTHORIZED,
        "\"Invalid Username/Email or Password\"",
    )
}

/// 429: a password login past the account's session limit.
pub(crate) fn too_many_sessions() -> Reply {
    Reply::error(
        StatusCode::TOO_MANY_REQUESTS,
        "\"Too many active sessions for this account\u{2024} Reuse a saved auth cookie or log out of another session\u{2024}\"",
    )
}

/// 400: a two-factor code that is wrong, used, or of a kind this login does not take.
pub(crate) fn invalid_two_factor_code() -> Reply {
    Reply::error(StatusCode::BAD_REQUEST, "\"Invalid 2FA code\"")
}

/// 403: inviting or requesting from someone who is not a friend.
pub(crate) fn not_friends() -> Reply {
    Reply::error(
        StatusCode::FORBIDDEN,
        "\"You need to be friends with that user first.\"",
    )
}

/// 404: no such user.
pub(crate) fn user_not_found() -> Reply {
    Reply::error(StatusCode::NOT_FOUND, "\"User not found\"")
}

/// 404: no such notification (or not one addressed to the caller), worded as the spec's
/// example, without quotes.
pub(crate) fn notification_not_found() -> Reply {
    Reply::error(StatusCode::NOT_FOUND, "Notification not found")
}

/// 404: a location that is not `wrld_…:instance`.
pub(crate) fn instance_not_found() -> Reply {
    Reply::error(StatusCode::NOT_FOUND, "\"Instance not found\"")
}

/// 400: a negative slot number.
pub(crate) fn negative_slot() -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        "Really? A negative slot? Tsk-tsk\u{2024}\u{2024}\u{2024}",
    )
}

/// 400: a slot number above 11 (edit and reset).
pub(crate) fn slot_too_high() -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        "That is too high of a slot number\u{2024}",
    )
}

/// 404 without a message: a slot number above 11 when reading one slot.
pub(crate) fn slot_too_high_on_get() -> Reply {
    Reply::error_without_message(StatusCode::NOT_FOUND)
}

/// 400: a slot that is not a number.
pub(crate) fn slot_not_a_number() -> Reply {
    Reply::error(StatusCode::BAD_REQUEST, "\"Invalid slot number\"")
}

/// 404: reset of a slot that was never edited.
pub(crate) fn no_entry_for_slot() -> Reply {
    Reply::error(
        StatusCode::NOT_FOUND,
        "There's no entry for that slot\u{2024}",
    )
}

/// 429: an edit or reset during the slot's cooldown.
pub(crate) fn cooldown(minutes: u32) -> Reply {
    Reply::error(
        StatusCode::TOO_MANY_REQUESTS,
        &format!("Please wait {minutes} more minutes until you try again\u{2024}"),
    )
}

/// 400: a message type that is not one of the four collections.
pub(crate) fn invalid_message_type() -> Reply {
    Reply::error(StatusCode::BAD_REQUEST, "\"Invalid message type\"")
}

/// 400: responding to an invite you sent.
pub(crate) fn own_invite() -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        "\"You cannot respond to your own invites.\"",
    )
}

/// 400: responding twice.
pub(crate) fn already_responded() -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        "\"You've already responded to that request.\"",
    )
}

/// 400: a response slot outside 0..=11.
pub(crate) fn response_slot_out_of_bounds() -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        "\"Response slot is out of bounds.\"",
    )
}

/// 400: a message or request slot outside 0..=11 in an invite or request.
pub(crate) fn message_slot_out_of_bounds() -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        "\"Message slot is out of bounds.\"",
    )
}

/// 400: a notification type that cannot be responded to.
pub(crate) fn not_respondable() -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        "\"That notification cannot be responded to\"",
    )
}

/// 400: a body that is not what the route expects; `what` says what is wrong (its
/// punctuation rewritten, as the server does).
pub(crate) fn bad_body(what: &str) -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        &format!("\"{}\"", rewrite_punctuation(what)),
    )
}

/// 400: a query parameter out of range or malformed; `what` says which and why (its
/// punctuation rewritten, as the server does).
pub(crate) fn bad_parameter(what: &str) -> Reply {
    Reply::error(
        StatusCode::BAD_REQUEST,
        &format!("\"{}\"", rewrite_punctuation(what)),
    )
}

/// 408: a request body that stopped arriving.
pub(crate) fn body_stalled() -> Reply {
    Reply::error(StatusCode::REQUEST_TIMEOUT, "\"Request body timed out\"")
}

/// 413: a request body over the simulator's limit.
pub(crate) fn body_too_large() -> Reply {
    Reply::error(StatusCode::PAYLOAD_TOO_LARGE, "\"Request body too large\"")
}

/// 404 for a route that does not exist: `error` is a plain string here.
pub(crate) fn route_not_found() -> Reply {
    Reply::json(
        StatusCode::NOT_FOUND,
        &json!({"error": "\"Not Found\"", "status_code": 404}),
    )
}

/// The firewall's number for a refused User-Agent.
pub(crate) const WAF_CODE_USER_AGENT: u32 = 13_799;

/// What the firewall says to a refused User-Agent.
pub(crate) const FIREWALL_USER_AGENT_MESSAGE: &str = "Please identify yourself with a properly formatted User-Agent that names your application, its version and a way to contact you\u{2024}";

/// 403 from the firewall in front of the API: the User-Agent lacks `Name/version contact`.
/// `waf_code` sits inside `error`, beside the status.
pub(crate) fn firewall_user_agent() -> Reply {
    Reply::json(
        StatusCode::FORBIDDEN,
        &json!({
            "error": {
                "message": FIREWALL_USER_AGENT_MESSAGE,
                "status_code": 403,
                "waf_code": WAF_CODE_USER_AGENT,
            },
        }),
    )
}
