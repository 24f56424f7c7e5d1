//! One-to-one conversations a trainee logs during a listening campaign, and the rules on
//! what a record may hold. The person listened to is a label the trainee chooses (initials
//! or a nickname): never a name the bot asks for, and never contact details.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;

use super::{CohortId, UnixMillis, UserId};
use crate::course::{Listening, MAX_THEME_CHARS};
use crate::i18n::Message;

/// The longest label for the person listened to: initials or a short nickname.
pub const MAX_LABEL_CHARS: usize = 20;
/// The longest place (“at the school gate”).
pub const MAX_PLACE_CHARS: usize = 100;
/// The person's self-interest or energy, in a sentence.
pub const MAX_ENERGY_CHARS: usize = 300;
/// The most themes one conversation is filed under.
pub const MAX_ISSUES: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ListeningRecordId(pub i64);

impl fmt::Display for ListeningRecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What a trainee tells about one conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Ids from the course's listening campaign.
    pub stage: String,
    pub group: String,
    pub heard_on: NaiveDate,
    /// Who: a label or initials the trainee chooses. Shown to its author and facilitators only.
    pub label: String,
    pub place: String,
    /// Theme names, as the cohort spells them.
    pub issues: Vec<String>,
    pub energy: String,
    /// When the trainee wants to go back to the person; a reminder is sent that day.
    pub follow_up_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListeningRecord {
    pub id: ListeningRecordId,
    pub cohort_id: CohortId,
    pub author_id: UserId,
    pub conversation: Conversation,
    pub created_at: UnixMillis,
    pub updated_at: UnixMillis,
}

/// The free-text part of a record, as typed: checked by [`Typed::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub label: String,
    pub place: String,
    pub issues: String,
    pub energy: String,
}

/// The checked free text of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub label: String,
    pub place: String,
    pub issues: Vec<String>,
    pub energy: String,
}

impl Typed {
    /// Checks what was typed; `known` are the cohort's themes, whose spelling a typed theme
    /// takes when it matches one whatever its case. The error is for the trainee to read.
    pub fn check(&self, known: &[String]) -> Result<Checked, Message> {
        Ok(Checked {
            label: short_text(&self.label, "label", MAX_LABEL_CHARS)?,
            place: short_text(&self.place, "place", MAX_PLACE_CHARS)?,
            issues: themes(&self.issues, known)?,
            energy: short_text(&self.energy, "energy", MAX_ENERGY_CHARS)?,
        })
    }
}

/// The themes in a comma-separated list, each once, in the cohort's spelling.
pub fn themes(text: &str, known: &[String]) -> Result<Vec<String>, Message> {
    let mut themes: Vec<String> = Vec::new();
    for typed in text
        .split([',', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if typed.chars().count() > MAX_THEME_CHARS {
            return Err(Message::new("listen-theme-too-long")
                .arg("max", MAX_THEME_CHARS)
                .arg("theme", crate::course::text::echo(typed)));
        }
        let theme = known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(typed))
            .cloned()
            .unwrap_or_else(|| typed.to_string());
        if !themes.iter().any(|t| t.eq_ignore_ascii_case(&theme)) {
            themes.push(theme);
        }
    }
    match themes.len() {
        0 => Err(Message::new("listen-no-issue")),
        n if n > MAX_ISSUES => Err(Message::new("listen-too-many-issues")
            .arg("count", n)
            .arg("max", MAX_ISSUES)),
        _ => Ok(themes),
    }
}

/// Refuses a conversation dated after today (in the cohort's time zone).
pub fn check_heard_on(heard_on: NaiveDate, today: NaiveDate) -> Result<(), Message> {
    if heard_on > today {
        return Err(Message::new("listen-heard-in-future").arg("date", heard_on.to_string()));
    }
    Ok(())
}

/// A follow-up date must be today or later, so that its reminder can come.
pub fn check_follow_up(follow_up_on: NaiveDate, today: NaiveDate) -> Result<(), Message> {
    if follow_up_on < today {
        return Err(Message::new("listen-follow-up-passed").arg("date", follow_up_on.to_string()));
    }
    Ok(())
}

/// A date as trainees type it: `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, Message> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Message::new("listen-date-unreadable").arg("text", crate::course::text::echo(text))
    })
}

/// One trainee's conversations in each stage and the groups they reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeProgress {
    pub user: UserId,
    /// Conversations per stage, in the course's stage order.
    pub per_stage: Vec<u32>,
    /// Group ids reached, in the course's group order.
    pub groups: Vec<String>,
    /// Whether one of the conversations was with an excluded group.
    pub reached_excluded: bool,
    pub total: u32,
}

