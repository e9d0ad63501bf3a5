//! Blocking transport for vrchat-invite-core over ureq 3.
