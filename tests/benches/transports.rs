//! Each transport against raw ureq or hyper calls to the simulator, in one run: sequential
//! requests, and (hyper) 64 in flight at once.
//!
//! The raw calls send the same request (method, URI, headers) and decode the reply into the
//! same model with `serde_json`, as a hand-written client would; the difference is what the
//! transport and the core add on top. Each raw client comes twice:
//!
//! * like for like: configured as the transport configures its own (ureq: the same
//!   whole-exchange timeout, no redirects; hyper: `TCP_NODELAY`);
//! * as its docs show: `Agent::new_with_defaults()` (no timeout), and hyper-util's
//!   `Client::builder(TokioExecutor::new()).build_http()`, which is what a user who picks the
//!   raw client writes.
//!
//! Criterion times each function on its own. On a busy machine the load changes between
//! those windows, so after them a paired run alternates short blocks of the three (the order
//! rotating every round) and prints the median of the per-round ratios (`raw / transport`,
//! the transport's share of the raw client's throughput), which the load affects equally.
//! The ratios are also written to `<target>/criterion/transport-ratios.json`.
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, criterion_group};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as RawHyper;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::models::InviteMessage;
use vrchat_invite_tests::World;

/// Requests per iteration of the concurrent benchmarks.
const IN_FLIGHT: usize = 64;

/// The three comparisons.
#[derive(Debug, Clone, Copy)]
enum Pair {
    SequentialUreq,
    SequentialHyper,
    InFlightHyper,
}

impl Pair {
    const ALL: [Pair; 3] = [
        Pair::SequentialUreq,
        Pair::SequentialHyper,
        Pair::InFlightHyper,
    ];

    fn name(self) -> &'static str {
        match self {
            Pair::SequentialUreq => "sequential_ureq",
            Pair::SequentialHyper => "sequential_hyper",
            Pair::InFlightHyper => "in_flight_64_hyper",
        }
    }
}

/// Who does the work in a measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Transport,
    /// The raw client configured as the transport configures its own.
    LikeForLike,
    /// The raw client as its docs show it.
    AsDocs,
}

impl Side {
    const ALL: [Side; 3] = [Side::Transport, Side::LikeForLike, Side::AsDocs];

    fn name(self) -> &'static str {
        match self {
            Side::Transport => "transport",
            Side::LikeForLike => "raw_like_for_like",
            Side::AsDocs => "raw_as_docs_show",
        }
    }
}

type RawHyperClient = RawHyper<HttpConnector, Full<Bytes>>;

/// A simulator, both transports, the raw clients, and the request they all send.
struct Bench {
    world: World,
    list: Arc<GetInviteMessages>,
    /// The request the raw clients send, exactly as the core builds it.
    request: Arc<http::Request<Vec<u8>>>,
    ureq: vrchat_invite_ureq::Client,
    /// The same whole-exchange timeout as the transport's, no redirects.
    raw_ureq: ureq::Agent,
    /// `Agent::new_with_defaults()`: no timeout.
    docs_ureq: ureq::Agent,
    /// Pooled connections are driven by tasks on the runtime that opened them, so each
    /// runtime has its own clients.
    hyper: [vrchat_invite_hyper::Client; 2],
    /// `TCP_NODELAY`, as the transport sets it.
    raw_hyper: [RawHyperClient; 2],
    /// `Client::builder(TokioExecutor::new()).build_http()`.
    docs_hyper: [RawHyperClient; 2],
    /// One thread for sequential calls: the call and its connection task share it.
    sequential: tokio::runtime::Runtime,
    /// A worker thread beside the caller for concurrent calls.
    concurrent: tokio::runtime::Runtime,
}

