//! Prints VRChat pipeline events as they arrive, with the blocking client, and resumes
//! where it stopped: the checkpoint is saved to a file after each event, so a restart
//! first shows what arrived while it was down, and nothing it showed before.
//!
//! Try it against the simulator (`vrchat-invite sim` prints its base URL and accounts):
//!
//! ```sh
//! VRCHAT_USER_AGENT="Watcher/1.0 me@example.com" \
//!   VRCHAT_BASE_URL=http://127.0.0.1:PORT/api/1 \
//!   VRCHAT_USERNAME=bob VRCHAT_PASSWORD=... \
//!   cargo run -p vrchat-invite-ureq --example watcher
//! ```
//! Without `VRCHAT_BASE_URL` it talks to VRChat itself (the pipeline is found beside the
//! API). `VRCHAT_2FA_CODE` gives a code when the
//! account asks for one. The checkpoint is kept in `watcher-<user ID>.json`, one file per
//! account. Connection changes (connected, dropped, reconnecting, caught up) go to stderr.

use std::env;
use std::error::Error;
use std::path::PathBuf;

use vrchat_invite_ureq::auth::{Credentials, TwoFactorCode, TwoFactorMethod};
use vrchat_invite_ureq::pipeline::{PipelineEvent, WatchState};
use vrchat_invite_ureq::{
    BaseUrl, Client, PipelineOptions, Session, UserAgent, WatchPlan, Watcher,
};

fn main() -> Result<(), Box<dyn Error>> {
    let mut session = Session::new(UserAgent::new(env::var("VRCHAT_USER_AGENT")?)?);
    if let Ok(base_url) = env::var("VRCHAT_BASE_URL") {
        session = session.with_base_url(BaseUrl::new(base_url)?);
    }
    let client = Client::new(session)?;
    let credentials = Credentials::new(env::var("VRCHAT_USERNAME")?, env::var("VRCHAT_PASSWORD")?)?;
    let me = client.login(Some(credentials), |offered| {
        let method = TwoFactorMethod::preferred(offered)?.clone();
        Some((
            method,
            TwoFactorCode::new(env::var("VRCHAT_2FA_CODE").ok()?).ok()?,
        ))
    })?;
    println!("watching as {}", me.display_name);

    // One checkpoint file per account (another account's file is refused), resumed when
    // it exists; connection changes come as events too.
    let state = PathBuf::from(format!("watcher-{}.json", me.id));
    let api = client.session().base_url().clone();
    let options = PipelineOptions::default().with_connection_events(true);
    let plan = WatchPlan::new(options).resume_from(WatchState::load(&state, &me.id, &api)?);
    let mut watcher = Watcher::new(client, plan)?;
    while let Some(item) = watcher.next() {
        match &item {
            Ok(PipelineEvent::Notification(n)) => {
                println!("{} {} from {}", n.kind, n.id, n.sender_user_id);
            }
            Ok(PipelineEvent::Connection(status)) => eprintln!("watch: {status}"),
            Ok(other) => println!("{}", other.to_json()),
            // Reported and recovered from; after a refusal (the session is gone) it ends.
            Err(error) => eprintln!("watch: {error}"),
        }
        if let Ok(event) = item {
            // Done with it: the checkpoint moves past it, and is saved (atomically).
            watcher.watch().done(&event);
            WatchState::new(me.id.clone(), &api, watcher.watch().checkpoint()).save(&state)?;
        }
    }
    Ok(())
}
