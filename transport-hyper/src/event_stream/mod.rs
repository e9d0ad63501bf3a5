//! VRChat's pipeline over tokio-tungstenite: an async [`Watcher`], also a `Stream` of events.

mod stream;
mod watcher;

pub use watcher::Watcher;
