//! Gapless delivery: the live stream merged with the inbox after each reconnect.

use std::collections::{HashSet, VecDeque};

use crate::error::InputError;
use crate::ids::NotificationId;
use crate::inbox::{ListNotifications, NotificationsAfter, PageSize};
use crate::models::{Notification, Timestamp};
use crate::pipeline::Checkpoint;
use crate::pipeline::PipelineEvent;
use crate::pipeline::seen::SeenIds;

/// The inbox page size a catch-up asks for (the inbox allows 1 to 100).
pub const CATCH_UP_PAGE_SIZE: u8 = 100;
/// The most pages one catch-up reads; past them it goes live with what it has.
pub const CATCH_UP_MAX_PAGES: u32 = 20;
/// The most live events kept while a catch-up runs; past it the oldest are dropped.
pub const CATCH_UP_BUFFER_LIMIT: usize = 10_000;
/// How many delivered notification IDs are remembered to drop duplicates.
pub const SEEN_LIMIT: usize = 4096;
/// The most pages the first catch-up after resuming from a checkpoint reads: every page
/// there is, short of a server that never ends.
pub const RESUME_MAX_PAGES: u32 = 1000;

/// The inbox page to fetch: notifications created after `after` (every one when `None`),
/// `page_size` of them from `offset` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatchUpRequest {
    /// A millisecond before the creation time of the last notification delivered (or before
    /// the start time), so a server reading `after` as "strictly after" still returns
    /// notifications made in that same millisecond; duplicates are dropped by ID.
    pub after: Option<Timestamp>,
    /// How many notifications of the catch-up were already read.
    pub offset: u32,
    /// The page size.
    pub page_size: u8,
}

impl CatchUpRequest {
    /// The inbox operation that fetches this page.
    ///
    /// # Errors
    /// [`InputError`] for a page size out of the inbox's bounds or an `after` that is not a
    /// timestamp (neither happens with what [`Gapless`] asks for).
    pub fn endpoint(&self) -> Result<ListNotifications, InputError> {
        let mut list = ListNotifications::new()
            .page_size(PageSize::new(self.page_size)?)
            .offset(self.offset);
        if let Some(after) = &self.after {
            list = list.after(NotificationsAfter::time(after)?);
        }
        Ok(list)
    }
}

#[derive(Debug)]
enum State {
    Live,
    CatchingUp {
        /// The first catch-up without a start time: the pages are only recorded.
        baseline: bool,
        page: u32,
        fetched: Vec<Notification>,
        buffer: VecDeque<PipelineEvent>,
    },
}

