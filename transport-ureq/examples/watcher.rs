//! Prints VRChat pipeline events as they arrive, with the blocking client, and resumes
//! where it stopped: the checkpoint is saved to a file after each event, so a restart
//! first shows what arrived while it was down, and nothing it showed before.
//!
//! Try it against the simulator (`vrchat-invite sim` prints its base URL and accounts):
//!
//! ```sh
//! VRCHAT_USER_AGENT="Watcher/1.0 me@example.com" \
//!   VRCHAT_BASE_URL=http://127.0.0.1:PORT/api/1 \
//!   VRCHAT_PIPELINE_URL=ws://127.0.0.1:PORT/pipeline \
//!   VRCHAT_USERNAME=bob VRCHAT_PASSWORD=... \
//!   cargo run -p vrchat-invite-ureq --example watcher
//! ```
//! Without the two URLs it talks to VRChat itself. `VRCHAT_2FA_CODE` gives a code when the
//! account asks for one. `VRCHAT_STATE_FILE` names the checkpoint file (default
//! `watcher-state.json`); each account needs its own.

use std::env;
use std::error::Error;
use std::path::PathBuf;

use vrchat_invite_ureq::auth::{Credentials, TwoFactorCode, TwoFactorMethod};
use vrchat_invite_ureq::pipeline::{PipelineBase, PipelineEvent, WatchError, WatchState};
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

    // The checkpoint belongs to this account on this API; another's file is refused.
    let state = PathBuf::from(
        env::var("VRCHAT_STATE_FILE").unwrap_or_else(|_| "watcher-state.json".to_owned()),
    );
    let api = client.session().base_url().clone();
    let mut plan = WatchPlan::new(PipelineOptions::default());
    if let Some(checkpoint) = WatchState::load(&state, &me.id, &api)? {
        println!("resuming from {}", state.display());
        plan = plan.resume_from(checkpoint);
    }
    if let Ok(url) = env::var("VRCHAT_PIPELINE_URL") {
        plan = plan.with_base(PipelineBase::new(url)?);
    }
    let mut watcher = Watcher::new(client, plan)?;
    while let Some(event) = watcher.next() {
        let event = match event {
            Ok(event) => event,
            Err(WatchError::Refused(end)) => return Err(end.into()),
            Err(error) => {
                eprintln!("{error}");
                continue;
            }
        };
        match &event {
            PipelineEvent::Notification(n) => {
                println!("{} {} from {}", n.kind, n.id, n.sender_user_id);
            }
            other => println!("{}", other.to_json()),
        }
        // Done with it: the checkpoint moves past it, and is saved (atomically).
        watcher.watch().done(&event);
        WatchState::new(me.id.clone(), &api, watcher.watch().checkpoint()).save(&state)?;
    }
    Ok(())
}
