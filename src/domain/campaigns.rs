//! From issue to action: a theme the cohort heard becomes a campaign with a SMART goal, a
//! power analysis and actions. Each action is a cohort event (so a Discord scheduled event)
//! with a turnout target; once it has happened a facilitator records its turnout, and the
//! trainees who took part are asked, in the cohort channel, to evaluate it, celebrate and
//! reflect. Their evaluations are reflections for the facilitators, read with `/reflections`.

use super::access::{self, Caller};
use super::languages::Recipients;
use super::listening::{self, today};
use super::outbox::{DeliveryPayload, Extra};
use super::sessions::events::{self, EventRequest, EventView};
use super::{echo, refuse, DomainResult};
use crate::course::Course;
use crate::i18n::{tr_args, Lang, Message};
use crate::model::campaigns::{
    Campaign, CampaignAction, CampaignActionId, CampaignId, Level, PowerHolder, TypedGoal,
    MAX_POWER_HOLDERS,
};
use crate::model::*;
use crate::store::Store;

/// What an evaluation is filed under among the reflections: a key kept as stored, in no
/// language.
pub const EVALUATION_MODULE: &str = "Action evaluation";
/// The most each answer of the evaluation form may hold.
pub const MAX_EVALUATION_ANSWER: usize = 1000;

/// A campaign with its power analysis (most influential first) and its actions.
#[derive(Debug, Clone)]
pub struct CampaignView {
    pub campaign: Campaign,
    pub holders: Vec<PowerHolder>,
    pub actions: Vec<CampaignAction>,
}

/// An action just scheduled, with the event that publishes it.
#[derive(Debug, Clone)]
pub struct PlannedAction {
    pub campaign: Campaign,
    pub action: CampaignAction,
    pub event: EventView,
}

/// Turnout as recorded, and whom the bot asked to evaluate the action.
#[derive(Debug, Clone)]
pub struct TurnoutView {
    pub campaign: Campaign,
    pub action: CampaignAction,
    /// The trainees who took part: those interested in the event.
    pub participants: Vec<UserId>,
    /// Whether this recording asked them (only the first one does).
    pub evaluation_asked: bool,
}

/// How many came to an action: `interested` are the people interested in its Discord
/// event, `attended` how many came.
#[derive(Debug, Clone, Copy)]
pub struct Headcount<'a> {
    pub interested: &'a [UserId],
    pub attended: u32,
}

/// The evaluation form as typed.
#[derive(Debug, Clone, Default)]
pub struct TypedEvaluation {
    pub evaluate: String,
    pub celebrate: String,
    pub reflect: String,
}

/// Opens a campaign on one of the themes the cohort heard (facilitators).
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn start(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    course: &Course,
    theme: &str,
    now: UnixMillis,
) -> DomainResult<Campaign> {
    access::require_facilitator(store, caller, cohort).await?;
    let heard = listening::theme_names(store, cohort, listening::campaign(course, cohort)?).await?;
    let Some(theme) = heard.iter().find(|t| t.eq_ignore_ascii_case(theme.trim())) else {
        return refuse(Message::new("campaign-theme-unheard").arg("theme", echo(theme)));
    };
    if let Some(existing) = find_by_theme(store, cohort, theme).await? {
        return refuse(Message::new("campaign-exists").arg("theme", &existing.theme));
    }
    Ok(store
        .create_campaign(cohort.id, theme, caller.user, now)
        .await?)
}

/// The campaign on `theme`, for a facilitator to set its goal.
pub async fn named_for_goal(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    theme: &str,
) -> DomainResult<Campaign> {
    access::require_facilitator(store, caller, cohort).await?;
    find(store, cohort, theme).await
}

/// The campaign a button names, for a facilitator to set its goal.
pub async fn for_goal(store: &Store, caller: Caller, id: CampaignId) -> DomainResult<Campaign> {
    let (campaign, _) = facilitated(store, caller, id).await?;
    Ok(campaign)
}

/// Sets or changes a campaign's SMART goal; refused, saving nothing, unless it is one.
#[tracing::instrument(skip_all, fields(campaign = %id, user = %caller.user))]
pub async fn set_goal(
    store: &Store,
    caller: Caller,
    id: CampaignId,
    typed: &TypedGoal,
    now: UnixMillis,
) -> DomainResult<Campaign> {
    let (_, cohort) = facilitated(store, caller, id).await?;
    let goal = typed.check(today(&cohort, now)).or_else(refuse)?;
    Ok(store.set_campaign_goal(id, &goal, now).await?)
}

