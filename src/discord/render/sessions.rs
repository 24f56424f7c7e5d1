//! Sets, mentoring meetings and events: proposals, session posts with their buttons, lists.

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateButton, CreateEmbed, CreateMessage};

use super::{badge_name, View, BRAND_COLOUR};
use crate::course::words::count;
use crate::course::Badge;
use crate::discord::custom_id::Action;
use crate::domain::sessions::events::EventView;
use crate::domain::sessions::mentoring::{MeetingLogged, MeetingView};
use crate::domain::sessions::sets::{AttendanceNews, SetProposal, SetView};
use crate::model::{ChannelId, Group, Rsvp, Session, SessionStatus, UnixMillis, UserId};

/// Characters a list may take, leaving room in a 2000-character message for its heading.
const TEXT_BUDGET: usize = 1700;

/// A time as every reader sees it in their own time zone: full date, and how far off.
pub fn discord_time(at: UnixMillis) -> String {
    let seconds = at.div_euclid(1000);
    format!("<t:{seconds}:F> (<t:{seconds}:R>)")
}

pub fn set_proposal(proposal: &SetProposal) -> CreateEmbed {
    let lines: Vec<String> = proposal
        .groups
        .iter()
        .enumerate()
        .map(|(i, members)| format!("**Set {}** — {}", i + 1, mentions(members)))
        .collect();
    let mut text = if lines.is_empty() {
        "Every trainee is already in a set.".to_string()
    } else {
        capped(&lines)
    };
    if proposal.already_placed > 0 {
        text.push_str(&format!(
            "\n\n{} already in a set and left out.",
            count(proposal.already_placed, "trainee is", "trainees are")
        ));
    }
    CreateEmbed::new()
        .title(format!("Proposed: {}", proposal.series_title))
        .colour(BRAND_COLOUR)
        .description(text)
        .footer(serenity::CreateEmbedFooter::new(format!(
            "Groups of about {}. Run /set form to create them, or /set form members:… to name a set yourself.",
            proposal.group_size
        )))
}

pub fn sets_formed(formed: &[(Group, ChannelId)]) -> String {
    let lines: Vec<String> = formed
        .iter()
        .map(|(group, thread)| {
            format!(
                "**{}** in <#{thread}>: {}",
                group.name,
                mentions(&group.members)
            )
        })
        .collect();
    format!(
        "Formed {}:\n{}",
        count(formed.len(), "set", "sets"),
        capped(&lines)
    )
}

pub fn set_welcome(group: &Group) -> String {
    format!(
        "Welcome to **{}**: {}. Your sessions, reminders and invitations come here.",
        group.name,
        mentions(&group.members)
    )
}

pub fn sets(views: &[SetView]) -> CreateEmbed {
    let lines: Vec<String> = views.iter().map(set_line).collect();
    CreateEmbed::new()
        .title("Action learning sets")
        .colour(BRAND_COLOUR)
        .description(if lines.is_empty() {
            "No sets yet.".to_string()
        } else {
            capped(&lines)
        })
}

fn set_line(view: &SetView) -> String {
    let thread = view
        .group
        .thread_id
        .map(|t| format!(" in <#{t}>"))
        .unwrap_or_default();
    let sessions: Vec<String> = view
        .sessions
        .iter()
        .map(|s| {
            format!(
                "  • {} — {} ({})",
                s.title,
                discord_time(s.starts_at),
                s.status
            )
        })
        .collect();
    format!(
        "**{}**{thread}: {}\n{}",
        view.group.name,
        mentions(&view.group.members),
        sessions.join("\n")
    )
}

pub fn sessions_scheduled(group: &Group, sessions: &[Session]) -> String {
    let lines: Vec<String> = sessions
        .iter()
        .map(|s| format!("• {} — {}", s.title, discord_time(s.starts_at)))
        .collect();
    format!(
        "Scheduled for **{}**, with reminders in its thread:\n{}",
        group.name,
        capped(&lines)
    )
}

pub fn session_moved(session: &Session) -> String {
    format!(
        "**{}** moved to {}; its reminders follow it.",
        session.title,
        discord_time(session.starts_at)
    )
}

