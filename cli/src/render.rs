//! Readable text for the API's models.

use vrchat_invite_core::{
    InviteMessage, ItemList, ListItem, Notification, NotificationDetails, NotificationId,
    NotificationType, SentNotification,
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
