//! The `multipart/form-data` body of the photo operations.

use crate::endpoint::RequestBody;
use crate::photo::Png;

/// The filename the image part is sent with.
pub const IMAGE_FILENAME: &str = "image.png";

/// Builds the two-part body: `data` holding the JSON, `image` holding the PNG.
///
/// The boundary is derived from the content, so the same input always gives the same bytes,
/// and it is checked not to occur in either part.
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
    let mut boundary = String::with_capacity(BOUNDARY_PREFIX.len() + 16);
    for salt in 0u64..64 {
        boundary.clear();
        boundary.push_str(BOUNDARY_PREFIX);
        push_hex(
            &mut boundary,
            hash ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        if !contains(json, boundary.as_bytes()) && !contains(image, boundary.as_bytes()) {
            break;
        }
    }
    boundary
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

#[cfg(test)]
mod tests {
    use super::*;

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