impl Bench {
    fn new() -> Self {
        let world = World::new();
        let session = world.session(&world.alice);
        let list = Arc::new(GetInviteMessages::new(
            world.alice.id.clone(),
            InviteMessageType::Message,
        ));
        let request = Arc::new(session.request(&*list).expect("request"));
        let raw_ureq = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(vrchat_invite_ureq::transport::DEFAULT_TIMEOUT))
            .build()
            .into();
        let raw_hyper = || {
            let mut connector = HttpConnector::new();
            connector.set_nodelay(true);
            RawHyper::builder(TokioExecutor::new()).build(connector)
        };
        let docs_hyper = || RawHyper::builder(TokioExecutor::new()).build_http();
        let hyper = || vrchat_invite_hyper::Client::new(session.clone()).expect("hyper client");
        Self {
            ureq: vrchat_invite_ureq::Client::new(session.clone()).expect("ureq client"),
            raw_ureq,
            docs_ureq: ureq::Agent::new_with_defaults(),
            hyper: [hyper(), hyper()],
            raw_hyper: [raw_hyper(), raw_hyper()],
            docs_hyper: [docs_hyper(), docs_hyper()],
            sequential: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime"),
            concurrent: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("runtime"),
            world,
            list,
            request,
        }
    }

    /// The raw hyper client of `side` for runtime `index`.
    fn raw_hyper(&self, side: Side, index: usize) -> &RawHyperClient {
        match side {
            Side::AsDocs => &self.docs_hyper[index],
            _ => &self.raw_hyper[index],
        }
    }

    /// One unit of work of `pair`, over the transport or a raw client.
    fn run(&self, pair: Pair, side: Side) {
        match (pair, side) {
            (Pair::SequentialUreq, Side::Transport) => {
                self.ureq.send(&*self.list).expect("ureq send");
            }
            (Pair::SequentialUreq, Side::LikeForLike) => {
                raw_ureq_call(&self.raw_ureq, &self.request);
            }
            (Pair::SequentialUreq, Side::AsDocs) => {
                raw_ureq_call(&self.docs_ureq, &self.request);
            }
            (Pair::SequentialHyper, Side::Transport) => {
                self.sequential
                    .block_on(self.hyper[0].send(&*self.list))
                    .expect("hyper send");
            }
            (Pair::SequentialHyper, raw) => {
                self.sequential
                    .block_on(raw_hyper_call(self.raw_hyper(raw, 0), &self.request));
            }
            (Pair::InFlightHyper, side) => self.concurrent.block_on(async {
                let mut batch = tokio::task::JoinSet::new();
                for _ in 0..IN_FLIGHT {
                    if side == Side::Transport {
                        let (client, list) = (self.hyper[1].clone(), Arc::clone(&self.list));
                        batch.spawn(async move {
                            client.send(&*list).await.expect("hyper send");
                        });
                    } else {
                        let raw = self.raw_hyper(side, 1).clone();
                        let request = Arc::clone(&self.request);
                        batch.spawn(async move {
                            raw_hyper_call(&raw, &request).await;
                        });
                    }
                }
                batch.join_all().await;
            }),
        }
    }
}

fn decode(body: &[u8]) -> Vec<InviteMessage> {
    let messages: Vec<InviteMessage> = serde_json::from_slice(body).expect("decode");
    assert_eq!(messages.len(), 12);
    messages
}

fn raw_ureq_call(agent: &ureq::Agent, request: &http::Request<Vec<u8>>) -> Vec<InviteMessage> {
    let mut builder = agent.get(request.uri().to_string());
    for (name, value) in request.headers() {
        builder = builder.header(name, value);
    }
    let mut response = builder.call().expect("raw ureq");
    decode(&response.body_mut().read_to_vec().expect("body"))
}

async fn raw_hyper_call(
    client: &RawHyperClient,
    request: &http::Request<Vec<u8>>,
) -> Vec<InviteMessage> {
    let mut raw = http::Request::builder()
        .method(request.method())
        .uri(request.uri());
    for (name, value) in request.headers() {
        raw = raw.header(name, value);
    }
    let raw = raw.body(Full::new(Bytes::new())).expect("request");
    let response = client.request(raw).await.expect("raw hyper");
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    decode(&body)
}

