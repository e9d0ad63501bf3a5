//! The simulator stays small under load: a bounded request log, a body limit answered
//! with 413, and idle connections closed.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::*;
use http::{Method, StatusCode};
use vrchat_invite_sim::{Limits, Simulator};

/// How long a test waits for the server to act before failing (never a timed assertion:
/// only a bound so a broken server cannot hang the test).
const BOUND: Duration = Duration::from_secs(20);

fn get(sim: &Simulator, n: usize) -> StatusCode {
    raw(sim, Method::GET, &format!("/nowhere/{n}"), None, b"").status()
}

#[test]
fn the_log_keeps_only_the_newest_requests() {
    let sim = Simulator::start().expect("simulator");
    sim.set_limits(Limits::default().with_logged_requests(3));
    for n in 0..5 {
        get(&sim, n);
    }
    let paths: Vec<String> = sim.request_log().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        ["/api/1/nowhere/2", "/api/1/nowhere/3", "/api/1/nowhere/4"]
    );
    assert_eq!(sim.request_count(), 5);
    assert_eq!(sim.dropped_request_count(), 2);
}

#[test]
fn the_log_keeps_a_bounded_number_of_body_bytes() {
    let (sim, alice, _) = scene();
    sim.set_limits(Limits::default().with_logged_body_bytes(100));
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    for fill in [b'a', b'b', b'c'] {
        raw(
            &sim,
            Method::POST,
            "/invite/usr_x",
            Some(&cookie),
            &[fill; 60],
        );
    }
    let log = sim.request_log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].body, vec![b'c'; 60]);
    // Tightening the limits trims what is kept at once.
    sim.set_limits(Limits::default().with_logged_requests(0));
    assert!(sim.request_log().is_empty());
    assert_eq!(sim.dropped_request_count(), 3);
}

#[test]
fn bodies_over_the_limit_get_413() {
    let (sim, alice, bob) = scene();
    sim.set_limits(Limits::default().with_body_bytes(1024));
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let path = format!("/invite/{}", bob.id);
    let over = raw(&sim, Method::POST, &path, Some(&cookie), &[b' '; 1025]);
    assert_eq!(over.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let within = raw(&sim, Method::POST, &path, Some(&cookie), &[b' '; 1024]);
    assert_ne!(within.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// Reads until the server closes the connection; the bytes it sent before closing.
fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    stream.set_read_timeout(Some(BOUND)).expect("timeout");
    let mut received = Vec::new();
    let mut buffer = [0_u8; 4096];
    for _ in 0..1000 {
        match stream.read(&mut buffer) {
            Ok(0) => return received,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(error) if error.kind() == ErrorKind::ConnectionReset => return received,
            Err(error) => panic!("the server kept the connection open: {error}"),
        }
    }
    panic!("the server never closed the connection");
}

fn idle_sim() -> Simulator {
    let sim = Simulator::start().expect("simulator");
    sim.set_limits(Limits::default().with_idle_timeout(Duration::from_millis(200)));
    sim
}

#[test]
fn a_connection_that_sends_nothing_is_closed() {
    let sim = idle_sim();
    let mut stream = TcpStream::connect(sim.addr()).expect("connect");
    assert!(read_until_closed(&mut stream).is_empty());
}

#[test]
fn an_idle_keep_alive_connection_is_closed() {
    let sim = idle_sim();
    let mut stream = TcpStream::connect(sim.addr()).expect("connect");
    let request = format!("GET /api/1/config HTTP/1.1\r\nHost: x\r\nUser-Agent: {AGENT}\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("write");
    let received = read_until_closed(&mut stream);
    assert!(received.starts_with(b"HTTP/1.1 "), "{received:?}");
}

#[test]
fn a_body_that_stops_arriving_is_given_up() {
    let sim = idle_sim();
    let mut stream = TcpStream::connect(sim.addr()).expect("connect");
    let request = format!(
        "POST /api/1/invite/usr_x HTTP/1.1\r\nHost: x\r\nUser-Agent: {AGENT}\r\nContent-Length: 100\r\n\r\n{{\"a\""
    );
    stream.write_all(request.as_bytes()).expect("write");
    let received = read_until_closed(&mut stream);
    assert!(
        received.starts_with(b"HTTP/1.1 408"),
        "{:?}",
        String::from_utf8_lossy(&received)
    );
}
