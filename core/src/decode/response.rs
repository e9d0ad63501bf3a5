//! Status handling and error decoding, written once for every operation.

use http::{HeaderMap, StatusCode};

use crate::endpoint::Endpoint;
use crate::error::{ApiError, ApiErrorKind, DecodeError, Error};

/// Decodes a 2xx body with the endpoint, or turns any other status into an API error.
///
/// The one exception: for an operation that ends the session ([`Endpoint::ends_session`]),
/// a 401 [`ApiErrorKind::Unauthorized`] means the session was gone already, which is what
/// was asked; it reads as a 2xx reply without a body. (Any other 401, such as a
/// half-logged session's [`ApiErrorKind::TwoFactorRequired`], stays an error: that
/// session still lives.)
///
/// # Errors
/// [`Error::Api`] or [`Error::Decode`], as [`Endpoint::parse`] says.
pub fn parse_response<E: Endpoint + ?Sized>(
    endpoint: &E,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<E::Output, Error> {
    if status.is_success() {
        endpoint.decode(body).map_err(|source| {
            let error = DecodeError::new(status, source, body).with_effect(endpoint.has_effect());
            Error::from(error)
        })
    } else {
        let error = endpoint.refine_error(ApiError::from_parts(status, headers, body));
        if endpoint.ends_session() && error.kind() == &ApiErrorKind::Unauthorized {
            if let Ok(done) = endpoint.decode(&[]) {
                return Ok(done);
            }
        }
        Err(Error::from(error))
    }
}

/// The `Location` a redirect points to, when the header is there and readable.
///
/// The API never redirects, so transports refuse every 3xx and report this target; this is
/// the one rule both transports use to read it.
///
/// ```
/// let mut headers = http::HeaderMap::new();
/// headers.insert(http::header::LOCATION, "http://elsewhere.example/".parse()?);
/// assert_eq!(vrchat_invite_core::transport::redirect_location(&headers).as_deref(), Some("http://elsewhere.example/"));
/// assert_eq!(vrchat_invite_core::transport::redirect_location(&http::HeaderMap::new()), None);
/// # Ok::<(), http::header::InvalidHeaderValue>(())
/// ```
pub fn redirect_location(headers: &HeaderMap) -> Option<String> {
    headers
        .get(http::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use http::Method;

    use super::*;
    use crate::error::ApiErrorKind;

    /// An operation that ends the session and whose reply is JSON.
    struct EndsWithJson;

    impl Endpoint for EndsWithJson {
        const OPERATION_ID: &'static str = "endsWithJson";
        type Output = bool;

        fn method(&self) -> Method {
            Method::PUT
        }

        fn path(&self) -> String {
            "/end".to_owned()
        }

        fn ends_session(&self) -> bool {
            true
        }
    }

    fn parse<E: Endpoint>(endpoint: &E, status: u16, body: &str) -> Result<E::Output, Error> {
        let status = StatusCode::from_u16(status).expect("status");
        parse_response(endpoint, status, &HeaderMap::new(), body.as_bytes())
    }

    const MISSING: &str = r#"{"error":{"message":"\"Missing Credentials\"","status_code":401}}"#;
    const HALF: &str =
        r#"{"error":{"message":"\"Requires Two-Factor Authentication\"","status_code":401}}"#;

    #[test]
    fn a_401_ends_an_ended_session() {
        assert!(parse(&crate::auth::Logout, 401, MISSING).is_ok());
        assert!(parse(&crate::auth::Logout, 401, "").is_ok());
        let half = parse(&crate::auth::Logout, 401, HALF).map_err(|e| e.api_kind().cloned());
        assert_eq!(half, Err(Some(ApiErrorKind::TwoFactorRequired)));
        let other = parse(&crate::auth::Logout, 500, "").map_err(|e| e.api_kind().cloned());
        assert!(matches!(other, Err(Some(_))));
    }

    #[test]
    fn only_an_operation_that_ends_the_session_counts_a_401_as_done() {
        let kept = parse(&crate::auth::VerifyAuthToken, 401, MISSING);
        assert_eq!(
            kept.map_err(|e| e.api_kind().cloned()),
            Err(Some(ApiErrorKind::Unauthorized))
        );
        // No output without a body: the 401 stays.
        let kept = parse(&EndsWithJson, 401, MISSING);
        assert_eq!(
            kept.map_err(|e| e.api_kind().cloned()),
            Err(Some(ApiErrorKind::Unauthorized))
        );
        assert_eq!(parse(&EndsWithJson, 200, "true").ok(), Some(true));
    }
}
