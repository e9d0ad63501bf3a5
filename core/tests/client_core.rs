//! The exchange every transport drives, offline: politeness learning from typed replies,
//! the logout rule, the login driver and the shared session.

use std::time::{Duration, Instant};

use http::Response;
use vrchat_invite_core::auth::{
    AuthCookie, Credentials, LoginStep, Logout, TwoFactorCode, TwoFactorCookie, TwoFactorMethod,
};
use vrchat_invite_core::messages::{
    GetInviteMessages, InviteMessageType, MessageText, ResetInviteMessage, UpdateInviteMessage,
};
use vrchat_invite_core::polite::{CooldownBook, Politeness, Refusal, Throttle};
use vrchat_invite_core::transport::{ClientCore, ClientOptions};
use vrchat_invite_core::{ApiErrorKind, Error, InputError, Session, Slot, UserAgent, UserId};

fn session() -> Session {
    Session::new(UserAgent::new("CoreTest/1.0 test@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_1").expect("token"))
        .with_two_factor_cookie(TwoFactorCookie::new("device_1").expect("token"))
        .with_user_id(UserId::new("usr_me").expect("id"))
}

fn core(options: ClientOptions) -> ClientCore {
    ClientCore::new(session(), options, 7, |_| None)
}

fn reply(status: u16, cookies: &[&str], body: &str) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status);
    for cookie in cookies {
        builder = builder.header("set-cookie", *cookie);
    }
    builder.body(body.as_bytes().to_vec()).expect("response")
}

fn slot(n: u8) -> Slot {
    Slot::new(n).expect("slot")
}

fn list_with_cooldown(slot: u8, minutes: u32) -> String {
    format!(
        r#"[{{"canBeUpdated":{},"id":"invm_1","message":"x","messageType":"message","remainingCooldownMinutes":{minutes},"slot":{slot},"updatedAt":"2026-01-01T00:00:00Z"}}]"#,
        minutes == 0
    )
}

fn booked() -> ClientCore {
    core(
        ClientOptions::default()
            .with_politeness(Politeness::new().with_cooldown_book(CooldownBook::new())),
    )
}

fn cooldown_left(result: Result<impl Sized, Error>) -> Option<u32> {
    match result {
        Err(Error::Refused(Refusal::Cooldown { minutes_left, .. })) => Some(minutes_left),
        _ => None,
    }
}

#[test]
fn a_decoded_list_teaches_the_cooldown_book() {
    let core = booked();
    let now = Instant::now();
    let list = GetInviteMessages::mine(InviteMessageType::Message);
    let (_, pending) = core.prepare(&list, now).expect("prepared");
    pending
        .finish(Ok(reply(200, &[], &list_with_cooldown(4, 30))), now)
        .expect("listed");
    let reset = ResetInviteMessage::mine(InviteMessageType::Message, slot(4));
    assert_eq!(cooldown_left(core.prepare(&reset, now)), Some(30));
    let other = ResetInviteMessage::mine(InviteMessageType::Message, slot(5));
    assert!(core.prepare(&other, now).is_ok());
}

#[test]
fn an_edit_starts_a_cooldown_and_a_429_names_its_minutes() {
    let core = booked();
    let now = Instant::now();
    let text = MessageText::new("hello").expect("text");
    let edit = UpdateInviteMessage::mine(InviteMessageType::Message, slot(2), text);
    let (outgoing, pending) = core.prepare(&edit, now).expect("prepared");
    assert_eq!(outgoing.wait, Duration::ZERO);
    pending
        .finish(Ok(reply(200, &[], &list_with_cooldown(2, 59))), now)
        .expect("edited");
    // VRChat says 59 right after an edit.
    assert_eq!(cooldown_left(core.prepare(&edit, now)), Some(59));

    let reset = ResetInviteMessage::mine(InviteMessageType::Message, slot(3));
    let (_, pending) = core.prepare(&reset, now).expect("prepared");
    let body = r#"{"error":{"message":"Please wait 12 more minutes until you try again","status_code":429}}"#;
    let refused = pending.finish(Ok(reply(429, &[], body)), now);
    assert_eq!(refused.expect_err("a 429").cooldown_minutes(), Some(12));
    assert_eq!(cooldown_left(core.prepare(&reset, now)), Some(12));
}

