//! Reading cookies and JSON bodies.

use http::HeaderMap;
use http::header::COOKIE;
use serde_json::{Map, Value};

use crate::server::errors::bad_body;
use crate::server::reply::Reply;

/// The value of cookie `name` from the request's `Cookie` headers.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| key.trim() == name)
        .map(|(_, value)| value.trim().trim_matches('"').to_owned())
        .filter(|value| !value.is_empty())
}

/// The body as a JSON object; an empty body counts as `{}` when `empty_is_object`.
pub(crate) fn json_object(body: &[u8], empty_is_object: bool) -> Result<Map<String, Value>, Reply> {
    if empty_is_object && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(bad_body("The body must be a JSON object")),
        Err(_) => Err(bad_body("The body is not valid JSON")),
    }
}

/// An optional integer field: absent and `null` are `None`; anything but an integer is 400.
pub(crate) fn optional_integer(
    object: &Map<String, Value>,
    field: &str,
) -> Result<Option<i64>, Reply> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_i64()
            .map(Some)
            .ok_or_else(|| bad_body(&format!("{field} must be an integer"))),
    }
}

/// A required string field.
pub(crate) fn required_string<'a>(
    object: &'a Map<String, Value>,
    field: &str,
) -> Result<&'a str, Reply> {
    object
        .get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| bad_body(&format!("{field} is required and must be a string")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_several_headers() {
        let mut headers = HeaderMap::new();
        headers.append(COOKIE, "a=1; auth=tok_1".parse().expect("header"));
        headers.append(COOKIE, "twoFactorAuth=\"t2\"".parse().expect("header"));
        assert_eq!(cookie(&headers, "auth").as_deref(), Some("tok_1"));
        assert_eq!(cookie(&headers, "twoFactorAuth").as_deref(), Some("t2"));
        assert_eq!(cookie(&headers, "apiKey"), None);
    }

    #[test]
    fn bodies() {
        assert!(json_object(b"", true).is_ok());
        assert!(json_object(b"", false).is_err());
        assert!(json_object(b"null", true).is_err());
        assert!(json_object(b"{\"a\":", true).is_err());
        let object = json_object(br#"{"slot":3,"n":null,"s":"x"}"#, false).expect("object");
        assert_eq!(optional_integer(&object, "slot").ok(), Some(Some(3)));
        assert_eq!(optional_integer(&object, "n").ok(), Some(None));
        assert!(optional_integer(&object, "s").is_err());
        assert_eq!(required_string(&object, "s").ok(), Some("x"));
        assert!(required_string(&object, "slot").is_err());
    }
}
