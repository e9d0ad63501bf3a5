//! Percent-encoding of path segments.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything outside RFC 3986 `pchar` is encoded; `pchar` itself stays readable, so
/// instance IDs such as `12345~region(eu)` keep their `~ ( ) :` literal while `/`, `?`, `#`,
/// `%`, spaces and non-ASCII are encoded and can never add or change a segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Appends `value` percent-encoded, without a leading `/`.
pub(crate) fn push_encoded(path: &mut String, value: &str) {
    path.extend(utf8_percent_encode(value, SEGMENT));
}

/// Percent-encodes `value` as one path segment.
///
/// ```
/// use vrchat_invite_core::transport::encode_path_segment;
/// assert_eq!(encode_path_segment("../auth/user"), "..%2Fauth%2Fuser");
/// assert_eq!(encode_path_segment("12345~region(eu)"), "12345~region(eu)");
/// ```
pub fn encode_path_segment(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    push_encoded(&mut encoded, value);
    encoded
}

/// Appends `/` and the encoded `value` to `path`.
pub(crate) fn push_segment(path: &mut String, value: &str) {
    path.push('/');
    push_encoded(path, value);
}

/// Builds a path from literal segments and encoded values.
pub(crate) struct PathBuilder(String);

impl PathBuilder {
    pub(crate) fn new() -> Self {
        Self(String::with_capacity(96))
    }

    /// Appends a literal segment, written as is.
    pub(crate) fn literal(mut self, segment: &'static str) -> Self {
        self.0.push('/');
        self.0.push_str(segment);
        self
    }

    /// Appends a value as one encoded segment.
    pub(crate) fn segment(mut self, value: &str) -> Self {
        push_segment(&mut self.0, value);
        self
    }

    pub(crate) fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_separators_and_keeps_pchar() {
        assert_eq!(encode_path_segment("a/b?c#d%e f"), "a%2Fb%3Fc%23d%25e%20f");
        assert_eq!(
            encode_path_segment("usr_1-2.x~(y):z@w"),
            "usr_1-2.x~(y):z@w"
        );
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }

    #[test]
    fn builder_joins_literals_and_values() {
        let path = PathBuilder::new()
            .literal("message")
            .segment("usr_x/y")
            .literal("message")
            .finish();
        assert_eq!(path, "/message/usr_x%2Fy/message");
    }
}
