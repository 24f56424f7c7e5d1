//! Packs in several languages: overlays and translated pages load into the model, a course
//! gives its text in a locale with the original where the translation lacks, `course check`
//! warns about what a translation lacks and rejects text that matches nothing, and
//! `course show --locale` prints the translation.

use std::path::Path;
use std::process::Command;

use cohortbot::course::{check_pack, load_pack, Course, ExerciseKind};

const PACK: &str = "tests/fixtures/packs/translated/bilingual-course";

fn pack() -> Course {
    load_pack(Path::new(PACK)).expect("the bilingual fixture loads")
}

/// Each finding as the author reads it, with the pack folder left off the path.
fn relative(found: &[cohortbot::course::Problem]) -> Vec<String> {
    found
        .iter()
        .map(|p| p.to_string().replace(&format!("{PACK}/"), ""))
        .collect()
}

#[test]
fn a_pack_declares_its_language_and_translations() {
    let course = pack();
    assert_eq!(course.language, "en");
    assert_eq!(course.translations.keys().collect::<Vec<_>>(), ["fr"]);
    let mini = load_pack(Path::new("tests/fixtures/packs/valid/mini-course")).unwrap();
    assert_eq!(
        mini.language, "en",
        "a pack that does not say is in English"
    );
    assert!(mini.translations.is_empty());
}

#[test]
fn the_french_course_has_the_translated_text_and_the_original_elsewhere() {
    let original = pack();
    let fr = original.localized("fr");
    assert_eq!(fr.title, "L'écoute d'abord");
    assert_eq!(
        fr.summary, original.summary,
        "no French summary: the original shows"
    );
    assert_eq!(fr.badges[0].name, "Écoutant");
    assert_eq!(
        fr.badges[0].description,
        "A terminé le module sur l'écoute."
    );

    let module = &fr.modules[0];
    assert_eq!(module.title, "L'écoute");
    assert_eq!(module.summary, "Pourquoi on écoute avant d'agir.");
    assert_eq!(module.pages[0].title, "Commencez ici");
    assert!(module.pages[0].body.contains("Les organisateurs écoutent"));
    assert_eq!(module.pages[1].title, "Pour aller plus loin");
    assert_eq!(
        module.pages[1].body, original.modules[0].pages[1].body,
        "no further.fr.md: the English page shows"
    );

    let choice = &module.exercises[0];
    let ExerciseKind::SingleChoice {
        question,
        options,
        answer,
    } = &choice.kind
    else {
        panic!("{:?}", choice.kind)
    };
    assert_eq!(question, "Qu'est-ce qui vient en premier ?");
    assert_eq!(options, &["L'écoute", "L'action", "Les tracts"]);
    assert_eq!(*answer, 0, "the answer key is the original's");
    assert_eq!(
        choice.explanation.as_deref(),
        Some("On apprend ce qui compte pour les gens avant d'agir avec eux.")
    );
    assert_eq!(
        choice.feedback_correct.as_deref(),
        Some("Exact : l'écoute vient d'abord.")
    );

    let ExerciseKind::Ordering { question, items } = &module.exercises[1].kind else {
        panic!("{:?}", module.exercises[1].kind)
    };
    assert_eq!(question, "Remettez les étapes dans l'ordre.");
    assert_eq!(
        items,
        &["Listen", "Plan", "Act"],
        "a list of another length is not used: answers are positions in it"
    );
    assert_eq!(
        module.exercises[2], original.modules[0].exercises[2],
        "an exercise the overlay leaves out shows as written"
    );
}

