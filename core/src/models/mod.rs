//! What the Invite API returns.

mod build;
mod details;
mod invite_message;
mod item_list;
mod notification;
mod notification_type;
mod sent_notification;
mod timestamp;
mod wire;

pub use details::{
    InviteDetails, InviteResponseDetails, NotificationDetails, RequestInviteDetails,
    RequestInviteResponseDetails,
};
pub use invite_message::InviteMessage;
pub use item_list::{ItemList, ListItem, UndecodableItem};
pub(crate) use item_list::{decode_list, decode_list_via};
pub use notification::Notification;
pub use notification_type::NotificationType;
pub use sent_notification::SentNotification;
pub use timestamp::Timestamp;
pub(crate) use wire::{NotificationWire, decode_notification};
