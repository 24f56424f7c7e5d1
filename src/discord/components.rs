//! Every button, select menu and modal comes through here. The `custom_id` says what was
//! clicked; the domain layer, reading the database, says whether this person may do it now.

use std::collections::HashMap;
use std::sync::Arc;

use poise::serenity_prelude as serenity;
use serenity::{ComponentInteraction, ComponentInteractionDataKind, ModalInteraction};

use super::answer::{answer_in_time, not_recognised, Answer, Replying};
use super::custom_id::{Action, CustomIdError};
use super::once::Claim;
use super::render;
use super::{badge_roles, campaigns, hub_proposals, hub_qa, listening, module_pages, profiles};
use super::{Data, Error};
use crate::course::{text, Course, ExerciseKind};
use crate::domain::access::Caller;
use crate::domain::exercises::{self, AnswerInput};
use crate::domain::{cohorts, member_data, snapshots};
use crate::domain::{sessions, DomainError};
use crate::i18n::{self, Lang, Message};
use crate::model::{AttemptId, GuildId, SessionId, UserId};

/// Routes component and modal interactions; slash commands go through poise.
pub async fn on_event(
    ctx: &serenity::Context,
    event: &serenity::FullEvent,
    data: &Data,
) -> Result<(), Error> {
    let serenity::FullEvent::InteractionCreate { interaction } = event else {
        return Ok(());
    };
    match interaction {
        serenity::Interaction::Component(component) => on_component(ctx, data, component).await,
        serenity::Interaction::Modal(modal) => on_modal(ctx, data, modal).await,
        _ => Ok(()),
    }
}

async fn on_component(
    ctx: &serenity::Context,
    data: &Data,
    interaction: &ComponentInteraction,
) -> Result<(), Error> {
    let caller = caller_of(
        interaction.guild_id,
        &interaction.user,
        interaction.member.as_ref(),
    );
    let work = async {
        let claim = Claim::of(data, interaction.id);
        let lang = Replying::Component(interaction).lang();
        let action = match Action::parse(&interaction.data.custom_id) {
            Ok(action @ (Action::Page { .. } | Action::StartExercises { .. })) => {
                let locale = &interaction.locale;
                return module_pages::on_click(ctx, data, caller, action, locale, lang, claim)
                    .await;
            }
            parsed => parsed,
        };
        if !claim.take().await? {
            return Ok(Answer::Nothing);
        }
        match action {
            Ok(action) => {
                let picks = match &interaction.data.kind {
                    ComponentInteractionDataKind::StringSelect { values } => values.clone(),
                    _ => Vec::new(),
                };
                let guild_lang = interaction
                    .guild_locale
                    .as_deref()
                    .and_then(Lang::from_locale);
                let locale = &interaction.locale;
                let asked = Asked { locale, lang };
                handle(ctx, data, caller, action, picks, asked, guild_lang).await
            }
            Err(e) => Ok(stale(e, lang)),
        }
    };
    answer_in_time(&ctx.http, Replying::Component(interaction), work).await
}