#[test]
fn locales_fall_back_to_the_language_and_then_to_the_original() {
    let original = pack();
    assert_eq!(original.localized("en-US"), original);
    assert_eq!(original.localized("de"), original);
    assert_eq!(original.localized("fr").title, "L'écoute d'abord");
    assert_eq!(
        original.localized("fr-CA").title,
        "L'écoute d'abord",
        "a locale of the same language uses the translation"
    );
    let localized = original.localized("fr");
    assert_eq!(localized.translations, original.translations);
    assert_eq!(
        original.modules[0]
            .exercises
            .iter()
            .map(|e| &e.id)
            .collect::<Vec<_>>(),
        localized.modules[0]
            .exercises
            .iter()
            .map(|e| &e.id)
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_snapshot_a_cohort_stores_keeps_the_translations() {
    let course = pack();
    let json = serde_json::to_string(&course).unwrap();
    let back: Course = serde_json::from_str(&json).unwrap();
    assert_eq!(back, course);
    assert_eq!(back.localized("fr").title, "L'écoute d'abord");

    let mut old: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fields = old.as_object_mut().unwrap();
    fields.remove("language");
    fields.remove("translations");
    let older: Course = serde_json::from_value(old).unwrap();
    assert_eq!(
        older.language, "en",
        "snapshots from before translations load"
    );
    assert!(older.translations.is_empty());
}

#[test]
fn check_warns_at_the_original_field_about_what_the_translation_lacks() {
    let checked = check_pack(Path::new(PACK));
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert!(
        checked.course.is_some(),
        "warnings do not stop a pack loading"
    );
    assert_eq!(
        relative(&checked.warnings),
        [
            "course.toml:3:11: warning: `summary` has no `fr` translation in course.fr.toml",
            "modules/listening.toml:14:8: warning: `content/further.md` has no `fr` translation: content/further.fr.md is missing",
            "modules/listening.fr.toml:18:9: warning: `items` has 2 entries where the original has 3: answers are positions in this list, so the original shows",
            "modules/listening.toml:32:6: warning: exercise `tf-listen` has no `fr` text in listening.fr.toml",
        ]
    );
}

#[test]
fn overlay_text_that_matches_nothing_in_the_original_is_an_error_at_its_place() {
    let dir = Path::new("tests/fixtures/packs/broken/bad-translation");
    let problems = load_pack(dir).expect_err("a typo in an overlay is an error");
    let lines: Vec<String> = problems
        .iter()
        .map(|p| p.to_string().replace(&format!("{}/", dir.display()), ""))
        .collect();
    assert!(
        lines.contains(&"course.fr.toml:8:9: the pack has no badge with id `listner`".into()),
        "{lines:?}"
    );
    assert!(
        lines.contains(
            &"modules/listening.fr.toml:19:12: this module has no exercise with id `choice-frist`"
                .into()
        ),
        "{lines:?}"
    );
}

#[test]
fn check_rejects_a_bad_locale_and_non_text_in_an_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("bilingual-course");
    crate::files::copy_dir(Path::new(PACK), &pack);
    let course = std::fs::read_to_string(pack.join("course.toml")).unwrap();
    std::fs::write(
        pack.join("course.toml"),
        course.replace(
            r#"translations = ["fr"]"#,
            r#"translations = ["fr", "French", "en"]"#,
        ),
    )
    .unwrap();
    let overlay = pack.join("modules/listening.fr.toml");
    let text = std::fs::read_to_string(&overlay).unwrap();
    std::fs::write(
        &overlay,
        text.replace(
            "[exercises.order-steps]",
            "[exercises.order-steps]\nanswer = \"Listen\"",
        ),
    )
    .unwrap();
    std::fs::write(
        pack.join("modules/listening.de.toml"),
        "title = \"Zuhören\"\n",
    )
    .unwrap();
    let checked = check_pack(&pack);
    let shown = |found: &[cohortbot::course::Problem]| -> Vec<String> {
        found
            .iter()
            .map(|p| p.to_string().replace(&format!("{}/", pack.display()), ""))
            .collect()
    };
    let problems = shown(&checked.problems);
    assert!(
        problems.contains(
            &"course.toml:6:23: `French` is not a locale (e.g. `fr`, `pt-BR`, `es-ES`)".into()
        ),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"course.toml:6:33: `en` is the pack's own language".into()),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("modules/listening.fr.toml:17:1: unknown field `answer`")),
        "{problems:?}"
    );
    let warnings = shown(&checked.warnings);
    assert!(
        warnings.contains(&"modules/listening.de.toml:1:1: warning: translation `de` is not listed in course.toml's `translations`, so this file is not read".into()),
        "{warnings:?}"
    );
}

#[test]
fn course_show_prints_the_translation_asked_for() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cohortbot"))
            .args(args)
            .env("DATABASE_URL", "sqlite::memory:")
            .env_remove("DISCORD_TOKEN")
            .output()
            .unwrap()
    };
    let out = run(&["course", "show", PACK, "--locale", "fr"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("In `fr`: the pack's translation, its own text (`en`) where that lacks."),
        "{text}"
    );
    assert!(
        text.contains("bilingual-course — L'écoute d'abord"),
        "{text}"
    );
    assert!(text.contains("1. L'écoute [listening]"), "{text}");
    assert!(text.contains("Reading: Commencez ici"), "{text}");
    assert!(
        text.contains("Exercise choice-first (single choice): Qu'est-ce qui vient en premier ?"),
        "{text}"
    );
    assert!(
        text.contains("Exercise tf-listen (true/false): Listening comes before action."),
        "{text}"
    );

    let english = run(&["course", "show", PACK]);
    let text = String::from_utf8_lossy(&english.stdout);
    assert!(
        text.contains("bilingual-course — Listening first"),
        "{text}"
    );

    let missing = run(&["course", "show", PACK, "--locale", "de"]);
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("the pack `bilingual-course` has no `de` translation (it is written in `en`; translations: fr)"),
        "{stderr}"
    );
}
