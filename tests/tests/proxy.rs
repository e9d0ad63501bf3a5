//! Proxies over both transports, against a local `CONNECT` proxy that checks credentials
//! and tunnels to the simulator.

use std::time::Duration;

use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::proxy::ProxyRules;
use vrchat_invite_core::{BaseUrl, Session, UserAgent, UserId};
use vrchat_invite_sim::{DemoAccounts, Simulator};
use vrchat_invite_tests::{ConnectProxy, NAMED_HOST};

fn session(sim: &Simulator, base_url: &str, user: &UserId) -> Session {
    Session::new(UserAgent::new("ProxyTest/1.0 t@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(base_url).expect("base URL"))
        .with_auth_cookie(sim.open_session(user))
}

fn list(accounts: &DemoAccounts) -> GetInviteMessages {
    GetInviteMessages::new(accounts.bob.id.clone(), InviteMessageType::Message)
}

/// Sends the list through a ureq client and a hyper client built with `rules`; returns
/// the number of messages each got, or the error each gave.
fn over_both(
    session: &Session,
    rules: &ProxyRules,
    accounts: &DemoAccounts,
) -> [Result<usize, String>; 2] {
    let ureq = vrchat_invite_ureq::Client::builder(session.clone())
        .proxy_rules(rules.clone())
        .build()
        .expect("ureq client");
    let by_ureq = ureq
        .send(&list(accounts))
        .map(|m| m.decoded().count())
        .map_err(|e| e.to_string());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let hyper = vrchat_invite_hyper::Client::builder(session.clone())
        .proxy_rules(rules.clone())
        .timeout(Duration::from_secs(20))
        .build()
        .expect("hyper client");
    let by_hyper = runtime
        .block_on(hyper.send(&list(accounts)))
        .map(|m| m.decoded().count())
        .map_err(|e| e.to_string());
    [by_ureq, by_hyper]
}

#[test]
fn an_explicit_proxy_with_credentials_tunnels_both_transports() {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let proxy = ConnectProxy::start(sim.addr());
    let session = session(&sim, &sim.base_url(), &accounts.bob.id);
    let rules = ProxyRules::all(proxy.url("me:pa%20ss@"));
    assert_eq!(over_both(&session, &rules, &accounts), [Ok(12), Ok(12)]);
    let target = format!("127.0.0.1:{}", sim.addr().port());
    let seen = proxy.seen();
    assert_eq!(seen.len(), 2, "one tunnel per transport: {seen:?}");
    assert!(
        seen.iter().all(|s| s.target == target && s.authorized),
        "{seen:?}"
    );
    assert_eq!(sim.operation_counts()["getInviteMessages"], 2);
}

#[test]
fn credentials_given_apart_from_the_url_work_too() {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let proxy = ConnectProxy::start(sim.addr());
    let session = session(&sim, &sim.base_url(), &accounts.bob.id);
    let rules = ProxyRules::all(proxy.url("").with_credentials("me", "pa ss"));
    assert_eq!(over_both(&session, &rules, &accounts), [Ok(12), Ok(12)]);
}

#[test]
fn a_proxy_refusing_the_credentials_fails_both_and_nothing_reaches_the_server() {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let proxy = ConnectProxy::start(sim.addr());
    let session = session(&sim, &sim.base_url(), &accounts.bob.id);
    for userinfo in ["", "me:wrong@"] {
        let rules = ProxyRules::all(proxy.url(userinfo));
        let [by_ureq, by_hyper] = over_both(&session, &rules, &accounts);
        assert!(
            by_ureq.is_err() && by_hyper.is_err(),
            "{by_ureq:?} {by_hyper:?}"
        );
        for error in [by_ureq, by_hyper].into_iter().flat_map(Result::err) {
            assert!(!error.contains("wrong"), "no password in errors: {error}");
        }
    }
    assert_eq!(proxy.seen().len(), 4);
    assert!(proxy.seen().iter().all(|s| !s.authorized));
    assert_eq!(sim.request_count(), 0);
}

#[test]
fn proxy_rules_from_the_environment_tunnel_named_hosts_and_skip_loopback() {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let proxy = ConnectProxy::start(sim.addr());
    let proxy_url = format!("http://me:pa%20ss@{}", proxy.addr());
    let env = move |name: &str| (name == "HTTP_PROXY").then(|| proxy_url.clone());
    let rules = ProxyRules::from_env(env);

    // A named host goes through the proxy, which resolves it.
    let port = sim.addr().port();
    let named = session(
        &sim,
        &format!("http://{NAMED_HOST}:{port}/api/1"),
        &accounts.bob.id,
    );
    assert_eq!(over_both(&named, &rules, &accounts), [Ok(12), Ok(12)]);
    let target = format!("{NAMED_HOST}:{port}");
    assert!(
        proxy
            .seen()
            .iter()
            .all(|s| s.target == target && s.authorized)
    );
    assert_eq!(proxy.seen().len(), 2);

    // Loopback never goes through a proxy from the environment.
    let direct = session(&sim, &sim.base_url(), &accounts.bob.id);
    assert_eq!(over_both(&direct, &rules, &accounts), [Ok(12), Ok(12)]);
    assert_eq!(proxy.seen().len(), 2, "no tunnel for 127.0.0.1");
    assert_eq!(sim.operation_counts()["getInviteMessages"], 4);
}
