//! `vrchat-invite demo`: a guided tour against the built-in simulator.
//!
//! Two befriended users log in (one with an authenticator app), list and edit invite
//! messages, run into the edit cooldown, wait it out on the simulated clock, exchange an
//! invite and its answer, grant an invite request, and watch an invite arrive live. No
//! account, no network; it takes a moment.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use vrchat_invite_core::auth::{Credentials, CurrentUser, TwoFactorMethod};
use vrchat_invite_core::inbox::{MarkNotificationSeen, Received};
use vrchat_invite_core::invite::{InviteUser, RequestInvite};
use vrchat_invite_core::messages::{
    GetInviteMessages, InviteMessageType, MessageText, UpdateInviteMessage,
};
use vrchat_invite_core::models::{InviteMessage, ItemList, Notification, NotificationType};
use vrchat_invite_core::pipeline::PipelineOptions;
use vrchat_invite_core::polite::EDIT_COOLDOWN_MINUTES;
use vrchat_invite_core::{BaseUrl, Location, Session, Slot, UserAgent};
use vrchat_invite_sim::{DemoAccounts, SimUser, Simulator};
use vrchat_invite_ureq::pipeline::WatchError;
use vrchat_invite_ureq::{Client, Watcher};

use crate::describe::{Subject, input_error, transport_error};
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::output::say;
use crate::render::{event_line, message_line, messages_table, person, received, sent};

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

/// How long the live step waits for the watch to connect, and then for the invite.
const LIVE_WAIT: Duration = Duration::from_secs(20);

/// The events the live step reads at most before giving up on the invite.
const LIVE_EVENTS: usize = 16;

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
    for line in next_steps(on_path("vrchat-invite")) {
        say(&line);
    }
    Ok(())
}

/// What to run next, spelled the way that works here: `vrchat-invite …` when it is on the
/// PATH, else through cargo from the checkout (and how to install it).
fn next_steps(installed: bool) -> Vec<String> {
    let command = if installed {
        "vrchat-invite"
    } else {
        "cargo run -p vrchat-invite-cli --"
    };
    let mut lines = vec![
        format!("  {command} sim      serve this simulator for your own tests (any language)"),
        format!("  {command} --help   the real commands, against VRChat itself"),
    ];
    if !installed {
        lines.push(
            "  cargo install --locked --path cli   put `vrchat-invite` on your PATH (from the checkout)"
                .to_owned(),
        );
    }
    lines
}

/// Whether a program named `name` is in one of the PATH's directories.
fn on_path(name: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path)
        .take(256)
        .any(|dir| dir.join(name).is_file() || dir.join(format!("{name}.exe")).is_file())
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
        self.watch_live(&alice_client, &bob_client)?;

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
                Some((
                    method,
                    vrchat_invite_core::auth::TwoFactorCode::new(code).ok()?,
                ))
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
        let (grant, request_id) = inbox
            .iter()
            .find_map(|notification| match notification.received() {
                Received::InviteRequest(request) => {
                    Some((request.invite_to(location.clone()), notification.id.clone()))
                }
                _ => None,
            })
            .ok_or_else(|| Failure::new(Exit::Failure, "Alice received no invite request"))?;
        alice.send(&grant).map_err(|error| {
            transport_error(
                &error,
                &Subject::Invite(bob_user.id.clone(), location.clone()),
            )
        })?;
        alice
            .send(&MarkNotificationSeen::new(request_id.clone()))
            .map_err(|error| transport_error(&error, &Subject::Notification(request_id)))?;
        self.narrator.detail(
            "(`vrchat-invite grant ID --location …` does both: the invite, then the request marked seen.)",
        );
        self.narrator.detail("Bob's inbox:");
        let inbox = self.inbox(bob)?;
        self.show_inbox(&inbox);
        Ok(())
    }

    /// Bob watches the pipeline as `vrchat-invite watch` does; Alice invites him, and the
    /// invite arrives while he watches.
    fn watch_live(&mut self, alice: &Client, bob: &Client) -> Result<(), Failure> {
        let bob_user = &self.accounts.bob;
        let location: Location = DEMO_LOCATION.parse().map_err(|e| input_error(&e))?;
        self.narrator.step(
            "Bob runs `vrchat-invite watch`; Alice invites him once more, and the invite arrives live:",
        );
        // The watcher finds the simulator's pipeline beside its API.
        let watcher = Watcher::new(
            crate::connection::client(bob.session())?,
            PipelineOptions::default(),
        )
        .map_err(|error| Failure::new(Exit::Failure, error.to_string()))?;
        let (events, arrived) = mpsc::channel();
        std::thread::spawn(move || {
            for item in watcher.take(LIVE_EVENTS) {
                let last = match &item {
                    Ok(event) => event
                        .notification()
                        .is_some_and(|n| n.kind == NotificationType::Invite),
                    Err(error) => matches!(error, WatchError::Refused(_)),
                };
                if events.send(item).is_err() || last {
                    break;
                }
            }
        });
        let deadline = Instant::now() + LIVE_WAIT;
        while self.sim.open_pipeline_sockets(&bob_user.id) == 0 {
            if Instant::now() >= deadline {
                return Err(Failure::new(
                    Exit::Network,
                    "the demo's watch could not connect to the simulated pipeline",
                ));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let invite = InviteUser::new(bob_user.id.clone(), location.clone());
        alice.send(&invite).map_err(|error| {
            transport_error(&error, &Subject::Invite(bob_user.id.clone(), location))
        })?;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match arrived.recv_timeout(left) {
                Ok(Ok(event)) => {
                    self.narrator
                        .detail(&format!("watch: {}", event_line(&event)));
                    if event
                        .notification()
                        .is_some_and(|n| n.kind == NotificationType::Invite)
                    {
                        return Ok(());
                    }
                }
                Ok(Err(error)) => self.narrator.detail(&format!(
                    "watch: {}",
                    crate::terminal_text::one_line(&error.to_string())
                )),
                Err(_) => {
                    return Err(Failure::new(
                        Exit::Timeout,
                        "the demo's watch did not receive the invite in time",
                    ));
                }
            }
        }
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
            let name = [alice, bob]
                .into_iter()
                .find(|user| user.id == notification.sender_user_id)
                .map(|user| user.display_name.as_str())
                .or(notification.sender_username.as_deref());
            let sender = person(name, &notification.sender_user_id);
            self.narrator
                .detail(&format!("- {}", received(notification, &sender)));
        }
    }
}
