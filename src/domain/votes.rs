//! Prioritising together: a facilitator opens a dot vote over the themes the cohort heard;
//! each member spends their dots (several on one theme if they like) and may take them back
//! until the vote closes. The ballot is posted in the cohort channel through the scheduler,
//! and its close is a delivery due at the closing time, which posts the results.

use chrono::NaiveDateTime;

use super::access::{self, Caller};
use super::languages::Recipients;
use super::listening;
use super::outbox::{DeliveryPayload, Extra};
use super::{echo, refuse, DomainResult};
use crate::course::time::local_to_utc;
use crate::course::Course;
use crate::i18n::{tr_args, Message};

use crate::model::votes::{
    self as rules, Ballot, DotRefused, NewVote, Vote, VoteId, MAX_DOTS, MAX_VOTE_OPTIONS,
    MIN_VOTE_OPTIONS,
};
use crate::model::*;
use crate::store::Store;

/// Dots each member holds unless the facilitator says otherwise.
pub const DEFAULT_DOTS: u32 = 3;
/// Themes on a vote unless the facilitator picks them: the most raised.
pub const DEFAULT_OPTIONS: usize = 5;

/// What the options of `/listen vote` say, as typed.
#[derive(Debug, Clone, Default)]
pub struct VoteRequest<'a> {
    /// `YYYY-MM-DD HH:MM` on the cohort's clock.
    pub closes: &'a str,
    /// Themes separated by commas; the most raised when `None`.
    pub themes: Option<&'a str>,
    pub dots: Option<u32>,
}

/// A vote just opened, and the channel it is posted in.
#[derive(Debug, Clone)]
pub struct OpenedVote {
    pub vote: Vote,
    pub channel: ChannelId,
}

/// A member's ballot as they see it.
#[derive(Debug, Clone)]
pub struct BallotView {
    pub vote: Vote,
    pub counts: Vec<u32>,
    pub left: u32,
}

/// Opens a dot vote in the cohort channel: its ballot is posted by the next scheduler
/// step, and its results when it closes.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, member = %caller.user))]
pub async fn open(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    course: &Course,
    request: &VoteRequest<'_>,
    now: UnixMillis,
) -> DomainResult<OpenedVote> {
    access::require_facilitator(store, caller, cohort).await?;
    let Some(channel) = cohort.channel_id else {
        return refuse(Message::new("vote-no-channel").arg("cohort", &cohort.name));
    };
    let dots = request.dots.unwrap_or(DEFAULT_DOTS);
    if !(1..=MAX_DOTS).contains(&dots) {
        return refuse(
            Message::new("vote-dots-range")
                .arg("max", MAX_DOTS)
                .arg("dots", dots),
        );
    }
    let closes_at = closing_time(cohort, request.closes, now)?;
    let options = options(store, caller, cohort, course, request.themes).await?;
    let vote = store
        .create_vote(
            &NewVote {
                cohort_id: cohort.id,
                options,
                dots,
                closes_at,
                created_by: caller.user,
            },
            now,
        )
        .await?;
    post_ballot(store, cohort, channel, &vote, now).await?;
    plan_close(store, cohort, channel, &vote).await?;
    Ok(OpenedVote { vote, channel })
}

/// The caller's ballot, to open from the vote's button.
pub async fn ballot(
    store: &Store,
    caller: Caller,
    id: VoteId,
    now: UnixMillis,
) -> DomainResult<BallotView> {
    let (vote, ballot) = open_ballot(store, caller, id, now).await?;
    Ok(view(vote, ballot.map(|b| b.counts)))
}

/// One more of the caller's dots on option `option` (an index into the vote's options).
#[tracing::instrument(skip_all, fields(vote = %id, member = %caller.user))]
pub async fn add_dot(
    store: &Store,
    caller: Caller,
    id: VoteId,
    option: usize,
    now: UnixMillis,
) -> DomainResult<BallotView> {
    let (vote, ballot) = open_ballot(store, caller, id, now).await?;
    let counts = ballot.map_or_else(|| vote.empty_counts(), |b| b.counts);
    let counts = match rules::add_dot(&counts, option, vote.dots) {
        Ok(counts) => counts,
        Err(DotRefused::NotAnOption) => return refuse(Message::new("vote-not-an-option")),
        Err(DotRefused::AllSpent) => {
            return refuse(Message::new("vote-all-dots-spent").arg("dots", vote.dots))
        }
    };
    let saved = store.save_ballot(id, caller.user, &counts, now).await?;
    Ok(view(vote, Some(saved.counts)))
}

/// Takes back every dot the caller spent, so they can spend them again.
#[tracing::instrument(skip_all, fields(vote = %id, member = %caller.user))]
pub async fn clear(
    store: &Store,
    caller: Caller,
    id: VoteId,
    now: UnixMillis,
) -> DomainResult<BallotView> {
    let (vote, _) = open_ballot(store, caller, id, now).await?;
    let saved = store
        .save_ballot(id, caller.user, &vote.empty_counts(), now)
        .await?;
    Ok(view(vote, Some(saved.counts)))
}

// ------------------------------------------------------------------------------------------

