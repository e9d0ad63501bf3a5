//! Every operation of the core has a route in the simulator, and the route carries the
//! operation's name: the type's `Endpoint::OPERATION_ID`, or the spec's name of its form.

use std::collections::BTreeMap;
use std::fmt::Debug;

#[path = "../../core/tests/support/operations.rs"]
#[allow(dead_code, reason = "this test uses part of the shared list")]
mod operations;

use operations::{OPERATION_COUNT, Values, Visitor, visit_every_operation};
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::{BaseUrl, Endpoint, Session, UserAgent};
use vrchat_invite_sim::Simulator;

/// Sends each operation and reads the name the simulator's log files it under.
struct Send<'a> {
    sim: &'a Simulator,
    session: Session,
    /// The operation's name in the shared list, the name the simulator gave it, and the
    /// type's `OPERATION_ID`.
    seen: Vec<(&'static str, String, &'static str)>,
}

impl Visitor for Send<'_> {
    fn visit<E: Endpoint>(&mut self, name: &'static str, endpoint: &E)
    where
        E::Output: Debug,
    {
        let request = self.session.request(endpoint).expect("request");
        self.sim.clear_request_log();
        let before = self.sim.operation_counts();
        self.sim.send(&request).expect("the simulator answers");
        let after = self.sim.operation_counts();
        let grown: Vec<String> = after
            .into_iter()
            .filter(|(operation, count)| before.get(operation) != Some(count))
            .map(|(operation, _)| operation)
            .collect();
        let [routed] = grown.as_slice() else {
            panic!("{name}: filed under {grown:?}");
        };
        self.seen.push((name, routed.clone(), E::OPERATION_ID));
    }
}

#[test]
fn every_operation_id_has_its_route() {
    let sim = Simulator::start().expect("simulator");
    let session = Session::new(UserAgent::new("Routes/1.0 t@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(sim.base_url()).expect("base url"))
        .with_auth_cookie(AuthCookie::new("authcookie_none").expect("cookie"));
    let values = Values::plain();
    let session = session.with_user_id(values.user.clone());
    let mut send = Send {
        sim: &sim,
        session,
        seen: Vec::new(),
    };
    visit_every_operation(&values, &mut send);
    assert_eq!(send.seen.len(), OPERATION_COUNT);
    let mut forms: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, routed, operation_id) in &send.seen {
        // The shared list's name, without a note in brackets, is the spec's name.
        let spec_name = name.split(" (").next().unwrap_or(name);
        assert_eq!(routed, spec_name, "{name}");
        forms.entry(operation_id).or_default().push(routed);
    }
    // Each type's own operation is among its routes; a photo form is its `…WithPhoto`.
    for (operation_id, routed) in forms {
        assert!(routed.contains(&operation_id), "{operation_id}: {routed:?}");
        for other in routed.iter().filter(|routed| **routed != operation_id) {
            assert_eq!(*other, format!("{operation_id}WithPhoto"));
        }
    }
}
