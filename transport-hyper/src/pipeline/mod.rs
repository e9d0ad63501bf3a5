//! VRChat's pipeline over tokio-tungstenite: an async [`Watcher`], also a `Stream` of events.

mod error;
mod stream;
mod watcher;

pub use error::WatchError;
pub use watcher::Watcher;
