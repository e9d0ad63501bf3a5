//! The inbox: listing, paging, `after`, see, hide, clear, errors and raw notifications.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::*;
use http::{Method, Response, StatusCode};
use serde_json::{Value, json};
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, RequestInvite, RespondInvite};
use vrchat_invite_core::models::{Notification, NotificationDetails, NotificationType};
use vrchat_invite_core::{ApiErrorKind, Location, NotificationId, Slot, UserId};
use vrchat_invite_sim::{SimUser, Simulator, UserSpec};

const LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)";

const NOT_FOUND_BODY: &str = r#"{"error":{"message":"Notification not found","status_code":404}}"#;

fn location() -> Location {
    LOCATION.parse().expect("location")
}

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

/// Alice invites `to` and returns the new notification's ID.
fn invite(sim: &Simulator, from: &UserId, to: &UserId) -> NotificationId {
    let session = session_as(sim, from);
    call(sim, &session, &InviteUser::new(to.clone(), location()))
        .expect("invite")
        .id
}

/// The `auth` cookie of a fresh session of `user`.
fn cookie_of(sim: &Simulator, user: &UserId) -> String {
    auth_cookie(&session_as(sim, user))
}

/// `GET /auth/user/notifications` with `query` appended as is.
fn list(sim: &Simulator, cookie: &str, query: &str) -> Response<Vec<u8>> {
    raw(
        sim,
        Method::GET,
        &format!("/auth/user/notifications{query}"),
        Some(cookie),
        b"",
    )
}

/// The items of a successful list.
fn items(reply: &Response<Vec<u8>>) -> Vec<Value> {
    assert_eq!(reply.status(), StatusCode::OK, "{}", body_text(reply));
    match json(reply) {
        Value::Array(items) => items,
        other => panic!("expected an array, got {other}"),
    }
}

/// The IDs of a successful list, in order.
fn ids(reply: &Response<Vec<u8>>) -> Vec<String> {
    items(reply)
        .iter()
        .map(|item| item["id"].as_str().expect("a string id").to_owned())
        .collect()
}

fn body_text(reply: &Response<Vec<u8>>) -> String {
    String::from_utf8_lossy(reply.body()).into_owned()
}

fn strings(ids: &[&NotificationId]) -> Vec<String> {
    ids.iter().map(|id| id.as_str().to_owned()).collect()
}

/// `METHOD /auth/user/notifications/{id}{suffix}`.
fn on(
    sim: &Simulator,
    cookie: Option<&str>,
    method: Method,
    id: &str,
    suffix: &str,
) -> Response<Vec<u8>> {
    raw(
        sim,
        method,
        &format!("/auth/user/notifications/{id}{suffix}"),
        cookie,
        b"",
    )
}

fn get(sim: &Simulator, cookie: &str, id: &str) -> Response<Vec<u8>> {
    on(sim, Some(cookie), Method::GET, id, "")
}

fn see(sim: &Simulator, cookie: &str, id: &str) -> Response<Vec<u8>> {
    on(sim, Some(cookie), Method::PUT, id, "/see")
}

fn hide(sim: &Simulator, cookie: &str, id: &str) -> Response<Vec<u8>> {
    on(sim, Some(cookie), Method::PUT, id, "/hide")
}

fn clear(sim: &Simulator, cookie: Option<&str>) -> Response<Vec<u8>> {
    raw(
        sim,
        Method::PUT,
        "/auth/user/notifications/clear",
        cookie,
        b"",
    )
}

/// Alice, Bob and Carol; Bob is friends with both.
fn trio() -> (Simulator, SimUser, SimUser, SimUser) {
    let (sim, alice, bob) = scene();
    let carol = sim.add_user(UserSpec::new("carol", "carol-pw").display_name("Carol"));
    sim.make_friends(&bob.id, &carol.id);
    (sim, alice, bob, carol)
}

