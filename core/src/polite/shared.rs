//! Politeness shared by every request of a client, for transports.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::{Action, Politeness};
use crate::error::Error;

/// A [`Politeness`] behind a lock, with the two calls a transport makes around a request.
///
/// Transports hold one per client (shared by clones), call
/// [`SharedPoliteness::before_send`] and sleep the delay in their own way, then
/// [`SharedPoliteness::after_reply`] with the reply. The lock is never held while waiting.
///
/// ```
/// use std::time::Instant;
/// use vrchat_invite_core::{Action, Politeness, SharedPoliteness};
/// let shared = SharedPoliteness::new(Politeness::recommended());
/// let wait = shared.before_send(Instant::now(), &Action::Other)?;
/// assert!(wait.is_zero());
/// let reply = http::Response::new(Vec::<u8>::new());
/// shared.after_reply(Instant::now(), &Action::Other, &reply);
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

    /// [`Politeness::after_reply`] for a whole reply.
    pub fn after_reply<B: AsRef<[u8]>>(
        &self,
        now: Instant,
        action: &Action<'_>,
        reply: &http::Response<B>,
    ) {
        let mut politeness = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        politeness.after_reply(
            now,
            action,
            reply.status(),
            reply.headers(),
            reply.body().as_ref(),
        );
    }
}
