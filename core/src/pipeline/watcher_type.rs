//! The public face every transport's watcher shares, written once.

/// Writes a transport's `Watcher`: the struct (with the docs given), `new`, `client` and
/// `watch`. The transport supplies a private `Io` struct with fields `client` (its client)
/// and `socket` (an `Option` of its socket) that implements
/// [`WatchIo`](crate::pipeline::WatchIo), and how `Iterator` or `Stream` reads it.
#[doc(hidden)]
#[macro_export]
macro_rules! watcher_type {
    ($(#[$attr:meta])* client: $client:ty, seed: $seed:expr $(,)?) => {
        $(#[$attr])*
        #[derive(Debug)]
        pub struct Watcher {
            watch: $crate::pipeline::Watch,
            io: Io,
        }

        impl Watcher {
            /// A watch as `client`'s session user, as `plan` says (or options alone: start
            /// from the inbox at the first connect), through the proxy the client's rules
            /// pick for the pipeline. The client also sends the catch-up requests, and stays
            /// usable through [`Watcher::client`]. Nothing is connected before the first
            /// event is asked for.
            ///
            /// # Errors
            /// [`WatchError::Core`]($crate::pipeline::WatchError::Core) when the session is
            /// not logged in.
            pub fn new(
                client: $client,
                plan: impl Into<$crate::pipeline::WatchPlan>,
            ) -> Result<Self, $crate::pipeline::WatchError> {
                let watch = plan
                    .into()
                    .start(&client.session(), $seed)?
                    .with_proxy_rules(client.core().proxy_rules().clone());
                let io = Io {
                    client,
                    socket: None,
                };
                Ok(Self { watch, io })
            }

            /// The client, to answer events with (an invite for an invite request, ...).
            pub fn client(&self) -> &$client {
                &self.io.client
            }

            /// The watch: say [`Watch::done`]($crate::pipeline::Watch::done) with each
            /// event finished (or use its [`progress`]($crate::pipeline::Watch::progress)
            /// handle where the watcher is moved away) and save its
            /// [`checkpoint`]($crate::pipeline::Watch::checkpoint); whether it is
            /// connected, what it waits for, its reconnect waits and the last failure it
            /// recovered from.
            pub fn watch(&self) -> &$crate::pipeline::Watch {
                &self.watch
            }
        }
    };
}
