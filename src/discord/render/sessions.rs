//! Sets, mentoring meetings and events: proposals, session posts with their buttons, lists.

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateButton, CreateEmbed, CreateMessage};

use super::{badge_name, View, BRAND_COLOUR};
use crate::course::Badge;
use crate::discord::custom_id::Action;
use crate::domain::sessions::events::EventView;
use crate::domain::sessions::mentoring::{MeetingLogged, MeetingView};
use crate::domain::sessions::sets::{AttendanceNews, SetProposal, SetView};
use crate::i18n::{tr, tr_args, Lang};
use crate::model::{ChannelId, Group, Rsvp, Session, SessionStatus, UnixMillis, UserId};

/// Characters a list may take, leaving room in a 2000-character message for its heading.
const TEXT_BUDGET: usize = 1700;

/// A time as every reader sees it in their own time zone: full date, and how far off.
pub fn discord_time(at: UnixMillis) -> String {
    let seconds = at.div_euclid(1000);
    format!("<t:{seconds}:F> (<t:{seconds}:R>)")
}

pub fn set_proposal(proposal: &SetProposal, lang: Lang) -> CreateEmbed {
    let lines: Vec<String> = proposal
        .groups
        .iter()
        .enumerate()
        .map(|(i, members)| {
            let args = [
                ("number", (i + 1).into()),
                ("members", mentions(members).into()),
            ];
            tr_args(lang, "set-proposal-line", &args)
        })
        .collect();
    let mut text = if lines.is_empty() {
        tr(lang, "set-everyone-placed")
    } else {
        capped(&lines, lang)
    };
    if proposal.already_placed > 0 {
        text.push_str("\n\n");
        let args = [("count", proposal.already_placed.into())];
        text.push_str(&tr_args(lang, "set-proposal-left-out", &args));
    }
    let title = [("series", (&proposal.series_title).into())];
    let footer = [("size", proposal.group_size.into())];
    CreateEmbed::new()
        .title(tr_args(lang, "set-proposal-title", &title))
        .colour(BRAND_COLOUR)
        .description(text)
        .footer(serenity::CreateEmbedFooter::new(tr_args(
            lang,
            "set-proposal-footer",
            &footer,
        )))
}

pub fn sets_formed(formed: &[(Group, ChannelId)], lang: Lang) -> String {
    let lines: Vec<String> = formed
        .iter()
        .map(|(group, thread)| {
            let args = [
                ("set", (&group.name).into()),
                ("thread", thread.to_string().into()),
                ("members", mentions(&group.members).into()),
            ];
            tr_args(lang, "set-formed-line", &args)
        })
        .collect();
    let args = [
        ("count", formed.len().into()),
        ("sets", capped(&lines, lang).into()),
    ];
    tr_args(lang, "set-formed", &args)
}

pub fn set_welcome(group: &Group, lang: Lang) -> String {
    let args = [
        ("set", (&group.name).into()),
        ("members", mentions(&group.members).into()),
    ];
    tr_args(lang, "set-welcome", &args)
}

pub fn sets(views: &[SetView], lang: Lang) -> CreateEmbed {
    let lines: Vec<String> = views.iter().map(|v| set_line(v, lang)).collect();
    CreateEmbed::new()
        .title(tr(lang, "set-list-title"))
        .colour(BRAND_COLOUR)
        .description(if lines.is_empty() {
            tr(lang, "set-list-empty")
        } else {
            capped(&lines, lang)
        })
}

/// A session's status in words, "scheduled" say.
fn status(status: SessionStatus, lang: Lang) -> String {
    tr_args(
        lang,
        "session-status",
        &[("status", status.to_string().into())],
    )
}

fn set_line(view: &SetView, lang: Lang) -> String {
    let sessions: Vec<String> = view
        .sessions
        .iter()
        .map(|s| {
            format!(
                "  • {} — {} ({})",
                s.title,
                discord_time(s.starts_at),
                status(s.status, lang)
            )
        })
        .collect();
    let thread = view
        .group
        .thread_id
        .map(|t| tr_args(lang, "set-in-thread", &[("thread", t.to_string().into())]))
        .unwrap_or_default();
    format!(
        "**{}**{thread}: {}\n{}",
        view.group.name,
        mentions(&view.group.members),
        sessions.join("\n")
    )
}

pub fn sessions_scheduled(group: &Group, sessions: &[Session], lang: Lang) -> String {
    let lines: Vec<String> = sessions
        .iter()
        .map(|s| format!("• {} — {}", s.title, discord_time(s.starts_at)))
        .collect();
    let args = [
        ("set", (&group.name).into()),
        ("sessions", capped(&lines, lang).into()),
    ];
    tr_args(lang, "set-scheduled", &args)
}

