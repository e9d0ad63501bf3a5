//! What the Invite API returns: [`Notification`]s with typed [`NotificationDetails`],
//! [`InviteMessage`]s, the [`SentNotification`] an invite leaves, and the [`ItemList`] every
//! list comes in, which keeps each good item when another one does not decode.
//!
//! ```
//! use vrchat_invite_core::Endpoint;
//! use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
//!
//! let list = GetInviteMessages::mine(InviteMessageType::Message);
//! let reply = http::Response::builder().status(200).body(br#"[
//!     {"canBeUpdated":true,"id":"default","message":"Hi","messageType":"message",
//!      "remainingCooldownMinutes":0,"slot":0,"updatedAt":"2021-01-01T00:00:00Z"},
//!     {"slot":"not a number"}]"#.to_vec())?;
//! let messages = list.parse(&reply)?;
//! assert_eq!(messages.decoded().count(), 1);
//! assert_eq!(messages.undecodable().count(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
mod details;
mod invite_message;
mod item_list;
mod notification;
mod notification_type;
mod sent_notification;
mod timestamp;
mod wire;

pub use crate::decode::FromBody;
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
