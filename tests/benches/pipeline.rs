//! The pipeline under load: the simulator pushing to 100 watchers at once, and the time
//! from an invite being sent to its event arriving, per transport beside a raw tungstenite
//! client that only reads the frames.
//!
//! A plain program (no criterion): each measurement is a whole fan-out or a whole series,
//! repeated a few times, and the medians are printed.
#![allow(
    missing_docs,
    clippy::print_stdout,
    reason = "a benchmark program reporting its numbers"
)]

use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::json;
use vrchat_invite_core::{
    Endpoint, InviteUser, PipelineBase, PipelineConnect, PipelineEvent, PipelineOptions, Session,
    Timestamp,
};
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
                let watcher =
                    vrchat_invite_ureq::Watcher::new(client, options, Some(since.clone()))
                        .expect("watcher")
                        .with_base(base);
                Reader::Ureq(Box::new(watcher))
            }
            Kind::Hyper => {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                let client = vrchat_invite_hyper::Client::new(session).expect("client");
                let watcher =
                    vrchat_invite_hyper::Watcher::new(client, options, Some(since.clone()))
                        .expect("watcher")
                        .with_base(base);
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

fn main() {
    // `cargo test --benches` runs this with `--test`: a smoke run is enough then.
    let quick = std::env::args().any(|arg| arg == "--test");
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
