//! Helpers shared by the simulator's integration tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use http::{Method, Request, Response};
use serde_json::Value;
use vrchat_invite_core::auth::{Credentials, LoginFlow, LoginStep, TwoFactorCode, TwoFactorMethod};
use vrchat_invite_core::invite::Png;
use vrchat_invite_core::{ApiError, BaseUrl, Endpoint, Error, Session, UserAgent, UserId};
use vrchat_invite_sim::{SimUser, Simulator, UserSpec};

/// The User-Agent every test request carries.
pub const AGENT: &str = "SimTests/1.0 tests@example.com";

/// A session pointed at the simulator, not logged in.
pub fn anonymous(sim: &Simulator) -> Session {
    Session::new(UserAgent::new(AGENT).expect("agent"))
        .with_base_url(BaseUrl::new(sim.base_url()).expect("base url"))
}

/// A fully logged-in session for `user`.
pub fn session_as(sim: &Simulator, user: &UserId) -> Session {
    anonymous(sim)
        .with_auth_cookie(sim.open_session(user))
        .with_user_id(user.clone())
}

/// Alice and Bob, friends; a simulator to hold them.
pub fn scene() -> (Simulator, SimUser, SimUser) {
    let sim = Simulator::start().expect("simulator starts");
    let alice = sim.add_user(UserSpec::new("alice", "alice-pw").display_name("Alice"));
    let bob = sim.add_user(UserSpec::new("bob", "bob-pw").display_name("Bob"));
    sim.make_friends(&alice.id, &bob.id);
    (sim, alice, bob)
}

/// Builds, sends and parses one operation.
pub fn call<E: Endpoint>(
    sim: &Simulator,
    session: &Session,
    endpoint: &E,
) -> Result<E::Output, Error> {
    let request = session.request(endpoint)?;
    let reply = sim.send(&request).expect("the simulator answers");
    endpoint.parse(&reply)
}

/// The API error of a refused call.
pub fn api_error<T: std::fmt::Debug>(result: Result<T, Error>) -> ApiError {
    match result {
        Err(Error::Api(error)) => *error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// A raw request below the base path, with the test User-Agent and optional cookies.
pub fn raw(
    sim: &Simulator,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    body: &[u8],
) -> Response<Vec<u8>> {
    let mut builder = Request::builder()
        .method(method)
        .uri(format!("{}{path}", sim.base_url()))
        .header("user-agent", AGENT);
    if let Some(cookie) = cookie {
        builder = builder.header("cookie", cookie);
    }
    if !body.is_empty() {
        builder = builder.header("content-type", "application/json");
    }
    let request = builder.body(body.to_vec()).expect("request");
    sim.send(&request).expect("the simulator answers")
}

/// The `auth=…` cookie header for a session token.
pub fn auth_cookie(session: &Session) -> String {
    format!(
        "auth={}",
        session.auth_cookie().expect("logged in").expose()
    )
}

/// The body as JSON.
pub fn json(response: &Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).expect("a JSON body")
}

/// `error.message` of an error body.
pub fn error_message(response: &Response<Vec<u8>>) -> String {
    json(response)["error"]["message"]
        .as_str()
        .expect("an error message")
        .to_owned()
}

/// The `Set-Cookie` headers of a reply.
pub fn set_cookies(response: &Response<Vec<u8>>) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().expect("ascii cookie").to_owned())
        .collect()
}

/// A small valid-looking PNG.
pub fn png() -> Png {
    let mut bytes = Png::SIGNATURE.to_vec();
    bytes.extend_from_slice(b"\0\0\0\rIHDR simulated image bytes");
    Png::new(bytes).expect("png")
}

/// Runs the core's login flow against the simulator; `code` supplies a code when asked.
pub fn log_in(
    sim: &Simulator,
    session: &mut Session,
    username: &str,
    password: &str,
    mut code: impl FnMut(&[TwoFactorMethod]) -> (TwoFactorMethod, String),
) -> Result<vrchat_invite_core::auth::CurrentUser, Error> {
    let mut flow = LoginFlow::new(Some(Credentials::new(username, password)?));
    for _ in 0..10 {
        match flow.step(session)? {
            LoginStep::Send(request) => {
                let reply = sim.send(&request).expect("the simulator answers");
                flow.receive(session, &reply)?;
            }
            LoginStep::AskCode(prompt) => {
                let (method, value) = code(&prompt.methods);
                flow.submit_code(method, TwoFactorCode::new(value)?)?;
            }
            LoginStep::Done(user) => return Ok(user),
        }
    }
    panic!("the login flow did not finish in 10 steps")
}

/// A code callback for accounts without 2FA.
pub fn no_code(methods: &[TwoFactorMethod]) -> (TwoFactorMethod, String) {
    panic!("no code expected, asked for {methods:?}")
}

/// `Authorization: Basic …` for a raw login.
pub fn basic(username: &str, password: &str) -> String {
    Credentials::new(username, password)
        .expect("credentials")
        .basic_authorization()
        .to_str()
        .expect("ascii")
        .to_owned()
}

/// A raw `GET /auth/user` login with optional extra cookies.
pub fn raw_login(sim: &Simulator, authorization: &str, cookie: Option<&str>) -> Response<Vec<u8>> {
    let mut builder = Request::builder()
        .method(Method::GET)
        .uri(format!("{}/auth/user", sim.base_url()))
        .header("user-agent", AGENT)
        .header("authorization", authorization);
    if let Some(cookie) = cookie {
        builder = builder.header("cookie", cookie);
    }
    sim.send(&builder.body(Vec::new()).expect("request"))
        .expect("the simulator answers")
}

/// The value of cookie `name` among a reply's `Set-Cookie` headers.
pub fn cookie_value(response: &Response<Vec<u8>>, name: &str) -> Option<String> {
    set_cookies(response).iter().find_map(|cookie| {
        let first = cookie.split(';').next()?;
        let (key, value) = first.split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

/// One HTTP/1.1 request to `{base}{path}` over a fresh connection, as a program in any
/// language would send it; returns the status and the JSON body (`null` if none).
pub fn http(
    sim: &Simulator,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut stream = TcpStream::connect(sim.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let body = body.map(Value::to_string).unwrap_or_default();
    let cookie = cookie
        .map(|c| format!("Cookie: auth={c}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "{method} /api/1{path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: {AGENT}\r\n{cookie}\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("write");
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).expect("read");
    let text = String::from_utf8(reply).expect("utf-8 reply");
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status code");
    let value = serde_json::from_str(body).unwrap_or(Value::Null);
    (status, value)
}