/// Delivers each notification exactly once, in order, across reconnects.
///
/// Live events pass straight through, notifications already delivered dropped by ID. After
/// a reconnect, [`Gapless::reconnected`] asks for the inbox after the last notification
/// delivered; live events are held while the pages come in; then the notifications the
/// socket missed are delivered, oldest first, and the held events after them.
///
/// Without a start time, the first connect reads the inbox as a baseline: what is there
/// already counts as delivered (nothing of it is handed on), and the newest of it sets the
/// watermark. This uses the server's own timestamps, so a clock that differs from the
/// server's cannot open a gap.
///
/// ```
/// use vrchat_invite_core::models::{Notification, Timestamp};
/// use vrchat_invite_core::pipeline::{Gapless, PipelineEvent};
/// let notification = |id: &str, at: &str| -> Notification {
///     serde_json::from_value(serde_json::json!({
///         "id": id, "type": "invite", "created_at": at, "senderUserId": "usr_a",
///         "details": {"worldId": "wrld_1:1", "worldName": "Home"}}))
///     .unwrap()
/// };
/// let mut gapless = Gapless::new(Some(Timestamp::new("2024-01-01T00:00:00Z")));
/// gapless.live(PipelineEvent::Notification(notification("not_1", "2024-01-01T00:00:01Z")));
/// // The socket drops; not_2 is sent while it is down. After the reconnect:
/// let request = gapless.reconnected();
/// assert_eq!(request.after.map(|t| t.to_string()).as_deref(), Some("2024-01-01T00:00:00.999Z"));
/// gapless.live(PipelineEvent::Notification(notification("not_3", "2024-01-01T00:00:03Z")));
/// let page = vec![
///     notification("not_3", "2024-01-01T00:00:03Z"),
///     notification("not_2", "2024-01-01T00:00:02Z"),
///     notification("not_1", "2024-01-01T00:00:01Z"),
/// ];
/// assert_eq!(gapless.page(page), None); // a short page is the last
/// let ids: Vec<String> = std::iter::from_fn(|| gapless.next_event())
///     .filter_map(|event| event.notification().map(|n| n.id.to_string()))
///     .collect();
/// assert_eq!(ids, ["not_1", "not_2", "not_3"]);
/// ```
#[derive(Debug)]
pub struct Gapless {
    watermark: Option<Timestamp>,
    watermark_millis: Option<i64>,
    baselined: bool,
    seen: SeenIds,
    state: State,
    /// What the last catch-up found, newest first: handed out from the end, before `ready`.
    caught_up: Vec<Notification>,
    ready: VecDeque<PipelineEvent>,
    missed: Option<usize>,
    max_pages: u32,
    baseline_mark: Option<(Timestamp, Vec<NotificationId>)>,
}

impl Gapless {
    /// Starts delivering; `since` is when watching started (each connect catches up from
    /// it until a notification was delivered), or `None` to take the inbox as it is at the
    /// first connect as the baseline.
    pub fn new(since: Option<Timestamp>) -> Self {
        let watermark_millis = since.as_ref().and_then(Timestamp::unix_millis);
        // A start time that does not read as a time cannot be asked for.
        let since = since.filter(|_| watermark_millis.is_some());
        Self {
            baselined: since.is_some(),
            watermark: since,
            watermark_millis,
            seen: SeenIds::new(SEEN_LIMIT),
            state: State::Live,
            caught_up: Vec::new(),
            ready: VecDeque::new(),
            missed: None,
            max_pages: CATCH_UP_MAX_PAGES,
            baseline_mark: None,
        }
    }

    /// Resumes from `checkpoint`: the first catch-up reads every page after its watermark
    /// (up to [`RESUME_MAX_PAGES`]), less the notifications it says were done; a fresh
    /// checkpoint (no watermark) takes the inbox as a baseline, as [`Gapless::new`] does
    /// without a start time.
    pub fn resume(checkpoint: &Checkpoint) -> Self {
        let mut gapless = Self::new(checkpoint.watermark().cloned());
        for id in checkpoint.done_at_watermark() {
            gapless.seen.insert(id);
        }
        gapless.max_pages = RESUME_MAX_PAGES;
        gapless
    }

    /// The baseline the first catch-up took (its newest time and the IDs at that time),
    /// once, when there was one.
    pub fn take_baseline(&mut self) -> Option<(Timestamp, Vec<NotificationId>)> {
        self.baseline_mark.take()
    }

    /// The creation time of the last notification delivered (or the start time).
    pub fn watermark(&self) -> Option<&Timestamp> {
        self.watermark.as_ref()
    }

    /// Whether a catch-up is under way (live events are held).
    pub fn is_catching_up(&self) -> bool {
        matches!(self.state, State::CatchingUp { .. })
    }

    /// How many notifications the last finished catch-up found that the socket had not
    /// delivered (taken once).
    pub fn take_missed(&mut self) -> Option<usize> {
        self.missed.take()
    }

    /// The next event to hand to the consumer.
    pub fn next_event(&mut self) -> Option<PipelineEvent> {
        match self.caught_up.pop() {
            Some(notification) => Some(PipelineEvent::Notification(notification)),
            None => self.ready.pop_front(),
        }
    }

