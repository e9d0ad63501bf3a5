//! Error replies from the API, decoded and classified.

use std::fmt;

use http::{HeaderMap, HeaderName, StatusCode};

use super::bounded::{bounded, lossy_snippet};
use crate::decode::ErrorBody;
use crate::punctuation::normalize_for_matching;

/// The header VRChat uses to identify a request in its logs.
pub const REQUEST_ID_HEADER: &str = "x-vrc-request-id";

/// [`REQUEST_ID_HEADER`] as a name, so a lookup does not parse it again.
const REQUEST_ID: HeaderName = HeaderName::from_static(REQUEST_ID_HEADER);

/// What an error reply means, classified from its status and message.
///
/// Messages are matched after folding VRChat's look-alike punctuation and case, by
/// keyword, never by exact text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// A slot number the server refused (negative, too high, out of bounds).
    InvalidSlot,
    /// 401: missing or invalid credentials, or not allowed to do this. The session, if
    /// any, is over: log in again.
    Unauthorized,
    /// 401 "Requires Two-Factor Authentication": the session is half-logged (its password
    /// was accepted, its two-factor code not yet verified). It is not over: finish the
    /// login by verifying a code with the same `auth` cookie ([`crate::auth::LoginFlow`] does),
    /// instead of logging in again, which would open another session.
    TwoFactorRequired,
    /// 403: the other user is not your friend.
    NotFriends,
    /// 404: the user, instance, notification or slot entry does not exist.
    NotFound,
    /// 429 on an invite message edit or reset: the slot's cooldown has `minutes` left.
    Cooldown {
        /// Minutes until the slot can be edited again, as the server said.
        minutes: u32,
    },
    /// 429 without a cooldown: too many requests. Back off; never retry at once.
    RateLimited,
    /// 400: the invite or request was already answered.
    AlreadyResponded,
    /// 400: you cannot respond to your own invite.
    OwnInvite,
    /// 403 from VRChat's firewall (`waf_code`), most often a missing or malformed User-Agent.
    BlockedUserAgent,
    /// Login refused: wrong username or password.
    InvalidCredentials,
    /// Login refused with 429: the account has too many sessions. Reuse a saved session.
    TooManySessions,
    /// A two-factor code was not accepted.
    InvalidTwoFactorCode,
    /// Any other 400.
    BadRequest,
    /// Any other 403.
    Forbidden,
    /// A 5xx from the server or a proxy in front of it.
    ServerError,
    /// Anything else.
    Other,
}

impl fmt::Display for ApiErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidSlot => f.write_str("invalid slot"),
            Self::Unauthorized => f.write_str("unauthorized"),
            Self::TwoFactorRequired => f.write_str("two-factor code required"),
            Self::NotFriends => f.write_str("not friends"),
            Self::NotFound => f.write_str("not found"),
            Self::Cooldown { minutes } => write!(f, "cooldown, {minutes} minutes left"),
            Self::RateLimited => f.write_str("rate limited"),
            Self::AlreadyResponded => f.write_str("already responded"),
            Self::OwnInvite => f.write_str("own invite"),
            Self::BlockedUserAgent => f.write_str("blocked by the firewall (check the User-Agent)"),
            Self::InvalidCredentials => f.write_str("invalid credentials"),
            Self::TooManySessions => f.write_str("too many sessions"),
            Self::InvalidTwoFactorCode => f.write_str("invalid two-factor code"),
            Self::BadRequest => f.write_str("bad request"),
            Self::Forbidden => f.write_str("forbidden"),
            Self::ServerError => f.write_str("server error"),
            Self::Other => f.write_str("error"),
        }
    }
}

/// A non-2xx reply: status, classified kind, message, request ID and the raw body.
///
/// The message, request ID and `waf_code` are cut to [`SNIPPET_LIMIT`](crate::error::SNIPPET_LIMIT)
/// bytes, so `Debug` and `Display` stay short whatever the server sent; the whole body stays
/// reachable through [`ApiError::raw_body`].
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError {
    status: StatusCode,
    kind: ApiErrorKind,
    message: Option<String>,
    request_id: Option<String>,
    waf_code: Option<String>,
    raw_body: Vec<u8>,
}

