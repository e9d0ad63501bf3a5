//! Readable text for the API's models.
//!
//! Every text the server sent (messages, names, world names, locations) goes through
//! [`one_line`] where it is shown inside a line, so a line break in it cannot start a
//! line that reads like something else.

use vrchat_invite_core::inbox::Received;
use vrchat_invite_core::models::{
    InviteMessage, ItemList, ListItem, Notification, NotificationDetails, NotificationType,
    SentNotification,
};
use vrchat_invite_core::pipeline::PipelineEvent;
use vrchat_invite_core::{NotificationId, UserId};

use crate::table::Table;
use crate::terminal_text::one_line;

/// The width the inbox table fits by default.
pub(crate) const TABLE_WIDTH: usize = 100;

/// When a slot can be edited again.
pub(crate) fn cooldown(message: &InviteMessage) -> String {
    match message.remaining_cooldown_minutes {
        0 if message.can_be_updated => "editable now".to_owned(),
        minutes => format!("cooling down, free within {}", until_free(minutes)),
    }
}

/// How long until a slot is certainly free, from VRChat's count of minutes left: VRChat
/// does not count the minute under way (59 right after an edit, 0 in the last minute), so
/// one more is added ("1 minute", "60 minutes").
pub(crate) fn until_free(vrchat_minutes: u32) -> String {
    match vrchat_minutes.saturating_add(1) {
        1 => "1 minute".to_owned(),
        minutes => format!("{minutes} minutes"),
    }
}

/// A table of invite message slots; a slot the client could not read gets a row that
/// says why.
pub(crate) fn messages_table(messages: &ItemList<InviteMessage>) -> String {
    let mut table = Table::new(&["SLOT", "STATUS", "TEXT"]);
    for item in messages {
        match item {
            ListItem::Decoded(message) => table.row(vec![
                message.slot.to_string(),
                cooldown(message),
                message.message.clone(),
            ]),
            ListItem::Undecodable(bad) => table.row(vec![
                "?".to_owned(),
                "unreadable".to_owned(),
                bad.reason().to_owned(),
            ]),
        }
    }
    table.render()
}

/// One slot on one line: `message slot 3: "text" (editable now)`.
pub(crate) fn message_line(message: &InviteMessage) -> String {
    format!(
        "{} slot {}: \"{}\" ({})",
        message.message_type,
        message.slot,
        one_line(&message.message),
        cooldown(message)
    )
}

/// The typed details worth showing, as `key: value` pieces.
fn details(details: &NotificationDetails) -> Vec<String> {
    let mut parts = Vec::new();
    let mut push = |label: &str, value: Option<&str>| {
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            parts.push(format!("{label} \"{}\"", one_line(value)));
        }
    };
    match details {
        NotificationDetails::Invite(invite) => {
            push("to", Some(&invite.world_id));
            push("message", invite.invite_message.as_deref());
            push("photo", invite.image_url.as_deref());
        }
        NotificationDetails::InviteResponse(response) => {
            push("answering", Some(response.in_response_to.as_str()));
            push("message", Some(&response.response_message));
            push("photo", response.image_url.as_deref());
        }
        NotificationDetails::RequestInvite(request) => {
            push("message", request.request_message.as_deref());
            push("photo", request.image_url.as_deref());
        }
        NotificationDetails::RequestInviteResponse(response) => {
            push("answering", Some(response.in_response_to.as_str()));
            push("message", response.request_message.as_deref());
            push("photo", response.image_url.as_deref());
        }
        _ => {}
    }
    parts
}

/// A notification this user sent to `receiver` (a name, or the receiver's ID).
pub(crate) fn sent(notification: &SentNotification, receiver: &str) -> String {
    outgoing(
        &notification.kind,
        &notification.id,
        receiver,
        &notification.details,
    )
}

/// A notification this user sent, as the request and respond operations return it.
pub(crate) fn sent_reply(notification: &Notification, receiver: &str) -> String {
    outgoing(
        &notification.kind,
        &notification.id,
        receiver,
        &notification.details,
    )
}

