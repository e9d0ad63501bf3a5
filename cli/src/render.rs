//! Readable text for the API's models.

use vrchat_invite_core::{
    InviteMessage, ItemList, ListItem, Notification, NotificationDetails, NotificationId,
    NotificationType, Received, SentNotification,
};

use crate::table::Table;

/// When a slot can be edited again.
pub(crate) fn cooldown(message: &InviteMessage) -> String {
    match message.remaining_cooldown_minutes {
        0 if message.can_be_updated => "editable now".to_owned(),
        0 => "not editable".to_owned(),
        1 => "cooling down, 1 minute left".to_owned(),
        minutes => format!("cooling down, {minutes} minutes left"),
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
        message.message,
        cooldown(message)
    )
}

/// The typed details worth showing, as `key: value` pieces.
fn details(details: &NotificationDetails) -> Vec<String> {
    let mut parts = Vec::new();
    let mut push = |label: &str, value: Option<&str>| {
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            parts.push(format!("{label} \"{value}\""));
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
    let mut text = format!("sent {kind} {id} to {receiver}");
    for part in details(notification_details) {
        text.push_str(", ");
        text.push_str(&part);
    }
    text
}

/// Who sent a notification: the name the server gave, or the sender's ID.
pub(crate) fn sender(notification: &Notification) -> &str {
    notification
        .sender_username
        .as_deref()
        .unwrap_or(notification.sender_user_id.as_str())
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

/// Who sent a notification, for a table: `name (usr_…)` when the name is known.
fn from_column(notification: &Notification) -> String {
    match &notification.sender_username {
        Some(name) => format!("{name} ({})", notification.sender_user_id),
        None => notification.sender_user_id.to_string(),
    }
}

/// Where an invite leads (world name and location), or `-`.
fn where_column(notification: &Notification) -> String {
    match notification.received() {
        Received::Invite(invite) if invite.world_name().is_empty() => invite.world_id().to_owned(),
        Received::Invite(invite) => format!("{} ({})", invite.world_name(), invite.world_id()),
        _ => "-".to_owned(),
    }
}

/// The inbox as a table, newest first as given; an item the client could not read gets a
/// row that says why.
pub(crate) fn inbox_table(list: &ItemList<Notification>, now_millis: i64) -> String {
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
                    from_column(notification),
                    where_column(notification),
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
    table.render()
}

/// A notification as its receiver sees it, from `sender` (a name, or the sender's ID).
pub(crate) fn received(notification: &Notification, sender: &str) -> String {
    let mut text = format!("{} {} from {sender}", notification.kind, notification.id);
    for part in details(&notification.details) {
        text.push_str(", ");
        text.push_str(&part);
    }
    text
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
        let table = inbox_table(&list, NOW);
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
        assert_eq!(inbox_table(&ItemList::default(), NOW), "no notifications");
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
            "message slot 3: \"Yo\" (cooling down, 42 minutes left)"
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
            table.contains("3     cooling down, 42 minutes left  Yo"),
            "{table}"
        );
        assert!(
            table.contains("?     unreadable") && table.contains("messageV2"),
            "{table}"
        );
    }
}
