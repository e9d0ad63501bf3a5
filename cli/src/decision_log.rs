//! What the auto-inviter decided about each invite request, and the `--log` file that
//! keeps one JSON line per decision so an operator can audit the bot.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use vrchat_invite_core::models::Timestamp;
use vrchat_invite_core::{NotificationId, UserId};

use crate::failure::Failure;
use crate::wall_clock::now_unix_millis;

/// What was done about a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Action {
    /// The sender was invited (and the request marked seen, unless `error` says otherwise).
    Invited,
    /// The request was already seen: answered before, by this bot or anyone.
    SkippedSeen,
    /// The sender is not among `--allow`.
    SkippedNotAllowed,
    /// `--dry-run`: the invite that would have been sent.
    DryRun,
    /// The invite could not be sent.
    Failed,
}

/// One decision, as logged (and printed with `--json`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Decision {
    /// When it was made (this machine's clock).
    pub(crate) at: Timestamp,
    /// The invite request.
    pub(crate) request: NotificationId,
    /// Who asked.
    pub(crate) sender: UserId,
    /// What was done.
    pub(crate) action: Action,
    /// The invite sent, when one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) invite: Option<NotificationId>,
    /// What happened, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) result: Option<String>,
    /// What went wrong, when something did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) error: Option<String>,
}

impl Decision {
    /// A decision about `request` from `sender`, made now.
    pub(crate) fn new(request: NotificationId, sender: UserId, action: Action) -> Self {
        Self {
            at: Timestamp::from_unix_millis(now_unix_millis()),
            request,
            sender,
            action,
            invite: None,
            result: None,
            error: None,
        }
    }

    /// With `result` in words.
    #[must_use]
    pub(crate) fn result(mut self, result: impl Into<String>) -> Self {
        self.result = Some(result.into());
        self
    }

    /// With what went wrong.
    #[must_use]
    pub(crate) fn error(mut self, error: impl Into<String>) -> Self {
        self.error = Some(error.into());
        self
    }

    /// One readable line: `invited usr_… (not_…): …`, `skipped not_… from usr_…: …`.
    pub(crate) fn line(&self) -> String {
        let head = match self.action {
            Action::Invited => match &self.invite {
                Some(invite) => format!("invited {} ({invite})", self.sender),
                None => format!("invited {}", self.sender),
            },
            Action::SkippedSeen | Action::SkippedNotAllowed => {
                format!("skipped {} from {}", self.request, self.sender)
            }
            Action::DryRun => format!("dry run: {} from {}", self.request, self.sender),
            Action::Failed => format!("failed {} from {}", self.request, self.sender),
        };
        let words = [self.result.as_deref(), self.error.as_deref()];
        let words: Vec<&str> = words.into_iter().flatten().collect();
        if words.is_empty() {
            head
        } else {
            format!("{head}: {}", words.join("; "))
        }
    }
}

/// The `--log` file, opened for appending.
#[derive(Debug)]
pub(crate) struct DecisionLog {
    path: PathBuf,
    file: File,
}

impl DecisionLog {
    /// Opens (or creates) `path` for appending.
    pub(crate) fn open(path: &Path) -> Result<Self, Failure> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|error| Failure::file("open the decision log", path, &error))?;
        Ok(Self {
            path: path.to_owned(),
            file,
        })
    }

    /// Appends `decision` as one JSON line, in one write.
    pub(crate) fn write(&mut self, decision: &Decision) -> Result<(), Failure> {
        let mut line = serde_json::to_vec(decision)
            .map_err(|error| Failure::file("write the decision log", &self.path, &error.into()))?;
        line.push(b'\n');
        self.file
            .write_all(&line)
            .map_err(|error| Failure::file("write the decision log", &self.path, &error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(action: Action) -> Decision {
        Decision::new(
            NotificationId::new("not_r").expect("id"),
            UserId::new("usr_a").expect("id"),
            action,
        )
    }

    #[test]
    fn each_decision_is_one_json_line_appended() {
        let dir = std::env::temp_dir().join(format!("cli-decision-log-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("folder");
        let path = dir.join("bot.log");
        std::fs::write(&path, "{\"earlier\":1}\n").expect("earlier line");
        let mut log = DecisionLog::open(&path).expect("open");
        let mut invited = decision(Action::Invited).result("sent; the request is marked seen");
        invited.invite = Some(NotificationId::new("not_i").expect("id"));
        log.write(&invited).expect("write");
        log.write(&decision(Action::Failed).error("user usr_a is not your friend"))
            .expect("write");
        let text = std::fs::read_to_string(&path).expect("log");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|line| serde_json::from_str(line).expect("JSON line"))
            .collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert_eq!(lines[1]["action"], "invited");
        assert_eq!(lines[1]["request"], "not_r");
        assert_eq!(lines[1]["sender"], "usr_a");
        assert_eq!(lines[1]["invite"], "not_i");
        assert!(lines[1]["at"].as_str().is_some_and(|at| at.ends_with('Z')));
        assert!(lines[1].get("error").is_none());
        assert_eq!(lines[2]["action"], "failed");
        assert_eq!(lines[2]["error"], "user usr_a is not your friend");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn actions_read_as_the_log_names_them() {
        let names: Vec<_> = [
            Action::Invited,
            Action::SkippedSeen,
            Action::SkippedNotAllowed,
            Action::DryRun,
            Action::Failed,
        ]
        .iter()
        .map(|action| serde_json::to_value(action).expect("json"))
        .collect();
        assert_eq!(
            names,
            [
                "invited",
                "skipped-seen",
                "skipped-not-allowed",
                "dry-run",
                "failed"
            ]
        );
        assert_eq!(
            decision(Action::SkippedSeen).result("already seen").line(),
            "skipped not_r from usr_a: already seen"
        );
    }
}