/// Adds a power holder, or changes the one of that name (facilitators).
pub async fn set_power_holder(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    campaign: &str,
    holder: PowerHolder,
    now: UnixMillis,
) -> DomainResult<CampaignView> {
    access::require_facilitator(store, caller, cohort).await?;
    let campaign = find(store, cohort, campaign).await?;
    let holders = store.power_holders(campaign.id).await?;
    let key = PowerHolder::key_of(&holder.name);
    let known = holders.iter().any(|h| PowerHolder::key_of(&h.name) == key);
    if !known && holders.len() >= MAX_POWER_HOLDERS {
        return refuse(Message::new("campaign-too-many-holders").arg("max", MAX_POWER_HOLDERS));
    }
    store.save_power_holder(campaign.id, &holder, now).await?;
    view(store, campaign).await
}

/// Removes a power holder (facilitators).
pub async fn remove_power_holder(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    campaign: &str,
    name: &str,
) -> DomainResult<CampaignView> {
    access::require_facilitator(store, caller, cohort).await?;
    let campaign = find(store, cohort, campaign).await?;
    if !store.remove_power_holder(campaign.id, name).await? {
        return refuse(
            Message::new("campaign-holder-unknown")
                .arg("name", echo(name))
                .arg("theme", &campaign.theme),
        );
    }
    view(store, campaign).await
}

/// Schedules an action as a cohort event with a turnout target (facilitators); the adapter
/// publishes the event.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn plan_action(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    campaign: &str,
    request: EventRequest,
    turnout_target: u32,
    now: UnixMillis,
) -> DomainResult<PlannedAction> {
    access::require_facilitator(store, caller, cohort).await?;
    let campaign = find(store, cohort, campaign).await?;
    if turnout_target == 0 {
        return refuse(Message::new("campaign-turnout-zero"));
    }
    let event = events::create_event(store, caller, cohort, request, now).await?;
    let action = store
        .add_campaign_action(campaign.id, event.session.id, turnout_target)
        .await?;
    Ok(PlannedAction {
        campaign,
        action,
        event,
    })
}

/// An action of a campaign by its title (case-insensitive), for a facilitator to record
/// its turnout once it has started.
pub async fn held_action(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    campaign: &str,
    title: &str,
    now: UnixMillis,
) -> DomainResult<(Campaign, CampaignAction)> {
    access::require_facilitator(store, caller, cohort).await?;
    let campaign = find(store, cohort, campaign).await?;
    let actions = store.campaign_actions(campaign.id).await?;
    let Some(action) = actions
        .into_iter()
        .find(|a| a.session.title.eq_ignore_ascii_case(title.trim()))
    else {
        return refuse(
            Message::new("campaign-action-unknown")
                .arg("title", echo(title))
                .arg("theme", &campaign.theme),
        );
    };
    if action.session.status == SessionStatus::Cancelled {
        return refuse(
            Message::new("campaign-action-cancelled").arg("title", &action.session.title),
        );
    }
    if action.session.starts_at > now {
        return refuse(
            Message::new("campaign-action-not-yet")
                .arg("title", &action.session.title)
                .arg("start", action.session.starts_at.div_euclid(1000)),
        );
    }
    Ok((campaign, action))
}

/// Records an action's turnout. The first recording asks the trainees who took part, in
/// the cohort channel, to evaluate it: in their language when they share one, else in the
/// server's (`guild_lang`), else in English.
#[tracing::instrument(skip_all, fields(action = %action.id, user = %caller.user))]
pub async fn record_turnout(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    (campaign, action): (Campaign, CampaignAction),
    headcount: Headcount<'_>,
    guild_lang: Option<Lang>,
    now: UnixMillis,
) -> DomainResult<TurnoutView> {
    access::require_facilitator(store, caller, cohort).await?;
    events::record_interest(store, action.session.id, headcount.interested).await?;
    let interested_count = u32::try_from(headcount.interested.len()).unwrap_or(u32::MAX);
    let action = store
        .record_turnout(action.id, interested_count, headcount.attended, now)
        .await?;
    let participants = participants(store, cohort, &action).await?;
    let evaluation_asked = match (cohort.channel_id, participants.is_empty()) {
        (Some(channel), false) => {
            let readers = Recipients::read(store, cohort.guild_id, &participants, guild_lang);
            let lang = shared_lang(&readers.await?, &participants);
            let asked = Asked {
                channel,
                participants: &participants,
                lang,
            };
            ask_evaluation(store, cohort, &action, asked, now).await?
        }
        _ => false,
    };
    Ok(TurnoutView {
        campaign,
        action,
        participants,
        evaluation_asked,
    })
}

