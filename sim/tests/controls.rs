//! The `/_sim/` test controls, driven over plain HTTP/1.1 as a program in any language would.

mod common;

use std::time::Duration;

use common::{AGENT, http};
use serde_json::{Value, json};
use vrchat_invite_sim::Simulator;

fn error_message(body: &Value) -> String {
    body["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_scene_set_up_and_a_cooldown_waited_out_over_http() {
    let sim = Simulator::start().expect("simulator");
    let (status, alice) = http(
        &sim,
        "POST",
        "/_sim/users",
        None,
        Some(&json!({
            "username": "alice", "password": "pw-a", "displayName": "Alice"
        })),
    );
    assert_eq!(status, 200);
    assert_eq!(alice["displayName"], "Alice");
    let alice_id = alice["id"].as_str().expect("an id").to_owned();
    assert!(alice_id.starts_with("usr_"));
    assert!(
        alice.get("password").is_none(),
        "the password is not echoed"
    );

    let (status, bob) = http(
        &sim,
        "POST",
        "/_sim/users",
        None,
        Some(&json!({
            "username": "bob", "password": "pw-b", "id": "usr_bob", "twoFactor": "totp"
        })),
    );
    assert_eq!(status, 200);
    assert_eq!(bob["id"], "usr_bob");
    assert_eq!(bob["recoveryCodes"].as_array().map(Vec::len), Some(8));
    let (status, code) = http(&sim, "GET", "/_sim/users/usr_bob/totp", None, None);
    assert_eq!(status, 200);
    let code = code["code"].as_str().expect("a code").to_owned();
    assert_eq!(code.len(), 6);
    assert!(code.bytes().all(|b| b.is_ascii_digit()));

    let (status, token) = http(
        &sim,
        "POST",
        &format!("/_sim/users/{alice_id}/session"),
        None,
        None,
    );
    assert_eq!(status, 200);
    let token = token["authToken"].as_str().expect("a token").to_owned();

    // Not friends yet: the invite is refused; after the control, it goes through.
    let invite = json!({"instanceId": "wrld_1:1"});
    let (status, _) = http(&sim, "POST", "/invite/usr_bob", Some(&token), Some(&invite));
    assert_eq!(status, 403);
    let (status, pair) = http(
        &sim,
        "POST",
        "/_sim/friendships",
        None,
        Some(&json!({"users": [alice_id, "usr_bob"]})),
    );
    assert_eq!((status, pair["users"][1].clone()), (200, json!("usr_bob")));
    let (status, sent) = http(&sim, "POST", "/invite/usr_bob", Some(&token), Some(&invite));
    assert_eq!(status, 200);
    assert_eq!(sent["receiverUserId"], "usr_bob");

    // An edit starts the 60-minute cooldown, counted down from 59 as VRChat counts it (the
    // last minute reads 0); the clock control waits it out.
    let edit_path = format!("/message/{alice_id}/message/0");
    let edit = json!({"message": "hello"});
    assert_eq!(
        http(&sim, "PUT", &edit_path, Some(&token), Some(&edit)).0,
        200
    );
    let (status, refused) = http(&sim, "PUT", &edit_path, Some(&token), Some(&edit));
    assert_eq!(status, 429);
    assert!(
        error_message(&refused).contains("59 more minutes"),
        "{refused}"
    );
    let (status, now) = http(
        &sim,
        "POST",
        "/_sim/clock/advance",
        None,
        Some(&json!({"minutes": 59})),
    );
    assert_eq!(status, 200);
    assert_eq!(now["now"], "2026-01-01T00:59:00.000Z");
    let (status, refused) = http(&sim, "PUT", &edit_path, Some(&token), Some(&edit));
    assert_eq!(status, 429);
    assert!(
        error_message(&refused).contains("wait 0 more minutes"),
        "{refused}"
    );
    http(
        &sim,
        "POST",
        "/_sim/clock/advance",
        None,
        Some(&json!({"minutes": 1})),
    );
    assert_eq!(
        http(&sim, "PUT", &edit_path, Some(&token), Some(&edit)).0,
        200
    );
    let (_, clock) = http(&sim, "GET", "/_sim/clock", None, None);
    assert_eq!(clock["now"], "2026-01-01T01:00:00.000Z");

    // The log has the API requests only, in order, with the cookie redacted.
    let (status, log) = http(&sim, "GET", "/_sim/requests", None, None);
    assert_eq!(status, 200);
    assert_eq!(log["total"], 6);
    assert_eq!(log["byOperation"]["inviteUser"], 2);
    assert_eq!(log["byOperation"]["updateInviteMessage"], 4);
    let requests = log["requests"].as_array().expect("requests");
    assert_eq!(requests.len(), 6);
    assert_eq!(requests[0]["method"], "POST");
    assert_eq!(requests[0]["path"], "/api/1/invite/usr_bob");
    assert_eq!(requests[0]["body"], invite.to_string());
    assert_eq!(requests[0]["headers"]["user-agent"], AGENT);
    assert_eq!(requests[0]["headers"]["cookie"], "<redacted>");
    assert!(
        !log.to_string().contains(&token),
        "no session token in the log"
    );
    assert_eq!(sim.request_count(), 6);

    // Reset forgets everything: users, sessions, the log, the clock.
    let (status, _) = http(&sim, "POST", "/_sim/reset", None, None);
    assert_eq!(status, 200);
    assert_eq!(
        http(&sim, "PUT", &edit_path, Some(&token), Some(&edit)).0,
        401
    );
    assert_eq!(
        http(&sim, "GET", "/_sim/users/usr_bob/totp", None, None).0,
        404
    );
    let (_, clock) = http(&sim, "GET", "/_sim/clock", None, None);
    assert_eq!(clock["now"], "2026-01-01T00:00:00.000Z");
    let (_, log) = http(&sim, "GET", "/_sim/requests", None, None);
    assert_eq!(log["total"], 1, "only the refused edit after the reset");
}

#[test]
fn bad_control_requests_are_refused() {
    let sim = Simulator::start().expect("simulator");
    let cases = [
        (
            "POST",
            "/_sim/clock/advance",
            Some(json!({"minutes": -1})),
            400,
        ),
        (
            "POST",
            "/_sim/clock/advance",
            Some(json!({"minutes": 1.5})),
            400,
        ),
        ("POST", "/_sim/clock/advance", Some(json!({})), 400),
        (
            "POST",
            "/_sim/clock/advance",
            Some(json!({"minutes": u64::MAX})),
            400,
        ),
        ("POST", "/_sim/users", Some(json!({"username": "x"})), 400),
        (
            "POST",
            "/_sim/users",
            Some(json!({"username": "x", "password": "y", "twoFactor": "sms"})),
            400,
        ),
        (
            "POST",
            "/_sim/friendships",
            Some(json!({"users": ["usr_nobody", "usr_none"]})),
            404,
        ),
        (
            "POST",
            "/_sim/friendships",
            Some(json!({"users": ["usr_a"]})),
            400,
        ),
        ("POST", "/_sim/users/usr_nobody/session", None, 404),
        ("GET", "/_sim/clock/advance", None, 404),
        ("DELETE", "/_sim/reset", None, 404),
        ("GET", "/_sim/unknown", None, 404),
    ];
    for (method, path, body, expected) in cases {
        let (status, reply) = http(&sim, method, path, None, body.as_ref());
        assert_eq!(status, expected, "{method} {path} {body:?}: {reply}");
        let code = reply["error"]["status_code"]
            .as_u64()
            .or(reply["status_code"].as_u64());
        assert_eq!(code, Some(u64::from(expected)), "{reply}");
    }
    // Nothing moved and nothing was logged.
    assert_eq!(sim.now().as_str(), "2026-01-01T00:00:00.000Z");
    assert_eq!(sim.request_count(), 0);
}

#[test]
fn the_rust_handle_resets_as_the_control_does() {
    let sim = Simulator::start().expect("simulator");
    let alice = sim.add_user(vrchat_invite_sim::UserSpec::new("alice", "pw"));
    let token = sim.open_session(&alice.id);
    sim.advance_clock(Duration::from_secs(600));
    let (status, _) = http(&sim, "GET", "/auth", Some(token.expose()), None);
    assert_eq!(status, 200);
    sim.reset();
    assert_eq!(sim.now().as_str(), "2026-01-01T00:00:00.000Z");
    assert_eq!(sim.request_count(), 0);
    assert!(sim.notifications_for(&alice.id).is_empty());
    let (status, _) = http(&sim, "GET", "/auth", Some(token.expose()), None);
    assert_eq!(status, 401, "the session is gone");
}

/// RFC 4648 base32 (no padding) back to bytes, as an authenticator app reads a secret.
fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bytes = Vec::new();
    let (mut buffer, mut bits) = (0_u32, 0_u32);
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|&a| a == c).expect("base32") as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
        }
    }
    bytes
}

