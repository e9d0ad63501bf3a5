//! The transports' `tracing` feature: one span per exchange with its fields, politeness
//! events, and never a secret in any field, over both transports.
#![cfg(feature = "tracing")]

use std::fmt;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use vrchat_invite_core::auth::{Credentials, TwoFactorCode, TwoFactorMethod};
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::polite::Politeness;
use vrchat_invite_core::{BaseUrl, Session, UserAgent};
use vrchat_invite_sim::{DemoAccounts, Simulator};

/// What one span or event carried: its name (or message) and every field.
#[derive(Debug, Clone, Default)]
struct Captured {
    name: String,
    fields: Vec<(String, String)>,
}

impl Captured {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

impl Visit for Captured {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.fields
            .push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.fields
            .push((field.name().to_owned(), value.to_owned()));
    }
}

/// Keeps every span (with the fields recorded later) and every event.
#[derive(Clone, Default)]
struct Capture {
    spans: Arc<Mutex<Vec<(Id, Captured)>>>,
    events: Arc<Mutex<Vec<Captured>>>,
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut captured = Captured {
            name: attrs.metadata().name().to_owned(),
            ..Captured::default()
        };
        attrs.record(&mut captured);
        self.spans.lock().unwrap().push((id.clone(), captured));
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut spans = self.spans.lock().unwrap();
        if let Some((_, captured)) = spans.iter_mut().rev().find(|(span, _)| span == id) {
            values.record(captured);
        }
    }
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut captured = Captured::default();
        event.record(&mut captured);
        captured.name = captured.field("message").unwrap_or_default().to_owned();
        self.events.lock().unwrap().push(captured);
    }
}

impl Capture {
    fn exchanges(&self) -> Vec<Captured> {
        self.spans
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, span)| span.name == "vrchat_invite.exchange")
            .map(|(_, span)| span.clone())
            .collect()
    }

    fn everything(&self) -> String {
        let spans = self.spans.lock().unwrap();
        let events = self.events.lock().unwrap();
        format!("{:?}{:?}", *spans, *events)
    }
}

fn fresh_session(sim: &Simulator) -> Session {
    Session::new(UserAgent::new("TraceTest/1.0 t@example.com").unwrap())
        .with_base_url(BaseUrl::new(sim.base_url()).unwrap())
}

/// Logs Alice in, lists her messages and invites Bob twice (the second refused by
/// politeness), over the blocking client; gives the session and the 2FA code used.
fn over_ureq(sim: &Simulator, accounts: &DemoAccounts) -> (Session, String) {
    use vrchat_invite_ureq::Client;
    let client = Client::builder(fresh_session(sim))
        .politeness(Politeness::recommended())
        .build()
        .unwrap();
    let alice = &accounts.alice;
    let mut code_given = String::new();
    client
        .login(
            Some(Credentials::new(&alice.username, &alice.password).unwrap()),
            |offered| {
                let method = TwoFactorMethod::preferred(offered)?.clone();
                code_given = sim.totp_code(&alice.id)?;
                Some((method, TwoFactorCode::new(code_given.clone()).ok()?))
            },
        )
        .unwrap();
    let list = GetInviteMessages::new(alice.id.clone(), InviteMessageType::Message);
    client.send(&list).unwrap();
    let invite = InviteUser::new(accounts.bob.id.clone(), "wrld_1:1".parse().unwrap());
    client.send(&invite).unwrap();
    assert!(client.send(&invite).is_err());
    (client.session(), code_given)
}

/// The same over the async client.
fn over_hyper(sim: &Simulator, accounts: &DemoAccounts) -> (Session, String) {
    use vrchat_invite_hyper::Client;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let code_given = Mutex::new(String::new());
    let session = runtime.block_on(async {
        let client = Client::builder(fresh_session(sim))
            .politeness(Politeness::recommended())
            .build()
            .unwrap();
        let alice = &accounts.alice;
        let code_given = &code_given;
        client
            .login(
                Some(Credentials::new(&alice.username, &alice.password).unwrap()),
                |offered| async move {
                    let method = TwoFactorMethod::preferred(&offered)?.clone();
                    let code = sim.totp_code(&alice.id)?;
                    *code_given.lock().unwrap() = code.clone();
                    Some((method, TwoFactorCode::new(code).ok()?))
                },
            )
            .await
            .unwrap();
        let list = GetInviteMessages::new(alice.id.clone(), InviteMessageType::Message);
        client.send(&list).await.unwrap();
        let invite = InviteUser::new(accounts.bob.id.clone(), "wrld_1:1".parse().unwrap());
        client.send(&invite).await.unwrap();
        assert!(client.send(&invite).await.is_err());
        client.session()
    });
    (session, code_given.into_inner().unwrap())
}

#[test]
fn every_exchange_has_a_span_and_no_secret_reaches_a_field_over_ureq() {
    check_traces(over_ureq);
}

#[test]
fn every_exchange_has_a_span_and_no_secret_reaches_a_field_over_hyper() {
    check_traces(over_hyper);
}

fn check_traces(run: fn(&Simulator, &DemoAccounts) -> (Session, String)) {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let (session, code_given) =
        tracing::subscriber::with_default(subscriber, || run(&sim, &accounts));

    let exchanges = capture.exchanges();
    let listed = exchanges
        .iter()
        .find(|span| span.field("operation") == Some("getInviteMessages"))
        .expect("a span for the list");
    assert_eq!(listed.field("method"), Some("GET"));
    assert_eq!(
        listed.field("path").map(str::to_owned),
        Some(format!("/api/1/message/{}/message", accounts.alice.id))
    );
    assert_eq!(listed.field("status"), Some("200"));
    assert!(
        listed
            .field("elapsed_ms")
            .is_some_and(|ms| ms.parse::<u64>().is_ok())
    );
    assert!(
        listed
            .field("request_id")
            .is_some_and(|id| id.starts_with("00000000-"))
    );
    // Login exchanges are traced too, by the operation each step was built for.
    let logins: Vec<_> = exchanges
        .iter()
        .filter(|span| span.field("path") == Some("/api/1/auth/user"))
        .collect();
    assert!(logins.len() >= 2, "{exchanges:?}");
    assert!(
        logins
            .iter()
            .all(|span| span.field("operation") == Some("getCurrentUser")),
        "{logins:?}"
    );
    assert_eq!(
        exchanges
            .iter()
            .filter(|s| s.field("operation") == Some("inviteUser"))
            .count(),
        1,
        "the refused invite was never sent"
    );
    let events = capture.events.lock().unwrap().clone();
    assert!(
        events
            .iter()
            .any(|e| e.name.contains("refused") && e.field("operation") == Some("inviteUser")),
        "{events:?}"
    );

    let everything = capture.everything();
    let token = session
        .auth_cookie()
        .expect("logged in")
        .expose()
        .to_owned();
    let second = session
        .two_factor_cookie()
        .expect("2FA cookie")
        .expose()
        .to_owned();
    for secret in [
        accounts.alice.password.as_str(),
        &token,
        &second,
        &code_given,
    ] {
        assert!(!secret.is_empty());
        assert!(
            !everything.contains(secret),
            "a secret reached a field: {everything}"
        );
    }
}
