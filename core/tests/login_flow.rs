//! The sans-IO login flow, driven by hand-written replies.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::{Request, Response};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use vrchat_invite_core::auth::{
    AuthCookie, Credentials, LoginFlow, LoginStep, TwoFactorCode, TwoFactorCookie, TwoFactorMethod,
};
use vrchat_invite_core::{ApiErrorKind, Error, InputError, Session, UserAgent};

fn session() -> Session {
    Session::new(UserAgent::new("FlowTest/1.0 test@example.com").expect("agent"))
}

fn reply(status: u16, cookies: &[&str], body: &str) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status);
    for cookie in cookies {
        builder = builder.header("set-cookie", *cookie);
    }
    builder.body(body.as_bytes().to_vec()).expect("response")
}

fn expect_send(flow: &mut LoginFlow, session: &Session) -> Request<Vec<u8>> {
    match flow.step(session).expect("step") {
        LoginStep::Send(request) => request,
        other => panic!("expected a request, got {other:?}"),
    }
}

fn credentials() -> Credentials {
    Credentials::new("alice", "correct horse").expect("credentials")
}

const USER: &str = r#"{"id":"usr_alice","displayName":"Alice","username":"alice"}"#;

#[test]
fn password_then_totp_then_user() {
    let mut session = session();
    let mut flow = LoginFlow::new(Some(credentials()));

    let login = expect_send(&mut flow, &session);
    assert_eq!(login.method(), http::Method::GET);
    assert_eq!(login.uri(), "https://api.vrchat.cloud/api/1/auth/user");
    assert!(
        login.headers()["authorization"]
            .to_str()
            .expect("ascii")
            .starts_with("Basic ")
    );
    assert!(login.headers().get("cookie").is_none());
    flow.receive(
        &mut session,
        &reply(
            200,
            &["auth=a1; Path=/; HttpOnly"],
            r#"{"requiresTwoFactorAuth":["totp","otp"]}"#,
        ),
    )
    .expect("2fa required");
    assert_eq!(session.auth_cookie().map(AuthCookie::expose), Some("a1"));

    let LoginStep::AskCode(prompt) = flow.step(&session).expect("step") else {
        panic!("no code asked");
    };
    assert_eq!(
        prompt.methods,
        [TwoFactorMethod::Totp, TwoFactorMethod::Otp]
    );
    assert_eq!((prompt.rejected, prompt.attempts_left), (0, 3));
    assert_eq!(flow.code_prompt(), Some(prompt));
    flow.submit_code(
        TwoFactorMethod::Totp,
        TwoFactorCode::new("123456").expect("code"),
    )
    .expect("submit");

    let verify = expect_send(&mut flow, &session);
    assert_eq!(verify.uri().path(), "/api/1/auth/twofactorauth/totp/verify");
    assert_eq!(verify.body(), br#"{"code":"123456"}"#);
    assert_eq!(verify.headers()["cookie"], "auth=a1");
    flow.receive(
        &mut session,
        &reply(200, &["twoFactorAuth=t1; Path=/"], r#"{"verified":true}"#),
    )
    .expect("verified");

    let fetch = expect_send(&mut flow, &session);
    assert_eq!(fetch.uri().path(), "/api/1/auth/user");
    assert!(fetch.headers().get("authorization").is_none());
    assert_eq!(fetch.headers()["cookie"], "auth=a1; twoFactorAuth=t1");
    flow.receive(&mut session, &reply(200, &[], USER))
        .expect("user");

    let LoginStep::Done(user) = flow.step(&session).expect("step") else {
        panic!("not done");
    };
    assert_eq!(user.display_name, "Alice");
    assert_eq!(session.user_id().map(|id| id.as_str()), Some("usr_alice"));
}

#[test]
fn a_valid_saved_session_is_reused_without_a_login() {
    let mut session = session().with_auth_cookie(AuthCookie::new("saved").expect("token"));
    let mut flow = LoginFlow::new(Some(credentials()));
    let check = expect_send(&mut flow, &session);
    assert_eq!(check.uri().path(), "/api/1/auth");
    assert!(check.headers().get("authorization").is_none());
    flow.receive(
        &mut session,
        &reply(200, &[], r#"{"ok":true,"token":"saved"}"#),
    )
    .expect("ok");
    let fetch = expect_send(&mut flow, &session);
    assert!(fetch.headers().get("authorization").is_none());
    flow.receive(&mut session, &reply(200, &[], USER))
        .expect("user");
    assert!(matches!(flow.step(&session), Ok(LoginStep::Done(_))));
    assert_eq!(session.auth_cookie().map(AuthCookie::expose), Some("saved"));
}

#[test]
fn a_stale_session_falls_back_to_the_password() {
    let mut session = session().with_auth_cookie(AuthCookie::new("stale").expect("token"));
    let mut flow = LoginFlow::new(Some(credentials()));
    expect_send(&mut flow, &session);
    flow.receive(
        &mut session,
        &reply(
            401,
            &[],
            r#"{"error":{"message":"\"Missing Credentials\"","status_code":401}}"#,
        ),
    )
    .expect("expired is not an error");
    assert!(session.auth_cookie().is_none());
    let login = expect_send(&mut flow, &session);
    assert!(login.headers().contains_key("authorization"));
    assert!(login.headers().get("cookie").is_none());
}

const REQUIRES_TWO_FACTOR: &str =
    r#"{"error":{"message":"\"Requires Two-Factor Authentication\"","status_code":401}}"#;

/// A saved session whose code was never verified is finished with that cookie: no password
/// login (which would open another session), with or without credentials at hand.
#[test]
fn a_half_logged_session_resumes_at_the_code() {
    for credentials in [Some(credentials()), None] {
        let with_credentials = credentials.is_some();
        let mut session = session().with_auth_cookie(AuthCookie::new("half").expect("token"));
        let mut flow = LoginFlow::new(credentials);
        let check = expect_send(&mut flow, &session);
        assert_eq!(check.uri().path(), "/api/1/auth");
        flow.receive(&mut session, &reply(401, &[], REQUIRES_TWO_FACTOR))
            .expect("a half-logged session is no error");
        assert_eq!(session.auth_cookie().map(AuthCookie::expose), Some("half"));

        let fetch = expect_send(&mut flow, &session);
        assert_eq!(fetch.uri().path(), "/api/1/auth/user");
        assert!(
            fetch.headers().get("authorization").is_none(),
            "no password"
        );
        assert_eq!(fetch.headers()["cookie"], "auth=half");
        flow.receive(
            &mut session,
            &reply(200, &[], r#"{"requiresTwoFactorAuth":["emailOtp"]}"#),
        )
        .expect("methods");
        let prompt = flow.code_prompt().expect("a code is asked for");
        assert_eq!(prompt.methods, [TwoFactorMethod::EmailOtp]);
        assert_eq!(prompt.attempts_left, LoginFlow::MAX_CODE_ATTEMPTS);
        flow.submit_code(
            TwoFactorMethod::EmailOtp,
            TwoFactorCode::new("654321").expect("code"),
        )
        .expect("submit");

        let verify = expect_send(&mut flow, &session);
        assert_eq!(
            verify.uri().path(),
            "/api/1/auth/twofactorauth/emailotp/verify"
        );
        assert_eq!(verify.headers()["cookie"], "auth=half");
        flow.receive(
            &mut session,
            &reply(200, &["twoFactorAuth=t1; Path=/"], r#"{"verified":true}"#),
        )
        .expect("verified");
        let fetch = expect_send(&mut flow, &session);
        assert!(fetch.headers().get("authorization").is_none());
        flow.receive(&mut session, &reply(200, &[], USER))
            .expect("user");
        assert!(
            matches!(flow.step(&session), Ok(LoginStep::Done(_))),
            "credentials given: {with_credentials}"
        );
        assert_eq!(session.auth_cookie().map(AuthCookie::expose), Some("half"));
        assert_eq!(session.user_id().map(|id| id.as_str()), Some("usr_alice"));
    }
}

#[test]
fn a_stale_session_without_credentials_is_missing_credentials() {
    let mut session = session().with_auth_cookie(AuthCookie::new("stale").expect("token"));
    let mut flow = LoginFlow::new(None);
    expect_send(&mut flow, &session);
    let error = flow
        .receive(&mut session, &reply(401, &[], "{}"))
        .expect_err("no way to log in");
    assert!(matches!(
        error,
        Error::Input(InputError::MissingCredentials)
    ));
    assert!(matches!(
        LoginFlow::new(None).step(&session),
        Err(Error::Input(InputError::MissingCredentials))
    ));
}

#[test]
fn a_remembered_device_sends_its_cookie_at_login() {
    let session =
        session().with_two_factor_cookie(TwoFactorCookie::new("remembered").expect("token"));
    let mut flow = LoginFlow::new(Some(credentials()));
    let login = expect_send(&mut flow, &session);
    assert_eq!(login.headers()["cookie"], "twoFactorAuth=remembered");
}

#[test]
fn wrong_password_too_many_sessions_and_rate_limits_are_classified() {
    for (status, message, kind) in [
        (401, "nope", ApiErrorKind::InvalidCredentials),
        (
            429,
            "Too many active sessions for this account\u{2024}",
            ApiErrorKind::TooManySessions,
        ),
        (429, "Too many requests", ApiErrorKind::RateLimited),
        (429, "", ApiErrorKind::RateLimited),
    ] {
        let mut session = session();
        let mut flow = LoginFlow::new(Some(credentials()));
        expect_send(&mut flow, &session);
        let body = format!(r#"{{"error":{{"message":"{message}","status_code":{status}}}}}"#);
        let error = flow
            .receive(&mut session, &reply(status, &[], &body))
            .expect_err("refused");
        assert_eq!(error.api_kind(), Some(&kind), "{status} {message:?}");
    }
}

#[test]
fn a_wrong_code_is_an_error_and_the_flow_asks_again() {
    let mut session = session();
    let mut flow = LoginFlow::new(Some(credentials()));
    expect_send(&mut flow, &session);
    flow.receive(
        &mut session,
        &reply(
            200,
            &["auth=a1"],
            r#"{"requiresTwoFactorAuth":["emailOtp"]}"#,
        ),
    )
    .expect("2fa");
    for (rejected, reply_to_wrong_code) in [1, 2].into_iter().zip([
        reply(
            400,
            &[],
            r#"{"error":{"message":"\"Invalid 2FA code\"","status_code":400}}"#,
        ),
        reply(200, &[], r#"{"verified":false}"#),
    ]) {
        flow.submit_code(
            TwoFactorMethod::EmailOtp,
            TwoFactorCode::new("000000").expect("code"),
        )
        .expect("submit");
        let verify = expect_send(&mut flow, &session);
        assert_eq!(
            verify.uri().path(),
            "/api/1/auth/twofactorauth/emailotp/verify"
        );
        let error = flow
            .receive(&mut session, &reply_to_wrong_code)
            .expect_err("wrong code");
        assert_eq!(error.api_kind(), Some(&ApiErrorKind::InvalidTwoFactorCode));
        let Ok(LoginStep::AskCode(prompt)) = flow.step(&session) else {
            panic!("no code asked again");
        };
        assert_eq!(prompt.methods, [TwoFactorMethod::EmailOtp]);
        assert_eq!(prompt.rejected, rejected);
        assert_eq!(prompt.attempts_left, 3 - rejected);
    }
}

#[test]
fn out_of_order_calls_are_unexpected_not_panics() {
    let mut session = session();
    let mut flow = LoginFlow::new(Some(credentials()));
    assert!(matches!(
        flow.receive(&mut session, &reply(200, &[], USER)),
        Err(Error::Unexpected { .. })
    ));
    assert!(matches!(
        flow.submit_code(
            TwoFactorMethod::Totp,
            TwoFactorCode::new("1").expect("code")
        ),
        Err(Error::Unexpected { .. })
    ));
    expect_send(&mut flow, &session);
    assert!(matches!(flow.step(&session), Err(Error::Unexpected { .. })));
}

#[test]
fn a_server_that_never_finishes_is_cut_off() {
    let mut session = session();
    let mut flow = LoginFlow::new(Some(credentials()));
    let mut outcome = None;
    for _ in 0..20 {
        match flow.step(&session) {
            Ok(LoginStep::Send(_)) => {
                // A server that always says the saved session is gone.
                if let Err(error) = flow.receive(
                    &mut session,
                    &reply(200, &["auth=x"], r#"{"requiresTwoFactorAuth":["totp"]}"#),
                ) {
                    outcome = Some(error);
                    break;
                }
            }
            Ok(LoginStep::AskCode(_)) => {
                flow.submit_code(
                    TwoFactorMethod::Totp,
                    TwoFactorCode::new("1").expect("code"),
                )
                .expect("submit");
            }
            Ok(LoginStep::Done(_)) => panic!("cannot be done"),
            Err(error) => {
                outcome = Some(error);
                break;
            }
        }
    }
    assert!(
        matches!(
            outcome,
            Some(Error::Unexpected { .. }) | Some(Error::Decode(_))
        ),
        "{outcome:?}"
    );
}

#[test]
fn secrets_never_show_in_debug_display_or_errors() {
    let password = "pw-SECRET-123";
    let code = "987654";
    let cookie = "authcookie_SECRET";
    let credentials = Credentials::new("user-SECRET", password).expect("credentials");
    let session = session()
        .with_auth_cookie(AuthCookie::new(cookie).expect("token"))
        .with_two_factor_cookie(TwoFactorCookie::new("tfa_SECRET").expect("token"));
    let mut flow = LoginFlow::new(Some(credentials.clone()));
    flow.step(&session).expect("step");
    let code = TwoFactorCode::new(code).expect("code");
    let request = session
        .request(&vrchat_invite_core::auth::VerifyAuthToken)
        .expect("request");
    let texts = [
        format!("{credentials:?}"),
        format!("{session:?}"),
        format!("{session}"),
        format!("{flow:?}"),
        format!("{code:?}"),
        format!("{:?}", request.headers()),
        format!("{:?}", AuthCookie::new("a;b").expect_err("invalid")),
        AuthCookie::new("a;b").expect_err("invalid").to_string(),
        Credentials::new("", "x").expect_err("invalid").to_string(),
    ];
    for text in texts {
        for secret in ["SECRET", "987654"] {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
    }
}

proptest! {
    #[test]
    fn basic_header_decodes_to_the_exact_username_and_password(
        username in "\\PC{1,24}",
        password in "[\\PC:%]{1,24}",
    ) {
        let header = Credentials::new(username.clone(), password.clone()).expect("non-empty").basic_authorization();
        let encoded = header.to_str().expect("ascii").strip_prefix("Basic ").expect("scheme");
        let joined = String::from_utf8(STANDARD.decode(encoded).expect("base64")).expect("utf-8");
        let (user_part, password_part) = joined.split_once(':').expect("one separator");
        prop_assert_eq!(percent_decode_str(user_part).decode_utf8().expect("utf-8"), username.as_str());
        prop_assert_eq!(percent_decode_str(password_part).decode_utf8().expect("utf-8"), password.as_str());
        prop_assert!(!password_part.contains(':'));
    }
}

/// A flow that sent the password and was asked for a TOTP code.
fn asked_for_a_code(session: &mut Session) -> LoginFlow {
    let mut flow = LoginFlow::new(Some(credentials()));
    expect_send(&mut flow, session);
    flow.receive(
        session,
        &reply(
            200,
            &["auth=a1"],
            r#"{"requiresTwoFactorAuth":["totp","otp"]}"#,
        ),
    )
    .expect("2fa");
    flow
}

fn wrong_code() -> Response<Vec<u8>> {
    reply(
        400,
        &[],
        r#"{"error":{"message":"\"Invalid 2FA code\"","status_code":400}}"#,
    )
}

fn send_code(flow: &mut LoginFlow, session: &Session, code: &str) -> Request<Vec<u8>> {
    flow.submit_code(
        TwoFactorMethod::Totp,
        TwoFactorCode::new(code).expect("code"),
    )
    .expect("submit");
    expect_send(flow, session)
}

#[test]
fn a_typo_is_forgiven_within_the_same_login() {
    let mut session = session();
    let mut flow = asked_for_a_code(&mut session);
    let prompt = flow.code_prompt().expect("a code is wanted");
    assert_eq!(
        (prompt.rejected, prompt.attempts_left),
        (0, LoginFlow::MAX_CODE_ATTEMPTS)
    );
    send_code(&mut flow, &session, "000000");
    let error = flow
        .receive(&mut session, &wrong_code())
        .expect_err("wrong");
    assert_eq!(error.api_kind(), Some(&ApiErrorKind::InvalidTwoFactorCode));
    let prompt = flow.code_prompt().expect("asks again");
    assert_eq!(prompt.rejected, 1);
    assert_eq!(prompt.attempts_left, LoginFlow::MAX_CODE_ATTEMPTS - 1);
    // The retry verifies again with the same pending session: no new password login.
    let verify = send_code(&mut flow, &session, "123456");
    assert_eq!(verify.uri().path(), "/api/1/auth/twofactorauth/totp/verify");
    assert_eq!(verify.headers()["cookie"], "auth=a1");
    assert!(verify.headers().get("authorization").is_none());
    flow.receive(
        &mut session,
        &reply(200, &["twoFactorAuth=t1"], r#"{"verified":true}"#),
    )
    .expect("verified");
    expect_send(&mut flow, &session);
    flow.receive(&mut session, &reply(200, &[], USER))
        .expect("user");
    assert!(matches!(flow.step(&session), Ok(LoginStep::Done(_))));
}

#[test]
fn wrong_codes_are_bounded() {
    let mut session = session();
    let mut flow = asked_for_a_code(&mut session);
    for attempt in 1..=LoginFlow::MAX_CODE_ATTEMPTS {
        send_code(&mut flow, &session, "000000");
        flow.receive(&mut session, &wrong_code())
            .expect_err("wrong");
        assert_eq!(
            flow.code_prompt().is_some(),
            attempt < LoginFlow::MAX_CODE_ATTEMPTS
        );
    }
    assert!(matches!(flow.step(&session), Err(Error::Unexpected { .. })));
    assert!(
        flow.submit_code(
            TwoFactorMethod::Totp,
            TwoFactorCode::new("1").expect("code")
        )
        .is_err()
    );
}

/// Logout counts an expired session as logged out, but not a half-logged one the server
/// refused: that session still lives (and counts against the account's limit).
#[test]
fn a_refused_logout_of_a_half_logged_session_is_reported() {
    use vrchat_invite_core::Endpoint;
    use vrchat_invite_core::auth::Logout;
    let expired = reply(
        401,
        &[],
        r#"{"error":{"message":"\"Missing Credentials\"","status_code":401}}"#,
    );
    assert!(Logout.parse(&expired).is_ok());
    let half = reply(401, &[], REQUIRES_TWO_FACTOR);
    let result = Logout.parse(&half);
    assert_eq!(
        result.err().as_ref().and_then(Error::api_kind),
        Some(&ApiErrorKind::TwoFactorRequired)
    );
}
