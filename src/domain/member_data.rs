//! A member's data as theirs: everything the bot holds about them, for them to read
//! (`/mydata`), and forgotten on request (`/cohort forget` by a facilitator of their cohort,
//! or `cohortbot forget` by whoever runs the bot). Forgetting deletes what they wrote and
//! keeps only anonymous counts.

use serde_json::{json, Value};

use crate::model::*;
use crate::store::{Forgotten, Store};

use super::access::{is_facilitator, Caller};
use super::{refuse, DomainResult};
use crate::i18n::Message;

/// The file `/mydata` sends.
pub const MY_DATA_FILE: &str = "my-data.json";

/// Everything the bot holds about the caller, as pretty JSON: each table that names them,
/// with their rows.
pub async fn export(store: &Store, user: UserId, now: UnixMillis) -> DomainResult<String> {
    let tables = store.member_data(user).await?;
    let document = json!({
        "user_id": user.0.to_string(),
        "exported_at_unix_ms": now,
        "about": "Every row of the bot's database that names you, table by table. Ids are Discord's (users, channels, messages) or the bot's own (cohorts, attempts); times are Unix milliseconds.",
        "tables": Value::Object(tables),
    });
    Ok(serde_json::to_string_pretty(&document).unwrap_or_default())
}

/// Forgets `member` once the caller facilitates a cohort of the server they were in.
pub async fn forget(
    store: &Store,
    caller: Caller,
    member: UserId,
    now: UnixMillis,
) -> DomainResult<Forgotten> {
    require_may_forget(store, caller, member).await?;
    forget_anyone(store, member, now).await
}

/// Checks the caller may forget `member`, before they confirm.
pub async fn require_may_forget(store: &Store, caller: Caller, member: UserId) -> DomainResult<()> {
    for cohort in store.list_cohorts(caller.guild, true).await? {
        let was_in = store.member(cohort.id, member).await?.is_some();
        if was_in && is_facilitator(store, caller, &cohort).await? {
            return Ok(());
        }
    }
    refuse(Message::new("data-forget-not-allowed").arg("user", member.to_string()))
}

/// Forgets `member` in every server: for whoever runs the bot.
pub async fn forget_anyone(
    store: &Store,
    member: UserId,
    now: UnixMillis,
) -> DomainResult<Forgotten> {
    Ok(store.forget_member(member, anonymous_id(), now).await?)
}

/// Deletes the reflections and one-to-one records older than `months` months before
/// `now` (calendar months, in UTC); returns how many of each.
pub async fn apply_retention(
    store: &Store,
    months: u32,
    now: UnixMillis,
) -> DomainResult<(u64, u64)> {
    let Some(now) = chrono::DateTime::from_timestamp_millis(now) else {
        return Ok((0, 0));
    };
    let Some(cutoff) = now.checked_sub_months(chrono::Months::new(months)) else {
        return Ok((0, 0));
    };
    Ok(store
        .delete_private_records_before(cutoff.timestamp_millis())
        .await?)
}

/// What was forgotten, in a sentence; the tables are named as the database names them.
pub fn summary(member: UserId, forgotten: &Forgotten) -> Message {
    let list = |rows: &[(&str, u64)]| {
        let parts: Vec<String> = rows.iter().map(|(t, n)| format!("{t} {n}")).collect();
        parts.join(", ")
    };
    Message::new("data-erased")
        .arg("user", member.to_string())
        .arg("deleted", list(&forgotten.deleted))
        .arg("deleted_tables", forgotten.deleted.len())
        .arg("kept", list(&forgotten.anonymised))
        .arg("kept_tables", forgotten.anonymised.len())
}

/// An id no Discord user can have: Discord's ids are below 2^63, so stored as positive
/// numbers; this one is negative.
fn anonymous_id() -> i64 {
    -rand::random_range(1..i64::MAX)
}
