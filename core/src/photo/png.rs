//! A PNG image checked for the photo operations.

use std::fmt;
use std::sync::Arc;

use crate::error::{ImageProblem, InputError};

/// A PNG for `with_photo` (the `…WithPhoto` operations): non-empty, starting with the PNG
/// signature, and within a size limit (10 MiB unless you choose another).
///
/// Checked when made, so a bad image is refused before any request is built. Cloning is
/// cheap: the bytes are shared.
///
/// ```
/// use vrchat_invite_core::invite::Png;
/// let mut bytes = Png::SIGNATURE.to_vec();
/// bytes.extend_from_slice(b"...rest of the file...");
/// let png = Png::new(bytes)?;
/// assert_eq!(png.len(), 30);
/// assert!(Png::new(b"GIF89a".to_vec()).is_err());
/// assert!(Png::new(Vec::new()).is_err());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Png(Arc<[u8]>);

impl Png {
    /// The eight bytes every PNG file starts with.
    pub const SIGNATURE: [u8; 8] = *b"\x89PNG\r\n\x1a\n";
    /// The default size limit: 10 MiB.
    pub const DEFAULT_LIMIT: usize = 10 * 1024 * 1024;

    /// Checks an image against the default limit.
    ///
    /// # Errors
    /// [`InputError::InvalidImage`] when it is empty, not a PNG, or over 10 MiB.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self, InputError> {
        Self::with_limit(bytes, Self::DEFAULT_LIMIT)
    }

    /// Checks an image against a limit of `limit` bytes.
    ///
    /// # Errors
    /// [`InputError::InvalidImage`] when it is empty, not a PNG, or over `limit`.
    pub fn with_limit(bytes: impl Into<Vec<u8>>, limit: usize) -> Result<Self, InputError> {
        let bytes = bytes.into();
        let problem = if bytes.is_empty() {
            Some(ImageProblem::Empty)
        } else if !bytes.starts_with(&Self::SIGNATURE) {
            Some(ImageProblem::NotPng)
        } else if bytes.len() > limit {
            Some(ImageProblem::TooLarge {
                size: bytes.len(),
                limit,
            })
        } else {
            None
        };
        match problem {
            Some(problem) => Err(InputError::InvalidImage { problem }),
            None => Ok(Self(bytes.into())),
        }
    }

    /// The image's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The image's size in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: an empty image is refused when made.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Png {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Png({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limit_is_inclusive() {
        let mut bytes = Png::SIGNATURE.to_vec();
        bytes.resize(100, 0);
        assert!(Png::with_limit(bytes.clone(), 100).is_ok());
        assert_eq!(
            Png::with_limit(bytes, 99),
            Err(InputError::InvalidImage {
                problem: ImageProblem::TooLarge {
                    size: 100,
                    limit: 99
                }
            })
        );
    }

    #[test]
    fn truncated_signature_is_not_png() {
        let error = Png::new(Png::SIGNATURE.get(..4).unwrap_or_default().to_vec());
        assert_eq!(
            error,
            Err(InputError::InvalidImage {
                problem: ImageProblem::NotPng
            })
        );
    }
}
