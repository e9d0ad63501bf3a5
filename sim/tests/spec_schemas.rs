//! Every route's replies, success and error, checked against the response schemas of the
//! community OpenAPI description (required fields and types), so clients generated from it
//! decode them.

mod common;
mod spec;

use std::collections::BTreeSet;

use http::{Method, Request, Response};
use serde_json::{Value, json};
use vrchat_invite_core::inbox::{
    ClearNotifications, GetNotification, HideNotification, ListNotifications, MarkNotificationSeen,
};
use vrchat_invite_core::invite::{InviteMyselfTo, InviteUser, RequestInvite, RespondInvite};
use vrchat_invite_core::messages::{
    GetInviteMessage, GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage,
    UpdateInviteMessage,
};
use vrchat_invite_core::{Endpoint, NotificationId, Session, Slot};
use vrchat_invite_sim::{Simulator, UserSpec};

use common::{AGENT, basic, png, session_as};

/// One request and the simulator's reply to it.
struct Exchange {
    method: Method,
    /// Below the base path, without the query.
    path: String,
    status: u16,
    body: Vec<u8>,
}

struct Recorder<'a> {
    sim: &'a Simulator,
    exchanges: Vec<Exchange>,
}

impl Recorder<'_> {
    fn send(&mut self, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
        let reply = self.sim.send(request).expect("the simulator answers");
        let base = self.sim.base_url();
        let full = format!("http://{}{}", self.sim.addr(), request.uri().path());
        let path = full.strip_prefix(&base).unwrap_or(&full).to_owned();
        self.exchanges.push(Exchange {
            method: request.method().clone(),
            path,
            status: reply.status().as_u16(),
            body: reply.body().clone(),
        });
        reply
    }

    fn call<E: Endpoint>(&mut self, session: &Session, endpoint: &E) -> Response<Vec<u8>> {
        self.send(&session.request(endpoint).expect("a request"))
    }

    fn raw(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Value,
    ) -> Response<Vec<u8>> {
        let mut builder = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.sim.base_url()))
            .header("user-agent", AGENT)
            .header("content-type", "application/json");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let body = if body.is_null() {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        self.send(&builder.body(body).expect("a request"))
    }
}

fn json_of(reply: &Response<Vec<u8>>) -> Value {
    serde_json::from_slice(reply.body()).expect("a JSON body")
}