impl ApiError {
    /// Decodes and classifies an error reply. Never fails: any body is accepted.
    ///
    /// The status comes from HTTP, not the body. The message loses the literal quotes the
    /// server sometimes wraps it in.
    ///
    /// ```
    /// use vrchat_invite_core::{ApiError, ApiErrorKind};
    /// use http::{HeaderMap, HeaderName, StatusCode};
    /// let body = br#"{"error":{"message":"\"You need to be friends with that user first.\"","status_code":403}}"#;
    /// let error = ApiError::from_parts(StatusCode::FORBIDDEN, &HeaderMap::new(), body);
    /// assert_eq!(error.kind(), &ApiErrorKind::NotFriends);
    /// assert_eq!(error.message(), Some("You need to be friends with that user first."));
    /// ```
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        let (message, waf_code) = read_body(body);
        let kind = classify(status, message.as_deref(), waf_code.is_some());
        let request_id = headers
            .get(REQUEST_ID)
            .map(|value| lossy_snippet(value.as_bytes()));
        Self {
            status,
            kind,
            message: message.map(bounded),
            request_id,
            waf_code: waf_code.map(bounded),
            raw_body: body.to_vec(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What the error means.
    pub fn kind(&self) -> &ApiErrorKind {
        &self.kind
    }

    /// The server's message, without wrapping quotes, punctuation as the server wrote it,
    /// cut to at most [`SNIPPET_LIMIT`](crate::error::SNIPPET_LIMIT) bytes.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The `x-vrc-request-id` header, to quote when reporting a problem to VRChat.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The firewall's `waf_code`, when the firewall answered.
    pub fn waf_code(&self) -> Option<&str> {
        self.waf_code.as_deref()
    }

    /// The whole body exactly as received, however long; `Debug` shows only its start.
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }

    /// Replaces the kind; endpoints use it to refine a generic classification.
    pub fn with_kind(mut self, kind: ApiErrorKind) -> Self {
        self.kind = kind;
        self
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VRChat API error {} ({})", self.status, self.kind)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(waf_code) = &self.waf_code {
            write!(f, " [waf_code {waf_code}]")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("waf_code", &self.waf_code)
            .field("body_len", &self.raw_body.len())
            .field("body_start", &lossy_snippet(&self.raw_body))
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// The message and `waf_code` of a body in any of the shapes seen in real traffic. A body
/// with invalid UTF-8 is read lossily, so one bad byte does not lose the message; a body
/// that is not JSON at all may be a proxy's HTML page, whose title is the message.
fn read_body(body: &[u8]) -> (Option<String>, Option<String>) {
    let fields = |parsed: &ErrorBody<'_>| {
        (
            parsed.message().and_then(unwrap_message),
            parsed.waf_code().map(str::to_owned),
        )
    };
    // UTF-8 is checked once here rather than string by string in the parser.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str::<ErrorBody<'_>>(text).map(|parsed| fields(&parsed)),
        Err(_) => {
            let text = String::from_utf8_lossy(body);
            serde_json::from_str::<ErrorBody<'_>>(&text).map(|parsed| fields(&parsed))
        }
    };
    parsed.unwrap_or_else(|_| (html_title(body), None))
}

/// Trims and removes one pair of wrapping quotes; `None` when nothing is left.
fn unwrap_message(message: &str) -> Option<String> {
    let trimmed = message.trim();
    let inner = trimmed
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(trimmed)
        .trim();
    (!inner.is_empty()).then(|| inner.to_owned())
}

/// The `<title>` of an HTML error page from a proxy, if there is one.
fn html_title(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body.get(..body.len().min(4096)).unwrap_or_default());
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower.get(start..)?.find("</title>")?;
    unwrap_message(text.get(start..end)?)
}

/// Classifies by status first, then by keywords in the folded message (folded only for
/// the statuses whose kind depends on words: 400, 403 and 401).
fn classify(status: StatusCode, message: Option<&str>, has_waf_code: bool) -> ApiErrorKind {
    let message = message.unwrap_or_default();
    match status.as_u16() {
        429 => match cooldown_minutes(message) {
            Some(minutes) => ApiErrorKind::Cooldown { minutes },
            None => ApiErrorKind::RateLimited,
        },
        400 | 403 => classify_words(status, &normalize_for_matching(message), has_waf_code),
        401 if asks_for_second_factor(&normalize_for_matching(message)) => {
            ApiErrorKind::TwoFactorRequired
        }
        401 => ApiErrorKind::Unauthorized,
        404 => ApiErrorKind::NotFound,
        500..=599 => ApiErrorKind::ServerError,
        _ => ApiErrorKind::Other,
    }
}

