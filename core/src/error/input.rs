//! Input rejected before a request is built.

use std::fmt;

/// A value was rejected when it was made, so no request was built and nothing was sent.
///
/// Every message says what was wrong and how to fix it; none contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A message slot outside 0..=11 (a number too large for `i64` is kept as its bound).
    #[error("slot must be 0 to 11{}", shown_slot(*value))]
    SlotOutOfRange {
        /// The rejected value.
        value: i64,
    },
    /// A slot given as text that is not a whole number.
    #[error("slot {value:?} is not a number: invite message slots are 0 to 11")]
    SlotNotANumber {
        /// The rejected text.
        value: String,
    },
    /// An ID that can never be valid.
    #[error("invalid {kind} {value:?}: {problem}")]
    InvalidId {
        /// Which kind of ID (`user ID`, `world ID`, ...).
        kind: &'static str,
        /// The rejected value.
        value: String,
        /// What is wrong with it.
        problem: IdProblem,
    },
    /// A message type that is not one of the four wire names.
    #[error(
        "unknown invite message type {value:?}: expected message, response, request or requestResponse"
    )]
    UnknownMessageType {
        /// The rejected value.
        value: String,
    },
    /// A location that is not `world:instance` with a world ID, nor a VRChat launch link.
    #[error(
        "invalid location {value:?}: expected a world ID and an instance, `wrld_…:instance` (e.g. `wrld_123:12345~region(eu)`), or a https://vrchat.com/home/launch?worldId=…&instanceId=… link"
    )]
    InvalidLocation {
        /// The rejected value.
        value: String,
    },
    /// A User-Agent that does not have VRChat's required shape.
    #[error(
        "invalid User-Agent {value:?}: {reason}; VRChat requires `AppName/version contact`, e.g. `MyBot/1.2 me@example.com`"
    )]
    InvalidUserAgent {
        /// The rejected value.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A base URL that cannot prefix API paths.
    #[error("invalid base URL {value:?}: {problem}")]
    InvalidBaseUrl {
        /// The rejected value, any `user:password@` part replaced by `<redacted>@`.
        value: String,
        /// What is wrong with it.
        problem: BaseUrlProblem,
    },
    /// An image the photo operations cannot send.
    #[error("invalid image: {problem}")]
    InvalidImage {
        /// What is wrong with it.
        problem: ImageProblem,
    },
    /// Invite message text the API would refuse.
    #[error("invalid invite message text: {reason}")]
    InvalidMessageText {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A cookie or credential value that cannot be sent in a header. The value is not shown.
    #[error("invalid {name}: {reason}")]
    InvalidCredential {
        /// Which credential (`auth cookie`, `username`, ...).
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Login needs a username and password, or a saved session; there is neither.
    #[error("no credentials: give a username and password, or restore a saved session")]
    MissingCredentials,
    /// The two-factor method cannot be verified by this client.
    #[error("two-factor method {method:?} is not supported; use totp, otp or emailOtp")]
    UnsupportedTwoFactorMethod {
        /// The method's wire name.
        method: String,
    },
    /// A notification page size outside 1..=100.
    #[error("page size {value} is out of range: a page holds 1 to 100 notifications")]
    PageSizeOutOfRange {
        /// The rejected value.
        value: i64,
    },
    /// Text where a number was expected.
    #[error("{what} {value:?} is not a number")]
    NotANumber {
        /// What the number is (`page size`, `slot`, ...).
        what: &'static str,
        /// The rejected text.
        value: String,
    },
    /// An `after` filter that is neither a timestamp nor a keyword.
    #[error("invalid `after` value {value:?}: {reason}")]
    InvalidAfter {
        /// The rejected value.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The operation needs an `auth` cookie and the session has none.
    #[error("not logged in: this operation needs the session's auth cookie; log in first")]
    NotLoggedIn,
    /// The operation was built for the session's own user (`mine`) and the session does not
    /// know its user ID.
    #[error(
        "the session does not know its user ID: log in (which records it), set it on the session, or name the user instead of `mine`"
    )]
    MissingUserId,
}

/// `, not N` for a slot number worth repeating; nothing for one that stands for a number
/// too large to keep.
fn shown_slot(value: i64) -> String {
    if value == i64::MAX || value == i64::MIN {
        String::new()
    } else {
        format!(", not {value}")
    }
}

/// Why an ID was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdProblem {
    /// The ID is empty.
    Empty,
    /// The ID contains a control character.
    ControlCharacter,
    /// The ID is `.` or `..`, which a server would resolve as a path step.
    DotSegment,
    /// The ID contains a character its kind never has (a world ID with `:`).
    ForbiddenCharacter(char),
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("it is empty"),
            Self::ControlCharacter => f.write_str("it contains a control character"),
            Self::DotSegment => f.write_str("`.` and `..` are path steps, not IDs"),
            Self::ForbiddenCharacter(c) => write!(f, "it contains {c:?}"),
        }
    }
}

/// Why a base URL was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BaseUrlProblem {
    /// Not a URL at all.
    NotAUrl,
    /// A scheme other than `http` or `https`.
    Scheme,
    /// No host.
    MissingHost,
    /// A `user:password@` part: it would be sent as Basic auth and shown wherever the URL is.
    UserInfo,
    /// A `?query`: API paths are appended after it.
    Query,
    /// A `#fragment`: API paths are appended after it.
    Fragment,
    /// The request's URI could not be put together.
    Unassemblable,
}

impl fmt::Display for BaseUrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotAUrl => "not a URL",
            Self::Scheme => "the scheme must be http or https",
            Self::MissingHost => "the host is missing",
            Self::UserInfo => {
                "a user name or password in the URL is not allowed (log in with credentials instead)"
            }
            Self::Query => "a query (`?…`) is not allowed",
            Self::Fragment => "a fragment (`#…`) is not allowed",
            Self::Unassemblable => "the request could not be assembled",
        })
    }
}

/// Why an image was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageProblem {
    /// No bytes at all.
    Empty,
    /// The bytes do not start with the PNG signature.
    NotPng,
    /// More bytes than the limit allows.
    TooLarge {
        /// The image's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
}

impl fmt::Display for ImageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the image is empty"),
            Self::NotPng => f.write_str("the image is not a PNG (VRChat accepts PNG only)"),
            Self::TooLarge { size, limit } => {
                write!(f, "the image is {size} bytes, over the {limit}-byte limit")
            }
        }
    }
}
