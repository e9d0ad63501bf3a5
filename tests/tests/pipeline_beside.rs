//! Both watchers find the simulator's pipeline beside a local API base URL, as the CLI
//! does, without being told where it is.

use std::time::Duration;

use vrchat_invite_core::Endpoint;
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::pipeline::{PipelineOptions, WatchPlan};
use vrchat_invite_tests::{World, location};

fn send_invite(world: &World) -> String {
    let alice = world.session(&world.alice);
    let invite = InviteUser::new(world.bob.id.clone(), location());
    let reply = world
        .sim
        .send(&alice.request(&invite).expect("request"))
        .expect("reply");
    invite.parse(&reply).expect("sent").id.to_string()
}

#[test]
fn the_blocking_watcher_finds_the_pipeline_beside_the_api() {
    let world = World::new();
    let client = vrchat_invite_ureq::Client::new(world.session(&world.bob)).expect("client");
    let mut watcher = vrchat_invite_ureq::Watcher::new(
        client,
        WatchPlan::new(PipelineOptions::default()).since(world.sim.now()),
    )
    .expect("watcher");
    let sent = send_invite(&world);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let first = watcher
            .next()
            .map(|event| event.map(|e| e.notification().map(|n| n.id.to_string())));
        let _ = tx.send(first);
    });
    let first = rx.recv_timeout(Duration::from_secs(30)).expect("in time");
    assert!(
        matches!(&first, Some(Ok(Some(id))) if *id == sent),
        "{first:?}"
    );
}

#[test]
fn the_async_watcher_finds_the_pipeline_beside_the_api() {
    let world = World::new();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = vrchat_invite_hyper::Client::new(world.session(&world.bob)).expect("client");
    let mut watcher = vrchat_invite_hyper::Watcher::new(
        client,
        WatchPlan::new(PipelineOptions::default()).since(world.sim.now()),
    )
    .expect("watcher");
    let sent = send_invite(&world);
    let first = runtime
        .block_on(async {
            tokio::time::timeout(Duration::from_secs(30), watcher.next_event()).await
        })
        .expect("in time");
    let id = first
        .and_then(|event| event.ok())
        .and_then(|e| e.notification().map(|n| n.id.to_string()));
    assert_eq!(id, Some(sent));
}
