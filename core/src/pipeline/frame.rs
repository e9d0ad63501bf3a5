//! Decoding one text frame into a [`PipelineEvent`].

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::ids::NotificationId;
use crate::pipeline::event::{
    FriendLocation, NotificationV2, NotificationV2Delete, NotificationV2Update, PipelineEvent,
    ResponseNotification,
};
use crate::pipeline::frame_pass::decode_in_one_pass;
use crate::pipeline::socket_notification::{
    decode_socket_notification, decode_socket_notification_with,
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

/// A frame as written, the content kept raw: what the one-pass reader leaves.
#[derive(Deserialize)]
struct RawFrame<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    content: Option<&'a RawValue>,
    #[serde(default)]
    err: Option<Value>,
}

/// The content of a frame.
#[derive(Debug, Clone, Copy)]
pub(super) enum Content<'a> {
    /// None given (or `null`).
    Absent,
    /// A string's value: usually JSON-encoded content, or a bare ID.
    Text(&'a str),
    /// Any other JSON value, as written.
    Json(&'a str),
}

impl<'a> Content<'a> {
    /// The JSON text to decode: the string's value, the value itself, or `null`.
    fn json(self) -> &'a str {
        match self {
            Self::Absent => "null",
            Self::Text(text) | Self::Json(text) => text,
        }
    }
}

/// Decodes one text frame: `{"type": …, "content": …}`, the content a JSON-encoded string
/// or the value itself.
///
/// Never panics, whatever the text; a frame that does not decode is a [`FrameError`].
///
/// ```
/// use vrchat_invite_core::pipeline::{PipelineEvent, decode_frame};
/// let frame = r#"{"type":"notification","content":"{\"id\":\"not_1\",\"type\":\"requestInvite\",\"senderUserId\":\"usr_a\",\"details\":{}}"}"#;
/// let PipelineEvent::Notification(notification) = decode_frame(frame)? else { panic!() };
/// assert_eq!(notification.id.as_str(), "not_1");
/// assert!(decode_frame("not json").is_err());
/// # Ok::<(), vrchat_invite_core::pipeline::FrameError>(())
/// ```
///
/// # Errors
/// [`FrameError`] for a frame that is not JSON, has no type, has content that does not fit
/// its type, or carries the server's `err`.
pub fn decode_frame(text: &str) -> Result<PipelineEvent, FrameError> {
    decode_in_one_pass(text).unwrap_or_else(|| decode_general(text))
}

/// Reads any frame: the content kept raw, then decoded.
pub(super) fn decode_general(text: &str) -> Result<PipelineEvent, FrameError> {
    let frame: RawFrame<'_> = serde_json::from_str(text).map_err(|error| FrameError::NotJson {
        reason: bounded(error),
    })?;
    if let Some(err) = frame.err {
        return Err(server_error(err));
    }
    let kind = frame.kind.ok_or(FrameError::MissingType)?;
    match frame.content.map(RawValue::get) {
        None | Some("null") => decode_parts(&kind, Content::Absent),
        Some(raw) if raw.starts_with('"') => {
            let text: Cow<'_, str> =
                serde_json::from_str(raw).map_err(|error| FrameError::NotJson {
                    reason: bounded(error),
                })?;
            decode_parts(&kind, Content::Text(&text))
        }
        Some(raw) => decode_parts(&kind, Content::Json(raw)),
    }
}

/// The server's `err`, as a [`FrameError::Server`].
pub(super) fn server_error(err: Value) -> FrameError {
    let message = match err {
        Value::String(message) => message,
        other => other.to_string(),
    };
    FrameError::Server {
        message: bounded(message),
    }
}

/// Where a frame's event is written: nothing yet, or what the frame decoded to.
pub(super) type Decoded = Option<Result<PipelineEvent, FrameError>>;

/// [`decode_parts`], writing into `out`; a notification is made there rather than returned
/// through each level, which would copy it at each (it is large).
pub(super) fn decode_parts_into(kind: &str, content: Content<'_>, out: &mut Decoded) {
    if kind != "notification" {
        *out = Some(decode_parts(kind, content));
        return;
    }
    let made = decode_socket_notification_with(content.json(), |notification| {
        *out = Some(Ok(PipelineEvent::Notification(notification)));
    });
    if let Err(error) = made {
        *out = Some(Err(bad_content(kind, error.to_string())));
    }
}

fn bad_content(kind: &str, reason: String) -> FrameError {
    FrameError::BadContent {
        kind: bounded(kind),
        reason: bounded(reason),
    }
}

/// Decodes the content of a frame of type `kind`.
pub(super) fn decode_parts(kind: &str, content: Content<'_>) -> Result<PipelineEvent, FrameError> {
    let bad = |reason: String| bad_content(kind, reason);
    let json = content.json();
    let event = match kind {
        "notification" => PipelineEvent::Notification(
            decode_socket_notification(json).map_err(|e| bad(e.to_string()))?,
        ),
        "response-notification" => PipelineEvent::ResponseNotification(
            serde_json::from_str::<ResponseNotification>(json).map_err(|e| bad(e.to_string()))?,
        ),
        "see-notification" => PipelineEvent::SeeNotification(bare_id(content).map_err(bad)?),
        "hide-notification" => PipelineEvent::HideNotification(bare_id(content).map_err(bad)?),
        "clear-notification" => PipelineEvent::ClearNotification,
        "notification-v2" => {
            let content = json_content(json).map_err(bad)?;
            let id = string_field(&content, "id").map_err(bad)?;
            PipelineEvent::NotificationV2(NotificationV2 { id, content })
        }
        "notification-v2-update" => {
            let content = json_content(json).map_err(bad)?;
            let id = string_field(&content, "id").map_err(bad)?;
            let updates = content.get("updates").cloned().unwrap_or(Value::Null);
            PipelineEvent::NotificationV2Update(NotificationV2Update {
                id,
                updates,
                content,
            })
        }
        "notification-v2-delete" => {
            let content = json_content(json).map_err(bad)?;
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
            let friend =
                serde_json::from_str::<FriendLocation>(json).map_err(|e| bad(e.to_string()))?;
            if kind == "friend-online" {
                PipelineEvent::FriendOnline(friend)
            } else {
                PipelineEvent::FriendLocation(friend)
            }
        }
        _ => PipelineEvent::Other {
            content: other_content(content),
            kind: kind.to_owned(),
        },
    };
    Ok(event)
}

/// The content as a JSON value.
fn json_content(json: &str) -> Result<Value, String> {
    serde_json::from_str::<Value>(json).map_err(|e| e.to_string())
}

/// The content of an unknown type: decoded when it is JSON (or a string holding JSON),
/// kept as a string otherwise.
fn other_content(content: Content<'_>) -> Value {
    match content {
        Content::Absent => Value::Null,
        Content::Text(text) => {
            serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
        }
        Content::Json(json) => serde_json::from_str(json).unwrap_or(Value::Null),
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
fn bare_id(content: Content<'_>) -> Result<NotificationId, String> {
    let Content::Text(text) = content else {
        return Err("no notification ID string".to_owned());
    };
    let text = match serde_json::from_str::<Cow<'_, str>>(text) {
        Ok(inner) => inner,
        Err(_) => Cow::Borrowed(text),
    };
    NotificationId::new(text).map_err(|e| e.to_string())
}
