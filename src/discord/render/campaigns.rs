//! Campaigns as members see them: the card with the goal, the power analysis and the
//! actions; the forms of the SMART goal and of an action's evaluation; what the
//! facilitator is told at each step.

use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, CreateActionRow, CreateButton, CreateEmbed, CreateInputText, CreateModal,
    InputTextStyle,
};

use super::{discord_time, View, BRAND_COLOUR, FIELD_LIMIT};
use crate::course::text::{shorten, split_for_embeds};
use crate::discord::custom_id::Action;
use crate::domain::campaigns::{
    CampaignView, PlannedAction, TurnoutView, TypedEvaluation, MAX_EVALUATION_ANSWER,
};
use crate::model::campaigns::{
    Campaign, CampaignAction, PowerHolder, SmartGoal, TypedGoal, MAX_GOAL_FIELD,
};
use crate::model::SessionStatus;

/// The label of the button that opens the goal's form.
pub const GOAL_BUTTON: &str = "Set the SMART goal";
/// The label of the button under the request to evaluate an action.
pub const EVALUATE_BUTTON: &str = "Evaluate the action";

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

/// A campaign just opened, with the button to set its goal.
pub fn started(campaign: &Campaign) -> View {
    View {
        content: Some(format!(
            "Campaign on **{}** opened. Next, its SMART goal: what will change, how you will measure it, why it is winnable, who it matters to, and by when.",
            campaign.theme
        )),
        components: vec![goal_button(campaign)],
        ..View::default()
    }
}

