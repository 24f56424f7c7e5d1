//! Campaigns as members see them: the card with the goal, the power analysis and the
//! actions; the forms of the SMART goal and of an action's evaluation; what the
//! facilitator is told at each step. Each in the reader's language.

use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, CreateActionRow, CreateButton, CreateEmbed, CreateInputText, CreateModal,
    InputTextStyle,
};

use super::{discord_time, View, BRAND_COLOUR, FIELD_LIMIT};
use crate::course::text::{fit, shorten, split_for_embeds};
use crate::discord::custom_id::Action;
use crate::domain::campaigns::{
    CampaignView, PlannedAction, TurnoutView, TypedEvaluation, MAX_EVALUATION_ANSWER,
};
use crate::i18n::{self, tr, tr_args, Arg, Lang};
use crate::model::campaigns::{
    Campaign, CampaignAction, CampaignActionId, PowerHolder, SmartGoal, TypedGoal, MAX_GOAL_FIELD,
};
use crate::model::SessionStatus;

pub const SPECIFIC_INPUT: &str = "specific";
pub const MEASURABLE_INPUT: &str = "measurable";
pub const ACHIEVABLE_INPUT: &str = "achievable";
pub const RELEVANT_INPUT: &str = "relevant";
pub const DEADLINE_INPUT: &str = "deadline";
pub const EVALUATE_INPUT: &str = "evaluate";
pub const CELEBRATE_INPUT: &str = "celebrate";
pub const REFLECT_INPUT: &str = "reflect";

/// How much of a power holder's note the card shows, and how many actions, so the card
/// stays within Discord's 6,000 characters an embed.
const NOTE_SHOWN: usize = 80;
const ACTIONS_SHOWN: usize = 8;
/// Discord's longest form title.
const FORM_TITLE_LIMIT: usize = 45;

/// A campaign just opened, with the button to set its goal.
pub fn started(campaign: &Campaign, lang: Lang) -> View {
    View {
        content: Some(tr_args(
            lang,
            "campaign-started",
            &[("theme", campaign.theme.as_str().into())],
        )),
        components: vec![goal_button(campaign, lang)],
        ..View::default()
    }
}

