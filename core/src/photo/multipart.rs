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
    let mut boundary = String::new();
    for salt in 0u64..64 {
        boundary = format!(
            "vrchat-invite-{:016x}",
            hash ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        );
        if !contains(json, boundary.as_bytes()) && !contains(image, boundary.as_bytes()) {
            break;
        }
    }
    boundary
}

fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

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
