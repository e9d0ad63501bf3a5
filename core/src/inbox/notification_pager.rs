//! Walking the notification list page by page, without doing any I/O.

use super::ListNotifications;
use crate::models::{ItemList, Notification};

/// Turns one page of the notification list into the request for the next, and stops on
/// a short page (fewer items than asked for), the end of the list.
///
/// The pager sends nothing: ask it for [`NotificationPager::next_request`], send that with
/// any transport, and hand the page back to [`NotificationPager::record`]. A server that
/// never sends a short page cannot keep a caller looping: the pager stops after
/// [`NotificationPager::DEFAULT_PAGE_LIMIT`] pages unless told otherwise, and
/// [`NotificationPager::hit_page_limit`] says so.
///
/// ```
/// use vrchat_invite_core::Endpoint;
/// use vrchat_invite_core::inbox::{ListNotifications, NotificationPager, PageSize};
/// use vrchat_invite_core::models::{ItemList, Notification};
///
/// fn page(count: usize, first: usize) -> ItemList<Notification> {
///     let items: Vec<String> = (first..first + count)
///         .map(|i| format!(r#"{{"id":"not_{i}","type":"invite","created_at":"","details":"{{}}",
///                            "message":"","senderUserId":"usr_a"}}"#))
///         .collect();
///     serde_json::from_str(&format!("[{}]", items.join(","))).unwrap()
/// }
///
/// let mut pager = NotificationPager::new(ListNotifications::new().page_size(PageSize::new(2)?));
/// let mut seen = Vec::new();
/// let mut served = vec![page(2, 0), page(2, 2), page(1, 4)].into_iter();
/// while let Some(request) = pager.next_request() {
///     // Here a transport would send `request`; this walk serves canned pages.
///     let reply = served.next().expect("the pager stops after the short page");
///     pager.record(&reply);
///     seen.extend(reply.into_decoded().into_iter().map(|n| n.id.into_string()));
/// }
/// assert_eq!(seen, ["not_0", "not_1", "not_2", "not_3", "not_4"]);
/// assert_eq!(pager.pages_fetched(), 3);
/// assert!(!pager.hit_page_limit());
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationPager {
    next: Option<ListNotifications>,
    pages_fetched: u32,
    page_limit: u32,
    hit_page_limit: bool,
}

impl NotificationPager {
    /// The most pages a pager asks for unless told otherwise (5,000 notifications at the
    /// default page size, 10,000 at the largest).
    pub const DEFAULT_PAGE_LIMIT: u32 = 100;

    /// Starts at `first` (its page size, offset and filters carry over to every page).
    pub fn new(first: ListNotifications) -> Self {
        Self {
            next: Some(first),
            pages_fetched: 0,
            page_limit: Self::DEFAULT_PAGE_LIMIT,
            hit_page_limit: false,
        }
    }

    /// Stops after `pages` pages at most (0 asks for none).
    #[must_use]
    pub fn with_page_limit(mut self, pages: u32) -> Self {
        self.page_limit = pages;
        if self.pages_fetched >= pages && self.next.is_some() {
            self.next = None;
            self.hit_page_limit = true;
        }
        self
    }

    /// The request for the next page, or `None` when the list is done.
    pub fn next_request(&self) -> Option<ListNotifications> {
        self.next.clone()
    }

    /// Records the page the last request returned and works out the next request.
    ///
    /// Counts every item, decoded or not, so a bad item never shifts the offsets. Does
    /// nothing once the list is done.
    pub fn record(&mut self, page: &ItemList<Notification>) {
        self.record_len(page.len());
    }

    /// Like [`NotificationPager::record`], for a page of `len` items.
    pub fn record_len(&mut self, len: usize) {
        let Some(current) = self.next.take() else {
            return;
        };
        self.pages_fetched = self.pages_fetched.saturating_add(1);
        let asked = usize::from(current.requested_page_size().get());
        if len < asked {
            return;
        }
        let advanced = u32::try_from(len)
            .ok()
            .and_then(|len| current.requested_offset().checked_add(len));
        let Some(offset) = advanced else {
            return;
        };
        if self.pages_fetched >= self.page_limit {
            self.hit_page_limit = true;
            return;
        }
        self.next = Some(current.offset(offset));
    }

    /// Whether there is no next page.
    pub fn is_done(&self) -> bool {
        self.next.is_none()
    }

    /// How many pages were recorded.
    pub fn pages_fetched(&self) -> u32 {
        self.pages_fetched
    }

    /// Whether the pager stopped at its page limit after a full page, so more may remain.
    pub fn hit_page_limit(&self) -> bool {
        self.hit_page_limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::PageSize;

    fn pager(n: u8) -> NotificationPager {
        NotificationPager::new(ListNotifications::new().page_size(PageSize::new(n).unwrap()))
    }

    #[test]
    fn advances_by_the_items_received_and_stops_on_a_short_page() {
        let mut pager = pager(3);
        assert_eq!(pager.next_request().unwrap().requested_offset(), 0);
        pager.record_len(3);
        assert_eq!(pager.next_request().unwrap().requested_offset(), 3);
        // A server that sends more than asked: the next offset skips all of them.
        pager.record_len(5);
        assert_eq!(pager.next_request().unwrap().requested_offset(), 8);
        pager.record_len(0);
        assert!(pager.is_done());
        assert_eq!(pager.pages_fetched(), 3);
        pager.record_len(3);
        assert!(pager.is_done());
        assert_eq!(pager.pages_fetched(), 3);
    }

    #[test]
    fn stops_at_the_page_limit_and_says_so() {
        let mut pager = pager(1).with_page_limit(2);
        pager.record_len(1);
        assert!(!pager.is_done());
        pager.record_len(1);
        assert!(pager.is_done());
        assert!(pager.hit_page_limit());
        assert!(pager.with_page_limit(0).is_done());
        let none = self::pager(1).with_page_limit(0);
        assert!(none.next_request().is_none());
        assert!(none.hit_page_limit());
    }

    #[test]
    fn stops_when_the_offset_would_overflow() {
        let mut pager = NotificationPager::new(
            ListNotifications::new()
                .page_size(PageSize::MAX)
                .offset(u32::MAX - 50),
        );
        pager.record_len(100);
        assert!(pager.is_done());
        assert!(!pager.hit_page_limit());
    }

    #[test]
    fn keeps_filters_on_every_page() {
        let first = ListNotifications::new()
            .page_size(PageSize::new(1).unwrap())
            .after(crate::inbox::NotificationsAfter::keyword("one_hour_ago").unwrap())
            .hidden(false);
        let mut pager = NotificationPager::new(first.clone());
        pager.record_len(1);
        assert_eq!(pager.next_request(), Some(first.offset(1)));
    }
}