#[test]
fn the_inbox_lists_what_the_caller_received_newest_first_in_the_rest_shape() {
    let (sim, alice, bob, carol) = trio();
    let alice_session = session_as(&sim, &alice.id);
    let first = call(
        &sim,
        &alice_session,
        &InviteUser::new(bob.id.clone(), location()).with_message_slot(slot(0)),
    )
    .expect("invite")
    .id;
    let second = call(
        &sim,
        &alice_session,
        &RequestInvite::new(bob.id.clone()).with_request_slot(slot(1)),
    )
    .expect("request")
    .id;
    let third = invite(&sim, &carol.id, &bob.id);
    // Sent by Bob: in Carol's inbox, not in his.
    let to_carol = invite(&sim, &bob.id, &carol.id);

    let reply = list(&sim, &cookie_of(&sim, &bob.id), "");
    let listed = items(&reply);
    assert_eq!(ids(&reply), strings(&[&third, &second, &first]));
    let keys: BTreeSet<&str> = [
        "id",
        "type",
        "created_at",
        "details",
        "message",
        "seen",
        "senderUserId",
        "senderUsername",
    ]
    .into();
    for item in &listed {
        let object = item.as_object().expect("an object");
        assert_eq!(
            object.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            keys,
            "no receiverUserId: {item}"
        );
        assert_eq!(item["seen"], false);
    }
    assert_eq!(listed[0]["type"], "invite");
    assert_eq!(listed[0]["senderUserId"], carol.id.as_str());
    assert_eq!(
        listed[0]["senderUsername"], "Carol",
        "real replies carry it"
    );
    assert_eq!(listed[1]["type"], "requestInvite");
    assert_eq!(listed[1]["senderUserId"], alice.id.as_str());
    assert_eq!(listed[1]["senderUsername"], alice.display_name);
    assert_eq!(listed[2]["type"], "invite");
    let details: Value = serde_json::from_str(listed[2]["details"].as_str().expect("a string"))
        .expect("details encode a JSON object");
    assert_eq!(details["worldId"], LOCATION);
    assert_eq!(details["inviteMessage"], "Come hang out with me\u{01C3}");
    let request: Value = serde_json::from_str(listed[1]["details"].as_str().expect("a string"))
        .expect("details encode a JSON object");
    assert!(request["requestMessage"].is_string(), "{request}");

    // Every notification has its own date, later ones later.
    let dates: Vec<i64> = listed
        .iter()
        .map(|item| {
            vrchat_invite_core::models::Timestamp::new(item["created_at"].as_str().expect("date"))
                .unix_millis()
                .expect("a timestamp")
        })
        .collect();
    assert!(dates.windows(2).all(|pair| pair[0] > pair[1]), "{dates:?}");
    assert_eq!(
        listed[2]["created_at"], "2026-01-01T00:00:00.000Z",
        "the first is dated at the clock"
    );
    assert_eq!(sim.now().as_str(), "2026-01-01T00:00:00.000Z");

    // The core decodes the list with typed details.
    let decoded: Vec<Notification> = serde_json::from_slice(reply.body()).expect("decodes");
    assert_eq!(
        decoded[2].details.as_invite().map(|d| d.world_id.as_str()),
        Some(LOCATION)
    );
    assert!(matches!(
        decoded[1].details,
        NotificationDetails::RequestInvite(_)
    ));
    assert!(decoded.iter().all(|n| n.receiver_user_id.is_none()));

    assert!(items(&list(&sim, &cookie_of(&sim, &alice.id), "")).is_empty());
    assert_eq!(
        ids(&list(&sim, &cookie_of(&sim, &carol.id), "")),
        strings(&[&to_carol])
    );
    assert_eq!(
        sim.inbox(&bob.id)
            .iter()
            .map(|n| n.id.as_str().to_owned())
            .collect::<Vec<_>>(),
        strings(&[&third, &second, &first])
    );
}

