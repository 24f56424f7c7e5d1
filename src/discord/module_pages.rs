//! Clicks through a module: turning a page, and starting the exercises at its end. These
//! are the clicks a trainee makes most, so the clicker's cohort and work are read beside
//! the interaction's claim (see [`super::once`]) instead of after it, and the page turned
//! to is remembered while it is shown.

use poise::serenity_prelude as serenity;

use super::answer::{not_recognised, Answer, Write};
use super::custom_id::Action;
use super::once::Claim;
use super::{badge_roles, render, Data, Error};
use crate::domain::access::Caller;
use crate::domain::exercises::{self, ExerciseStep};
use crate::domain::{cohorts, learning};
use crate::i18n::Lang;

/// A click through a module: its cohort and the clicker's work there are read beside the
/// interaction's claim.
pub(super) async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    caller: Caller,
    action: Action,
    locale: &str,
    lang: Lang,
    claim: Claim<'_>,
) -> Result<Answer, Error> {
    let store = &data.store;
    let (Action::Page { cohort, .. } | Action::StartExercises { cohort, .. }) = &action else {
        return Err(not_recognised());
    };
    let read = cohorts::member_cohort_with_facts(store, caller, *cohort);
    let Some(found) = claim.beside(read).await? else {
        return Ok(Answer::Nothing);
    };
    let (cohort, course, facts) = cohorts::course_and_facts_as_found(store, found, locale).await?;
    match action {
        Action::Page { module, screen, .. } => {
            let (view, bookmark) =
                learning::screen_at(&course, cohort.id, caller.user, &facts, &module, screen)?;
            let store = store.clone();
            let remember = Write::new("page-not-remembered", async move {
                Ok(learning::remember_page(&store, bookmark).await?)
            });
            Ok(Answer::UpdateWhile(render::screen(&view, lang), remember))
        }
        Action::StartExercises { module, .. } => {
            let start = exercises::start_exercises(
                store,
                &course,
                cohort.id,
                caller.user,
                &facts,
                &module,
                data.clock.now_ms(),
            );
            match start.await? {
                ExerciseStep::Question(question) => {
                    Ok(Answer::Update(render::question(&question, &[], lang)))
                }
                ExerciseStep::Finished(result) => {
                    badge_roles::follow_up(
                        ctx,
                        data,
                        cohort.id,
                        caller.user,
                        &result.badges.awarded,
                    );
                    Ok(Answer::Update(render::result(&result, lang)))
                }
            }
        }
        _ => Err(not_recognised()),
    }
}
