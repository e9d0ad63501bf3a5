//! Cutting text to a byte limit without splitting a character.

/// The longest start of `text` that fits in `limit` bytes and ends on a character boundary.
pub(crate) fn clipped(text: &str, limit: usize) -> &str {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Cuts `text` to [`clipped`]'s length in place.
pub(crate) fn clip(text: &mut String, limit: usize) {
    let end = clipped(text, limit).len();
    text.truncate(end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_splits_a_character() {
        assert_eq!(clipped("héllo", 2), "h");
        assert_eq!(clipped("héllo", 3), "hé");
        assert_eq!(clipped("abc", 10), "abc");
        assert_eq!(clipped("✓", 0), "");
        let mut text = "ab✓".to_owned();
        clip(&mut text, 4);
        assert_eq!(text, "ab");
    }
}