/// Progress of each of `trainees` (in that order) from the records of their cohort.
pub fn progress(
    listening: &Listening,
    trainees: &[UserId],
    records: &[ListeningRecord],
) -> Vec<TraineeProgress> {
    trainees
        .iter()
        .map(|&user| {
            let mine: Vec<&Conversation> = records
                .iter()
                .filter(|r| r.author_id == user)
                .map(|r| &r.conversation)
                .collect();
            let per_stage = listening
                .stages
                .iter()
                .map(|s| count(mine.iter().filter(|c| c.stage == s.id)))
                .collect();
            let groups: Vec<String> = listening
                .groups
                .iter()
                .filter(|g| mine.iter().any(|c| c.group == g.id))
                .map(|g| g.id.clone())
                .collect();
            TraineeProgress {
                user,
                per_stage,
                reached_excluded: reached_excluded(listening, &mine),
                groups,
                total: count(mine.iter()),
            }
        })
        .collect()
}

/// How often one theme was raised, overall and by stage and group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeCount {
    pub theme: String,
    pub total: u32,
    /// Stage id → conversations.
    pub by_stage: BTreeMap<String, u32>,
    /// Group id → conversations.
    pub by_group: BTreeMap<String, u32>,
    /// The Monday of each week (of the conversation's date) → conversations that week.
    pub by_week: BTreeMap<NaiveDate, u32>,
    /// Whether the course offered it; otherwise a trainee added it.
    pub from_course: bool,
}

/// The cohort's themes, most raised first (ties in name order); course themes nobody raised
/// are left out.
pub fn tally(listening: &Listening, records: &[ListeningRecord]) -> Vec<ThemeCount> {
    let mut counts: BTreeMap<&str, ThemeCount> = BTreeMap::new();
    for c in records.iter().map(|r| &r.conversation) {
        for theme in &c.issues {
            let entry = counts.entry(theme).or_insert_with(|| ThemeCount {
                theme: theme.clone(),
                total: 0,
                by_stage: BTreeMap::new(),
                by_group: BTreeMap::new(),
                by_week: BTreeMap::new(),
                from_course: listening.themes.contains(theme),
            });
            entry.total += 1;
            *entry.by_stage.entry(c.stage.clone()).or_default() += 1;
            *entry.by_group.entry(c.group.clone()).or_default() += 1;
            *entry.by_week.entry(week_of(c.heard_on)).or_default() += 1;
        }
    }
    let mut tally: Vec<ThemeCount> = counts.into_values().collect();
    tally.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.theme.cmp(&b.theme)));
    tally
}

/// Conversations per week (by the Monday of the week they were held), oldest week first.
pub fn weekly(records: &[ListeningRecord]) -> BTreeMap<NaiveDate, u32> {
    let mut weeks = BTreeMap::new();
    for record in records {
        *weeks
            .entry(week_of(record.conversation.heard_on))
            .or_default() += 1;
    }
    weeks
}

/// The Monday of the week `day` falls in.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day.week(chrono::Weekday::Mon).first_day()
}

/// The cohort's themes for choosing: the course's, then those trainees added, each once.
pub fn theme_names(listening: &Listening, added: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen: BTreeSet<String> = listening.themes.iter().map(|t| t.to_lowercase()).collect();
    let mut names = listening.themes.clone();
    for theme in added {
        if seen.insert(theme.to_lowercase()) {
            names.push(theme);
        }
    }
    names
}

/// Whether `conversations` held one with a group the course flags as excluded.
pub fn reached_excluded(listening: &Listening, conversations: &[&Conversation]) -> bool {
    conversations
        .iter()
        .any(|c| listening.group(&c.group).is_some_and(|g| g.excluded))
}

fn count<'a>(conversations: impl Iterator<Item = &'a &'a Conversation>) -> u32 {
    u32::try_from(conversations.count()).unwrap_or(u32::MAX)
}

/// Non-empty text of at most `max` characters, on which nobody can be reached; `what` is
/// the field: "label", "place" or "energy".
fn short_text(text: &str, what: &str, max: usize) -> Result<String, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Message::new("listen-field-empty").arg("what", what));
    }
    if text.chars().count() > max {
        return Err(Message::new("listen-field-too-long")
            .arg("what", what)
            .arg("count", text.chars().count())
            .arg("max", max));
    }
    if looks_like_contact_details(text) {
        return Err(Message::new("listen-field-contact").arg("what", what));
    }
    Ok(text.to_string())
}

