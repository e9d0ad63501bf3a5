//! Login, 2FA, remembered devices, the session limit, token checks and logout.

mod common;

use common::*;
use http::{Method, StatusCode};
use vrchat_invite_core::auth::{
    GetCurrentUser, LoginReply, Logout, TwoFactorMethod, VerifyAuthToken,
};
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::{ApiErrorKind, Endpoint};
use vrchat_invite_sim::{Simulator, UserSpec};

fn messages_path(user: &vrchat_invite_core::UserId) -> String {
    format!("/message/{user}/message")
}

#[test]
fn password_login_sets_the_auth_cookie_and_answers_the_user() {
    let (sim, alice, _) = scene();
    let reply = raw_login(&sim, &basic("alice", "alice-pw"), None);
    assert_eq!(reply.status(), StatusCode::OK);
    let cookies = set_cookies(&reply);
    assert_eq!(cookies.len(), 1);
    assert!(cookies[0].starts_with("auth=authcookie_"), "{cookies:?}");
    assert!(cookies[0].ends_with("; Path=/; HttpOnly"), "{cookies:?}");
    let body = json(&reply);
    assert_eq!(body["id"], alice.id.as_str());
    assert_eq!(body["displayName"], "Alice");
    assert_eq!(body["username"], "alice");
    assert_eq!(body["twoFactorAuthEnabled"], false);

    let cookie = format!(
        "auth={}",
        cookie_value(&reply, "auth").expect("auth cookie")
    );
    let list = raw(
        &sim,
        Method::GET,
        &messages_path(&alice.id),
        Some(&cookie),
        b"",
    );
    assert_eq!(list.status(), StatusCode::OK);
    let again = raw(&sim, Method::GET, "/auth/user", Some(&cookie), b"");
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(json(&again)["id"], alice.id.as_str());
    assert!(
        set_cookies(&again).is_empty(),
        "no new session for a live cookie"
    );
    assert_eq!(sim.active_sessions(&alice.id), 1);
}

#[test]
fn the_core_login_flow_completes_without_2fa() {
    let (sim, alice, _) = scene();
    let mut session = anonymous(&sim);
    let user = log_in(&sim, &mut session, "alice", "alice-pw", no_code).expect("login");
    assert_eq!(user.id, alice.id);
    assert_eq!(user.display_name, "Alice");
    assert_eq!(session.user_id(), Some(&alice.id));
    let list = GetInviteMessages::new(alice.id.clone(), InviteMessageType::Message);
    assert_eq!(call(&sim, &session, &list).expect("list").len(), 12);
}

#[test]
fn wrong_credentials_are_refused() {
    let (sim, _, _) = scene();
    for (user, password) in [
        ("alice", "wrong"),
        ("nobody", "alice-pw"),
        ("alice", "ALICE-PW"),
    ] {
        let reply = raw_login(&sim, &basic(user, password), None);
        assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            error_message(&reply),
            "\"Invalid Username/Email or Password\""
        );
        assert!(set_cookies(&reply).is_empty());
    }
    let mut session = anonymous(&sim);
    let error = api_error(log_in(&sim, &mut session, "alice", "nope", no_code));
    assert_eq!(error.kind(), &ApiErrorKind::InvalidCredentials);
}

#[test]
fn malformed_authorization_headers_are_refused() {
    let (sim, _, _) = scene();
    for header in [
        "Basic !!!not base64",
        "Bearer YWxpY2U6YWxpY2UtcHc=",
        "Basic YWxpY2U=", // "alice", no colon
        "Basic",
    ] {
        let reply = raw_login(&sim, header, None);
        assert_eq!(reply.status(), StatusCode::UNAUTHORIZED, "{header}");
    }
    // The raw, correct header for comparison: base64("alice:alice-pw").
    let reply = raw_login(&sim, "basic YWxpY2U6YWxpY2UtcHc=", None);
    assert_eq!(reply.status(), StatusCode::OK);
}

