//! A wrong two-factor code is forgiven within the same login, a bounded number of times,
//! over both transports: no second password login, so no second session.

use std::time::Duration;

use vrchat_invite_core::auth::{
    CodePrompt, Credentials, LoginFlow, TwoFactorCode, TwoFactorMethod,
};
use vrchat_invite_core::{ApiErrorKind, BaseUrl, Session, UserAgent};
use vrchat_invite_sim::{SimUser, Simulator, UserSpec};

const AGENT: &str = "LoginRetryTest/1.0 tests@example.com";

fn setup() -> (Simulator, SimUser) {
    let sim = Simulator::start().expect("simulator");
    let alice = sim.add_user(UserSpec::new("alice", "alice-pw").with_totp());
    (sim, alice)
}

fn session(sim: &Simulator) -> Session {
    Session::new(UserAgent::new(AGENT).expect("agent"))
        .with_base_url(BaseUrl::new(sim.base_url()).expect("base"))
}

fn credentials(user: &SimUser) -> Option<Credentials> {
    Credentials::new(user.username.clone(), user.password.clone()).ok()
}

/// A code that is certainly wrong now.
fn wrong_code(sim: &Simulator, user: &SimUser) -> TwoFactorCode {
    let right = sim.totp_code(&user.id).expect("totp");
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    TwoFactorCode::new(wrong).expect("code")
}

fn right_code(sim: &Simulator, user: &SimUser) -> TwoFactorCode {
    TwoFactorCode::new(sim.totp_code(&user.id).expect("totp")).expect("code")
}

fn count(sim: &Simulator, operation: &str) -> u64 {
    sim.operation_counts().get(operation).copied().unwrap_or(0)
}

/// Requests that carried a password.
fn password_logins(sim: &Simulator) -> usize {
    sim.request_log()
        .iter()
        .filter(|request| request.headers.contains_key("authorization"))
        .count()
}

/// What a login that first typed a wrong code did: one password login, two verifications,
/// one session.
fn assert_one_login_two_codes(sim: &Simulator, user: &SimUser, prompts: &[(u8, u8)]) {
    assert_eq!(password_logins(sim), 1);
    assert_eq!(count(sim, "verify2FA"), 2);
    assert_eq!(sim.active_sessions(&user.id), 1);
    let max = LoginFlow::MAX_CODE_ATTEMPTS;
    assert_eq!(prompts, [(0, max), (1, max - 1)]);
}

fn seen(prompt: &CodePrompt) -> (u8, u8) {
    assert!(prompt.methods.contains(&TwoFactorMethod::Totp));
    (prompt.rejected, prompt.attempts_left)
}

mod blocking {
    use super::*;
    use vrchat_invite_ureq::Client;

    #[test]
    fn a_typo_then_the_right_code_logs_in() {
        let (sim, alice) = setup();
        let client = Client::new(session(&sim)).expect("client");
        let mut prompts = Vec::new();
        let user = client
            .login_with(credentials(&alice), |prompt| {
                prompts.push(seen(prompt));
                let code = if prompt.rejected == 0 {
                    wrong_code(&sim, &alice)
                } else {
                    right_code(&sim, &alice)
                };
                Some((TwoFactorMethod::Totp, code))
            })
            .expect("logged in on the second code");
        assert_eq!(user.id, alice.id);
        assert_one_login_two_codes(&sim, &alice, &prompts);
    }

    #[test]
    fn wrong_codes_end_the_login_after_the_bound() {
        let (sim, alice) = setup();
        let client = Client::new(session(&sim)).expect("client");
        let mut asked = 0;
        let error = client
            .login(credentials(&alice), |_| {
                asked += 1;
                Some((TwoFactorMethod::Totp, wrong_code(&sim, &alice)))
            })
            .expect_err("never the right code");
        assert_eq!(
            error.api().map(|api| api.kind().clone()),
            Some(ApiErrorKind::InvalidTwoFactorCode)
        );
        assert_eq!(asked, LoginFlow::MAX_CODE_ATTEMPTS);
        assert_eq!(
            count(&sim, "verify2FA"),
            u64::from(LoginFlow::MAX_CODE_ATTEMPTS)
        );
        assert_eq!(password_logins(&sim), 1);
    }
}

mod asynchronous {
    use super::*;
    use vrchat_invite_hyper::Client;

    async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::time::timeout(Duration::from_secs(30), future)
            .await
            .expect("finished in time")
    }

    #[tokio::test]
    async fn a_typo_then_the_right_code_logs_in() {
        let (sim, alice) = setup();
        let client = Client::new(session(&sim)).expect("client");
        let mut prompts = Vec::new();
        let user = within(client.login_with(credentials(&alice), |prompt| {
            prompts.push(seen(&prompt));
            let code = if prompt.rejected == 0 {
                wrong_code(&sim, &alice)
            } else {
                right_code(&sim, &alice)
            };
            async move { Some((TwoFactorMethod::Totp, code)) }
        }))
        .await
        .expect("logged in on the second code");
        assert_eq!(user.id, alice.id);
        assert_one_login_two_codes(&sim, &alice, &prompts);
    }

    #[tokio::test]
    async fn wrong_codes_end_the_login_after_the_bound() {
        let (sim, alice) = setup();
        let client = Client::new(session(&sim)).expect("client");
        let mut asked = 0;
        let error = within(client.login(credentials(&alice), |_| {
            asked += 1;
            let code = wrong_code(&sim, &alice);
            async move { Some((TwoFactorMethod::Totp, code)) }
        }))
        .await
        .expect_err("never the right code");
        assert_eq!(
            error.api().map(|api| api.kind().clone()),
            Some(ApiErrorKind::InvalidTwoFactorCode)
        );
        assert_eq!(asked, LoginFlow::MAX_CODE_ATTEMPTS);
        assert_eq!(
            count(&sim, "verify2FA"),
            u64::from(LoginFlow::MAX_CODE_ATTEMPTS)
        );
        assert_eq!(password_logins(&sim), 1);
    }
}
