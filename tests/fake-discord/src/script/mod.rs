//! The scripting API: what a test puts into the world and how a user acts in it.

mod access;
mod faults;
pub(crate) mod interact;
mod menus;
mod options;
pub(crate) mod reply;
pub(crate) mod specs;
pub(crate) mod user;
mod world;
