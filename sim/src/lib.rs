//! A local, stateful simulator of VRChat's Invite and login API for tests.