pub fn session_moved(session: &Session, lang: Lang) -> String {
    let args = [
        ("title", (&session.title).into()),
        ("time", discord_time(session.starts_at).into()),
    ];
    tr_args(lang, "set-session-moved", &args)
}

/// The post in a set's thread that announces a session, with its RSVP buttons.
pub fn session_post(session: &Session, lang: Lang) -> CreateMessage {
    let presentations = if session.presentations {
        format!("\n{}", tr(lang, "set-session-presentations"))
    } else {
        String::new()
    };
    let args = [
        ("title", (&session.title).into()),
        ("time", discord_time(session.starts_at).into()),
        ("presentations", presentations.into()),
    ];
    CreateMessage::new()
        .content(tr_args(lang, "set-session-post", &args))
        .allowed_mentions(crate::discord::replies::no_pings())
        .components(vec![rsvp_buttons(session, lang)])
}

fn rsvp_buttons(session: &Session, lang: Lang) -> CreateActionRow {
    let button = |answer: Rsvp, label: &str, style: serenity::ButtonStyle| {
        CreateButton::new(
            Action::Rsvp {
                session: session.id,
                answer,
            }
            .to_custom_id(),
        )
        .label(tr(lang, label))
        .style(style)
    };
    CreateActionRow::Buttons(vec![
        button(Rsvp::Yes, "rsvp-yes", serenity::ButtonStyle::Success),
        button(Rsvp::Maybe, "rsvp-maybe", serenity::ButtonStyle::Secondary),
        button(Rsvp::No, "rsvp-no", serenity::ButtonStyle::Danger),
    ])
}

pub fn rsvp_noted(session: &Session, answer: Rsvp, lang: Lang) -> String {
    let args = [
        ("answer", answer.to_string().into()),
        ("title", (&session.title).into()),
        ("time", discord_time(session.starts_at).into()),
    ];
    tr_args(lang, "rsvp-noted", &args)
}

pub fn attendance(news: &AttendanceNews, lang: Lang) -> String {
    let args = [
        ("title", (&news.session.title).into()),
        ("present", mentions(&news.present).into()),
        ("absent", mentions(&news.absent).into()),
        ("absentees", news.absent.len().into()),
    ];
    let mut text = tr_args(lang, "set-attendance", &args);
    for (user, badges) in &news.badges {
        text.push('\n');
        text.push_str(&earned(*user, badges, lang));
    }
    text
}

/// "🎉 <@user> earned A and B."
fn earned(user: UserId, badges: &[Badge], lang: Lang) -> String {
    let args = [
        ("user", user.to_string().into()),
        ("badges", badge_names(badges, lang).into()),
    ];
    tr_args(lang, "session-badges-earned", &args)
}

/// The post in a pair's thread that proposes a meeting, with the button to confirm it.
pub fn meeting_proposal(view: &MeetingView, lang: Lang) -> CreateMessage {
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
    .label(tr(lang, "meeting-confirm"))
    .style(serenity::ButtonStyle::Success);
    CreateMessage::new()
        .content(tr_args(
            lang,
            "meeting-proposal",
            &[
                ("other", other.to_string().into()),
                ("proposer", proposer.to_string().into()),
                ("title", (&view.session.title).into()),
                ("time", discord_time(view.session.starts_at).into()),
            ],
        ))
        .allowed_mentions(
            serenity::CreateAllowedMentions::new().users([serenity::UserId::new(other.0)]),
        )
        .components(vec![CreateActionRow::Buttons(vec![confirm])])
}

pub fn meeting_proposed(view: &MeetingView, lang: Lang) -> String {
    let thread = view
        .pair
        .thread_id
        .map(|t| tr_args(lang, "set-in-thread", &[("thread", t.to_string().into())]))
        .unwrap_or_default();
    let args = [
        ("title", (&view.session.title).into()),
        ("time", discord_time(view.session.starts_at).into()),
        ("thread", thread.into()),
    ];
    tr_args(lang, "meeting-proposed", &args)
}

/// The proposal once confirmed: what was agreed and by whom, with no button left to press.
pub fn meeting_proposal_confirmed(view: &MeetingView, by: UserId, lang: Lang) -> View {
    let args = [
        ("title", (&view.session.title).into()),
        ("time", discord_time(view.session.starts_at).into()),
        ("by", by.to_string().into()),
    ];
    View {
        content: Some(tr_args(lang, "meeting-proposal-confirmed", &args)),
        ..View::default()
    }
}

/// The news for the one who proposed the meeting and is waiting for the answer.
pub fn meeting_confirmed(view: &MeetingView, proposer: UserId, lang: Lang) -> CreateMessage {
    let args = [
        ("proposer", proposer.to_string().into()),
        ("title", (&view.session.title).into()),
        ("time", discord_time(view.session.starts_at).into()),
    ];
    CreateMessage::new()
        .content(tr_args(lang, "meeting-confirmed", &args))
        .allowed_mentions(
            serenity::CreateAllowedMentions::new().users([serenity::UserId::new(proposer.0)]),
        )
}