#[test]
fn responses_land_in_the_original_senders_inbox_and_self_invites_in_ones_own() {
    let (sim, alice, bob) = scene();
    let bob_session = session_as(&sim, &bob.id);
    let alice_cookie = cookie_of(&sim, &alice.id);
    let bob_cookie = auth_cookie(&bob_session);
    let invite_id = invite(&sim, &alice.id, &bob.id);

    // Bob finds the invite in his inbox and answers it with the ID listed there.
    let listed = ids(&list(&sim, &bob_cookie, ""));
    assert_eq!(listed, strings(&[&invite_id]));
    let found = NotificationId::new(listed[0].as_str()).expect("id");
    let response = call(&sim, &bob_session, &RespondInvite::new(found, slot(2)))
        .expect("respond")
        .id;
    let alice_inbox = items(&list(&sim, &alice_cookie, ""));
    assert_eq!(alice_inbox.len(), 1);
    assert_eq!(alice_inbox[0]["id"], response.as_str());
    assert_eq!(alice_inbox[0]["type"], "inviteResponse");
    assert_eq!(alice_inbox[0]["senderUserId"], bob.id.as_str());
    let details: Value =
        serde_json::from_str(alice_inbox[0]["details"].as_str().expect("a string")).expect("json");
    assert_eq!(details["inResponseTo"], invite_id.as_str());
    assert_eq!(ids(&list(&sim, &bob_cookie, "")), strings(&[&invite_id]));

    // Bob asks Alice for an invite; Alice answers; the answer reaches Bob.
    let request = call(&sim, &bob_session, &RequestInvite::new(alice.id.clone()))
        .expect("request")
        .id;
    assert_eq!(
        ids(&list(&sim, &alice_cookie, "")),
        strings(&[&request, &response])
    );
    let alice_session = session_as(&sim, &alice.id);
    let answer = call(
        &sim,
        &alice_session,
        &RespondInvite::new(request.clone(), slot(0)),
    )
    .expect("respond to the request")
    .id;
    let bob_inbox = items(&list(&sim, &bob_cookie, ""));
    assert_eq!(bob_inbox[0]["id"], answer.as_str());
    assert_eq!(bob_inbox[0]["type"], "requestInviteResponse");

    // An invite to oneself lands in one's own inbox.
    let own = call(&sim, &alice_session, &InviteMyselfTo::new(location()))
        .expect("invite myself")
        .id;
    let alice_inbox = items(&list(&sim, &alice_cookie, ""));
    assert_eq!(alice_inbox[0]["id"], own.as_str());
    assert_eq!(alice_inbox[0]["senderUserId"], alice.id.as_str());
    assert!(alice_inbox[0]["details"].is_string());
}

#[test]
fn n_and_offset_page_through_the_inbox_and_a_short_page_is_the_last() {
    let (sim, alice, bob) = scene();
    let sent: Vec<NotificationId> = (0..7).map(|_| invite(&sim, &alice.id, &bob.id)).collect();
    let newest_first: Vec<String> = sent.iter().rev().map(|id| id.as_str().to_owned()).collect();
    let cookie = cookie_of(&sim, &bob.id);
    assert_eq!(ids(&list(&sim, &cookie, "")), newest_first);
    assert_eq!(ids(&list(&sim, &cookie, "?n=3")), newest_first[..3]);
    assert_eq!(
        ids(&list(&sim, &cookie, "?n=3&offset=3")),
        newest_first[3..6]
    );
    assert_eq!(
        ids(&list(&sim, &cookie, "?offset=6&n=3")),
        newest_first[6..]
    );
    assert!(ids(&list(&sim, &cookie, "?n=3&offset=7")).is_empty());
    assert!(ids(&list(&sim, &cookie, "?offset=99999999999999999999")).is_empty());
    assert_eq!(
        ids(&list(&sim, &cookie, "?n=1&offset=1")),
        newest_first[1..2]
    );
    assert_eq!(ids(&list(&sim, &cookie, "?n=100")), newest_first);

    // A pager that stops on a short page sees everything once, in order.
    let mut seen = Vec::new();
    let mut pages = 0;
    for page in 0..10 {
        let got = ids(&list(&sim, &cookie, &format!("?n=2&offset={}", page * 2)));
        pages += 1;
        let short = got.len() < 2;
        seen.extend(got);
        if short {
            break;
        }
    }
    assert_eq!(pages, 4);
    assert_eq!(seen, newest_first);
}

#[test]
fn the_default_page_is_sixty() {
    let (sim, alice, bob) = scene();
    for _ in 0..61 {
        invite(&sim, &alice.id, &bob.id);
    }
    let cookie = cookie_of(&sim, &bob.id);
    assert_eq!(items(&list(&sim, &cookie, "")).len(), 60);
    assert_eq!(items(&list(&sim, &cookie, "?n=100")).len(), 61);
    assert_eq!(items(&list(&sim, &cookie, "?offset=60")).len(), 1);
}

