//! Users: what a test asks for, what it gets back, and what the simulator keeps.

use std::fmt;

use vrchat_invite_core::UserId;

use super::messages::MessageSlots;

/// The second factor an account asks for at login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecondFactor {
    /// An authenticator app (`totp`), or a one-time recovery code (`otp`).
    Totp,
    /// A code sent by email (`emailOtp`).
    EmailOtp,
}

impl SecondFactor {
    /// The methods `GET /auth/user` lists in `requiresTwoFactorAuth`.
    pub(crate) fn wire_methods(self) -> &'static [&'static str] {
        match self {
            Self::Totp => &["totp", "otp"],
            Self::EmailOtp => &["emailOtp"],
        }
    }
}

/// An account to create with [`crate::Simulator::add_user`].
///
/// ```
/// use vrchat_invite_sim::UserSpec;
/// let spec = UserSpec::new("alice", "correct horse").display_name("Alice").with_totp();
/// assert!(!format!("{spec:?}").contains("correct horse"));
/// ```
#[derive(Clone)]
pub struct UserSpec {
    pub(crate) username: String,
    pub(crate) password: String,
    pub(crate) display_name: Option<String>,
    pub(crate) id: Option<UserId>,
    pub(crate) second_factor: Option<SecondFactor>,
}

impl UserSpec {
    /// An account that logs in with `username` (case-insensitive) and `password`, without
    /// 2FA. When two accounts share a username, the one added last logs in.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            display_name: None,
            id: None,
            second_factor: None,
        }
    }

    /// The display name; the username when not set.
    #[must_use]
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// A fixed user ID (a legacy one such as `8JoV9XEdpo`, say) instead of a generated
    /// `usr_…` one. Adding two users with the same ID replaces the first.
    #[must_use]
    pub fn id(mut self, id: UserId) -> Self {
        self.id = Some(id);
        self
    }

    /// Login asks for an authenticator code (`["totp","otp"]`); see
    /// [`crate::Simulator::totp_code`] and [`crate::Simulator::recovery_codes`].
    /// Wins over [`UserSpec::with_email_otp`] when both are set.
    #[must_use]
    pub fn with_totp(mut self) -> Self {
        self.second_factor = Some(SecondFactor::Totp);
        self
    }

    /// Login asks for a code sent by email (`["emailOtp"]`); see
    /// [`crate::Simulator::last_email_code`].
    #[must_use]
    pub fn with_email_otp(mut self) -> Self {
        if self.second_factor.is_none() {
            self.second_factor = Some(SecondFactor::EmailOtp);
        }
        self
    }
}

impl fmt::Debug for UserSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserSpec")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("display_name", &self.display_name)
            .field("id", &self.id)
            .field("second_factor", &self.second_factor)
            .finish()
    }
}

/// A user the simulator created: what a test needs to act as them.
#[derive(Clone, PartialEq, Eq)]
pub struct SimUser {
    /// The user's ID.
    pub id: UserId,
    /// The login name.
    pub username: String,
    /// The password (never shown by `Debug`).
    pub password: String,
    /// The display name.
    pub display_name: String,
    /// For a TOTP account ([`UserSpec::with_totp`]), the authenticator secret in base32
    /// (RFC 4648, no padding), as an authenticator app or a bot stores it; codes follow
    /// RFC 6238 (SHA-1, 30 s, 6 digits) on the simulated clock. Never shown by `Debug`.
    pub totp_secret: Option<String>,
}

impl fmt::Debug for SimUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimUser")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("display_name", &self.display_name)
            .field(
                "totp_secret",
                &self.totp_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Everything the simulator keeps about one account.
#[derive(Debug)]
pub(crate) struct UserRecord {
    pub(crate) id: UserId,
    pub(crate) username: String,
    pub(crate) password: String,
    pub(crate) display_name: String,
    pub(crate) created_at_millis: i64,
    pub(crate) second_factor: Option<SecondFactor>,
    /// The authenticator secret (RFC 6238).
    pub(crate) totp_secret: Vec<u8>,
    /// Unused recovery codes.
    pub(crate) recovery_codes: Vec<String>,
    /// The code "sent by email" at the last login that needed one.
    pub(crate) last_email_code: Option<String>,
    /// Whether that code can still be used.
    pub(crate) email_code_unused: bool,
    pub(crate) messages: MessageSlots,
}

impl UserRecord {
    pub(crate) fn public(&self) -> SimUser {
        SimUser {
            id: self.id.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            display_name: self.display_name.clone(),
            totp_secret: (self.second_factor == Some(SecondFactor::Totp))
                .then(|| crate::state::totp::base32(&self.totp_secret)),
        }
    }
}