/// The form of a campaign's SMART goal, filled in with the goal it has.
pub fn goal_modal(campaign: &Campaign) -> CreateModal {
    let typed = campaign
        .goal
        .as_ref()
        .map(TypedGoal::from)
        .unwrap_or_default();
    let title = shorten(&format!("SMART goal: {}", campaign.theme), 45);
    let rows = [
        input(
            InputTextStyle::Paragraph,
            "Specific: what will change?",
            SPECIFIC_INPUT,
            &typed.specific,
            MAX_GOAL_FIELD,
        ),
        input(
            InputTextStyle::Paragraph,
            "Measurable: how many, how much?",
            MEASURABLE_INPUT,
            &typed.measurable,
            MAX_GOAL_FIELD,
        ),
        input(
            InputTextStyle::Paragraph,
            "Achievable: why can we win it?",
            ACHIEVABLE_INPUT,
            &typed.achievable,
            MAX_GOAL_FIELD,
        ),
        input(
            InputTextStyle::Paragraph,
            "Relevant: whom does it matter to?",
            RELEVANT_INPUT,
            &typed.relevant,
            MAX_GOAL_FIELD,
        ),
        input(
            InputTextStyle::Short,
            "Time-bound: by when? (YYYY-MM-DD)",
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
        title,
    )
    .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// A saved goal, as its campaign's people read it.
pub fn goal_saved(campaign: &Campaign) -> String {
    let goal = campaign.goal.as_ref().map(goal_lines).unwrap_or_default();
    format!(
        "Saved the goal of the campaign on **{}**.\n{goal}",
        campaign.theme
    )
}

/// A goal refused: why, and what was typed, so nothing is lost.
pub fn goal_typed_back(message: &str, typed: &TypedGoal) -> View {
    let text = format!(
        "{message}\nNothing was saved. What you typed:\n> Specific: {}\n> Measurable: {}\n> Achievable: {}\n> Relevant: {}\n> Time-bound: {}",
        typed.specific, typed.measurable, typed.achievable, typed.relevant, typed.deadline
    );
    View {
        content: Some(shorten(&text, crate::discord::replies::CONTENT_LIMIT)),
        ..View::default()
    }
}

/// A campaign's card: goal, power analysis, actions.
pub fn campaign(view: &CampaignView) -> CreateEmbed {
    let campaign = &view.campaign;
    let goal = match &campaign.goal {
        Some(goal) => goal_lines(goal),
        None => "No SMART goal yet: a facilitator sets it with `/campaign goal`.".into(),
    };
    let mut embed = CreateEmbed::new()
        .title(shorten(&format!("Campaign: {}", campaign.theme), 256))
        .description(goal)
        .colour(BRAND_COLOUR);
    let holders: Vec<String> = view.holders.iter().map(holder_line).collect();
    embed = fields(
        embed,
        "Power analysis",
        &holders,
        "Nobody listed yet: `/campaign power`.",
    );
    let shown = view.actions.len().saturating_sub(ACTIONS_SHOWN);
    let actions: Vec<String> = view.actions[shown..].iter().map(action_line).collect();
    fields(
        embed,
        "Actions",
        &actions,
        "None planned yet: `/campaign action`.",
    )
}

/// The cohort's campaigns in a line each.
pub fn campaign_list(campaigns: &[Campaign]) -> String {
    if campaigns.is_empty() {
        return "This cohort has no campaign yet: a facilitator starts one with `/campaign start`."
            .into();
    }
    let lines: Vec<String> = campaigns
        .iter()
        .map(|c| match &c.goal {
            Some(goal) => format!(
                "• **{}**, by {}",
                c.theme,
                goal.deadline.format("%-d %b %Y")
            ),
            None => format!("• **{}** (no goal yet)", c.theme),
        })
        .collect();
    format!(
        "The cohort's campaigns (see one with `/campaign show`):\n{}",
        lines.join("\n")
    )
}

/// What the facilitator is told once an action is planned.
pub fn action_planned(planned: &PlannedAction) -> String {
    format!(
        "**{}** is planned for the campaign on **{}**: {}, aiming for {} people. It is in the server's Events, where people can mark themselves interested.",
        planned.action.session.title,
        planned.campaign.theme,
        discord_time(planned.action.session.starts_at),
        planned.action.turnout_target
    )
}

/// What the facilitator is told once turnout is recorded.
pub fn turnout_recorded(view: &TurnoutView) -> String {
    let mut text = format!(
        "Recorded for **{}**: {}.",
        view.action.session.title,
        turnout(&view.action)
    );
    if view.participants.is_empty() {
        text.push_str(
            "\nNo trainee of the cohort marked it as interested, so I asked nobody to evaluate it.",
        );
    } else if view.evaluation_asked {
        let who = match view.participants.len() {
            1 => "the trainee who took part".to_owned(),
            n => format!("the {n} trainees who took part"),
        };
        text.push_str(&format!(
            "\nI asked {who} to evaluate it in the cohort channel; their evaluations come to `/reflections`."
        ));
    } else {
        text.push_str("\nThe trainees who took part were already asked to evaluate it.");
    }
    text
}

/// The button under the request to evaluate an action.
pub fn evaluate_button(action: crate::model::campaigns::CampaignActionId) -> CreateActionRow {
    CreateActionRow::Buttons(vec![CreateButton::new(
        Action::Evaluate { action }.to_custom_id(),
    )
    .label(EVALUATE_BUTTON)
    .style(ButtonStyle::Primary)])
}

/// The evaluation form of an action: evaluate, celebrate, reflect.
pub fn evaluation_modal(action: &CampaignAction) -> CreateModal {
    let rows = [
        input(
            InputTextStyle::Paragraph,
            "Evaluate: what did it achieve?",
            EVALUATE_INPUT,
            "",
            MAX_EVALUATION_ANSWER,
        ),
        input(
            InputTextStyle::Paragraph,
            "Celebrate: what went well?",
            CELEBRATE_INPUT,
            "",
            MAX_EVALUATION_ANSWER,
        ),
        input(
            InputTextStyle::Paragraph,
            "Reflect: what will you do next?",
            REFLECT_INPUT,
            "",
            MAX_EVALUATION_ANSWER,
        ),
    ];
    CreateModal::new(
        Action::EvaluateSave { action: action.id }.to_custom_id(),
        shorten(&format!("Evaluate: {}", action.session.title), 45),
    )
    .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// What a trainee is told once their evaluation is saved.
pub fn evaluation_saved(action: &CampaignAction) -> String {
    format!(
        "Thank you: your evaluation of **{}** is with the facilitators, and only them.",
        action.session.title
    )
}

/// An evaluation refused: why, and what was typed.
pub fn evaluation_typed_back(message: &str, typed: &TypedEvaluation) -> View {
    let text = format!(
        "{message}\nNothing was saved. What you typed:\n> Evaluate: {}\n> Celebrate: {}\n> Reflect: {}",
        typed.evaluate, typed.celebrate, typed.reflect
    );
    View {
        content: Some(shorten(&text, crate::discord::replies::CONTENT_LIMIT)),
        ..View::default()
    }
}

// ------------------------------------------------------------------------------------------

fn goal_button(campaign: &Campaign) -> CreateActionRow {
    CreateActionRow::Buttons(vec![CreateButton::new(
        Action::CampaignGoal {
            campaign: campaign.id,
        }
        .to_custom_id(),
    )
    .label(GOAL_BUTTON)
    .style(ButtonStyle::Primary)])
}

fn input(style: InputTextStyle, label: &str, id: &str, value: &str, max: usize) -> CreateInputText {
    super::form_input(style, label, id, value, max, true)
}

fn goal_lines(goal: &SmartGoal) -> String {
    format!(
        "**Specific:** {}\n**Measurable:** {}\n**Achievable:** {}\n**Relevant:** {}\n**Time-bound:** by {}",
        goal.specific,
        goal.measurable,
        goal.achievable,
        goal.relevant,
        goal.deadline.format("%-d %B %Y")
    )
}

fn holder_line(holder: &PowerHolder) -> String {
    let mut line = format!(
        "**{}** · influence {} · interest {}",
        holder.name, holder.influence, holder.interest
    );
    if !holder.note.is_empty() {
        line.push_str(&format!(" · {}", shorten(&holder.note, NOTE_SHOWN)));
    }
    line
}

fn action_line(action: &CampaignAction) -> String {
    let when = discord_time(action.session.starts_at);
    if action.session.status == SessionStatus::Cancelled {
        return format!("~~{}~~ · cancelled", action.session.title);
    }
    format!(
        "**{}** · {when} · {}",
        action.session.title,
        turnout(action)
    )
}

fn turnout(action: &CampaignAction) -> String {
    match action.turnout {
        Some(t) => format!(
            "{} came of {} hoped for ({} interested on Discord)",
            t.attended, action.turnout_target, t.interested
        ),
        None => format!("aiming for {}", action.turnout_target),
    }
}

/// `lines` as fields named `name`, split within Discord's limit; `empty` when none.
fn fields(mut embed: CreateEmbed, name: &str, lines: &[String], empty: &str) -> CreateEmbed {
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
            format!("{name} (continued)")
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
        let embed = serde_json::to_value(campaign(&longest_campaign())).unwrap();
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