/// The action whose evaluation the caller opens, if they took part and have not sent one.
pub async fn evaluation_form(
    store: &Store,
    caller: Caller,
    id: CampaignActionId,
) -> DomainResult<CampaignAction> {
    let (action, cohort) = participant_of(store, caller, id).await?;
    let filed = evaluation_key(action.id);
    if store
        .has_reflection(cohort.id, caller.user, EVALUATION_MODULE, &filed)
        .await?
    {
        return refuse(already_evaluated(&action));
    }
    Ok(action)
}

/// Saves the caller's evaluation of an action they took part in, once, headed in the
/// language they wrote it in.
#[tracing::instrument(skip_all, fields(action = %id, user = %caller.user))]
pub async fn submit_evaluation(
    store: &Store,
    caller: Caller,
    id: CampaignActionId,
    typed: &TypedEvaluation,
    lang: Lang,
    now: UnixMillis,
) -> DomainResult<(CampaignAction, Reflection)> {
    let (action, cohort) = participant_of(store, caller, id).await?;
    let answers = [
        ("evaluate", &typed.evaluate),
        ("celebrate", &typed.celebrate),
        ("reflect", &typed.reflect),
    ];
    for (part, text) in answers {
        let length = text.trim().chars().count();
        if length == 0 || length > MAX_EVALUATION_ANSWER {
            return refuse(
                Message::new("campaign-answer-length")
                    .arg("part", part)
                    .arg("max", MAX_EVALUATION_ANSWER),
            );
        }
    }
    let title = action.session.title.as_str();
    let mut body = tr_args(
        lang,
        "campaign-evaluation-heading",
        &[("title", title.into())],
    );
    for (part, text) in answers {
        let args = [("part", part.into()), ("text", text.trim().into())];
        body.push('\n');
        body.push_str(&tr_args(lang, "campaign-evaluation-answer", &args));
    }
    let new = NewReflection {
        cohort_id: cohort.id,
        user_id: caller.user,
        module_id: EVALUATION_MODULE.into(),
        exercise_id: evaluation_key(action.id),
        body,
        visibility: ReflectionVisibility::Facilitators,
        submitted_at: now,
    };
    match store.save_reflection_once(&new).await? {
        Some(reflection) => Ok((action, reflection)),
        None => refuse(already_evaluated(&action)),
    }
}

/// One campaign with its power analysis and actions (cohort members).
pub async fn show(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    name: &str,
) -> DomainResult<CampaignView> {
    require_member(store, caller, cohort).await?;
    view(store, find(store, cohort, name).await?).await
}

/// The cohort's campaigns, oldest first (cohort members).
pub async fn list(store: &Store, caller: Caller, cohort: &Cohort) -> DomainResult<Vec<Campaign>> {
    require_member(store, caller, cohort).await?;
    Ok(store.campaigns_of(cohort.id).await?)
}

/// The titles of a campaign's actions that are not cancelled, for completion.
pub async fn action_titles(
    store: &Store,
    cohort: &Cohort,
    campaign: &str,
) -> DomainResult<Vec<String>> {
    let campaign = find(store, cohort, campaign).await?;
    Ok(store
        .campaign_actions(campaign.id)
        .await?
        .into_iter()
        .filter(|a| a.session.status != SessionStatus::Cancelled)
        .map(|a| a.session.title)
        .collect())
}

// ------------------------------------------------------------------------------------------

async fn find(store: &Store, cohort: &Cohort, name: &str) -> DomainResult<Campaign> {
    if let Some(campaign) = find_by_theme(store, cohort, name).await? {
        return Ok(campaign);
    }
    let known: Vec<String> = store
        .campaigns_of(cohort.id)
        .await?
        .into_iter()
        .map(|c| format!("“{}”", c.theme))
        .collect();
    if known.is_empty() {
        return refuse(Message::new("campaign-none-yet"));
    }
    refuse(
        Message::new("campaign-unknown")
            .arg("name", echo(name))
            .arg("campaigns", known.join(", ")),
    )
}

async fn find_by_theme(
    store: &Store,
    cohort: &Cohort,
    theme: &str,
) -> DomainResult<Option<Campaign>> {
    Ok(store
        .campaigns_of(cohort.id)
        .await?
        .into_iter()
        .find(|c| c.theme.eq_ignore_ascii_case(theme.trim())))
}

async fn view(store: &Store, campaign: Campaign) -> DomainResult<CampaignView> {
    let mut holders = store.power_holders(campaign.id).await?;
    holders.sort_by_key(|h| {
        (
            std::cmp::Reverse(rank(h.influence)),
            std::cmp::Reverse(rank(h.interest)),
        )
    });
    let actions = store.campaign_actions(campaign.id).await?;
    Ok(CampaignView {
        campaign,
        holders,
        actions,
    })
}

