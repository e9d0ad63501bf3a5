//! Property tests for the inbox: the list's query, page size bounds, the pager's offsets,
//! and lists that keep their good items.

use percent_encoding::percent_decode_str;
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::json;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::inbox::{
    GetNotification, HideNotification, ListNotifications, MarkNotificationSeen, NotificationPager,
    NotificationsAfter, PageSize,
};
use vrchat_invite_core::models::{ItemList, Notification, Timestamp};
use vrchat_invite_core::{ApiErrorKind, Endpoint, Error, NotificationId, Session, UserAgent};

fn session() -> Session {
    Session::new(UserAgent::new("PropTest/1.0 tests@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_prop").expect("token"))
}

fn after() -> impl Strategy<Value = NotificationsAfter> {
    prop_oneof![
        "[a-z0-9_]{1,24}".prop_map(|word| NotificationsAfter::keyword(&word).expect("keyword")),
        (-62_000_000_000_000i64..250_000_000_000_000).prop_map(NotificationsAfter::unix_millis),
    ]
}

/// The query's pairs, percent-decoded.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            (decode(key), decode(value))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_query_carries_exactly_what_was_set(
        n in 1u8..=100,
        offset in any::<u32>(),
        after in proptest::option::of(after()),
        hidden in proptest::option::of(any::<bool>()),
    ) {
        let mut list = ListNotifications::new().page_size(PageSize::new(n).expect("n")).offset(offset);
        if let Some(after) = &after {
            list = list.after(after.clone());
        }
        if let Some(hidden) = hidden {
            list = list.hidden(hidden);
        }
        let request = session().request(&list).expect("request");
        prop_assert_eq!(request.uri().path(), "/api/1/auth/user/notifications");
        let mut expected = vec![("n".to_owned(), n.to_string()), ("offset".to_owned(), offset.to_string())];
        if let Some(after) = &after {
            expected.push(("after".to_owned(), after.as_str().to_owned()));
        }
        if let Some(hidden) = hidden {
            expected.push(("hidden".to_owned(), hidden.to_string()));
        }
        let query = request.uri().query().expect("query");
        prop_assert_eq!(query_pairs(query), expected);
        prop_assert!(!query.contains('+') && !query.contains(':'), "{}", query);
    }

    #[test]
    fn a_timestamp_filter_is_the_timestamp(millis in -62_000_000_000_000i64..250_000_000_000_000) {
        let stamp = Timestamp::from_unix_millis(millis);
        let after = NotificationsAfter::time(&stamp).expect("after");
        prop_assert_eq!(after.as_str(), stamp.as_str());
        prop_assert_eq!(after, NotificationsAfter::unix_millis(millis));
    }

    #[test]
    fn keywords_refuse_anything_that_could_change_the_query(word in ".{0,12}") {
        let plain = !word.is_empty()
            && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        prop_assert_eq!(NotificationsAfter::keyword(&word).is_ok(), plain);
    }

    #[test]
    fn page_size_accepts_exactly_1_to_100(value in prop_oneof![any::<i64>(), -3i64..110]) {
        let size = PageSize::try_from(value);
        prop_assert_eq!(size.is_ok(), (1..=100).contains(&value));
        if let Ok(size) = size {
            prop_assert_eq!(i64::from(size.get()), value);
            prop_assert_eq!(size.to_string().parse::<PageSize>().expect("text"), size);
        }
    }

    #[test]
    fn the_pager_asks_for_each_item_once_and_stops_on_a_short_page(
        n in 1u8..=10,
        pages in vec(0usize..=12, 0..30),
        limit in 1u32..40,
    ) {
        let mut pager = NotificationPager::new(ListNotifications::new().page_size(PageSize::new(n).expect("n")))
            .with_page_limit(limit);
        let mut expected_offset = 0u32;
        let mut fetched = 0u32;
        for len in pages {
            let Some(request) = pager.next_request() else { break };
            prop_assert_eq!(request.requested_offset(), expected_offset);
            pager.record_len(len);
            fetched += 1;
            expected_offset += u32::try_from(len).expect("small");
            if len < usize::from(n) {
                prop_assert!(pager.is_done());
                prop_assert!(!pager.hit_page_limit());
            }
        }
        prop_assert_eq!(pager.pages_fetched(), fetched);
        prop_assert!(pager.pages_fetched() <= limit);
        if pager.hit_page_limit() {
            prop_assert!(pager.is_done());
            prop_assert_eq!(pager.pages_fetched(), limit);
        }
    }

    /// The inbox list reads its page as the owned decoder does, item for item, whatever
    /// the details (a JSON-encoded string, an object, `null`, missing, a string that is not
    /// JSON) and whether an item is bad, and with fewer or more items than it asked for.
    #[test]
    fn the_inbox_list_reads_what_the_owned_decoder_reads(
        items in vec((
            prop_oneof![Just("invite"), Just("requestInvite"), Just("inviteResponse"), Just("boop")],
            prop_oneof![
                Just(json!("{\"worldId\":\"wrld_1:1\",\"worldName\":\"Home\u{2024}\"}")),
                Just(json!({"worldId": "wrld_1:1", "platform": "android"})),
                Just(json!("{\"inResponseTo\":\"not_0\",\"requestMessage\":\"\\\"hi\\\"\"}")),
                Just(json!("not json")),
                Just(json!(null)),
                Just(json!(7)),
            ],
            any::<bool>(),
            any::<bool>(),
        ), 0..12),
        n in 1u8..=100,
    ) {
        let json_items: Vec<serde_json::Value> = items
            .iter()
            .enumerate()
            .map(|(index, (kind, details, with_details, good))| {
                let mut item = json!({"id": if *good { json!(format!("not_{index}")) } else { json!(7) },
                    "type": kind, "created_at": "2024-01-01T00:00:00.000Z", "senderUserId": "usr_a"});
                if *with_details {
                    item["details"] = details.clone();
                }
                item
            })
            .collect();
        let body = serde_json::to_vec(&json_items).expect("json");
        let reply = http::Response::new(body.clone());
        let list = ListNotifications::new().page_size(PageSize::new(n).expect("n"));
        let read = list.parse(&reply).expect("list");
        let owned: ItemList<Notification> = serde_json::from_slice(&body).expect("owned");
        prop_assert_eq!(read, owned);
    }

    #[test]
    fn a_list_keeps_every_good_item_in_order(items in vec(prop_oneof![
        (0u32..1000).prop_map(Some),
        Just(None),
    ], 0..20)) {
        let json_items: Vec<serde_json::Value> = items
            .iter()
            .map(|item| match item {
                Some(n) => json!({"id": format!("not_{n}"), "type": "invite", "created_at": "",
                                  "details": "{}", "message": "", "seen": false, "senderUserId": "usr_a"}),
                None => json!({"id": 7, "type": "invite"}),
            })
            .collect();
        let body = serde_json::to_string(&json_items).expect("json");
        let list: ItemList<Notification> = serde_json::from_str(&body).expect("list");
        prop_assert_eq!(list.len(), items.len());
        let good: Vec<String> = list.decoded().map(|n| n.id.as_str().to_owned()).collect();
        let expected: Vec<String> = items.iter().flatten().map(|n| format!("not_{n}")).collect();
        prop_assert_eq!(good, expected);
        let bad: Vec<usize> = list.undecodable().map(|b| b.position()).collect();
        let expected_bad: Vec<usize> = items.iter().enumerate().filter(|(_, i)| i.is_none()).map(|(p, _)| p).collect();
        prop_assert_eq!(bad, expected_bad);
        prop_assert_eq!(list.is_complete(), items.iter().all(Option::is_some));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    /// A 404 about a notification is "not found" whatever its text says ("Notification not
    /// found", "Cannot find notification․", anything newer).
    #[test]
    fn a_notification_404_is_not_found_whatever_its_text(message in any::<String>()) {
        let body = json!({"error": {"message": message, "status_code": 404}}).to_string();
        let reply = http::Response::builder()
            .status(404)
            .body(body.into_bytes())
            .expect("reply");
        let id = NotificationId::new("not_1").expect("id");
        let kinds = [
            GetNotification::new(id.clone()).parse(&reply).err(),
            MarkNotificationSeen::new(id.clone()).parse(&reply).err(),
            HideNotification::new(id).parse(&reply).err(),
        ];
        for error in kinds {
            let kind = match error {
                Some(Error::Api(api)) => Some(api.kind().clone()),
                _ => None,
            };
            prop_assert_eq!(kind, Some(ApiErrorKind::NotFound));
        }
    }
}
