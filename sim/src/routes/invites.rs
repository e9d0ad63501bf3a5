//! Invites, invite requests and responses: each creates a notification.

use serde_json::{Map, Value, json};
use vrchat_invite_core::messages::InviteMessageType;
use vrchat_invite_core::models::{NotificationType, Timestamp};
use vrchat_invite_core::{Location, NotificationId, Slot, UserId};

use super::Payload;
use super::request::{json_object, optional_integer, required_string};
use crate::server::errors;
use crate::server::reply::Reply;
use crate::state::ids::generated;
use crate::state::{DetailsShape, State, StoredNotification};

/// A location of the shape `wrld_…:instance`, or 404 "Instance not found".
fn parse_location(text: &str) -> Result<Location, Reply> {
    text.parse::<Location>()
        .ok()
        .filter(|location| location.world().as_str().starts_with("wrld_"))
        .ok_or_else(errors::instance_not_found)
}

/// A name for a world the simulator knows nothing about.
fn world_name(location: &Location) -> String {
    let id = location.world().as_str();
    let short: String = id
        .trim_start_matches("wrld_")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    format!("Simulated World {short}")
}

/// An optional slot field, checked against 0..=11 with `out_of_bounds` as the refusal.
fn optional_slot(
    body: &Map<String, Value>,
    field: &str,
    out_of_bounds: fn() -> Reply,
) -> Result<Option<Slot>, Reply> {
    match optional_integer(body, field)? {
        None => Ok(None),
        Some(number) => Slot::try_from(number)
            .map(Some)
            .map_err(|_| out_of_bounds()),
    }
}

/// The receiver must exist and be a friend of the caller.
fn check_friend(state: &State, caller: &UserId, user: &str) -> Result<UserId, Reply> {
    let user = UserId::new(user).map_err(|_| errors::user_not_found())?;
    if state.user(&user).is_none() {
        return Err(errors::user_not_found());
    }
    if !state.are_friends(caller, &user) {
        return Err(errors::not_friends());
    }
    Ok(user)
}

/// The caller's slot text from `kind`, if a slot was given.
fn slot_text(
    state: &State,
    user: &UserId,
    kind: InviteMessageType,
    slot: Option<Slot>,
) -> Option<String> {
    let slot = slot?;
    state
        .user(user)
        .map(|record| record.messages.text(kind, slot))
}

/// Keeps the image and returns the URL it is served at.
fn store_image(state: &mut State, image: Option<&[u8]>) -> Option<String> {
    let image = image?;
    let file_id = format!("file_{}", state.ids.uuid());
    state.files.insert(file_id.clone(), image.to_vec());
    Some(format!("{}/file/{file_id}/1/file", state.base_url))
}

fn insert_image_url(details: &mut Value, image_url: Option<String>) {
    if let (Some(url), Some(object)) = (image_url, details.as_object_mut()) {
        object.insert("imageUrl".to_owned(), Value::String(url));
    }
}

/// A new notification in `receiver`'s inbox, dated now (or just after the previous one).
fn create(
    state: &mut State,
    kind: NotificationType,
    sender: &UserId,
    receiver: &UserId,
    message: String,
    details: Value,
) -> StoredNotification {
    let id = generated(NotificationId::new(format!("not_{}", state.ids.uuid())));
    let created_millis = state.notifications.next_stamp(state.clock.now_millis());
    let sender_username = state
        .user(sender)
        .map(|user| {
            if user.display_name.is_empty() {
                user.username.clone()
            } else {
                user.display_name.clone()
            }
        })
        .unwrap_or_default();
    let notification = StoredNotification {
        id,
        kind,
        created_at: Timestamp::from_unix_millis(created_millis),
        created_millis,
        sender: sender.clone(),
        sender_username,
        receiver: receiver.clone(),
        message,
        details,
        responded: false,
        seen: false,
        hidden: false,
        raw: None,
    };
    let stored = state.notifications.push(notification).clone();
    state.pipeline.notification(&stored);
    stored
}

fn invite_notification(
    state: &mut State,
    sender: &UserId,
    receiver: &UserId,
    location: &Location,
    invite_message: Option<String>,
    image: Option<&[u8]>,
) -> StoredNotification {
    let name = world_name(location);
    let mut details = json!({ "worldId": location.to_string(), "worldName": name });
    if let (Some(text), Some(object)) = (invite_message, details.as_object_mut()) {
        object.insert("inviteMessage".to_owned(), Value::String(text));
    }
    let image_url = store_image(state, image);
    insert_image_url(&mut details, image_url);
    let message = format!("This is a generated invite to {name}");
    create(
        state,
        NotificationType::Invite,
        sender,
        receiver,
        message,
        details,
    )
}