fn rank(level: Level) -> u8 {
    match level {
        Level::Low => 0,
        Level::Medium => 1,
        Level::High => 2,
    }
}

/// The campaign and its cohort, if the caller facilitates that cohort.
async fn facilitated(
    store: &Store,
    caller: Caller,
    id: CampaignId,
) -> DomainResult<(Campaign, Cohort)> {
    let campaign = store.campaign(id).await?;
    let cohort = match &campaign {
        Some(c) => store.cohort(c.cohort_id).await?,
        None => None,
    };
    let (Some(campaign), Some(cohort)) = (campaign, cohort) else {
        return refuse(Message::new("campaign-gone"));
    };
    access::require_facilitator(store, caller, &cohort).await?;
    Ok((campaign, cohort))
}

async fn require_member(store: &Store, caller: Caller, cohort: &Cohort) -> DomainResult<()> {
    let current = store
        .member(cohort.id, caller.user)
        .await?
        .is_some_and(|m| m.left_at.is_none());
    if caller.guild == cohort.guild_id && current {
        return Ok(());
    }
    refuse(Message::new("campaign-members-only").arg("cohort", &cohort.name))
}

/// The current trainees who said they would come: interested in the Discord event.
async fn participants(
    store: &Store,
    cohort: &Cohort,
    action: &CampaignAction,
) -> DomainResult<Vec<UserId>> {
    let trainees = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await?;
    Ok(store
        .session_attendance(action.session.id)
        .await?
        .into_iter()
        .filter(|a| a.rsvp == Some(Rsvp::Yes))
        .map(|a| a.user_id)
        .filter(|user| trainees.iter().any(|t| t.user_id == *user))
        .collect())
}

/// The action and its cohort, if the caller is a trainee of it who took part.
async fn participant_of(
    store: &Store,
    caller: Caller,
    id: CampaignActionId,
) -> DomainResult<(CampaignAction, Cohort)> {
    let Some(action) = store.campaign_action(id).await? else {
        return refuse(Message::new("campaign-action-gone"));
    };
    let Some(cohort) = store.cohort(action.session.cohort_id).await? else {
        return refuse(Message::new("campaign-action-gone"));
    };
    let took_part = caller.guild == cohort.guild_id
        && participants(store, &cohort, &action)
            .await?
            .contains(&caller.user);
    if !took_part {
        return refuse(
            Message::new("campaign-evaluation-not-yours").arg("title", &action.session.title),
        );
    }
    Ok((action, cohort))
}

/// Where and to whom the request to evaluate an action goes, and in which language.
struct Asked<'a> {
    channel: ChannelId,
    participants: &'a [UserId],
    lang: Lang,
}

/// The language every participant reads, when they share one; else the channel's.
fn shared_lang(readers: &Recipients, participants: &[UserId]) -> Lang {
    let mut langs = participants.iter().map(|&user| readers.lang(user));
    let first = langs.next().unwrap_or_else(|| readers.channel_lang());
    if langs.all(|lang| lang == first) {
        first
    } else {
        readers.channel_lang()
    }
}

async fn ask_evaluation(
    store: &Store,
    cohort: &Cohort,
    action: &CampaignAction,
    asked: Asked<'_>,
    now: UnixMillis,
) -> DomainResult<bool> {
    let mentions: Vec<String> = asked
        .participants
        .iter()
        .map(|u| format!("<@{u}>"))
        .collect();
    let content = tr_args(
        asked.lang,
        "campaign-evaluation-request",
        &[
            ("title", action.session.title.as_str().into()),
            ("mentions", mentions.join(" ").into()),
        ],
    );
    let payload = DeliveryPayload {
        content,
        extra: Some(Extra::EvaluateButton {
            action: action.id.0,
        }),
        ..DeliveryPayload::default()
    }
    .written_in(asked.lang);
    let queued = store
        .enqueue_delivery(&NewDelivery {
            schedule_id: None,
            dedupe_key: format!("campaign-action:{}:evaluation", action.id),
            cohort_id: Some(cohort.id),
            target_kind: TargetKind::Channel,
            target_id: asked.channel.0,
            fallback_channel_id: None,
            payload: payload.to_json(),
            due_at: now,
            expires_at: None,
        })
        .await?;
    Ok(queued.is_some())
}

fn evaluation_key(action: CampaignActionId) -> String {
    format!("campaign-action-{action}")
}

fn already_evaluated(action: &CampaignAction) -> Message {
    Message::new("campaign-already-evaluated").arg("title", &action.session.title)
}
