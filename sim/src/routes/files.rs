//! Serving the images sent with photo invites, at their `imageUrl`.

use crate::server::errors;
use crate::server::reply::Reply;
use crate::state::State;

/// `GET /file/{fileId}/1/file`: the PNG, or 404.
pub(crate) fn download(state: &State, file: &str) -> Result<Reply, Reply> {
    state
        .files
        .get(file)
        .map(|image| Reply::bytes("image/png", image.clone()))
        .ok_or_else(errors::route_not_found)
}
