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
        endpoint
            .decode(body)
            .map_err(|source| Error::from(DecodeError::new(status, source, body)))
    } else {
        let error = ApiError::from_parts(status, headers, body);
        Err(Error::from(endpoint.refine_error(error)))
    }
}
