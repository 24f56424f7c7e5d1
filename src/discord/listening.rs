//! The buttons and forms of `/listen`: logging a conversation once its form is submitted,
//! changing or deleting one's own, erasing them all. The `custom_id` names a record; the
//! domain checks the clicker wrote it.

use std::collections::HashMap;

use poise::serenity_prelude as serenity;

use super::answer::{not_recognised, Answer};
use super::badge_roles;
use super::custom_id::Action;
use super::render::{self, listening as view};
use super::{Data, Error};
use crate::domain::access::Caller;
use crate::domain::listening::{self, LogChoice};
use crate::domain::DomainError;
use crate::domain::{cohorts, snapshots};
use crate::i18n::{self, Lang};
use crate::model::listening::Typed;

/// A click on one of the buttons of `/listen mine` or `/listen erase`.
pub async fn on_click(
    data: &Data,
    caller: Caller,
    action: Action,
    lang: Lang,
) -> Result<Answer, Error> {
    let store = &data.store;
    match action {
        Action::ListenEdit { record } => {
            let (record, _) = listening::own_record(store, caller, record).await?;
            Ok(Answer::Modal(view::edit_modal(&record, lang)))
        }
        Action::ListenDelete { record } => {
            let deleted = listening::delete(store, caller, record).await?;
            let note = i18n::tr_args(
                lang,
                "listen-deleted",
                &[
                    ("label", deleted.conversation.label.as_str().into()),
                    (
                        "heard_on",
                        i18n::date(lang, deleted.conversation.heard_on).into(),
                    ),
                ],
            );
            mine_again(data, caller, deleted.cohort_id, note, lang).await
        }
        Action::ListenErase => {
            let erased = listening::erase(store, caller).await?;
            Ok(Answer::Update(view::erased(erased, lang)))
        }
        _ => Err(not_recognised()),
    }
}

/// A submitted form of `/listen log` or of an Edit button; `fields` by input id.
pub async fn on_submit(
    ctx: &serenity::Context,
    data: &Data,
    caller: Caller,
    action: Action,
    fields: &HashMap<String, String>,
    lang: Lang,
) -> Result<Answer, Error> {
    let store = &data.store;
    let now = data.clock.now_ms();
    let field = |id: &str| fields.get(id).cloned().unwrap_or_default();
    let typed = Typed {
        label: field(view::LABEL_INPUT),
        place: field(view::PLACE_INPUT),
        issues: field(view::ISSUES_INPUT),
        energy: field(view::ENERGY_INPUT),
    };
    let (record, said) = match action {
        Action::ListenLog {
            cohort,
            stage,
            group,
            heard_on,
            follow_up,
        } => {
            let choice = LogChoice {
                cohort,
                stage: usize::try_from(stage).unwrap_or(usize::MAX),
                group: usize::try_from(group).unwrap_or(usize::MAX),
                heard_on,
                follow_up_on: follow_up,
                issues: Vec::new(),
            };
            let logged = listening::log(store, caller, &choice, &typed, now).await;
            let record = logged.map(|logged| {
                badge_roles::follow_up(ctx, data, cohort, caller.user, &logged.awarded);
                logged.record
            });
            (record, "listen-logged")
        }
        Action::ListenSave { record } => (
            listening::edit(store, caller, record, &typed, now).await,
            "listen-saved",
        ),
        _ => return Err(not_recognised()),
    };
    let record = match record {
        Ok(record) => record,
        // Nothing typed is lost: the refusal carries the text back.
        Err(DomainError::Refused(message)) => {
            return Ok(Answer::Ephemeral(typed_back(
                &message.render(lang),
                &typed,
                lang,
            )))
        }
        Err(other) => return Err(other.into()),
    };
    let cohort = cohorts::member_cohort(store, caller, record.cohort_id).await?;
    let course = snapshots::course_of(store, &cohort).await?;
    let campaign = listening::campaign(&course, &cohort)?;
    Ok(Answer::text(view::logged(&record, campaign, said, lang)))
}

/// The list of one's conversations again, after a change, with a note on top.
async fn mine_again(
    data: &Data,
    caller: Caller,
    cohort: crate::model::CohortId,
    note: String,
    lang: Lang,
) -> Result<Answer, Error> {
    let store = &data.store;
    let cohort = cohorts::member_cohort(store, caller, cohort).await?;
    let course = snapshots::course_of(store, &cohort).await?;
    let campaign = listening::campaign(&course, &cohort)?;
    let records = listening::mine(store, caller, &cohort).await?;
    Ok(Answer::Update(view::mine(
        &records,
        campaign,
        Some(note),
        lang,
    )))
}

fn typed_back(message: &str, typed: &Typed, lang: Lang) -> render::View {
    let back = i18n::tr_args(
        lang,
        "listen-typed-back",
        &[
            ("label", typed.label.as_str().into()),
            ("place", typed.place.as_str().into()),
            ("issues", typed.issues.as_str().into()),
            ("energy", typed.energy.as_str().into()),
        ],
    );
    let text = format!("{message}\n{back}");
    render::View {
        content: Some(crate::course::text::shorten(
            &text,
            super::replies::CONTENT_LIMIT,
        )),
        ..render::View::default()
    }
}