#[test]
fn credentials_are_percent_decoded_after_splitting() {
    let sim = Simulator::start().expect("simulator");
    let odd = sim.add_user(UserSpec::new("a:b é", "p%: w+d"));
    let mut session = anonymous(&sim);
    let user = log_in(&sim, &mut session, "a:b é", "p%: w+d", no_code).expect("login");
    assert_eq!(user.id, odd.id);
    let mut other = anonymous(&sim);
    let upper = log_in(&sim, &mut other, "A:B é", "p%: w+d", no_code).expect("case-insensitive");
    assert_eq!(upper.id, odd.id);
}

#[test]
fn no_credentials_at_all_is_missing_credentials() {
    let (sim, _, _) = scene();
    let reply = raw(&sim, Method::GET, "/auth/user", None, b"");
    assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_message(&reply), "\"Missing Credentials\"");
    let stale = raw(
        &sim,
        Method::GET,
        "/auth/user",
        Some("auth=authcookie_stale"),
        b"",
    );
    assert_eq!(stale.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn totp_login_needs_the_current_code() {
    let sim = Simulator::start().expect("simulator");
    let carol = sim.add_user(UserSpec::new("carol", "pw").with_totp());
    let reply = raw_login(&sim, &basic("carol", "pw"), None);
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(
        json(&reply),
        serde_json::json!({"requiresTwoFactorAuth": ["totp", "otp"]})
    );
    let cookie = format!(
        "auth={}",
        cookie_value(&reply, "auth").expect("auth cookie")
    );

    // Not usable until verified: VRChat's own 401 for a half-logged session, byte for byte,
    // which the core tells apart from an expired session.
    let requires_two_factor =
        r#"{"error":{"message":"\"Requires Two-Factor Authentication\"","status_code":401}}"#;
    for (method, path) in [
        (Method::GET, messages_path(&carol.id)),
        (Method::GET, "/auth".to_owned()),
        (Method::GET, "/auth/user/notifications".to_owned()),
        (Method::PUT, "/auth/user/notifications/clear".to_owned()),
    ] {
        let refused = raw(&sim, method, &path, Some(&cookie), b"");
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(
            std::str::from_utf8(refused.body()).expect("utf-8"),
            requires_two_factor,
            "{path}"
        );
        let error = vrchat_invite_core::ApiError::from_parts(
            refused.status(),
            refused.headers(),
            refused.body(),
        );
        assert_eq!(
            error.kind(),
            &vrchat_invite_core::ApiErrorKind::TwoFactorRequired
        );
    }
    // Without any session it stays "Missing Credentials".
    let anonymous = raw(&sim, Method::GET, &messages_path(&carol.id), None, b"");
    assert_eq!(
        std::str::from_utf8(anonymous.body()).expect("utf-8"),
        r#"{"error":{"message":"\"Missing Credentials\"","status_code":401}}"#
    );
    let pending = raw(&sim, Method::GET, "/auth/user", Some(&cookie), b"");
    assert_eq!(json(&pending)["requiresTwoFactorAuth"][0], "totp");

    let code = sim.totp_code(&carol.id).expect("a TOTP account");
    assert_eq!(code.len(), 6);
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let wrong = raw(
        &sim,
        Method::POST,
        "/auth/twofactorauth/totp/verify",
        Some(&cookie),
        format!(r#"{{"code":"{wrong_code}"}}"#).as_bytes(),
    );
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_message(&wrong), "\"Invalid 2FA code\"");

    let right = raw(
        &sim,
        Method::POST,
        "/auth/twofactorauth/totp/verify",
        Some(&cookie),
        format!(r#"{{"code":"{code}"}}"#).as_bytes(),
    );
    assert_eq!(right.status(), StatusCode::OK);
    assert_eq!(json(&right)["verified"], true);
    let device = cookie_value(&right, "twoFactorAuth").expect("twoFactorAuth cookie");
    assert!(set_cookies(&right)[0].ends_with("; Path=/; HttpOnly"));
    assert!(!device.is_empty());

    let list = raw(
        &sim,
        Method::GET,
        &messages_path(&carol.id),
        Some(&cookie),
        b"",
    );
    assert_eq!(list.status(), StatusCode::OK);
}

#[test]
fn a_totp_code_expires_with_its_30_second_step() {
    let sim = Simulator::start().expect("simulator");
    let carol = sim.add_user(UserSpec::new("carol", "pw").with_totp());
    let stale = sim.totp_code(&carol.id).expect("code");
    sim.advance_clock(std::time::Duration::from_secs(29));
    assert_eq!(sim.totp_code(&carol.id).as_deref(), Some(stale.as_str()));
    sim.advance_clock(std::time::Duration::from_secs(1));
    let fresh = sim.totp_code(&carol.id).expect("code");
    assert_ne!(fresh, stale);

    let mut session = anonymous(&sim);
    let error = api_error(log_in(&sim, &mut session, "carol", "pw", |_| {
        (TwoFactorMethod::Totp, stale.clone())
    }));
    assert_eq!(error.kind(), &ApiErrorKind::InvalidTwoFactorCode);
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
}

#[test]
fn the_core_login_flow_completes_with_totp_and_remembers_the_device() {
    let sim = Simulator::start().expect("simulator");
    let carol = sim.add_user(UserSpec::new("carol", "pw").with_totp());
    let code = sim.totp_code(&carol.id).expect("code");
    let mut session = anonymous(&sim);
    let mut asked = Vec::new();
    let user = log_in(&sim, &mut session, "carol", "pw", |methods| {
        asked = methods.to_vec();
        (TwoFactorMethod::Totp, code.clone())
    })
    .expect("login");
    assert_eq!(user.id, carol.id);
    assert_eq!(asked, vec![TwoFactorMethod::Totp, TwoFactorMethod::Otp]);
    assert!(session.two_factor_cookie().is_some());

    // A later password login from the remembered device skips 2FA.
    session.set_auth_cookie(None);
    let again = log_in(&sim, &mut session, "carol", "pw", no_code).expect("remembered");
    assert_eq!(again.id, carol.id);
    assert_eq!(sim.active_sessions(&carol.id), 2);
}

#[test]
fn a_remembered_device_is_per_user() {
    let sim = Simulator::start().expect("simulator");
    let carol = sim.add_user(UserSpec::new("carol", "pw").with_totp());
    let dave = sim.add_user(UserSpec::new("dave", "pw").with_totp());
    let code = sim.totp_code(&carol.id).expect("code");
    let mut session = anonymous(&sim);
    log_in(&sim, &mut session, "carol", "pw", |_| {
        (TwoFactorMethod::Totp, code.clone())
    })
    .expect("login");
    let device = session
        .two_factor_cookie()
        .expect("remembered")
        .expose()
        .to_owned();
    let cookie = format!("twoFactorAuth={device}");
    let for_dave = raw_login(&sim, &basic("dave", "pw"), Some(&cookie));
    assert_eq!(json(&for_dave)["requiresTwoFactorAuth"][0], "totp");
    let for_carol = raw_login(&sim, &basic("carol", "pw"), Some(&cookie));
    assert_eq!(json(&for_carol)["id"], carol.id.as_str());
    let bogus = raw_login(&sim, &basic("carol", "pw"), Some("twoFactorAuth=made.up"));
    assert!(json(&bogus).get("requiresTwoFactorAuth").is_some());
    assert!(sim.totp_code(&dave.id).is_some());
}

#[test]
fn recovery_codes_work_once() {
    let sim = Simulator::start().expect("simulator");
    let carol = sim.add_user(UserSpec::new("carol", "pw").with_totp());
    let codes = sim.recovery_codes(&carol.id);
    assert_eq!(codes.len(), 8);
    let first = codes[0].clone();

    let mut session = anonymous(&sim);
    log_in(&sim, &mut session, "carol", "pw", |_| {
        (TwoFactorMethod::Otp, first.clone())
    })
    .expect("login with a recovery code");
    assert_eq!(sim.recovery_codes(&carol.id).len(), 7);
    assert!(!sim.recovery_codes(&carol.id).contains(&first));

    let mut second = anonymous(&sim);
    let error = api_error(log_in(&sim, &mut second, "carol", "pw", |_| {
        (TwoFactorMethod::Otp, first.clone())
    }));
    assert_eq!(error.kind(), &ApiErrorKind::InvalidTwoFactorCode);
}

#[test]
fn email_codes_come_from_the_last_login_and_work_once() {
    let sim = Simulator::start().expect("simulator");
    let erin = sim.add_user(UserSpec::new("erin", "pw").with_email_otp());
    assert_eq!(sim.last_email_code(&erin.id), None);
    let first = raw_login(&sim, &basic("erin", "pw"), None);
    assert_eq!(
        json(&first),
        serde_json::json!({"requiresTwoFactorAuth": ["emailOtp"]})
    );
    let old_code = sim.last_email_code(&erin.id).expect("an email was sent");
    let cookie = format!("auth={}", cookie_value(&first, "auth").expect("auth"));

    // A TOTP route does not take an email code.
    let wrong_route = raw(
        &sim,
        Method::POST,
        "/auth/twofactorauth/totp/verify",
        Some(&cookie),
        format!(r#"{{"code":"{old_code}"}}"#).as_bytes(),
    );
    assert_eq!(wrong_route.status(), StatusCode::BAD_REQUEST);

    let mut session = anonymous(&sim);
    let sim_ref = &sim;
    let user = log_in(&sim, &mut session, "erin", "pw", |methods| {
        assert_eq!(methods, [TwoFactorMethod::EmailOtp]);
        let code = sim_ref.last_email_code(&erin.id).expect("code");
        (TwoFactorMethod::EmailOtp, code)
    })
    .expect("login");
    assert_eq!(user.id, erin.id);
    let used = sim.last_email_code(&erin.id).expect("kept after use");
    assert_ne!(used, old_code);

    // The older code was replaced by the newer login's; the newer one is used up.
    for code in [&old_code, &used] {
        let reply = raw(
            &sim,
            Method::POST,
            "/auth/twofactorauth/emailotp/verify",
            Some(&cookie),
            format!(r#"{{"code":"{code}"}}"#).as_bytes(),
        );
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
    }
}

#[test]
fn verify_needs_a_session_and_a_code() {
    let (sim, alice, _) = scene();
    let path = "/auth/twofactorauth/totp/verify";
    let no_session = raw(&sim, Method::POST, path, None, br#"{"code":"123456"}"#);
    assert_eq!(no_session.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_message(&no_session), "\"Missing Credentials\"");
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    for body in [&b"{"[..], b"[]", b"{}", br#"{"code":123456}"#] {
        let reply = raw(&sim, Method::POST, path, Some(&cookie), body);
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST, "{body:?}");
    }
    // Alice has no second factor: no code is right.
    let reply = raw(
        &sim,
        Method::POST,
        path,
        Some(&cookie),
        br#"{"code":"123456"}"#,
    );
    assert_eq!(error_message(&reply), "\"Invalid 2FA code\"");
}

#[test]
fn the_session_limit_refuses_one_login_too_many() {
    let (sim, alice, _) = scene();
    sim.set_session_limit(2);
    let first = raw_login(&sim, &basic("alice", "alice-pw"), None);
    let _second = raw_login(&sim, &basic("alice", "alice-pw"), None);
    assert_eq!(sim.active_sessions(&alice.id), 2);

    let third = raw_login(&sim, &basic("alice", "alice-pw"), None);
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(set_cookies(&third).is_empty());
    let login = GetCurrentUser::with_credentials(
        vrchat_invite_core::auth::Credentials::new("alice", "alice-pw").expect("credentials"),
    );
    assert_eq!(
        login.parse(&third).expect_err("refused").api_kind(),
        Some(&ApiErrorKind::TooManySessions)
    );
    assert_eq!(sim.active_sessions(&alice.id), 2);

    // Reusing a live cookie is not a new session.
    let cookie = format!("auth={}", cookie_value(&first, "auth").expect("auth"));
    let reuse = raw(&sim, Method::GET, "/auth/user", Some(&cookie), b"");
    assert_eq!(reuse.status(), StatusCode::OK);

    // Logging out frees a place.
    assert_eq!(
        raw(&sim, Method::PUT, "/logout", Some(&cookie), b"").status(),
        StatusCode::OK
    );
    assert_eq!(sim.active_sessions(&alice.id), 1);
    let fourth = raw_login(&sim, &basic("alice", "alice-pw"), None);
    assert_eq!(fourth.status(), StatusCode::OK);
}

#[test]
fn verify_auth_token_answers_ok_and_the_token() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    let cookie = auth_cookie(&session);
    let reply = raw(&sim, Method::GET, "/auth", Some(&cookie), b"");
    assert_eq!(reply.status(), StatusCode::OK);
    let token = session.auth_cookie().expect("token").expose();
    assert_eq!(
        json(&reply),
        serde_json::json!({"ok": true, "token": token})
    );
    assert!(call(&sim, &session, &VerifyAuthToken).expect("valid"));
    let missing = raw(&sim, Method::GET, "/auth", None, b"");
    assert_eq!(missing.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn logout_ends_the_session_and_clears_the_cookie() {
    let (sim, alice, _) = scene();
    let mut session = session_as(&sim, &alice.id);
    let cookie = auth_cookie(&session);
    let request = session.request(&Logout).expect("request");
    let reply = sim.send(&request).expect("reply");
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(
        json(&reply),
        serde_json::json!({"success": {"message": "Ok!", "status_code": 200}})
    );
    assert_eq!(
        set_cookies(&reply),
        ["auth=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"]
    );
    Logout.parse(&reply).expect("logout parses");
    session.apply_set_cookies(reply.headers());
    assert!(session.auth_cookie().is_none());

    for (method, path) in [
        (Method::GET, "/auth".to_owned()),
        (Method::GET, "/auth/user".to_owned()),
        (Method::PUT, "/logout".to_owned()),
        (Method::GET, messages_path(&alice.id)),
    ] {
        let after = raw(&sim, method, &path, Some(&cookie), b"");
        assert_eq!(after.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    assert_eq!(sim.active_sessions(&alice.id), 0);
}

#[test]
fn a_pending_session_can_log_out() {
    let sim = Simulator::start().expect("simulator");
    let carol = sim.add_user(UserSpec::new("carol", "pw").with_totp());
    let reply = raw_login(&sim, &basic("carol", "pw"), None);
    let cookie = format!("auth={}", cookie_value(&reply, "auth").expect("auth"));
    assert_eq!(sim.active_sessions(&carol.id), 1);
    let out = raw(&sim, Method::PUT, "/logout", Some(&cookie), b"");
    assert_eq!(out.status(), StatusCode::OK);
    assert_eq!(sim.active_sessions(&carol.id), 0);
}

#[test]
fn open_session_counts_as_a_session_and_skips_2fa() {
    let sim = Simulator::start().expect("simulator");
    let carol = sim.add_user(UserSpec::new("carol", "pw").with_totp());
    let session = session_as(&sim, &carol.id);
    assert_eq!(sim.active_sessions(&carol.id), 1);
    let reply = call(&sim, &session, &GetCurrentUser::with_session()).expect("user");
    let LoginReply::LoggedIn(user) = reply else {
        panic!("expected the user, got {reply:?}");
    };
    assert_eq!(user.id, carol.id);
}

#[test]
fn the_account_added_last_owns_a_shared_username() {
    let sim = Simulator::start().expect("simulator");
    let first = sim.add_user(UserSpec::new("twin", "first-pw"));
    let second = sim.add_user(UserSpec::new("TWIN", "second-pw"));
    assert_ne!(first.id, second.id);
    let refused = raw_login(&sim, &basic("twin", "first-pw"), None);
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let accepted = raw_login(&sim, &basic("twin", "second-pw"), None);
    assert_eq!(json(&accepted)["id"], second.id.as_str());
}

#[test]
fn re_adding_a_user_id_ends_its_sessions() {
    let sim = Simulator::start().expect("simulator");
    let first = sim.add_user(UserSpec::new("old", "pw"));
    let session = session_as(&sim, &first.id);
    let again = sim.add_user(UserSpec::new("new", "pw").id(first.id.clone()));
    assert_eq!(again.id, first.id);
    assert_eq!(sim.active_sessions(&first.id), 0);
    let reply = raw(
        &sim,
        Method::GET,
        "/auth",
        Some(&auth_cookie(&session)),
        b"",
    );
    assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        raw_login(&sim, &basic("old", "pw"), None).status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        raw_login(&sim, &basic("new", "pw"), None).status(),
        StatusCode::OK
    );
}
