//! The `custom_id` of every button, select and modal: versioned, compact, and never
//! trusted. It says what was clicked; the domain layer decides whether that person may do
//! it now.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::model::listening::ListeningRecordId;
use crate::model::{AttemptId, CohortId, Rsvp, SessionId};

/// Bumped when the format changes, so buttons on old messages fail with a clear message.
const VERSION: &str = "v1";

/// What a component asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show a screen of a module.
    Page {
        cohort: CohortId,
        module: String,
        screen: u32,
    },
    StartExercises {
        cohort: CohortId,
        module: String,
    },
    /// Show the attempt's current question.
    Question {
        attempt: AttemptId,
    },
    TrueFalse {
        attempt: AttemptId,
        index: u32,
        value: bool,
    },
    /// A single or multiple choice select; the picks come with the interaction.
    Choice {
        attempt: AttemptId,
        index: u32,
    },
    /// One step of an ordering or matching question; `so_far` holds the earlier picks.
    Step {
        attempt: AttemptId,
        index: u32,
        so_far: Vec<usize>,
    },
    WriteReflection {
        attempt: AttemptId,
        index: u32,
    },
    SubmitReflection {
        attempt: AttemptId,
        index: u32,
    },
    /// Answer the invitation to a set session or mentoring meeting.
    Rsvp {
        session: SessionId,
        answer: Rsvp,
    },
    /// The other side of a mentoring pair confirms a proposed meeting.
    ConfirmMeeting {
        session: SessionId,
    },
    /// A true/false answer to question `index` of a live quiz.
    LiveTrueFalse {
        run: i64,
        index: u32,
        value: bool,
    },
    /// A choice answer to a live quiz's question; the picks come with the interaction.
    LiveChoice {
        run: i64,
        index: u32,
    },
    /// A route chosen on a pathway; the option comes with the interaction.
    PathwayPick {
        cohort: CohortId,
        pathway: String,
    },
    /// The form of `/listen log`, with what was chosen first (stage and group as indexes).
    ListenLog {
        cohort: CohortId,
        stage: u32,
        group: u32,
        heard_on: NaiveDate,
        follow_up: Option<NaiveDate>,
    },
    /// Open the form to change one's own conversation record.
    ListenEdit {
        record: ListeningRecordId,
    },
    /// The submitted form of [`Action::ListenEdit`].
    ListenSave {
        record: ListeningRecordId,
    },
    ListenDelete {
        record: ListeningRecordId,
    },
    /// Confirms deleting every conversation the clicker logged.
    ListenErase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomIdError {
    /// Made by an earlier version of the bot.
    OldVersion,
    /// Not made by this bot, or tampered with.
    Malformed,
}

impl Action {
    pub fn to_custom_id(&self) -> String {
        let body = match self {
            Action::Page {
                cohort,
                module,
                screen,
            } => format!("pg:{cohort}:{module}:{screen}"),
            Action::StartExercises { cohort, module } => format!("ex:{cohort}:{module}"),
            Action::Question { attempt } => format!("q:{attempt}"),
            Action::TrueFalse {
                attempt,
                index,
                value,
            } => format!("tf:{attempt}:{index}:{}", u8::from(*value)),
            Action::Choice { attempt, index } => format!("ch:{attempt}:{index}"),
            Action::Step {
                attempt,
                index,
                so_far,
            } => format!("st:{attempt}:{index}:{}", encode_picks(so_far)),
            Action::WriteReflection { attempt, index } => format!("rf:{attempt}:{index}"),
            Action::SubmitReflection { attempt, index } => format!("rm:{attempt}:{index}"),
            Action::LiveTrueFalse { run, index, value } => {
                format!("lt:{run}:{index}:{}", u8::from(*value))
            }
            Action::LiveChoice { run, index } => format!("lc:{run}:{index}"),
            Action::PathwayPick { cohort, pathway } => format!("pw:{cohort}:{pathway}"),
            Action::Rsvp { session, answer } => format!("rv:{session}:{}", rsvp_code(*answer)),
            Action::ConfirmMeeting { session } => format!("mc:{session}"),
            Action::ListenLog {
                cohort,
                stage,
                group,
                heard_on,
                follow_up,
            } => format!(
                "ll:{cohort}:{stage}:{group}:{}:{}",
                heard_on.format(DATE),
                follow_up.map_or("-".into(), |d| d.format(DATE).to_string())
            ),
            Action::ListenEdit { record } => format!("le:{record}"),
            Action::ListenSave { record } => format!("ls:{record}"),
            Action::ListenDelete { record } => format!("ld:{record}"),
            Action::ListenErase => "lx".into(),
        };
        format!("{VERSION}:{body}")
    }

