//! The texts a slot holds until its owner edits it.

use vrchat_invite_core::Slot;
use vrchat_invite_core::messages::InviteMessageType;

const MESSAGE: [&str; 12] = [
    "Come hang out with me!",
    "Join me!",
    "Let's play together!",
    "I'm hosting an event, come along!",
    "Want to explore a world with me?",
    "Party time!",
    "Come say hi!",
    "We need one more player!",
    "Join us for a chill evening.",
    "Let's go on an adventure!",
    "Come check out this world!",
    "Meet me here!",
];

const RESPONSE: [&str; 12] = [
    "Sorry, I can't right now.",
    "Maybe later!",
    "I'm busy, try again later.",
    "On my way!",
    "Give me five minutes.",
    "Not tonight, thanks.",
    "I'll join soon!",
    "Can't join, I'm at an event.",
    "Thanks for the invite!",
    "I'm about to log off.",
    "Let's meet tomorrow.",
    "Ask me again later.",
];

const REQUEST: [&str; 12] = [
    "Can I join you?",
    "Invite me please!",
    "Mind if I come along?",
    "Room for one more?",
    "Can you send me an invite?",
    "I'd love to join!",
    "What are you up to? Can I join?",
    "Let me in!",
    "Saw you online, can I come?",
    "Can I hang out with you?",
    "Invite me when you can.",
    "Is there space for me?",
];

const REQUEST_RESPONSE: [&str; 12] = [
    "Sure, I'll invite you!",
    "Not right now, sorry.",
    "The instance is full.",
    "Give me a minute.",
    "Maybe later!",
    "It's a private event, sorry.",
    "I'm about to leave.",
    "Of course!",
    "Let me ask the others.",
    "Try again later.",
    "I'm moving worlds soon.",
    "Join me in a bit!",
];

/// The default text of a slot, before the server's punctuation rewriting.
pub(crate) fn default_text(kind: InviteMessageType, slot: Slot) -> &'static str {
    let texts = match kind {
        InviteMessageType::Message => &MESSAGE,
        InviteMessageType::Response => &RESPONSE,
        InviteMessageType::Request => &REQUEST,
        InviteMessageType::RequestResponse => &REQUEST_RESPONSE,
        _ => &MESSAGE,
    };
    texts
        .get(usize::from(slot.get()))
        .copied()
        .unwrap_or_default()
}