    /// An event from the socket.
    pub fn live(&mut self, event: PipelineEvent) {
        match &mut self.state {
            State::Live => self.deliver(event),
            State::CatchingUp { buffer, .. } => {
                if buffer.len() >= CATCH_UP_BUFFER_LIMIT {
                    buffer.pop_front();
                }
                buffer.push_back(event);
            }
        }
    }

    /// The socket is up (again): the inbox page to fetch before going live.
    ///
    /// Called again while a catch-up is under way (the socket dropped once more), it starts
    /// the catch-up over and keeps the events held so far.
    pub fn reconnected(&mut self) -> CatchUpRequest {
        let after = self.after();
        let buffer = match std::mem::replace(&mut self.state, State::Live) {
            State::CatchingUp { buffer, .. } => buffer,
            State::Live => VecDeque::new(),
        };
        self.state = State::CatchingUp {
            baseline: !self.baselined,
            page: 0,
            fetched: Vec::new(),
            buffer,
        };
        CatchUpRequest {
            after,
            offset: 0,
            page_size: CATCH_UP_PAGE_SIZE,
        }
    }

    /// A page of the inbox, as asked for by the last [`CatchUpRequest`]: the next page to
    /// fetch, or `None` when the catch-up is over and the events are ready.
    pub fn page(&mut self, notifications: Vec<Notification>) -> Option<CatchUpRequest> {
        let listed = notifications.len();
        self.page_of(notifications, listed)
    }

    /// [`Gapless::page`] for a page that listed `listed` items, some of which did not
    /// decode (only the count tells whether another page follows).
    pub fn page_of(
        &mut self,
        notifications: Vec<Notification>,
        listed: usize,
    ) -> Option<CatchUpRequest> {
        let State::CatchingUp { page, fetched, .. } = &mut self.state else {
            return None;
        };
        let full = listed.max(notifications.len()) >= usize::from(CATCH_UP_PAGE_SIZE);
        if fetched.is_empty() {
            *fetched = notifications;
        } else {
            fetched.extend(notifications);
        }
        *page += 1;
        if full && *page < self.max_pages {
            let offset = page.saturating_mul(u32::from(CATCH_UP_PAGE_SIZE));
            return Some(CatchUpRequest {
                after: self.after(),
                offset,
                page_size: CATCH_UP_PAGE_SIZE,
            });
        }
        self.finish();
        None
    }

    /// What a catch-up asks for: a millisecond before the watermark.
    fn after(&self) -> Option<Timestamp> {
        match self.watermark_millis {
            Some(mark) => Some(Timestamp::from_unix_millis(mark.saturating_sub(1))),
            None => self.watermark.clone(),
        }
    }

    /// The catch-up could not be fetched: go live with the held events (a notification
    /// missed while the socket was down is then lost; the caller may reconnect and call
    /// [`Gapless::reconnected`] instead, which keeps them held).
    pub fn give_up_catch_up(&mut self) {
        if let State::CatchingUp { fetched, .. } = &mut self.state {
            fetched.clear();
        }
        self.finish();
    }

