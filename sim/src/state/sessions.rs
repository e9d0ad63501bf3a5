//! Login sessions (`auth` cookies) and remembered devices (`twoFactorAuth` cookies).

use std::collections::HashMap;

use vrchat_invite_core::UserId;

use super::users::SecondFactor;

/// The default number of live sessions one account may hold.
pub const DEFAULT_SESSION_LIMIT: usize = 10;

/// How far a session got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Password accepted; a code of this kind must be verified before anything else.
    AwaitingCode(SecondFactor),
    /// Fully logged in.
    Active,
}

#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) user: UserId,
    pub(crate) stage: Stage,
}

/// Every live session and remembered device.
#[derive(Debug)]
pub(crate) struct Sessions {
    by_token: HashMap<String, Session>,
    remembered_devices: HashMap<String, UserId>,
    pub(crate) limit: usize,
}

impl Sessions {
    pub(crate) fn new() -> Self {
        Self {
            by_token: HashMap::new(),
            remembered_devices: HashMap::new(),
            limit: DEFAULT_SESSION_LIMIT,
        }
    }

    pub(crate) fn get(&self, token: &str) -> Option<&Session> {
        self.by_token.get(token)
    }

    pub(crate) fn insert(&mut self, token: String, session: Session) {
        self.by_token.insert(token, session);
    }

    pub(crate) fn activate(&mut self, token: &str) {
        if let Some(session) = self.by_token.get_mut(token) {
            session.stage = Stage::Active;
        }
    }

    pub(crate) fn remove(&mut self, token: &str) -> Option<Session> {
        self.by_token.remove(token)
    }

    /// Live sessions of `user`, whether fully logged in or awaiting a code.
    pub(crate) fn count_for(&self, user: &UserId) -> usize {
        self.by_token.values().filter(|s| &s.user == user).count()
    }

    /// Ends every session of `user` (when the user is replaced).
    pub(crate) fn remove_user(&mut self, user: &UserId) {
        self.by_token.retain(|_, session| &session.user != user);
        self.remembered_devices.retain(|_, owner| owner != user);
    }

    pub(crate) fn remember_device(&mut self, token: String, user: UserId) {
        self.remembered_devices.insert(token, user);
    }

    /// Whether `token` is a remembered device of `user`.
    pub(crate) fn is_remembered(&self, token: &str, user: &UserId) -> bool {
        self.remembered_devices.get(token) == Some(user)
    }
}
