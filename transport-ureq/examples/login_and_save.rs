//! Log in once, save the session, and reuse it at the next start without a new login.
//!
//! VRChat limits live sessions per account, so a program should not log in at every start.
//! Try it against the simulator: run `vrchat-invite sim` in one shell, then, with the base
//! URL it prints, run this twice:
//!
//! ```sh
//! VRCHAT_BASE_URL=http://127.0.0.1:PORT/api/1 VRCHAT_USERNAME=bob \
//!   VRCHAT_PASSWORD=bob-demo-password cargo run -p vrchat-invite-ureq --example login_and_save
//! ```
//!
//! The first run logs in (asking for a 2FA code on standard input if the account has one)
//! and writes `session.json`; the second finds the saved session still valid.

use std::error::Error;
use std::io::BufRead;
use std::path::Path;

use vrchat_invite_ureq::auth::{Credentials, TwoFactorCode, TwoFactorMethod};
use vrchat_invite_ureq::{BaseUrl, Client, Session, UserAgent};

/// Who logged in, and whether a saved session was reused.
#[derive(Debug)]
pub struct LoggedIn {
    /// The user's display name.
    pub display_name: String,
    /// `true` when the saved session was still valid and no password was sent.
    pub reused: bool,
}

/// Logs in with the session saved at `file` if there is one, else with the password, and
/// saves the session back to `file`.
pub fn login_and_save(
    base_url: Option<&str>,
    file: &Path,
    username: &str,
    password: &str,
    mut ask_code: impl FnMut(&[TwoFactorMethod]) -> Option<(TwoFactorMethod, TwoFactorCode)>,
) -> Result<LoggedIn, Box<dyn Error>> {
    let saved: Option<Session> = match std::fs::read_to_string(file) {
        Ok(json) => Some(serde_json::from_str(&json)?),
        Err(_) => None,
    };
    let mut session = match saved {
        Some(session) => session,
        // Name your app, its version and a contact: VRChat refuses requests without.
        None => Session::new(UserAgent::new("LoginExample/1.0 you@example.com")?),
    };
    if let Some(base_url) = base_url {
        session = session.with_base_url(BaseUrl::new(base_url)?);
    }
    let token_before = session.auth_cookie().map(|token| token.expose().to_owned());
    let client = Client::new(session)?;
    // `login` checks a saved cookie first and only sends the password when it is invalid.
    let user = client.login(Some(Credentials::new(username, password)?), &mut ask_code)?;
    // The same `auth` cookie afterwards: the saved session was still valid.
    let token_after = client
        .session()
        .auth_cookie()
        .map(|token| token.expose().to_owned());
    let reused = token_before.is_some() && token_before == token_after;
    // The file holds the session cookies: keep it private.
    std::fs::write(file, serde_json::to_string(&client.session())?)?;
    Ok(LoggedIn {
        display_name: user.display_name,
        reused,
    })
}

/// Asks for a code on standard input.
fn code_from_stdin(offered: &[TwoFactorMethod]) -> Option<(TwoFactorMethod, TwoFactorCode)> {
    let method = TwoFactorMethod::preferred(offered)?.clone();
    eprint!("{method} code: ");
    let line = std::io::stdin().lock().lines().next()?.ok()?;
    Some((method, TwoFactorCode::new(line.trim()).ok()?))
}

fn main() -> Result<(), Box<dyn Error>> {
    let base_url = std::env::var("VRCHAT_BASE_URL").ok();
    let username = std::env::var("VRCHAT_USERNAME")?;
    let password = std::env::var("VRCHAT_PASSWORD")?;
    let file = Path::new("session.json");
    let logged_in = login_and_save(
        base_url.as_deref(),
        file,
        &username,
        &password,
        code_from_stdin,
    )?;
    let how = if logged_in.reused {
        "reused the saved session"
    } else {
        "logged in"
    };
    println!(
        "{how} as {}; session saved to {}",
        logged_in.display_name,
        file.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_in_once_then_reuses_the_saved_session() {
        let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
        let file = std::env::temp_dir().join(format!("login-example-{}.json", std::process::id()));
        let _ = std::fs::remove_file(&file);
        let base = sim.base_url();
        let no_code = |_: &[TwoFactorMethod]| None;
        let first = login_and_save(Some(&base), &file, "bob", &accounts.bob.password, no_code)
            .expect("first login");
        assert!(!first.reused);
        let second = login_and_save(Some(&base), &file, "bob", &accounts.bob.password, no_code)
            .expect("second start");
        assert!(second.reused);
        assert_eq!(second.display_name, accounts.bob.display_name);
        // One password login in all: the second start only checked the saved cookie.
        let logins = sim
            .request_log()
            .iter()
            .filter(|r| r.headers.contains_key("authorization"))
            .count();
        assert_eq!(logins, 1);
        assert_eq!(sim.operation_counts()["verifyAuthToken"], 1);
        let saved = std::fs::read_to_string(&file).expect("saved");
        assert!(saved.contains("authcookie_"));
        let _ = std::fs::remove_file(&file);
    }
}
