//! Guides that ship with the crate: every operation at a glance, how to log in, how to stay
//! polite, and VRChat's rules.
//!
//! These modules hold documentation only.

#[doc = include_str!("../docs/operations.md")]
pub mod operations {}

#[doc = include_str!("../docs/login.md")]
pub mod login {}

#[doc = include_str!("../docs/politeness.md")]
pub mod politeness {}

#[doc = include_str!("../docs/vrchat_rules.md")]
pub mod vrchat_rules {}