/// An e-mail address or a phone number: an `@` between words, or seven digits or more.
fn looks_like_contact_details(text: &str) -> bool {
    let email = text.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
    });
    let digits = text.chars().filter(char::is_ascii_digit).count();
    email || digits >= 7
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{ListeningGroup, ListeningStage};
    use crate::i18n::Lang;

    fn campaign() -> Listening {
        Listening {
            stages: vec![stage("known"), stage("wider")],
            groups: vec![group("friends", false), group("young", true)],
            themes: vec!["Housing".into(), "Transport".into()],
        }
    }

    fn stage(id: &str) -> ListeningStage {
        ListeningStage {
            id: id.into(),
            name: id.into(),
            target: Some(2),
            link: None,
        }
    }

    fn group(id: &str, excluded: bool) -> ListeningGroup {
        ListeningGroup {
            id: id.into(),
            name: id.into(),
            excluded,
        }
    }

    fn record(author: u64, stage: &str, group: &str, issues: &[&str]) -> ListeningRecord {
        ListeningRecord {
            id: ListeningRecordId(1),
            cohort_id: CohortId(1),
            author_id: UserId(author),
            conversation: Conversation {
                stage: stage.into(),
                group: group.into(),
                heard_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
                label: "JB".into(),
                place: "café".into(),
                issues: issues.iter().map(|s| s.to_string()).collect(),
                energy: "angry about rents".into(),
                follow_up_on: None,
            },
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn themes_take_the_cohorts_spelling_once_each_and_refuse_empty_or_long_ones() {
        let known = campaign().themes;
        assert_eq!(
            themes(" housing, Bins ,HOUSING,, bins", &known).unwrap(),
            ["Housing", "Bins"]
        );
        assert!(themes(" , ,", &known)
            .unwrap_err()
            .render(Lang::En)
            .contains("at least one"));
        let long = "x".repeat(51);
        assert!(themes(&format!("Housing, {long}"), &known)
            .unwrap_err()
            .render(Lang::En)
            .contains("at most 50"));
        assert_eq!(themes(&"y".repeat(50), &known).unwrap().len(), 1);
    }

    #[test]
    fn no_field_takes_contact_details() {
        let typed = |label: &str, place: &str| Typed {
            label: label.into(),
            place: place.into(),
            issues: "Housing".into(),
            energy: "wants a say".into(),
        };
        assert!(typed("JB", "the market").check(&[]).is_ok());
        assert!(typed("jb@mail.com", "market").check(&[]).is_err());
        assert!(typed("JB", "call 07700 900123").check(&[]).is_err());
        assert!(
            typed("Jo the baker from no 3", "x").check(&[]).is_err(),
            "label too long"
        );
    }

    #[test]
    fn dates_in_the_future_and_past_follow_ups_are_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
        assert!(check_heard_on(today, today).is_ok());
        assert!(check_heard_on(today.succ_opt().unwrap(), today).is_err());
        assert!(check_follow_up(today, today).is_ok());
        assert!(check_follow_up(today.pred_opt().unwrap(), today).is_err());
        assert_eq!(parse_date("2026-10-05").unwrap(), today);
        assert!(parse_date("5/10/2026").is_err());
    }

    #[test]
    fn progress_counts_by_stage_and_flags_excluded_groups() {
        let records = [
            record(1, "known", "friends", &["Housing"]),
            record(1, "wider", "young", &["Housing"]),
            record(2, "known", "friends", &["Bins"]),
        ];
        let got = progress(&campaign(), &[UserId(1), UserId(2), UserId(3)], &records);
        assert_eq!(got[0].per_stage, [1, 1]);
        assert_eq!(got[0].groups, ["friends", "young"]);
        assert!(got[0].reached_excluded);
        assert!(!got[1].reached_excluded);
        assert_eq!(got[2].total, 0);
    }

    #[test]
    fn the_tally_puts_the_most_raised_theme_first() {
        let records = [
            record(1, "known", "friends", &["Housing", "Bins"]),
            record(2, "wider", "young", &["Housing"]),
        ];
        let got = tally(&campaign(), &records);
        assert_eq!(got[0].theme, "Housing");
        assert_eq!(got[0].total, 2);
        assert_eq!(got[0].by_stage["wider"], 1);
        let monday = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        assert_eq!(got[0].by_week[&monday], 2);
        assert_eq!(weekly(&records)[&monday], 2);
        assert_eq!(
            week_of(NaiveDate::from_ymd_opt(2026, 10, 4).unwrap()),
            monday
        );
        assert!(got[0].from_course);
        assert!(!got[1].from_course);
        assert_eq!(
            theme_names(&campaign(), ["bins".to_string(), "housing".to_string()]),
            ["Housing", "Transport", "bins"]
        );
    }
}