#[test]
fn the_totp_secret_and_the_email_code_are_handed_out_over_http() {
    let sim = Simulator::start().expect("simulator");
    let (_, alice) = http(
        &sim,
        "POST",
        "/_sim/users",
        None,
        Some(
            &json!({"username": "alice", "password": "pw-a", "id": "usr_alice", "twoFactor": "totp"}),
        ),
    );
    let secret = alice["totpSecret"].as_str().expect("a secret").to_owned();
    let (status, totp) = http(&sim, "GET", "/_sim/users/usr_alice/totp", None, None);
    assert_eq!(status, 200);
    assert_eq!(totp["secret"], secret.as_str());

    // A program computes the code itself from the secret and the simulated clock.
    http(
        &sim,
        "POST",
        "/_sim/clock/advance",
        None,
        Some(&json!({"seconds": 45})),
    );
    let seconds =
        u64::try_from(vrchat_invite_sim::START_UNIX_MILLIS / 1000).expect("after 1970") + 45;
    let computed =
        totp_lite::totp_custom::<totp_lite::Sha1>(30, 6, &base32_decode(&secret), seconds);
    let (_, now) = http(&sim, "GET", "/_sim/users/usr_alice/totp", None, None);
    assert_eq!(now["code"], computed.as_str());
    let login = common::raw_login(&sim, &common::basic("alice", "pw-a"), None);
    let token = common::cookie_value(&login, "auth").expect("auth cookie");
    let (status, verified) = http(
        &sim,
        "POST",
        "/auth/twofactorauth/totp/verify",
        Some(&token),
        Some(&json!({"code": computed})),
    );
    assert_eq!((status, verified["verified"].clone()), (200, json!(true)));

    // The emailed code of an email-2FA account, after its password login.
    let (_, carol) = http(
        &sim,
        "POST",
        "/_sim/users",
        None,
        Some(
            &json!({"username": "carol", "password": "pw-c", "id": "usr_carol", "twoFactor": "emailOtp"}),
        ),
    );
    assert_eq!(carol["totpSecret"], Value::Null);
    let (status, before) = http(&sim, "GET", "/_sim/users/usr_carol/email-code", None, None);
    assert_eq!((status, before), (200, json!({"code": null})));
    let login = common::raw_login(&sim, &common::basic("carol", "pw-c"), None);
    let token = common::cookie_value(&login, "auth").expect("auth cookie");
    let (_, emailed) = http(&sim, "GET", "/_sim/users/usr_carol/email-code", None, None);
    let code = emailed["code"].as_str().expect("a code").to_owned();
    assert_eq!(
        Some(code.clone()),
        sim.last_email_code(&"usr_carol".parse().expect("id"))
    );
    let (status, verified) = http(
        &sim,
        "POST",
        "/auth/twofactorauth/emailotp/verify",
        Some(&token),
        Some(&json!({"code": code})),
    );
    assert_eq!((status, verified["verified"].clone()), (200, json!(true)));
    assert_eq!(
        http(&sim, "GET", "/_sim/users/usr_nobody/email-code", None, None).0,
        404
    );
}
