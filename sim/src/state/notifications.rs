//! Notifications created by invites, requests and responses.

use std::collections::HashMap;

use serde_json::{Value, json};
use vrchat_invite_core::{Notification, NotificationId, NotificationType, Timestamp, UserId};

/// How `details` is written in a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DetailsShape {
    /// A JSON object, as in SentNotification replies.
    Object,
    /// A JSON-encoded string, as most REST replies write it.
    String,
}

/// One notification as the simulator keeps it.
#[derive(Debug, Clone)]
pub(crate) struct StoredNotification {
    pub(crate) id: NotificationId,
    pub(crate) kind: NotificationType,
    pub(crate) created_at: Timestamp,
    pub(crate) sender: UserId,
    pub(crate) receiver: UserId,
    pub(crate) message: String,
    /// A JSON object.
    pub(crate) details: Value,
    /// Whether the receiver has responded to it.
    pub(crate) responded: bool,
}

impl StoredNotification {
    /// The SentNotification shape: names the receiver, details as an object.
    pub(crate) fn sent_json(&self) -> Value {
        json!({
            "id": self.id,
            "type": self.kind.as_str(),
            "created_at": self.created_at,
            "details": self.details,
            "message": self.message,
            "receiverUserId": self.receiver,
            "senderUserId": self.sender,
        })
    }

    /// The Notification shape: `seen`, details in `shape`, and `receiverUserId` too.
    pub(crate) fn notification_json(&self, shape: DetailsShape) -> Value {
        let details = match shape {
            DetailsShape::Object => self.details.clone(),
            DetailsShape::String => Value::String(self.details.to_string()),
        };
        json!({
            "id": self.id,
            "type": self.kind.as_str(),
            "created_at": self.created_at,
            "details": details,
            "message": self.message,
            "seen": false,
            "receiverUserId": self.receiver,
            "senderUserId": self.sender,
        })
    }

    /// The core's typed view.
    pub(crate) fn to_notification(&self) -> Option<Notification> {
        serde_json::from_value(self.notification_json(DetailsShape::Object)).ok()
    }
}

/// Every notification, in creation order.
#[derive(Debug, Default)]
pub(crate) struct Notifications {
    all: Vec<StoredNotification>,
    index: HashMap<NotificationId, usize>,
}

impl Notifications {
    pub(crate) fn push(&mut self, notification: StoredNotification) -> &StoredNotification {
        let position = self.all.len();
        self.index.insert(notification.id.clone(), position);
        self.all.push(notification);
        &self.all[position]
    }

    pub(crate) fn get(&self, id: &NotificationId) -> Option<&StoredNotification> {
        self.index.get(id).and_then(|&i| self.all.get(i))
    }

    pub(crate) fn mark_responded(&mut self, id: &NotificationId) {
        let found = self.index.get(id).and_then(|&i| self.all.get_mut(i));
        if let Some(notification) = found {
            notification.responded = true;
        }
    }

    /// Notifications received by `user`, oldest first.
    pub(crate) fn received_by<'a>(
        &'a self,
        user: &'a UserId,
    ) -> impl Iterator<Item = &'a StoredNotification> + 'a {
        self.all.iter().filter(move |n| &n.receiver == user)
    }
}
