//! The `cohortbot` binary as a newcomer runs it.

#[path = "common/files.rs"]
mod files;

use std::path::Path;
use std::process::{Command, Output};

fn cohortbot(args: &[&str], env: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_cohortbot"));
    command
        .args(args)
        .env_remove("DISCORD_TOKEN")
        .env_remove("DATABASE_URL")
        .env_remove("COHORTBOT_PROMPTS_DIR")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("bot.db").display()),
        )
        .env(
            "COHORTBOT_PROMPTS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs/valid"),
        );
    for (key, value) in env {
        command.env(key, value);
    }
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn run_without_a_token_exits_2_with_one_line_naming_the_variable() {
    let out = cohortbot(&["run"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("error: DISCORD_TOKEN is not set"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_bad_config_value_exits_2_naming_it() {
    let out = cohortbot(&["migrate"], &[("COHORTBOT_DEV_GUILD", "soon")]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.to_lowercase().contains("dev_guild"), "{stderr}");
}

#[test]
fn migrate_says_what_it_applied_and_then_that_nothing_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("fresh.db").display());
    let first = cohortbot(&["migrate"], &[("DATABASE_URL", &url)]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("applied 1 "),
        "{}",
        text(&first.stdout)
    );
    assert!(
        dir.path().join("fresh.db").exists(),
        "the SQLite file is created on first run"
    );
    let second = cohortbot(&["migrate"], &[("DATABASE_URL", &url)]);
    assert!(second.status.success());
    assert!(
        text(&second.stdout).contains("up to date"),
        "{}",
        text(&second.stdout)
    );
}

#[test]
fn a_file_that_is_not_a_database_stops_start_up_with_its_cause_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbled.db");
    std::fs::write(&path, "these notes are not a database ".repeat(200)).unwrap();
    let url = format!("sqlite://{}", path.display());

    let out = cohortbot(&["migrate"], &[("DATABASE_URL", &url)]);

    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("not a database"), "{stderr}");
}

#[test]
fn a_postgresql_that_refuses_stops_start_up_with_its_cause_in_one_line() {
    let out = cohortbot(
        &["migrate"],
        &[("DATABASE_URL", "postgres://postgres@127.0.0.1:1/cohortbot")],
    );

    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.to_lowercase().contains("refused"), "{stderr}");
}

#[test]
fn course_check_passes_a_valid_pack() {
    let out = cohortbot(&["course", "check"], &[]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("1 pack checked: no problems"));
}

#[test]
fn course_check_prints_path_line_col_and_exits_1() {
    let out = cohortbot(
        &[
            "course",
            "check",
            "tests/fixtures/packs/broken/duplicate-id",
            "tests/fixtures/packs/broken/bad-reference",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "tests/fixtures/packs/broken/duplicate-id/modules/basics.toml:17:6: duplicate exercise id `tf-1`",
            "tests/fixtures/packs/broken/bad-reference/course.toml:15:22: badge `finisher` requires unknown module `advanced` (list it in `modules` or a pathway option)",
        ]
    );
    assert!(text(&out.stderr).contains("2 packs checked: 2 problems."));
}

