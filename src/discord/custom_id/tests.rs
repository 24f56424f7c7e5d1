//! The codec's cases, and fuzzing of the parser.

use super::*;

fn all_kinds() -> Vec<Action> {
    vec![
        Action::AskPost {
            question: QuestionId(7),
        },
        Action::AskCancel {
            question: QuestionId(i64::MAX),
        },
        Action::RateChoose {
            answer: MessageId(u64::MAX),
            value: RatingValue::Positive,
        },
        Action::RateSubmit {
            answer: MessageId(1),
            value: RatingValue::Neutral,
        },
        Action::RateSubmit {
            answer: MessageId(2),
            value: RatingValue::Negative,
        },
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
        Action::VoteOpen {
            vote: VoteId(i64::MAX),
        },
        Action::VoteDot { vote: VoteId(3) },
        Action::VoteClear { vote: VoteId(3) },
        Action::CampaignGoal {
            campaign: CampaignId(i64::MAX),
        },
        Action::CampaignGoalSave {
            campaign: CampaignId(2),
        },
        Action::Evaluate {
            action: CampaignActionId(i64::MAX),
        },
        Action::EvaluateSave {
            action: CampaignActionId(4),
        },
        Action::ProfileSave,
        Action::ProposeSave,
        Action::ProposalApprove {
            proposal: ProposalId(i64::MAX),
        },
        Action::ProposalReturn {
            proposal: ProposalId(5),
        },
        Action::ProposalReturnSave {
            proposal: ProposalId(i64::MAX),
        },
        Action::ForgetMember {
            member: UserId(u64::MAX),
        },
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
        "v1:vd",
        "v1:vo:seven",
    ] {
        assert_eq!(
            Action::parse(forged),
            Err(CustomIdError::Malformed),
            "{forged:?}"
        );
    }
}

/// Properties of the codec, and fuzzing of the parser with arbitrary and mutated ids.
/// Cases come from `PROPTEST_CASES` (proptest's default, 256, when unset).
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
            id().prop_map(|v| Action::VoteOpen { vote: VoteId(v) }),
            id().prop_map(|v| Action::VoteDot { vote: VoteId(v) }),
            id().prop_map(|v| Action::VoteClear { vote: VoteId(v) }),
            id().prop_map(|c| Action::CampaignGoal {
                campaign: CampaignId(c)
            }),
            id().prop_map(|c| Action::CampaignGoalSave {
                campaign: CampaignId(c)
            }),
            id().prop_map(|a| Action::Evaluate {
                action: CampaignActionId(a)
            }),
            id().prop_map(|a| Action::EvaluateSave {
                action: CampaignActionId(a)
            }),
            Just(Action::ProfileSave),
            Just(Action::ProposeSave),
            id().prop_map(|p| Action::ProposalApprove {
                proposal: ProposalId(p)
            }),
            id().prop_map(|p| Action::ProposalReturn {
                proposal: ProposalId(p)
            }),
            id().prop_map(|p| Action::ProposalReturnSave {
                proposal: ProposalId(p)
            }),
            any::<u64>().prop_map(|m| Action::ForgetMember { member: UserId(m) }),
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
