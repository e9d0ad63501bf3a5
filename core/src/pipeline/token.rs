//! The token the pipeline is opened with.

use std::fmt;

use crate::auth::AuthCookie;
use crate::secret::Secret;

/// The `auth` cookie's value as the pipeline takes it, in its `authToken` query parameter.
///
/// `Debug` and `Display` never show it; neither does any error of this crate.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PipelineToken(Secret);

impl PipelineToken {
    /// The token itself. Handle with care.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl From<&AuthCookie> for PipelineToken {
    fn from(token: &AuthCookie) -> Self {
        Self(Secret::new(token.expose()))
    }
}

impl fmt::Debug for PipelineToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PipelineToken(<redacted>)")
    }
}

impl fmt::Display for PipelineToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_token() {
        let token = PipelineToken::from(&AuthCookie::new("authcookie_1").expect("cookie"));
        assert_eq!(
            format!("{token:?} {token}"),
            "PipelineToken(<redacted>) <redacted>"
        );
        assert_eq!(token.expose(), "authcookie_1");
    }
}
