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
