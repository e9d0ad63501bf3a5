//! Peak memory while reading a reply sent in 1-byte chunks: on both transports it stays
//! within about twice the body limit (a counting allocator measures it).

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use peak_alloc::PeakAlloc;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::{BaseUrl, Session, UserAgent};
use vrchat_invite_tests::{Fault, FaultServer};

/// Counts live heap bytes and the highest count since the last reset.
#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// The tests measure one at a time: the counters are process-wide.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The body limit the clients get (the default one); the reply's body is just under it.
const LIMIT: usize = 1024 * 1024;

/// A 200 reply whose JSON body (a string of `x`) arrives in 1-byte chunks.
fn one_byte_chunks() -> Vec<u8> {
    let body = format!("\"{}\"", "x".repeat(LIMIT - 16));
    let mut reply =
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
            .to_vec();
    for byte in body.bytes() {
        reply.extend_from_slice(b"1\r\n");
        reply.push(byte);
        reply.extend_from_slice(b"\r\n");
    }
    reply.extend_from_slice(b"0\r\n\r\n");
    reply
}

fn session(base_url: &str) -> Session {
    Session::new(UserAgent::new("MemoryTest/1.0 tests@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(base_url).expect("base url"))
        .with_auth_cookie(AuthCookie::new("token").expect("token"))
}

/// Runs `read` and returns the peak heap growth above what was live when it started.
fn peak_growth(read: impl FnOnce() -> usize) -> (usize, usize) {
    let start = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let len = read();
    (ALLOCATOR.peak_usage().saturating_sub(start), len)
}

/// About twice the limit: the body itself, one growth step of its buffer, and a fixed
/// allowance for the client's own buffers.
const BOUND: usize = 2 * LIMIT + 512 * 1024;

fn request(base_url: &str) -> http::Request<Vec<u8>> {
    http::Request::get(format!("{base_url}/auth/user/notifications"))
        .body(Vec::new())
        .expect("request")
}

#[test]
fn hyper_reads_a_trickled_reply_in_bounded_memory() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let server = FaultServer::start(Fault::Reply(one_byte_chunks())).expect("server");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = vrchat_invite_hyper::Client::builder(session(&server.base_url()))
        .body_limit(LIMIT)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let request = request(&server.base_url());
    let (peak, len) = peak_growth(|| {
        let reply = runtime.block_on(client.execute(request)).expect("reply");
        reply.body().len()
    });
    assert_eq!(len, LIMIT - 14);
    assert!(
        peak <= BOUND,
        "hyper peak {peak} bytes for a {LIMIT}-byte limit"
    );
}

#[test]
fn ureq_reads_a_trickled_reply_in_bounded_memory() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let server = FaultServer::start(Fault::Reply(one_byte_chunks())).expect("server");
    let client = vrchat_invite_ureq::Client::builder(session(&server.base_url()))
        .body_limit(LIMIT)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let request = request(&server.base_url());
    let (peak, len) = peak_growth(|| client.execute(request).expect("reply").body().len());
    assert_eq!(len, LIMIT - 14);
    assert!(
        peak <= BOUND,
        "ureq peak {peak} bytes for a {LIMIT}-byte limit"
    );
}
