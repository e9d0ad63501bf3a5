//! `vrchat-invite demo`: a guided tour against the built-in simulator.
//!
//! Two befriended users log in (one with an authenticator app), list and edit invite
//! messages, run into the edit cooldown, wait it out on the simulated clock, and exchange an
//! invite and its answer. No account, no network; it takes a moment.

use std::time::Duration;

use vrchat_invite_core::{
    BaseUrl, Credentials, CurrentUser, EDIT_COOLDOWN_MINUTES, GetInviteMessages, InviteMessage,
    InviteMessageType, InviteUser, ItemList, Location, MessageText, Notification, Received,
    RequestInvite, Session, Slot, TwoFactorMethod, UpdateInviteMessage, UserAgent,
};
use vrchat_invite_sim::{DemoAccounts, SimUser, Simulator};
use vrchat_invite_ureq::Client;

use crate::describe::{Subject, input_error, transport_error};
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::output::say;
use crate::render::{message_line, messages_table, received, sender, sent};

/// The demo's User-Agent; VRChat itself is never contacted.
const DEMO_USER_AGENT: &str = concat!(
    "vrchat-invite-demo/",
    env!("CARGO_PKG_VERSION"),
    " https://github.com/vrchat-invite/vrchat-invite"
);

/// The slot Alice edits.
const DEMO_SLOT: u8 = 3;

/// Where Alice invites Bob.
const DEMO_LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)";

/// Numbers and prints the steps.
struct Narrator {
    step: u32,
}

impl Narrator {
    fn step(&mut self, title: &str) {
        self.step += 1;
        say(&format!("\n[{}] {title}", self.step));
    }

    fn detail(&self, text: &str) {
        for line in text.lines() {
            say(&format!("    {line}"));
        }
    }
}

/// Runs the demo.
pub(crate) fn run() -> Result<(), Failure> {
    let (sim, accounts) = vrchat_invite_sim::demo().map_err(|error| {
        Failure::new(
            Exit::Network,
            format!("could not start the simulator: {error}"),
        )
    })?;
    say("vrchat-invite demo: a guided tour of the Invite API against a simulated VRChat.");
    say("No account and no network: everything runs on 127.0.0.1 in this process.");
    let mut narrator = Narrator { step: 0 };
    Tour {
        sim: &sim,
        accounts: &accounts,
        narrator: &mut narrator,
    }
    .run()?;
    say("\nDone. Next:");
    say("  vrchat-invite sim      serve this simulator for your own tests (any language)");
    say("  vrchat-invite --help   the real commands, against VRChat itself");
    Ok(())
}

/// The scenario, step by step.
struct Tour<'a> {
    sim: &'a Simulator,
    accounts: &'a DemoAccounts,
    narrator: &'a mut Narrator,
}

