//! The buttons and forms of campaigns: the SMART goal's form, and the evaluation of an
//! action. The `custom_id` names the campaign or action; the domain checks who may act.

use std::collections::HashMap;

use super::answer::{not_recognised, Answer};
use super::custom_id::Action;
use super::render::campaigns as view;
use super::{Data, Error};
use crate::domain::access::Caller;
use crate::domain::campaigns::{self, TypedEvaluation};
use crate::domain::DomainError;
use crate::i18n::Lang;
use crate::model::campaigns::TypedGoal;

/// A click on the goal's button or on an action's evaluation button: each opens a form.
pub async fn on_click(
    data: &Data,
    caller: Caller,
    action: Action,
    lang: Lang,
) -> Result<Answer, Error> {
    let store = &data.store;
    match action {
        Action::CampaignGoal { campaign } => {
            let campaign = campaigns::for_goal(store, caller, campaign).await?;
            Ok(Answer::Modal(view::goal_modal(&campaign, lang)))
        }
        Action::Evaluate { action } => {
            let action = campaigns::evaluation_form(store, caller, action).await?;
            Ok(Answer::Modal(view::evaluation_modal(&action, lang)))
        }
        _ => Err(not_recognised()),
    }
}

/// A submitted goal or evaluation; `fields` by input id. A refusal gives back what was
/// typed.
pub async fn on_submit(
    data: &Data,
    caller: Caller,
    action: Action,
    fields: &HashMap<String, String>,
    lang: Lang,
) -> Result<Answer, Error> {
    let store = &data.store;
    let now = data.clock.now_ms();
    let field = |id: &str| fields.get(id).cloned().unwrap_or_default();
    match action {
        Action::CampaignGoalSave { campaign } => {
            let typed = TypedGoal {
                specific: field(view::SPECIFIC_INPUT),
                measurable: field(view::MEASURABLE_INPUT),
                achievable: field(view::ACHIEVABLE_INPUT),
                relevant: field(view::RELEVANT_INPUT),
                deadline: field(view::DEADLINE_INPUT),
            };
            match campaigns::set_goal(store, caller, campaign, &typed, now).await {
                Ok(campaign) => Ok(Answer::text(view::goal_saved(&campaign, lang))),
                Err(DomainError::Refused(message)) => Ok(Answer::Ephemeral(view::goal_typed_back(
                    &message.render(lang),
                    &typed,
                    lang,
                ))),
                Err(other) => Err(other.into()),
            }
        }
        Action::EvaluateSave { action } => {
            let typed = TypedEvaluation {
                evaluate: field(view::EVALUATE_INPUT),
                celebrate: field(view::CELEBRATE_INPUT),
                reflect: field(view::REFLECT_INPUT),
            };
            let submitted = campaigns::submit_evaluation(store, caller, action, &typed, lang, now);
            match submitted.await {
                Ok((action, _)) => Ok(Answer::text(view::evaluation_saved(&action, lang))),
                Err(DomainError::Refused(message)) => Ok(Answer::Ephemeral(
                    view::evaluation_typed_back(&message.render(lang), &typed, lang),
                )),
                Err(other) => Err(other.into()),
            }
        }
        _ => Err(not_recognised()),
    }
}
