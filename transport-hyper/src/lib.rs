//! Async transport for vrchat-invite-core over hyper 1.
