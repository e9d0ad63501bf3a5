//! No public type that can hold a secret shows it through `Debug` or `Display`.
//!
//! Every secret is checked as text and as the decimal byte list `Debug` prints for a
//! `Vec<u8>` (a request body), so a secret leaking through raw bytes is caught too.

use std::fmt::{Debug, Display};

use vrchat_invite_core::auth::{
    AuthCookie, Credentials, GetCurrentUser, LoginFlow, LoginStep, Secret, TwoFactorCode,
    TwoFactorCookie, TwoFactorMethod, VerifyTwoFactor,
};
use vrchat_invite_core::proxy::{ProxyRules, ProxyServer};
use vrchat_invite_core::transport::{ClientBuilder, ClientCore, ClientOptions};
use vrchat_invite_core::{BaseUrl, Endpoint, Error, InputError, Session, UserAgent};
use vrchat_invite_sim::{Simulator, UserSpec};

const USERNAME: &str = "secret-username-q7";
const PASSWORD: &str = "secret-password-z9";
const AUTH: &str = "authcookie_secretvalue42";
const TWO_FACTOR: &str = "twofactorsecretvalue77";
const CODE: &str = "864213";

/// Every secret this test hands out.
const SECRETS: [&str; 5] = [USERNAME, PASSWORD, AUTH, TWO_FACTOR, CODE];

/// The ways a secret could show up in formatted output.
fn forms(secret: &str) -> [String; 2] {
    let bytes: Vec<String> = secret.bytes().map(|b| b.to_string()).collect();
    [secret.to_owned(), bytes.join(", ")]
}

fn check(what: &str, shown: &str) {
    for secret in SECRETS {
        for form in forms(secret) {
            assert!(
                !shown.contains(&form),
                "{what} shows the secret {secret:?}: {shown}"
            );
        }
    }
}

fn debug(what: &str, value: &impl Debug) {
    check(what, &format!("{value:?}"));
    check(what, &format!("{value:#?}"));
}

fn both(what: &str, value: &(impl Debug + Display)) {
    debug(what, value);
    check(what, &format!("{value}"));
}

