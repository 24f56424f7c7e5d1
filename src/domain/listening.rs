//! Listening campaigns: trainees log their one-to-one conversations, the cohort sees the
//! issues people raised, facilitators follow each trainee's progress.
//!
//! Privacy: a record (and the label naming the person listened to) is read by its author
//! and, through progress, counted for the cohort's facilitators; everyone else sees only
//! tallies. Only its author edits or deletes a record, and `/listen erase` deletes all of
//! a member's records in the server.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use super::access::{self, Caller};
use super::badges;
use super::cohorts;
use super::languages::Recipients;
use super::outbox::DeliveryPayload;
use super::snapshots;
use super::{echo, refuse, DomainResult};
use crate::course::time::local_to_utc;
use crate::course::{Course, Listening};
use crate::i18n::{tr_args, Message};
use crate::model::listening::{
    self as rules, Checked, Conversation, ListeningRecord, ListeningRecordId, ThemeCount,
    TraineeProgress, Typed,
};
use crate::model::*;
use crate::store::Store;

/// The local time a follow-up reminder arrives on its day.
const FOLLOW_UP_HOUR: u32 = 9;

/// What the trainee chose before typing the rest: which conversation, when, with whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogChoice {
    pub cohort: CohortId,
    /// Indexes into the campaign's stages and groups.
    pub stage: usize,
    pub group: usize,
    pub heard_on: NaiveDate,
    pub follow_up_on: Option<NaiveDate>,
    /// The themes named so far, in the cohort's spelling.
    pub issues: Vec<String>,
}

/// What the options of `/listen log` say, as typed.
#[derive(Debug, Clone, Default)]
pub struct LogOptions<'a> {
    pub stage: Option<&'a str>,
    pub group: &'a str,
    pub issues: &'a str,
    pub date: Option<&'a str>,
    pub follow_up: Option<&'a str>,
}

/// The course's listening campaign, or a refusal saying the cohort has none.
pub fn campaign<'c>(course: &'c Course, cohort: &Cohort) -> DomainResult<&'c Listening> {
    match &course.listening {
        Some(listening) => Ok(listening),
        None => refuse(Message::new("listen-no-campaign").arg("cohort", &cohort.name)),
    }
}

/// Checks the options of `/listen log` before the trainee types the rest.
pub async fn choose(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    course: &Course,
    options: &LogOptions<'_>,
    now: UnixMillis,
) -> DomainResult<LogChoice> {
    require_member(store, caller, cohort).await?;
    let listening = campaign(course, cohort)?;
    let today = today(cohort, now);
    let heard_on = match options.date {
        Some(date) => rules::parse_date(date).or_else(refuse)?,
        None => today,
    };
    rules::check_heard_on(heard_on, today).or_else(refuse)?;
    let follow_up_on = options
        .follow_up
        .map(|d| rules::parse_date(d).or_else(refuse))
        .transpose()?;
    if let Some(day) = follow_up_on {
        rules::check_follow_up(day, today).or_else(refuse)?;
    }
    let known = theme_names(store, cohort, listening).await?;
    Ok(LogChoice {
        cohort: cohort.id,
        stage: stage_index(store, caller, cohort, listening, options.stage).await?,
        group: pick(
            &listening.groups,
            options.group,
            |g| (&g.id, &g.name),
            "group",
        )?,
        heard_on,
        follow_up_on,
        issues: rules::themes(options.issues, &known).or_else(refuse)?,
    })
}

/// A conversation just logged, and the badges it earned.
pub struct Logged {
    pub record: ListeningRecord,
    pub awarded: Vec<crate::course::Badge>,
}

/// Saves a conversation once its free text is typed, plans its follow-up reminder and
/// awards the badges it completes.
#[tracing::instrument(skip_all, fields(cohort = %choice.cohort, member = %caller.user))]
pub async fn log(
    store: &Store,
    caller: Caller,
    choice: &LogChoice,
    typed: &Typed,
    now: UnixMillis,
) -> DomainResult<Logged> {
    let cohort = cohorts::member_cohort(store, caller, choice.cohort).await?;
    let course = snapshots::course_of(store, &cohort).await?;
    let listening = campaign(&course, &cohort)?;
    let (Some(stage), Some(group)) = (
        listening.stages.get(choice.stage),
        listening.groups.get(choice.group),
    ) else {
        return refuse(Message::new("listen-form-stale"));
    };
    let checked = check_typed(store, &cohort, listening, typed).await?;
    rules::check_heard_on(choice.heard_on, today(&cohort, now)).or_else(refuse)?;
    let conversation = conversation(
        stage.id.clone(),
        group.id.clone(),
        choice.heard_on,
        choice.follow_up_on,
        checked,
    );
    let record = store
        .add_listening_record(cohort.id, caller.user, &conversation, now)
        .await?;
    plan_follow_up(store, &cohort, &record, now).await?;
    let news = badges::award_earned(store, &course, cohort.id, caller.user, now).await?;
    Ok(Logged {
        record,
        awarded: news.awarded,
    })
}

