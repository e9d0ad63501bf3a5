//! Text cut to a bounded length, so no reply can make an error large.

use super::decode::SNIPPET_LIMIT;

/// At most [`SNIPPET_LIMIT`] bytes of `bytes`, lossily decoded, cut at a char boundary.
///
/// Replacement characters are 3 bytes each, so invalid input can grow when decoded; the
/// result never exceeds the limit either.
pub(crate) fn lossy_snippet(bytes: &[u8]) -> String {
    let end = bytes.len().min(SNIPPET_LIMIT);
    let text = String::from_utf8_lossy(bytes.get(..end).unwrap_or_default()).into_owned();
    bounded(text)
}

/// `text` cut to at most [`SNIPPET_LIMIT`] bytes at a char boundary.
pub(crate) fn bounded(mut text: String) -> String {
    crate::clip::clip(&mut text, SNIPPET_LIMIT);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_longer_than_the_limit() {
        assert_eq!(
            lossy_snippet(&[0xff; 1000]).len(),
            SNIPPET_LIMIT - SNIPPET_LIMIT % 3
        );
        assert_eq!(bounded("é".repeat(1000)).len(), SNIPPET_LIMIT);
        assert_eq!(bounded("short".to_owned()), "short");
    }
}
