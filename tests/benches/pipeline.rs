//! The pipeline under load: the simulator pushing to 100 watchers at once, and the time
//! from an invite being sent to its event arriving, per transport beside a raw tungstenite
//! client that only reads the frames.
//!
//! A plain program (no criterion): each measurement is a whole fan-out or a whole series,
//! repeated a few times, and the medians are printed.
//!
//! Memory: 1,000 idle sockets to one simulator, each kind in a process of its own (this
//! program runs itself with `--idle KIND`): resident memory before and after, divided.
//! A bare client (TCP and the handshake, no websocket library) gives the simulator's own
//! cost per socket; a watcher's cost is what it adds to that.
#![allow(
    missing_docs,
    clippy::print_stdout,
    reason = "a benchmark program reporting its numbers"
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::json;
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::models::Timestamp;
use vrchat_invite_core::pipeline::{
    PipelineBase, PipelineConnect, PipelineEvent, PipelineOptions, WatchPlan,
};
use vrchat_invite_core::{Endpoint, Session};
use vrchat_invite_tests::{World, location};

/// Watchers in the fan-out.
const WATCHERS: usize = 100;
/// Events pushed in one fan-out.
const EVENTS: usize = 100;
/// Fan-outs per client kind.
const ROUNDS: usize = 3;
/// Invites timed per client kind.
const LATENCY_SAMPLES: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Raw,
    Ureq,
    Hyper,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Raw, Kind::Ureq, Kind::Hyper];

    fn name(self) -> &'static str {
        match self {
            Kind::Raw => "raw tungstenite",
            Kind::Ureq => "ureq watcher",
            Kind::Hyper => "hyper watcher",
        }
    }
}

/// One client reading events; `next` gives the next event's notification ID (or kind).
enum Reader {
    Raw(tungstenite::WebSocket<TcpStream>),
    Ureq(Box<vrchat_invite_ureq::Watcher>),
    Hyper(Box<vrchat_invite_hyper::Watcher>, tokio::runtime::Runtime),
}

fn event_name(event: PipelineEvent) -> String {
    match event.notification() {
        Some(n) => n.id.to_string(),
        None => event.kind().to_owned(),
    }
}

impl Reader {
    fn open(kind: Kind, world: &World, session: Session, since: &Timestamp) -> Reader {
        let base = PipelineBase::new(world.sim.pipeline_base()).expect("base");
        let options = PipelineOptions::default();
        match kind {
            Kind::Raw => {
                let connect = PipelineConnect::new(&session)
                    .expect("connect")
                    .with_base(base);
                let stream = TcpStream::connect(world.sim.addr()).expect("tcp");
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .expect("timeout");
                let request = connect.request([1; 16]).expect("request");
                let (socket, _) = tungstenite::client(request, stream).expect("handshake");
                Reader::Raw(socket)
            }
            Kind::Ureq => {
                let client = vrchat_invite_ureq::Client::new(session).expect("client");
                let watcher = vrchat_invite_ureq::Watcher::new(
                    client,
                    WatchPlan::new(options).since(since.clone()).with_base(base),
                )
                .expect("watcher");
                Reader::Ureq(Box::new(watcher))
            }
            Kind::Hyper => {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                let client = vrchat_invite_hyper::Client::new(session).expect("client");
                let watcher = vrchat_invite_hyper::Watcher::new(
                    client,
                    WatchPlan::new(options).since(since.clone()).with_base(base),
                )
                .expect("watcher");
                Reader::Hyper(Box::new(watcher), runtime)
            }
        }
    }

    fn next(&mut self) -> String {
        match self {
            Reader::Raw(socket) => loop {
                match socket.read().expect("frame") {
                    tungstenite::Message::Text(text) => {
                        let frame: serde_json::Value =
                            serde_json::from_str(text.as_str()).expect("json");
                        let content: serde_json::Value =
                            serde_json::from_str(frame["content"].as_str().expect("string"))
                                .expect("content");
                        break content["id"].as_str().unwrap_or_default().to_owned();
                    }
                    _ => continue,
                }
            },
            Reader::Ureq(watcher) => event_name(watcher.next().expect("open").expect("event")),
            Reader::Hyper(watcher, runtime) => {
                let event = runtime.block_on(async {
                    tokio::time::timeout(Duration::from_secs(30), watcher.next_event()).await
                });
                event_name(event.expect("in time").expect("open").expect("event"))
            }
        }
    }
}

/// A notification frame's content with its own ID, pushed live only.
fn notification(i: usize, world: &World) -> serde_json::Value {
    json!({
        "id": format!("not_bench_{i}"), "type": "requestInvite", "senderUserId": world.alice.id,
        "receiverUserId": world.bob.id, "created_at": world.sim.now(), "message": "",
        "details": {"platform": "standalonewindows"},
    })
}

