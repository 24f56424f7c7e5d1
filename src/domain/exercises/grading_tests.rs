//! What `grade` gives each kind of answer where the module's tests stop: all-or-nothing
//! questions, the verdict that goes with partial credit, an empty choice, and a
//! reflection's length limits, which are inclusive and count characters of the trimmed text.

use super::*;

fn verdict(kind: &ExerciseKind, input: AnswerInput) -> (Verdict, u32) {
    let graded = grade(kind, &input).unwrap();
    (graded.verdict, graded.points)
}

#[test]
fn true_false_and_single_choice_earn_all_or_nothing() {
    let statement = ExerciseKind::TrueFalse {
        statement: "s".into(),
        answer: false,
    };
    let single = ExerciseKind::SingleChoice {
        question: "q".into(),
        options: vec!["a".into(), "b".into(), "c".into()],
        answer: 1,
    };
    assert_eq!(
        verdict(&statement, AnswerInput::TrueFalse(false)),
        (Verdict::Right, 1000)
    );
    assert_eq!(
        verdict(&statement, AnswerInput::TrueFalse(true)),
        (Verdict::Wrong, 0)
    );
    assert_eq!(
        verdict(&single, AnswerInput::Choice(vec![1])),
        (Verdict::Right, 1000)
    );
    assert_eq!(
        verdict(&single, AnswerInput::Choice(vec![2])),
        (Verdict::Wrong, 0)
    );
    let wrong = grade(&single, &AnswerInput::Choice(vec![0])).unwrap();
    assert_eq!(wrong.right_answer.as_deref(), Some("b"));
}

#[test]
fn partial_credit_is_partly_right() {
    let kind = ExerciseKind::MultipleChoice {
        question: "q".into(),
        options: vec!["a".into(), "b".into(), "c".into()],
        answers: vec![0, 1],
    };
    assert_eq!(
        verdict(&kind, AnswerInput::Choice(vec![1])),
        (Verdict::PartlyRight, 500)
    );
    assert_eq!(
        verdict(&kind, AnswerInput::Choice(vec![1, 0])),
        (Verdict::Right, 1000)
    );
    assert_eq!(
        verdict(&kind, AnswerInput::Choice(vec![2])),
        (Verdict::Wrong, 0)
    );
}

#[test]
fn an_empty_choice_is_refused() {
    let kind = ExerciseKind::MultipleChoice {
        question: "q".into(),
        options: vec!["a".into(), "b".into()],
        answers: vec![0],
    };
    assert!(grade(&kind, &AnswerInput::Choice(vec![])).is_err());
}

#[test]
fn a_reflection_of_exactly_its_limits_is_accepted() {
    let kind = ExerciseKind::Reflection {
        prompt: "p".into(),
        min_chars: 10,
        max_chars: 20,
        visibility: Visibility::Facilitators,
    };
    let written = |text: &str| grade(&kind, &AnswerInput::Reflection(text.into())).is_ok();
    assert!(written(&"x".repeat(10)));
    assert!(written(&"é".repeat(20)), "characters, not bytes");
    assert!(!written(&"x".repeat(9)));
    assert!(!written(&"x".repeat(21)));
    assert!(
        !written(&format!("  {}  ", "x".repeat(9))),
        "spaces around the text do not count"
    );
}

/// Every answer a trainee could give to each exercise of the bilingual fixture, in the
/// pack's terms (positions in the lists shown).
fn every_input(kind: &ExerciseKind) -> Vec<AnswerInput> {
    let subsets = |n: usize| -> Vec<Vec<usize>> {
        (0..1usize << n)
            .map(|bits| (0..n).filter(|i| bits & (1 << i) != 0).collect())
            .collect()
    };
    match kind {
        ExerciseKind::TrueFalse { .. } => {
            vec![AnswerInput::TrueFalse(true), AnswerInput::TrueFalse(false)]
        }
        ExerciseKind::SingleChoice { options, .. } => (0..options.len())
            .map(|i| AnswerInput::Choice(vec![i]))
            .collect(),
        ExerciseKind::MultipleChoice { options, .. } => subsets(options.len())
            .into_iter()
            .map(AnswerInput::Choice)
            .collect(),
        ExerciseKind::Ordering { .. } => [
            [0, 1, 2],
            [0, 2, 1],
            [1, 0, 2],
            [1, 2, 0],
            [2, 0, 1],
            [2, 1, 0],
        ]
        .iter()
        .map(|o| AnswerInput::Order(o.to_vec()))
        .collect(),
        ExerciseKind::Matching {
            items, categories, ..
        } => (0..categories.len().pow(items.len() as u32))
            .map(|mut n| {
                AnswerInput::Match(
                    (0..items.len())
                        .map(|_| {
                            let pick = n % categories.len();
                            n /= categories.len();
                            pick
                        })
                        .collect(),
                )
            })
            .collect(),
        ExerciseKind::Reflection { .. } => vec![AnswerInput::Reflection("x".repeat(100))],
    }
}

#[test]
fn a_translated_label_never_changes_a_grade() {
    let dir = std::path::Path::new("tests/fixtures/packs/translated/bilingual-course");
    let original = crate::course::load_pack(dir).unwrap();
    let french = original.localized("fr");
    let pairs = original.modules[0]
        .exercises
        .iter()
        .zip(&french.modules[0].exercises);
    let mut relabelled = 0;
    for (english, translated) in pairs {
        assert_eq!(english.id, translated.id);
        relabelled += usize::from(english.kind != translated.kind);
        for input in every_input(&english.kind) {
            let graded = |kind| grade(kind, &input).ok().map(|g| (g.verdict, g.points));
            assert_eq!(
                graded(&english.kind),
                graded(&translated.kind),
                "{} {input:?}",
                english.id
            );
        }
    }
    assert_eq!(relabelled, 4, "the fixture translates four exercises' text");
}
