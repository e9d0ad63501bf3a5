//! Each transport against the same raw ureq or hyper call to the simulator, in one run:
//! sequential requests, and (hyper) 64 in flight at once.
//!
//! The raw calls send the same request (method, URI, headers) and decode the reply into the
//! same model with `serde_json`, as a hand-written client would; the difference is what the
//! transport and the core add on top.
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as RawHyper;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use vrchat_invite_core::{GetInviteMessages, InviteMessage, InviteMessageType};
use vrchat_invite_tests::World;

/// Requests per iteration of the concurrent benchmarks.
const IN_FLIGHT: usize = 64;

struct Setup {
    world: World,
    list: Arc<GetInviteMessages>,
    /// The request both raw clients send, exactly as the core builds it.
    request: http::Request<Vec<u8>>,
}

fn setup() -> Setup {
    let world = World::new();
    let list = Arc::new(GetInviteMessages::new(
        world.alice.id.clone(),
        InviteMessageType::Message,
    ));
    let request = world
        .session(&world.alice)
        .request(&*list)
        .expect("request");
    Setup {
        world,
        list,
        request,
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

fn sequential_ureq(c: &mut Criterion) {
    let setup = setup();
    let client =
        vrchat_invite_ureq::Client::new(setup.world.session(&setup.world.alice)).expect("client");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();

    let mut group = c.benchmark_group("sequential_ureq");
    group.bench_function("transport", |b| {
        b.iter(|| client.send(&*setup.list).expect("send"));
    });
    group.bench_function("raw", |b| b.iter(|| raw_ureq_call(&agent, &setup.request)));
    group.finish();
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime")
}

fn raw_hyper_client() -> RawHyper<HttpConnector, Full<Bytes>> {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    RawHyper::builder(TokioExecutor::new()).build(connector)
}

fn sequential_hyper(c: &mut Criterion) {
    let setup = setup();
    let runtime = runtime();
    let client =
        vrchat_invite_hyper::Client::new(setup.world.session(&setup.world.alice)).expect("client");
    let raw = raw_hyper_client();

    let mut group = c.benchmark_group("sequential_hyper");
    group.bench_function("transport", |b| {
        b.iter(|| runtime.block_on(client.send(&*setup.list)).expect("send"));
    });
    group.bench_function("raw", |b| {
        b.iter(|| runtime.block_on(raw_hyper_call(&raw, &setup.request)));
    });
    group.finish();
}

fn in_flight_hyper(c: &mut Criterion) {
    let setup = setup();
    let runtime = runtime();
    let client =
        vrchat_invite_hyper::Client::new(setup.world.session(&setup.world.alice)).expect("client");
    let raw = raw_hyper_client();
    let request = Arc::new(setup.request.clone());

    let mut group = c.benchmark_group("in_flight_64_hyper");
    group.bench_function("transport", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let mut batch = tokio::task::JoinSet::new();
                for _ in 0..IN_FLIGHT {
                    let (client, list) = (client.clone(), Arc::clone(&setup.list));
                    batch.spawn(async move { client.send(&*list).await.expect("send") });
                }
                batch.join_all().await
            })
        });
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let mut batch = tokio::task::JoinSet::new();
                for _ in 0..IN_FLIGHT {
                    let (raw, request) = (raw.clone(), Arc::clone(&request));
                    batch.spawn(async move { raw_hyper_call(&raw, &request).await });
                }
                batch.join_all().await
            })
        });
    });
    group.finish();
    // The simulator logs every request; keep its memory flat between groups.
    setup.world.sim.clear_request_log();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(60)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8))
}

criterion_group! {
    name = transports;
    config = config();
    targets = sequential_ureq, sequential_hyper, in_flight_hyper
}
criterion_main!(transports);