#[test]
fn after_a_timestamp_lists_only_later_notifications() {
    let (sim, alice, bob) = scene();
    let cookie = cookie_of(&sim, &bob.id);
    let a = invite(&sim, &alice.id, &bob.id);
    let b = invite(&sim, &alice.id, &bob.id);
    let c = invite(&sim, &alice.id, &bob.id);
    let listed = items(&list(&sim, &cookie, ""));
    let date_of = |index: usize| {
        listed[index]["created_at"]
            .as_str()
            .expect("date")
            .to_owned()
    };
    let (date_c, date_b, date_a) = (date_of(0), date_of(1), date_of(2));
    assert_eq!(
        ids(&list(&sim, &cookie, &format!("?after={date_b}"))),
        strings(&[&c])
    );
    assert_eq!(
        ids(&list(&sim, &cookie, &format!("?after={date_a}"))),
        strings(&[&c, &b])
    );
    assert!(ids(&list(&sim, &cookie, &format!("?after={date_c}"))).is_empty());
    // Percent-encoded, and with an offset instead of Z.
    let encoded = date_a.replace(':', "%3A");
    assert_eq!(
        ids(&list(&sim, &cookie, &format!("?after={encoded}"))),
        strings(&[&c, &b])
    );
    assert_eq!(
        ids(&list(&sim, &cookie, "?after=2026-01-01T01:00:00.000+01:00")),
        strings(&[&c, &b]),
        "the first is dated exactly 00:00:00.000Z, so strictly after leaves it out"
    );
    assert_eq!(
        ids(&list(&sim, &cookie, "?after=2025-12-31T23:59:59Z")),
        strings(&[&c, &b, &a])
    );
    assert_eq!(
        ids(&list(
            &sim,
            &cookie,
            &format!("?after={date_a}&n=1&offset=1")
        )),
        strings(&[&b]),
        "after filters before the page is cut"
    );
}

#[test]
fn after_keywords_count_back_from_the_simulated_clock() {
    let (sim, alice, bob) = scene();
    let cookie = cookie_of(&sim, &bob.id);
    let old = invite(&sim, &alice.id, &bob.id);
    sim.advance_clock(Duration::from_secs(2 * 3600));
    let recent = invite(&sim, &alice.id, &bob.id);
    assert_eq!(
        ids(&list(&sim, &cookie, "?after=one_hour_ago")),
        strings(&[&recent])
    );
    assert_eq!(
        ids(&list(&sim, &cookie, "?after=one_day_ago")),
        strings(&[&recent, &old])
    );
    assert_eq!(
        ids(&list(&sim, &cookie, "?after=five_minutes_ago")),
        strings(&[&recent])
    );
    sim.advance_clock(Duration::from_secs(5 * 60));
    assert!(ids(&list(&sim, &cookie, "?after=five_minutes_ago")).is_empty());
    assert_eq!(
        ids(&list(&sim, &cookie, "?after=one_hour_ago")),
        strings(&[&recent])
    );
    sim.advance_clock(Duration::from_secs(24 * 3600));
    assert!(ids(&list(&sim, &cookie, "?after=one_day_ago")).is_empty());
    assert_eq!(ids(&list(&sim, &cookie, "")), strings(&[&recent, &old]));
}

#[test]
fn out_of_range_or_malformed_parameters_are_400_with_the_error_body() {
    let (sim, alice, bob) = scene();
    invite(&sim, &alice.id, &bob.id);
    let cookie = cookie_of(&sim, &bob.id);
    for query in [
        "?n=0",
        "?n=101",
        "?n=abc",
        "?n=",
        "?n=-5",
        "?offset=-1",
        "?offset=two",
        "?after=yesterday",
        "?after=2026-01-01",
        "?after=",
        "?hidden=maybe",
        "?n=5&n=6",
    ] {
        let reply = list(&sim, &cookie, query);
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST, "{query}");
        let body = json(&reply);
        let error = body["error"].as_object().expect("an error object");
        assert_eq!(error.len(), 2, "{body}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(error["status_code"], 400);
        assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{body}");
        let api =
            vrchat_invite_core::ApiError::from_parts(reply.status(), reply.headers(), reply.body());
        assert_eq!(api.status(), StatusCode::BAD_REQUEST, "{query}");
    }
    assert!(error_message(&list(&sim, &cookie, "?n=101")).contains("100"));
    // In range, and the deprecated parameters are ignored.
    for query in [
        "?n=1",
        "?n=100",
        "?offset=0",
        "?type=all&sent=false",
        "?hidden=false",
    ] {
        assert_eq!(items(&list(&sim, &cookie, query)).len(), 1, "{query}");
    }
}

