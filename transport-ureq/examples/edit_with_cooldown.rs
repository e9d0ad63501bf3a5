//! Edit an invite message, and handle the 60-minute cooldown that an edit starts.
//!
//! VRChat refuses a second edit (or a reset) of the same slot within 60 minutes with 429;
//! the client gives the minutes left as a number. Never retry in a loop: wait, or tell the
//! person. Against the simulator (`vrchat-invite sim`), run it twice:
//!
//! ```sh
//! VRCHAT_BASE_URL=http://127.0.0.1:PORT/api/1 VRCHAT_USERNAME=bob \
//!   VRCHAT_PASSWORD=bob-demo-password cargo run -p vrchat-invite-ureq --example edit_with_cooldown -- 3 "See you there"
//! ```
//!
//! (`POST {base}/_sim/clock/advance` with `{"minutes": 60}` ends the simulated cooldown.)

use std::error::Error;

use vrchat_invite_ureq::auth::Credentials;
use vrchat_invite_ureq::messages::{InviteMessageType, MessageText, UpdateInviteMessage};
use vrchat_invite_ureq::{BaseUrl, Client, Session, Slot, UserAgent};

/// What came of an edit.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The slot now holds the text (as the server wrote it back).
    Edited(String),
    /// The slot is cooling down; try again after this many minutes.
    CoolingDown(u32),
}

/// Edits slot `slot` of the `message` collection of the logged-in user.
pub fn edit(client: &Client, slot: u8, text: &str) -> Result<Outcome, Box<dyn Error>> {
    let update = UpdateInviteMessage::mine(
        InviteMessageType::Message,
        Slot::new(slot)?,
        MessageText::new(text)?,
    );
    match client.send(&update) {
        Ok(messages) => {
            let written = messages
                .decoded()
                .find(|message| message.slot.get() == slot)
                .map(|message| message.message.clone())
                .unwrap_or_default();
            Ok(Outcome::Edited(written))
        }
        Err(error) => match error.cooldown_minutes() {
            Some(minutes) => Ok(Outcome::CoolingDown(minutes)),
            None => Err(error.into()),
        },
    }
}

/// A client logged in with a password (see `login_and_save` for keeping the session).
pub fn logged_in(
    base_url: Option<&str>,
    username: &str,
    password: &str,
) -> Result<Client, Box<dyn Error>> {
    let mut session = Session::new(UserAgent::new("EditExample/1.0 you@example.com")?);
    if let Some(base_url) = base_url {
        session = session.with_base_url(BaseUrl::new(base_url)?);
    }
    let client = Client::new(session)?;
    client.login(Some(Credentials::new(username, password)?), |_| None)?;
    Ok(client)
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let slot: u8 = args
        .next()
        .ok_or("usage: edit_with_cooldown SLOT TEXT")?
        .parse()?;
    let text = args.next().ok_or("usage: edit_with_cooldown SLOT TEXT")?;
    let base_url = std::env::var("VRCHAT_BASE_URL").ok();
    let client = logged_in(
        base_url.as_deref(),
        &std::env::var("VRCHAT_USERNAME")?,
        &std::env::var("VRCHAT_PASSWORD")?,
    )?;
    match edit(&client, slot, &text)? {
        Outcome::Edited(written) => println!("slot {slot} now says: {written}"),
        Outcome::CoolingDown(minutes) => {
            // VRChat does not count the minute under way.
            let wait = minutes.saturating_add(1);
            println!("slot {slot} was edited recently; try again in {wait} minutes")
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_second_edit_reports_the_cooldown_until_it_ends() {
        let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
        let client =
            logged_in(Some(&sim.base_url()), "bob", &accounts.bob.password).expect("login");
        let first = edit(&client, 3, "See you there!").expect("edit");
        // The server rewrites punctuation: `!` comes back as a look-alike.
        assert_eq!(first, Outcome::Edited("See you there\u{01C3}".to_owned()));
        assert_eq!(
            edit(&client, 3, "Later").expect("edit"),
            Outcome::CoolingDown(59)
        );
        sim.advance_clock(Duration::from_secs(45 * 60));
        assert_eq!(
            edit(&client, 3, "Later").expect("edit"),
            Outcome::CoolingDown(14)
        );
        sim.advance_clock(Duration::from_secs(15 * 60));
        assert_eq!(
            edit(&client, 3, "Later").expect("edit"),
            Outcome::Edited("Later".to_owned())
        );
        assert_eq!(sim.operation_counts()["updateInviteMessage"], 4);
    }
}
