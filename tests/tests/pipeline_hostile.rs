//! Hostile pipeline servers on 127.0.0.1: a handshake answered a byte a second or with an
//! accept that answers another key, a frame that never completes, a flood of empty
//! continuation frames, and a server that pings but stops reading. Each ends in a reconnect
//! within its timeout, over both watchers. And a frame sent right behind the handshake's
//! reply is not lost.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use vrchat_invite_core::pipeline::{
    ConnectionStatus, DropReason, PipelineEvent, PipelineOptions, ReconnectPolicy,
};
use vrchat_invite_tests::{WatchDriver, World};

/// The longest any hostile connection is served.
const SERVE_BOUND: Duration = Duration::from_secs(20);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
const SILENCE_TIMEOUT: Duration = Duration::from_secs(3);
const WRITE_TIMEOUT: Duration = Duration::from_secs(1);
/// What the checks allow past a timeout: scheduling on a busy machine.
const SLACK: Duration = Duration::from_millis(1500);

#[derive(Debug, Clone, Copy)]
enum Hostility {
    /// Answers the handshake one byte a second.
    DripHandshake,
    /// Answers `101` with a `Sec-WebSocket-Accept` for another key.
    WrongAccept,
    /// Sends a `clear-notification` frame in the same write as the handshake's reply, then
    /// stays open.
    FrameBehindHead,
    /// Opens, then sends a text frame's header and its payload a byte every 500 ms.
    DripFrame,
    /// Opens, then starts a fragmented message and floods empty continuation frames.
    ContinuationFlood,
    /// Opens, then pings as fast as it can and never reads.
    StopReading,
}