pub fn meeting_logged(logged: &MeetingLogged, lang: Lang) -> String {
    let trainee = logged.meeting.pair.trainee_id;
    let args = [
        ("title", (&logged.meeting.session.title).into()),
        ("trainee", trainee.to_string().into()),
        ("held", logged.held.into()),
        ("required", logged.required.into()),
    ];
    let mut text = tr_args(lang, "meeting-logged", &args);
    if !logged.badges.is_empty() {
        text.push('\n');
        text.push_str(&earned(trainee, &logged.badges, lang));
    }
    text
}

pub fn meetings(views: &[MeetingView], lang: Lang) -> CreateEmbed {
    let lines: Vec<String> = views
        .iter()
        .map(|v| {
            let notes = v
                .notes
                .as_deref()
                .map(|n| {
                    let notes: String = n.chars().take(200).collect();
                    tr_args(lang, "meeting-notes-line", &[("notes", notes.into())])
                })
                .unwrap_or_default();
            let args = [
                ("title", (&v.session.title).into()),
                ("mentor", v.pair.mentor_id.to_string().into()),
                ("trainee", v.pair.trainee_id.to_string().into()),
                ("time", discord_time(v.session.starts_at).into()),
                ("status", status(v.session.status, lang).into()),
            ];
            tr_args(lang, "meeting-line", &args) + &notes
        })
        .collect();
    CreateEmbed::new()
        .title(tr(lang, "meeting-list-title"))
        .colour(BRAND_COLOUR)
        .description(if lines.is_empty() {
            tr(lang, "meeting-list-empty")
        } else {
            capped(&lines, lang)
        })
}

pub fn pair_welcome(mentor: UserId, trainee: UserId, lang: Lang) -> String {
    let args = [
        ("mentor", mentor.to_string().into()),
        ("trainee", trainee.to_string().into()),
    ];
    tr_args(lang, "meeting-pair-welcome", &args)
}

pub fn events(views: &[EventView], lang: Lang) -> CreateEmbed {
    let lines: Vec<String> = views
        .iter()
        .map(|v| {
            let state = match v.session.status {
                SessionStatus::Cancelled => tr(lang, "event-cancelled-mark"),
                _ => String::new(),
            };
            format!(
                "**{}** — {}, {}{state}",
                v.session.title,
                discord_time(v.session.starts_at),
                v.place(lang)
            )
        })
        .collect();
    CreateEmbed::new()
        .title(tr(lang, "event-list-title"))
        .colour(BRAND_COLOUR)
        .description(if lines.is_empty() {
            tr(lang, "event-list-empty")
        } else {
            capped(&lines, lang)
        })
        .footer(serenity::CreateEmbedFooter::new(tr(
            lang,
            "event-list-footer",
        )))
}

/// What became of an event: `what` is the message id, `event-scheduled` say.
pub fn event_changed(view: &EventView, what: &'static str, lang: Lang) -> String {
    let args = [
        ("title", (&view.session.title).into()),
        ("time", discord_time(view.session.starts_at).into()),
    ];
    tr_args(lang, what, &args)
}

pub fn rsvps(view: &EventView, people: &[UserId], lang: Lang) -> String {
    let args = [
        ("count", people.len().into()),
        ("title", (&view.session.title).into()),
        ("people", capped_inline(people, lang).into()),
    ];
    tr_args(lang, "event-interested", &args)
}

fn mentions(users: &[UserId]) -> String {
    users
        .iter()
        .map(|u| format!("<@{u}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most 50 mentions, so the message stays within Discord's 2000 characters.
fn capped_inline(users: &[UserId], lang: Lang) -> String {
    let shown = mentions(&users[..users.len().min(50)]);
    match users.len().saturating_sub(50) {
        0 => shown,
        more => tr_args(
            lang,
            "session-and-more",
            &[("shown", shown.into()), ("count", more.into())],
        ),
    }
}

/// The lines that fit in `TEXT_BUDGET` characters, then how many were left out: the
/// result fits a message's content (2000) as well as an embed's description.
fn capped(lines: &[String], lang: Lang) -> String {
    let mut text = String::new();
    for (shown, line) in lines.iter().enumerate() {
        if text.chars().count() + line.chars().count() + 1 > TEXT_BUDGET {
            let more = lines.len() - shown;
            text.push_str(&tr_args(
                lang,
                "session-more-lines",
                &[("count", more.into())],
            ));
            return text;
        }
        text.push_str(line);
        text.push('\n');
    }
    text.trim_end().to_string()
}

fn badge_names(badges: &[Badge], lang: Lang) -> String {
    let names: Vec<String> = badges.iter().map(badge_name).collect();
    crate::i18n::list(lang, &names)
}