/// The vote, still open, and the caller's ballot in it; refused to anyone not in its cohort.
async fn open_ballot(
    store: &Store,
    caller: Caller,
    id: VoteId,
    now: UnixMillis,
) -> DomainResult<(Vote, Option<Ballot>)> {
    let Some(vote) = store.vote(id).await? else {
        return refuse(Message::new("vote-gone"));
    };
    let cohort = store.cohort(vote.cohort_id).await?;
    let member = store
        .member(vote.cohort_id, caller.user)
        .await?
        .is_some_and(|m| m.left_at.is_none());
    let Some(cohort) = cohort.filter(|c| c.guild_id == caller.guild && member) else {
        return refuse(Message::new("vote-members-only"));
    };
    if !vote.is_open(now) {
        return refuse(Message::new("vote-closed").arg("cohort", &cohort.name));
    }
    let ballot = store.ballot(id, caller.user).await?;
    Ok((vote, ballot))
}

fn view(vote: Vote, counts: Option<Vec<u32>>) -> BallotView {
    let counts = counts.unwrap_or_else(|| vote.empty_counts());
    let left = vote.dots.saturating_sub(rules::spent(&counts));
    BallotView { vote, counts, left }
}

/// When the vote closes, in the cohort's time zone; it must be later than now.
fn closing_time(cohort: &Cohort, typed: &str, now: UnixMillis) -> DomainResult<UnixMillis> {
    let Ok(local) = NaiveDateTime::parse_from_str(typed.trim(), "%Y-%m-%d %H:%M") else {
        return refuse(Message::new("vote-not-a-time").arg("typed", echo(typed)));
    };
    let closes_at = local_to_utc(local, cohort.time_zone).timestamp_millis();
    if closes_at <= now {
        return refuse(Message::new("vote-time-passed").arg("typed", echo(typed)));
    }
    Ok(closes_at)
}

/// The themes typed, in the cohort's spelling, or the most raised; between two and 25.
async fn options(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    course: &Course,
    typed: Option<&str>,
) -> DomainResult<Vec<String>> {
    let options = match typed {
        Some(typed) => {
            let campaign = listening::campaign(course, cohort)?;
            let known = listening::theme_names(store, cohort, campaign).await?;
            picked_themes(typed, &known)?
        }
        None => {
            let heard = listening::issues(store, caller, cohort.clone(), course).await?;
            heard
                .tally
                .into_iter()
                .take(DEFAULT_OPTIONS)
                .map(|t| t.theme)
                .collect()
        }
    };
    if options.len() < MIN_VOTE_OPTIONS {
        return refuse(
            Message::new("vote-too-few-themes")
                .arg("min", MIN_VOTE_OPTIONS)
                .arg("count", options.len()),
        );
    }
    if options.len() > MAX_VOTE_OPTIONS {
        return refuse(
            Message::new("vote-too-many-themes")
                .arg("max", MAX_VOTE_OPTIONS)
                .arg("count", options.len()),
        );
    }
    Ok(options)
}

/// The themes named in `typed`, each once, all of them themes the cohort knows.
fn picked_themes(typed: &str, known: &[String]) -> DomainResult<Vec<String>> {
    let mut picked: Vec<String> = Vec::new();
    for name in typed.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let Some(theme) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) else {
            return refuse(
                Message::new("vote-unknown-theme")
                    .arg("theme", echo(name))
                    .arg("known", known.join("; ")),
            );
        };
        if !picked.contains(theme) {
            picked.push(theme.clone());
        }
    }
    Ok(picked)
}

/// The vote's message in the cohort channel, with the button that opens a ballot, in the
/// server's language.
async fn post_ballot(
    store: &Store,
    cohort: &Cohort,
    channel: ChannelId,
    vote: &Vote,
    now: UnixMillis,
) -> DomainResult<()> {
    let lang = Recipients::read(store, cohort.guild_id, &[], None)
        .await?
        .channel_lang();
    let options: Vec<String> = vote.options.iter().map(|o| format!("• {o}")).collect();
    let content = tr_args(
        lang,
        "vote-post",
        &[
            ("cohort", (&cohort.name).into()),
            ("dots", vote.dots.into()),
            ("closes", vote.closes_at.div_euclid(1000).to_string().into()),
            ("options", options.join("\n").into()),
        ],
    );
    let payload = DeliveryPayload {
        content,
        extra: Some(Extra::VoteButton { vote: vote.id.0 }),
        ..DeliveryPayload::default()
    }
    .written_in(lang);
    enqueue(
        store,
        cohort,
        channel,
        format!("vote:{}:ballot", vote.id),
        payload,
        now,
    )
    .await
}

/// The close: a delivery due at the closing time whose gate counts the ballots then.
async fn plan_close(
    store: &Store,
    cohort: &Cohort,
    channel: ChannelId,
    vote: &Vote,
) -> DomainResult<()> {
    let payload = DeliveryPayload {
        condition: super::prompts::vote_close_condition(cohort.id, vote.id),
        ..DeliveryPayload::default()
    };
    let key = format!("vote:{}:results", vote.id);
    enqueue(store, cohort, channel, key, payload, vote.closes_at).await
}

async fn enqueue(
    store: &Store,
    cohort: &Cohort,
    channel: ChannelId,
    dedupe_key: String,
    payload: DeliveryPayload,
    due_at: UnixMillis,
) -> DomainResult<()> {
    store
        .enqueue_delivery(&NewDelivery {
            schedule_id: None,
            dedupe_key,
            cohort_id: Some(cohort.id),
            target_kind: TargetKind::Channel,
            target_id: channel.0,
            fallback_channel_id: None,
            payload: payload.to_json(),
            due_at,
            expires_at: None,
        })
        .await?;
    Ok(())
}