/// The form of a campaign's SMART goal, filled in with the goal it has.
pub fn goal_modal(campaign: &Campaign, lang: Lang) -> CreateModal {
    let typed = campaign
        .goal
        .as_ref()
        .map(TypedGoal::from)
        .unwrap_or_default();
    let theme = campaign.theme.as_str();
    let title = tr_args(lang, "campaign-goal-form-title", &[("theme", theme.into())]);
    let paragraph = |label: &str, id: &str, value: &str| {
        input(
            InputTextStyle::Paragraph,
            &tr(lang, label),
            id,
            value,
            MAX_GOAL_FIELD,
        )
    };
    let rows = [
        paragraph("campaign-goal-specific", SPECIFIC_INPUT, &typed.specific),
        paragraph(
            "campaign-goal-measurable",
            MEASURABLE_INPUT,
            &typed.measurable,
        ),
        paragraph(
            "campaign-goal-achievable",
            ACHIEVABLE_INPUT,
            &typed.achievable,
        ),
        paragraph("campaign-goal-relevant", RELEVANT_INPUT, &typed.relevant),
        input(
            InputTextStyle::Short,
            &tr(lang, "campaign-goal-deadline"),
            DEADLINE_INPUT,
            &typed.deadline,
            10,
        ),
    ];
    CreateModal::new(
        Action::CampaignGoalSave {
            campaign: campaign.id,
        }
        .to_custom_id(),
        fit(&title, FORM_TITLE_LIMIT),
    )
    .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// A saved goal, as its campaign's people read it.
pub fn goal_saved(campaign: &Campaign, lang: Lang) -> String {
    let goal = campaign
        .goal
        .as_ref()
        .map(|g| goal_lines(g, lang))
        .unwrap_or_default();
    let theme = campaign.theme.as_str();
    let saved = tr_args(lang, "campaign-goal-saved", &[("theme", theme.into())]);
    format!("{saved}\n{goal}")
}

/// A goal refused: why, and what was typed, so nothing is lost.
pub fn goal_typed_back(message: &str, typed: &TypedGoal, lang: Lang) -> View {
    let back = tr_args(
        lang,
        "campaign-goal-typed-back",
        &[
            ("specific", typed.specific.as_str().into()),
            ("measurable", typed.measurable.as_str().into()),
            ("achievable", typed.achievable.as_str().into()),
            ("relevant", typed.relevant.as_str().into()),
            ("deadline", typed.deadline.as_str().into()),
        ],
    );
    typed_back(message, &back)
}

/// A campaign's card: goal, power analysis, actions.
pub fn campaign(view: &CampaignView, lang: Lang) -> CreateEmbed {
    let campaign = &view.campaign;
    let goal = match &campaign.goal {
        Some(goal) => goal_lines(goal, lang),
        None => tr(lang, "campaign-no-goal"),
    };
    let theme = campaign.theme.as_str();
    let title = tr_args(lang, "campaign-card-title", &[("theme", theme.into())]);
    let mut embed = CreateEmbed::new()
        .title(fit(&title, 256))
        .description(goal)
        .colour(BRAND_COLOUR);
    let holders: Vec<String> = view.holders.iter().map(|h| holder_line(h, lang)).collect();
    embed = fields(
        embed,
        &tr(lang, "campaign-power"),
        &holders,
        &tr(lang, "campaign-power-none"),
        lang,
    );
    let shown = view.actions.len().saturating_sub(ACTIONS_SHOWN);
    let actions: Vec<String> = view.actions[shown..]
        .iter()
        .map(|a| action_line(a, lang))
        .collect();
    fields(
        embed,
        &tr(lang, "campaign-actions"),
        &actions,
        &tr(lang, "campaign-actions-none"),
        lang,
    )
}

/// The cohort's campaigns in a line each.
pub fn campaign_list(campaigns: &[Campaign], lang: Lang) -> String {
    if campaigns.is_empty() {
        return tr(lang, "campaign-none-yet");
    }
    let lines: Vec<String> = campaigns
        .iter()
        .map(|c| {
            let theme = ("theme", Arg::from(c.theme.as_str()));
            match &c.goal {
                Some(goal) => {
                    let deadline = ("deadline", i18n::date(lang, goal.deadline).into());
                    tr_args(lang, "campaign-list-item", &[theme, deadline])
                }
                None => tr_args(lang, "campaign-list-item-no-goal", &[theme]),
            }
        })
        .collect();
    format!("{}\n{}", tr(lang, "campaign-list"), lines.join("\n"))
}

/// What the facilitator is told once an action is planned.
pub fn action_planned(planned: &PlannedAction, lang: Lang) -> String {
    let session = &planned.action.session;
    tr_args(
        lang,
        "campaign-action-planned",
        &[
            ("title", session.title.as_str().into()),
            ("theme", planned.campaign.theme.as_str().into()),
            ("start", discord_time(session.starts_at).into()),
            ("target", planned.action.turnout_target.into()),
        ],
    )
}

/// What the facilitator is told once turnout is recorded.
pub fn turnout_recorded(view: &TurnoutView, lang: Lang) -> String {
    let recorded = tr_args(
        lang,
        "campaign-turnout-recorded",
        &[
            ("title", view.action.session.title.as_str().into()),
            ("turnout", turnout(&view.action, lang).into()),
        ],
    );
    let asked = if view.participants.is_empty() {
        tr(lang, "campaign-turnout-nobody")
    } else if view.evaluation_asked {
        let count = view.participants.len();
        tr_args(lang, "campaign-turnout-asked", &[("count", count.into())])
    } else {
        tr(lang, "campaign-turnout-already-asked")
    };
    format!("{recorded}\n{asked}")
}

/// The button under the request to evaluate an action.
pub fn evaluate_button(action: CampaignActionId, lang: Lang) -> CreateActionRow {
    CreateActionRow::Buttons(vec![CreateButton::new(
        Action::Evaluate { action }.to_custom_id(),
    )
    .label(tr(lang, "campaign-evaluate-button"))
    .style(ButtonStyle::Primary)])
}

/// The evaluation form of an action: evaluate, celebrate, reflect.
pub fn evaluation_modal(action: &CampaignAction, lang: Lang) -> CreateModal {
    let answer = |label: &str, id: &str| {
        input(
            InputTextStyle::Paragraph,
            &tr(lang, label),
            id,
            "",
            MAX_EVALUATION_ANSWER,
        )
    };
    let rows = [
        answer("campaign-evaluate", EVALUATE_INPUT),
        answer("campaign-celebrate", CELEBRATE_INPUT),
        answer("campaign-reflect", REFLECT_INPUT),
    ];
    let title = action.session.title.as_str();
    let title = tr_args(
        lang,
        "campaign-evaluate-form-title",
        &[("title", title.into())],
    );
    CreateModal::new(
        Action::EvaluateSave { action: action.id }.to_custom_id(),
        fit(&title, FORM_TITLE_LIMIT),
    )
    .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// What a trainee is told once their evaluation is saved.
pub fn evaluation_saved(action: &CampaignAction, lang: Lang) -> String {
    let title = action.session.title.as_str();
    tr_args(
        lang,
        "campaign-evaluation-saved",
        &[("title", title.into())],
    )
}

/// An evaluation refused: why, and what was typed.
pub fn evaluation_typed_back(message: &str, typed: &TypedEvaluation, lang: Lang) -> View {
    let back = tr_args(
        lang,
        "campaign-evaluation-typed-back",
        &[
            ("evaluate", typed.evaluate.as_str().into()),
            ("celebrate", typed.celebrate.as_str().into()),
            ("reflect", typed.reflect.as_str().into()),
        ],
    );
    typed_back(message, &back)
}

// ------------------------------------------------------------------------------------------

fn typed_back(message: &str, back: &str) -> View {
    let text = format!("{message}\n{back}");
    View {
        content: Some(fit(&text, crate::discord::replies::CONTENT_LIMIT)),
        ..View::default()
    }
}

fn goal_button(campaign: &Campaign, lang: Lang) -> CreateActionRow {
    CreateActionRow::Buttons(vec![CreateButton::new(
        Action::CampaignGoal {
            campaign: campaign.id,
        }
        .to_custom_id(),
    )
    .label(tr(lang, "campaign-goal-button"))
    .style(ButtonStyle::Primary)])
}

fn input(style: InputTextStyle, label: &str, id: &str, value: &str, max: usize) -> CreateInputText {
    super::form_input(style, label, id, value, max, true)
}

fn goal_lines(goal: &SmartGoal, lang: Lang) -> String {
    let deadline = i18n::date(lang, goal.deadline);
    let parts = [
        ("specific", goal.specific.as_str()),
        ("measurable", goal.measurable.as_str()),
        ("achievable", goal.achievable.as_str()),
        ("relevant", goal.relevant.as_str()),
        ("deadline", deadline.as_str()),
    ];
    let lines: Vec<String> = parts
        .into_iter()
        .map(|(part, text)| {
            let args = [("part", part.into()), ("text", text.into())];
            tr_args(lang, "campaign-goal-line", &args)
        })
        .collect();
    lines.join("\n")
}

fn holder_line(holder: &PowerHolder, lang: Lang) -> String {
    let mut line = tr_args(
        lang,
        "campaign-holder",
        &[
            ("name", holder.name.as_str().into()),
            ("influence", holder.influence.as_str().into()),
            ("interest", holder.interest.as_str().into()),
        ],
    );
    if !holder.note.is_empty() {
        line.push_str(&format!(" · {}", shorten(&holder.note, NOTE_SHOWN)));
    }
    line
}

fn action_line(action: &CampaignAction, lang: Lang) -> String {
    let title = action.session.title.as_str();
    if action.session.status == SessionStatus::Cancelled {
        return tr_args(
            lang,
            "campaign-action-line-cancelled",
            &[("title", title.into())],
        );
    }
    let when = discord_time(action.session.starts_at);
    format!("**{title}** · {when} · {}", turnout(action, lang))
}

fn turnout(action: &CampaignAction, lang: Lang) -> String {
    let target = ("target", Arg::from(action.turnout_target));
    match action.turnout {
        Some(t) => tr_args(
            lang,
            "campaign-turnout",
            &[
                ("attended", t.attended.into()),
                target,
                ("interested", t.interested.into()),
            ],
        ),
        None => tr_args(lang, "campaign-turnout-aim", &[target]),
    }
}

/// `lines` as fields named `name`, split within Discord's limit; `empty` when none.
fn fields(
    mut embed: CreateEmbed,
    name: &str,
    lines: &[String],
    empty: &str,
    lang: Lang,
) -> CreateEmbed {
    if lines.is_empty() {
        return embed.field(name, empty, false);
    }
    for (i, chunk) in split_for_embeds(&lines.join("\n"), FIELD_LIMIT)
        .into_iter()
        .enumerate()
    {
        let title = if i == 0 {
            name.to_owned()
        } else {
            tr_args(lang, "campaign-continued", &[("name", name.into())])
        };
        embed = embed.field(title, chunk, false);
    }
    embed
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::campaigns::{
        CampaignActionId, CampaignId, Level, Turnout, MAX_HOLDER_NAME, MAX_HOLDER_NOTE,
        MAX_POWER_HOLDERS,
    };
    use crate::model::{CohortId, Session, SessionId, SessionKind, UserId};

    fn longest_campaign() -> CampaignView {
        let field = "w".repeat(MAX_GOAL_FIELD);
        let campaign = Campaign {
            id: CampaignId(1),
            cohort_id: CohortId(1),
            theme: "t".repeat(50),
            goal: Some(SmartGoal {
                specific: field.clone(),
                measurable: field.clone(),
                achievable: field.clone(),
                relevant: field,
                deadline: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            }),
            created_by: UserId(1),
            created_at: 0,
        };
        let holders = (0..MAX_POWER_HOLDERS)
            .map(|i| PowerHolder {
                name: format!("{i:02}{}", "n".repeat(MAX_HOLDER_NAME - 2)),
                interest: Level::Medium,
                influence: Level::Medium,
                note: "x ".repeat(MAX_HOLDER_NOTE / 2),
            })
            .collect();
        let actions = (0..20)
            .map(|i| CampaignAction {
                id: CampaignActionId(i),
                campaign_id: campaign.id,
                session: Session {
                    id: SessionId(i),
                    cohort_id: CohortId(1),
                    kind: SessionKind::Event,
                    series_id: None,
                    seq: None,
                    group_id: None,
                    pair_id: None,
                    title: "a".repeat(100),
                    starts_at: 1_790_000_000_000 + i,
                    ends_at: 1_790_003_600_000,
                    status: SessionStatus::Held,
                    proposed_by: None,
                    presentations: false,
                    discord_event_id: None,
                    notes: None,
                    created_at: 0,
                },
                turnout_target: 100_000,
                turnout: Some(Turnout {
                    interested: 100_000,
                    attended: 100_000,
                    recorded_at: 0,
                }),
            })
            .collect();
        CampaignView {
            campaign,
            holders,
            actions,
        }
    }

    #[test]
    fn the_longest_campaign_fits_in_one_embed() {
        let embed = serde_json::to_value(campaign(&longest_campaign(), Lang::En)).unwrap();
        let fields = embed["fields"].as_array().unwrap();
        let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().chars().count();
        let total = text(&embed["title"])
            + text(&embed["description"])
            + fields
                .iter()
                .map(|f| text(&f["name"]) + text(&f["value"]))
                .sum::<usize>();
        assert!(total <= 6000, "{total} characters");
        assert!(fields.len() <= 25);
        assert!(fields.iter().all(|f| text(&f["value"]) <= FIELD_LIMIT));
        assert!(text(&embed["description"]) <= 4096);
    }
}