    pub fn parse(custom_id: &str) -> Result<Action, CustomIdError> {
        let mut parts = custom_id.split(':');
        match parts.next() {
            Some(VERSION) => {}
            Some(v) if v.starts_with('v') && v[1..].parse::<u32>().is_ok() => {
                return Err(CustomIdError::OldVersion)
            }
            _ => return Err(CustomIdError::Malformed),
        }
        let kind = parts.next().ok_or(CustomIdError::Malformed)?;
        let fields: Vec<&str> = parts.collect();
        let action = match (kind, fields.as_slice()) {
            ("pg", [cohort, module, screen]) => Action::Page {
                cohort: CohortId(number(cohort)?),
                module: module_id(module)?,
                screen: number(screen)?,
            },
            ("ex", [cohort, module]) => Action::StartExercises {
                cohort: CohortId(number(cohort)?),
                module: module_id(module)?,
            },
            ("q", [attempt]) => Action::Question {
                attempt: AttemptId(number(attempt)?),
            },
            ("tf", [attempt, index, value]) => Action::TrueFalse {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
                value: flag(value)?,
            },
            ("ch", [attempt, index]) => Action::Choice {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
            },
            ("st", [attempt, index, picks]) => Action::Step {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
                so_far: decode_picks(picks)?,
            },
            ("rf", [attempt, index]) => Action::WriteReflection {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
            },
            ("rm", [attempt, index]) => Action::SubmitReflection {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
            },
            ("rv", [session, answer]) => Action::Rsvp {
                session: SessionId(number(session)?),
                answer: rsvp_from_code(answer)?,
            },
            ("mc", [session]) => Action::ConfirmMeeting {
                session: SessionId(number(session)?),
            },
            ("lt", [run, index, value]) => Action::LiveTrueFalse {
                run: number(run)?,
                index: number(index)?,
                value: flag(value)?,
            },
            ("lc", [run, index]) => Action::LiveChoice {
                run: number(run)?,
                index: number(index)?,
            },
            ("pw", [cohort, pathway]) => Action::PathwayPick {
                cohort: CohortId(number(cohort)?),
                pathway: module_id(pathway)?,
            },
            ("ll", [cohort, stage, group, heard_on, follow_up]) => Action::ListenLog {
                cohort: CohortId(number(cohort)?),
                stage: number(stage)?,
                group: number(group)?,
                heard_on: date(heard_on)?,
                follow_up: match *follow_up {
                    "-" => None,
                    day => Some(date(day)?),
                },
            },
            ("le", [record]) => Action::ListenEdit {
                record: ListeningRecordId(number(record)?),
            },
            ("ls", [record]) => Action::ListenSave {
                record: ListeningRecordId(number(record)?),
            },
            ("ld", [record]) => Action::ListenDelete {
                record: ListeningRecordId(number(record)?),
            },
            ("lx", []) => Action::ListenErase,
            _ => return Err(CustomIdError::Malformed),
        };
        Ok(action)
    }
}

/// Dates as eight digits, `YYYYMMDD`.
const DATE: &str = "%Y%m%d";

fn date(text: &str) -> Result<NaiveDate, CustomIdError> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CustomIdError::Malformed);
    }
    NaiveDate::parse_from_str(text, DATE).map_err(|_| CustomIdError::Malformed)
}

fn flag(text: &str) -> Result<bool, CustomIdError> {
    match text {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(CustomIdError::Malformed),
    }
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, CustomIdError> {
    text.parse().map_err(|_| CustomIdError::Malformed)
}

fn module_id(text: &str) -> Result<String, CustomIdError> {
    let valid = !text.is_empty()
        && text.len() <= 40
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(text.to_string())
    } else {
        Err(CustomIdError::Malformed)
    }
}

fn rsvp_code(answer: Rsvp) -> char {
    match answer {
        Rsvp::Yes => 'y',
        Rsvp::No => 'n',
        Rsvp::Maybe => 'm',
    }
}

