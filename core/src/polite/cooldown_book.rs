//! Remembering each slot's cooldown, to refuse edits the server would certainly refuse.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::Refusal;
use crate::messages::InviteMessageType;
use crate::models::InviteMessage;
use crate::slot::Slot;

const MINUTE: Duration = Duration::from_secs(60);

/// How long an edit's cooldown lasts.
pub const EDIT_COOLDOWN_MINUTES: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cooldown {
    /// Until then the server certainly refuses.
    certain_until: Instant,
    /// By then the cooldown has certainly ended.
    latest_end: Instant,
}

impl Cooldown {
    /// The minutes the server would report at `now` if the cooldown ends at its latest:
    /// VRChat's count, the minute under way not counted.
    fn minutes_left(&self, now: Instant) -> u32 {
        let left = self.latest_end.saturating_duration_since(now).as_millis();
        u32::try_from(left.saturating_sub(1) / MINUTE.as_millis()).unwrap_or(u32::MAX)
    }
}

/// Learns each slot's cooldown from [`InviteMessage`] values and 429 replies, and refuses
/// an edit or reset that the server would certainly refuse.
///
/// The server counts whole minutes without the one under way (an edit reads 59 at once, and
/// 0 in its last minute), so a slot said to have `N` minutes left has more than `N` and at
/// most `N + 1`: it is refused for `N` minutes, then let through and the server decides. An
/// edit the book saw is refused for its 59 certain minutes the same way. A refusal reports
/// the minutes as the server would. The book reads no clock: the caller passes `now`.
///
/// ```
/// use std::time::{Duration, Instant};
/// use vrchat_invite_core::Slot;
/// use vrchat_invite_core::messages::InviteMessageType;
/// use vrchat_invite_core::polite::CooldownBook;
/// let mut book = CooldownBook::new();
/// let now = Instant::now();
/// let slot = Slot::new(3)?;
/// book.learn_cooldown(now, InviteMessageType::Message, slot, 60);
/// let refusal = book.check(now + Duration::from_secs(600), InviteMessageType::Message, slot);
/// assert_eq!(refusal.err().map(|r| r.to_string()),
///            Some("message slot 3 is cooling down: 50 more minutes (not sent)".to_owned()));
/// assert!(book.check(now + Duration::from_secs(3600), InviteMessageType::Message, slot).is_ok());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CooldownBook {
    slots: HashMap<(InviteMessageType, Slot), Cooldown>,
}

impl CooldownBook {
    /// An empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that the server said `minutes` are left on a slot at `now` (a 429, or a
    /// message's `remainingCooldownMinutes`), counted as VRChat counts them. Zero clears the
    /// slot: less than a minute is left, if any.
    pub fn learn_cooldown(
        &mut self,
        now: Instant,
        message_type: InviteMessageType,
        slot: Slot,
        minutes: u32,
    ) {
        if minutes == 0 {
            self.slots.remove(&(message_type, slot));
            return;
        }
        // A count past the clock's range (a server's nonsense) teaches nothing.
        let (Some(certain_until), Some(latest_end)) = (
            now.checked_add(MINUTE * minutes),
            now.checked_add(MINUTE * minutes.saturating_add(1)),
        ) else {
            return;
        };
        let cooldown = Cooldown {
            certain_until,
            latest_end,
        };
        self.slots.insert((message_type, slot), cooldown);
    }

    /// Learns every slot in a list the server returned.
    pub fn learn_messages<'m>(
        &mut self,
        now: Instant,
        messages: impl IntoIterator<Item = &'m InviteMessage>,
    ) {
        for message in messages {
            let minutes = if message.can_be_updated && message.remaining_cooldown_minutes == 0 {
                0
            } else {
                message.remaining_cooldown_minutes
            };
            self.learn_cooldown(now, message.message_type, message.slot, minutes);
        }
    }

    /// Records a successful edit whose reply came at `now`: a full cooldown started a moment
    /// before, which the server reports as 59 minutes.
    pub fn learn_edit(&mut self, now: Instant, message_type: InviteMessageType, slot: Slot) {
        self.learn_cooldown(now, message_type, slot, EDIT_COOLDOWN_MINUTES - 1);
    }

    /// Refuses an edit or reset of a slot that is certainly cooling down at `now`.
    ///
    /// # Errors
    /// [`Refusal::Cooldown`] with the minutes left as the server would report them (at least
    /// 1).
    pub fn check(
        &self,
        now: Instant,
        message_type: InviteMessageType,
        slot: Slot,
    ) -> Result<(), Refusal> {
        match self.slots.get(&(message_type, slot)) {
            Some(cooldown) if now < cooldown.certain_until => Err(Refusal::Cooldown {
                message_type,
                slot,
                minutes_left: cooldown.minutes_left(now),
            }),
            _ => Ok(()),
        }
    }

    /// Minutes the server would report as left on a slot at `now` (at most; see
    /// [`CooldownBook`]), if at least one is.
    pub fn minutes_left(
        &self,
        now: Instant,
        message_type: InviteMessageType,
        slot: Slot,
    ) -> Option<u32> {
        let cooldown = self.slots.get(&(message_type, slot))?;
        Some(cooldown.minutes_left(now)).filter(|minutes| *minutes > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: InviteMessageType = InviteMessageType::Message;
    const MS: Duration = Duration::from_millis(1);

    fn slot() -> Slot {
        Slot::new(0).unwrap()
    }

    fn refused_minutes(book: &CooldownBook, at: Instant) -> Option<u32> {
        match book.check(at, MESSAGE, slot()) {
            Ok(()) => None,
            Err(Refusal::Cooldown { minutes_left, .. }) => Some(minutes_left),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_edit_counts_down_as_vrchat_does() {
        let mut book = CooldownBook::new();
        let now = Instant::now();
        book.learn_edit(now, MESSAGE, slot());
        // VRChat: 59 at once, the minute under way not counted.
        assert_eq!(refused_minutes(&book, now), Some(59));
        assert_eq!(refused_minutes(&book, now + MINUTE - MS), Some(59));
        assert_eq!(refused_minutes(&book, now + MINUTE), Some(58));
        assert_eq!(refused_minutes(&book, now + MINUTE * 59 - MS), Some(1));
        // The last minute may already be over: let through, the server decides.
        assert_eq!(refused_minutes(&book, now + MINUTE * 59), None);
        assert_eq!(book.minutes_left(now, MESSAGE, slot()), Some(59));
        assert_eq!(book.minutes_left(now + MINUTE * 59, MESSAGE, slot()), None);
    }

    #[test]
    fn a_reported_count_is_refused_for_that_many_minutes() {
        let mut book = CooldownBook::new();
        let now = Instant::now();
        book.learn_cooldown(now, MESSAGE, slot(), 12);
        assert_eq!(refused_minutes(&book, now), Some(12));
        assert_eq!(refused_minutes(&book, now + MINUTE * 12 - MS), Some(1));
        assert_eq!(refused_minutes(&book, now + MINUTE * 12), None);
        book.learn_cooldown(now, MESSAGE, slot(), 0);
        assert_eq!(refused_minutes(&book, now), None);
        assert_eq!(book.minutes_left(now, MESSAGE, slot()), None);
        // The largest count a server can send teaches, or is dropped; it never panics.
        book.learn_cooldown(now, MESSAGE, slot(), u32::MAX);
        let _ = book.check(now, MESSAGE, slot());
    }
}
