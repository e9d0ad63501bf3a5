//! Applying `Set-Cookie` headers to a session.

use cookie::Cookie;
use http::HeaderMap;
use http::header::SET_COOKIE;

use crate::credentials::{AuthToken, TwoFactorToken};
use crate::session::Session;

/// What [`Session::apply_set_cookies`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CookieChanges {
    /// The `auth` cookie was set or cleared.
    pub auth: bool,
    /// The `twoFactorAuth` cookie was set or cleared.
    pub two_factor: bool,
}

/// A cookie value, or `None` when the cookie is being cleared (empty value or `Max-Age` ≤ 0).
fn live_value<'a>(cookie: &'a Cookie<'_>) -> Option<&'a str> {
    let expired = cookie.max_age().is_some_and(|age| age.whole_seconds() <= 0);
    (!cookie.value().is_empty() && !expired).then(|| cookie.value())
}

impl Session {
    /// Updates the `auth` and `twoFactorAuth` cookies from a reply's `Set-Cookie` headers
    /// (parsed with the `cookie` crate). An empty value or `Max-Age=0` clears the cookie;
    /// other cookies and malformed headers are ignored.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use vrchat_invite_core::{Session, UserAgent};
    /// let mut session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?);
    /// let mut headers = HeaderMap::new();
    /// headers.append("set-cookie", "auth=authcookie_1; Path=/; HttpOnly".parse()?);
    /// headers.append("set-cookie", "age=; Path=/".parse()?);
    /// let changes = session.apply_set_cookies(&headers);
    /// assert!(changes.auth && !changes.two_factor);
    /// assert_eq!(session.auth_token().map(|t| t.expose()), Some("authcookie_1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_set_cookies(&mut self, headers: &HeaderMap) -> CookieChanges {
        let mut changes = CookieChanges::default();
        for header in headers.get_all(SET_COOKIE) {
            let Ok(text) = header.to_str() else { continue };
            let Ok(cookie) = Cookie::parse(text) else {
                continue;
            };
            let value = live_value(&cookie);
            match cookie.name() {
                name if name == AuthToken::COOKIE_NAME => {
                    self.set_auth_token(value.and_then(|v| AuthToken::new(v).ok()));
                    changes.auth = true;
                }
                name if name == TwoFactorToken::COOKIE_NAME => {
                    self.set_two_factor_token(value.and_then(|v| TwoFactorToken::new(v).ok()));
                    changes.two_factor = true;
                }
                _ => {}
            }
        }
        changes
    }
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
        assert_eq!(session.auth_token().map(AuthToken::expose), Some("a1"));
        assert_eq!(
            session.two_factor_token().map(TwoFactorToken::expose),
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
                two_factor: false
            }
        );
        assert!(session.auth_token().is_none());
        assert!(session.two_factor_token().is_some());

        let mut max_age = HeaderMap::new();
        max_age.append(
            SET_COOKIE,
            "twoFactorAuth=t2; Max-Age=0".parse().expect("header"),
        );
        session.apply_set_cookies(&max_age);
        assert!(session.two_factor_token().is_none());
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
}
