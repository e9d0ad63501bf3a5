//! Reading replies, for every operation: the status rule, JSON bodies, error bodies and
//! JSON-encoded strings.

mod body;
mod error_body;
mod from_body;
mod json_string;
mod response;

// The pipeline's frame reader unescapes a frame's content with it.
pub(crate) use json_string::unescape_in;

pub(crate) use body::decode_body;
pub(crate) use error_body::ErrorBody;
pub use from_body::FromBody;
pub(crate) use json_string::with_unescaped;
pub(crate) use response::parse_response;
pub use response::redirect_location;