impl Tour<'_> {
    fn run(&mut self) -> Result<(), Failure> {
        let (alice, bob) = (&self.accounts.alice, &self.accounts.bob);
        self.narrator.step("A simulated VRChat is running.");
        self.narrator.detail(&format!(
            "Base URL: {}\nTwo friends: {} ({}, uses an authenticator app) and {} ({}).",
            self.sim.base_url(),
            alice.username,
            alice.display_name,
            bob.username,
            bob.display_name
        ));

        self.narrator
            .step("Alice logs in: password, then the code from her authenticator app.");
        let mut alice_client = self.log_in(alice)?;
        self.narrator
            .step("Bob logs in with his password (no second factor).");
        let mut bob_client = self.log_in(bob)?;

        self.messages_and_cooldown(&alice_client)?;
        self.invite_and_answer(&alice_client, &bob_client)?;

        self.narrator.step("Both log out.");
        for client in [&mut alice_client, &mut bob_client] {
            client
                .logout()
                .map_err(|error| transport_error(&error, &Subject::Nothing))?;
        }
        self.narrator
            .detail("Sessions ended on the server; the auth cookies are forgotten.");
        Ok(())
    }

    fn log_in(&mut self, user: &SimUser) -> Result<Client, Failure> {
        let session = Session::new(UserAgent::new(DEMO_USER_AGENT).map_err(|e| input_error(&e))?)
            .with_base_url(BaseUrl::new(self.sim.base_url()).map_err(|e| input_error(&e))?);
        let client = crate::connection::client(session)?;
        let credentials = Credentials::new(user.username.as_str(), user.password.as_str())
            .map_err(|e| input_error(&e))?;
        let sim = self.sim;
        let mut asked = Vec::new();
        let me: CurrentUser = client
            .login(Some(credentials), |offered| {
                asked.extend(offered.iter().map(ToString::to_string));
                let method = TwoFactorMethod::preferred(offered)?.clone();
                // The simulated authenticator app: the code valid now.
                let code = sim.totp_code(&user.id)?;
                Some((method, vrchat_invite_core::TwoFactorCode::new(code).ok()?))
            })
            .map_err(|error| transport_error(&error, &Subject::Login))?;
        if !asked.is_empty() {
            self.narrator.detail(&format!(
                "VRChat asked for a second factor ({}); the authenticator code was accepted.",
                asked.join(" or ")
            ));
        }
        self.narrator
            .detail(&format!("Logged in as {} ({}).", me.display_name, me.id));
        Ok(client)
    }

    fn messages_and_cooldown(&mut self, alice: &Client) -> Result<(), Failure> {
        let kind = InviteMessageType::Message;
        let slot = Slot::new(DEMO_SLOT).map_err(|e| input_error(&e))?;
        let subject = Subject::Slot(kind, slot);

        self.narrator
            .step("Alice lists her invite messages (type `message`, 12 slots).");
        let messages = alice
            .send(&GetInviteMessages::mine(kind))
            .map_err(|error| transport_error(&error, &Subject::Messages(kind)))?;
        self.narrator.detail(&messages_table(&messages));

        let edit = |text: &str| -> Result<Result<ItemList<InviteMessage>, Failure>, Failure> {
            let text = MessageText::new(text).map_err(|e| input_error(&e))?;
            Ok(alice
                .send(&UpdateInviteMessage::mine(kind, slot, text))
                .map_err(|error| transport_error(&error, &subject)))
        };
        let show_slot = |messages: &ItemList<InviteMessage>| {
            messages
                .decoded()
                .find(|message| message.slot == slot)
                .map_or_else(|| format!("slot {slot} missing"), message_line)
        };

        self.narrator.step(&format!(
            "Alice edits slot {slot}: \"Meet me at the lake, bring snacks!\""
        ));
        let updated = edit("Meet me at the lake, bring snacks!")??;
        self.narrator.detail(&format!(
            "Now: {}\nVRChat swaps some punctuation for look-alikes (`.` `,` `!` ...), so never compare text after a round trip.",
            show_slot(&updated)
        ));

        self.narrator
            .step(&format!("Alice edits slot {slot} again right away."));
        match edit("Meet me at the lake at eight!")? {
            Err(failure) if failure.exit() == Exit::Cooldown => self
                .narrator
                .detail(&format!("Refused, as expected: {failure}")),
            Err(failure) => return Err(failure),
            Ok(_) => {
                return Err(Failure::new(
                    Exit::Failure,
                    "the demo expected the second edit to be refused by the cooldown",
                ));
            }
        }

        self.narrator.step(&format!(
            "{EDIT_COOLDOWN_MINUTES} minutes pass on the simulated clock; Alice tries again."
        ));
        self.sim
            .advance_clock(Duration::from_secs(u64::from(EDIT_COOLDOWN_MINUTES) * 60));
        let updated = edit("Meet me at the lake at eight!")??;
        self.narrator
            .detail(&format!("Accepted. Now: {}", show_slot(&updated)));
        Ok(())
    }

    fn invite_and_answer(&mut self, alice: &Client, bob: &Client) -> Result<(), Failure> {
        let (alice_user, bob_user) = (&self.accounts.alice, &self.accounts.bob);
        let slot = Slot::new(DEMO_SLOT).map_err(|e| input_error(&e))?;
        let location: Location = DEMO_LOCATION.parse().map_err(|e| input_error(&e))?;

        self.narrator.step(&format!(
            "Alice invites Bob to {location} with her message slot {slot}."
        ));
        let invite = InviteUser::new(bob_user.id.clone(), location.clone()).with_message_slot(slot);
        let notification = alice
            .send(&invite)
            .map_err(|error| transport_error(&error, &Subject::User(bob_user.id.clone())))?;
        self.narrator.detail(&format!(
            "Sent: {}",
            sent(&notification, &bob_user.display_name)
        ));

        self.narrator
            .step("Bob lists his inbox (what `vrchat-invite inbox` shows):");
        let inbox = self.inbox(bob)?;
        self.show_inbox(&inbox);
        let response_slot = Slot::new(3).map_err(|e| input_error(&e))?;
        let invite = inbox
            .iter()
            .find_map(|notification| match notification.received() {
                Received::Invite(invite) => Some(invite.respond(response_slot)),
                _ => None,
            })
            .ok_or_else(|| Failure::new(Exit::Failure, "Bob received no invite"))?;

        self.narrator.step(&format!(
            "Bob answers that invite with his response slot {}, straight from the list item.",
            invite.response_slot()
        ));
        let answered = invite.notification_id().clone();
        bob.send(&invite)
            .map_err(|error| transport_error(&error, &Subject::Notification(answered)))?;
        self.narrator.detail("Alice's inbox now holds his answer:");
        let inbox = self.inbox(alice)?;
        self.show_inbox(&inbox);

        self.narrator.step(
            "Bob asks Alice for an invite; Alice finds the request in her inbox and grants it.",
        );
        bob.send(&RequestInvite::new(alice_user.id.clone()))
            .map_err(|error| transport_error(&error, &Subject::User(alice_user.id.clone())))?;
        let inbox = self.inbox(alice)?;
        let grant = inbox
            .iter()
            .find_map(|notification| match notification.received() {
                Received::InviteRequest(request) => Some(request.invite_to(location.clone())),
                _ => None,
            })
            .ok_or_else(|| Failure::new(Exit::Failure, "Alice received no invite request"))?;
        alice
            .send(&grant)
            .map_err(|error| transport_error(&error, &Subject::User(bob_user.id.clone())))?;
        self.narrator.detail("Bob's inbox:");
        let inbox = self.inbox(bob)?;
        self.show_inbox(&inbox);
        Ok(())
    }

    /// Every notification `client` received, through the API, newest first.
    fn inbox(&self, client: &Client) -> Result<Vec<Notification>, Failure> {
        let items = super::inbox::fetch_all(client)?;
        Ok(ItemList::from_items(items).into_decoded())
    }

    fn show_inbox(&self, inbox: &[Notification]) {
        if inbox.is_empty() {
            self.narrator.detail("(none)");
        }
        let (alice, bob) = (&self.accounts.alice, &self.accounts.bob);
        for notification in inbox {
            let sender = [alice, bob]
                .into_iter()
                .find(|user| user.id == notification.sender_user_id)
                .map_or_else(|| sender(notification), |user| user.display_name.as_str());
            self.narrator
                .detail(&format!("- {}", received(notification, sender)));
        }
    }
}