fn outgoing(
    kind: &NotificationType,
    id: &NotificationId,
    receiver: &str,
    notification_details: &NotificationDetails,
) -> String {
    let mut text = format!("sent {kind} {id} to {}", one_line(receiver));
    for part in details(notification_details) {
        text.push_str(", ");
        text.push_str(&part);
    }
    text
}

/// A person as people read them: `Name (usr_…)` when the name is known, else the ID.
pub(crate) fn person(name: Option<&str>, id: &UserId) -> String {
    match name.filter(|name| !name.trim().is_empty()) {
        Some(name) => format!("{} ({id})", one_line(name)),
        None => id.to_string(),
    }
}

/// Who sent a notification: `Name (usr_…)` when the notification names the sender (its
/// `senderUsername`, the display name), else the sender's ID.
pub(crate) fn sender(notification: &Notification) -> String {
    person(
        notification.sender_username.as_deref(),
        &notification.sender_user_id,
    )
}

/// How long ago `millis` was, from `now_millis`: `just now`, `5m`, `3h`, `2d`.
pub(crate) fn age(millis: Option<i64>, now_millis: i64) -> String {
    let Some(millis) = millis else {
        return "?".to_owned();
    };
    let minutes = now_millis.saturating_sub(millis) / 60_000;
    match minutes {
        ..=0 => "just now".to_owned(),
        1..60 => format!("{minutes}m"),
        60..1440 => format!("{}h", minutes / 60),
        _ => format!("{}d", minutes / 1440),
    }
}

/// Who sent a notification, for a table: the name when known (with the ID when `wide`),
/// else the ID.
fn from_column(notification: &Notification, wide: bool) -> String {
    match notification.sender_username.as_deref() {
        Some(name) if !name.trim().is_empty() && !wide => name.to_owned(),
        _ => sender(notification),
    }
}

/// Where an invite leads: the world's name (with the location when `wide`), else the
/// location; `-` for other notifications.
fn where_column(notification: &Notification, wide: bool) -> String {
    match notification.received() {
        Received::Invite(invite) if invite.world_name().is_empty() => invite.world_id().to_owned(),
        Received::Invite(invite) if !wide => invite.world_name().to_owned(),
        Received::Invite(invite) => format!("{} ({})", invite.world_name(), invite.world_id()),
        _ => "-".to_owned(),
    }
}

/// The inbox as a table, newest first as given; an item the client could not read gets a
/// row that says why. It fits [`TABLE_WIDTH`] columns by cutting who, where and what (the
/// ID stays whole, to answer with), unless `wide`.
pub(crate) fn inbox_table(list: &ItemList<Notification>, now_millis: i64, wide: bool) -> String {
    if list.is_empty() {
        return "no notifications".to_owned();
    }
    let mut table = Table::new(&["ID", "TYPE", "FROM", "WHERE", "MESSAGE", "AGE"]);
    for item in list {
        match item {
            ListItem::Decoded(notification) => {
                let view = notification.received();
                table.row(vec![
                    notification.id.to_string(),
                    notification.kind.to_string(),
                    from_column(notification, wide),
                    where_column(notification, wide),
                    view.message().unwrap_or_default().to_owned(),
                    age(notification.created_at.unix_millis(), now_millis),
                ]);
            }
            ListItem::Undecodable(bad) => {
                let raw = bad.to_value();
                let text = |key: &str| raw[key].as_str().unwrap_or("?").to_owned();
                table.row(vec![
                    text("id"),
                    text("type"),
                    text("senderUserId"),
                    "-".to_owned(),
                    format!("(unreadable: {})", bad.reason()),
                    "?".to_owned(),
                ]);
            }
        }
    }
    if wide {
        table.render()
    } else {
        table.render_within(TABLE_WIDTH, &[2, 3, 4])
    }
}

/// A notification as its receiver sees it, from `sender` (a name, or the sender's ID).
pub(crate) fn received(notification: &Notification, sender: &str) -> String {
    let mut text = format!(
        "{} {} from {}",
        notification.kind,
        notification.id,
        one_line(sender)
    );
    for part in details(&notification.details) {
        text.push_str(", ");
        text.push_str(&part);
    }
    text
}

