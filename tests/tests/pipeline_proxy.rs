//! The pipeline watchers through a local `CONNECT` proxy, over both transports: events
//! arrive through a tunnel with credentials, a proxy's refusal is a typed error retried by
//! the reconnect policy, a misbehaving proxy (oversize or non-HTTP reply, a close) is bounded
//! and typed, and `NO_PROXY` and loopback keep a direct connection.

use std::time::Duration;

use http::StatusCode;
use vrchat_invite_core::NotificationId;
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::pipeline::{PipelineOptions, ReconnectPolicy};
use vrchat_invite_core::proxy::{
    MAX_TUNNEL_REPLY_HEAD, NoProxy, ProxyRules, ProxyServer, TunnelError,
};
use vrchat_invite_tests::{
    ConnectProxy, Driver, Fault, FaultServer, GOOD_USERINFO, NAMED_HOST, Seen, Ureq, WatchDriver,
    WatchFailure, World, location, refused_addr,
};

fn options() -> PipelineOptions {
    PipelineOptions::default()
        .with_policy(ReconnectPolicy::new(
            Duration::from_millis(20),
            Duration::from_millis(160),
            Duration::from_secs(60),
        ))
        .with_silence_timeout(Duration::from_secs(20))
        .with_connect_timeout(Duration::from_secs(10))
}

/// Bob's watcher of `base`, its client built with `rules`.
fn watch_bob<D: WatchDriver>(world: &World, base: &str, rules: ProxyRules) -> D {
    D::watch_via(
        world.session(&world.bob),
        base,
        options(),
        Some(world.sim.now()),
        Some(rules),
    )
}

/// The simulator's pipeline under a name only the proxy resolves.
fn named_base(world: &World) -> String {
    world.sim.pipeline_base().replace("127.0.0.1", NAMED_HOST)
}

/// Alice invites Bob; the invite's notification ID.
fn invite(world: &World) -> NotificationId {
    let alice: Ureq = world.client(&world.alice);
    match alice.send(&InviteUser::new(world.bob.id.clone(), location())) {
        Ok(sent) => sent.id,
        Err(error) => panic!("invite: {error:?}"),
    }
}

/// Alice invites Bob and his watcher yields it (after, at most, a few earlier invites the
/// catch-up finds).
fn next_invite_arrives<D: WatchDriver>(world: &World, watch: &mut D) {
    let sent = invite(world);
    for _ in 0..4 {
        let event = watch.event();
        if event.notification().map(|n| &n.id) == Some(&sent) {
            return;
        }
    }
    panic!("{}: the invite {sent:?} did not arrive", D::NAME);
}

fn events_arrive_through_an_explicit_proxy_with_credentials<D: WatchDriver>() {
    let world = World::new();
    let proxy = ConnectProxy::start(world.sim.addr());
    let rules = ProxyRules::all(proxy.url(GOOD_USERINFO));
    // DNS does not know the name: only the tunnel reaches the pipeline.
    let mut watch: D = watch_bob(&world, &named_base(&world), rules);
    // The first comes with the catch-up once the socket is open; the second live over it.
    next_invite_arrives(&world, &mut watch);
    next_invite_arrives(&world, &mut watch);
    let port = world.sim.addr().port();
    let seen = proxy.seen();
    assert!(seen.iter().all(|s| s.authorized), "{}: {seen:?}", D::NAME);
    assert!(
        seen.contains(&Seen {
            target: format!("{NAMED_HOST}:{port}"),
            authorized: true
        }),
        "{}: the pipeline's tunnel: {seen:?}",
        D::NAME
    );
    // The catch-up (same client, same rules) went through the proxy too.
    assert!(
        seen.iter().any(|s| s.target == format!("127.0.0.1:{port}")),
        "{}: {seen:?}",
        D::NAME
    );
    assert_eq!(world.sim.pipeline_connections(), 1);
}

fn environment_rules_tunnel_named_hosts_and_keep_loopback_direct<D: WatchDriver>() {
    let world = World::new();
    let proxy = ConnectProxy::start(world.sim.addr());
    let proxy_url = format!("http://{GOOD_USERINFO}{}", proxy.addr());
    let rules = ProxyRules::from_env(move |name| (name == "HTTP_PROXY").then(|| proxy_url.clone()));

    let mut named: D = watch_bob(&world, &named_base(&world), rules.clone());
    next_invite_arrives(&world, &mut named);
    let port = world.sim.addr().port();
    let tunnel = Seen {
        target: format!("{NAMED_HOST}:{port}"),
        authorized: true,
    };
    // Only the pipeline's tunnel: the catch-up goes to 127.0.0.1 directly.
    assert_eq!(proxy.seen(), vec![tunnel.clone()], "{}", D::NAME);
    drop(named);

    let mut direct: D = watch_bob(&world, &world.sim.pipeline_base(), rules);
    next_invite_arrives(&world, &mut direct);
    assert_eq!(
        proxy.seen(),
        vec![tunnel],
        "{}: no tunnel to loopback",
        D::NAME
    );
}