/// The post in a set's thread that announces a session, with its RSVP buttons.
pub fn session_post(session: &Session) -> CreateMessage {
    let presentations = if session.presentations {
        "\nThis session has presentations: come ready to present your work."
    } else {
        ""
    };
    CreateMessage::new()
        .content(format!(
            "📅 **{}** — {}{presentations}\nWill you come?",
            session.title,
            discord_time(session.starts_at)
        ))
        .allowed_mentions(crate::discord::replies::no_pings())
        .components(vec![rsvp_buttons(session)])
}

fn rsvp_buttons(session: &Session) -> CreateActionRow {
    let button = |answer: Rsvp, label: &str, style: serenity::ButtonStyle| {
        CreateButton::new(
            Action::Rsvp {
                session: session.id,
                answer,
            }
            .to_custom_id(),
        )
        .label(label)
        .style(style)
    };
    CreateActionRow::Buttons(vec![
        button(Rsvp::Yes, "Yes", serenity::ButtonStyle::Success),
        button(Rsvp::Maybe, "Maybe", serenity::ButtonStyle::Secondary),
        button(Rsvp::No, "No", serenity::ButtonStyle::Danger),
    ])
}

pub fn rsvp_noted(session: &Session, answer: Rsvp) -> String {
    format!(
        "Noted: you said **{answer}** to {} on {}.",
        session.title,
        discord_time(session.starts_at)
    )
}

pub fn attendance(news: &AttendanceNews) -> String {
    let mut text = format!(
        "Attendance for {}: present {}",
        news.session.title,
        mentions(&news.present)
    );
    if !news.absent.is_empty() {
        text.push_str(&format!("; absent {}", mentions(&news.absent)));
    }
    text.push('.');
    for (user, badges) in &news.badges {
        text.push_str(&format!("\n🎉 <@{user}> earned {}.", badge_names(badges)));
    }
    text
}

/// The post in a pair's thread that proposes a meeting, with the button to confirm it.
pub fn meeting_proposal(view: &MeetingView) -> CreateMessage {
    let proposer = view.session.proposed_by.unwrap_or(view.pair.mentor_id);
    let other = if proposer == view.pair.mentor_id {
        view.pair.trainee_id
    } else {
        view.pair.mentor_id
    };
    let confirm = CreateButton::new(
        Action::ConfirmMeeting {
            session: view.session.id,
        }
        .to_custom_id(),
    )
    .label("Confirm")
    .style(serenity::ButtonStyle::Success);
    CreateMessage::new()
        .content(format!(
            "<@{other}>, <@{proposer}> proposes **{}** on {}. Confirm if that suits you, or propose another time with `/meeting propose`.",
            view.session.title,
            discord_time(view.session.starts_at)
        ))
        .allowed_mentions(
            serenity::CreateAllowedMentions::new().users([serenity::UserId::new(other.0)]),
        )
        .components(vec![CreateActionRow::Buttons(vec![confirm])])
}

pub fn meeting_proposed(view: &MeetingView) -> String {
    let thread = view
        .pair
        .thread_id
        .map(|t| format!(" in <#{t}>"))
        .unwrap_or_default();
    format!(
        "Proposed **{}** on {}{thread}; it is booked once the other side confirms.",
        view.session.title,
        discord_time(view.session.starts_at)
    )
}

/// The proposal once confirmed: what was agreed and by whom, with no button left to press.
pub fn meeting_proposal_confirmed(view: &MeetingView, by: UserId) -> View {
    View {
        content: Some(format!(
            "✅ **{}** on {} is confirmed by <@{by}>. Reminders will come before it.",
            view.session.title,
            discord_time(view.session.starts_at)
        )),
        ..View::default()
    }
}

/// The news for the one who proposed the meeting and is waiting for the answer.
pub fn meeting_confirmed(view: &MeetingView, proposer: UserId) -> CreateMessage {
    CreateMessage::new()
        .content(format!(
            "<@{proposer}>: ✅ **{}** is confirmed for {}. Reminders will come before it.",
            view.session.title,
            discord_time(view.session.starts_at)
        ))
        .allowed_mentions(
            serenity::CreateAllowedMentions::new().users([serenity::UserId::new(proposer.0)]),
        )
}

