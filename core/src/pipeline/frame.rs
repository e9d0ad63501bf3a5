//! Decoding one text frame into a [`PipelineEvent`].

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::ids::NotificationId;
use crate::models::{Notification, decode_notification, with_unescaped};
use crate::pipeline::event::{
    FriendLocation, NotificationV2, NotificationV2Delete, NotificationV2Update, PipelineEvent,
    ResponseNotification,
};

/// The most characters of a reason kept in a [`FrameError`].
const REASON_LIMIT: usize = 200;

/// A frame that could not be turned into an event. The stream goes on after it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// The frame is not a JSON object.
    #[error("a pipeline frame is not a JSON object: {reason}")]
    NotJson {
        /// What the parser said (bounded).
        reason: String,
    },
    /// The frame has no `type`.
    #[error("a pipeline frame has no type")]
    MissingType,
    /// The content does not fit its type.
    #[error("the content of a {kind:?} pipeline frame does not decode: {reason}")]
    BadContent {
        /// The frame's `type`.
        kind: String,
        /// What the parser said (bounded).
        reason: String,
    },
    /// The server sent an error instead of events (it does so when it refuses the token).
    #[error("the pipeline sent an error: {message}")]
    Server {
        /// The server's message (bounded).
        message: String,
    },
}

impl FrameError {
    /// Whether this frame says the token was refused, so reconnecting is pointless.
    pub fn is_refusal(&self) -> bool {
        matches!(self, Self::Server { .. })
    }
}

fn bounded(text: impl ToString) -> String {
    let text = text.to_string();
    match text.char_indices().nth(REASON_LIMIT) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text,
    }
}

#[derive(Deserialize)]
struct FrameWire<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    content: Option<&'a RawValue>,
    #[serde(default)]
    err: Option<Value>,
}

/// Decodes one text frame: `{"type": …, "content": …}`, the content a JSON-encoded string
/// or the value itself.
///
/// Never panics, whatever the text; a frame that does not decode is a [`FrameError`].
///
/// ```
/// use vrchat_invite_core::{PipelineEvent, decode_frame};
/// let frame = r#"{"type":"notification","content":"{\"id\":\"not_1\",\"type\":\"requestInvite\",\"senderUserId\":\"usr_a\",\"details\":{}}"}"#;
/// let PipelineEvent::Notification(notification) = decode_frame(frame)? else { panic!() };
/// assert_eq!(notification.id.as_str(), "not_1");
/// assert!(decode_frame("not json").is_err());
/// # Ok::<(), vrchat_invite_core::FrameError>(())
/// ```
///
/// # Errors
/// [`FrameError`] for a frame that is not JSON, has no type, has content that does not fit
/// its type, or carries the server's `err`.
pub fn decode_frame(text: &str) -> Result<PipelineEvent, FrameError> {
    let wire: FrameWire<'_> = serde_json::from_str(text).map_err(|error| FrameError::NotJson {
        reason: bounded(error),
    })?;
    if let Some(err) = wire.err {
        let message = match err {
            Value::String(message) => message,
            other => other.to_string(),
        };
        return Err(FrameError::Server {
            message: bounded(message),
        });
    }
    let kind = wire.kind.ok_or(FrameError::MissingType)?;
    let bad = |reason: String| FrameError::BadContent {
        kind: bounded(&kind),
        reason: bounded(reason),
    };
    let event = match kind.as_ref() {
        "notification" => PipelineEvent::Notification(
            with_content(wire.content, |text| {
                decode_notification::<Notification>(text.as_bytes())
            })
            .map_err(|e| bad(e.to_string()))?,
        ),
        "response-notification" => PipelineEvent::ResponseNotification(
            with_content(wire.content, |t| {
                serde_json::from_str::<ResponseNotification>(t)
            })
            .map_err(|e| bad(e.to_string()))?,
        ),
        "see-notification" => PipelineEvent::SeeNotification(bare_id(wire.content).map_err(bad)?),
        "hide-notification" => PipelineEvent::HideNotification(bare_id(wire.content).map_err(bad)?),
        "clear-notification" => PipelineEvent::ClearNotification,
        "notification-v2" => {
            let content = json_content(wire.content).map_err(bad)?;
            let id = string_field(&content, "id").map_err(bad)?;
            PipelineEvent::NotificationV2(NotificationV2 { id, content })
        }
        "notification-v2-update" => {
            let content = json_content(wire.content).map_err(bad)?;
            let id = string_field(&content, "id").map_err(bad)?;
            let updates = content.get("updates").cloned().unwrap_or(Value::Null);
            PipelineEvent::NotificationV2Update(NotificationV2Update {
                id,
                updates,
                content,
            })
        }
        "notification-v2-delete" => {
            let content = json_content(wire.content).map_err(bad)?;
            let ids = content
                .get("ids")
                .and_then(Value::as_array)
                .ok_or_else(|| bad("no `ids` list".to_owned()))?
                .iter()
                .filter_map(|id| id.as_str().map(str::to_owned))
                .collect();
            PipelineEvent::NotificationV2Delete(NotificationV2Delete { ids, content })
        }
        "friend-location" | "friend-online" => {
            let friend = with_content(wire.content, |t| serde_json::from_str::<FriendLocation>(t))
                .map_err(|e| bad(e.to_string()))?;
            if kind == "friend-online" {
                PipelineEvent::FriendOnline(friend)
            } else {
                PipelineEvent::FriendLocation(friend)
            }
        }
        _ => PipelineEvent::Other {
            content: other_content(wire.content),
            kind: kind.into_owned(),
        },
    };
    Ok(event)
}

/// Runs `decode` on the content's JSON text: the string's value when the content is a
/// JSON-encoded string, the raw value otherwise; `null` when there is none.
fn with_content<R>(content: Option<&RawValue>, decode: impl Fn(&str) -> R) -> R {
    let raw = content.map_or("null", RawValue::get);
    if !raw.starts_with('"') {
        return decode(raw);
    }
    with_unescaped(raw, &decode).unwrap_or_else(|| {
        // A lone surrogate: let serde_json unescape it.
        decode(&serde_json::from_str::<String>(raw).unwrap_or_default())
    })
}

/// The content as a JSON value, a JSON-encoded string decoded.
fn json_content(content: Option<&RawValue>) -> Result<Value, String> {
    with_content(content, |t| serde_json::from_str::<Value>(t)).map_err(|e| e.to_string())
}

/// The content of an unknown type: decoded when it is JSON (or a string holding JSON),
/// kept as is otherwise.
fn other_content(content: Option<&RawValue>) -> Value {
    let Some(raw) = content else {
        return Value::Null;
    };
    match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::String(text)) => serde_json::from_str(&text).unwrap_or(Value::String(text)),
        Ok(value) => value,
        Err(_) => Value::Null,
    }
}

fn string_field(content: &Value, name: &str) -> Result<String, String> {
    content
        .get(name)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("no `{name}` string"))
}

/// A bare notification ID, given as a string (possibly JSON-encoded once more).
fn bare_id(content: Option<&RawValue>) -> Result<NotificationId, String> {
    let raw = content.ok_or("no notification ID")?;
    let text: String = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
    let text = match serde_json::from_str::<String>(&text) {
        Ok(inner) => inner,
        Err(_) => text,
    };
    NotificationId::new(text).map_err(|e| e.to_string())
}