fn cookie_from(reply: &Response<Vec<u8>>, name: &str) -> String {
    reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookie| {
            let (key, value) = cookie.split(';').next()?.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
        .unwrap_or_else(|| panic!("a {name} cookie"))
}

/// Runs every route the simulator serves, in its success and documented error cases.
fn run_every_route(sim: &Simulator) -> Vec<Exchange> {
    let alice = sim.add_user(UserSpec::new("alice", "alice-pw").display_name("Alice"));
    let bob = sim.add_user(UserSpec::new("bob", "bob-pw").with_totp());
    let carol = sim.add_user(UserSpec::new("carol", "carol-pw").with_email_otp());
    let dave = sim.add_user(UserSpec::new("dave", "dave-pw"));
    sim.make_friends(&alice.id, &bob.id);
    let mut r = Recorder {
        sim,
        exchanges: Vec::new(),
    };
    let as_alice = session_as(sim, &alice.id);
    let as_bob = session_as(sim, &bob.id);

    // Login and 2FA.
    let login = r.raw(
        Method::GET,
        "/auth/user",
        &[("authorization", &basic("alice", "alice-pw"))],
        Value::Null,
    );
    let alice_cookie = format!("auth={}", cookie_from(&login, "auth"));
    r.raw(
        Method::GET,
        "/auth/user",
        &[("cookie", &alice_cookie)],
        Value::Null,
    );
    r.raw(Method::GET, "/auth/user", &[], Value::Null);
    let pending = r.raw(
        Method::GET,
        "/auth/user",
        &[("authorization", &basic("bob", "bob-pw"))],
        Value::Null,
    );
    let bob_cookie = format!("auth={}", cookie_from(&pending, "auth"));
    let code = sim.totp_code(&bob.id).expect("a TOTP code");
    r.raw(
        Method::POST,
        "/auth/twofactorauth/totp/verify",
        &[("cookie", &bob_cookie)],
        json!({"code": code}),
    );
    r.raw(
        Method::POST,
        "/auth/twofactorauth/totp/verify",
        &[],
        json!({"code": "000000"}),
    );
    let pending = r.raw(
        Method::GET,
        "/auth/user",
        &[("authorization", &basic("bob", "bob-pw"))],
        Value::Null,
    );
    let bob_cookie = format!("auth={}", cookie_from(&pending, "auth"));
    let recovery = sim
        .recovery_codes(&bob.id)
        .first()
        .cloned()
        .expect("a recovery code");
    r.raw(
        Method::POST,
        "/auth/twofactorauth/otp/verify",
        &[("cookie", &bob_cookie)],
        json!({"code": recovery}),
    );
    r.raw(
        Method::POST,
        "/auth/twofactorauth/otp/verify",
        &[],
        json!({"code": "0000-0000"}),
    );
    let pending = r.raw(
        Method::GET,
        "/auth/user",
        &[("authorization", &basic("carol", "carol-pw"))],
        Value::Null,
    );
    let carol_cookie = format!("auth={}", cookie_from(&pending, "auth"));
    let email_code = sim.last_email_code(&carol.id).expect("an email code");
    r.raw(
        Method::POST,
        "/auth/twofactorauth/emailotp/verify",
        &[("cookie", &carol_cookie)],
        json!({"code": email_code}),
    );
    r.raw(
        Method::POST,
        "/auth/twofactorauth/emailotp/verify",
        &[],
        json!({"code": "000000"}),
    );
    r.raw(
        Method::GET,
        "/auth",
        &[("cookie", &alice_cookie)],
        Value::Null,
    );
    r.raw(Method::GET, "/auth", &[], Value::Null);

    // Invites, requests and responses.
    let location = "wrld_1:1~region(eu)".parse().expect("a location");
    let invite = InviteUser::new(bob.id.clone(), location);
    r.call(&as_alice, &invite);
    r.call(&as_alice, &invite.clone().with_photo(png()));
    r.call(
        &as_alice,
        &InviteUser::new(dave.id.clone(), "wrld_1:1".parse().expect("a location")),
    );
    r.call(
        &as_alice,
        &InviteMyselfTo::new("wrld_1:2".parse().expect("a location")),
    );
    r.raw(Method::POST, "/invite/myself/to/wrld_1:2", &[], Value::Null);
    r.call(&as_bob, &RequestInvite::new(alice.id.clone()));
    r.call(
        &as_bob,
        &RequestInvite::new(alice.id.clone()).with_photo(png()),
    );
    r.call(&as_bob, &RequestInvite::new(dave.id.clone()));
    let received: Vec<NotificationId> = sim.inbox(&bob.id).into_iter().map(|n| n.id).collect();
    let slot = Slot::new(0).expect("a slot");
    r.call(&as_bob, &RespondInvite::new(received[0].clone(), slot));
    r.call(
        &as_bob,
        &RespondInvite::new(received[1].clone(), slot).with_photo(png()),
    );
    r.call(&as_bob, &RespondInvite::new(received[0].clone(), slot));

    // Invite messages.
    let kind = InviteMessageType::Message;
    r.call(&as_alice, &GetInviteMessages::new(alice.id.clone(), kind));
    r.call(&as_alice, &GetInviteMessages::new(bob.id.clone(), kind));
    r.call(
        &as_alice,
        &GetInviteMessage::new(alice.id.clone(), kind, slot),
    );
    r.call(
        &as_alice,
        &GetInviteMessage::new(bob.id.clone(), kind, slot),
    );
    let alice_path = format!("/message/{}/message", alice.id);
    let alice_auth = format!("auth={}", as_alice.auth_cookie().expect("a token").expose());
    let with_alice = [("cookie", alice_auth.as_str())];
    r.raw(
        Method::GET,
        &format!("{alice_path}/-1"),
        &with_alice,
        Value::Null,
    );
    r.raw(
        Method::GET,
        &format!("{alice_path}/12"),
        &with_alice,
        Value::Null,
    );
    let text = MessageText::new("See you there").expect("a message");
    let update = UpdateInviteMessage::new(alice.id.clone(), kind, slot, text);
    r.call(&as_alice, &update);
    r.call(&as_alice, &update);
    r.raw(
        Method::PUT,
        &format!("{alice_path}/12"),
        &with_alice,
        json!({"message": "x"}),
    );
    r.call(
        &as_alice,
        &ResetInviteMessage::new(alice.id.clone(), kind, slot),
    );
    sim.advance_clock(std::time::Duration::from_secs(3600));
    r.call(
        &as_alice,
        &ResetInviteMessage::new(alice.id.clone(), kind, slot),
    );
    r.call(
        &as_alice,
        &ResetInviteMessage::new(alice.id.clone(), kind, Slot::new(5).expect("a slot")),
    );

    // The inbox.
    r.call(&as_bob, &ListNotifications::new());
    r.raw(Method::GET, "/auth/user/notifications", &[], Value::Null);
    r.call(&as_bob, &GetNotification::new(received[0].clone()));
    r.call(
        &as_bob,
        &GetNotification::new(NotificationId::new("not_unknown").expect("an id")),
    );
    r.call(&as_bob, &MarkNotificationSeen::new(received[0].clone()));
    r.call(&as_bob, &HideNotification::new(received[0].clone()));
    r.call(&as_bob, &ClearNotifications::new());
    r.raw(
        Method::PUT,
        "/auth/user/notifications/clear",
        &[],
        Value::Null,
    );

    // Logout last: it ends alice's password session.
    r.raw(
        Method::PUT,
        "/logout",
        &[("cookie", &alice_cookie)],
        Value::Null,
    );
    r.raw(Method::PUT, "/logout", &[], Value::Null);
    r.exchanges
}

#[test]
fn every_reply_fits_the_spec() {
    if !spec::available() {
        return;
    }
    let sim = Simulator::start().expect("simulator");
    let exchanges = run_every_route(&sim);
    let documented = spec::operations();
    assert!(documented.len() > 20, "the spec lists the operations");
    let mut failures = Vec::new();
    let mut checked = BTreeSet::new();
    for exchange in &exchanges {
        let operation = documented
            .iter()
            .filter(|op| {
                op.method == exchange.method.as_str() && spec::fits(&op.template, &exchange.path)
            })
            .min_by_key(|op| spec::placeholders(&op.template))
            .unwrap_or_else(|| {
                panic!(
                    "no operation in the spec for {} {}",
                    exchange.method, exchange.path
                )
            });
        let Some(schema) = operation.replies.get(&exchange.status) else {
            failures.push(format!(
                "{} {} answered {}, a status the spec does not list for {}",
                exchange.method, exchange.path, exchange.status, operation.operation
            ));
            continue;
        };
        let Some(schema) = schema else { continue };
        let body: Value = match serde_json::from_slice(&exchange.body) {
            Ok(body) => body,
            Err(error) => {
                failures.push(format!(
                    "{} {}: not JSON: {error}",
                    exchange.method, exchange.path
                ));
                continue;
            }
        };
        let validator = jsonschema::validator_for(schema).expect("a valid schema");
        for error in validator.iter_errors(&body) {
            failures.push(format!(
                "{} {} ({} {}): {} at {}",
                exchange.method,
                exchange.path,
                operation.operation,
                exchange.status,
                error,
                error.instance_path()
            ));
        }
        checked.insert((operation.operation.clone(), exchange.status));
    }
    assert!(
        failures.is_empty(),
        "replies that do not fit the spec:\n{}",
        failures.join("\n")
    );
    // Every operation the simulator serves was checked in its success case.
    for operation in [
        "getCurrentUser",
        "verify2FA",
        "verifyRecoveryCode",
        "verify2FAEmailCode",
        "verifyAuthToken",
        "logout",
        "inviteUser",
        "inviteUserWithPhoto",
        "requestInvite",
        "requestInviteWithPhoto",
        "respondInvite",
        "respondInviteWithPhoto",
        "inviteMyselfTo",
        "getInviteMessages",
        "getInviteMessage",
        "updateInviteMessage",
        "resetInviteMessage",
        "getNotifications",
        "getNotification",
        "markNotificationAsRead",
        "deleteNotification",
        "clearNotifications",
    ] {
        assert!(
            checked.contains(&(operation.to_owned(), 200)),
            "{operation} 200 was checked"
        );
    }
    assert!(
        checked.len() > 35,
        "error replies were checked too: {checked:?}"
    );
}

#[test]
fn the_current_user_has_every_field_the_spec_requires() {
    let sim = Simulator::start().expect("simulator");
    let alice = sim.add_user(UserSpec::new("alice", "alice-pw"));
    let session = session_as(&sim, &alice.id);
    let reply = sim
        .send(
            &session
                .request(&vrchat_invite_core::auth::GetCurrentUser::with_session())
                .expect("a request"),
        )
        .expect("an answer");
    let user = json_of(&reply);
    for field in [
        "acceptedTOSVersion",
        "friendKey",
        "homeLocation",
        "isAdult",
        "pronouns",
        "statusFirstTime",
    ] {
        assert!(user.get(field).is_some(), "{field} in {user}");
    }
}

#[test]
fn templates_match_paths_segment_by_segment() {
    assert!(spec::fits("/invite/{userId}", "/invite/usr_1"));
    assert!(!spec::fits("/invite/{userId}", "/invite/usr_1/photo"));
    assert!(spec::fits(
        "/invite/myself/to/{worldId}:{instanceId}",
        "/invite/myself/to/wrld_1:2~x"
    ));
    assert!(!spec::fits(
        "/invite/myself/to/{worldId}:{instanceId}",
        "/invite/myself/to/wrld_1"
    ));
    assert!(spec::fits(
        "/auth/user/notifications/clear",
        "/auth/user/notifications/clear"
    ));
    assert!(spec::fits(
        "/auth/user/notifications/{notificationId}",
        "/auth/user/notifications/clear"
    ));
    assert!(!spec::fits("/logout", "/login"));
}
