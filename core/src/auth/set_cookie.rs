//! Applying `Set-Cookie` headers to a session.

use http::HeaderMap;
use http::header::SET_COOKIE;

use crate::auth::cookie_line::CookieLine;
use crate::auth::{AuthCookie, TwoFactorCookie};
use crate::session::Session;

/// What [`Session::apply_set_cookies`] changed, and what it refused to store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CookieChanges {
    /// The `auth` cookie was set or cleared.
    pub auth: bool,
    /// The `twoFactorAuth` cookie was set or cleared.
    pub two_factor: bool,
    /// An `auth` value arrived that cannot be sent back (a space, comma, backslash, ...);
    /// the stored token was kept as it was.
    pub auth_unstorable: bool,
    /// A `twoFactorAuth` value arrived that cannot be sent back; the stored token was kept.
    pub two_factor_unstorable: bool,
}

/// What one `Set-Cookie` asks for.
enum Update<T> {
    /// Store this value.
    Set(T),
    /// Forget the stored value (empty value or `Max-Age` ≤ 0).
    Clear,
    /// A value that cannot be stored; keep what is stored.
    Unstorable,
}

/// Reads the cookie's value, unquoted as RFC 6265 allows (`name="value"`).
fn update<T>(cookie: &CookieLine<'_>, make: impl FnOnce(&str) -> Option<T>) -> Update<T> {
    if cookie.expired || cookie.value.is_empty() {
        return Update::Clear;
    }
    make(cookie.value).map_or(Update::Unstorable, Update::Set)
}

/// Reads every `Set-Cookie` of `headers` into `session` (see [`Session::apply_set_cookies`]).
pub(crate) fn apply_set_cookies(session: &mut Session, headers: &HeaderMap) -> CookieChanges {
    let mut changes = CookieChanges::default();
    for header in headers.get_all(SET_COOKIE) {
        let Ok(text) = header.to_str() else { continue };
        let Some(cookie) = CookieLine::parse(text) else {
            continue;
        };
        match cookie.name {
            name if name == AuthCookie::COOKIE_NAME => {
                match update(&cookie, |v| AuthCookie::new(v).ok()) {
                    Update::Set(token) => session.set_auth_cookie(Some(token)),
                    Update::Clear => session.set_auth_cookie(None),
                    Update::Unstorable => {
                        changes.auth_unstorable = true;
                        continue;
                    }
                }
                changes.auth = true;
            }
            name if name == TwoFactorCookie::COOKIE_NAME => {
                match update(&cookie, |v| TwoFactorCookie::new(v).ok()) {
                    Update::Set(token) => session.set_two_factor_cookie(Some(token)),
                    Update::Clear => session.set_two_factor_cookie(None),
                    Update::Unstorable => {
                        changes.two_factor_unstorable = true;
                        continue;
                    }
                }
                changes.two_factor = true;
            }
            _ => {}
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::user_agent::UserAgent;

    fn session() -> Session {
        Session::new(UserAgent::new("T/1 t@example.com").expect("agent"))
    }

    #[test]
    fn sets_and_clears() {
        let mut session = session();
        let mut headers = HeaderMap::new();
        headers.append(SET_COOKIE, "auth=a1; Path=/".parse().expect("header"));
        headers.append(
            SET_COOKIE,
            "twoFactorAuth=t1; Path=/; HttpOnly"
                .parse()
                .expect("header"),
        );
        session.apply_set_cookies(&headers);
        assert_eq!(session.auth_cookie().map(AuthCookie::expose), Some("a1"));
        assert_eq!(
            session.two_factor_cookie().map(TwoFactorCookie::expose),
            Some("t1")
        );

        let mut clear = HeaderMap::new();
        clear.append(
            SET_COOKIE,
            "auth=; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/"
                .parse()
                .expect("header"),
        );
        let changes = session.apply_set_cookies(&clear);
        assert_eq!(
            changes,
            CookieChanges {
                auth: true,
                ..CookieChanges::default()
            }
        );
        assert!(session.auth_cookie().is_none());
        assert!(session.two_factor_cookie().is_some());

        let mut max_age = HeaderMap::new();
        max_age.append(
            SET_COOKIE,
            "twoFactorAuth=t2; Max-Age=0".parse().expect("header"),
        );
        session.apply_set_cookies(&max_age);
        assert!(session.two_factor_cookie().is_none());
    }

    #[test]
    fn ignores_garbage() {
        let mut session = session();
        let mut headers = HeaderMap::new();
        headers.append(SET_COOKIE, "=;;;".parse().expect("header"));
        headers.append(
            SET_COOKIE,
            http::HeaderValue::from_bytes(b"auth=\xff").expect("header"),
        );
        assert_eq!(
            session.apply_set_cookies(&headers),
            CookieChanges::default()
        );
    }

    fn stored(session: &Session) -> (Option<&str>, Option<&str>) {
        (
            session.auth_cookie().map(AuthCookie::expose),
            session.two_factor_cookie().map(TwoFactorCookie::expose),
        )
    }

    #[test]
    fn an_unstorable_value_keeps_the_good_token() {
        for bad in ["a b", "a,b", "a\\b", "\"a b\"", "a\"b"] {
            let mut session = session()
                .with_auth_cookie(AuthCookie::new("good_auth").expect("auth"))
                .with_two_factor_cookie(TwoFactorCookie::new("good_2fa").expect("2fa"));
            let mut headers = HeaderMap::new();
            for name in ["auth", "twoFactorAuth"] {
                let line = format!("{name}={bad}; Path=/");
                headers.append(SET_COOKIE, line.parse().expect("header"));
            }
            let changes = session.apply_set_cookies(&headers);
            assert_eq!(
                changes,
                CookieChanges {
                    auth_unstorable: true,
                    two_factor_unstorable: true,
                    ..CookieChanges::default()
                },
                "{bad}"
            );
            assert_eq!(
                stored(&session),
                (Some("good_auth"), Some("good_2fa")),
                "{bad}"
            );
        }
    }

    #[test]
    fn quoted_values_are_unquoted_and_kept() {
        let mut session = session();
        let mut headers = HeaderMap::new();
        headers.append(
            SET_COOKIE,
            "auth=\"authcookie_q\"; Path=/".parse().expect("header"),
        );
        headers.append(
            SET_COOKIE,
            "twoFactorAuth=\"tfa_q\"".parse().expect("header"),
        );
        let changes = session.apply_set_cookies(&headers);
        assert!(changes.auth && changes.two_factor);
        assert!(!changes.auth_unstorable && !changes.two_factor_unstorable);
        assert_eq!(stored(&session), (Some("authcookie_q"), Some("tfa_q")));
    }
}
