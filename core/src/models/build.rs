//! Constructors for the models, so code outside this crate (test fixtures, test doubles)
//! can build values of these `#[non_exhaustive]` types: required fields as arguments,
//! the rest through `with_…` setters.

use crate::auth::CurrentUser;
use crate::ids::{InviteMessageId, NotificationId, UserId};
use crate::messages::InviteMessageType;
use crate::models::{
    InviteDetails, InviteMessage, InviteResponseDetails, Notification, NotificationDetails,
    NotificationType, RequestInviteDetails, RequestInviteResponseDetails, SentNotification,
    Timestamp,
};
use crate::slot::Slot;

impl InviteMessage {
    /// A slot's message that can be edited now (no cooldown), with no `updated_at`.
    ///
    /// ```
    /// use vrchat_invite_core::{InviteMessageId, Slot};
    /// use vrchat_invite_core::messages::InviteMessageType;
    /// use vrchat_invite_core::models::InviteMessage;
    /// let message = InviteMessage::new(
    ///     InviteMessageId::new("default")?,
    ///     InviteMessageType::Message,
    ///     Slot::new(2)?,
    ///     "See you there",
    /// )
    /// .with_cooldown(45);
    /// assert!(!message.can_be_updated);
    /// assert_eq!(message.remaining_cooldown_minutes, 45);
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    pub fn new(
        id: InviteMessageId,
        message_type: InviteMessageType,
        slot: Slot,
        message: impl Into<String>,
    ) -> Self {
        Self {
            can_be_updated: true,
            id,
            message: message.into(),
            message_type,
            remaining_cooldown_minutes: 0,
            slot,
            updated_at: Timestamp::default(),
        }
    }

    /// In its cooldown for `minutes` more minutes (0: editable).
    #[must_use]
    pub fn with_cooldown(mut self, minutes: u32) -> Self {
        self.remaining_cooldown_minutes = minutes;
        self.can_be_updated = minutes == 0;
        self
    }

    /// When the text last changed.
    #[must_use]
    pub fn with_updated_at(mut self, updated_at: Timestamp) -> Self {
        self.updated_at = updated_at;
        self
    }
}

impl Notification {
    /// A notification not seen yet, with `{}` details, no message, no date and no receiver.
    ///
    /// ```
    /// use vrchat_invite_core::{NotificationId, UserId};
    /// use vrchat_invite_core::models::{
    ///     InviteDetails, Notification, NotificationDetails, NotificationType,
    /// };
    /// let invite = Notification::new(
    ///     NotificationId::new("not_1")?,
    ///     NotificationType::Invite,
    ///     UserId::new("usr_alice")?,
    /// )
    /// .with_details(NotificationDetails::Invite(InviteDetails::new("wrld_1:1", "Home")));
    /// assert_eq!(invite.details.as_invite().map(|d| d.world_name.as_str()), Some("Home"));
    /// assert!(!invite.seen);
    /// # Ok::<(), vrchat_invite_core::InputError>(())
    /// ```
    pub fn new(id: NotificationId, kind: NotificationType, sender_user_id: UserId) -> Self {
        Self {
            id,
            kind,
            created_at: Timestamp::default(),
            details: NotificationDetails::default(),
            message: String::new(),
            seen: false,
            sender_user_id,
            sender_username: None,
            receiver_user_id: None,
        }
    }

    /// The details.
    #[must_use]
    pub fn with_details(mut self, details: NotificationDetails) -> Self {
        self.details = details;
        self
    }

    /// The message text.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// When it was created.
    #[must_use]
    pub fn with_created_at(mut self, created_at: Timestamp) -> Self {
        self.created_at = created_at;
        self
    }

    /// Whether it was seen.
    #[must_use]
    pub fn with_seen(mut self, seen: bool) -> Self {
        self.seen = seen;
        self
    }

    /// Who receives it.
    #[must_use]
    pub fn with_receiver(mut self, receiver: UserId) -> Self {
        self.receiver_user_id = Some(receiver);
        self
    }
}

