//! The inbox: list, read, mark seen, hide, clear. Only notifications the caller received.

use serde_json::{Value, json};
use vrchat_invite_core::{NotificationId, UserId};

use super::inbox_query::InboxQuery;
use crate::server::errors;
use crate::server::reply::Reply;
use crate::state::{State, StoredNotification};

/// The caller's notification `id`, or 404 "Notification not found" (also for one that
/// someone else received).
fn received<'a>(
    state: &'a mut State,
    caller: &UserId,
    id: &str,
) -> Result<&'a mut StoredNotification, Reply> {
    let id = NotificationId::new(id).map_err(|_| errors::notification_not_found())?;
    state
        .notifications
        .received_mut(caller, &id)
        .ok_or_else(errors::notification_not_found)
}

/// `GET /auth/user/notifications?n=&offset=&after=&hidden=`
pub(crate) fn list(state: &State, caller: &UserId, query: &str) -> Result<Reply, Reply> {
    let query = InboxQuery::parse(query, state.clock.now_millis())?;
    let page: Vec<Value> = state
        .notifications
        .inbox(caller, query.hidden, query.after)
        .skip(query.offset)
        .take(query.n)
        .map(StoredNotification::inbox_json)
        .collect();
    Ok(Reply::ok(&Value::Array(page)))
}

/// `GET /auth/user/notifications/{notificationId}`: hidden ones too.
pub(crate) fn get(state: &mut State, caller: &UserId, id: &str) -> Result<Reply, Reply> {
    let notification = received(state, caller, id)?;
    Ok(Reply::ok(&notification.inbox_json()))
}

/// `PUT /auth/user/notifications/{notificationId}/see`
pub(crate) fn see(state: &mut State, caller: &UserId, id: &str) -> Result<Reply, Reply> {
    let notification = received(state, caller, id)?;
    notification.seen = true;
    let (reply, id) = (notification.inbox_json(), notification.id.clone());
    state.pipeline.seen(caller, &id);
    Ok(Reply::ok(&reply))
}

/// `PUT /auth/user/notifications/{notificationId}/hide`: answers the notification, as the
/// spec says (a newer spec says `{"success": …}`; not yet verified, see the crate docs).
pub(crate) fn hide(state: &mut State, caller: &UserId, id: &str) -> Result<Reply, Reply> {
    let notification = received(state, caller, id)?;
    notification.hidden = true;
    let (reply, id) = (notification.inbox_json(), notification.id.clone());
    state.pipeline.hidden(caller, &id);
    Ok(Reply::ok(&reply))
}

/// `PUT /auth/user/notifications/clear`: hides everything the caller received.
pub(crate) fn clear(state: &mut State, caller: &UserId) -> Result<Reply, Reply> {
    state.notifications.hide_all_received(caller);
    state.pipeline.cleared(caller);
    Ok(Reply::ok(
        &json!({"success": {"message": "Ok", "status_code": 200}}),
    ))
}
