//! The pipeline's test controls under `{base}/_sim/pipeline/`: drop, stall, pause and
//! resume sockets, refuse a token, push events and move friends, over plain HTTP.

use http::Method;
use serde_json::{Value, json};

use super::http::known_user;
use super::pipeline::move_friend;
use crate::pipeline::encoded_frame;
use crate::routes::{json_object, required_string};
use crate::server::errors;
use crate::server::listen::{Shared, lock};
use crate::server::reply::Reply;
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
    Some(match (method, rest) {
        (&Method::GET, []) => Ok(Reply::ok(&json!({
            "connections": hub.connections(),
            "framesSent": hub.frames_sent(),
        }))),
        (&Method::POST, ["drop"]) => {
            hub.drop_all();
            Ok(done("drop"))
        }
        (&Method::POST, ["stall"]) => {
            hub.stall_all();
            Ok(done("stall"))
        }
        (&Method::POST, ["pause"]) => {
            hub.set_paused(true);
            Ok(done("pause"))
        }
        (&Method::POST, ["resume"]) => {
            hub.set_paused(false);
            Ok(done("resume"))
        }
        (&Method::POST, ["refuse"]) => refuse(&mut state, body),
        (&Method::POST, ["push"]) => push(&mut state, body),
        (&Method::POST, ["friend-location"]) => friend_location(&mut state, body),
        (&Method::GET, ["users", user]) => known_user(&state, user)
            .map(|id| Reply::ok(&json!({ "openSockets": state.pipeline.open_count(&id) }))),
        _ => return None,
    })
}

/// The answer of a control that did `action`.
fn done(action: &str) -> Reply {
    Reply::ok(&json!({ "done": action }))
}

/// `POST _sim/pipeline/refuse` with `{"authToken"}`: 401 at the handshake from now on, and
/// that token's open sockets closed.
fn refuse(state: &mut State, body: &[u8]) -> Result<Reply, Reply> {
    let object = json_object(body, false)?;
    let token = required_string(&object, "authToken")?;
    state.pipeline.refuse(token.to_owned());
    Ok(done("refuse"))
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
    Ok(done("push"))
}

/// `POST _sim/pipeline/friend-location` with `{"userId", "location"}`: each of the user's
/// friends' sockets gets a `friend-location` event.
fn friend_location(state: &mut State, body: &[u8]) -> Result<Reply, Reply> {
    let object = json_object(body, false)?;
    let user = known_user(state, required_string(&object, "userId")?)?;
    let location = required_string(&object, "location")?;
    move_friend(state, &user, location);
    Ok(done("friend-location"))
}
