//! Prints VRChat pipeline events as they arrive, with the blocking client.
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
//! account asks for one.

use std::env;
use std::error::Error;

use vrchat_invite_ureq::{
    BaseUrl, Client, Credentials, PipelineBase, PipelineEvent, PipelineOptions, Session,
    TwoFactorCode, TwoFactorMethod, UserAgent, WatchError, WatchPlan, Watcher,
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

    let mut plan = WatchPlan::new(PipelineOptions::default());
    if let Ok(url) = env::var("VRCHAT_PIPELINE_URL") {
        plan = plan.with_base(PipelineBase::new(url)?);
    }
    let watcher = Watcher::new(client, plan)?;
    for event in watcher {
        match event {
            Ok(PipelineEvent::Notification(n)) => {
                println!("{} {} from {}", n.kind, n.id, n.sender_user_id);
            }
            Ok(other) => println!("{}", other.to_json()),
            Err(WatchError::Refused(end)) => return Err(end.into()),
            Err(error) => eprintln!("{error}"),
        }
    }
    Ok(())
}
