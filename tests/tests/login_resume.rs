//! A half-logged session (password accepted, two-factor code never verified) is resumed at
//! the code, over both transports: other calls are told a code is required (not that the
//! session expired), and the next login verifies a code with the same cookie instead of
//! opening a second session with the password.

use vrchat_invite_core::auth::{CodePrompt, Credentials, TwoFactorCode, TwoFactorMethod};
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::{ApiErrorKind, Session};
use vrchat_invite_sim::{SimUser, Simulator, UserSpec};
use vrchat_invite_tests::{Driver, Failure, location, on_both_transports, session_at};

fn credentials(user: &SimUser) -> Option<Credentials> {
    Credentials::new(user.username.clone(), user.password.clone()).ok()
}

/// Requests that carried a password.
fn password_logins(sim: &Simulator) -> usize {
    sim.request_log()
        .iter()
        .filter(|request| request.headers.contains_key("authorization"))
        .count()
}

fn count(sim: &Simulator, operation: &str) -> u64 {
    sim.operation_counts().get(operation).copied().unwrap_or(0)
}

/// A password login that stops when the code is asked for, saved as a program would save
/// it before waiting for the person.
fn stop_at_the_code<D: Driver>(sim: &Simulator, user: &SimUser) -> Session {
    let client = D::connect(session_at(&sim.base_url()));
    let stopped = client.login(credentials(user), |_| None);
    assert_eq!(
        stopped.err(),
        Some(Failure::TwoFactorCancelled),
        "{}",
        D::NAME
    );
    let saved = serde_json::to_string(&client.session()).expect("save");
    serde_json::from_str(&saved).expect("restore")
}

fn two_factor_required() -> Failure {
    Failure::Api {
        status: http::StatusCode::UNAUTHORIZED,
        kind: ApiErrorKind::TwoFactorRequired,
    }
}

fn totp_session_is_finished_with_a_code<D: Driver>() {
    let sim = Simulator::start().expect("simulator");
    let alice = sim.add_user(UserSpec::new("alice", "alice-pw").with_totp());
    let bob = sim.add_user(UserSpec::new("bob", "bob-pw"));
    sim.make_friends(&alice.id, &bob.id);
    let half = stop_at_the_code::<D>(&sim, &alice);
    assert!(half.auth_cookie().is_some());
    assert_eq!(sim.active_sessions(&alice.id), 1);

    // Meanwhile, other calls say a code is missing, not that the session is over.
    let client = D::connect(half);
    let list = GetInviteMessages::new(alice.id.clone(), InviteMessageType::Message);
    assert_eq!(
        client.send(&list).err(),
        Some(two_factor_required()),
        "{}",
        D::NAME
    );

    // The next login, even with the password at hand, only asks for the code.
    let mut prompts: Vec<CodePrompt> = Vec::new();
    let user = client
        .login(credentials(&alice), |prompt| {
            prompts.push(prompt.clone());
            let code = sim.totp_code(&alice.id)?;
            Some((TwoFactorMethod::Totp, TwoFactorCode::new(code).ok()?))
        })
        .expect("resumed");
    assert_eq!(user.id, alice.id, "{}", D::NAME);
    assert_eq!(prompts.len(), 1);
    assert_eq!(
        prompts[0].methods,
        [TwoFactorMethod::Totp, TwoFactorMethod::Otp]
    );
    assert_eq!(prompts[0].rejected, 0);
    assert_eq!(password_logins(&sim), 1, "no second password login");
    assert_eq!(sim.active_sessions(&alice.id), 1, "no second session");
    assert_eq!(count(&sim, "verify2FA"), 1);
    assert_eq!(client.session().user_id(), Some(&alice.id));
    assert!(client.session().two_factor_cookie().is_some());

    // The same cookie now works.
    client.send(&list).expect("the resumed session works");
    client
        .send(&InviteUser::new(bob.id.clone(), location()))
        .expect("invite");
}

fn email_session_is_finished_without_credentials<D: Driver>() {
    let sim = Simulator::start().expect("simulator");
    let carol = sim.add_user(UserSpec::new("carol@example.com", "carol-pw").with_email_otp());
    let half = stop_at_the_code::<D>(&sim, &carol);
    let emailed = sim.last_email_code(&carol.id).expect("a code was emailed");

    let client = D::connect(half);
    let user = client
        .login(None, |prompt| {
            assert_eq!(prompt.methods, [TwoFactorMethod::EmailOtp]);
            Some((
                TwoFactorMethod::EmailOtp,
                TwoFactorCode::new(emailed.clone()).ok()?,
            ))
        })
        .expect("resumed without a password");
    assert_eq!(user.id, carol.id, "{}", D::NAME);
    assert_eq!(password_logins(&sim), 1);
    assert_eq!(sim.active_sessions(&carol.id), 1);
    assert_eq!(count(&sim, "verify2FAEmailCode"), 1);
}

fn a_wrong_code_on_resume_keeps_the_session_resumable<D: Driver>() {
    let sim = Simulator::start().expect("simulator");
    let alice = sim.add_user(UserSpec::new("alice", "alice-pw").with_totp());
    let half = stop_at_the_code::<D>(&sim, &alice);
    let client = D::connect(half);
    let right = sim.totp_code(&alice.id).expect("totp");
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let refused = client.login(None, |_| {
        Some((TwoFactorMethod::Totp, TwoFactorCode::new(wrong).ok()?))
    });
    assert_eq!(
        refused.err().map(|failure| matches!(
            failure,
            Failure::Api {
                kind: ApiErrorKind::InvalidTwoFactorCode,
                ..
            }
        )),
        Some(true),
        "{}",
        D::NAME
    );
    // The cookie is still the half-logged one: a later login finishes it.
    client
        .login(None, |_| {
            Some((
                TwoFactorMethod::Totp,
                TwoFactorCode::new(right.clone()).ok()?,
            ))
        })
        .expect("resumed after the wrong codes");
    assert_eq!(password_logins(&sim), 1);
    assert_eq!(sim.active_sessions(&alice.id), 1);
}

on_both_transports!(
    totp_session_is_finished_with_a_code,
    email_session_is_finished_without_credentials,
    a_wrong_code_on_resume_keeps_the_session_resumable,
);
