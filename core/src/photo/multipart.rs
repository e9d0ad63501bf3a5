//! The `multipart/form-data` body of the photo operations.

use std::collections::BTreeSet;

use crate::endpoint::RequestBody;
use crate::photo::Png;

/// The filename the image part is sent with.
pub const IMAGE_FILENAME: &str = "image.png";

/// Builds the two-part body: `data` holding the JSON, `image` holding the PNG.
///
/// The boundary is derived from the content, so the same input always gives the same bytes,
/// and it never occurs in either part (see `boundary_avoiding`).
pub(crate) fn photo_body(json: &[u8], png: &Png) -> RequestBody {
    let boundary = choose_boundary(json, png.as_bytes());
    let mut bytes = Vec::with_capacity(json.len() + png.len() + 4 * boundary.len() + 256);
    let line = |bytes: &mut Vec<u8>, parts: &[&[u8]]| {
        for part in parts {
            bytes.extend_from_slice(part);
        }
        bytes.extend_from_slice(b"\r\n");
    };
    let b = boundary.as_bytes();
    line(&mut bytes, &[b"--", b]);
    line(
        &mut bytes,
        &[b"Content-Disposition: form-data; name=\"data\""],
    );
    line(&mut bytes, &[]);
    line(&mut bytes, &[json]);
    line(&mut bytes, &[b"--", b]);
    line(
        &mut bytes,
        &[
            b"Content-Disposition: form-data; name=\"image\"; filename=\"",
            IMAGE_FILENAME.as_bytes(),
            b"\"",
        ],
    );
    line(&mut bytes, &[b"Content-Type: image/png"]);
    line(&mut bytes, &[]);
    line(&mut bytes, &[png.as_bytes()]);
    line(&mut bytes, &[b"--", b, b"--"]);
    RequestBody::Multipart { boundary, bytes }
}

fn choose_boundary(json: &[u8], image: &[u8]) -> String {
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, json);
    hash = fnv1a(hash, image);
    boundary_avoiding(hash, &[json, image])
}

/// The first boundary of the sequence seeded by `hash` that occurs in none of `parts`.
///
/// A boundary occurs only where [`BOUNDARY_PREFIX`] does, followed by its 16 hex digits;
/// those digits are collected once, and candidates are drawn until one is not among them.
/// Candidates never repeat (odd multiplier, xor), so at most one more than the number of
/// prefix occurrences are tried: the result never occurs in the content, whatever it is.
fn boundary_avoiding(hash: u64, parts: &[&[u8]]) -> String {
    let taken: BTreeSet<&[u8]> = parts
        .iter()
        .flat_map(|part| digits_after_prefix(part))
        .collect();
    let mut boundary = String::with_capacity(BOUNDARY_PREFIX.len() + 16);
    let tries = u64::try_from(taken.len())
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    for salt in 0..tries {
        boundary.clear();
        boundary.push_str(BOUNDARY_PREFIX);
        push_hex(
            &mut boundary,
            hash ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        let digits = boundary.as_bytes().get(BOUNDARY_PREFIX.len()..);
        if !digits.is_some_and(|digits| taken.contains(digits)) {
            break;
        }
    }
    boundary
}

/// The 16 bytes after each occurrence of [`BOUNDARY_PREFIX`] in `haystack`.
fn digits_after_prefix(haystack: &[u8]) -> impl Iterator<Item = &[u8]> {
    let prefix = BOUNDARY_PREFIX.as_bytes();
    (0..haystack.len()).filter_map(move |at| {
        let tail = haystack.get(at..)?;
        if !tail.starts_with(prefix) {
            return None;
        }
        tail.get(prefix.len()..prefix.len() + 16)
    })
}

const BOUNDARY_PREFIX: &str = "vrchat-invite-";

/// Appends `value` as 16 lowercase hex digits.
fn push_hex(text: &mut String, value: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = [b'0'; 16];
    for (place, digit) in hex.iter_mut().rev().enumerate() {
        let nibble = (value >> (place * 4)) & 0xf;
        *digit = DIGITS.get(nibble as usize).copied().unwrap_or(b'0');
    }
    text.push_str(std::str::from_utf8(&hex).unwrap_or_default());
}

fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `needle` occurs in `haystack`; looks for its first byte before comparing, so a
    /// multi-megabyte image is scanned quickly.
    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        let Some((&first, rest)) = needle.split_first() else {
            return true;
        };
        haystack.iter().enumerate().any(|(at, &byte)| {
            byte == first
                && haystack
                    .get(at + 1..)
                    .is_some_and(|tail| tail.starts_with(rest))
        })
    }

    #[test]
    fn finds_needles_anywhere() {
        assert!(contains(b"abcabd", b"abd"));
        assert!(contains(b"abd", b"abd"));
        assert!(!contains(b"ab", b"abd"));
        assert!(!contains(b"abcab", b"abd"));
        assert!(contains(b"x", b""));
        let mut hex = String::new();
        push_hex(&mut hex, 0x0123_4567_89ab_cdef);
        assert_eq!(hex, "0123456789abcdef");
    }

    /// The first `count` candidates of the sequence seeded by `hash`.
    fn candidates(hash: u64, count: u64) -> Vec<String> {
        (0..count)
            .map(|salt| {
                let mut boundary = BOUNDARY_PREFIX.to_owned();
                push_hex(
                    &mut boundary,
                    hash ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15),
                );
                boundary
            })
            .collect()
    }

    #[test]
    fn content_holding_many_candidates_still_gets_an_absent_boundary() {
        let hash = 0x1234_5678_9abc_def0;
        let planted = candidates(hash, 200).concat();
        let boundary = boundary_avoiding(hash, &[b"{}", planted.as_bytes()]);
        assert!(
            !contains(planted.as_bytes(), boundary.as_bytes()),
            "{boundary}"
        );
        assert_eq!(boundary, candidates(hash, 201)[200]);
        // Split across both parts, too.
        let (json, image) = planted.split_at(planted.len() / 2);
        let boundary = boundary_avoiding(hash, &[json.as_bytes(), image.as_bytes()]);
        assert!(!contains(json.as_bytes(), boundary.as_bytes()));
        assert!(!contains(image.as_bytes(), boundary.as_bytes()));
    }

    #[test]
    fn boundary_avoids_content() {
        let json = br#"{"instanceId":"wrld_1:1"}"#;
        let mut image = Png::SIGNATURE.to_vec();
        let first = choose_boundary(json, &image);
        image.extend_from_slice(first.as_bytes());
        let png = Png::new(image.clone()).expect("png");
        let second = choose_boundary(json, &image);
        assert_ne!(first, second);
        let RequestBody::Multipart { boundary, .. } = photo_body(json, &png) else {
            panic!("not multipart");
        };
        assert_eq!(boundary, second);
    }
}
