//! What the pipeline bench decodes, and the plain-serde baselines it is measured against.

use serde_json::json;

/// A `requestInvite` pushed over the pipeline: content JSON-encoded, details an object.
pub(crate) const NOTIFICATION_FRAME: &str = r#"{"type":"notification","content":"{\"id\":\"not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c\",\"type\":\"requestInvite\",\"senderUserId\":\"usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469\",\"receiverUserId\":\"usr_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"message\":\"\",\"details\":{\"platform\":\"standalonewindows\",\"requestMessage\":\"Can I join you\u2024 please?\"},\"created_at\":\"2024-05-06T07:08:09.123Z\"}"}"#;

/// The user object VRChat puts in `friend-location`: 29 fields.
pub(crate) fn friend_user() -> serde_json::Value {
    json!({
        "ageVerificationStatus": "18+",
        "ageVerified": true,
        "allowAvatarCopying": false,
        "badges": [{
            "assignedAt": "2024-02-10T18:01:22.104Z",
            "badgeDescription": "Supported VRChat by purchasing VRChat+",
            "badgeId": "bdg_754f9935-0f97-49d8-b857-95afb9b673fa",
            "badgeImageUrl": "https://assets.vrchat.com/badges/fa/bdgai_8c9cf371-ffd2-4177-9894-1093e2e34bf7.png",
            "badgeName": "Supporter",
            "hidden": false,
            "showcased": true,
            "updatedAt": "2024-02-10T18:01:22.104Z"
        }],
        "bio": "Hi! I make worlds and go to events\u{2024}\nDMs open \u{2661}\n\u{2022} she/her \u{2022} EU",
        "bioLinks": ["https://twitter.com/someone", "https://someone.carrd.co"],
        "currentAvatarImageUrl": "https://api.vrchat.cloud/api/1/file/file_0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/3/file",
        "currentAvatarTags": ["author_quest_fallback", "content_sex"],
        "currentAvatarThumbnailImageUrl": "https://api.vrchat.cloud/api/1/image/file_0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/3/256",
        "date_joined": "2019-03-02",
        "developerType": "none",
        "displayName": "Some Friend",
        "friendKey": "3f1e2d4c5b6a79888776655443322110",
        "id": "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
        "isFriend": true,
        "last_activity": "2024-05-06T07:08:09.123Z",
        "last_login": "2024-05-06T06:01:44.987Z",
        "last_mobile": null,
        "last_platform": "standalonewindows",
        "platform": "standalonewindows",
        "profilePicOverride": "",
        "profilePicOverrideThumbnail": "",
        "pronouns": "she/her",
        "state": "online",
        "status": "join me",
        "statusDescription": "Exploring\u{2024} come say hi",
        "tags": [
            "language_eng", "language_deu", "system_avatar_access", "system_world_access",
            "system_feedback_access", "system_trust_basic", "system_trust_known",
            "system_trust_trusted", "system_trust_veteran", "system_supporter",
            "system_early_adopter", "show_social_rank"
        ],
        "userIcon": "https://api.vrchat.cloud/api/1/file/file_9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d/1/file"
    })
}

/// A `friend-location` frame as VRChat sends it: content JSON-encoded, the user inside.
pub(crate) fn friend_location_frame() -> String {
    let content = json!({
        "userId": "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
        "location": "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~hidden(usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469)~region(eu)",
        "travelingToLocation": "",
        "worldId": "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd",
        "canRequestInvite": true,
        "platform": "standalonewindows",
        "user": friend_user(),
    });
    json!({"type": "friend-location", "content": content.to_string()}).to_string()
}

/// The outer frame, read by plain serde.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
pub(crate) struct PlainFrame {
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) content: String,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
#[serde(rename_all = "camelCase")]
pub(crate) struct PlainDetails {
    platform: Option<String>,
    request_message: Option<String>,
}

/// A socket notification in plain types.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
#[serde(rename_all = "camelCase")]
pub(crate) struct PlainSocketNotification {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    sender_user_id: String,
    receiver_user_id: Option<String>,
    message: String,
    details: PlainDetails,
    #[serde(rename = "created_at")]
    created_at: String,
}