/// A websocket server that misbehaves as told, on every connection.
struct HostileServer {
    addr: std::net::SocketAddr,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl HostileServer {
    fn start(hostility: Hostility) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (count, stopped) = (Arc::clone(&connections), Arc::clone(&stop));
        thread::spawn(move || {
            let started = Instant::now();
            while !stopped.load(Ordering::Relaxed) && started.elapsed() < SERVE_BOUND {
                match listener.accept() {
                    Ok((stream, _)) => {
                        count.fetch_add(1, Ordering::Relaxed);
                        let stopped = Arc::clone(&stopped);
                        thread::spawn(move || serve(stream, hostility, &stopped));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Self {
            addr,
            connections,
            stop,
        }
    }

    fn base(&self) -> String {
        format!("ws://{}", self.addr)
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(mut stream: TcpStream, hostility: Hostility, stop: &AtomicBool) {
    let started = Instant::now();
    let going = || !stop.load(Ordering::Relaxed) && started.elapsed() < SERVE_BOUND;
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some(key) = read_key(&mut stream) else {
        return;
    };
    let accept = match hostility {
        Hostility::WrongAccept => tungstenite::handshake::derive_accept_key(b"another key"),
        _ => tungstenite::handshake::derive_accept_key(key.as_bytes()),
    };
    let head = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Accept: {accept}\r\n\r\n"
    );
    if let Hostility::DripHandshake = hostility {
        for byte in head.bytes() {
            if !going() || stream.write_all(&[byte]).is_err() {
                return;
            }
            thread::sleep(Duration::from_secs(1));
        }
        return;
    }
    if let Hostility::FrameBehindHead = hostility {
        let frame = br#"{"type":"clear-notification"}"#;
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&[0x81, u8::try_from(frame.len()).unwrap_or(0)]);
        bytes.extend_from_slice(frame);
        if stream.write_all(&bytes).is_ok() {
            while going() {
                thread::sleep(Duration::from_millis(20));
            }
        }
        return;
    }
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    match hostility {
        Hostility::DripHandshake | Hostility::WrongAccept | Hostility::FrameBehindHead => {}
        Hostility::DripFrame => {
            // A 1000-byte text frame that never gets there.
            let _ = stream.write_all(&[0x81, 0x7e, 0x03, 0xe8]);
            while going() && stream.write_all(b"a").is_ok() {
                thread::sleep(Duration::from_millis(500));
            }
        }
        Hostility::ContinuationFlood => {
            let _ = stream.write_all(&[0x01, 0x00]);
            let flood = [0x00u8; 8192];
            while going() && stream.write_all(&flood).is_ok() {}
        }
        Hostility::StopReading => {
            let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
            let mut ping = vec![0x89u8, 0x7d];
            ping.extend([b'p'; 125]);
            let pings = ping.repeat(64);
            while going() {
                match stream.write(&pings) {
                    Ok(_) => {}
                    Err(error)
                        if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                    Err(_) => return,
                }
            }
        }
    }
}

/// Reads the handshake request's head and returns its `Sec-WebSocket-Key`.
fn read_key(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        if stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("sec-websocket-key")
            .then(|| value.trim().to_owned())
    })
}

fn options() -> PipelineOptions {
    let policy = ReconnectPolicy::new(
        Duration::from_millis(50),
        Duration::from_millis(200),
        Duration::from_secs(30),
    );
    PipelineOptions::default()
        .with_policy(policy)
        .with_connect_timeout(CONNECT_TIMEOUT)
        .with_silence_timeout(SILENCE_TIMEOUT)
        .with_write_timeout(WRITE_TIMEOUT)
        .with_connection_events(true)
}

/// Watches Bob's events at the hostile server (the catch-ups go to the simulator) until
/// the first connection status that is not `connected` or `caught-up`; that status and
/// how long it took from the first connect.
fn first_trouble<D: WatchDriver>(
    world: &World,
    server: &HostileServer,
) -> (ConnectionStatus, Duration) {
    let mut watch: D = D::watch(world.session(&world.bob), &server.base(), options(), None);
    let started = Instant::now();
    let mut opened = started;
    for _ in 0..20 {
        match watch.next() {
            Some(Ok(PipelineEvent::Connection(ConnectionStatus::Connected))) => {
                opened = Instant::now();
            }
            Some(Ok(PipelineEvent::Connection(ConnectionStatus::CaughtUp { .. }))) => {}
            Some(Ok(PipelineEvent::Connection(status))) => return (status, opened.elapsed()),
            other => panic!("{}: unexpected {other:?}", D::NAME),
        }
    }
    panic!("{}: no trouble seen", D::NAME);
}

fn a_dripped_handshake_ends_at_the_connect_timeout<D: WatchDriver>() {
    let world = World::new();
    let server = HostileServer::start(Hostility::DripHandshake);
    let (status, took) = first_trouble::<D>(&world, &server);
    assert!(
        matches!(status, ConnectionStatus::Reconnecting { attempt: 1, .. }),
        "{}: {status:?}",
        D::NAME
    );
    assert!(
        took >= CONNECT_TIMEOUT - Duration::from_millis(100),
        "{}: {took:?}",
        D::NAME
    );
    assert!(took <= CONNECT_TIMEOUT + SLACK, "{}: {took:?}", D::NAME);
    assert_eq!(server.connections(), 1);
}

fn a_reply_for_another_key_opens_no_socket<D: WatchDriver>() {
    let world = World::new();
    let server = HostileServer::start(Hostility::WrongAccept);
    let (status, took) = first_trouble::<D>(&world, &server);
    assert!(
        matches!(status, ConnectionStatus::Reconnecting { attempt: 1, .. }),
        "{}: {status:?}",
        D::NAME
    );
    assert!(
        took < CONNECT_TIMEOUT,
        "{}: refused at once, {took:?}",
        D::NAME
    );
}

fn a_frame_right_behind_the_handshake_reply_is_read<D: WatchDriver>() {
    let world = World::new();
    let server = HostileServer::start(Hostility::FrameBehindHead);
    let mut watch: D = D::watch(world.session(&world.bob), &server.base(), options(), None);
    for _ in 0..5 {
        match watch.next() {
            Some(Ok(PipelineEvent::ClearNotification)) => return,
            Some(Ok(PipelineEvent::Connection(
                ConnectionStatus::Connected | ConnectionStatus::CaughtUp { .. },
            ))) => {}
            other => panic!("{}: unexpected {other:?}", D::NAME),
        }
    }
    panic!("{}: the frame never came", D::NAME);
}

/// A connection that `hostility` keeps busy without a whole frame ends at the silence
/// timeout.
fn ends_in_silence<D: WatchDriver>(hostility: Hostility) {
    let world = World::new();
    let server = HostileServer::start(hostility);
    let (status, took) = first_trouble::<D>(&world, &server);
    let silence = ConnectionStatus::Dropped {
        reason: DropReason::Silence,
    };
    assert_eq!(status, silence, "{} {hostility:?}", D::NAME);
    assert!(
        took <= SILENCE_TIMEOUT + SLACK,
        "{} {hostility:?}: {took:?}",
        D::NAME
    );
}

fn a_frame_that_never_completes_counts_as_silence<D: WatchDriver>() {
    ends_in_silence::<D>(Hostility::DripFrame);
}

fn a_flood_of_empty_continuations_counts_as_silence<D: WatchDriver>() {
    ends_in_silence::<D>(Hostility::ContinuationFlood);
}

fn a_server_that_stops_reading_is_dropped<D: WatchDriver>() {
    let world = World::new();
    let server = HostileServer::start(Hostility::StopReading);
    let (status, took) = first_trouble::<D>(&world, &server);
    // Our pongs fill the buffers, and a flush misses its deadline before the silence
    // timeout could end it (the server's pings keep coming, and prove nothing).
    assert_eq!(
        status,
        ConnectionStatus::Dropped {
            reason: DropReason::WriteStalled
        },
        "{}",
        D::NAME
    );
    assert!(took < SILENCE_TIMEOUT, "{}: {took:?}", D::NAME);
}

vrchat_invite_tests::on_both_watchers!(
    a_dripped_handshake_ends_at_the_connect_timeout,
    a_reply_for_another_key_opens_no_socket,
    a_frame_right_behind_the_handshake_reply_is_read,
    a_frame_that_never_completes_counts_as_silence,
    a_flood_of_empty_continuations_counts_as_silence,
    a_server_that_stops_reading_is_dropped,
);