#[test]
fn hidden_true_lists_only_hidden_friend_requests() {
    let (sim, alice, bob) = scene();
    let cookie = cookie_of(&sim, &bob.id);
    let invited = invite(&sim, &alice.id, &bob.id);
    assert!(items(&list(&sim, &cookie, "?hidden=true")).is_empty());
    assert_eq!(
        hide(&sim, &cookie, invited.as_str()).status(),
        StatusCode::OK
    );
    assert!(
        items(&list(&sim, &cookie, "?hidden=true")).is_empty(),
        "a hidden invite is no friend request"
    );
    let request = json!({
        "id": "frq_00000000-0000-0000-0000-000000000001",
        "type": "friendRequest",
        "created_at": "2026-01-01T00:00:00.000Z",
        "details": "{}",
        "message": "",
        "seen": false,
        "senderUserId": alice.id.as_str(),
    });
    let friend_request = sim.add_raw_notification(&bob.id, request.clone());
    assert_eq!(
        friend_request.as_str(),
        "frq_00000000-0000-0000-0000-000000000001"
    );
    assert!(items(&list(&sim, &cookie, "?hidden=true")).is_empty());
    assert_eq!(
        items(&list(&sim, &cookie, "")),
        std::slice::from_ref(&request)
    );
    hide(&sim, &cookie, friend_request.as_str());
    assert_eq!(items(&list(&sim, &cookie, "?hidden=true")), [request]);
    assert!(items(&list(&sim, &cookie, "")).is_empty());
}

#[test]
fn see_hide_and_clear_change_what_later_lists_and_gets_return() {
    let (sim, alice, bob) = scene();
    let bob_cookie = cookie_of(&sim, &bob.id);
    let alice_cookie = cookie_of(&sim, &alice.id);
    let x = invite(&sim, &alice.id, &bob.id);
    let y = invite(&sim, &alice.id, &bob.id);
    let z = invite(&sim, &alice.id, &bob.id);
    let alices_own = call(
        &sim,
        &session_as(&sim, &alice.id),
        &InviteMyselfTo::new(location()),
    )
    .expect("invite myself")
    .id;

    // get answers one, unseen.
    let fetched = json(&get(&sim, &bob_cookie, x.as_str()));
    assert_eq!(fetched["id"], x.as_str());
    assert_eq!(fetched["seen"], false);
    assert!(fetched["details"].is_string());
    assert!(fetched.get("receiverUserId").is_none());
    let listed = items(&list(&sim, &bob_cookie, ""));
    assert_eq!(listed[2], fetched, "get and list write it the same way");

    // see
    let seen = see(&sim, &bob_cookie, x.as_str());
    assert_eq!(seen.status(), StatusCode::OK);
    let seen = json(&seen);
    assert_eq!(seen["seen"], true);
    assert_eq!(seen["id"], x.as_str());
    assert!(seen.get("receiverUserId").is_none());
    assert_eq!(json(&get(&sim, &bob_cookie, x.as_str()))["seen"], true);
    let listed = items(&list(&sim, &bob_cookie, ""));
    let seen_flags: Vec<&Value> = listed.iter().map(|item| &item["seen"]).collect();
    assert_eq!(seen_flags, [&json!(false), &json!(false), &json!(true)]);
    assert!(sim.notifications_for(&bob.id)[0].seen);
    assert_eq!(
        json(&see(&sim, &bob_cookie, x.as_str()))["seen"],
        true,
        "seeing twice is fine"
    );

    // hide
    let hidden = hide(&sim, &bob_cookie, y.as_str());
    assert_eq!(hidden.status(), StatusCode::OK);
    assert_eq!(json(&hidden)["id"], y.as_str());
    assert_eq!(ids(&list(&sim, &bob_cookie, "")), strings(&[&z, &x]));
    let still = get(&sim, &bob_cookie, y.as_str());
    assert_eq!(
        still.status(),
        StatusCode::OK,
        "a hidden one can still be read"
    );
    assert_eq!(json(&still)["id"], y.as_str());
    assert_eq!(hide(&sim, &bob_cookie, y.as_str()).status(), StatusCode::OK);
    assert_eq!(sim.notifications_for(&bob.id).len(), 3);
    assert_eq!(sim.inbox(&bob.id).len(), 2);

    // clear
    let cleared = clear(&sim, Some(&bob_cookie));
    assert_eq!(cleared.status(), StatusCode::OK);
    assert_eq!(
        json(&cleared),
        json!({"success": {"message": "Ok", "status_code": 200}})
    );
    assert!(items(&list(&sim, &bob_cookie, "")).is_empty());
    assert!(items(&list(&sim, &bob_cookie, "?after=2000-01-01T00:00:00Z")).is_empty());
    assert_eq!(get(&sim, &bob_cookie, z.as_str()).status(), StatusCode::OK);
    assert_eq!(
        ids(&list(&sim, &alice_cookie, "")),
        strings(&[&alices_own]),
        "another user's inbox is untouched"
    );
    // New notifications arrive after a clear.
    let w = invite(&sim, &alice.id, &bob.id);
    assert_eq!(ids(&list(&sim, &bob_cookie, "")), strings(&[&w]));
    // A hidden invite can still be answered.
    let answered = call(
        &sim,
        &session_as(&sim, &bob.id),
        &RespondInvite::new(z.clone(), slot(0)),
    );
    assert!(answered.is_ok(), "{answered:?}");
}

