//! Each transport against the same raw ureq or hyper call to the simulator, in one run:
//! sequential requests, and (hyper) 64 in flight at once.
//!
//! The raw calls send the same request (method, URI, headers) and decode the reply into the
//! same model with `serde_json`, as a hand-written client would; the difference is what the
//! transport and the core add on top.
//!
//! Criterion times each function on its own. On a busy machine the load changes between
//! those windows, so after them a paired run alternates short blocks of transport and raw
//! calls and prints the median of the per-round ratios (`transport / raw`), which the load
//! affects equally. The ratios are also written to `<target>/criterion/transport-ratios.json`.
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
use vrchat_invite_core::{GetInviteMessages, InviteMessage, InviteMessageType};
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

/// A simulator, both transports, both raw clients, and the request they all send.
struct Bench {
    world: World,
    list: Arc<GetInviteMessages>,
    /// The request the raw clients send, exactly as the core builds it.
    request: Arc<http::Request<Vec<u8>>>,
    ureq: vrchat_invite_ureq::Client,
    raw_ureq: ureq::Agent,
    /// Pooled connections are driven by tasks on the runtime that opened them, so each
    /// runtime has its own clients.
    hyper: [vrchat_invite_hyper::Client; 2],
    raw_hyper: [RawHyper<HttpConnector, Full<Bytes>>; 2],
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
        // The same timeout as the transport's, so both resolve names the same way.
        let raw_ureq = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(vrchat_invite_ureq::DEFAULT_TIMEOUT))
            .build()
            .into();
        let raw_hyper = || {
            let mut connector = HttpConnector::new();
            connector.set_nodelay(true);
            RawHyper::builder(TokioExecutor::new()).build(connector)
        };
        let hyper = || vrchat_invite_hyper::Client::new(session.clone()).expect("hyper client");
        Self {
            ureq: vrchat_invite_ureq::Client::new(session.clone()).expect("ureq client"),
            raw_ureq,
            hyper: [hyper(), hyper()],
            raw_hyper: [raw_hyper(), raw_hyper()],
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

    /// One unit of work of `pair`, over the transport or the raw client.
    fn run(&self, pair: Pair, transport: bool) {
        match (pair, transport) {
            (Pair::SequentialUreq, true) => {
                self.ureq.send(&*self.list).expect("ureq send");
            }
            (Pair::SequentialUreq, false) => {
                raw_ureq_call(&self.raw_ureq, &self.request);
            }
            (Pair::SequentialHyper, true) => {
                self.sequential
                    .block_on(self.hyper[0].send(&*self.list))
                    .expect("hyper send");
            }
            (Pair::SequentialHyper, false) => {
                self.sequential
                    .block_on(raw_hyper_call(&self.raw_hyper[0], &self.request));
            }
            (Pair::InFlightHyper, transport) => self.concurrent.block_on(async {
                let mut batch = tokio::task::JoinSet::new();
                for _ in 0..IN_FLIGHT {
                    if transport {
                        let (client, list) = (self.hyper[1].clone(), Arc::clone(&self.list));
                        batch.spawn(async move {
                            client.send(&*list).await.expect("hyper send");
                        });
                    } else {
                        let (raw, request) = (self.raw_hyper[1].clone(), Arc::clone(&self.request));
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
    client: &RawHyper<HttpConnector, Full<Bytes>>,
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
        group.bench_function("transport", |b| b.iter(|| bench.run(pair, true)));
        group.bench_function("raw", |b| b.iter(|| bench.run(pair, false)));
        group.finish();
        // The simulator logs every request; keep its memory flat.
        bench.world.sim.clear_request_log();
    }
}

/// The paired ratio of one comparison: median and quartiles of per-round ratios.
struct Ratio {
    pair: Pair,
    median: f64,
    low: f64,
    high: f64,
}

/// Alternates blocks of transport and raw work (swapping which goes first each round) and
/// returns the distribution of `transport time / raw time` over the rounds.
fn paired(bench: &Bench, pair: Pair, rounds: usize, block: usize) -> Ratio {
    let time = |transport: bool| {
        let started = Instant::now();
        for _ in 0..block {
            bench.run(pair, transport);
        }
        started.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|round| {
            let (transport, raw) = if round % 2 == 0 {
                let transport = time(true);
                (transport, time(false))
            } else {
                let raw = time(false);
                (time(true), raw)
            };
            bench.world.sim.clear_request_log();
            transport / raw
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at = |fraction: f64| ratios[((ratios.len() - 1) as f64 * fraction).round() as usize];
    Ratio {
        pair,
        median: at(0.5),
        low: at(0.25),
        high: at(0.75),
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
    let mut json = String::from("{");
    for (index, ratio) in ratios.iter().enumerate() {
        println!(
            "{:<20} transport/raw, paired: median {:.3} (quartiles {:.3}..{:.3})",
            ratio.pair.name(),
            ratio.median,
            ratio.low,
            ratio.high
        );
        if index > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            r#""{}":{{"median":{:.4},"q1":{:.4},"q3":{:.4}}}"#,
            ratio.pair.name(),
            ratio.median,
            ratio.low,
            ratio.high
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