async fn on_modal(
    ctx: &serenity::Context,
    data: &Data,
    interaction: &ModalInteraction,
) -> Result<(), Error> {
    let caller = caller_of(
        interaction.guild_id,
        &interaction.user,
        interaction.member.as_ref(),
    );
    let fields: HashMap<String, String> = interaction
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .filter_map(|c| match c {
            serenity::ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                input.value.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect();
    let work = async {
        if !Claim::of(data, interaction.id).take().await? {
            return Ok(Answer::Nothing);
        }
        match Action::parse(&interaction.data.custom_id) {
            Ok(Action::SubmitReflection { attempt, index }) => {
                let text = fields.into_values().next().unwrap_or_default();
                let locale = &interaction.locale;
                let asked = Asked {
                    locale,
                    lang: Replying::Modal(interaction).lang(),
                };
                submit_reflection(ctx, data, caller, attempt, index, text, asked).await
            }
            Ok(action @ (Action::ListenLog { .. } | Action::ListenSave { .. })) => {
                let lang = Replying::Modal(interaction).lang();
                listening::on_submit(ctx, data, caller, action, &fields, lang).await
            }
            Ok(action @ (Action::CampaignGoalSave { .. } | Action::EvaluateSave { .. })) => {
                let lang = Replying::Modal(interaction).lang();
                campaigns::on_submit(data, caller, action, &fields, lang).await
            }
            Ok(Action::ProfileSave) => {
                let lang = Replying::Modal(interaction).lang();
                profiles::on_submit(data, caller, &fields, lang).await
            }
            Ok(action @ Action::RateSubmit { .. }) => {
                let lang = Replying::Modal(interaction).lang();
                hub_qa::on_submit(data, caller, action, &fields, lang).await
            }
            Ok(action @ (Action::ProposeSave | Action::ProposalReturnSave { .. })) => {
                let lang = Replying::Modal(interaction).lang();
                hub_proposals::on_submit(&ctx.http, data, caller, action, &fields, lang).await
            }
            Ok(_) => Err(not_recognised()),
            Err(e) => Ok(stale(e, Replying::Modal(interaction).lang())),
        }
    };
    answer_in_time(&ctx.http, Replying::Modal(interaction), work).await
}

fn stale(error: CustomIdError, lang: Lang) -> Answer {
    let id = match error {
        CustomIdError::OldVersion => "button-old-version",
        CustomIdError::Malformed => "button-malformed",
    };
    Answer::text(i18n::tr(lang, id))
}

fn caller_of(
    guild: Option<serenity::GuildId>,
    user: &serenity::User,
    member: Option<&serenity::Member>,
) -> Caller {
    Caller {
        guild: GuildId(guild.map_or(0, serenity::GuildId::get)),
        user: UserId(user.id.get()),
        manages_server: member
            .and_then(|m| m.permissions)
            .is_some_and(|p| p.manage_guild()),
    }
}

/// Who asked, in which languages: the Discord locale the course is read in, and the
/// interface language of the answer.
#[derive(Clone, Copy)]
struct Asked<'a> {
    locale: &'a str,
    lang: Lang,
}

async fn handle(
    ctx: &serenity::Context,
    data: &Data,
    caller: Caller,
    action: Action,
    picks: Vec<String>,
    asked: Asked<'_>,
    guild_lang: Option<Lang>,
) -> Result<Answer, Error> {
    let Asked { locale, lang } = asked;
    let store = &data.store;
    let now = data.clock.now_ms();
    match action {
        Action::Question { attempt } => {
            let course = course_of_attempt(data, caller, attempt, locale).await?;
            let question =
                exercises::current_question(store, &course, caller.user, attempt).await?;
            Ok(Answer::Update(render::question(&question, &[], lang)))
        }
        Action::TrueFalse {
            attempt,
            index,
            value,
        } => {
            answer(
                ctx,
                data,
                caller,
                attempt,
                index,
                AnswerInput::TrueFalse(value),
                asked,
            )
            .await
        }
        Action::Choice { attempt, index } => {
            let chosen = parse_picks(&picks)?;
            answer(
                ctx,
                data,
                caller,
                attempt,
                index,
                AnswerInput::Choice(chosen),
                asked,
            )
            .await
        }
        Action::Step {
            attempt,
            index,
            mut so_far,
        } => {
            so_far.extend(parse_picks(&picks)?);
            step(ctx, data, caller, attempt, index, so_far, asked).await
        }
        Action::WriteReflection { attempt, index } => {
            let course = course_of_attempt(data, caller, attempt, locale).await?;
            let question =
                exercises::current_question(store, &course, caller.user, attempt).await?;
            if question.index != index {
                return Err(refused(Message::new("question-already-answered")));
            }
            Ok(Answer::Modal(render::reflection_modal(&question, lang)))
        }
        Action::SubmitReflection { .. } | Action::Page { .. } | Action::StartExercises { .. } => {
            Err(not_recognised())
        }
        Action::LiveTrueFalse { run, index, value } => {
            let text = super::quiz::on_answer(
                ctx,
                data,
                caller,
                run,
                index,
                vec![usize::from(value)],
                lang,
            )
            .await?;
            Ok(Answer::text(text))
        }
        Action::PathwayPick { cohort, pathway } => {
            let cohort = cohorts::member_cohort(store, caller, cohort).await?;
            let course = snapshots::course_of(store, &cohort).await?;
            let option = picks.first().map(String::as_str).unwrap_or_default();
            let chosen = crate::domain::facilitation::choose_pathway(
                store, &course, caller, &cohort, &pathway, option, now,
            )
            .await?;
            Ok(Answer::Update(render::pathway_chosen(
                &course, chosen, lang,
            )))
        }
        Action::LiveChoice { run, index } => {
            let text =
                super::quiz::on_answer(ctx, data, caller, run, index, parse_picks(&picks)?, lang)
                    .await?;
            Ok(Answer::text(text))
        }
        Action::Rsvp { session, answer } => {
            let answered = sessions::answer_rsvp(store, caller, session, answer, now).await?;
            Ok(Answer::text(render::rsvp_noted(&answered, answer, lang)))
        }
        Action::ConfirmMeeting { session } => {
            confirm_meeting(ctx, data, caller, session, guild_lang).await
        }
        Action::ListenEdit { .. } | Action::ListenDelete { .. } | Action::ListenErase => {
            listening::on_click(data, caller, action, lang).await
        }
        Action::VoteOpen { .. } | Action::VoteDot { .. } | Action::VoteClear { .. } => {
            super::votes::on_click(data, caller, action, &picks, lang).await
        }
        Action::CampaignGoal { .. } | Action::Evaluate { .. } => {
            campaigns::on_click(data, caller, action, lang).await
        }
        Action::AskPost { .. } | Action::AskCancel { .. } | Action::RateChoose { .. } => {
            hub_qa::on_click(&ctx.http, data, caller, action, lang).await
        }
        Action::ProposalApprove { .. } | Action::ProposalReturn { .. } => {
            hub_proposals::on_click(&ctx.http, data, caller, action, lang).await
        }
        Action::ForgetMember { member } => {
            let forgotten = member_data::forget(store, caller, member, now).await?;
            let summary = member_data::summary(member, &forgotten).render(lang);
            Ok(Answer::Update(render::View::text(summary)))
        }
        Action::ListenLog { .. }
        | Action::ListenSave { .. }
        | Action::CampaignGoalSave { .. }
        | Action::EvaluateSave { .. }
        | Action::ProfileSave
        | Action::RateSubmit { .. }
        | Action::ProposeSave
        | Action::ProposalReturnSave { .. } => Err(not_recognised()),
    }
}

/// Confirms a proposed meeting: the proposal shows it is settled, and the proposer, who is
/// waiting, is told in the pair's thread.
async fn confirm_meeting(
    ctx: &serenity::Context,
    data: &Data,
    caller: Caller,
    session: SessionId,
    guild_lang: Option<Lang>,
) -> Result<Answer, Error> {
    let now = data.clock.now_ms();
    let view =
        sessions::mentoring::confirm_meeting(&data.store, caller, session, guild_lang, now).await?;
    let proposer = if caller.user == view.pair.mentor_id {
        view.pair.trainee_id
    } else {
        view.pair.mentor_id
    };
    // The proposal and the news are read in the pair's thread: in the server's language.
    let lang = crate::i18n::for_member(None, guild_lang);
    let mut told = true;
    if let Some(thread) = view.pair.thread_id {
        // The meeting is confirmed whatever happens here, and the answer below says so.
        if let Err(e) = serenity::ChannelId::new(thread.0)
            .send_message(&ctx.http, render::meeting_confirmed(&view, proposer, lang))
            .await
        {
            tracing::warn!(%session, "could not tell the proposer the meeting is confirmed: {e}");
            told = false;
        }
    }
    let mut answer = render::meeting_proposal_confirmed(&view, caller.user, lang);
    if !told {
        let args = [("user", proposer.to_string().into())];
        let untold = crate::i18n::tr_args(lang, "meeting-proposer-not-told", &args);
        answer.content = answer.content.map(|text| format!("{text}\n{untold}"));
    }
    Ok(Answer::Update(answer))
}

/// One pick of an ordering or matching question: show the next step, or answer once complete.
async fn step(
    ctx: &serenity::Context,
    data: &Data,
    caller: Caller,
    attempt: AttemptId,
    index: u32,
    so_far: Vec<usize>,
    asked: Asked<'_>,
) -> Result<Answer, Error> {
    let course = course_of_attempt(data, caller, attempt, asked.locale).await?;
    let question = exercises::current_question(&data.store, &course, caller.user, attempt).await?;
    if question.index != index {
        return Err(refused(Message::new("question-already-answered")));
    }
    match &question.exercise.kind {
        ExerciseKind::Ordering { items, .. } if so_far.len() + 1 >= items.len() => {
            let rest: Vec<usize> = (0..items.len()).filter(|i| !so_far.contains(i)).collect();
            let order = [so_far, rest].concat();
            answer(
                ctx,
                data,
                caller,
                attempt,
                index,
                AnswerInput::Order(order),
                asked,
            )
            .await
        }
        ExerciseKind::Matching { items, .. } if so_far.len() >= items.len() => {
            answer(
                ctx,
                data,
                caller,
                attempt,
                index,
                AnswerInput::Match(so_far),
                asked,
            )
            .await
        }
        ExerciseKind::Ordering { items, .. }
        | ExerciseKind::Matching {
            categories: items, ..
        } => {
            let valid = so_far.iter().all(|&i| i < items.len());
            let distinct = matches!(question.exercise.kind, ExerciseKind::Matching { .. })
                || so_far
                    .iter()
                    .collect::<std::collections::HashSet<_>>()
                    .len()
                    == so_far.len();
            if !valid || !distinct {
                return Err(refused(Message::new("question-answer-does-not-fit")));
            }
            Ok(Answer::Update(render::question(
                &question, &so_far, asked.lang,
            )))
        }
        _ => Err(refused(Message::new("question-answer-does-not-fit"))),
    }
}

async fn answer(
    ctx: &serenity::Context,
    data: &Data,
    caller: Caller,
    attempt: AttemptId,
    index: u32,
    input: AnswerInput,
    asked: Asked<'_>,
) -> Result<Answer, Error> {
    let course = course_of_attempt(data, caller, attempt, asked.locale).await?;
    let feedback = exercises::answer(
        &data.store,
        &course,
        caller.user,
        attempt,
        index,
        input,
        data.clock.now_ms(),
    )
    .await?;
    if let Some(result) = &feedback.result {
        badge_roles::follow_up(
            ctx,
            data,
            result.cohort,
            caller.user,
            &result.badges.awarded,
        );
    }
    Ok(Answer::Update(render::feedback(&feedback, asked.lang)))
}

async fn submit_reflection(
    ctx: &serenity::Context,
    data: &Data,
    caller: Caller,
    attempt: AttemptId,
    index: u32,
    text: String,
    asked: Asked<'_>,
) -> Result<Answer, Error> {
    match answer(
        ctx,
        data,
        caller,
        attempt,
        index,
        AnswerInput::Reflection(text.clone()),
        asked,
    )
    .await
    {
        Err(error) => match error.downcast_ref::<DomainError>() {
            // Nothing typed is lost: the refusal carries the text back.
            Some(DomainError::Refused(message)) => Ok(Answer::Ephemeral(returned_text(
                &message.render(asked.lang),
                &text,
                asked.lang,
            ))),
            _ => Err(error),
        },
        answered => answered,
    }
}

fn returned_text(message: &str, text: &str, lang: Lang) -> render::View {
    let embeds = text::split_for_embeds(text, text::EMBED_DESCRIPTION_LIMIT)
        .into_iter()
        .map(|part| {
            serenity::CreateEmbed::new()
                .title(i18n::tr(lang, "reflection-your-text"))
                .description(part)
        })
        .collect();
    render::View {
        content: Some(message.to_string()),
        embeds,
        components: vec![],
    }
}

fn refused(message: Message) -> Error {
    DomainError::Refused(message.into()).into()
}

fn parse_picks(picks: &[String]) -> Result<Vec<usize>, Error> {
    picks
        .iter()
        .map(|p| {
            p.parse::<usize>()
                .map_err(|_| refused(Message::new("choice-not-offered")))
        })
        .collect()
}

/// The course of an attempt, in the language its trainee reads (see `domain::languages`).
async fn course_of_attempt(
    data: &Data,
    caller: Caller,
    attempt: AttemptId,
    locale: &str,
) -> Result<Arc<Course>, Error> {
    let Some(found) = data.store.attempt(attempt).await? else {
        return Err(refused(Message::new("exercises-gone")));
    };
    let (_, course) =
        cohorts::member_cohort_and_course(&data.store, caller, found.cohort_id, locale).await?;
    Ok(course)
}
