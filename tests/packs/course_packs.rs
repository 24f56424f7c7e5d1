//! Course packs: the broken fixtures are each rejected at the right file and line, the
//! shipped packs load, and a pack's model survives the JSON round trip cohorts store.

use std::path::{Path, PathBuf};

use cohortbot::course::{
    check_pack, load_library, load_pack, pack_dirs, scaffold, AwardMode, ConversationRequirement,
    Course, ExerciseKind, PromptTiming, SeriesKind,
};

const BROKEN: &str = "tests/fixtures/packs/broken";

fn broken_fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(BROKEN)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Each problem as the author reads it, with the pack folder left off the path.
fn problems_of(dir: &Path) -> Vec<String> {
    let problems = load_pack(dir).expect_err("a broken fixture loaded");
    problems
        .iter()
        .map(|p| {
            let line = p.to_string();
            line.strip_prefix(&format!("{}/", dir.display()))
                .unwrap_or(&line)
                .to_string()
        })
        .collect()
}

#[test]
fn every_broken_fixture_is_rejected_at_the_right_file_and_line() {
    let fixtures = broken_fixtures();
    assert!(fixtures.len() >= 8, "fixtures missing: {fixtures:?}");
    for dir in fixtures {
        let expected = std::fs::read_to_string(dir.with_extension("expected")).unwrap();
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(problems_of(&dir), expected, "fixture {}", dir.display());
    }
}

#[test]
fn the_fixtures_cover_the_problems_authors_make() {
    let names: Vec<String> = broken_fixtures()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for case in [
        "bad-reference",
        "duplicate-id",
        "answer-not-in-options",
        "too-many-options",
        "invalid-time-zone",
        "bad-schedule",
        "toml-syntax-error",
        "missing-file",
        "bad-hub-topics",
        "bad-articles",
        "toml-unclosed-table",
        "bom",
        "zero-duration",
        "http-links",
        "bad-emoji",
        "duplicate-exercise-id",
        "bad-repeat",
        "long-paragraph",
    ] {
        assert!(names.iter().any(|n| n == case), "no fixture for {case}");
    }
}

#[test]
fn the_valid_fixture_loads_with_its_defaults() {
    let course = load_pack(Path::new("tests/fixtures/packs/valid/mini-course")).unwrap();
    assert_eq!(course.path, ["basics", "practice"]);
    assert_eq!(course.time_zone.as_deref(), Some("Europe/London"));
    let basics = course.module("basics").unwrap();
    assert_eq!(basics.pass_mark, 50);
    assert_eq!(basics.max_attempts, None);
    let practice = course.module("practice").unwrap();
    assert_eq!(practice.pass_mark, 70, "the default pass mark");
    let series = course.series("sets").unwrap();
    assert_eq!(
        series.reminders_minutes,
        [24 * 60, 60],
        "the default reminders"
    );
    assert_eq!(
        course.badge("finisher").unwrap().requires.modules,
        course.path
    );
}

#[test]
fn the_content_hash_changes_when_any_file_changes() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("mini-course");
    crate::files::copy_dir(Path::new("tests/fixtures/packs/valid/mini-course"), &dir);
    let before = load_pack(&dir).unwrap();
    std::fs::write(
        dir.join("content/start.md"),
        "Organisers listen first, always.",
    )
    .unwrap();
    let after = load_pack(&dir).unwrap();
    assert_ne!(before.content_hash, after.content_hash);
    assert_eq!(
        before.version, after.version,
        "same label, different content"
    );
}

#[test]
fn a_course_survives_the_json_snapshot_that_cohorts_keep() {
    let (library, problems) = load_library(Path::new("prompts"));
    assert!(problems.is_empty(), "{problems:#?}");
    for course in library.courses() {
        let json = serde_json::to_string(course).unwrap();
        let back: Course = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, course);
    }
}

