//! Status handling and error decoding, written once for every operation.

use http::{HeaderMap, StatusCode};

use crate::endpoint::Endpoint;
use crate::error::{ApiError, DecodeError, Error};

/// Decodes a 2xx body with the endpoint, or turns any other status into an API error.
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
        let error = ApiError::from_parts(status, headers, body);
        Err(Error::from(endpoint.refine_error(error)))
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
