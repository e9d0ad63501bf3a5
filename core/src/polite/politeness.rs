//! The politeness helpers bundled, with two hooks a transport calls around each request.

use std::time::{Duration, Instant};

use http::StatusCode;

use super::{Action, CooldownBook, InviteGuard, Refusal, ReplySeen, Throttle};

/// Opt-in politeness: a [`Throttle`], a [`CooldownBook`] and an [`InviteGuard`], each on
/// only when set.
///
/// A transport calls [`Politeness::before_send`] before a request (refusing it, or
/// sleeping the returned delay) and [`Politeness::after_reply`] with the reply. Both take
/// the time from the caller; nothing here reads a clock or sleeps.
///
/// ```
/// use std::time::{Duration, Instant};
/// use vrchat_invite_core::polite::{Action, Politeness};
/// let mut politeness = Politeness::recommended();
/// let now = Instant::now();
/// assert_eq!(politeness.before_send(now, &Action::Other), Ok(Duration::ZERO));
/// assert!(politeness.before_send(now, &Action::Other)? >= Duration::from_secs(1));
/// # Ok::<(), vrchat_invite_core::polite::Refusal>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Politeness {
    throttle: Option<Throttle>,
    cooldowns: Option<CooldownBook>,
    invites: Option<InviteGuard>,
}

impl Politeness {
    /// Everything off.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything on: at least 1 s between requests plus up to 500 ms of jitter, the
    /// cooldown book, and a 5-minute duplicate-invite guard.
    pub fn recommended() -> Self {
        Self::new()
            .with_throttle(Throttle::new(
                Duration::from_secs(1),
                Duration::from_millis(500),
            ))
            .with_cooldown_book(CooldownBook::new())
            .with_invite_guard(InviteGuard::default())
    }

    /// Turns the throttle on.
    #[must_use]
    pub fn with_throttle(mut self, throttle: Throttle) -> Self {
        self.throttle = Some(throttle);
        self
    }

    /// Seeds the throttle's jitter with `seed` unless it was seeded already.
    ///
    /// The core reads no randomness of its own; a transport calls this with a seed from
    /// the operating system, so processes started together do not wait in lockstep, while
    /// a seed the caller chose (for reproducible tests) is kept.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use vrchat_invite_core::polite::{Action, Politeness};
    /// let delays = |seed| {
    ///     let mut politeness = Politeness::recommended().with_default_seed(seed);
    ///     let now = Instant::now();
    ///     (0..4).map(|_| politeness.before_send(now, &Action::Other)).collect::<Vec<_>>()
    /// };
    /// assert_ne!(delays(1), delays(2));
    /// ```
    #[must_use]
    pub fn with_default_seed(mut self, seed: u64) -> Self {
        if let Some(throttle) = self.throttle.take() {
            self.throttle = Some(if throttle.is_seeded() {
                throttle
            } else {
                throttle.with_seed(seed)
            });
        }
        self
    }

    /// Turns the cooldown book on.
    #[must_use]
    pub fn with_cooldown_book(mut self, book: CooldownBook) -> Self {
        self.cooldowns = Some(book);
        self
    }

    /// Turns the duplicate-invite guard on.
    #[must_use]
    pub fn with_invite_guard(mut self, guard: InviteGuard) -> Self {
        self.invites = Some(guard);
        self
    }

    /// The cooldown book, if on.
    pub fn cooldown_book(&self) -> Option<&CooldownBook> {
        self.cooldowns.as_ref()
    }

    /// Decides about a request at `now`: refuses it, or returns how long to wait first.
    ///
    /// # Errors
    /// [`Refusal::Cooldown`] for an edit or reset the server would certainly refuse;
    /// [`Refusal::DuplicateInvite`] for an invite sent within the guard's window.
    pub fn before_send(&mut self, now: Instant, action: &Action<'_>) -> Result<Duration, Refusal> {
        match (action, &mut self.cooldowns, &mut self.invites) {
            (Action::EditSlot(kind, slot) | Action::ResetSlot(kind, slot), Some(book), _) => {
                book.check(now, *kind, *slot)?;
            }
            (Action::Invite { user, location }, _, Some(guard)) => {
                guard.check_and_record(now, user, location)?;
            }
            _ => {}
        }
        Ok(self
            .throttle
            .as_mut()
            .map_or(Duration::ZERO, |throttle| throttle.reserve(now)))
    }

    /// Learns from a reply received at `now`, as the operation read it: cooldowns from
    /// the messages it listed and from 429s, backoff from 429s, and forgets an invite the
    /// server refused.
    pub fn after_reply(&mut self, now: Instant, action: &Action<'_>, reply: &ReplySeen<'_>) {
        let status = reply.status();
        if let Some(throttle) = &mut self.throttle {
            throttle.record_reply(now, status == StatusCode::TOO_MANY_REQUESTS);
        }
        if let Some(book) = &mut self.cooldowns {
            learn_cooldowns(book, now, action, reply);
        }
        if let (Action::Invite { user, location }, Some(guard)) = (action, &mut self.invites) {
            if status.is_client_error() {
                guard.forget(user, location);
            }
        }
    }
}

fn learn_cooldowns(
    book: &mut CooldownBook,
    now: Instant,
    action: &Action<'_>,
    reply: &ReplySeen<'_>,
) {
    book.learn_messages(now, reply.messages().iter().copied());
    match action {
        Action::EditSlot(kind, slot) if reply.status().is_success() => {
            book.learn_edit(now, *kind, *slot);
        }
        Action::EditSlot(kind, slot) | Action::ResetSlot(kind, slot) => {
            if let Some(minutes) = reply.cooldown_minutes() {
                book.learn_cooldown(now, *kind, *slot, minutes);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delays(mut politeness: Politeness) -> Vec<Duration> {
        let now = Instant::now();
        (0..8)
            .map(|_| {
                politeness
                    .before_send(now, &Action::Other)
                    .unwrap_or_default()
            })
            .collect()
    }

    fn throttle() -> Throttle {
        Throttle::new(Duration::from_secs(1), Duration::from_millis(500))
    }

    #[test]
    fn a_default_seed_varies_an_unseeded_throttle_only() {
        let unseeded = || Politeness::new().with_throttle(throttle());
        assert_ne!(
            delays(unseeded().with_default_seed(1)),
            delays(unseeded().with_default_seed(2))
        );
        let chosen = || Politeness::new().with_throttle(throttle().with_seed(9));
        assert_eq!(
            delays(chosen().with_default_seed(1)),
            delays(chosen().with_default_seed(2))
        );
        assert_eq!(delays(chosen()), delays(chosen().with_default_seed(3)));
    }
}
