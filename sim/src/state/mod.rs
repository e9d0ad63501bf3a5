//! Everything the simulator remembers, behind one mutex.

pub(crate) mod clock;
mod default_messages;
pub(crate) mod ids;
mod messages;
mod notifications;
mod sessions;
pub(crate) mod totp;
mod users;

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;
use vrchat_invite_core::models::{NotificationType, Timestamp};
use vrchat_invite_core::{NotificationId, UserId};

pub(crate) use messages::{MessageSlots, SlotRefusal};
pub(crate) use notifications::{DetailsShape, Notifications, StoredNotification};
pub use sessions::DEFAULT_SESSION_LIMIT;
pub(crate) use sessions::{Session, Sessions, Stage};
pub(crate) use users::{SecondFactor, UserRecord};
pub use users::{SimUser, UserSpec};

use crate::state::clock::Clock;
use crate::state::ids::{IdGenerator, generated};

/// Number of recovery codes a TOTP account gets.
const RECOVERY_CODE_COUNT: usize = 8;

/// The simulated world: users, friendships, sessions, notifications and uploaded files.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) clock: Clock,
    pub(crate) ids: IdGenerator,
    users: HashMap<UserId, UserRecord>,
    /// Lowercased login name → the account that last took it.
    login_names: HashMap<String, UserId>,
    friendships: BTreeSet<(UserId, UserId)>,
    pub(crate) sessions: Sessions,
    pub(crate) notifications: Notifications,
    /// The open pipeline sockets.
    pub(crate) pipeline: crate::pipeline::PipelineHub,
    /// Uploaded images by file ID.
    pub(crate) files: HashMap<String, Vec<u8>>,
    /// The server's own base URL, for the `imageUrl` of photo uploads.
    pub(crate) base_url: String,
}

impl State {
    pub(crate) fn new(base_url: String) -> Self {
        Self {
            clock: Clock::new(),
            ids: IdGenerator::new(),
            users: HashMap::new(),
            login_names: HashMap::new(),
            friendships: BTreeSet::new(),
            sessions: Sessions::new(),
            notifications: Notifications::default(),
            pipeline: crate::pipeline::PipelineHub::default(),
            files: HashMap::new(),
            base_url,
        }
    }

    pub(crate) fn add_user(&mut self, spec: UserSpec) -> SimUser {
        let id = match spec.id {
            Some(id) => id,
            None => generated(UserId::new(format!("usr_{}", self.ids.uuid()))),
        };
        let now = self.clock.now_millis();
        let mut recovery_codes = Vec::new();
        if spec.second_factor == Some(SecondFactor::Totp) {
            while recovery_codes.len() < RECOVERY_CODE_COUNT {
                let digits = self.ids.secret_digits(8);
                let code = format!("{}-{}", &digits[..4], &digits[4..]);
                if !recovery_codes.contains(&code) {
                    recovery_codes.push(code);
                }
            }
        }
        let record = UserRecord {
            display_name: spec.display_name.unwrap_or_else(|| spec.username.clone()),
            username: spec.username,
            password: spec.password,
            id: id.clone(),
            created_at_millis: now,
            second_factor: spec.second_factor,
            totp_secret: crate::state::totp::secret_from(self.ids.secret_u64()),
            recovery_codes,
            last_email_code: None,
            email_code_unused: false,
            messages: MessageSlots::new(now),
        };
        let public = record.public();
        self.login_names
            .insert(record.username.to_lowercase(), id.clone());
        self.sessions.remove_user(&id);
        self.users.insert(id, record);
        public
    }

    pub(crate) fn user(&self, id: &UserId) -> Option<&UserRecord> {
        self.users.get(id)
    }

    pub(crate) fn user_mut(&mut self, id: &UserId) -> Option<&mut UserRecord> {
        self.users.get_mut(id)
    }

    /// The account a login name belongs to (case-insensitive, as VRChat's login is; the
    /// account added last when two share a name).
    pub(crate) fn user_by_username(&self, username: &str) -> Option<&UserRecord> {
        let key = username.to_lowercase();
        let id = self.login_names.get(&key)?;
        self.users
            .get(id)
            .filter(|user| user.username.to_lowercase() == key)
    }

    fn pair(a: &UserId, b: &UserId) -> (UserId, UserId) {
        if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        }
    }

    pub(crate) fn make_friends(&mut self, a: &UserId, b: &UserId) {
        if a != b {
            self.friendships.insert(Self::pair(a, b));
        }
    }

    pub(crate) fn are_friends(&self, a: &UserId, b: &UserId) -> bool {
        self.friendships.contains(&Self::pair(a, b))
    }

    /// IDs of `user`'s friends.
    pub(crate) fn friends_of(&self, user: &UserId) -> Vec<UserId> {
        self.friendships
            .iter()
            .filter_map(|(a, b)| {
                if a == user {
                    Some(b.clone())
                } else if b == user {
                    Some(a.clone())
                } else {
                    None
                }
            })
            .collect()
    }

    /// A new session token for `user` at `stage`.
    pub(crate) fn open_session(&mut self, user: &UserId, stage: Stage) -> String {
        let token = format!("authcookie_{}", self.ids.secret_uuid());
        self.sessions.insert(
            token.clone(),
            Session {
                user: user.clone(),
                stage,
            },
        );
        token
    }

    /// Puts `item` in `receiver`'s inbox as it is; see [`crate::Simulator::add_raw_notification`].
    pub(crate) fn add_raw_notification(
        &mut self,
        receiver: &UserId,
        item: Value,
    ) -> NotificationId {
        let field = |name: &str| item.get(name).and_then(Value::as_str);
        let id = field("id")
            .and_then(|id| NotificationId::new(id).ok())
            .filter(|id| !self.notifications.contains(id))
            .unwrap_or_else(|| generated(NotificationId::new(format!("not_{}", self.ids.uuid()))));
        let kind = NotificationType::from_wire(field("type").unwrap_or_default());
        let sender = field("senderUserId")
            .and_then(|sender| UserId::new(sender).ok())
            .unwrap_or_else(|| receiver.clone());
        let created_millis = self.notifications.next_stamp(self.clock.now_millis());
        self.notifications.push(StoredNotification {
            id: id.clone(),
            kind,
            created_at: Timestamp::from_unix_millis(created_millis),
            created_millis,
            sender,
            sender_username: String::new(),
            receiver: receiver.clone(),
            message: String::new(),
            details: Value::Object(serde_json::Map::new()),
            responded: false,
            seen: false,
            hidden: false,
            raw: Some(item),
        });
        id
    }
}
