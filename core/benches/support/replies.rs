//! Replies and IDs the core's benches and the peer benchmark both use, so each reads the
//! same bytes (the peer benchmark takes this file by path).

/// A user ID in VRChat's shape.
pub const USER: &str = "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469";
/// A full location (world and instance).
pub const LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce(6f8c2d3e-1b4a-4c5d-9e7f-0a1b2c3d4e5f)";

/// One invite message slot as `getInviteMessage(s)` writes it.
pub fn message(slot: usize, text: &str) -> String {
    let id = if slot % 3 == 0 {
        "default".to_owned()
    } else {
        format!("invm_24a1c14d-5e24-48e5-90e3-c3f7124200{slot:02}")
    };
    format!(
        r#"{{"canBeUpdated":{},"id":"{id}","message":"{text}","messageType":"message","remainingCooldownMinutes":{},"slot":{slot},"updatedAt":"2024-05-06T07:08:09.000Z"}}"#,
        slot % 4 != 1,
        if slot % 4 == 1 { 42 } else { 0 },
    )
}

/// The 12 messages of one collection, as `getInviteMessages` returns them.
pub fn message_list() -> String {
    let texts = [
        "Come hang out with me\u{2024}",
        "Join me in this world\u{01C3}",
        "Let\u{2019}s play together\u{2024}",
        "Party time\u{01C3}",
        "I\u{2019}m streaming‚ come say hi\u{2024}",
        "Quick game?",
        "Movie night\u{2024}",
        "Karaoke\u{01C3}",
        "default message",
        "Need a hand?",
        "Chill and talk\u{2024}",
        "See you there\u{01C3}",
    ];
    let items: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(slot, text)| message(slot, text))
        .collect();
    format!("[{}]", items.join(","))
}
