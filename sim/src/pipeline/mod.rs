//! The pipeline: VRChat's event websocket, with state.
//!
//! Every open socket belongs to the user whose `auth` token opened it. Each notification the
//! inbox gets is pushed to its receiver's sockets (content JSON-encoded in a string, as
//! VRChat does), and so are see, hide and clear; tests move friends, drop every socket,
//! refuse a token and pause delivery through [`crate::Simulator`].

mod frames;
mod hub;
mod socket;

pub(crate) use frames::{encoded_frame, friend_location_frame};
pub(crate) use hub::PipelineHub;
pub(crate) use socket::{PIPELINE_PATH, accept, is_upgrade};
