//! Photos sent with an invite, a request or an answer (the `…WithPhoto` operations).

mod multipart;
mod png;

pub(crate) use multipart::photo_body;
pub use png::Png;
