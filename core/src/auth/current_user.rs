//! The reply of `GET /auth/user`: the user, or a request for a second factor.

use crate::auth::TwoFactorMethod;
use crate::ids::UserId;

/// The logged-in user, as far as this client needs it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CurrentUser {
    /// The user's ID.
    pub id: UserId,
    /// The display name.
    #[serde(default)]
    pub display_name: String,
    /// The login name, when the server sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// What `GET /auth/user` answered.
///
/// ```
/// use vrchat_invite_core::auth::{LoginReply, TwoFactorMethod};
/// let reply: LoginReply = serde_json::from_str(r#"{"requiresTwoFactorAuth":["emailOtp"]}"#)?;
/// assert_eq!(reply, LoginReply::TwoFactorRequired(vec![TwoFactorMethod::EmailOtp]));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "Wire")]
#[non_exhaustive]
pub enum LoginReply {
    /// Logged in.
    LoggedIn(CurrentUser),
    /// The password was right; a second factor is needed, by one of these methods.
    TwoFactorRequired(Vec<TwoFactorMethod>),
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(default)]
    requires_two_factor_auth: Option<Vec<String>>,
    #[serde(flatten)]
    user: Option<CurrentUser>,
}

impl TryFrom<Wire> for LoginReply {
    type Error = &'static str;

    /// Either shape; a reply with neither is refused.
    fn try_from(wire: Wire) -> Result<Self, Self::Error> {
        match (wire.requires_two_factor_auth, wire.user) {
            (Some(methods), _) => Ok(Self::TwoFactorRequired(
                methods
                    .iter()
                    .map(|name| TwoFactorMethod::from_wire(name))
                    .collect(),
            )),
            (None, Some(user)) => Ok(Self::LoggedIn(user)),
            (None, None) => Err("neither a user nor requiresTwoFactorAuth"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(body: &[u8]) -> serde_json::Result<LoginReply> {
        serde_json::from_slice(body)
    }

    #[test]
    fn decodes_both_shapes_and_keeps_unknown_methods() {
        let reply = decode(br#"{"requiresTwoFactorAuth":["totp","otp","passkey"]}"#);
        assert_eq!(
            reply.expect("decodes"),
            LoginReply::TwoFactorRequired(vec![
                TwoFactorMethod::Totp,
                TwoFactorMethod::Otp,
                TwoFactorMethod::Other("passkey".into())
            ])
        );
        let reply = decode(br#"{"id":"usr_1","displayName":"Alice","bio":"hi"}"#);
        let LoginReply::LoggedIn(user) = reply.expect("decodes") else {
            panic!("not logged in");
        };
        assert_eq!(user.id.as_str(), "usr_1");
        assert_eq!(user.display_name, "Alice");
        assert!(decode(b"{}").is_err());
    }
}