    fn finish(&mut self) {
        let State::CatchingUp {
            baseline,
            mut fetched,
            buffer,
            ..
        } = std::mem::replace(&mut self.state, State::Live)
        else {
            return;
        };
        self.baselined = true;
        self.max_pages = CATCH_UP_MAX_PAGES;
        // Each creation time read once.
        let mut times: Vec<Option<i64>> =
            fetched.iter().map(|n| n.created_at.unix_millis()).collect();
        if baseline {
            // What the socket brought meanwhile is new even when the page has it too.
            let live: HashSet<&str> = buffer
                .iter()
                .filter_map(|event| event.notification().map(|n| n.id.as_str()))
                .collect();
            for (notification, at) in fetched.iter().zip(&times) {
                if !live.contains(notification.id.as_str()) {
                    self.seen.insert(&notification.id);
                    self.raise_watermark(&notification.created_at, *at);
                }
            }
            self.baseline_mark = Some(match (self.watermark.clone(), self.watermark_millis) {
                (Some(mark), Some(millis)) => {
                    let at_mark = fetched
                        .iter()
                        .zip(&times)
                        .filter(|(_, at)| **at == Some(millis))
                        .map(|(n, _)| n.id.clone())
                        .collect();
                    (mark, at_mark)
                }
                // An empty inbox: everything from the beginning on is new.
                _ => (Timestamp::from_unix_millis(0), Vec::new()),
            });
            fetched.clear();
            times.clear();
        }
        self.seen.reserve(fetched.len());
        // Oldest first; a timestamp that does not parse sorts last; the page's order is kept
        // among equal times.
        let key = |at: &Option<i64>| at.unwrap_or(i64::MAX);
        let newest_first = times.windows(2).all(|pair| match pair {
            [newer, older] => key(newer) > key(older),
            _ => true,
        });
        if newest_first && self.caught_up.is_empty() && self.ready.is_empty() {
            // As the inbox lists them: kept where they are and handed out from the end.
            let mut delivered: Vec<bool> = fetched
                .iter()
                .zip(&times)
                .rev()
                .map(|(notification, at)| self.accept(notification, *at))
                .collect();
            fetched.retain(|_| delivered.pop().unwrap_or(false));
            self.missed = Some(fetched.len());
            self.caught_up = fetched;
        } else {
            let before = self.ready.len();
            self.ready.reserve(fetched.len() + buffer.len());
            // The times are sorted with their indexes, not the notifications (large to
            // move) themselves.
            let mut order: Vec<(i64, usize)> = times
                .iter()
                .enumerate()
                .map(|(index, at)| (key(at), index))
                .collect();
            order.sort_unstable();
            let mut slots: Vec<Option<Notification>> = fetched.into_iter().map(Some).collect();
            for (_, index) in order {
                let Some(notification) = slots.get_mut(index).and_then(Option::take) else {
                    continue;
                };
                let at = times.get(index).copied().flatten();
                if self.accept(&notification, at) {
                    self.ready
                        .push_back(PipelineEvent::Notification(notification));
                }
            }
            self.missed = Some(self.ready.len().saturating_sub(before));
        }
        for event in buffer {
            self.deliver(event);
        }
    }

    /// Whether a notification of a catch-up page is to be delivered (not older than the
    /// watermark, not delivered already), recording it as delivered if so.
    fn accept(&mut self, notification: &Notification, at: Option<i64>) -> bool {
        let older = match (at, self.watermark_millis) {
            (Some(at), Some(mark)) => at < mark,
            _ => false,
        };
        if older || !self.seen.insert(&notification.id) {
            return false;
        }
        self.raise_watermark(&notification.created_at, at);
        true
    }

    fn deliver(&mut self, event: PipelineEvent) {
        match event {
            PipelineEvent::Notification(notification) => {
                let at = notification.created_at.unix_millis();
                self.deliver_notification(notification, at);
            }
            other => self.ready.push_back(other),
        }
    }

    /// Delivers `notification` unless it was delivered already; `at` is its creation time,
    /// read once by the caller.
    fn deliver_notification(&mut self, notification: Notification, at: Option<i64>) {
        if !self.seen.insert(&notification.id) {
            return;
        }
        self.raise_watermark(&notification.created_at, at);
        self.ready
            .push_back(PipelineEvent::Notification(notification));
    }

    /// Moves the watermark up to `created_at` (which reads as `at`).
    fn raise_watermark(&mut self, created_at: &Timestamp, at: Option<i64>) {
        let Some(at) = at else {
            return;
        };
        if self.watermark_millis.is_some_and(|mark| at < mark) {
            return;
        }
        self.watermark_millis = Some(at);
        match &mut self.watermark {
            Some(mark) => mark.clone_from(created_at),
            None => self.watermark = Some(created_at.clone()),
        }
    }
}