/// Events per second delivered to all watchers, for one fan-out.
fn fan_out(kind: Kind) -> f64 {
    let world = World::new();
    let since = world.sim.now();
    let ready = Arc::new(Barrier::new(WATCHERS + 1));
    let threads: Vec<_> = (0..WATCHERS)
        .map(|_| {
            let mut reader = Reader::open(kind, &world, world.session(&world.bob), &since);
            let ready = Arc::clone(&ready);
            std::thread::spawn(move || {
                ready.wait();
                (0..EVENTS).map(|_| reader.next()).collect::<Vec<_>>()
            })
        })
        .collect();
    ready.wait();
    // The watchers connect when first read; wait (bounded) until every socket is open.
    for _ in 0..3000 {
        if world.sim.open_pipeline_sockets(&world.bob.id) == WATCHERS {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(world.sim.open_pipeline_sockets(&world.bob.id), WATCHERS);
    let contents: Vec<_> = (0..EVENTS).map(|i| notification(i, &world)).collect();
    let start = Instant::now();
    for content in &contents {
        world
            .sim
            .push_pipeline_event(&world.bob.id, "notification", content);
    }
    let expected: Vec<String> = (0..EVENTS).map(|i| format!("not_bench_{i}")).collect();
    for thread in threads {
        assert_eq!(thread.join().expect("reader"), expected, "{}", kind.name());
    }
    (WATCHERS * EVENTS) as f64 / start.elapsed().as_secs_f64()
}

/// Milliseconds from an invite's HTTP request to its event, per sample.
fn latency(kind: Kind) -> Vec<f64> {
    let world = World::new();
    let since = world.sim.now();
    let mut reader = Reader::open(kind, &world, world.session(&world.bob), &since);
    let alice = world.session(&world.alice);
    let invite = InviteUser::new(world.bob.id.clone(), location());
    let request = alice.request(&invite).expect("request");
    // The first invite opens the socket (and, for the watchers, runs the catch-up).
    world.sim.send(&request).expect("invite");
    let _ = reader.next();
    let mut samples = Vec::new();
    for _ in 0..LATENCY_SAMPLES {
        let start = Instant::now();
        let reply = world.sim.send(&request).expect("invite");
        let sent = invite.parse(&reply).expect("sent");
        assert_eq!(reader.next(), sent.id.to_string());
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    samples
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn percentile(mut values: Vec<f64>, p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let index = ((values.len() as f64 - 1.0) * p).round() as usize;
    values.get(index).copied().unwrap_or(f64::NAN)
}

/// Idle sockets in the memory measurement.
const IDLE_SOCKETS: usize = 1000;
/// Events pushed to all idle watchers, one at a time, for the fan-out latency.
const IDLE_EVENTS: usize = 20;

/// Resident memory of this process, in bytes (Linux's `/proc/self/statm`).
fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|pages| pages.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

/// Waits (bounded) until the simulator has `count` open sockets of Bob's.
fn wait_for_sockets(world: &World, count: usize) {
    for _ in 0..6000 {
        if world.sim.open_pipeline_sockets(&world.bob.id) == count {
            // Let the catch-ups and the first reads settle.
            std::thread::sleep(Duration::from_millis(500));
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!(
        "only {} sockets opened",
        world.sim.open_pipeline_sockets(&world.bob.id)
    );
}

/// A socket that did the handshake by hand and holds nothing but the TCP stream.
fn bare_socket(world: &World, session: &Session) -> TcpStream {
    let connect = PipelineConnect::new(session)
        .expect("connect")
        .with_base(PipelineBase::new(world.sim.pipeline_base()).expect("base"));
    let request = connect.request([1; 16]).expect("request");
    let mut head = format!(
        "GET {} HTTP/1.1\r\n",
        request.uri().path_and_query().expect("path")
    );
    for (name, value) in request.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str().expect("ascii")));
    }
    head.push_str("\r\n");
    let mut stream = TcpStream::connect(world.sim.addr()).expect("tcp");
    stream.write_all(head.as_bytes()).expect("handshake");
    let mut reply = Vec::new();
    let mut byte = [0u8; 1];
    while !reply.ends_with(b"\r\n\r\n") && reply.len() < 4096 {
        stream.read_exact(&mut byte).expect("reply");
        reply.push(byte[0]);
    }
    assert!(
        reply.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&reply)
    );
    stream
}

/// Measures `count` idle sockets of `kind` (`bare` or `hyper`): prints the resident bytes
/// per socket and, for watchers, the fan-out latency's median and p90 in ms.
fn idle(kind: &str, count: usize) {
    let world = World::new();
    let since = world.sim.now();
    let session = world.session(&world.bob);
    let before = resident_bytes();
    let mut latencies = Vec::new();
    match kind {
        "bare" => {
            let sockets: Vec<_> = (0..count).map(|_| bare_socket(&world, &session)).collect();
            wait_for_sockets(&world, count);
            let after = resident_bytes();
            println!("{}", after.saturating_sub(before) as f64 / count as f64);
            drop(sockets);
        }
        _ => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            let client = vrchat_invite_hyper::Client::new(session).expect("client");
            let base = PipelineBase::new(world.sim.pipeline_base()).expect("base");
            let (events, received) = std::sync::mpsc::channel::<Instant>();
            let requests = world.sim.request_count();
            // One at a time, as watchers of separate programs would start, so the HTTP
            // client's pool holds one connection and not one per watcher.
            for opened in 1..=count {
                let plan = WatchPlan::new(PipelineOptions::default())
                    .since(since.clone())
                    .with_base(base.clone());
                let watcher =
                    vrchat_invite_hyper::Watcher::new(client.clone(), plan).expect("watcher");
                let events = events.clone();
                runtime.spawn(async move {
                    let mut watcher = watcher;
                    while let Some(Ok(_)) = watcher.next_event().await {
                        if events.send(Instant::now()).is_err() {
                            break;
                        }
                    }
                });
                for _ in 0..2000 {
                    let open = world.sim.open_pipeline_sockets(&world.bob.id) == opened;
                    if open && world.sim.request_count() >= requests + opened as u64 {
                        break;
                    }
                    std::thread::sleep(Duration::from_micros(200));
                }
            }
            wait_for_sockets(&world, count);
            let after = resident_bytes();
            println!("{}", after.saturating_sub(before) as f64 / count as f64);
            for i in 0..IDLE_EVENTS {
                let start = Instant::now();
                world.sim.push_pipeline_event(
                    &world.bob.id,
                    "notification",
                    &notification(i, &world),
                );
                let mut last = start;
                for _ in 0..count {
                    last = received
                        .recv_timeout(Duration::from_secs(30))
                        .expect("every watcher gets the event");
                }
                latencies.push((last - start).as_secs_f64() * 1000.0);
            }
            println!(
                "{} {}",
                median(latencies.clone()),
                percentile(latencies, 0.9)
            );
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

/// Runs this program again with `--idle KIND`, in a fresh process, and reads its lines.
fn idle_in_child(kind: &str, count: usize) -> Vec<f64> {
    let exe = std::env::current_exe().expect("this program");
    let output = std::process::Command::new(exe)
        .args(["--idle", kind, &count.to_string()])
        .output()
        .expect("child");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|number| number.parse().ok())
        .collect()
}

fn memory(count: usize) {
    let bare = idle_in_child("bare", count);
    let hyper = idle_in_child("hyper", count);
    let simulator = bare[0];
    let watcher = hyper[0] - simulator;
    println!("idle sockets: {count} to one simulator, resident memory per socket");
    println!(
        "  simulator socket (bare client)  {:>6.1} KiB",
        simulator / 1024.0
    );
    println!(
        "  hyper watcher (beyond that)     {:>6.1} KiB",
        watcher / 1024.0
    );
    println!(
        "fan-out to {count} idle hyper watchers, {IDLE_EVENTS} events: median {:.1} ms, p90 {:.1} ms",
        hyper[1], hyper[2]
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, kind, count] = args.as_slice() {
        if flag == "--idle" {
            idle(kind, count.parse().expect("count"));
            return;
        }
    }
    // `cargo test --benches` runs this with `--test`: a smoke run is enough then.
    let quick = std::env::args().any(|arg| arg == "--test");
    memory(if quick { 20 } else { IDLE_SOCKETS });
    let rounds = if quick { 1 } else { ROUNDS };
    let mut raw_rate = f64::NAN;
    println!("fan-out: {WATCHERS} watchers x {EVENTS} notification events, median of {rounds}");
    for kind in Kind::ALL {
        let rate = median((0..rounds).map(|_| fan_out(kind)).collect());
        if kind == Kind::Raw {
            raw_rate = rate;
        }
        println!(
            "  {:<16} {:>10.0} events/s  ({:.2}x of raw)",
            kind.name(),
            rate,
            rate / raw_rate
        );
    }
    println!("invite sent -> event received, {LATENCY_SAMPLES} samples");
    for kind in Kind::ALL {
        let samples = latency(kind);
        println!(
            "  {:<16} median {:.3} ms, p90 {:.3} ms",
            kind.name(),
            median(samples.clone()),
            percentile(samples, 0.9)
        );
    }
}
