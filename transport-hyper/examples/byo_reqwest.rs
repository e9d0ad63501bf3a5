//! Bring your own HTTP client: the core with `reqwest`, and no transport crate at all.
//!
//! The core builds `http::Request` values and parses `http::Response` values; a few lines
//! of glue move them over any client. This one logs in with the core's `LoginFlow` and
//! lists the invite messages. Against the simulator (`vrchat-invite sim`):
//!
//! ```sh
//! VRCHAT_BASE_URL=http://127.0.0.1:PORT/api/1 VRCHAT_USERNAME=bob \
//!   VRCHAT_PASSWORD=bob-demo-password cargo run -p vrchat-invite-hyper --example byo_reqwest
//! ```
//!
//! (This example builds reqwest without TLS, enough for the simulator on 127.0.0.1; turn
//! on one of reqwest's TLS features to reach VRChat.)

use std::error::Error;

use vrchat_invite_core::auth::{Credentials, LoginFlow, LoginStep};
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::{BaseUrl, Endpoint, Session, UserAgent};

/// Sends one core request with reqwest and hands back the whole reply as an
/// `http::Response`: status, every header (Set-Cookie included) and the body.
async fn exchange(
    http: &reqwest::Client,
    request: http::Request<Vec<u8>>,
) -> Result<http::Response<Vec<u8>>, Box<dyn Error>> {
    let reply = http.execute(reqwest::Request::try_from(request)?).await?;
    let mut response = http::Response::builder().status(reply.status());
    for (name, value) in reply.headers() {
        response = response.header(name, value);
    }
    // VRChat's replies are small; a real program caps the size (`reply.chunk()` in a loop).
    Ok(response.body(reply.bytes().await?.to_vec())?)
}

/// Sends an endpoint and parses its reply.
async fn send<E: Endpoint>(
    http: &reqwest::Client,
    session: &Session,
    endpoint: &E,
) -> Result<E::Output, Box<dyn Error>> {
    let reply = exchange(http, session.request(endpoint)?).await?;
    Ok(endpoint.parse(&reply)?)
}

/// Logs in (no 2FA here; see the transports' `login` for codes) and lists the `message`
/// collection: slot and text.
pub async fn list_messages(
    base_url: Option<&str>,
    username: &str,
    password: &str,
) -> Result<Vec<(u8, String)>, Box<dyn Error>> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none()) // VRChat never redirects; cookies stay put
        .timeout(std::time::Duration::from_secs(30))
        .build()?;
    let mut session = Session::new(UserAgent::new("ReqwestExample/1.0 you@example.com")?);
    if let Some(base_url) = base_url {
        session = session.with_base_url(BaseUrl::new(base_url)?);
    }
    let mut flow = LoginFlow::new(Some(Credentials::new(username, password)?));
    // A login takes a handful of requests; the flow itself refuses to go on forever.
    loop {
        match flow.step(&session)? {
            LoginStep::Send(request) => {
                let reply = exchange(&http, request).await?;
                flow.receive(&mut session, &reply)?;
            }
            LoginStep::AskCode(_) => return Err("this example has no 2FA prompt".into()),
            LoginStep::Done(_) => break,
        }
    }
    let messages = send(
        &http,
        &session,
        &GetInviteMessages::mine(InviteMessageType::Message),
    )
    .await?;
    Ok(messages
        .decoded()
        .map(|message| (message.slot.get(), message.message.clone()))
        .collect())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let base_url = std::env::var("VRCHAT_BASE_URL").ok();
    let messages = list_messages(
        base_url.as_deref(),
        &std::env::var("VRCHAT_USERNAME")?,
        &std::env::var("VRCHAT_PASSWORD")?,
    )
    .await?;
    for (slot, text) in messages {
        println!("{slot:>2} {text}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn logs_in_and_lists_the_twelve_slots() {
        let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
        let messages = list_messages(Some(&sim.base_url()), "bob", &accounts.bob.password)
            .await
            .expect("listed");
        assert_eq!(messages.len(), 12);
        assert_eq!(
            messages.iter().map(|(slot, _)| *slot).collect::<Vec<_>>(),
            (0..12).collect::<Vec<u8>>()
        );
        assert!(messages.iter().all(|(_, text)| !text.is_empty()));
        assert_eq!(sim.operation_counts()["getCurrentUser"], 1);
        assert_eq!(sim.operation_counts()["getInviteMessages"], 1);
        // reqwest sent the core's headers as they were built.
        let listed = sim.request_log().pop().expect("a request");
        assert_eq!(
            listed.headers["user-agent"],
            "ReqwestExample/1.0 you@example.com"
        );
        assert!(listed.headers.contains_key("cookie"));
    }
}
