//! Notifications: created by invites, requests and responses (or added raw by a test), kept
//! in their receiver's inbox with their `seen` and hidden flags.

use std::collections::HashMap;

use serde_json::{Value, json};
use vrchat_invite_core::models::{Notification, NotificationType, Timestamp};
use vrchat_invite_core::{NotificationId, UserId};

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
    /// `created_at` in Unix milliseconds: what lists order and filter by.
    pub(crate) created_millis: i64,
    pub(crate) sender: UserId,
    /// `senderUsername`: the sender's display name when it was sent.
    pub(crate) sender_username: String,
    pub(crate) receiver: UserId,
    pub(crate) message: String,
    /// A JSON object.
    pub(crate) details: Value,
    /// Whether the receiver has responded to it.
    pub(crate) responded: bool,
    /// Whether the receiver marked it seen.
    pub(crate) seen: bool,
    /// Whether the receiver hid it (or cleared the inbox): lists leave it out.
    pub(crate) hidden: bool,
    /// A test's own JSON, served verbatim instead of the fields above.
    pub(crate) raw: Option<Value>,
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
            "senderUsername": self.sender_username,
        })
    }

    /// The Notification shape of the invite replies: `seen`, details in `shape`, and
    /// `receiverUserId` too.
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
            "seen": self.seen,
            "receiverUserId": self.receiver,
            "senderUserId": self.sender,
            "senderUsername": self.sender_username,
        })
    }

    /// The Notification shape of the inbox routes: details as a JSON-encoded string, the
    /// real `seen`, `senderUsername`, no `receiverUserId`. A raw notification is its own
    /// JSON, verbatim.
    pub(crate) fn inbox_json(&self) -> Value {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        json!({
            "id": self.id,
            "type": self.kind.as_str(),
            "created_at": self.created_at,
            "details": self.details.to_string(),
            "message": self.message,
            "seen": self.seen,
            "senderUserId": self.sender,
            "senderUsername": self.sender_username,
        })
    }

    /// The core's typed view; `None` for a raw notification that does not decode.
    pub(crate) fn to_notification(&self) -> Option<Notification> {
        match &self.raw {
            Some(raw) => serde_json::from_value(raw.clone()).ok(),
            None => serde_json::from_value(self.notification_json(DetailsShape::Object)).ok(),
        }
    }
}

/// Every notification, in creation order.
#[derive(Debug, Default)]
pub(crate) struct Notifications {
    all: Vec<StoredNotification>,
    index: HashMap<NotificationId, usize>,
    /// The `created_millis` of the newest notification.
    last_stamp: Option<i64>,
}

impl Notifications {
    /// The creation time of a new notification: `now`, or 1 ms after the previous
    /// notification when that is later, so no two share a timestamp.
    pub(crate) fn next_stamp(&mut self, now: i64) -> i64 {
        let stamp = match self.last_stamp {
            Some(last) if last >= now => last.saturating_add(1),
            _ => now,
        };
        self.last_stamp = Some(stamp);
        stamp
    }

    pub(crate) fn push(&mut self, notification: StoredNotification) -> &StoredNotification {
        let position = self.all.len();
        self.index.insert(notification.id.clone(), position);
        self.all.push(notification);
        &self.all[position]
    }

    pub(crate) fn contains(&self, id: &NotificationId) -> bool {
        self.index.contains_key(id)
    }

    pub(crate) fn get(&self, id: &NotificationId) -> Option<&StoredNotification> {
        self.index.get(id).and_then(|&i| self.all.get(i))
    }

    /// The notification `id` if `user` received it.
    pub(crate) fn received_mut(
        &mut self,
        user: &UserId,
        id: &NotificationId,
    ) -> Option<&mut StoredNotification> {
        self.index
            .get(id)
            .and_then(|&i| self.all.get_mut(i))
            .filter(|n| &n.receiver == user)
    }

    pub(crate) fn mark_responded(&mut self, id: &NotificationId) {
        let found = self.index.get(id).and_then(|&i| self.all.get_mut(i));
        if let Some(notification) = found {
            notification.responded = true;
        }
    }