impl SentNotification {
    /// A sent notification with `{}` details, no message and no date.
    pub fn new(
        id: NotificationId,
        kind: NotificationType,
        sender_user_id: UserId,
        receiver_user_id: UserId,
    ) -> Self {
        Self {
            id,
            kind,
            created_at: Timestamp::default(),
            details: NotificationDetails::default(),
            message: String::new(),
            receiver_user_id,
            sender_user_id,
            sender_username: None,
        }
    }

    /// The details.
    #[must_use]
    pub fn with_details(mut self, details: NotificationDetails) -> Self {
        self.details = details;
        self
    }

    /// The message text.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// When it was created.
    #[must_use]
    pub fn with_created_at(mut self, created_at: Timestamp) -> Self {
        self.created_at = created_at;
        self
    }
}

impl InviteDetails {
    /// An invite to `world_id` (the full location, as VRChat writes it) named `world_name`.
    pub fn new(world_id: impl Into<String>, world_name: impl Into<String>) -> Self {
        Self {
            world_id: world_id.into(),
            world_name: world_name.into(),
            invite_message: None,
            image_url: None,
        }
    }

    /// The slot message sent with the invite.
    #[must_use]
    pub fn with_invite_message(mut self, message: impl Into<String>) -> Self {
        self.invite_message = Some(message.into());
        self
    }

    /// The photo sent with the invite.
    #[must_use]
    pub fn with_image_url(mut self, url: impl Into<String>) -> Self {
        self.image_url = Some(url.into());
        self
    }
}

impl InviteResponseDetails {
    /// An answer to the invite `in_response_to`, with the response slot's text.
    pub fn new(in_response_to: NotificationId, response_message: impl Into<String>) -> Self {
        Self {
            in_response_to,
            response_message: response_message.into(),
            image_url: None,
        }
    }

    /// The photo sent with the response.
    #[must_use]
    pub fn with_image_url(mut self, url: impl Into<String>) -> Self {
        self.image_url = Some(url.into());
        self
    }
}

impl RequestInviteDetails {
    /// A request without platform, message or photo.
    pub fn new() -> Self {
        Self {
            platform: None,
            request_message: None,
            image_url: None,
        }
    }

    /// The requester's platform.
    #[must_use]
    pub fn with_platform(mut self, platform: impl Into<String>) -> Self {
        self.platform = Some(platform.into());
        self
    }

    /// The request slot's text.
    #[must_use]
    pub fn with_request_message(mut self, message: impl Into<String>) -> Self {
        self.request_message = Some(message.into());
        self
    }

    /// The photo sent with the request.
    #[must_use]
    pub fn with_image_url(mut self, url: impl Into<String>) -> Self {
        self.image_url = Some(url.into());
        self
    }
}

impl Default for RequestInviteDetails {
    fn default() -> Self {
        Self::new()
    }
}

impl RequestInviteResponseDetails {
    /// An answer to the request `in_response_to`, without slot text or photo.
    pub fn new(in_response_to: NotificationId) -> Self {
        Self {
            in_response_to,
            request_message: None,
            image_url: None,
        }
    }

    /// The slot text.
    #[must_use]
    pub fn with_request_message(mut self, message: impl Into<String>) -> Self {
        self.request_message = Some(message.into());
        self
    }

    /// The photo sent with the answer.
    #[must_use]
    pub fn with_image_url(mut self, url: impl Into<String>) -> Self {
        self.image_url = Some(url.into());
        self
    }
}

impl CurrentUser {
    /// The user `id`, shown as `display_name`, without a login name.
    pub fn new(id: UserId, display_name: impl Into<String>) -> Self {
        Self {
            id,
            display_name: display_name.into(),
            username: None,
        }
    }

    /// The login name.
    #[must_use]
    pub fn with_username(mut self, username: impl Into<String>) -> Self {
        self.username = Some(username.into());
        self
    }
}