#[test]
fn unknown_ids_and_other_users_notifications_are_404() {
    let (sim, alice, bob, carol) = trio();
    let bob_cookie = cookie_of(&sim, &bob.id);
    let alice_cookie = cookie_of(&sim, &alice.id);
    let to_bob = invite(&sim, &alice.id, &bob.id);
    let to_carol = invite(&sim, &bob.id, &carol.id);
    let unknown = "not_00000000-0000-4000-8000-00000000dead";
    let odd = "not_%2F..%2Fclear";
    for (cookie, id) in [
        (&bob_cookie, unknown),
        (&bob_cookie, odd),
        (&bob_cookie, "clear"),
        (&bob_cookie, to_carol.as_str()),
        (&alice_cookie, to_bob.as_str()),
    ] {
        for reply in [
            get(&sim, cookie, id),
            see(&sim, cookie, id),
            hide(&sim, cookie, id),
        ] {
            assert_eq!(reply.status(), StatusCode::NOT_FOUND, "{id}");
            assert_eq!(body_text(&reply), NOT_FOUND_BODY, "{id}");
            let api = vrchat_invite_core::ApiError::from_parts(
                reply.status(),
                reply.headers(),
                reply.body(),
            );
            assert_eq!(api.kind(), &ApiErrorKind::NotFound);
            assert_eq!(api.message(), Some("Notification not found"));
        }
    }
    // Nothing changed for the owners.
    let carols = items(&list(&sim, &cookie_of(&sim, &carol.id), ""));
    assert_eq!(carols.len(), 1);
    assert_eq!(carols[0]["seen"], false);
    assert_eq!(ids(&list(&sim, &bob_cookie, "")), strings(&[&to_bob]));
    assert!(!sim.notifications_for(&bob.id)[0].seen);
}

#[test]
fn every_inbox_route_needs_a_session() {
    let (sim, alice, bob) = scene();
    let id = invite(&sim, &alice.id, &bob.id);
    let id = id.as_str();
    for cookie in [None, Some("auth=authcookie_not-a-real-one")] {
        for reply in [
            raw(&sim, Method::GET, "/auth/user/notifications", cookie, b""),
            raw(
                &sim,
                Method::GET,
                "/auth/user/notifications?n=0",
                cookie,
                b"",
            ),
            on(&sim, cookie, Method::GET, id, ""),
            on(&sim, cookie, Method::PUT, id, "/see"),
            on(&sim, cookie, Method::PUT, id, "/hide"),
            clear(&sim, cookie),
        ] {
            assert_eq!(reply.status(), StatusCode::UNAUTHORIZED, "{cookie:?}");
            assert_eq!(error_message(&reply), "\"Missing Credentials\"");
        }
    }
    assert!(!sim.notifications_for(&bob.id)[0].seen);
    assert_eq!(sim.inbox(&bob.id).len(), 1);
}

