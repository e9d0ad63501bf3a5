//! Decoding a reply body into a model.

use serde::Deserialize;

/// Decodes a JSON body.
///
/// The body's UTF-8 is checked once up front, so the parser does not re-check every string
/// it reads (a measurable share of the work for replies made of many short strings). A
/// body that is not UTF-8 goes through the byte parser, which accepts stray bytes in
/// ignored fields, so the result is the same either way.
pub(crate) fn decode_body<'a, T: Deserialize<'a>>(body: &'a [u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}
