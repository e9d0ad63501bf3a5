//! `vrchat-invite inbox`: the invites, requests and answers you received.

use clap::{Args, Subcommand, ValueEnum};
use vrchat_invite_core::NotificationId;
use vrchat_invite_core::inbox::{
    ClearNotifications, HideNotification, ListNotifications, MarkNotificationSeen,
    NotificationPager, PageSize,
};
use vrchat_invite_core::models::{ItemList, ListItem, Notification, NotificationType};
use vrchat_invite_ureq::Client;

use crate::connection::logged_in;
use crate::describe::{Subject, transport_error};
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;
use crate::pasted::pasted;
use crate::prompt::Prompter;
use crate::render::{inbox_table, received, sender};
use crate::wall_clock::now_unix_millis;

/// Arguments of `inbox`: a listing, or one of its subcommands.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct InboxArgs {
    /// Which notifications to list.
    #[arg(long = "type", value_enum, default_value_t = InboxType::All)]
    kind: InboxType,
    /// Show everything (sender IDs, whole locations, whole messages) instead of fitting
    /// 100 columns.
    #[arg(long)]
    wide: bool,
    #[command(subcommand)]
    action: Option<InboxAction>,
}

/// What `inbox` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InboxType {
    /// Everything received.
    All,
    /// Invites to a location (decline or defer with `respond ID --slot N`).
    Invite,
    /// Requests for an invite (grant with `grant ID --location LOCATION`, decline or
    /// defer with `respond ID --slot N`).
    Request,
    /// Answers to the invites and requests you sent.
    Response,
}

impl InboxType {
    fn includes(self, kind: &str) -> bool {
        match self {
            Self::All => true,
            Self::Invite => kind == NotificationType::Invite.as_str(),
            Self::Request => kind == NotificationType::RequestInvite.as_str(),
            Self::Response => {
                kind == NotificationType::InviteResponse.as_str()
                    || kind == NotificationType::RequestInviteResponse.as_str()
            }
        }
    }
}

/// What to do to the inbox.
#[derive(Debug, Subcommand)]
pub(crate) enum InboxAction {
    /// Mark one notification as seen.
    Seen {
        /// The notification (`not_…`), as `inbox` lists it.
        #[arg(value_parser = pasted::<NotificationId>)]
        id: NotificationId,
    },
    /// Hide one notification from later listings.
    Hide {
        /// The notification (`not_…`), as `inbox` lists it.
        #[arg(value_parser = pasted::<NotificationId>)]
        id: NotificationId,
    },
    /// Clear every notification (asks first).
    Clear {
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
}

/// Runs `inbox`.
pub(crate) fn run(args: &InboxArgs, globals: &Globals) -> Result<(), Failure> {
    let session = logged_in(globals)?;
    let client = &session.client;
    let output = globals.output();
    match &args.action {
        None => list(client, args, globals),
        Some(InboxAction::Seen { id }) => {
            let notification = client
                .send(&MarkNotificationSeen::new(id.clone()))
                .map_err(|error| transport_error(&error, &Subject::Notification(id.clone())))?;
            output.show(&notification, || {
                format!(
                    "marked as seen: {}",
                    received(&notification, &sender(&notification))
                )
            })
        }
        Some(InboxAction::Hide { id }) => {
            let reply = client
                .send(&HideNotification::new(id.clone()))
                .map_err(|error| transport_error(&error, &Subject::Notification(id.clone())))?;
            match reply.notification() {
                Some(notification) => output.show(notification, || {
                    format!("hidden: {}", received(notification, &sender(notification)))
                }),
                None => output.show(&serde_json::json!({"id": id, "hidden": true}), || {
                    format!("hidden: {id}")
                }),
            }
        }
        Some(InboxAction::Clear { yes }) => {
            if !yes && !confirm_clear()? {
                return Err(Failure::new(
                    Exit::Failure,
                    "not cleared: answer `y` to clear, or pass --yes",
                ));
            }
            client
                .send(&ClearNotifications::new())
                .map_err(|error| transport_error(&error, &Subject::Nothing))?;
            output.show(&serde_json::json!({"cleared": true}), || {
                "cleared every notification".to_owned()
            })
        }
    }
}

/// Every page of the inbox, newest first, filtered by type.
fn list(client: &Client, args: &InboxArgs, globals: &Globals) -> Result<(), Failure> {
    let items = fetch_all(client)?;
    let mut shown: Vec<ListItem<Notification>> = items
        .into_iter()
        .filter(|item| args.kind.includes(&type_name(item)))
        .collect();
    // Newest first; items without a readable time keep their place after the others.
    shown.sort_by_key(|item| std::cmp::Reverse(created_millis(item)));
    let list = ItemList::from_items(shown);
    globals
        .output()
        .show(&list, || inbox_table(&list, now_unix_millis(), args.wide))
}

/// Every page of the inbox, as the server listed it (newest first).
pub(crate) fn fetch_all(client: &Client) -> Result<Vec<ListItem<Notification>>, Failure> {
    let first = ListNotifications::new().page_size(PageSize::MAX);
    let mut pager = NotificationPager::new(first);
    let mut items = Vec::new();
    while let Some(request) = pager.next_request() {
        let page = client
            .send(&request)
            .map_err(|error| transport_error(&error, &Subject::Nothing))?;
        pager.record(&page);
        items.extend(page);
    }
    if pager.hit_page_limit() {
        eprintln!(
            "note: stopped after {} pages; older notifications are not shown",
            pager.pages_fetched()
        );
    }
    Ok(items)
}

/// The wire type of an item, read from its JSON when it did not decode.
fn type_name(item: &ListItem<Notification>) -> String {
    match item {
        ListItem::Decoded(notification) => notification.kind.as_str().to_owned(),
        ListItem::Undecodable(bad) => bad.to_value()["type"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    }
}

fn created_millis(item: &ListItem<Notification>) -> Option<i64> {
    item.decoded()
        .and_then(|notification| notification.created_at.unix_millis())
}

/// Asks before clearing; anything but `y` or `yes` (or no answer) is a no.
fn confirm_clear() -> Result<bool, Failure> {
    let answer = Prompter::for_stdin()
        .visible("Clear every notification in your inbox? [y/N] ")
        .map_err(|error| {
            Failure::new(Exit::Usage, format!("could not read the answer: {error}"))
        })?;
    Ok(answer
        .map(|text| text.trim().to_ascii_lowercase())
        .is_some_and(|text| text == "y" || text == "yes"))
}
