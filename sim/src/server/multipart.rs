//! Reading the `multipart/form-data` bodies of the photo operations.

use bytes::Bytes;
use http::HeaderMap;
use http::header::CONTENT_TYPE;
use http_body_util::{BodyDataStream, Full};

use crate::server::errors::bad_body;
use crate::server::reply::Reply;

/// The eight bytes every PNG file starts with.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The two parts of a photo request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhotoUpload {
    /// The `data` part: the operation's JSON body.
    pub(crate) data: Vec<u8>,
    /// The `image` part: a PNG.
    pub(crate) image: Vec<u8>,
}

/// Parses the body; a missing part, a malformed body or a non-PNG image is a 400 reply.
pub(crate) async fn read_photo_body(
    headers: &HeaderMap,
    body: Bytes,
) -> Result<PhotoUpload, Reply> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let boundary = multer::parse_boundary(content_type)
        .map_err(|_| bad_body("Expected a multipart/form-data body with a boundary"))?;
    let mut multipart = multer::Multipart::new(BodyDataStream::new(Full::new(body)), boundary);
    let mut data = None;
    let mut image = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err(bad_body("Malformed multipart body")),
        };
        let name = field.name().map(str::to_owned);
        let bytes = field
            .bytes()
            .await
            .map_err(|_| bad_body("Malformed multipart body"))?;
        match name.as_deref() {
            Some("data") => data = Some(bytes.to_vec()),
            Some("image") => image = Some(bytes.to_vec()),
            _ => {}
        }
    }
    let data = data.ok_or_else(|| bad_body("Missing multipart field: data"))?;
    let image = image.ok_or_else(|| bad_body("Missing multipart field: image"))?;
    if !image.starts_with(PNG_SIGNATURE) {
        return Err(bad_body("The image must be a PNG file"));
    }
    Ok(PhotoUpload { data, image })
}
