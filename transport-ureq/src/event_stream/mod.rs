//! VRChat's pipeline over tungstenite: a blocking [`Watcher`] of events.

mod stream;
mod watcher;

pub use watcher::Watcher;
