//! `vrchat-invite sim`: serve the simulator for programs in any language.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Args;
use serde::Serialize;
use vrchat_invite_sim::{START_UNIX_MILLIS, SimUser, Simulator};

use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;
use crate::table::Table;

/// Arguments of `sim`.
#[derive(Debug, Args)]
#[command(after_help = CONTROLS_HELP)]
pub(crate) struct SimArgs {
    /// The port to listen on, on 127.0.0.1; 0 picks a free one (printed).
    #[arg(long, default_value_t = 0)]
    port: u16,
}

/// The test controls, shown by `sim --help`.
const CONTROLS_HELP: &str = "\
Test controls (same port, below the base URL; JSON in and out; no User-Agent needed):
  GET  {base}/_sim/clock                 the simulated time now
  POST {base}/_sim/clock/advance         {\"minutes\": N} and/or {\"seconds\": N}: move the clock on
                                         (cooldowns, TOTP codes and `after` keywords follow it)
  POST {base}/_sim/users                 {\"username\", \"password\", \"displayName\"?, \"id\"?,
                                         \"twoFactor\"?: \"totp\"|\"emailOtp\"}: add an account
                                         (answers its recovery codes and TOTP secret)
  POST {base}/_sim/users/{id}/session    a logged-in auth cookie value for that user
  GET  {base}/_sim/users/{id}/totp       the user's authenticator code now, and its TOTP
                                         secret (base32, RFC 6238: SHA-1, 30 s, 6 digits)
  GET  {base}/_sim/users/{id}/email-code the code emailed at the user's last password login
  POST {base}/_sim/friendships           {\"users\": [a, b]}: make two users friends
  GET  {base}/_sim/requests              the API requests received (secrets redacted)
  POST {base}/_sim/reset                 forget users, sessions, notifications and requests;
                                         the clock goes back to 2026-01-01T00:00:00Z
  GET  {base}/_sim/pipeline              pipeline connections and frames sent so far
  GET  {base}/_sim/pipeline/users/{id}   {\"openSockets\": N} for that user
  POST {base}/_sim/pipeline/drop|stall   close every pipeline socket, or make them go silent
  POST {base}/_sim/pipeline/pause|resume hold events and handshakes, or let them go
  POST {base}/_sim/pipeline/refuse       {\"authToken\"}: 401 at the handshake from now on
  POST {base}/_sim/pipeline/push         {\"userId\", \"type\", \"content\"} (content JSON-encoded
                                         as VRChat does) or {\"userId\", \"text\"} (verbatim)
  POST {base}/_sim/pipeline/friend-location  {\"userId\", \"location\"}: tell their friends
Example: curl -X POST {base}/_sim/clock/advance -d '{\"minutes\": 60}'";

/// One demo account as `sim --json` prints it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Account {
    id: String,
    username: String,
    password: String,
    display_name: String,
    /// The current authenticator code, for an account with TOTP.
    totp_code: Option<String>,
    /// One-time recovery codes (`otp`), for an account with TOTP.
    recovery_codes: Vec<String>,
}

/// What `sim --json` prints.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Served {
    base_url: String,
    pipeline_url: String,
    accounts: Vec<Account>,
}

/// Moves the served simulator's clock from its fixed start to now, so the times it writes
/// (and the ages `inbox` shows) read naturally; from then on it moves only when told.
fn start_at_the_real_time(sim: &Simulator) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let start = Duration::from_millis(u64::try_from(START_UNIX_MILLIS).unwrap_or(0));
    if let Some(ahead) = now.checked_sub(start) {
        sim.advance_clock(ahead);
    }
}

/// Runs `sim`: starts the simulator with the demo accounts and serves until killed.
pub(crate) fn run(args: &SimArgs, globals: &Globals) -> Result<(), Failure> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let (sim, accounts) = vrchat_invite_sim::demo_on(addr).map_err(|error| {
        Failure::new(
            Exit::Network,
            format!("could not start the simulator on {addr}: {error}"),
        )
    })?;
    start_at_the_real_time(&sim);
    let served = Served {
        base_url: sim.base_url(),
        pipeline_url: sim.pipeline_base(),
        accounts: [&accounts.alice, &accounts.bob]
            .into_iter()
            .map(|user| account(&sim, user))
            .collect(),
    };
    globals.output().show(&served, || describe(&served))?;
    // Serve until the process is killed (Ctrl-C). `park` may wake spuriously, hence the loop.
    loop {
        std::thread::park();
    }
}

fn account(sim: &Simulator, user: &SimUser) -> Account {
    Account {
        id: user.id.to_string(),
        username: user.username.clone(),
        password: user.password.clone(),
        display_name: user.display_name.clone(),
        totp_code: sim.totp_code(&user.id),
        recovery_codes: sim.recovery_codes(&user.id),
    }
}

fn describe(served: &Served) -> String {
    let mut text = format!(
        "VRChat simulator listening at {}\n\
         Point any HTTP client at that base URL, e.g.\n  \
         vrchat-invite --base-url {} --user-agent \"MyApp/1.0 me@example.com\" login --username bob\n\
         Its pipeline (live events): {}\n\n\
         Demo accounts (friends of each other):\n",
        served.base_url, served.base_url, served.pipeline_url
    );
    let mut table = Table::new(&["USERNAME", "PASSWORD", "DISPLAY NAME", "USER ID", "2FA"]);
    for account in &served.accounts {
        let two_factor = if account.totp_code.is_some() {
            "totp"
        } else {
            "none"
        };
        table.row(vec![
            account.username.clone(),
            account.password.clone(),
            account.display_name.clone(),
            account.id.clone(),
            two_factor.to_owned(),
        ]);
    }
    text.push_str(&table.render());
    for account in &served.accounts {
        if let Some(code) = &account.totp_code {
            text.push_str(&format!(
                "\n{}'s authenticator code is {code}; it stays valid because the simulated clock only moves when a test moves it.\n",
                account.username
            ));
            if !account.recovery_codes.is_empty() {
                text.push_str(&format!(
                    "{}'s one-time recovery codes (method otp): {}\n",
                    account.username,
                    account.recovery_codes.join(", ")
                ));
            }
        }
    }
    text.push_str("\nServing until stopped (Ctrl-C).");
    text
}
