//! The replies both clients read in the peer benchmark, byte for byte the same for each.

#[path = "../../core/benches/support/replies.rs"]
mod replies;

pub use replies::{LOCATION, USER, message, message_list};

/// The User-Agent both clients send.
pub const USER_AGENT: &str = "BenchBot/1.0 bench@example.com";

/// An `invite` notification as the REST inbox writes it: `details` JSON-encoded.
pub const INVITE_NOTIFICATION: &str = r#"{"id":"not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c","type":"invite","created_at":"2024-05-06T07:08:09.123Z","details":"{\"worldId\":\"wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)\",\"worldName\":\"The Lake\",\"inviteMessage\":\"Come hang out\u2024\"}","message":"This is a generated invite to The Lake","seen":false,"senderUserId":"usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469"}"#;

/// What `inviteUser` answers: the notification it sent, `details` an object.
pub const SENT_NOTIFICATION: &str = r#"{"created_at":"2024-05-06T07:08:09.123Z","details":{"worldId":"wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)","worldName":"The Lake","inviteMessage":"Come hang out\u2024"},"id":"not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c","message":"This is a generated invite to The Lake","receiverUserId":"usr_00000000-0000-0000-0000-000000000000","senderUserId":"usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469","type":"invite"}"#;

/// The 429 an edit gets during the slot's cooldown, as VRChat writes it.
pub const COOLDOWN: &str = "{\"error\":{\"message\":\"Please wait 42 more minutes until you try again\u{2024}\",\"status_code\":429}}";