fn transports(c: &mut Criterion) {
    let bench = Bench::new();
    for pair in Pair::ALL {
        let mut group = c.benchmark_group(pair.name());
        for side in Side::ALL {
            group.bench_function(side.name(), |b| b.iter(|| bench.run(pair, side)));
        }
        group.finish();
        // The simulator logs every request; keep its memory flat.
        bench.world.sim.clear_request_log();
    }
}

/// Median and quartiles of per-round ratios.
#[derive(Debug, Clone, Copy)]
struct Spread {
    median: f64,
    low: f64,
    high: f64,
}

impl Spread {
    fn of(mut ratios: Vec<f64>) -> Self {
        ratios.sort_by(f64::total_cmp);
        let at = |fraction: f64| ratios[((ratios.len() - 1) as f64 * fraction).round() as usize];
        Self {
            median: at(0.5),
            low: at(0.25),
            high: at(0.75),
        }
    }

    fn json(&self) -> String {
        format!(
            r#"{{"median":{:.4},"q1":{:.4},"q3":{:.4}}}"#,
            self.median, self.low, self.high
        )
    }
}

/// The transport's throughput as a share of each raw client's (`raw time / transport time`).
struct Ratio {
    pair: Pair,
    like_for_like: Spread,
    as_docs: Spread,
}

/// Alternates blocks of the three sides (the order rotating every round) and returns the
/// distribution of `raw time / transport time` over the rounds, for each raw client.
fn paired(bench: &Bench, pair: Pair, rounds: usize, block: usize) -> Ratio {
    let time = |side: Side| {
        let started = Instant::now();
        for _ in 0..block {
            bench.run(pair, side);
        }
        started.elapsed().as_secs_f64()
    };
    let mut like_for_like = Vec::with_capacity(rounds);
    let mut as_docs = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let mut seconds = [0.0; 3];
        for step in 0..3 {
            let index = (round + step) % 3;
            seconds[index] = time(Side::ALL[index]);
        }
        let [transport, like, docs] = seconds;
        like_for_like.push(like / transport);
        as_docs.push(docs / transport);
        bench.world.sim.clear_request_log();
    }
    Ratio {
        pair,
        like_for_like: Spread::of(like_for_like),
        as_docs: Spread::of(as_docs),
    }
}

fn paired_ratios(quick: bool) {
    let bench = Bench::new();
    let (rounds, scale) = if quick { (2, 1) } else { (41, 20) };
    let ratios: Vec<Ratio> = Pair::ALL
        .into_iter()
        .map(|pair| {
            let block = match pair {
                Pair::InFlightHyper => scale,
                _ => scale * 10,
            };
            paired(&bench, pair, rounds, block)
        })
        .collect();
    println!("throughput of the transport / throughput of the raw client, paired rounds:");
    let mut json = String::from("{");
    for (index, ratio) in ratios.iter().enumerate() {
        for (label, spread) in [
            ("like for like", ratio.like_for_like),
            ("as docs show", ratio.as_docs),
        ] {
            println!(
                "{:<20} vs raw {label:<14} median {:.3} (quartiles {:.3}..{:.3})",
                ratio.pair.name(),
                spread.median,
                spread.low,
                spread.high
            );
        }
        if index > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            r#""{}":{{"like_for_like":{},"as_docs_show":{}}}"#,
            ratio.pair.name(),
            ratio.like_for_like.json(),
            ratio.as_docs.json()
        ));
    }
    json.push('}');
    if !quick {
        let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "../target".to_owned());
        let path = std::path::Path::new(&target).join("criterion/transport-ratios.json");
        if let Err(error) = std::fs::write(&path, json) {
            eprintln!("could not write {}: {error}", path.display());
        }
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(40)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = config();
    targets = transports
}

fn main() {
    benches();
    // `cargo test --benches` passes `--test`: run everything once, briefly.
    paired_ratios(std::env::args().any(|arg| arg == "--test"));
    Criterion::default().configure_from_args().final_summary();
}
