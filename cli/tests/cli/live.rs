//! A long-running `vrchat-invite` read line by line as it prints, to act at chosen points
//! (send something, kill it), with every wait bounded.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::harness::{COMMAND_LIMIT, wait_until};

/// A line the command printed.
enum Printed {
    Out(String),
    Err(String),
}

/// A running command.
pub struct Live {
    child: Child,
    printed: Receiver<Printed>,
    stdout: Vec<String>,
    stderr: Vec<String>,
    readers: Vec<JoinHandle<()>>,
}

/// What a command left when it ended.
#[derive(Debug)]
pub struct Ended {
    /// The exit code; `None` when it was killed.
    pub code: Option<i32>,
    pub stdout: Vec<String>,
    pub stderr: String,
}

/// Sends each line of `pipe`, made a [`Printed`] by `wrap`, until it closes.
fn forward<R: Read + Send + 'static>(
    pipe: Option<R>,
    sender: Sender<Printed>,
    wrap: fn(String) -> Printed,
) -> JoinHandle<()> {
    thread::spawn(move || {
        let Some(pipe) = pipe else { return };
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if sender.send(wrap(line)).is_err() {
                break;
            }
        }
    })
}

impl Live {
    /// Starts `command` (its stdout and stderr piped).
    pub fn spawn(mut command: Command) -> Live {
        let mut child = command.spawn().expect("spawn vrchat-invite");
        let (sender, printed) = mpsc::channel();
        let readers = vec![
            forward(child.stdout.take(), sender.clone(), Printed::Out),
            forward(child.stderr.take(), sender, Printed::Err),
        ];
        Live {
            child,
            printed,
            stdout: Vec::new(),
            stderr: Vec::new(),
            readers,
        }
    }

    /// Starts `command` and waits (bounded) until it caught up after its first connect:
    /// from then on, whatever is sent reaches it as new.
    pub fn caught_up(command: Command) -> Live {
        let mut live = Live::spawn(command);
        let caught_up = live.read_until(COMMAND_LIMIT, |out, err| {
            connection(out, "caught-up").is_some()
                || err.iter().any(|line| line.starts_with("watch: caught up"))
        });
        if !caught_up {
            panic!("it never caught up: {:?}", live.kill());
        }
        live
    }

    /// The process ID.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The lines printed so far.
    pub fn lines(&self) -> &[String] {
        &self.stdout
    }

    /// Reads lines until `done` holds for the stdout and stderr lines printed so far, for
    /// at most `limit`; whether it did.
    pub fn read_until(
        &mut self,
        limit: Duration,
        mut done: impl FnMut(&[String], &[String]) -> bool,
    ) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if done(&self.stdout, &self.stderr) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.printed.recv_timeout(left) {
                Ok(printed) => self.keep(printed),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return done(&self.stdout, &self.stderr);
                }
            }
        }
    }

    fn keep(&mut self, printed: Printed) {
        match printed {
            Printed::Out(line) => self.stdout.push(line),
            Printed::Err(line) => self.stderr.push(line),
        }
    }

    /// Kills it at once (SIGKILL on Unix) and collects what it printed.
    pub fn kill(mut self) -> Ended {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.collect(None)
    }

    /// Waits (bounded) for it to exit by itself.
    pub fn finish(mut self) -> Ended {
        let code = wait_until(&mut self.child, Instant::now() + COMMAND_LIMIT);
        self.collect(code)
    }

    fn collect(mut self, code: Option<i32>) -> Ended {
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        while let Ok(printed) = self.printed.try_recv() {
            self.keep(printed);
        }
        let mut stderr = self.stderr.join("\n");
        if !stderr.is_empty() {
            stderr.push('\n');
        }
        Ended {
            code,
            stdout: std::mem::take(&mut self.stdout),
            stderr,
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The IDs of the notifications among `--json` lines, in order.
pub fn notification_ids(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|value| value["type"] == "notification")
        .filter_map(|value| value["content"]["id"].as_str().map(str::to_owned))
        .collect()
}

/// The `_connection` line with `state` among `--json` lines.
pub fn connection(lines: &[String], state: &str) -> Option<serde_json::Value> {
    lines
        .iter()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|value| value["type"] == "_connection" && value["content"]["state"] == state)
}

/// Waits (bounded) until `path` exists.
pub fn wait_for_file(path: &Path) -> bool {
    let deadline = Instant::now() + COMMAND_LIMIT;
    while Instant::now() < deadline {
        if path.exists() {
            return true;
        }
        thread::sleep(Duration::from_millis(20));
    }
    false
}