pub fn meeting_logged(logged: &MeetingLogged) -> String {
    let mut text = format!(
        "Logged **{}** with <@{}>: {} of {} so far.",
        logged.meeting.session.title,
        logged.meeting.pair.trainee_id,
        logged.held,
        count(logged.required as usize, "meeting", "meetings")
    );
    if !logged.badges.is_empty() {
        text.push_str(&format!(
            "\n🎉 <@{}> earned {}.",
            logged.meeting.pair.trainee_id,
            badge_names(&logged.badges)
        ));
    }
    text
}

pub fn meetings(views: &[MeetingView]) -> CreateEmbed {
    let lines: Vec<String> = views
        .iter()
        .map(|v| {
            let notes = v
                .notes
                .as_deref()
                .map(|n| format!("\n  Notes: {}", n.chars().take(200).collect::<String>()))
                .unwrap_or_default();
            format!(
                "**{}** — <@{}> with <@{}>, {} ({}){notes}",
                v.session.title,
                v.pair.mentor_id,
                v.pair.trainee_id,
                discord_time(v.session.starts_at),
                v.session.status
            )
        })
        .collect();
    CreateEmbed::new()
        .title("Mentoring meetings")
        .colour(BRAND_COLOUR)
        .description(if lines.is_empty() {
            "No meetings yet.".to_string()
        } else {
            capped(&lines)
        })
}

pub fn pair_welcome(mentor: UserId, trainee: UserId) -> String {
    format!(
        "<@{mentor}> is mentoring <@{trainee}>. Propose a meeting with `/meeting propose`; the other confirms it here, and the mentor logs it with `/meeting log` afterwards."
    )
}

pub fn events(views: &[EventView]) -> CreateEmbed {
    let lines: Vec<String> = views
        .iter()
        .map(|v| {
            let state = match v.session.status {
                SessionStatus::Cancelled => " — **cancelled**",
                _ => "",
            };
            format!(
                "**{}** — {}, {}{state}",
                v.session.title,
                discord_time(v.session.starts_at),
                v.location
            )
        })
        .collect();
    CreateEmbed::new()
        .title("Events")
        .colour(BRAND_COLOUR)
        .description(if lines.is_empty() {
            "No events yet.".to_string()
        } else {
            capped(&lines)
        })
        .footer(serenity::CreateEmbedFooter::new(
            "Each event is also in the server's Events list, where people can mark themselves interested.",
        ))
}

pub fn event_changed(view: &EventView, what: &str) -> String {
    format!(
        "**{}** {what}: {}.",
        view.session.title,
        discord_time(view.session.starts_at)
    )
}

pub fn rsvps(view: &EventView, people: &[UserId]) -> String {
    if people.is_empty() {
        return format!(
            "Nobody has marked **{}** as interested yet.",
            view.session.title
        );
    }
    format!(
        "{} interested in **{}**: {}",
        people.len(),
        view.session.title,
        capped_inline(people)
    )
}

fn mentions(users: &[UserId]) -> String {
    users
        .iter()
        .map(|u| format!("<@{u}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most 50 mentions, so the message stays within Discord's 2000 characters.
fn capped_inline(users: &[UserId]) -> String {
    let shown = mentions(&users[..users.len().min(50)]);
    match users.len().saturating_sub(50) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// The lines that fit in `TEXT_BUDGET` characters, then how many were left out: the
/// result fits a message's content (2000) as well as an embed's description.
fn capped(lines: &[String]) -> String {
    let mut text = String::new();
    for (shown, line) in lines.iter().enumerate() {
        if text.chars().count() + line.chars().count() + 1 > TEXT_BUDGET {
            text.push_str(&format!("…and {} more.", lines.len() - shown));
            return text;
        }
        text.push_str(line);
        text.push('\n');
    }
    text.trim_end().to_string()
}

fn badge_names(badges: &[Badge]) -> String {
    badges
        .iter()
        .map(badge_name)
        .collect::<Vec<_>>()
        .join(" and ")
}
