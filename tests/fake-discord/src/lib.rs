//! A Discord stand-in for end-to-end tests of a serenity bot.
//!
//! [`FakeDiscord`] serves Discord's REST API (under `/api/v10`) and gateway (plain JSON over a
//! WebSocket) on `127.0.0.1`. The real serenity client connects to it through an `Http` with
//! the fake's URL as proxy and the rate limiter off. A test builds the world (guilds, roles,
//! members, channels), acts as users ([`FakeUser`]: slash commands, buttons, selects, modals,
//! joining and leaving) and reads what the bot answered ([`Reply`]) and changed.
//!
//! The fake behaves like Discord where a bot can get it wrong: every request body is
//! validated against Discord's OpenAPI description and documented limits, interactions must
//! be answered within 3 s, 50 requests per second at most, role hierarchy, channel permission
//! overwrites, closed DMs,
//! unknown ids. What points to a bug in the bot is recorded as a [`Violation`] and fails the
//! test.
//!
//! ```no_run
//! use fake_discord::{FakeDiscord, MemberSpec};
//! use serenity::all::GatewayIntents;
//!
//! # async fn example() {
//! let fake = FakeDiscord::start().await;
//! let alice = fake.add_member(MemberSpec::new("alice"));
//! // start the bot with `fake.http()` (or its own config pointed at `fake.url()`)
//! let client = fake.client(GatewayIntents::GUILDS);
//! # drop(client);
//! fake.wait_until_ready().await;
//! let reply = alice.slash("help", []).await;
//! assert!(reply.is_ephemeral());
//! assert!(reply.text().contains("/course"));
//! # }
//! ```

mod barrier;
mod chaos;
mod errors;
mod gateway;
mod model;
mod payloads;
mod permissions;
mod pings;
mod ratelimit;
mod rest;
mod script;
mod server;
mod state;
mod tls;
mod validation;
mod violations;

pub use barrier::{Barrier, BarrierFuture};
pub use chaos::Chaos;
pub use model::{
    Attachment, Channel, ChannelKind, Choice, Command, Component, ComponentType, Embed,
    EmbedAuthor, EmbedField, EmbedFooter, EmbedMedia, ForumTag, GatewayDispatch, GatewaySession,
    Member, Message, Modal, Pings, RecordedRequest, Role, ScheduledEvent, SelectOption,
};
pub use permissions::{Overwrite, OverwriteTarget};
pub use script::reply::{CallbackType, MessageSource, Reply};
pub use script::specs::{ChannelSpec, MemberSpec, RoleSpec, ScheduledEventSpec};
pub use script::user::FakeUser;
pub use server::{FakeDiscord, FakeDiscordBuilder};
pub use violations::{Violation, ViolationKind};