/// Plain serde of a `notification` frame: the frame, then its content.
pub(crate) fn plain_notification(frame: &str) -> PlainSocketNotification {
    let outer: PlainFrame = serde_json::from_str(frame).expect("frame");
    serde_json::from_str(&outer.content).expect("content")
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
#[serde(rename_all = "camelCase")]
pub(crate) struct PlainBadge {
    assigned_at: Option<String>,
    badge_description: String,
    badge_id: String,
    badge_image_url: String,
    badge_name: String,
    hidden: bool,
    showcased: bool,
    updated_at: Option<String>,
}

/// The user object as a plain struct of its 29 fields (as an SDK's user model has them).
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
#[serde(rename_all = "camelCase")]
pub(crate) struct PlainUser {
    age_verification_status: String,
    age_verified: bool,
    allow_avatar_copying: bool,
    badges: Vec<PlainBadge>,
    bio: String,
    bio_links: Vec<String>,
    current_avatar_image_url: String,
    current_avatar_tags: Vec<String>,
    current_avatar_thumbnail_image_url: String,
    #[serde(rename = "date_joined")]
    date_joined: String,
    developer_type: String,
    display_name: String,
    friend_key: String,
    id: String,
    is_friend: bool,
    #[serde(rename = "last_activity")]
    last_activity: String,
    #[serde(rename = "last_login")]
    last_login: String,
    #[serde(rename = "last_mobile")]
    last_mobile: Option<String>,
    #[serde(rename = "last_platform")]
    last_platform: String,
    platform: String,
    profile_pic_override: String,
    profile_pic_override_thumbnail: String,
    pronouns: String,
    state: String,
    status: String,
    status_description: String,
    tags: Vec<String>,
    user_icon: String,
}

/// A `friend-location` content in plain types; `U` is how the user is kept.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by the parser, then dropped")]
#[serde(rename_all = "camelCase")]
pub(crate) struct PlainFriend<U> {
    user_id: String,
    location: String,
    traveling_to_location: String,
    world_id: String,
    can_request_invite: bool,
    platform: String,
    user: U,
}

/// Plain serde of a `friend-location` frame: the frame, then its content, the user typed.
pub(crate) fn plain_friend(frame: &str) -> PlainFriend<PlainUser> {
    let outer: PlainFrame = serde_json::from_str(frame).expect("frame");
    serde_json::from_str(&outer.content).expect("content")
}

/// The same, the user kept as a `serde_json::Value` tree.
pub(crate) fn plain_friend_value(frame: &str) -> PlainFriend<serde_json::Value> {
    let outer: PlainFrame = serde_json::from_str(frame).expect("frame");
    serde_json::from_str(&outer.content).expect("content")
}

/// A full inbox page of 100 as a catch-up reads it: newest first, `details` JSON-encoded.
pub(crate) fn catch_up_page() -> Vec<u8> {
    let items: Vec<serde_json::Value> = (0..100)
        .rev()
        .map(|n: u32| {
            let (kind, details) = match n % 3 {
                0 => (
                    "invite",
                    json!({"worldId": "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)",
                        "worldName": "The Lake", "inviteMessage": "Come hang out\u{2024}"}),
                ),
                1 => (
                    "requestInvite",
                    json!({"platform": "standalonewindows", "requestMessage": "Can I join?"}),
                ),
                _ => (
                    "inviteResponse",
                    json!({"inResponseTo": "not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c",
                        "responseMessage": "On my way\u{01C3}"}),
                ),
            };
            json!({
                "id": format!("not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a{n:04}"),
                "type": kind,
                "created_at": format!("2026-05-06T07:{:02}:{:02}.123Z", n / 60, n % 60),
                "details": details.to_string(),
                "message": "",
                "seen": false,
                "senderUserId": "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
            })
        })
        .collect();
    serde_json::to_vec(&items).expect("page")
}