/// The kind of a 400 or 403, from keywords in its folded message.
fn classify_words(status: StatusCode, text: &str, has_waf_code: bool) -> ApiErrorKind {
    match status.as_u16() {
        403 if has_waf_code || text.contains("user agent") || text.contains("user-agent") => {
            ApiErrorKind::BlockedUserAgent
        }
        403 if text.contains("friend") => ApiErrorKind::NotFriends,
        403 => ApiErrorKind::Forbidden,
        400 if text.contains("already responded") => ApiErrorKind::AlreadyResponded,
        400 if text.contains("own invite") => ApiErrorKind::OwnInvite,
        400 if text.contains("slot") => ApiErrorKind::InvalidSlot,
        400 => ApiErrorKind::BadRequest,
        _ => ApiErrorKind::Forbidden,
    }
}

/// Whether a folded 401 message asks for the second factor ("Requires Two-Factor
/// Authentication"), however its hyphen is written.
fn asks_for_second_factor(folded: &str) -> bool {
    let compact: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    compact.contains("twofactor") || compact.contains("2fa")
}

/// `N` from "please wait N more minutes…", whichever dot ends the sentence.
///
/// Read from the message as sent: "wait" is found whatever its case, and folding the look-alike
/// punctuation would change neither the digits nor the sign before them. A number too large for
/// `u32` saturates at `u32::MAX`; a negative one (after `-` or `−`) is no count of minutes at all,
/// so the reply reads as plain rate limiting.
fn cooldown_minutes(message: &str) -> Option<u32> {
    let wait = message
        .as_bytes()
        .windows(4)
        .position(|word| word.eq_ignore_ascii_case(b"wait"))?;
    let after_wait = message.get(wait..)?;
    let start = after_wait.find(|c: char| c.is_ascii_digit())?;
    let before = after_wait.get(..start)?.trim_end().chars().next_back();
    if matches!(before, Some('-' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}')) {
        return None;
    }
    let minutes = after_wait
        .get(start..)?
        .chars()
        .map_while(|c| c.to_digit(10))
        .fold(0_u32, |total, digit| {
            total.saturating_mul(10).saturating_add(digit)
        });
    Some(minutes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SNIPPET_LIMIT;

    fn parse(status: u16, body: &str) -> ApiError {
        let status = StatusCode::from_u16(status).expect("valid status");
        ApiError::from_parts(status, &HeaderMap::new(), body.as_bytes())
    }

    #[test]
    fn cooldown_with_either_dot() {
        for dot in [".", "\u{2024}", ""] {
            let body = format!(
                r#"{{"error":{{"message":"Please wait 17 more minutes until you try again{dot}","status_code":429}}}}"#
            );
            assert_eq!(
                parse(429, &body).kind(),
                &ApiErrorKind::Cooldown { minutes: 17 }
            );
        }
    }

    #[test]
    fn cooldown_minutes_saturate_and_are_never_negative() {
        let body = |minutes: &str| {
            format!(
                r#"{{"error":{{"message":"Please wait {minutes} more minutes until you try again.","status_code":429}}}}"#
            )
        };
        assert_eq!(
            parse(429, &body("99999999999999999999")).kind(),
            &ApiErrorKind::Cooldown { minutes: u32::MAX }
        );
        assert_eq!(
            parse(429, &body("4294967296")).kind(),
            &ApiErrorKind::Cooldown { minutes: u32::MAX }
        );
        for negative in ["-5", "- 5", "\u{2212} 5"] {
            assert_eq!(
                parse(429, &body(negative)).kind(),
                &ApiErrorKind::RateLimited,
                "{negative}"
            );
        }
    }

    proptest::proptest! {
        /// Reading the minutes from the message as sent gives what reading them from its
        /// folded, lowercased form gives.
        #[test]
        fn minutes_need_no_folding(
            message in "\\PC{0,40}|[a-zA-Z .\u{2024}\u{0130}\u{212A}É]{0,12}(wait|WAIT|Wait|WAİT|wa\u{2024}t)[ \u{2212}\u{FE63}\u{FF0D}-]{0,2}[0-9\u{FF14}]{0,12}[a-z .\u{2024}]{0,12}",
        ) {
            proptest::prop_assert_eq!(
                cooldown_minutes(&message),
                cooldown_minutes(&normalize_for_matching(&message))
            );
        }
    }

    #[test]
    fn one_invalid_byte_does_not_lose_the_message() {
        let mut body =
            br#"{"error":{"message":"Please wait 12 more minutes until you try again. "#.to_vec();
        body.push(0xff);
        body.extend_from_slice(br#"","status_code":429}}"#);
        let error = ApiError::from_parts(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), &body);
        assert_eq!(error.kind(), &ApiErrorKind::Cooldown { minutes: 12 });
        assert_eq!(
            error.message(),
            Some("Please wait 12 more minutes until you try again. \u{FFFD}")
        );
        assert_eq!(error.raw_body(), body.as_slice());
    }

    #[test]
    fn a_half_logged_session_is_not_an_expired_one() {
        for message in [
            r#""Requires Two-Factor Authentication""#,
            "Requires Two\u{2010}Factor Authentication\u{2024}",
            "requires two factor authentication",
            "2FA required",
        ] {
            let body = serde_json::json!({"error": {"message": message, "status_code": 401}});
            let error = parse(401, &body.to_string());
            assert_eq!(error.kind(), &ApiErrorKind::TwoFactorRequired, "{message}");
        }
        for message in [r#""Missing Credentials""#, "Unauthorized", ""] {
            let body = serde_json::json!({"error": {"message": message, "status_code": 401}});
            let error = parse(401, &body.to_string());
            assert_eq!(error.kind(), &ApiErrorKind::Unauthorized, "{message}");
        }
        assert_eq!(parse(401, "").kind(), &ApiErrorKind::Unauthorized);
    }

    #[test]
    fn the_firewall_puts_its_code_inside_error_or_beside_it() {
        for body in [
            r#"{"error":{"message":"Please identify yourself","status_code":403,"waf_code":13799}}"#,
            r#"{"error":{"message":"Please identify yourself","status_code":403},"waf_code":13799}"#,
        ] {
            let error = parse(403, body);
            assert_eq!(error.kind(), &ApiErrorKind::BlockedUserAgent, "{body}");
            assert_eq!(error.waf_code(), Some("13799"), "{body}");
        }
    }

    #[test]
    fn plain_429_is_rate_limited() {
        assert_eq!(parse(429, "{}").kind(), &ApiErrorKind::RateLimited);
    }

    #[test]
    fn error_as_string_with_status_beside() {
        let error = parse(404, r#"{"error":"\"Not Found\"","status_code":404}"#);
        assert_eq!(error.message(), Some("Not Found"));
        assert_eq!(error.kind(), &ApiErrorKind::NotFound);
    }

    #[test]
    fn waf_code_marks_the_firewall() {
        let error = parse(
            403,
            r#"{"error":{"message":"Forbidden","status_code":403},"waf_code":1001}"#,
        );
        assert_eq!(error.kind(), &ApiErrorKind::BlockedUserAgent);
        assert_eq!(error.waf_code(), Some("1001"));
    }

    #[test]
    fn html_page_keeps_title_and_body() {
        let body = "<html><head><title>502 Bad Gateway</title></head><body>x</body></html>";
        let error = parse(502, body);
        assert_eq!(error.kind(), &ApiErrorKind::ServerError);
        assert_eq!(error.message(), Some("502 Bad Gateway"));
        assert_eq!(error.raw_body(), body.as_bytes());
    }

    #[test]
    fn a_huge_body_keeps_debug_and_display_short() {
        let huge = "x".repeat(1 << 20);
        let error = parse(
            500,
            &format!(r#"{{"error":{{"message":"{huge}","status_code":500}}}}"#),
        );
        assert_eq!(error.message().map(str::len), Some(SNIPPET_LIMIT));
        assert!(format!("{error:?}").len() < 4 * SNIPPET_LIMIT);
        assert!(error.to_string().len() < 2 * SNIPPET_LIMIT);
        assert_eq!(error.raw_body().len(), huge.len() + 42);
        let html = parse(502, &format!("<title>{huge}</title>"));
        assert!(format!("{html:?}").len() < 4 * SNIPPET_LIMIT);
        assert!(html.to_string().len() < 2 * SNIPPET_LIMIT);
    }

    #[test]
    fn request_id_is_kept() {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID_HEADER, "req-123".parse().expect("header"));
        let error = ApiError::from_parts(StatusCode::NOT_FOUND, &headers, b"");
        assert_eq!(error.request_id(), Some("req-123"));
        assert_eq!(error.message(), None);
        assert!(error.to_string().contains("req-123"));
    }
}