/// `POST /invite/{userId}[/photo]` with `{"instanceId": location, "messageSlot"?: n}`.
pub(crate) fn invite_user(
    state: &mut State,
    caller: &UserId,
    user: &str,
    payload: &Payload<'_>,
) -> Result<Reply, Reply> {
    let body = json_object(payload.json, false)?;
    let instance = required_string(&body, "instanceId")?;
    let slot = optional_slot(&body, "messageSlot", errors::message_slot_out_of_bounds)?;
    let receiver = check_friend(state, caller, user)?;
    let location = parse_location(instance)?;
    let text = slot_text(state, caller, InviteMessageType::Message, slot);
    let sent = invite_notification(state, caller, &receiver, &location, text, payload.image);
    Ok(Reply::ok(&sent.sent_json()))
}

/// `POST /invite/myself/to/{worldId}:{instanceId}`
pub(crate) fn invite_myself(
    state: &mut State,
    caller: &UserId,
    location: &str,
) -> Result<Reply, Reply> {
    let location = parse_location(location)?;
    let sent = invite_notification(state, caller, caller, &location, None, None);
    Ok(Reply::ok(&sent.sent_json()))
}

/// `POST /requestInvite/{userId}[/photo]` with `{"requestSlot"?: n}` (or no body).
pub(crate) fn request_invite(
    state: &mut State,
    caller: &UserId,
    user: &str,
    payload: &Payload<'_>,
) -> Result<Reply, Reply> {
    let body = json_object(payload.json, true)?;
    let slot = optional_slot(&body, "requestSlot", errors::message_slot_out_of_bounds)?;
    let receiver = check_friend(state, caller, user)?;
    let mut details = json!({});
    if let (Some(text), Some(object)) = (
        slot_text(state, caller, InviteMessageType::Request, slot),
        details.as_object_mut(),
    ) {
        object.insert("requestMessage".to_owned(), Value::String(text));
    }
    let image_url = store_image(state, payload.image);
    insert_image_url(&mut details, image_url);
    let sent = create(
        state,
        NotificationType::RequestInvite,
        caller,
        &receiver,
        String::new(),
        details,
    );
    Ok(Reply::ok(&sent.notification_json(DetailsShape::String)))
}

/// `POST /invite/{notificationId}/response[/photo]` with `{"responseSlot": n}`.
pub(crate) fn respond(
    state: &mut State,
    caller: &UserId,
    notification: &str,
    payload: &Payload<'_>,
) -> Result<Reply, Reply> {
    let body = json_object(payload.json, false)?;
    let slot = optional_slot(&body, "responseSlot", errors::response_slot_out_of_bounds)?
        .ok_or_else(|| errors::bad_body("responseSlot is required"))?;
    let original = NotificationId::new(notification)
        .ok()
        .and_then(|id| state.notifications.get(&id))
        .cloned()
        .ok_or_else(errors::notification_not_found)?;
    if &original.sender == caller {
        return Err(errors::own_invite());
    }
    if &original.receiver != caller {
        return Err(errors::notification_not_found());
    }
    let (kind, collection, text_field) = match original.kind {
        NotificationType::Invite => (
            NotificationType::InviteResponse,
            InviteMessageType::Response,
            "responseMessage",
        ),
        NotificationType::RequestInvite => (
            NotificationType::RequestInviteResponse,
            InviteMessageType::RequestResponse,
            "requestMessage",
        ),
        _ => return Err(errors::not_respondable()),
    };
    if original.responded {
        return Err(errors::already_responded());
    }
    let text = slot_text(state, caller, collection, Some(slot)).unwrap_or_default();
    let mut details = json!({ "inResponseTo": original.id, text_field: text });
    let image_url = store_image(state, payload.image);
    insert_image_url(&mut details, image_url);
    state.notifications.mark_responded(&original.id);
    let sent = create(
        state,
        kind,
        caller,
        &original.sender,
        String::new(),
        details,
    );
    state.pipeline.responded(caller, &original.id, &sent.id);
    Ok(Reply::ok(&sent.notification_json(DetailsShape::String)))
}
