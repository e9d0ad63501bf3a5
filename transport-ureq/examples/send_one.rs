//! Lists your invite messages with the blocking client.
//!
//! ```sh
//! VRCHAT_USER_AGENT="MyBot/1.0 me@example.com" VRCHAT_AUTH=authcookie_... \
//!   VRCHAT_USER_ID=usr_... cargo run -p vrchat-invite-ureq --example send_one_ureq
//! ```
//! `VRCHAT_BASE_URL` (optional) points it at another server, such as the simulator.

use std::env;
use std::error::Error;

use vrchat_invite_ureq::auth::AuthCookie;
use vrchat_invite_ureq::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_ureq::{BaseUrl, Client, Session, UserAgent, UserId};

fn main() -> Result<(), Box<dyn Error>> {
    let mut session = Session::new(UserAgent::new(env::var("VRCHAT_USER_AGENT")?)?)
        .with_auth_cookie(AuthCookie::new(env::var("VRCHAT_AUTH")?)?)
        .with_user_id(UserId::new(env::var("VRCHAT_USER_ID")?)?);
    if let Ok(base_url) = env::var("VRCHAT_BASE_URL") {
        session = session.with_base_url(BaseUrl::new(base_url)?);
    }

    let client = Client::new(session)?;
    let messages = client.send(&GetInviteMessages::mine(InviteMessageType::Message))?;
    for message in messages.decoded() {
        println!("{:>2} {}", message.slot, message.message);
    }
    Ok(())
}
