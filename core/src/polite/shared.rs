//! Politeness shared by every request of a client, for transports.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::{Action, Politeness, ReplySeen};
use crate::error::Error;

/// A [`Politeness`] behind a lock, with the two calls a transport makes around a request.
///
/// Transports hold one per client (shared by clones), call
/// [`SharedPoliteness::before_send`] and sleep the delay in their own way, then
/// [`SharedPoliteness::after_reply`] with the reply. The lock is never held while waiting.
///
/// ```
/// use std::time::Instant;
/// use vrchat_invite_core::polite::{Action, Politeness, ReplySeen, SharedPoliteness};
/// let shared = SharedPoliteness::new(Politeness::recommended());
/// let wait = shared.before_send(Instant::now(), &Action::Other)?;
/// assert!(wait.is_zero());
/// shared.after_reply(Instant::now(), &Action::Other, &ReplySeen::success(http::StatusCode::OK, []));
/// # Ok::<(), vrchat_invite_core::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct SharedPoliteness(Mutex<Politeness>);

impl SharedPoliteness {
    /// Shares `politeness`.
    pub fn new(politeness: Politeness) -> Self {
        Self(Mutex::new(politeness))
    }

    /// [`Politeness::before_send`]: how long to wait before sending, or the refusal.
    ///
    /// # Errors
    /// [`Error::Refused`] when the request must not be sent.
    pub fn before_send(&self, now: Instant, action: &Action<'_>) -> Result<Duration, Error> {
        let mut politeness = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(politeness.before_send(now, action)?)
    }

    /// [`Politeness::after_reply`].
    pub fn after_reply(&self, now: Instant, action: &Action<'_>, reply: &ReplySeen<'_>) {
        let mut politeness = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        politeness.after_reply(now, action, reply);
    }
}
