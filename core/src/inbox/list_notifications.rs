//! `GET /auth/user/notifications`: one page of the notifications you received.

use std::fmt::Write as _;

use http::Method;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::value::RawValue;

use super::{NotificationsAfter, PageSize, inbox_path};
use crate::endpoint::Endpoint;
use crate::models::{ItemList, Notification, NotificationWire};

/// Query values keep RFC 3986's unreserved characters; `+`, `:` and the rest are encoded.
const QUERY_VALUE: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Lists one page of your notifications, newest first (operation `getNotifications`).
///
/// Sends `n` (the [`PageSize`], 60 unless set) and `offset` (0 unless set) always, `after`
/// and `hidden` when set, and never the deprecated `type` and `sent`. A page shorter than
/// `n` is the last; [`crate::inbox::NotificationPager`] walks the pages for you. Each item decodes
/// on its own, so one unreadable notification never hides the others (see [`ItemList`]).
///
/// ```
/// use vrchat_invite_core::Endpoint;
/// use vrchat_invite_core::inbox::{ListNotifications, NotificationsAfter, PageSize};
/// let list = ListNotifications::new()
///     .page_size(PageSize::new(20)?)
///     .offset(40)
///     .after(NotificationsAfter::keyword("five_minutes_ago")?);
/// assert_eq!(list.path(), "/auth/user/notifications?n=20&offset=40&after=five_minutes_ago");
/// assert_eq!(ListNotifications::new().path(), "/auth/user/notifications?n=60&offset=0");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListNotifications {
    page_size: PageSize,
    offset: u32,
    after: Option<NotificationsAfter>,
    hidden: Option<bool>,
}

impl ListNotifications {
    /// The first page of 60, with no filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks for pages of this size.
    #[must_use]
    pub fn page_size(mut self, page_size: PageSize) -> Self {
        self.page_size = page_size;
        self
    }

    /// Skips this many notifications.
    #[must_use]
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = offset;
        self
    }

    /// Only notifications created after this point.
    #[must_use]
    pub fn after(mut self, after: NotificationsAfter) -> Self {
        self.after = Some(after);
        self
    }

    /// Hidden notifications (`true`; VRChat allows it for friend requests only) or the
    /// others (`false`, what the server returns when this is not sent).
    #[must_use]
    pub fn hidden(mut self, hidden: bool) -> Self {
        self.hidden = Some(hidden);
        self
    }

    /// The page size asked for.
    pub fn requested_page_size(&self) -> PageSize {
        self.page_size
    }

    /// The offset asked for.
    pub fn requested_offset(&self) -> u32 {
        self.offset
    }

    /// The `after` filter, if any.
    pub fn requested_after(&self) -> Option<&NotificationsAfter> {
        self.after.as_ref()
    }
}

impl Endpoint for ListNotifications {
    const OPERATION_ID: &'static str = "getNotifications";

    type Output = ItemList<Notification>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> String {
        let mut path = inbox_path().finish();
        // Writing to a String cannot fail.
        let _ = write!(path, "?n={}&offset={}", self.page_size, self.offset);
        if let Some(after) = &self.after {
            path.push_str("&after=");
            path.extend(utf8_percent_encode(after.as_str(), QUERY_VALUE));
        }
        if let Some(hidden) = self.hidden {
            path.push_str(if hidden {
                "&hidden=true"
            } else {
                "&hidden=false"
            });
        }
        path
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<ItemList<Notification>> {
        // The details borrowed from the body, not copied, until they are decoded.
        crate::models::decode_list_via::<NotificationWire<&RawValue>, _>(
            body,
            usize::from(self.page_size.get()),
        )
    }
}
