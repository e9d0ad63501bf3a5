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
    /// The server's own estimate of the end, for reporting minutes left.
    estimated_until: Instant,
}

/// Learns each slot's cooldown from [`InviteMessage`] values and 429 replies, and refuses
/// an edit or reset that the server would certainly refuse.
///
/// The server reports whole minutes, so a slot said to have `N` minutes left is treated as
/// certainly cooling down for `N - 1` minutes; in the last minute the request is let
/// through and the server decides. The book reads no clock: the caller passes `now`.
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
    /// message's `remainingCooldownMinutes`). Zero clears the slot.
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
        let cooldown = Cooldown {
            certain_until: now + MINUTE * (minutes - 1),
            estimated_until: now + MINUTE * minutes,
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

    /// Records a successful edit at `now`: a full cooldown starts.
    pub fn learn_edit(&mut self, now: Instant, message_type: InviteMessageType, slot: Slot) {
        self.learn_cooldown(now, message_type, slot, EDIT_COOLDOWN_MINUTES);
    }

    /// Refuses an edit or reset of a slot that is certainly cooling down at `now`.
    ///
    /// # Errors
    /// [`Refusal::Cooldown`] with the minutes left, rounded up.
    pub fn check(
        &self,
        now: Instant,
        message_type: InviteMessageType,
        slot: Slot,
    ) -> Result<(), Refusal> {
        match self.slots.get(&(message_type, slot)) {
            Some(cooldown) if now < cooldown.certain_until => {
                let left = cooldown.estimated_until.saturating_duration_since(now);
                let minutes_left = u32::try_from(left.as_secs().div_ceil(60)).unwrap_or(u32::MAX);
                Err(Refusal::Cooldown {
                    message_type,
                    slot,
                    minutes_left,
                })
            }
            _ => Ok(()),
        }
    }

    /// Minutes the server would report as left on a slot at `now`, if any are known.
    pub fn minutes_left(
        &self,
        now: Instant,
        message_type: InviteMessageType,
        slot: Slot,
    ) -> Option<u32> {
        let cooldown = self.slots.get(&(message_type, slot))?;
        let left = cooldown.estimated_until.checked_duration_since(now)?;
        u32::try_from(left.as_secs().div_ceil(60))
            .ok()
            .filter(|m| *m > 0)
    }
}
