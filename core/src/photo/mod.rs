//! Photos for the `…WithPhoto` operations.

mod multipart;
mod png;

pub use multipart::IMAGE_FILENAME;
pub(crate) use multipart::photo_body;
pub use png::Png;
