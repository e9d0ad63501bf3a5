//! The invite message slots: list, read, edit, reset.

use vrchat_invite_core::messages::InviteMessageType;
use vrchat_invite_core::{InviteMessageId, Slot, UserId};

use super::request::{json_object, required_string};
use crate::server::errors;
use crate::server::reply::Reply;
use crate::state::ids::generated;
use crate::state::{SlotRefusal, State};

/// The caller's own messages only; then a known collection.
fn own_collection(caller: &UserId, user: &str, kind: &str) -> Result<InviteMessageType, Reply> {
    if caller.as_str() != user {
        return Err(errors::not_authorized());
    }
    kind.parse().map_err(|_| errors::invalid_message_type())
}

/// A slot from the path; `too_high` is the reply for a number above 11.
fn parse_slot(raw: &str, too_high: fn() -> Reply) -> Result<Slot, Reply> {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(errors::slot_not_a_number());
    }
    if raw.starts_with('-') && digits.bytes().any(|b| b != b'0') {
        return Err(errors::negative_slot());
    }
    match digits.parse::<i64>().ok().map(Slot::try_from) {
        Some(Ok(slot)) => Ok(slot),
        _ => Err(too_high()),
    }
}

fn list_reply(state: &State, user: &UserId, kind: InviteMessageType) -> Result<Reply, Reply> {
    let now = state.clock.now_millis();
    let record = state.user(user).ok_or_else(errors::not_authorized)?;
    Ok(Reply::ok_serialized(&record.messages.list(kind, now)))
}

/// `GET /message/{userId}/{messageType}`
pub(crate) fn list(state: &State, caller: &UserId, user: &str, kind: &str) -> Result<Reply, Reply> {
    let kind = own_collection(caller, user, kind)?;
    list_reply(state, caller, kind)
}

/// `GET /message/{userId}/{messageType}/{slot}`
pub(crate) fn get(
    state: &State,
    caller: &UserId,
    user: &str,
    kind: &str,
    slot: &str,
) -> Result<Reply, Reply> {
    let kind = own_collection(caller, user, kind)?;
    let slot = parse_slot(slot, errors::slot_too_high_on_get)?;
    let now = state.clock.now_millis();
    let record = state.user(caller).ok_or_else(errors::not_authorized)?;
    Ok(Reply::ok_serialized(
        &record.messages.message(kind, slot, now),
    ))
}

fn refusal_reply(refusal: SlotRefusal) -> Reply {
    match refusal {
        SlotRefusal::Cooldown { minutes } => errors::cooldown(minutes),
        SlotRefusal::NoEntry => errors::no_entry_for_slot(),
    }
}

/// `PUT /message/{userId}/{messageType}/{slot}` with `{"message": text}`.
pub(crate) fn update(
    state: &mut State,
    caller: &UserId,
    user: &str,
    kind: &str,
    slot: &str,
    body: &[u8],
) -> Result<Reply, Reply> {
    let kind = own_collection(caller, user, kind)?;
    let slot = parse_slot(slot, errors::slot_too_high)?;
    let body = json_object(body, false)?;
    let text = required_string(&body, "message")?;
    if text.trim().is_empty() {
        return Err(errors::bad_body("message must not be empty"));
    }
    let now = state.clock.now_millis();
    let id = generated(InviteMessageId::new(format!("invm_{}", state.ids.uuid())));
    let record = state.user_mut(caller).ok_or_else(errors::not_authorized)?;
    record
        .messages
        .update(kind, slot, text, id, now)
        .map_err(refusal_reply)?;
    list_reply(state, caller, kind)
}

/// `DELETE /message/{userId}/{messageType}/{slot}`
pub(crate) fn reset(
    state: &mut State,
    caller: &UserId,
    user: &str,
    kind: &str,
    slot: &str,
) -> Result<Reply, Reply> {
    let kind = own_collection(caller, user, kind)?;
    let slot = parse_slot(slot, errors::slot_too_high)?;
    let now = state.clock.now_millis();
    let record = state.user_mut(caller).ok_or_else(errors::not_authorized)?;
    record
        .messages
        .reset(kind, slot, now)
        .map_err(refusal_reply)?;
    list_reply(state, caller, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_numbers() {
        let too_high = errors::slot_too_high;
        assert_eq!(parse_slot("0", too_high).map(Slot::get), Ok(0));
        assert_eq!(parse_slot("11", too_high).map(Slot::get), Ok(11));
        assert_eq!(parse_slot("-0", too_high).map(Slot::get), Ok(0));
        assert_eq!(parse_slot("12", too_high), Err(errors::slot_too_high()));
        assert_eq!(
            parse_slot("99999999999999999999999", too_high),
            Err(errors::slot_too_high())
        );
        assert_eq!(parse_slot("-1", too_high), Err(errors::negative_slot()));
        assert_eq!(
            parse_slot("-99999999999999999999999", too_high),
            Err(errors::negative_slot())
        );
        for bad in ["", "-", "1.5", "x", " 1"] {
            assert_eq!(
                parse_slot(bad, too_high),
                Err(errors::slot_not_a_number()),
                "{bad:?}"
            );
        }
    }
}