/// The caller's own records in their cohort, oldest conversation first.
pub async fn mine(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<Vec<ListeningRecord>> {
    require_member(store, caller, cohort).await?;
    Ok(store
        .listening_records(cohort.id, Some(caller.user))
        .await?)
}

/// A trainee's records, for a facilitator of their cohort.
pub async fn records_of(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    member: UserId,
) -> DomainResult<Vec<ListeningRecord>> {
    access::require_facilitator(store, caller, cohort).await?;
    Ok(store.listening_records(cohort.id, Some(member)).await?)
}

/// A record its author is about to change, with the course it belongs to.
pub async fn own_record(
    store: &Store,
    caller: Caller,
    id: ListeningRecordId,
) -> DomainResult<(ListeningRecord, Cohort)> {
    let Some(record) = store.listening_record(id).await? else {
        return refuse(Message::new("listen-record-gone"));
    };
    if record.author_id != caller.user {
        return refuse(Message::new("listen-not-author"));
    }
    let cohort = cohorts::member_cohort(store, caller, record.cohort_id).await?;
    Ok((record, cohort))
}

/// Replaces the free text of the caller's own record.
#[tracing::instrument(skip_all, fields(record = %id, member = %caller.user))]
pub async fn edit(
    store: &Store,
    caller: Caller,
    id: ListeningRecordId,
    typed: &Typed,
    now: UnixMillis,
) -> DomainResult<ListeningRecord> {
    let (record, cohort) = own_record(store, caller, id).await?;
    let course = snapshots::course_of(store, &cohort).await?;
    let listening = campaign(&course, &cohort)?;
    let checked = check_typed(store, &cohort, listening, typed).await?;
    let old = record.conversation;
    let conversation = conversation(
        old.stage,
        old.group,
        old.heard_on,
        old.follow_up_on,
        checked,
    );
    match store
        .update_listening_record(id, &conversation, now)
        .await?
    {
        Some(updated) => Ok(updated),
        None => refuse(Message::new("listen-record-gone")),
    }
}

/// Deletes the caller's own record.
#[tracing::instrument(skip_all, fields(record = %id, member = %caller.user))]
pub async fn delete(
    store: &Store,
    caller: Caller,
    id: ListeningRecordId,
) -> DomainResult<ListeningRecord> {
    let (record, _) = own_record(store, caller, id).await?;
    store.delete_listening_record(id).await?;
    Ok(record)
}

/// Deletes every conversation the caller logged in this server; how many there were.
#[tracing::instrument(skip_all, fields(member = %caller.user))]
pub async fn erase(store: &Store, caller: Caller) -> DomainResult<u64> {
    Ok(store
        .erase_listening_records(caller.guild, caller.user)
        .await?)
}

/// How many conversations the caller logged in this server, for confirming an erase.
pub async fn logged_in_server(store: &Store, caller: Caller) -> DomainResult<u64> {
    Ok(store
        .count_listening_records(caller.guild, caller.user)
        .await?)
}

/// Progress against the campaign: the caller's own, or every trainee's for a facilitator.
pub struct ProgressView {
    pub cohort: Cohort,
    pub listening: Listening,
    pub rows: Vec<TraineeProgress>,
    pub whole_cohort: bool,
}

pub async fn progress(
    store: &Store,
    caller: Caller,
    cohort: Cohort,
    course: &Course,
) -> DomainResult<ProgressView> {
    require_member(store, caller, &cohort).await?;
    let listening = campaign(course, &cohort)?.clone();
    let whole_cohort = access::is_facilitator(store, caller, &cohort).await?;
    let (trainees, records) = if whole_cohort {
        let trainees = store
            .list_members(cohort.id, Some(CohortRole::Trainee))
            .await?;
        let trainees: Vec<UserId> = trainees.into_iter().map(|m| m.user_id).collect();
        (trainees, store.listening_records(cohort.id, None).await?)
    } else {
        let records = store
            .listening_records(cohort.id, Some(caller.user))
            .await?;
        (vec![caller.user], records)
    };
    Ok(ProgressView {
        rows: rules::progress(&listening, &trainees, &records),
        cohort,
        listening,
        whole_cohort,
    })
}

/// The cohort's shared picture: themes by how often people raised them. No labels.
pub struct IssuesView {
    pub cohort: Cohort,
    pub listening: Listening,
    pub tally: Vec<ThemeCount>,
    pub conversations: usize,
    /// The Monday of each week → conversations held that week: the trend.
    pub weeks: BTreeMap<NaiveDate, u32>,
}

pub async fn issues(
    store: &Store,
    caller: Caller,
    cohort: Cohort,
    course: &Course,
) -> DomainResult<IssuesView> {
    require_member(store, caller, &cohort).await?;
    issues_view(store, cohort, course).await
}

/// The cohort's issues for `cohortbot export`, run by whoever runs the bot.
pub async fn issues_for_export(store: &Store, cohort: Cohort) -> DomainResult<IssuesView> {
    let course = snapshots::course_of(store, &cohort).await?;
    issues_view(store, cohort, &course).await
}

/// The cohort's themes as CSV, for the cohort report and `cohortbot export`: a row per
/// theme with its count by stage, by group and by week (`week:` and the week's Monday).
/// No label of anyone listened to.
pub fn themes_csv(view: &IssuesView) -> Result<Vec<u8>, csv::Error> {
    let l = &view.listening;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let stages = l.stages.iter().map(|s| format!("stage:{}", s.id));
    let groups = l.groups.iter().map(|g| format!("group:{}", g.id));
    let weeks = view.weeks.keys().map(|w| format!("week:{w}"));
    let fixed = ["theme", "added_by_trainee", "conversations"].map(String::from);
    writer.write_record(fixed.into_iter().chain(stages).chain(groups).chain(weeks))?;
    for t in &view.tally {
        let fixed = [
            t.theme.clone(),
            (!t.from_course).to_string(),
            t.total.to_string(),
        ];
        let stages = l.stages.iter().map(|s| count_of(&t.by_stage, &s.id));
        let groups = l.groups.iter().map(|g| count_of(&t.by_group, &g.id));
        let weeks = view.weeks.keys().map(|w| count_of(&t.by_week, w));
        writer.write_record(fixed.into_iter().chain(stages).chain(groups).chain(weeks))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// A facilitator files the conversations raised under `from` under `into`; how many moved.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, member = %caller.user))]
pub async fn merge(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    course: &Course,
    from: &str,
    into: &str,
) -> DomainResult<(String, String, u64)> {
    access::require_facilitator(store, caller, cohort).await?;
    let listening = campaign(course, cohort)?;
    let known = theme_names(store, cohort, listening).await?;
    let find = |typed: &str| {
        known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(typed.trim()))
            .cloned()
    };
    let Some(from) = find(from) else {
        return refuse(Message::new("listen-theme-unknown").arg("theme", echo(from)));
    };
    let into = match find(into) {
        Some(into) => into,
        None => rules::themes(into, &[]).or_else(refuse)?.remove(0),
    };
    if from == into {
        return refuse(Message::new("listen-merge-same"));
    }
    let moved = store.merge_listening_theme(cohort.id, &from, &into).await?;
    Ok((from, into, moved))
}

/// The cohort's themes: the course's first, then those trainees added.
pub async fn theme_names(
    store: &Store,
    cohort: &Cohort,
    listening: &Listening,
) -> DomainResult<Vec<String>> {
    let records = store.listening_records(cohort.id, None).await?;
    let added = records.into_iter().flat_map(|r| r.conversation.issues);
    Ok(rules::theme_names(listening, added))
}

// ------------------------------------------------------------------------------------------

async fn issues_view(store: &Store, cohort: Cohort, course: &Course) -> DomainResult<IssuesView> {
    let listening = campaign(course, &cohort)?.clone();
    let records = store.listening_records(cohort.id, None).await?;
    Ok(IssuesView {
        tally: rules::tally(&listening, &records),
        conversations: records.len(),
        weeks: rules::weekly(&records),
        cohort,
        listening,
    })
}

fn count_of<K: Ord>(counts: &BTreeMap<K, u32>, key: &K) -> String {
    counts.get(key).copied().unwrap_or(0).to_string()
}

/// The date it is now on the cohort's clock.
pub(super) fn today(cohort: &Cohort, now: UnixMillis) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(now)
        .unwrap_or_default()
        .with_timezone(&cohort.time_zone)
        .date_naive()
}

async fn require_member(store: &Store, caller: Caller, cohort: &Cohort) -> DomainResult<()> {
    cohorts::member_cohort(store, caller, cohort.id)
        .await
        .map(drop)
}

async fn check_typed(
    store: &Store,
    cohort: &Cohort,
    listening: &Listening,
    typed: &Typed,
) -> DomainResult<Checked> {
    let known = theme_names(store, cohort, listening).await?;
    typed.check(&known).or_else(refuse)
}

fn conversation(
    stage: String,
    group: String,
    heard_on: NaiveDate,
    follow_up_on: Option<NaiveDate>,
    checked: Checked,
) -> Conversation {
    Conversation {
        stage,
        group,
        heard_on,
        label: checked.label,
        place: checked.place,
        issues: checked.issues,
        energy: checked.energy,
        follow_up_on,
    }
}

/// The stage named, or the one of the trainee's latest conversation, or the first.
async fn stage_index(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    listening: &Listening,
    named: Option<&str>,
) -> DomainResult<usize> {
    if let Some(named) = named {
        return pick(&listening.stages, named, |s| (&s.id, &s.name), "stage");
    }
    let mine = store
        .listening_records(cohort.id, Some(caller.user))
        .await?;
    let latest = mine.last().map(|r| r.conversation.stage.as_str());
    Ok(latest
        .and_then(|id| listening.stages.iter().position(|s| s.id == id))
        .unwrap_or(0))
}

/// The index of the entry whose id or name is `typed`.
fn pick<T>(
    entries: &[T],
    typed: &str,
    id_and_name: impl Fn(&T) -> (&String, &String),
    what: &str,
) -> DomainResult<usize> {
    let typed = typed.trim();
    entries
        .iter()
        .position(|e| {
            let (id, name) = id_and_name(e);
            id == typed || name.eq_ignore_ascii_case(typed)
        })
        .map_or_else(
            || {
                let names: Vec<&str> = entries.iter().map(|e| id_and_name(e).1.as_str()).collect();
                refuse(
                    Message::new("listen-not-in-campaign")
                        .arg("typed", echo(typed))
                        .arg("what", what)
                        .arg("choices", names.join("; ")),
                )
            },
            Ok,
        )
}

/// A direct message to the author on the follow-up day, at [`FOLLOW_UP_HOUR`] local time
/// (at once if that has passed). It has no fallback channel: it names the person listened to.
async fn plan_follow_up(
    store: &Store,
    cohort: &Cohort,
    record: &ListeningRecord,
    now: UnixMillis,
) -> DomainResult<()> {
    let Some(on) = record.conversation.follow_up_on else {
        return Ok(());
    };
    let local = on.and_time(NaiveTime::from_hms_opt(FOLLOW_UP_HOUR, 0, 0).unwrap_or_default());
    let due = local_to_utc(local, cohort.time_zone)
        .timestamp_millis()
        .max(now);
    let c = &record.conversation;
    let author = record.author_id;
    let lang = Recipients::read(store, cohort.guild_id, &[author], None)
        .await?
        .lang(author);
    let args = [
        ("label", (&c.label).into()),
        ("heard_on", crate::i18n::date(lang, c.heard_on).into()),
        ("themes", c.issues.join(", ").into()),
    ];
    let payload = DeliveryPayload {
        content: tr_args(lang, "listen-follow-up", &args),
        condition: super::prompts::follow_up_condition(cohort.id, record.id, on),
        ..DeliveryPayload::default()
    }
    .written_in(lang);
    store
        .enqueue_delivery(&NewDelivery {
            schedule_id: None,
            dedupe_key: format!("listening:follow-up:{}:{on}", record.id),
            cohort_id: Some(cohort.id),
            target_kind: TargetKind::Dm,
            target_id: record.author_id.0,
            fallback_channel_id: None,
            payload: payload.to_json(),
            due_at: due,
            expires_at: None,
        })
        .await?;
    Ok(())
}
