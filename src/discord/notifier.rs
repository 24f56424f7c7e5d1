//! The scheduler's `Notifier` on Discord.