#[test]
fn the_log_names_each_inbox_operation() {
    let (sim, alice, bob) = scene();
    let id = invite(&sim, &alice.id, &bob.id);
    let cookie = cookie_of(&sim, &bob.id);
    sim.clear_request_log();
    let before = sim.operation_counts();
    assert_eq!(before.get("getNotifications"), None);
    list(
        &sim,
        &cookie,
        "?n=5&offset=0&after=one_hour_ago&hidden=false",
    );
    list(&sim, &cookie, "");
    get(&sim, &cookie, id.as_str());
    see(&sim, &cookie, id.as_str());
    hide(&sim, &cookie, id.as_str());
    clear(&sim, Some(&cookie));
    raw(
        &sim,
        Method::DELETE,
        "/auth/user/notifications/clear",
        Some(&cookie),
        b"",
    );
    let counts = sim.operation_counts();
    for (operation, count) in [
        ("getNotifications", 2),
        ("getNotification", 1),
        ("markNotificationAsRead", 1),
        ("deleteNotification", 1),
        ("clearNotifications", 1),
    ] {
        assert_eq!(counts.get(operation), Some(&count), "{operation}");
    }
    assert_eq!(counts.get("unknown"), Some(&1));
    let log = sim.request_log();
    let lines: Vec<String> = log
        .iter()
        .map(|request| format!("{} {}", request.method, request.path))
        .collect();
    assert_eq!(
        lines,
        [
            "GET /api/1/auth/user/notifications?n=5&offset=0&after=one_hour_ago&hidden=false"
                .to_owned(),
            "GET /api/1/auth/user/notifications".to_owned(),
            format!("GET /api/1/auth/user/notifications/{id}"),
            format!("PUT /api/1/auth/user/notifications/{id}/see"),
            format!("PUT /api/1/auth/user/notifications/{id}/hide"),
            "PUT /api/1/auth/user/notifications/clear".to_owned(),
            "DELETE /api/1/auth/user/notifications/clear".to_owned(),
        ]
    );
}

#[test]
fn raw_notifications_are_served_verbatim_among_the_others() {
    let (sim, alice, bob) = scene();
    let cookie = cookie_of(&sim, &bob.id);
    let before = invite(&sim, &alice.id, &bob.id);
    let bad = json!({"id": "not_bad", "type": "invite", "created_at": 7, "details": [1, 2]});
    let bad_id = sim.add_raw_notification(&bob.id, bad.clone());
    assert_eq!(bad_id.as_str(), "not_bad");
    let boop = json!({
        "id": "not_boop", "type": "boop", "created_at": "2026-01-01T00:00:00Z",
        "details": "{\"emojiId\":\"default_1\"}", "message": "", "seen": false,
        "senderUserId": alice.id.as_str(),
    });
    let boop_id = sim.add_raw_notification(&bob.id, boop.clone());
    let not_an_object = sim.add_raw_notification(&bob.id, json!("just a string"));
    let duplicate = sim.add_raw_notification(&bob.id, json!({"id": "not_bad"}));
    assert!(not_an_object.as_str().starts_with("not_"));
    assert_ne!(duplicate, bad_id, "an ID in use is not taken twice");
    let after = invite(&sim, &alice.id, &bob.id);

    let listed = items(&list(&sim, &cookie, ""));
    assert_eq!(listed.len(), 6);
    assert_eq!(listed[0]["id"], after.as_str());
    assert_eq!(listed[1], json!({"id": "not_bad"}));
    assert_eq!(listed[2], json!("just a string"));
    assert_eq!(listed[3], boop);
    assert_eq!(listed[4], bad);
    assert_eq!(listed[5]["id"], before.as_str());

    assert_eq!(json(&get(&sim, &cookie, bad_id.as_str())), bad);
    assert_eq!(
        json(&see(&sim, &cookie, not_an_object.as_str())),
        json!("just a string")
    );
    assert_eq!(json(&hide(&sim, &cookie, boop_id.as_str())), boop);
    assert_eq!(items(&list(&sim, &cookie, "")).len(), 5);
    // The typed views keep only what decodes.
    let typed = sim.notifications_for(&bob.id);
    let typed_ids: Vec<&NotificationId> = typed.iter().map(|n| &n.id).collect();
    assert!(typed_ids.contains(&&before) && typed_ids.contains(&&after));
    assert!(!typed_ids.contains(&&bad_id), "its created_at is no string");
    assert!(!typed_ids.contains(&&not_an_object));
    let boop_typed = typed
        .iter()
        .find(|n| n.id == boop_id)
        .expect("the boop decodes");
    assert_eq!(boop_typed.kind, NotificationType::Boop);
    assert!(sim.inbox(&bob.id).iter().all(|n| n.id != boop_id));
    // Alice never sees Bob's raw notifications.
    assert!(items(&list(&sim, &cookie_of(&sim, &alice.id), "")).is_empty());
}