#[test]
fn bad_input_is_refused_before_politeness_counts_it() {
    let core = ClientCore::new(
        Session::new(UserAgent::new("CoreTest/1.0 test@example.com").expect("agent"))
            .with_auth_cookie(AuthCookie::new("authcookie_1").expect("token")),
        ClientOptions::default().with_politeness(Politeness::recommended()),
        7,
        |_| None,
    );
    let now = Instant::now();
    let mine = GetInviteMessages::mine(InviteMessageType::Message);
    let refused = core.prepare(&mine, now).expect_err("no user ID");
    assert!(matches!(refused, Error::Input(InputError::MissingUserId)));
    core.update_session(|session| session.set_user_id(Some(UserId::new("usr_me").expect("id"))));
    let (outgoing, _) = core.prepare(&mine, now).expect("prepared");
    assert_eq!(
        outgoing.wait,
        Duration::ZERO,
        "the refused call took no turn"
    );
}

/// A reply, or the exchange's failure.
type Outcome = Result<Response<Vec<u8>>, Error>;

#[test]
fn logout_forgets_the_auth_cookie_whatever_the_reply() {
    let lost = || Error::Disconnected {
        source: Box::new(std::io::Error::from(std::io::ErrorKind::ConnectionReset)),
    };
    let cases: [(&str, Outcome, bool); 4] = [
        ("ok", Ok(reply(200, &["auth=; Max-Age=0"], "{}")), true),
        (
            "already ended",
            Ok(reply(
                401,
                &[],
                r#"{"error":{"message":"Missing Credentials","status_code":401}}"#,
            )),
            true,
        ),
        ("server error", Ok(reply(500, &[], "")), false),
        ("lost", Err(lost()), false),
    ];
    for (name, outcome, ok) in cases {
        let core = core(ClientOptions::default());
        let (outgoing, pending) = core.prepare(&Logout, Instant::now()).expect("prepared");
        assert_eq!(outgoing.request.method(), http::Method::PUT, "{name}");
        let result = pending.finish(outcome, Instant::now());
        assert_eq!(result.is_ok(), ok, "{name}: {result:?}");
        let after = core.session();
        assert!(after.auth_cookie().is_none(), "{name}");
        assert!(
            after.two_factor_cookie().is_some(),
            "{name}: the device cookie stays"
        );
    }
}

#[test]
fn a_logout_reply_cannot_bring_the_cookie_back() {
    let core = core(ClientOptions::default());
    let (_, pending) = core.prepare(&Logout, Instant::now()).expect("prepared");
    pending
        .finish(
            Ok(reply(200, &["auth=authcookie_new; Path=/"], "{}")),
            Instant::now(),
        )
        .expect("logged out");
    assert!(core.session().auth_cookie().is_none());
}

fn throttled_waits(seed: u64, throttle: Throttle) -> Vec<Duration> {
    let options =
        ClientOptions::default().with_politeness(Politeness::new().with_throttle(throttle));
    let core = ClientCore::new(session(), options, seed, |_| None);
    let now = Instant::now();
    let list = GetInviteMessages::mine(InviteMessageType::Message);
    (0..8)
        .map(|_| core.prepare(&list, now).expect("prepared").0.wait)
        .collect()
}

#[test]
fn the_seed_varies_an_unseeded_throttle_only() {
    let unseeded = || Throttle::new(Duration::from_secs(1), Duration::from_millis(500));
    assert_ne!(
        throttled_waits(1, unseeded()),
        throttled_waits(2, unseeded())
    );
    let chosen = || unseeded().with_seed(9);
    assert_eq!(throttled_waits(1, chosen()), throttled_waits(2, chosen()));
}

#[test]
fn proxies_come_from_the_environment_unless_chosen() {
    let env = |name: &str| (name == "HTTPS_PROXY").then(|| "http://proxy.example:3128".to_owned());
    let from_env = ClientCore::new(session(), ClientOptions::default(), 0, env);
    let api: http::Uri = "https://api.vrchat.cloud/api/1".parse().expect("uri");
    let proxy = from_env.proxy_rules().select(&api).expect("proxied");
    assert_eq!(proxy.authority(), "proxy.example:3128");
    let chosen =
        ClientOptions::default().with_proxy_rules(vrchat_invite_core::proxy::ProxyRules::none());
    let direct = ClientCore::new(session(), chosen, 0, env);
    assert!(direct.proxy_rules().select(&api).is_none());
}

const USER: &str = r#"{"id":"usr_alice","displayName":"Alice","username":"alice"}"#;
const WRONG_CODE: &str = r#"{"error":{"message":"\"Invalid 2FA code\"","status_code":400}}"#;

