//! The 4 × 12 invite message slots of one user, with their cooldowns.

use vrchat_invite_core::messages::InviteMessageType;
use vrchat_invite_core::models::{InviteMessage, Timestamp};
use vrchat_invite_core::{InviteMessageId, Slot};

use super::default_messages::default_text;
use crate::server::punctuation::rewrite_punctuation;
use crate::state::clock::{MINUTE_MILLIS, minutes_left};
use crate::state::ids::generated;

/// How long an edit locks its slot.
pub(crate) const COOLDOWN_MILLIS: i64 = 60 * MINUTE_MILLIS;

/// Why a slot refused a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlotRefusal {
    /// The slot was edited less than an hour ago.
    Cooldown {
        /// Minutes left as VRChat reports them (rounded down, 59 right after an edit).
        minutes: u32,
    },
    /// Reset of a slot that holds no edited text.
    NoEntry,
}

/// Text written by the owner.
#[derive(Debug, Clone)]
struct EditedText {
    id: InviteMessageId,
    text: String,
}

#[derive(Debug, Clone)]
struct SlotState {
    edited: Option<EditedText>,
    updated_at_millis: i64,
    cooldown_until_millis: i64,
}

/// All slots of one user.
#[derive(Debug, Clone)]
pub(crate) struct MessageSlots {
    collections: [[SlotState; Slot::COUNT]; 4],
}

fn collection_index(kind: InviteMessageType) -> usize {
    InviteMessageType::ALL
        .iter()
        .position(|known| *known == kind)
        .unwrap_or(0)
}

impl MessageSlots {
    /// Every slot at its default, dated `created_at_millis`.
    pub(crate) fn new(created_at_millis: i64) -> Self {
        let slot = SlotState {
            edited: None,
            updated_at_millis: created_at_millis,
            cooldown_until_millis: created_at_millis,
        };
        Self {
            collections: std::array::from_fn(|_| std::array::from_fn(|_| slot.clone())),
        }
    }

    fn slot(&self, kind: InviteMessageType, slot: Slot) -> &SlotState {
        &self.collections[collection_index(kind)][usize::from(slot.get())]
    }

    fn slot_mut(&mut self, kind: InviteMessageType, slot: Slot) -> &mut SlotState {
        &mut self.collections[collection_index(kind)][usize::from(slot.get())]
    }

    /// The slot's text as the server returns it (punctuation rewritten).
    pub(crate) fn text(&self, kind: InviteMessageType, slot: Slot) -> String {
        match &self.slot(kind, slot).edited {
            Some(edited) => edited.text.clone(),
            None => rewrite_punctuation(default_text(kind, slot)),
        }
    }

    /// One slot as the API returns it.
    pub(crate) fn message(&self, kind: InviteMessageType, slot: Slot, now: i64) -> InviteMessage {
        let state = self.slot(kind, slot);
        let remaining = minutes_left(now, state.cooldown_until_millis);
        let id = match &state.edited {
            Some(edited) => edited.id.clone(),
            None => generated(InviteMessageId::new("default")),
        };
        let mut message = InviteMessage::new(id, kind, slot, self.text(kind, slot))
            .with_cooldown(remaining)
            .with_updated_at(Timestamp::from_unix_millis(state.updated_at_millis));
        // In the cooldown's last minute 0 minutes are reported, yet the slot stays locked.
        message.can_be_updated = now >= state.cooldown_until_millis;
        message
    }

    /// The whole collection, slot 0 first.
    pub(crate) fn list(&self, kind: InviteMessageType, now: i64) -> Vec<InviteMessage> {
        Slot::all()
            .map(|slot| self.message(kind, slot, now))
            .collect()
    }

    fn check_cooldown(
        &self,
        kind: InviteMessageType,
        slot: Slot,
        now: i64,
    ) -> Result<(), SlotRefusal> {
        let until = self.slot(kind, slot).cooldown_until_millis;
        if now >= until {
            return Ok(());
        }
        Err(SlotRefusal::Cooldown {
            minutes: minutes_left(now, until),
        })
    }

    /// Sets the text (rewritten), gives it `id`, and starts the cooldown.
    pub(crate) fn update(
        &mut self,
        kind: InviteMessageType,
        slot: Slot,
        text: &str,
        id: InviteMessageId,
        now: i64,
    ) -> Result<(), SlotRefusal> {
        self.check_cooldown(kind, slot, now)?;
        let state = self.slot_mut(kind, slot);
        state.edited = Some(EditedText {
            id,
            text: rewrite_punctuation(text),
        });
        state.updated_at_millis = now;
        state.cooldown_until_millis = now + COOLDOWN_MILLIS;
        Ok(())
    }

    /// Back to the default text; refused during the cooldown, which it does not restart.
    pub(crate) fn reset(
        &mut self,
        kind: InviteMessageType,
        slot: Slot,
        now: i64,
    ) -> Result<(), SlotRefusal> {
        self.check_cooldown(kind, slot, now)?;
        let state = self.slot_mut(kind, slot);
        if state.edited.take().is_none() {
            return Err(SlotRefusal::NoEntry);
        }
        state.updated_at_millis = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_767_225_600_000;

    fn slot(n: u8) -> Slot {
        Slot::new(n).expect("valid slot")
    }

    fn id(text: &str) -> InviteMessageId {
        InviteMessageId::new(text).expect("valid id")
    }

    #[test]
    fn defaults_are_rewritten_and_editable() {
        let slots = MessageSlots::new(T0);
        let list = slots.list(InviteMessageType::Message, T0);
        assert_eq!(list.len(), 12);
        let first = &list[0];
        assert_eq!(first.id.as_str(), "default");
        assert_eq!(first.message, "Come hang out with me\u{01C3}");
        assert!(first.can_be_updated);
        assert_eq!(first.remaining_cooldown_minutes, 0);
    }

    #[test]
    fn edit_starts_cooldown_and_reset_keeps_it() {
        let mut slots = MessageSlots::new(T0);
        let kind = InviteMessageType::Request;
        slots
            .update(kind, slot(2), "Hi.", id("invm_1"), T0)
            .expect("first edit");
        assert_eq!(slots.text(kind, slot(2)), "Hi\u{2024}");
        assert_eq!(
            slots.update(kind, slot(2), "At once", id("invm_2"), T0),
            Err(SlotRefusal::Cooldown { minutes: 59 })
        );
        let later = T0 + 30 * MINUTE_MILLIS + 1;
        assert_eq!(
            slots.update(kind, slot(2), "Again", id("invm_2"), later),
            Err(SlotRefusal::Cooldown { minutes: 29 })
        );
        assert_eq!(
            slots.reset(kind, slot(2), later),
            Err(SlotRefusal::Cooldown { minutes: 29 })
        );
        let last_minute = T0 + COOLDOWN_MILLIS - 1;
        assert_eq!(
            slots.reset(kind, slot(2), last_minute),
            Err(SlotRefusal::Cooldown { minutes: 0 })
        );
        let locked = slots.message(kind, slot(2), last_minute);
        assert_eq!(locked.remaining_cooldown_minutes, 0);
        assert!(!locked.can_be_updated, "locked to its last millisecond");
        let after = T0 + COOLDOWN_MILLIS;
        slots
            .reset(kind, slot(2), after)
            .expect("reset after cooldown");
        assert_eq!(slots.message(kind, slot(2), after).id.as_str(), "default");
        assert_eq!(slots.reset(kind, slot(2), after), Err(SlotRefusal::NoEntry));
        slots
            .update(kind, slot(2), "Now", id("invm_3"), after)
            .expect("edit right after reset");
    }
}