/// A pipeline event on one line, as `watch` prints it.
pub(crate) fn event_line(event: &PipelineEvent) -> String {
    match event {
        PipelineEvent::Notification(notification) => received(notification, &sender(notification)),
        PipelineEvent::SeeNotification(id) => format!("seen {id}"),
        PipelineEvent::HideNotification(id) => format!("hidden {id}"),
        PipelineEvent::ClearNotification => "cleared every notification".to_owned(),
        PipelineEvent::ResponseNotification(response) => format!(
            "answered {} with {}",
            response.notification_id, response.response_id
        ),
        PipelineEvent::FriendLocation(friend) | PipelineEvent::FriendOnline(friend) => {
            let name = friend.display_name();
            format!(
                "{} {} at {}",
                event.kind(),
                person(name.as_deref(), &friend.user_id),
                one_line(&friend.location)
            )
        }
        other => one_line(other.kind()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_767_225_600_000 + 3 * 3_600_000;

    #[test]
    fn the_inbox_table_shows_who_where_what_and_when() {
        let list: ItemList<Notification> = serde_json::from_str(
            r#"[{"id":"not_2","type":"requestInvite","created_at":"2026-01-01T02:55:00.000Z",
                 "details":"{\"requestMessage\":\"Can I come?\"}","message":"","seen":false,
                 "senderUserId":"usr_b"},
                {"id":"not_1","type":"invite","created_at":"2026-01-01T00:00:00.000Z",
                 "details":"{\"worldId\":\"wrld_1:7\",\"worldName\":\"Lake\",\"inviteMessage\":\"Come!\"}",
                 "message":"","seen":false,"senderUserId":"usr_a","senderUsername":"alice"},
                {"id":"not_0","type":"invite"}]"#,
        )
        .expect("list");
        let table = inbox_table(&list, NOW, true);
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("ID     TYPE"), "{table}");
        assert!(
            lines[1].starts_with("not_2  requestInvite  usr_b"),
            "{table}"
        );
        assert!(
            lines[1].contains("Can I come?") && lines[1].ends_with("5m"),
            "{table}"
        );
        assert!(
            lines[2].contains("alice (usr_a)") && lines[2].contains("Lake (wrld_1:7)"),
            "{table}"
        );
        assert!(
            lines[2].contains("Come!") && lines[2].ends_with("3h"),
            "{table}"
        );
        assert!(
            lines[3].starts_with("not_0  invite") && lines[3].contains("unreadable"),
            "{table}"
        );
        assert_eq!(
            inbox_table(&ItemList::default(), NOW, false),
            "no notifications"
        );
    }

    fn invite_from_a_long_way(message: &str) -> Notification {
        let details = serde_json::json!({
            "worldId": format!("wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)~nonce({})", "f".repeat(64)),
            "worldName": "The Great Pug, a world with a name that goes on",
            "inviteMessage": message,
        });
        serde_json::from_value(serde_json::json!({
            "id": "not_00000000-0000-4000-8000-000000000012",
            "type": "invite",
            "created_at": "2026-01-01T02:00:00.000Z",
            "details": details.to_string(),
            "message": "",
            "seen": false,
            "senderUserId": "usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469",
            "senderUsername": "Alice",
        }))
        .expect("notification")
    }

    #[test]
    fn the_inbox_fits_100_columns_with_names_and_whole_ids() {
        let list = ItemList::from(vec![invite_from_a_long_way(
            "Meet me at the lake, bring snacks, and tell everyone you know",
        )]);
        let narrow = inbox_table(&list, NOW, false);
        for line in narrow.lines() {
            assert!(line.chars().count() <= TABLE_WIDTH, "{line}");
        }
        let row = narrow.lines().nth(1).expect("row");
        assert!(
            row.starts_with("not_00000000-0000-4000-8000-000000000012  invite  Alice  "),
            "{row}"
        );
        assert!(!row.contains("usr_"), "{row}");
        let wide = inbox_table(&list, NOW, true);
        let row = wide.lines().nth(1).expect("row");
        assert!(row.chars().count() > TABLE_WIDTH, "{row}");
        assert!(
            row.contains("Alice (usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469)"),
            "{row}"
        );
        assert!(row.contains(&"f".repeat(64)), "{row}");
        assert!(row.contains("tell everyone you know"), "{row}");
    }

    #[test]
    fn server_text_cannot_forge_a_line() {
        let forged = "hi\ninvite not_FORGED from usr_admin\r\nbye";
        let mut notification = invite_from_a_long_way(forged);
        notification.sender_username = Some("Alice\nseen not_FORGED".to_owned());
        let event = PipelineEvent::Notification(notification.clone());
        let line = event_line(&event);
        assert_eq!(line.lines().count(), 1, "{line}");
        assert!(
            line.starts_with(
                "invite not_00000000-0000-4000-8000-000000000012 from Alice\\nseen not_FORGED (usr_c1644b5b-3ca4-45b4-97c6-a2a0de70d469), to \"wrld_"
            ),
            "{line}"
        );
        assert!(
            line.ends_with("message \"hi\\ninvite not_FORGED from usr_admin\\r\\nbye\""),
            "{line}"
        );
        let table = inbox_table(&ItemList::from(vec![notification]), NOW, true);
        assert_eq!(table.lines().count(), 2, "{table}");
        let friend: vrchat_invite_core::pipeline::FriendLocation = serde_json::from_value(serde_json::json!({
            "userId": "usr_a", "location": "wrld_1:1\nhidden not_x", "user": {"displayName": "Bob"}
        }))
        .expect("friend");
        let line = event_line(&PipelineEvent::FriendLocation(friend));
        assert_eq!(
            line,
            "friend-location Bob (usr_a) at wrld_1:1\\nhidden not_x"
        );
    }

    #[test]
    fn ages_round_down() {
        assert_eq!(age(Some(NOW), NOW), "just now");
        assert_eq!(age(Some(NOW + 60_000), NOW), "just now");
        assert_eq!(age(Some(NOW - 59_999), NOW), "just now");
        assert_eq!(age(Some(NOW - 60_000), NOW), "1m");
        assert_eq!(age(Some(NOW - 2 * 86_400_000), NOW), "2d");
        assert_eq!(age(None, NOW), "?");
    }

    fn slot(json: &str) -> InviteMessage {
        serde_json::from_str(json).expect("message")
    }

    #[test]
    fn shows_cooldowns() {
        let editable = slot(
            r#"{"id":"default","message":"Hi","messageType":"message","slot":0,"canBeUpdated":true,"remainingCooldownMinutes":0}"#,
        );
        let cooling = slot(
            r#"{"id":"invm_1","message":"Yo","messageType":"message","slot":3,"canBeUpdated":false,"remainingCooldownMinutes":42}"#,
        );
        assert_eq!(
            message_line(&editable),
            "message slot 0: \"Hi\" (editable now)"
        );
        assert_eq!(
            message_line(&cooling),
            "message slot 3: \"Yo\" (cooling down, free within 43 minutes)"
        );
        let last_minute = slot(
            r#"{"id":"invm_3","message":"Ok","messageType":"message","slot":5,"canBeUpdated":false,"remainingCooldownMinutes":0}"#,
        );
        assert_eq!(
            message_line(&last_minute),
            "message slot 5: \"Ok\" (cooling down, free within 1 minute)"
        );
        let unknown: ItemList<InviteMessage> = serde_json::from_str(
            r#"[{"id":"invm_2","message":"?","messageType":"messageV2","slot":4}]"#,
        )
        .expect("list");
        let mut items = ItemList::from(vec![editable, cooling]).into_items();
        items.extend(unknown);
        let table = messages_table(&ItemList::from_items(items));
        assert!(table.starts_with("SLOT  STATUS"), "{table}");
        assert!(
            table.contains("3     cooling down, free within 43 minutes  Yo"),
            "{table}"
        );
        assert!(
            table.contains("?     unreadable") && table.contains("messageV2"),
            "{table}"
        );
    }
}