mod paging {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// One simulator with 25 invites for Bob, shared by the cases.
    fn fixture() -> &'static (Simulator, String, Vec<String>) {
        static FIXTURE: OnceLock<(Simulator, String, Vec<String>)> = OnceLock::new();
        FIXTURE.get_or_init(|| {
            let (sim, alice, bob) = scene();
            let sent: Vec<String> = (0..25)
                .map(|_| invite(&sim, &alice.id, &bob.id).as_str().to_owned())
                .collect();
            let cookie = cookie_of(&sim, &bob.id);
            (sim, cookie, sent.into_iter().rev().collect())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn a_page_is_the_slice_of_the_newest_first_list(n in 1usize..=100, offset in 0usize..30) {
            let (sim, cookie, newest_first) = fixture();
            let page = ids(&list(sim, cookie, &format!("?n={n}&offset={offset}")));
            let start = offset.min(newest_first.len());
            let end = (offset + n).min(newest_first.len());
            prop_assert_eq!(page, newest_first[start..end].to_vec());
        }

        #[test]
        fn n_outside_1_to_100_is_refused(n in prop_oneof![Just(0i64), 101i64..10_000, -10_000i64..0]) {
            let (sim, cookie, _) = fixture();
            let reply = list(sim, cookie, &format!("?n={n}"));
            prop_assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
        }
    }
}

#[test]
fn every_rest_notification_names_its_sender_by_senderusername() {
    let (sim, alice, bob, _) = trio();
    let alice_cookie = cookie_of(&sim, &alice.id);
    let bob_cookie = cookie_of(&sim, &bob.id);
    let body = json!({"instanceId": LOCATION}).to_string();
    let sent = raw(
        &sim,
        Method::POST,
        &format!("/invite/{}", bob.id),
        Some(&alice_cookie),
        body.as_bytes(),
    );
    assert_eq!(json(&sent)["senderUsername"], "Alice", "inviteUser");
    let id = json(&sent)["id"].as_str().expect("an id").to_owned();
    let requested = raw(
        &sim,
        Method::POST,
        &format!("/requestInvite/{}", bob.id),
        Some(&alice_cookie),
        b"",
    );
    assert_eq!(json(&requested)["senderUsername"], "Alice", "requestInvite");
    for reply in [
        get(&sim, &bob_cookie, &id),
        see(&sim, &bob_cookie, &id),
        hide(&sim, &bob_cookie, &id),
    ] {
        assert_eq!(
            json(&reply)["senderUsername"],
            "Alice",
            "{}",
            body_text(&reply)
        );
    }
    let answered = raw(
        &sim,
        Method::POST,
        &format!("/invite/{id}/response"),
        Some(&bob_cookie),
        br#"{"responseSlot":0}"#,
    );
    assert_eq!(json(&answered)["senderUsername"], "Bob", "respondInvite");
    let decoded: Notification =
        serde_json::from_slice(answered.body()).expect("the core decodes it");
    assert_eq!(decoded.sender_username.as_deref(), Some("Bob"));
}
