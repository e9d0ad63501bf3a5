//! What a route answers: status, JSON body and cookies.

use http::StatusCode;
use serde_json::{Value, json};

/// The content type of every JSON reply.
pub(crate) const JSON: &str = "application/json; charset=utf-8";

/// A reply before it becomes an HTTP response.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) body: Vec<u8>,
    /// The `Content-Type` header.
    pub(crate) content_type: &'static str,
    /// `Set-Cookie` header values.
    pub(crate) cookies: Vec<String>,
}

impl Reply {
    /// A JSON reply.
    pub(crate) fn json(status: StatusCode, value: &Value) -> Self {
        Self {
            status,
            body: value.to_string().into_bytes(),
            content_type: JSON,
            cookies: Vec::new(),
        }
    }

    /// 200 with raw bytes of the given content type.
    pub(crate) fn bytes(content_type: &'static str, body: Vec<u8>) -> Self {
        Self {
            status: StatusCode::OK,
            body,
            content_type,
            cookies: Vec::new(),
        }
    }

    /// 200 with a JSON body.
    pub(crate) fn ok(value: &Value) -> Self {
        Self::json(StatusCode::OK, value)
    }

    /// 200 with any serializable body.
    pub(crate) fn ok_serialized<T: serde::Serialize>(value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(body) => Self {
                status: StatusCode::OK,
                body,
                content_type: JSON,
                cookies: Vec::new(),
            },
            Err(_) => Self::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "\"Internal Server Error\"",
            ),
        }
    }

    /// `{"error":{"message":…,"status_code":n}}`.
    pub(crate) fn error(status: StatusCode, message: &str) -> Self {
        Self::json(
            status,
            &json!({"error": {"message": message, "status_code": status.as_u16()}}),
        )
    }

    /// `{"error":{"status_code":n}}`, without a message.
    pub(crate) fn error_without_message(status: StatusCode) -> Self {
        Self::json(status, &json!({"error": {"status_code": status.as_u16()}}))
    }

    /// Adds a `Set-Cookie` header.
    #[must_use]
    pub(crate) fn with_cookie(mut self, cookie: String) -> Self {
        self.cookies.push(cookie);
        self
    }
}
