//! The pipeline's test controls under `{base}/_sim/pipeline/`: drop, stall, pause and
//! resume sockets, refuse a token, push events and move friends, over plain HTTP.

use http::Method;
use serde_json::{Value, json};
use vrchat_invite_core::UserId;

use super::request::{json_object, required_string};
use crate::errors;
use crate::pipeline::{encoded_frame, move_friend};
use crate::reply::Reply;
use crate::server::{Shared, lock};
use crate::state::State;

/// Answers `{method} _sim/pipeline/{rest}`; `None` for a path that is not one of these.
pub(crate) fn answer(
    shared: &Shared,
    method: &Method,
    rest: &[&str],
    body: &[u8],
) -> Option<Result<Reply, Reply>> {
    let mut state = lock(&shared.state);
    let hub = &mut state.pipeline;
    let done = |action: &str| Ok(Reply::ok(&json!({ "done": action })));
    Some(match (method, rest) {
        (&Method::GET, []) => Ok(Reply::ok(&json!({
            "connections": hub.connections(),
            "framesSent": hub.frames_sent(),
        }))),
        (&Method::POST, ["drop"]) => {
            hub.drop_all();
            done("drop")
        }
        (&Method::POST, ["stall"]) => {
            hub.stall_all();
            done("stall")
        }
        (&Method::POST, ["pause"]) => {
            hub.set_paused(true);
            done("pause")
        }
        (&Method::POST, ["resume"]) => {
            hub.set_paused(false);
            done("resume")
        }
        (&Method::POST, ["refuse"]) => refuse(&mut state, body),
        (&Method::POST, ["push"]) => push(&mut state, body),
        (&Method::POST, ["friend-location"]) => friend_location(&mut state, body),
        (&Method::GET, ["users", user]) => known_user(&state, user)
            .map(|id| Reply::ok(&json!({ "openSockets": state.pipeline.open_count(&id) }))),
        _ => return None,
    })
}

fn known_user(state: &State, user: &str) -> Result<UserId, Reply> {
    UserId::new(user)
        .ok()
        .filter(|id| state.user(id).is_some())
        .ok_or_else(errors::user_not_found)
}

/// `POST _sim/pipeline/refuse` with `{"authToken"}`: 401 at the handshake from now on, and
/// that token's open sockets closed.
fn refuse(state: &mut State, body: &[u8]) -> Result<Reply, Reply> {
    let object = json_object(body, false)?;
    let token = required_string(&object, "authToken")?;
    state.pipeline.refuse(token.to_owned());
    Ok(Reply::ok(&json!({ "done": "refuse" })))
}

/// `POST _sim/pipeline/push` with `{"userId", "type", "content"}` (content JSON-encoded in a
/// string, as VRChat does) or `{"userId", "text"}` (a frame sent verbatim).
fn push(state: &mut State, body: &[u8]) -> Result<Reply, Reply> {
    let object = json_object(body, false)?;
    let user = known_user(state, required_string(&object, "userId")?)?;
    let frame = match (object.get("text"), object.get("type")) {
        (Some(Value::String(text)), None) => text.clone(),
        (None, Some(Value::String(kind))) => {
            let content = object.get("content").cloned().unwrap_or(Value::Null);
            encoded_frame(kind, &content)
        }
        _ => return Err(errors::bad_body("give either text, or type and content")),
    };
    state.pipeline.push(&user, frame);
    Ok(Reply::ok(&json!({ "done": "push" })))
}

/// `POST _sim/pipeline/friend-location` with `{"userId", "location"}`: each of the user's
/// friends' sockets gets a `friend-location` event.
fn friend_location(state: &mut State, body: &[u8]) -> Result<Reply, Reply> {
    let object = json_object(body, false)?;
    let user = known_user(state, required_string(&object, "userId")?)?;
    let location = required_string(&object, "location")?;
    move_friend(state, &user, location);
    Ok(Reply::ok(&json!({ "done": "friend-location" })))
}
