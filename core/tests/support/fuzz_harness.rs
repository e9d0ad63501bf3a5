//! The fuzz harnesses, shared by `fuzz/` (cargo-fuzz) and `core/tests/fuzz_regressions.rs`,
//! which replays every crash the fuzzers ever found.

use http::{HeaderMap, HeaderValue, Response, StatusCode};
use vrchat_invite_core::auth::{
    AuthCookie, Credentials, LoginFlow, LoginStep, TwoFactorCode, TwoFactorMethod, VerifyAuthToken,
};
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::{Endpoint, Session, UserAgent, UserId};

#[path = "operations.rs"]
#[allow(dead_code, reason = "the harness uses part of the shared list")]
mod operations;

/// Parses one reply with every operation of the shared list.
struct ParseEvery<'r> {
    reply: &'r Response<Vec<u8>>,
}

impl operations::Visitor for ParseEvery<'_> {
    fn visit<E: Endpoint>(&mut self, _: &'static str, endpoint: &E)
    where
        E::Output: std::fmt::Debug,
    {
        if let Ok(output) = endpoint.parse(self.reply) {
            let _ = format!("{output:?}");
        }
    }
}

fn session() -> Session {
    Session::new(UserAgent::new("Fuzz/1.0 fuzz@example.com").expect("agent"))
}

/// Splits fuzz input into a status, headers and a body.
fn reply_from(data: &[u8]) -> Response<Vec<u8>> {
    let (head, body) = data.split_at(data.len().min(3));
    let status_number = match head {
        [a, b, _] => 100 + u16::from_le_bytes([*a, *b]) % 900,
        _ => 200,
    };
    let header_len = head
        .get(2)
        .map_or(0, |n| usize::from(*n) % 64)
        .min(body.len());
    let (header_bytes, body) = body.split_at(header_len);
    let mut response = Response::new(body.to_vec());
    *response.status_mut() = StatusCode::from_u16(status_number).unwrap_or(StatusCode::OK);
    let headers: &mut HeaderMap = response.headers_mut();
    for (index, value) in header_bytes.split(|b| *b == b'\n').enumerate() {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            let name = if index % 2 == 0 {
                "set-cookie"
            } else {
                "x-vrc-request-id"
            };
            headers.append(name, value);
        }
    }
    response
}

/// Every operation's parser, and every login-flow state, on one reply. Must never panic.
pub fn decode_responses(data: &[u8]) {
    let reply = reply_from(data);
    let mut parse = ParseEvery { reply: &reply };
    operations::visit_every_operation(&operations::Values::plain(), &mut parse);
    let invite = InviteUser::new(
        UserId::new("usr_fuzz").expect("id"),
        "wrld_1:1".parse().expect("location"),
    );
    let code = TwoFactorCode::new("123456").expect("code");
    for error in [invite.parse(&reply).err()].into_iter().flatten() {
        let _ = (
            error.to_string(),
            format!("{error:?}"),
            error.cooldown_minutes(),
        );
    }
    drive_login(&reply, code);
}

/// Feeds the same reply to the login flow at every step until it stops.
fn drive_login(reply: &Response<Vec<u8>>, code: TwoFactorCode) {
    for saved in [false, true] {
        let mut session = session();
        if saved {
            session.set_auth_cookie(AuthCookie::new("saved").ok());
        }
        let credentials = Credentials::new("user", "password").ok();
        let mut flow = LoginFlow::new(credentials);
        for _ in 0..12 {
            match flow.step(&session) {
                Ok(LoginStep::Send(_)) => {
                    if flow.receive(&mut session, reply).is_err() {
                        break;
                    }
                }
                Ok(LoginStep::AskCode(prompt)) => {
                    let method = TwoFactorMethod::preferred(&prompt.methods)
                        .cloned()
                        .unwrap_or(TwoFactorMethod::Totp);
                    if flow.submit_code(method, code.clone()).is_err() {
                        break;
                    }
                }
                _ => break,
            }
        }
    }
}

/// Applies fuzz input as `Set-Cookie` headers; the session must stay usable.
pub fn set_cookie(data: &[u8]) {
    let mut headers = HeaderMap::new();
    for line in data.split(|b| *b == b'\n') {
        if let Ok(value) = HeaderValue::from_bytes(line) {
            headers.append("set-cookie", value);
        }
    }
    let mut session = session().with_auth_cookie(AuthCookie::new("before").expect("token"));
    session.apply_set_cookies(&headers);
    for token in [
        session.auth_cookie().map(AuthCookie::expose),
        session.two_factor_cookie().map(|t| t.expose()),
    ]
    .into_iter()
    .flatten()
    {
        assert!(!token.is_empty() && !token.contains(';') && !token.contains(' '));
    }
    let request = session.request(&VerifyAuthToken);
    match (session.auth_cookie(), request) {
        (Some(_), Ok(request)) => assert!(request.headers().contains_key("cookie")),
        (None, Err(_)) => {}
        (auth, request) => panic!("auth {auth:?} but request {request:?}"),
    }
    assert!(!format!("{session:?}").contains("before") || session.auth_cookie().is_none());
}
