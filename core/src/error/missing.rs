//! What a 404 says is missing.

use std::fmt;

use http::StatusCode;

use super::api::ApiError;
use crate::punctuation::normalize_for_matching;

/// The kind of thing a 404 reply names as missing ("User not found", "Instance not found",
/// "Cannot find notification"), so a message can blame the right argument.
///
/// Read from the message by keyword after folding look-alike punctuation and case, never
/// by exact text; [`Missing::Unnamed`] when the message names nothing known.
///
/// ```
/// use vrchat_invite_core::ApiError;
/// use vrchat_invite_core::error::Missing;
/// use http::{HeaderMap, StatusCode};
/// let body = br#"{"error":{"message":"\"Instance not found\"","status_code":404}}"#;
/// let error = ApiError::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body);
/// assert_eq!(error.missing(), Some(Missing::Instance));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Missing {
    /// A user.
    User,
    /// A world.
    World,
    /// An instance of a world (the location's instance part, or the whole location).
    Instance,
    /// A notification.
    Notification,
    /// An invite message (a slot, a message ID).
    InviteMessage,
    /// The message names nothing this crate knows (or there is no message): a wrong path
    /// or base URL, say.
    Unnamed,
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::User => "user",
            Self::World => "world",
            Self::Instance => "instance",
            Self::Notification => "notification",
            Self::InviteMessage => "invite message",
            Self::Unnamed => "unnamed",
        })
    }
}

impl ApiError {
    /// What the reply says is missing, for a 404; `None` for any other status.
    pub fn missing(&self) -> Option<Missing> {
        (self.status() == StatusCode::NOT_FOUND).then(|| missing_in(self.message()))
    }
}

/// The thing `message` names, by its first keyword.
fn missing_in(message: Option<&str>) -> Missing {
    let text = message.map(normalize_for_matching).unwrap_or_default();
    // Most specific first: "instance" before "world", "notification" before "user".
    let keywords = [
        ("instance", Missing::Instance),
        ("location", Missing::Instance),
        ("world", Missing::World),
        ("notification", Missing::Notification),
        ("message", Missing::InviteMessage),
        ("user", Missing::User),
    ];
    keywords
        .iter()
        .find(|(keyword, _)| text.contains(keyword))
        .map_or(Missing::Unnamed, |(_, missing)| *missing)
}

#[cfg(test)]
mod tests {
    use http::HeaderMap;

    use super::*;

    fn reply(status: u16, body: &str) -> ApiError {
        let status = StatusCode::from_u16(status).expect("status");
        ApiError::from_parts(status, &HeaderMap::new(), body.as_bytes())
    }

    #[test]
    fn a_404_names_what_is_missing() {
        let cases = [
            (
                r#"{"error":{"message":"\"User not found\"","status_code":404}}"#,
                Missing::User,
            ),
            (
                r#"{"error":{"message":"\"Instance not found\"","status_code":404}}"#,
                Missing::Instance,
            ),
            (
                r#"{"error":{"message":"World wrld_1 not found\u2024","status_code":404}}"#,
                Missing::World,
            ),
            (
                r#"{"error":{"message":"Notification not found","status_code":404}}"#,
                Missing::Notification,
            ),
            (
                r#"{"error":{"message":"Cannot find notification\u2024","status_code":404}}"#,
                Missing::Notification,
            ),
            (
                r#"{"error":{"message":"INVITE MESSAGE NOT FOUND","status_code":404}}"#,
                Missing::InviteMessage,
            ),
            (
                r#"{"error":"\"Not Found\"","status_code":404}"#,
                Missing::Unnamed,
            ),
            ("<html>404</html>", Missing::Unnamed),
            ("", Missing::Unnamed),
        ];
        for (body, expected) in cases {
            assert_eq!(reply(404, body).missing(), Some(expected), "{body}");
        }
    }

    #[test]
    fn other_statuses_name_nothing() {
        let body = r#"{"error":{"message":"\"User not found\"","status_code":400}}"#;
        assert_eq!(reply(400, body).missing(), None);
        assert_eq!(reply(500, "").missing(), None);
    }
}
