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
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl LoginReply {
    /// Decodes either shape.
    pub(crate) fn decode(body: &[u8]) -> serde_json::Result<Self> {
        let wire: Wire = serde_json::from_slice(body)?;
        match (wire.requires_two_factor_auth, wire.user) {
            (Some(methods), _) => Ok(Self::TwoFactorRequired(
                methods
                    .iter()
                    .map(|name| TwoFactorMethod::from_wire(name))
                    .collect(),
            )),
            (None, Some(user)) => Ok(Self::LoggedIn(user)),
            (None, None) => Err(serde::de::Error::custom(
                "neither a user nor requiresTwoFactorAuth",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_both_shapes_and_keeps_unknown_methods() {
        let reply = LoginReply::decode(br#"{"requiresTwoFactorAuth":["totp","otp","passkey"]}"#);
        assert_eq!(
            reply.expect("decodes"),
            LoginReply::TwoFactorRequired(vec![
                TwoFactorMethod::Totp,
                TwoFactorMethod::Otp,
                TwoFactorMethod::Other("passkey".into())
            ])
        );
        let reply = LoginReply::decode(br#"{"id":"usr_1","displayName":"Alice","bio":"hi"}"#);
        let LoginReply::LoggedIn(user) = reply.expect("decodes") else {
            panic!("not logged in");
        };
        assert_eq!(user.id.as_str(), "usr_1");
        assert_eq!(user.display_name, "Alice");
        assert!(LoginReply::decode(b"{}").is_err());
    }
}
