//! VRChat's pipeline over tungstenite: a blocking [`Watcher`] of events.

mod error;
mod stream;
mod watcher;

pub use error::WatchError;
pub use watcher::Watcher;
