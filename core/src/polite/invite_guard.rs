//! Refusing to send the same invite twice in a short time.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::Refusal;
use crate::ids::{Location, UserId};

/// Refuses a second invite of the same user to the same location within a window.
///
/// An invite is not idempotent: a retry after a timeout, or a loop gone wrong, sends the
/// same notification again, and VRChat treats invite spam harshly. The guard reads no
/// clock: the caller passes `now`.
///
/// ```
/// use std::time::{Duration, Instant};
/// use vrchat_invite_core::{Location, UserId};
/// use vrchat_invite_core::polite::InviteGuard;
/// let mut guard = InviteGuard::new(Duration::from_secs(300));
/// let (user, location) = (UserId::new("usr_b")?, "wrld_1:1".parse::<Location>()?);
/// let now = Instant::now();
/// assert!(guard.check_and_record(now, &user, &location).is_ok());
/// assert!(guard.check_and_record(now + Duration::from_secs(10), &user, &location).is_err());
/// assert!(guard.check_and_record(now + Duration::from_secs(300), &user, &location).is_ok());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone)]
pub struct InviteGuard {
    window: Duration,
    sent: HashMap<(UserId, Location), Instant>,
}

impl InviteGuard {
    /// The default window: 5 minutes.
    pub const DEFAULT_WINDOW: Duration = Duration::from_secs(300);

    /// A guard with the given window.
    pub fn new(window: Duration) -> Self {
        Self {
            window,
            sent: HashMap::new(),
        }
    }

    /// The window.
    pub fn window(&self) -> Duration {
        self.window
    }

    /// Refuses the invite if the same one was recorded within the window; otherwise
    /// records it as sent at `now`.
    ///
    /// # Errors
    /// [`Refusal::DuplicateInvite`] with the time until it would be allowed.
    pub fn check_and_record(
        &mut self,
        now: Instant,
        user: &UserId,
        location: &Location,
    ) -> Result<(), Refusal> {
        self.sent
            .retain(|_, sent| now.saturating_duration_since(*sent) < self.window);
        let key = (user.clone(), location.clone());
        if let Some(sent) = self.sent.get(&key) {
            let retry_after = (*sent + self.window).saturating_duration_since(now);
            return Err(Refusal::DuplicateInvite {
                user: key.0,
                location: key.1,
                retry_after,
            });
        }
        self.sent.insert(key, now);
        Ok(())
    }

    /// Forgets an invite the server refused, so it may be sent again at once.
    pub fn forget(&mut self, user: &UserId, location: &Location) {
        self.sent.remove(&(user.clone(), location.clone()));
    }
}

impl Default for InviteGuard {
    fn default() -> Self {
        Self::new(Self::DEFAULT_WINDOW)
    }
}