#[test]
fn the_three_shipped_packs_load_without_problems() {
    let (library, problems) = load_library(Path::new("prompts"));
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{}", lines.join("\n"));
    let ids: Vec<&str> = library.courses().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "community-organisers",
            "msf-urban-spaces",
            "two-day-training"
        ]
    );
}

#[test]
fn both_organising_packs_run_a_listening_campaign_that_seeks_out_excluded_groups() {
    let organisers = shipped("community-organisers");
    let campaign = organisers.listening.as_ref().expect("a listening campaign");
    let stages: Vec<(&str, Option<&str>)> = campaign
        .stages
        .iter()
        .map(|s| (s.id.as_str(), s.link.as_deref()))
        .collect();
    assert_eq!(
        stages,
        [
            ("people-you-know", Some("e1")),
            ("wider-group", None),
            ("excluded-groups", Some("e2")),
            ("analyse", Some("e3")),
            ("act", Some("e4")),
        ],
        "the framework's stages, closed by E1 to E4"
    );
    let two_day = shipped("two-day-training");
    for course in [&organisers, &two_day] {
        let campaign = course.listening.as_ref().expect("a listening campaign");
        assert!(campaign.groups.iter().any(|g| g.excluded), "{}", course.id);
        assert!(campaign.groups.iter().any(|g| !g.excluded), "{}", course.id);
        assert!(campaign.themes.len() >= 5, "{}", course.id);
        assert!(
            campaign.stages.iter().any(|s| s.target.is_some()),
            "{}",
            course.id
        );
    }
    assert!(shipped("msf-urban-spaces").listening.is_none());
    let listener = organisers
        .badge("deep-listener")
        .expect("a badge for listening");
    assert_eq!(
        listener.requires.conversations,
        Some(ConversationRequirement {
            count: 20,
            excluded: 1
        })
    );
}

#[test]
fn msf_urban_spaces_has_four_gated_modules_with_every_seed_exercise_type_and_a_badge() {
    let course = shipped("msf-urban-spaces");
    assert_eq!(course.path.len(), 4);
    for id in &course.path {
        let module = course.module(id).unwrap();
        assert!(module.pages.len() >= 2, "{id} needs real content pages");
        let kinds: Vec<&str> = module.exercises.iter().map(|e| e.kind.name()).collect();
        for kind in ["true/false", "reflection", "matching"] {
            assert!(kinds.contains(&kind), "{id} lacks a {kind} exercise");
        }
    }
    let pages = course.modules.iter().flat_map(|m| &m.pages);
    assert!(
        pages.clone().any(|p| p.url.is_some()),
        "no video or linked page"
    );
    let badge = course
        .badges
        .iter()
        .find(|b| b.award == AwardMode::Auto && b.requires.modules == course.path)
        .expect("a completion badge for all four modules");
    assert!(!badge.name.is_empty());
}

#[test]
fn community_organisers_has_e1_to_e4_certificate_pathways_diploma_and_camp() {
    let course = shipped("community-organisers");
    let dated_prompts = course
        .prompts
        .iter()
        .filter(|p| matches!(p.when, PromptTiming::At(_)))
        .count();
    assert!(dated_prompts >= 4, "the four reflection e-sessions");
    for e in ["E1", "E2", "E3", "E4"] {
        assert!(
            course.prompts.iter().any(|p| p.title.contains(e)),
            "{e} missing"
        );
    }
    let manual = course
        .badges
        .iter()
        .filter(|b| b.award == AwardMode::Manual);
    assert!(
        manual.count() >= 2,
        "certificate and diploma are awarded by hand"
    );
    assert!(
        course.milestones.len() >= 2,
        "confirmation at 6 months, graduation at 12"
    );
    let go_deeper = course.pathways.first().expect("the Go Deeper pathway");
    assert_eq!(go_deeper.options.len(), 5);
    assert!(go_deeper.options.iter().all(|o| !o.modules.is_empty()));
    assert!(!course.events.is_empty(), "the action camp");
}