fn no_proxy_hosts_connect_directly<D: WatchDriver>() {
    let world = World::new();
    let proxy = ConnectProxy::start(world.sim.addr());
    let rules =
        ProxyRules::all(proxy.url(GOOD_USERINFO)).with_no_proxy(NoProxy::parse("127.0.0.1"));
    let mut watch: D = watch_bob(&world, &world.sim.pipeline_base(), rules);
    next_invite_arrives(&world, &mut watch);
    assert_eq!(proxy.seen(), Vec::new(), "{}", D::NAME);
}

fn wrong_credentials_are_a_typed_error_retried_by_the_policy<D: WatchDriver>() {
    let world = World::new();
    let proxy = ConnectProxy::start(world.sim.addr());
    for userinfo in ["me:wrong@", ""] {
        let before = proxy.seen().len();
        let rules = ProxyRules::all(proxy.url(userinfo));
        let mut watch: D = watch_bob(&world, &world.sim.pipeline_base(), rules);
        for attempt in 1..=3 {
            assert_eq!(
                watch.next(),
                Some(Err(WatchFailure::Proxy(
                    TunnelError::AuthenticationRequired
                ))),
                "{} {userinfo:?} attempt {attempt}",
                D::NAME
            );
            // One CONNECT per reported failure: no loop behind the caller's back.
            assert_eq!(proxy.seen().len(), before + attempt, "{}", D::NAME);
        }
        // Each failure schedules the wait before its retry, by the policy.
        assert_eq!(watch.waits().len(), 3, "{}", D::NAME);
        assert!(
            watch
                .waits()
                .iter()
                .all(|wait| *wait <= Duration::from_millis(160)),
            "{}",
            D::NAME
        );
    }
    assert!(proxy.seen().iter().all(|s| !s.authorized));
    assert_eq!(world.sim.pipeline_connections(), 0);
    assert_eq!(world.sim.request_count(), 0, "nothing reached the server");
}

fn a_proxy_that_cannot_reach_the_pipeline_reports_its_status<D: WatchDriver>() {
    let world = World::new();
    let proxy = ConnectProxy::start(world.sim.addr());
    let closed = refused_addr().expect("a closed port");
    let rules = ProxyRules::all(proxy.url(GOOD_USERINFO));
    let mut watch: D = watch_bob(&world, &format!("ws://{closed}/pipeline"), rules);
    assert_eq!(
        watch.next(),
        Some(Err(WatchFailure::Proxy(TunnelError::Refused {
            status: StatusCode::BAD_GATEWAY
        }))),
        "{}",
        D::NAME
    );
}

fn a_misbehaving_proxy_is_a_typed_error<D: WatchDriver>() {
    let world = World::new();
    let mut oversize = b"HTTP/1.1 200 OK\r\nX-Filler: ".to_vec();
    oversize.resize(MAX_TUNNEL_REPLY_HEAD + 1000, b'a');
    oversize.extend_from_slice(b"\r\n\r\n");
    let cases = [
        (
            Fault::Reply(oversize),
            TunnelError::HeadTooLarge {
                limit: MAX_TUNNEL_REPLY_HEAD,
            },
        ),
        (
            Fault::Reply(b"SSH-2.0-OpenSSH\r\n\r\n".to_vec()),
            TunnelError::Malformed,
        ),
        (Fault::CloseWithoutReply, TunnelError::Closed),
    ];
    let port = world.sim.addr().port();
    for (fault, expected) in cases {
        let proxy = FaultServer::start(fault).expect("fault server");
        let server = ProxyServer::new(&format!("http://{}", proxy.addr())).expect("proxy URL");
        let mut watch: D = watch_bob(&world, &world.sim.pipeline_base(), ProxyRules::all(server));
        assert_eq!(
            watch.next(),
            Some(Err(WatchFailure::Proxy(expected.clone()))),
            "{}",
            D::NAME
        );
        let requests = proxy.requests();
        let connect =
            format!("CONNECT 127.0.0.1:{port} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        assert_eq!(
            requests.first().map(Vec::as_slice),
            Some(connect.as_bytes()),
            "{} {expected:?}",
            D::NAME
        );
    }
    assert_eq!(world.sim.pipeline_connections(), 0);
}

vrchat_invite_tests::on_both_watchers!(
    events_arrive_through_an_explicit_proxy_with_credentials,
    environment_rules_tunnel_named_hosts_and_keep_loopback_direct,
    no_proxy_hosts_connect_directly,
    wrong_credentials_are_a_typed_error_retried_by_the_policy,
    a_proxy_that_cannot_reach_the_pipeline_reports_its_status,
    a_misbehaving_proxy_is_a_typed_error,
);
