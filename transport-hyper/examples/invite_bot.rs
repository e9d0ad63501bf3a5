//! An invite bot: watches the pipeline and answers each invite request with an invite,
//! then marks the request seen. It resumes where it stopped: the checkpoint is saved to a
//! file after each event, so a restart answers the requests sent while it was down, and
//! skips the ones already seen (answered).
//!
//! Try it against the simulator (`vrchat-invite sim` prints its base URL and accounts):
//!
//! ```sh
//! VRCHAT_USER_AGENT="InviteBot/1.0 me@example.com" \
//!   VRCHAT_BASE_URL=http://127.0.0.1:PORT/api/1 \
//!   VRCHAT_USERNAME=bob VRCHAT_PASSWORD=... \
//!   VRCHAT_LOCATION="wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)" \
//!   cargo run -p vrchat-invite-hyper --example invite_bot
//! ```
//! Without `VRCHAT_BASE_URL` it talks to VRChat itself (the pipeline is found beside the
//! API). `VRCHAT_2FA_CODE` gives a code when the
//! account asks for one. `VRCHAT_STATE_FILE` names the checkpoint file (default
//! `invite-bot-state.json`); each account needs its own, and one bot per account should run.
//! Politeness is on: requests are spaced, and a friend who asks twice within five minutes
//! gets one invite. One window is left: a crash after an invite and before its request is
//! marked seen answers that request again at the next start.

use std::env;
use std::error::Error;
use std::path::PathBuf;

use futures_util::StreamExt;
use vrchat_invite_hyper::auth::{Credentials, TwoFactorCode, TwoFactorMethod};
use vrchat_invite_hyper::inbox::MarkNotificationSeen;
use vrchat_invite_hyper::invite::InviteUser;
use vrchat_invite_hyper::models::NotificationType;
use vrchat_invite_hyper::pipeline::{PipelineEvent, WatchError, WatchState};
use vrchat_invite_hyper::polite::Politeness;
use vrchat_invite_hyper::{
    BaseUrl, Client, Location, PipelineOptions, Session, UserAgent, WatchPlan, Watcher,
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

    // The checkpoint belongs to this account on this API; another's file is refused.
    let state = PathBuf::from(
        env::var("VRCHAT_STATE_FILE").unwrap_or_else(|_| "invite-bot-state.json".to_owned()),
    );
    let api = client.session().base_url().clone();
    let saved = WatchState::load(&state, &me.id, &api)?;
    if saved.is_some() {
        println!("resuming from {}", state.display());
    }
    let plan = WatchPlan::new(PipelineOptions::default()).resume_from(saved);
    let watcher = Watcher::new(client.clone(), plan)?;
    // The progress handle works beside the stream that owns the watcher.
    let progress = watcher.watch().progress();
    let mut events = std::pin::pin!(watcher.into_stream());
    while let Some(event) = events.next().await {
        let event = match event {
            Ok(event) => event,
            Err(WatchError::Refused(end)) => return Err(end.into()),
            Err(error) => {
                eprintln!("{error}");
                continue;
            }
        };
        match &event {
            PipelineEvent::Notification(n) if n.kind == NotificationType::RequestInvite => {
                if n.seen {
                    println!("skipped {}: already answered", n.id);
                } else {
                    answer(&client, n, &location).await;
                }
            }
            _ => {}
        }
        // Done with it: the checkpoint moves past it, and is saved (atomically).
        progress.done(&event);
        WatchState::new(me.id.clone(), &api, progress.checkpoint()).save(&state)?;
    }
    Ok(())
}

/// Invites the sender of `request`, then marks the request seen so no restart, and no
/// other copy catching up, answers it again. Nothing is retried: an invite is not
/// idempotent.
async fn answer(
    client: &Client,
    request: &vrchat_invite_hyper::models::Notification,
    location: &Location,
) {
    let sender = &request.sender_user_id;
    let invite = InviteUser::new(sender.clone(), location.clone());
    match client.send(&invite).await {
        Ok(sent) => println!("invited {sender} ({})", sent.id),
        Err(error) => {
            eprintln!("could not invite {sender}: {error}");
            return;
        }
    }
    if let Err(error) = client
        .send(&MarkNotificationSeen::new(request.id.clone()))
        .await
    {
        eprintln!(
            "invited {sender}, but {} could not be marked seen: {error}",
            request.id
        );
    }
}