#[test]
fn course_check_of_a_folder_of_packs_checks_each() {
    let out = cohortbot(&["course", "check", "tests/fixtures/packs/broken"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let expected: usize = std::fs::read_dir("tests/fixtures/packs/broken")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "expected"))
        .map(|p| std::fs::read_to_string(p).unwrap().lines().count())
        .sum();
    assert_eq!(
        text(&out.stdout).lines().count(),
        expected,
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn course_show_prints_what_trainees_get() {
    let out = cohortbot(&["course", "show", "mini-course"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "mini-course — A small course for tests",
        "Learning path: 2 modules",
        "1. Basics [basics]",
        "Exercise choice-1 (single choice): Which comes first?",
        "Finisher [finisher] #2E86AB, automatic: requires every module on the path",
        "Action learning sets [sets]: 3 action learning sets, 1h each, first week 2, Tue 18:00, every 2w; reminders 24h and 1h before; presentations in the last",
        "every `0 18 * * TUE`: Weekly check-in, with a thread for replies",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in\n{stdout}");
    }
}

#[test]
fn course_show_names_series_by_title_and_a_page_kind_once() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("two-day-training");
    files::copy_dir(Path::new("prompts/two-day-training"), &pack);
    let module = pack.join("modules/evaluation.toml");
    let toml = std::fs::read_to_string(&module).unwrap().replace(
        "title = \"A campaign year\"",
        "title = \"Case study: a campaign year\"",
    );
    std::fs::write(&module, toml).unwrap();
    let prompts = dir.path().display().to_string();
    let out = cohortbot(
        &["course", "show", "two-day-training"],
        &[("COHORTBOT_PROMPTS_DIR", &prompts)],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Case study: a campaign year (")
            && !stdout.contains("Case study: Case study"),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 of “Action learning sets”")
            && stdout.contains("4 of “Mentoring meetings with a Leadership Group member”"),
        "{stdout}"
    );
    assert!(!stdout.contains("of action-learning-sets"), "{stdout}");
}

#[test]
fn course_show_says_the_diploma_needs_the_chosen_route() {
    let out = cohortbot(
        &["course", "show", "community-organisers"],
        &[("COHORTBOT_PROMPTS_DIR", "prompts")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let diploma = stdout
        .lines()
        .find(|l| l.contains("[organiser-diploma]"))
        .unwrap_or_else(|| panic!("no diploma in\n{stdout}"));
    assert!(
        diploma.contains("the modules of the route chosen on “Go Deeper”"),
        "{diploma}"
    );
}

#[test]
fn course_show_of_an_unknown_pack_says_so() {
    let out = cohortbot(&["course", "show", "nope"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no course pack `nope`"));
}

#[test]
fn course_check_prints_warnings_and_fails_on_them_only_when_strict() {
    let pack = "tests/fixtures/packs/warnings/likely-mistakes";
    let out = cohortbot(&["course", "check", pack], &[]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with(pack) && l.contains(": warning: ")),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("1 pack checked: no problems, 4 warnings."));
    let strict = cohortbot(&["course", "check", "--strict", pack], &[]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(text(&strict.stdout), stdout);
}

#[test]
fn course_check_takes_an_id_and_course_show_a_path() {
    let out = cohortbot(&["course", "check", "mini-course"], &[]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("1 pack checked: no problems"));
    let out = cohortbot(
        &["course", "show", "tests/fixtures/packs/valid/mini-course"],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("mini-course — A small course for tests"));
}

#[test]
fn course_new_writes_a_pack_that_passes_the_strict_check() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().display().to_string();
    let out = cohortbot(&["course", "new", "my-course", "--into", &into], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("created"),
        "{}",
        text(&out.stdout)
    );
    let pack = dir.path().join("my-course").display().to_string();
    let check = cohortbot(&["course", "check", "--strict", &pack], &[]);
    assert!(check.status.success(), "{}", text(&check.stdout));
    assert_eq!(text(&check.stdout), "");
    let show = cohortbot(&["course", "show", &pack], &[]);
    assert!(
        text(&show.stdout).contains("every `0 18 * * TUE`, at most 4 times: Weekly check-in"),
        "{}",
        text(&show.stdout)
    );
    for file in ["course.toml", "modules/first-steps.toml"] {
        let toml = std::fs::read_to_string(dir.path().join("my-course").join(file)).unwrap();
        let keys = toml
            .lines()
            .filter(|l| !l.trim_start().starts_with(['#', '{']))
            .filter_map(|l| {
                l.split_once(" = ")
                    .map(|(key, _)| (key.trim(), l.contains(" # ")))
            });
        let mut explained = std::collections::BTreeMap::new();
        for (key, commented) in keys {
            *explained.entry(key).or_insert(false) |= commented;
        }
        let unexplained: Vec<&&str> = explained
            .iter()
            .filter(|(_, c)| !**c)
            .map(|(k, _)| k)
            .collect();
        assert!(
            unexplained.is_empty(),
            "{file}: keys without a comment: {unexplained:?}"
        );
    }
    let again = cohortbot(&["course", "new", "my-course", "--into", &into], &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));
}

#[test]
fn forget_erases_a_member_everywhere_and_says_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("bot.db").display());
    let env = [("DATABASE_URL", url.as_str())];
    assert!(cohortbot(&["migrate"], &env).status.success());

    let forgot = cohortbot(&["forget", "123456789012345678"], &env);

    assert!(forgot.status.success(), "{}", text(&forgot.stderr));
    assert_eq!(
        text(&forgot.stdout).trim(),
        "Erased the data of <@123456789012345678>. Deleted: nothing. Kept without their name, so the cohorts' figures stay right: nothing."
    );
    let not_an_id = cohortbot(&["forget", "ann"], &env);
    assert_eq!(not_an_id.status.code(), Some(2), "clap refuses it");
}