#[test]
fn two_day_training_has_six_topics_mentoring_sets_and_graduation() {
    let course = shipped("two-day-training");
    assert_eq!(course.path.len(), 6);
    let scored = course
        .modules
        .iter()
        .all(|m| m.exercises.iter().any(|e| e.kind.is_scored()));
    assert!(scored, "every topic has exercises");
    let mentoring = course
        .series
        .iter()
        .find(|s| s.kind == SeriesKind::Mentoring)
        .unwrap();
    assert_eq!(mentoring.count, 4);
    let sets = course
        .series
        .iter()
        .find(|s| s.kind == SeriesKind::ActionLearningSet)
        .unwrap();
    assert_eq!(sets.count, 3);
    assert!(sets.presentations_in_last);
    assert!(course
        .events
        .iter()
        .any(|e| e.title.to_lowercase().contains("graduation")));
    let ordering = course.modules.iter().flat_map(|m| &m.exercises).any(|e| {
        matches!(
            e.kind,
            ExerciseKind::Ordering { .. } | ExerciseKind::Matching { .. }
        )
    });
    assert!(ordering);
}

fn shipped(id: &str) -> Course {
    load_pack(&Path::new("prompts").join(id)).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("{}", lines.join("\n"))
    })
}

#[test]
fn the_organisers_pack_ships_articles_tagged_with_its_topics() {
    let organisers = shipped("community-organisers");
    let ids: Vec<&str> = organisers.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["one-to-ones", "power-analysis", "listening-campaign"]);
    for article in &organisers.articles {
        assert!(article.title.chars().count() <= 100, "{}", article.title);
        assert!(!article.tags.is_empty(), "{} has no tags", article.id);
        for tag in &article.tags {
            assert!(organisers.hub_topics.contains(tag), "{tag} is not a topic");
        }
        assert!(
            article.body.starts_with(|c: char| c.is_alphabetic()),
            "{}",
            article.id
        );
    }
}

#[test]
fn likely_mistakes_are_warnings_at_their_place_and_the_pack_still_loads() {
    let dir = Path::new("tests/fixtures/packs/warnings/likely-mistakes");
    let checked = check_pack(dir);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert!(checked.course.is_some());
    let warnings: Vec<String> = checked
        .warnings
        .iter()
        .map(|w| w.to_string().replace(&format!("{}/", dir.display()), ""))
        .collect();
    let expected = std::fs::read_to_string(dir.with_extension("expected")).unwrap();
    assert_eq!(warnings, expected.lines().collect::<Vec<_>>());
}

#[test]
fn the_shipped_packs_have_no_warnings_either() {
    for dir in pack_dirs(Path::new("prompts")).unwrap() {
        let checked = check_pack(&dir);
        let found: Vec<String> = checked
            .problems
            .iter()
            .chain(&checked.warnings)
            .map(ToString::to_string)
            .collect();
        assert!(found.is_empty(), "{}", found.join("\n"));
    }
}

#[test]
fn a_new_pack_has_one_module_with_every_exercise_kind_a_prompt_and_a_badge() {
    let work = tempfile::tempdir().unwrap();
    scaffold(work.path(), "my-course").unwrap();
    let checked = check_pack(&work.path().join("my-course"));
    assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
    let course = checked.course.expect("the new pack loads");
    assert_eq!(course.id, "my-course");
    assert_eq!(course.modules.len(), 1);
    let mut kinds: Vec<&str> = course.modules[0]
        .exercises
        .iter()
        .map(|e| e.kind.name())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), 6, "{kinds:?}");
    assert_eq!(course.badges.len(), 1);
    assert_eq!(course.prompts.len(), 1);
    assert_eq!(
        course.prompts[0].count,
        Some(4),
        "it shows how a repeat ends"
    );
    assert!(
        scaffold(work.path(), "my-course")
            .unwrap_err()
            .contains("already exists"),
        "an existing pack is never overwritten"
    );
    assert!(scaffold(work.path(), "My Course")
        .unwrap_err()
        .contains("not a valid course id"));
}