fn rsvp_from_code(code: &str) -> Result<Rsvp, CustomIdError> {
    match code {
        "y" => Ok(Rsvp::Yes),
        "n" => Ok(Rsvp::No),
        "m" => Ok(Rsvp::Maybe),
        _ => Err(CustomIdError::Malformed),
    }
}

/// One base-36 digit per pick: lists hold at most 25 entries.
fn encode_picks(picks: &[usize]) -> String {
    let mut out = String::with_capacity(picks.len() + 1);
    out.push('_');
    for &pick in picks {
        let _ = write!(out, "{}", char::from_digit(pick as u32, 36).unwrap_or('z'));
    }
    out
}

fn decode_picks(text: &str) -> Result<Vec<usize>, CustomIdError> {
    let digits = text.strip_prefix('_').ok_or(CustomIdError::Malformed)?;
    digits
        .chars()
        .map(|c| {
            c.to_digit(36)
                .map(|d| d as usize)
                .ok_or(CustomIdError::Malformed)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_kinds() -> Vec<Action> {
        vec![
            Action::Page {
                cohort: CohortId(12),
                module: "why-organise".into(),
                screen: 3,
            },
            Action::StartExercises {
                cohort: CohortId(12),
                module: "a".repeat(40),
            },
            Action::Question {
                attempt: AttemptId(9),
            },
            Action::TrueFalse {
                attempt: AttemptId(9),
                index: 0,
                value: true,
            },
            Action::TrueFalse {
                attempt: AttemptId(9),
                index: 1,
                value: false,
            },
            Action::Choice {
                attempt: AttemptId(9),
                index: 2,
            },
            Action::Step {
                attempt: AttemptId(9),
                index: 3,
                so_far: vec![],
            },
            Action::Step {
                attempt: AttemptId(i64::MAX),
                index: 24,
                so_far: (0..24).rev().collect(),
            },
            Action::WriteReflection {
                attempt: AttemptId(9),
                index: 4,
            },
            Action::SubmitReflection {
                attempt: AttemptId(9),
                index: 4,
            },
            Action::LiveTrueFalse {
                run: 3,
                index: 1,
                value: true,
            },
            Action::LiveChoice {
                run: i64::MAX,
                index: 2,
            },
            Action::PathwayPick {
                cohort: CohortId(4),
                pathway: "go-deeper".into(),
            },
            Action::Rsvp {
                session: SessionId(7),
                answer: Rsvp::Yes,
            },
            Action::Rsvp {
                session: SessionId(i64::MAX),
                answer: Rsvp::Maybe,
            },
            Action::Rsvp {
                session: SessionId(7),
                answer: Rsvp::No,
            },
            Action::ConfirmMeeting {
                session: SessionId(7),
            },
            Action::ListenLog {
                cohort: CohortId(i64::MAX),
                stage: 24,
                group: 24,
                heard_on: NaiveDate::from_ymd_opt(2026, 10, 3).unwrap(),
                follow_up: Some(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            },
            Action::ListenLog {
                cohort: CohortId(3),
                stage: 0,
                group: 1,
                heard_on: NaiveDate::from_ymd_opt(2026, 10, 3).unwrap(),
                follow_up: None,
            },
            Action::ListenEdit {
                record: ListeningRecordId(i64::MAX),
            },
            Action::ListenSave {
                record: ListeningRecordId(5),
            },
            Action::ListenDelete {
                record: ListeningRecordId(5),
            },
            Action::ListenErase,
        ]
    }

    #[test]
    fn every_action_round_trips_within_discords_100_characters() {
        for action in all_kinds() {
            let id = action.to_custom_id();
            assert!(
                !id.is_empty() && id.len() <= 100,
                "{id} is {} long",
                id.len()
            );
            assert_eq!(Action::parse(&id), Ok(action));
        }
    }

    #[test]
    fn old_versions_and_forgeries_are_told_apart() {
        assert_eq!(Action::parse("v0:q:9"), Err(CustomIdError::OldVersion));
        for forged in [
            "",
            "q:9",
            "v1",
            "v1:q",
            "v1:q:nine",
            "v1:tf:9:0:2",
            "v1:pg:1:Bad Module:0",
            "v1:st:9:0:abc",
            "v1:zz:1",
            "x1:q:9",
            "v1:q:9:extra",
            "v1:rv:7:yes",
            "v1:rv:seven:y",
            "v1:mc:7:y",
            "v1:ll:1:0:0:20261301:-",
            "v1:ll:1:0:0:+2026103:-",
            "v1:lx:5",
        ] {
            assert_eq!(
                Action::parse(forged),
                Err(CustomIdError::Malformed),
                "{forged:?}"
            );
        }
    }
}

/// Properties of the codec, and fuzzing of the parser with arbitrary and mutated ids.
/// Cases come from `PROPTEST_CASES` (proptest's default, 256, when unset).
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn module() -> impl Strategy<Value = String> {
        "[a-z0-9-]{1,40}"
    }

    fn rsvp() -> impl Strategy<Value = Rsvp> {
        prop::sample::select(vec![Rsvp::Yes, Rsvp::No, Rsvp::Maybe])
    }

    /// Every kind of action, with any ids and indices and lists of at most 25 picks.
    fn action() -> impl Strategy<Value = Action> {
        let id = any::<i64>;
        prop_oneof![
            (id(), module(), any::<u32>()).prop_map(|(c, module, screen)| Action::Page {
                cohort: CohortId(c),
                module,
                screen,
            }),
            (id(), module()).prop_map(|(c, module)| Action::StartExercises {
                cohort: CohortId(c),
                module,
            }),
            id().prop_map(|a| Action::Question {
                attempt: AttemptId(a)
            }),
            (id(), any::<u32>(), any::<bool>()).prop_map(|(a, index, value)| {
                Action::TrueFalse {
                    attempt: AttemptId(a),
                    index,
                    value,
                }
            }),
            (id(), any::<u32>()).prop_map(|(a, index)| Action::Choice {
                attempt: AttemptId(a),
                index,
            }),
            (
                id(),
                any::<u32>(),
                prop::collection::vec(0usize..25, 0..=25)
            )
                .prop_map(|(a, index, so_far)| Action::Step {
                    attempt: AttemptId(a),
                    index,
                    so_far,
                }),
            (id(), any::<u32>()).prop_map(|(a, index)| Action::WriteReflection {
                attempt: AttemptId(a),
                index,
            }),
            (id(), any::<u32>()).prop_map(|(a, index)| Action::SubmitReflection {
                attempt: AttemptId(a),
                index,
            }),
            (id(), rsvp()).prop_map(|(s, answer)| Action::Rsvp {
                session: SessionId(s),
                answer,
            }),
            id().prop_map(|s| Action::ConfirmMeeting {
                session: SessionId(s)
            }),
            (id(), any::<u32>(), any::<bool>())
                .prop_map(|(run, index, value)| { Action::LiveTrueFalse { run, index, value } }),
            (id(), any::<u32>()).prop_map(|(run, index)| Action::LiveChoice { run, index }),
            (id(), module()).prop_map(|(c, pathway)| Action::PathwayPick {
                cohort: CohortId(c),
                pathway,
            }),
        ]
    }

    /// Strings Discord could send back: anything, anything shaped like an id, and real ids
    /// with a character replaced, inserted or removed.
    fn custom_id() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(any::<char>(), 0..=100).prop_map(String::from_iter),
            "v[0-9é]{0,2}(:[-_+a-z0-9A-Zé]{0,6}){0,5}",
            (
                action(),
                any::<prop::sample::Index>(),
                any::<char>(),
                0..3u8
            )
                .prop_map(|(action, at, c, how)| {
                    let mut chars: Vec<char> = action.to_custom_id().chars().collect();
                    let i = at.index(chars.len());
                    match how {
                        0 => chars[i] = c,
                        1 => chars.insert(i, c),
                        _ => {
                            chars.remove(i);
                        }
                    }
                    chars.into_iter().take(100).collect()
                }),
        ]
    }

    proptest! {
        #[test]
        fn every_action_round_trips_within_100_characters(action in action()) {
            let id = action.to_custom_id();
            prop_assert!(id.len() <= 100, "{} is {} long", id, id.len());
            prop_assert_eq!(Action::parse(&id), Ok(action));
        }

        #[test]
        fn any_id_parses_to_an_action_that_round_trips_or_to_an_error(id in custom_id()) {
            prop_assert!(id.chars().count() <= 100);
            if let Ok(action) = Action::parse(&id) {
                let again = action.to_custom_id();
                prop_assert!(again.len() <= 100, "{} is {} long", again, again.len());
                prop_assert_eq!(Action::parse(&again), Ok(action));
            }
        }
    }
}
