//! Load: 10,000 requests through one hyper client, 256 at a time, against the simulator.
//! None may be lost or fail, and the simulator must have counted exactly as many.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_tests::World;

const REQUESTS: usize = 10_000;
const IN_FLIGHT: usize = 256;
/// A bound on the whole run, far above what it takes (this is not a speed test).
const BOUND: Duration = Duration::from_secs(600);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_requests_256_in_flight_none_lost() {
    let world = World::new();
    let client = vrchat_invite_hyper::Client::new(world.session(&world.alice)).expect("client");
    let list = Arc::new(GetInviteMessages::new(
        world.alice.id.clone(),
        InviteMessageType::Message,
    ));
    let next = Arc::new(AtomicUsize::new(0));

    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        let (client, list, next) = (client.clone(), Arc::clone(&list), Arc::clone(&next));
        workers.spawn(async move {
            let mut answered = 0_usize;
            // Each request index is taken once, so exactly REQUESTS are sent in all.
            while next.fetch_add(1, Ordering::SeqCst) < REQUESTS {
                match client.send(&*list).await {
                    Ok(messages) if messages.len() == 12 => answered += 1,
                    Ok(messages) => return Err(format!("{} messages", messages.len())),
                    Err(error) => return Err(format!("{error:?}")),
                }
            }
            Ok(answered)
        });
    }
    let results = tokio::time::timeout(BOUND, workers.join_all())
        .await
        .expect("the load run finished within its bound");

    let mut answered = 0;
    for result in results {
        answered += result.expect("every request succeeded");
    }
    assert_eq!(answered, REQUESTS);
    assert_eq!(world.sim.request_count(), REQUESTS as u64);
    let counts = world.sim.operation_counts();
    assert_eq!(counts.get("getInviteMessages"), Some(&(REQUESTS as u64)));
    assert_eq!(counts.values().sum::<u64>(), REQUESTS as u64, "{counts:?}");
}