fn logging_in() -> ClientCore {
    ClientCore::new(
        Session::new(UserAgent::new("CoreTest/1.0 test@example.com").expect("agent")),
        ClientOptions::default(),
        0,
        |_| None,
    )
}

fn code(text: &str) -> Option<(TwoFactorMethod, TwoFactorCode)> {
    Some((
        TwoFactorMethod::Totp,
        TwoFactorCode::new(text).expect("code"),
    ))
}

#[test]
fn the_login_driver_forgives_a_wrong_code_and_fills_the_shared_session() {
    let core = logging_in();
    let observer = core.clone();
    let mut login = core.start_login(Some(Credentials::new("alice", "pw").expect("credentials")));
    let LoginStep::Send(_) = login.next_step().expect("step") else {
        panic!("password first")
    };
    let needs_code = reply(
        200,
        &["auth=a1; Path=/"],
        r#"{"requiresTwoFactorAuth":["totp"]}"#,
    );
    login.receive(Ok(needs_code)).expect("code needed");
    assert!(
        observer.session().auth_cookie().is_some(),
        "clones see the cookie at once"
    );

    let LoginStep::AskCode(prompt) = login.next_step().expect("step") else {
        panic!("a code")
    };
    assert_eq!(prompt.methods, [TwoFactorMethod::Totp]);
    login.answer(code("111111")).expect("submitted");
    let LoginStep::Send(_) = login.next_step().expect("step") else {
        panic!("verify")
    };
    login
        .receive(Ok(reply(400, &[], WRONG_CODE)))
        .expect("forgiven");

    let LoginStep::AskCode(_) = login.next_step().expect("step") else {
        panic!("again")
    };
    login.answer(code("222222")).expect("submitted");
    let LoginStep::Send(_) = login.next_step().expect("step") else {
        panic!("verify")
    };
    login
        .receive(Ok(reply(
            200,
            &["twoFactorAuth=t1; Path=/"],
            r#"{"verified":true}"#,
        )))
        .expect("verified");
    let LoginStep::Send(_) = login.next_step().expect("step") else {
        panic!("the user")
    };
    login.receive(Ok(reply(200, &[], USER))).expect("user");
    let LoginStep::Done(user) = login.next_step().expect("step") else {
        panic!("done")
    };
    assert_eq!(user.id.as_str(), "usr_alice");
    let session = observer.session();
    assert_eq!(session.user_id().map(UserId::as_str), Some("usr_alice"));
    assert!(session.two_factor_cookie().is_some());
}

#[test]
fn giving_up_reports_the_last_wrong_code_or_a_cancel() {
    let core = logging_in();
    let mut login = core.start_login(Some(Credentials::new("alice", "pw").expect("credentials")));
    let _ = login.next_step().expect("step");
    let needs_code = reply(200, &["auth=a1"], r#"{"requiresTwoFactorAuth":["totp"]}"#);
    login.receive(Ok(needs_code)).expect("code needed");
    let _ = login.next_step().expect("step");
    let cancelled = login.answer(None).expect_err("gave up");
    assert!(
        matches!(cancelled, Error::TwoFactorCancelled),
        "{cancelled:?}"
    );

    let core = logging_in();
    let mut login = core.start_login(Some(Credentials::new("alice", "pw").expect("credentials")));
    let _ = login.next_step().expect("step");
    let needs_code = reply(200, &["auth=a1"], r#"{"requiresTwoFactorAuth":["totp"]}"#);
    login.receive(Ok(needs_code)).expect("code needed");
    let _ = login.next_step().expect("step");
    login.answer(code("111111")).expect("submitted");
    let _ = login.next_step().expect("step");
    login
        .receive(Ok(reply(400, &[], WRONG_CODE)))
        .expect("forgiven");
    let _ = login.next_step().expect("step");
    let refused = login.answer(None).expect_err("gave up");
    assert_eq!(
        refused.api_kind(),
        Some(&ApiErrorKind::InvalidTwoFactorCode)
    );
}

#[test]
fn a_wrong_password_ends_the_login() {
    let core = logging_in();
    let mut login = core.start_login(Some(Credentials::new("alice", "pw").expect("credentials")));
    let _ = login.next_step().expect("step");
    let body = r#"{"error":{"message":"Invalid Username/Email or Password","status_code":401}}"#;
    let refused = login
        .receive(Ok(reply(401, &[], body)))
        .expect_err("refused");
    assert_eq!(refused.api_kind(), Some(&ApiErrorKind::InvalidCredentials));
}