    /// Notifications received by `user`, oldest first, hidden ones included.
    pub(crate) fn received_by<'a>(
        &'a self,
        user: &'a UserId,
    ) -> impl Iterator<Item = &'a StoredNotification> + 'a {
        self.all.iter().filter(move |n| &n.receiver == user)
    }

    /// What `user`'s inbox lists, newest first: the hidden friend requests when `hidden`,
    /// otherwise every notification not hidden; only those created after `after`.
    pub(crate) fn inbox<'a>(
        &'a self,
        user: &'a UserId,
        hidden: bool,
        after: Option<i64>,
    ) -> impl Iterator<Item = &'a StoredNotification> + 'a {
        self.all
            .iter()
            .rev()
            .filter(move |n| &n.receiver == user && n.hidden == hidden)
            .filter(move |n| !hidden || n.kind == NotificationType::FriendRequest)
            .filter(move |n| after.is_none_or(|after| n.created_millis > after))
    }

    /// Hides every notification `user` received.
    pub(crate) fn hide_all_received(&mut self, user: &UserId) {
        for notification in self.all.iter_mut().filter(|n| &n.receiver == user) {
            notification.hidden = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_767_225_600_000;

    fn user(id: &str) -> UserId {
        UserId::new(id).expect("user id")
    }

    fn stored(
        list: &mut Notifications,
        id: &str,
        receiver: &UserId,
        kind: NotificationType,
    ) -> NotificationId {
        let millis = list.next_stamp(T0);
        let id = NotificationId::new(id).expect("notification id");
        list.push(StoredNotification {
            id: id.clone(),
            kind,
            created_at: Timestamp::from_unix_millis(millis),
            created_millis: millis,
            sender: user("usr_sender"),
            sender_username: "Sender".to_owned(),
            receiver: receiver.clone(),
            message: String::new(),
            details: json!({}),
            responded: false,
            seen: false,
            hidden: false,
            raw: None,
        });
        id
    }

    #[test]
    fn stamps_never_repeat_and_follow_the_clock() {
        let mut list = Notifications::default();
        assert_eq!(list.next_stamp(T0), T0);
        assert_eq!(list.next_stamp(T0), T0 + 1);
        assert_eq!(list.next_stamp(T0), T0 + 2);
        assert_eq!(list.next_stamp(T0 + 1), T0 + 3);
        assert_eq!(list.next_stamp(T0 + 60_000), T0 + 60_000);
        assert_eq!(list.next_stamp(i64::MAX), i64::MAX);
        assert_eq!(list.next_stamp(i64::MAX), i64::MAX);
    }

    #[test]
    fn the_inbox_is_newest_first_and_leaves_out_hidden_and_older() {
        let mut list = Notifications::default();
        let bob = user("usr_bob");
        let carol = user("usr_carol");
        let first = stored(&mut list, "not_1", &bob, NotificationType::Invite);
        let other = stored(&mut list, "not_2", &carol, NotificationType::Invite);
        let second = stored(&mut list, "not_3", &bob, NotificationType::RequestInvite);
        let third = stored(&mut list, "not_4", &bob, NotificationType::FriendRequest);
        fn ids(
            list: &Notifications,
            user: &UserId,
            hidden: bool,
            after: Option<i64>,
        ) -> Vec<NotificationId> {
            list.inbox(user, hidden, after)
                .map(|n| n.id.clone())
                .collect()
        }
        assert_eq!(
            ids(&list, &bob, false, None),
            [third.clone(), second.clone(), first.clone()]
        );
        assert_eq!(
            ids(&list, &bob, false, Some(T0 + 2)),
            std::slice::from_ref(&third)
        );
        assert!(ids(&list, &bob, true, None).is_empty());

        list.received_mut(&bob, &second).expect("bob's").hidden = true;
        assert!(list.received_mut(&bob, &other).is_none());
        assert_eq!(
            ids(&list, &bob, false, None),
            [third.clone(), first.clone()]
        );
        list.hide_all_received(&bob);
        assert!(ids(&list, &bob, false, None).is_empty());
        assert_eq!(
            ids(&list, &bob, true, None),
            [third],
            "only friend requests when hidden"
        );
        assert_eq!(list.inbox(&carol, false, None).count(), 1);
        assert_eq!(list.received_by(&bob).count(), 3);
    }
}