fn session() -> Session {
    Session::new(UserAgent::new("NoSecrets/1.0 test@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new(AUTH).expect("auth"))
        .with_two_factor_cookie(TwoFactorCookie::new(TWO_FACTOR).expect("2fa token"))
}

fn credentials() -> Credentials {
    Credentials::new(USERNAME, PASSWORD).expect("credentials")
}

fn code() -> TwoFactorCode {
    TwoFactorCode::new(CODE).expect("code")
}

fn reply(status: u16, set_cookies: &[&str], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for cookie in set_cookies {
        builder = builder.header("set-cookie", *cookie);
    }
    builder.body(body.as_bytes().to_vec()).expect("reply")
}

#[test]
fn the_check_itself_catches_a_leak() {
    let leaked = std::panic::catch_unwind(|| debug("raw bytes", &CODE.as_bytes().to_vec()));
    assert!(leaked.is_err());
    let leaked = std::panic::catch_unwind(|| check("text", PASSWORD));
    assert!(leaked.is_err());
}

#[test]
fn core_values_hide_their_secrets() {
    both("Secret", &Secret::new(PASSWORD));
    debug("Credentials", &credentials());
    debug("AuthCookie", &AuthCookie::new(AUTH).expect("auth"));
    debug(
        "TwoFactorCookie",
        &TwoFactorCookie::new(TWO_FACTOR).expect("token"),
    );
    debug("TwoFactorCode", &code());
    both("Session", &session());
    let login = GetCurrentUser::with_credentials(credentials());
    debug("GetCurrentUser", &login);
    debug("Authentication", &login.authentication());
    let verify = VerifyTwoFactor::new(TwoFactorMethod::Totp, code()).expect("verify");
    debug("VerifyTwoFactor", &verify);
    debug("RequestBody", &verify.body());
    let refused = Error::from(InputError::InvalidCredential {
        name: "auth cookie",
        reason: "it is empty",
    });
    both("Error", &refused);
    for bad in [format!("{AUTH} x"), format!("\"{AUTH}\"")] {
        both(
            "AuthCookie error",
            &AuthCookie::new(bad).expect_err("refused"),
        );
    }
}

#[test]
fn base_url_errors_hide_a_password() {
    let with_password = format!("http://{USERNAME}:{PASSWORD}@127.0.0.1/api/1");
    let error = BaseUrl::new(&with_password).expect_err("user info is refused");
    both("BaseUrl error", &error);
}

#[test]
fn every_login_step_hides_its_secrets() {
    let mut session = session();
    let mut flow = LoginFlow::new(Some(credentials()));
    let mut seen = Vec::new();
    // Token check (refused), password login (2FA asked), code, verification, user.
    let replies = [
        reply(200, &[], r#"{"ok":false}"#),
        reply(
            200,
            &[&format!("auth={AUTH}; Path=/")],
            r#"{"requiresTwoFactorAuth":["totp","otp"]}"#,
        ),
        reply(
            200,
            &[&format!("twoFactorAuth={TWO_FACTOR}; Path=/")],
            r#"{"verified":true}"#,
        ),
        reply(
            200,
            &[],
            r#"{"id":"usr_1","username":"alice","displayName":"Alice"}"#,
        ),
    ];
    let mut replies = replies.iter();
    for _ in 0..12 {
        debug("LoginFlow", &flow);
        let step = flow.step(&session).expect("step");
        debug("LoginStep", &step);
        seen.push(format!("{step:?}"));
        match step {
            LoginStep::Send(_) => {
                let reply = replies.next().expect("a reply for each request");
                flow.receive(&mut session, reply).expect("accepted");
            }
            LoginStep::AskCode(_) => {
                flow.submit_code(TwoFactorMethod::Totp, code())
                    .expect("submit");
            }
            _ => break,
        }
    }
    both("Session after login", &session);
    assert!(
        seen.iter().any(|step| step.contains("/verify")),
        "the verification step was formatted: {seen:?}"
    );
}

#[test]
fn transports_hide_their_secrets() {
    debug(
        "ureq ClientBuilder",
        &vrchat_invite_ureq::Client::builder(session()),
    );
    debug(
        "ureq Client",
        &vrchat_invite_ureq::Client::new(session()).expect("client"),
    );
    debug(
        "hyper ClientBuilder",
        &vrchat_invite_hyper::Client::builder(session()),
    );
    debug(
        "hyper Client",
        &vrchat_invite_hyper::Client::new(session()).expect("client"),
    );
    both(
        "the transports' Error",
        &vrchat_invite_ureq::Error::from(InputError::NotLoggedIn),
    );
}

#[test]
fn the_shared_client_parts_hide_their_secrets() {
    let proxy =
        ProxyServer::new(&format!("http://proxy-user:{PASSWORD}@127.0.0.1:3128")).expect("proxy");
    let options = ClientOptions::default().with_proxy_rules(ProxyRules::all(proxy.clone()));
    debug("ClientOptions", &options);
    let core = ClientCore::new(session(), options, 1, |_| None);
    debug("ClientCore", &core);
    let builder: ClientBuilder<vrchat_invite_ureq::Client> =
        ClientBuilder::new(session()).proxy(proxy);
    debug("ClientBuilder with a proxy", &builder);
    let (outgoing, pending) = core
        .prepare(&vrchat_invite_core::auth::Logout, std::time::Instant::now())
        .expect("prepared");
    debug("Outgoing", &outgoing);
    debug("Pending", &pending);
    let mut login = core.start_login(Some(credentials()));
    debug("LoginDriver", &login);
    let next = login.next_step().expect("a first step");
    debug("LoginStep of a client's login", &next);
}

#[test]
fn the_simulator_hides_passwords_and_totp_secrets() {
    let spec = UserSpec::new("sim-user", PASSWORD).with_totp();
    debug("UserSpec", &spec);
    let sim = Simulator::start().expect("simulator");
    let user = sim.add_user(spec);
    debug("SimUser", &user);
    let totp_secret = user.totp_secret.clone().expect("a TOTP account");
    assert!(!format!("{user:?}").contains(&totp_secret));
    // The request log keeps what was sent, a code included, but does not show it.
    let base = BaseUrl::new(sim.base_url()).expect("base url");
    let verify = VerifyTwoFactor::new(TwoFactorMethod::Totp, code()).expect("verify");
    let request = session()
        .with_base_url(base)
        .request(&verify)
        .expect("request");
    sim.send(&request).expect("the simulator answers");
    let logged = sim.request_log();
    assert_eq!(logged.len(), 1);
    assert!(
        logged[0]
            .body
            .windows(CODE.len())
            .any(|w| w == CODE.as_bytes())
    );
    debug("LoggedRequest", &logged);
}

// The pipeline (websocket) token: when its type exists, format it here like the others.
