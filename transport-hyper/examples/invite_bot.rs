//! An invite bot: watches the pipeline and answers each invite request with an invite.
//!
//! Try it against the simulator (`vrchat-invite sim` prints its base URL and accounts):
//!
//! ```sh
//! VRCHAT_USER_AGENT="InviteBot/1.0 me@example.com" \
//!   VRCHAT_BASE_URL=http://127.0.0.1:PORT/api/1 \
//!   VRCHAT_PIPELINE_URL=ws://127.0.0.1:PORT/pipeline \
//!   VRCHAT_USERNAME=bob VRCHAT_PASSWORD=... \
//!   VRCHAT_LOCATION="wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)" \
//!   cargo run -p vrchat-invite-hyper --example invite_bot
//! ```
//! Without the two URLs it talks to VRChat itself. `VRCHAT_2FA_CODE` gives a code when the
//! account asks for one. Politeness is on: requests are spaced, and a friend who asks
//! twice within five minutes gets one invite.

use std::env;
use std::error::Error;

use futures_util::StreamExt;
use vrchat_invite_hyper::{
    BaseUrl, Client, Credentials, InviteUser, Location, NotificationType, PipelineBase,
    PipelineEvent, PipelineOptions, Politeness, Session, TwoFactorCode, TwoFactorMethod, UserAgent,
    WatchError, WatchPlan, Watcher,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let mut session = Session::new(UserAgent::new(env::var("VRCHAT_USER_AGENT")?)?);
    if let Ok(base_url) = env::var("VRCHAT_BASE_URL") {
        session = session.with_base_url(BaseUrl::new(base_url)?);
    }
    let location: Location = env::var("VRCHAT_LOCATION")?.parse()?;
    let client = Client::builder(session)
        .politeness(Politeness::recommended())
        .build()?;
    let credentials = Credentials::new(env::var("VRCHAT_USERNAME")?, env::var("VRCHAT_PASSWORD")?)?;
    let me = client
        .login(Some(credentials), |offered| async move {
            let method = TwoFactorMethod::preferred(&offered)?.clone();
            Some((
                method,
                TwoFactorCode::new(env::var("VRCHAT_2FA_CODE").ok()?).ok()?,
            ))
        })
        .await?;
    println!(
        "logged in as {}; waiting for invite requests",
        me.display_name
    );

    let mut plan = WatchPlan::new(PipelineOptions::default());
    if let Ok(url) = env::var("VRCHAT_PIPELINE_URL") {
        plan = plan.with_base(PipelineBase::new(url)?);
    }
    let watcher = Watcher::new(client.clone(), plan)?;
    let mut events = std::pin::pin!(watcher.into_stream());
    while let Some(event) = events.next().await {
        let request = match event {
            Ok(PipelineEvent::Notification(n)) if n.kind == NotificationType::RequestInvite => n,
            Ok(_) => continue,
            Err(WatchError::Refused(end)) => return Err(end.into()),
            Err(error) => {
                eprintln!("{error}");
                continue;
            }
        };
        let invite = InviteUser::new(request.sender_user_id.clone(), location.clone());
        match client.send(&invite).await {
            Ok(sent) => println!("invited {} ({})", request.sender_user_id, sent.id),
            Err(error) => eprintln!("could not invite {}: {error}", request.sender_user_id),
        }
    }
    Ok(())
}
