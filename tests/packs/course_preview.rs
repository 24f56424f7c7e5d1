//! `cohortbot course preview` on every shipped pack: the page holds every module's screens,
//! each question with its answer, and the calendar's dates; a headless Chromium opens it
//! without a console message and leaves a screenshot of each theme in
//! `target/preview-artefacts/`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cohortbot::course::{load_pack, pack_dirs, Course, ExerciseKind};

const START: &str = "2026-09-07";
const CHROMIUM: &str = "/usr/bin/chromium";

fn cohortbot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cohortbot"))
        .args(args)
        .env_remove("COHORTBOT_PROMPTS_DIR")
        .env("COHORTBOT_PROMPTS_DIR", prompts())
        .env("DATABASE_URL", "sqlite::memory:")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn prompts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts")
}

/// The page `course preview` writes for `pack` with `extra` options.
fn preview(pack: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page.html");
    let mut args = vec!["course", "preview", pack, "--start", START, "--out"];
    args.push(out.to_str().unwrap());
    args.extend(extra);
    let run = cohortbot(&args);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{pack}: {stderr}");
    std::fs::read_to_string(out).unwrap()
}

/// Text as the page escapes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn shipped() -> Vec<(Course, PathBuf)> {
    let packs: Vec<(Course, PathBuf)> = pack_dirs(&prompts())
        .unwrap()
        .into_iter()
        .map(|dir| (load_pack(&dir).unwrap(), dir))
        .collect();
    assert!(packs.len() >= 3, "the shipped packs are under prompts/");
    packs
}

/// The answer key as the author's view words it.
fn answer(kind: &ExerciseKind) -> Option<String> {
    Some(match kind {
        ExerciseKind::TrueFalse { answer, .. } => if *answer { "True" } else { "False" }.into(),
        ExerciseKind::SingleChoice {
            options, answer, ..
        } => options[*answer].clone(),
        ExerciseKind::MultipleChoice {
            options, answers, ..
        } => answers
            .iter()
            .map(|&a| options[a].as_str())
            .collect::<Vec<_>>()
            .join("; "),
        ExerciseKind::Ordering { items, .. } => items.join(" → "),
        ExerciseKind::Matching {
            categories, items, ..
        } => items
            .iter()
            .map(|i| format!("{} → {}", i.text, categories[i.category]))
            .collect::<Vec<_>>()
            .join("\n"),
        ExerciseKind::Reflection { .. } => return None,
    })
}

#[test]
fn every_shipped_pack_shows_each_modules_pages_questions_and_answers() {
    for (course, dir) in shipped() {
        let page = preview(dir.to_str().unwrap(), &[]);
        for module in &course.modules {
            let section = format!("id=\"module-{}\"", module.id);
            let start = page
                .find(&section)
                .unwrap_or_else(|| panic!("{}: no section for module {}", course.id, module.id));
            let end = page[start + 1..]
                .find("id=\"module-")
                .map_or(page.len(), |n| start + 1 + n);
            let section = &page[start..end];
            for p in &module.pages {
                assert!(
                    section.contains(&escaped(&p.title)),
                    "{}/{}: no screen titled {:?}",
                    course.id,
                    module.id,
                    p.title
                );
            }
            let total = module.exercises.len();
            for (n, exercise) in module.exercises.iter().enumerate() {
                let label = format!("Question {} of {total}", n + 1);
                assert!(section.contains(&label), "{}: no {label}", module.id);
                let asked = exercise.kind.asked().lines().next().unwrap_or_default();
                if !asked.contains(['*', '_', '`', '[', '<', '>', '&', '"', '\'', '#', '~']) {
                    assert!(
                        section.contains(asked),
                        "{}: {asked:?} not asked",
                        module.id
                    );
                }
                if let Some(answer) = answer(&exercise.kind) {
                    let note = format!("Answer: {}", escaped(&answer));
                    assert!(section.contains(&note), "{}: no {note:?}", module.id);
                }
                if let ExerciseKind::Reflection { .. } = exercise.kind {
                    let form = format!("{label}: the reflection form");
                    assert!(section.contains(&form), "{}: no {form}", module.id);
                }
            }
        }
    }
}

#[test]
fn the_calendar_dates_each_prompt_in_the_cohorts_time_zone() {
    let page = preview("community-organisers", &["--time-zone", "Europe/London"]);
    assert!(page.contains("Calendar for a cohort starting on 2026-09-07 in Europe/London."));
    // "week 3, Wednesday 10:00" and "week 4, Wednesday 10:00" from a Monday 7 September start.
    let brief = "Wednesday 23 September 2026, 10:00</span> · prompt to the facilitators";
    assert!(page.contains(brief), "no facilitator brief on 23 September");
    let e1 = "Wednesday 30 September 2026, 10:00</span> · prompt to the cohort channel";
    assert!(page.contains(e1), "no E1 prompt on 30 September");
    assert!(page.contains(
        "opens the thread “E1: what conversations with people you know taught us — 30 September”"
    ));
    for month in [
        "September 2026",
        "October 2026",
        "November 2026",
        "December 2026",
    ] {
        assert!(
            page.contains(&format!("<caption>{month}</caption>")),
            "{month}"
        );
    }
    assert!(!page.contains("<caption>January 2027</caption>"));
}

#[test]
fn one_module_and_a_locale_are_shown_as_asked() {
    let page = preview(
        "two-day-training",
        &["--module", "listening", "--locale", "fr"],
    );
    assert!(page.contains("id=\"module-listening\""));
    assert_eq!(page.matches("class=\"module\"").count(), 1);
    assert!(page.contains("Locale asked: fr. The pack declares no text for fr"));

    let run = cohortbot(&[
        "course",
        "preview",
        "two-day-training",
        "--module",
        "nowhere",
        "--out",
        "/dev/null",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("the pack has no module `nowhere`; its modules are listening"),
        "{stderr}"
    );
}

#[test]
fn watching_writes_the_page_again_when_a_file_of_the_pack_changes() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mini-course");
    crate::files::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/valid/mini-course"),
        &pack,
    );
    let page = dir.path().join("page.html");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cohortbot"))
        .args(["course", "preview", "--watch", "--start", START, "--out"])
        .arg(&page)
        .arg(&pack)
        .env("DATABASE_URL", "sqlite::memory:")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = mpsc::channel();
    let err_tx = tx.clone();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        stdout
            .lines()
            .map_while(Result::ok)
            .for_each(|l| drop(tx.send(l)))
    });
    std::thread::spawn(move || {
        stderr
            .lines()
            .map_while(Result::ok)
            .for_each(|l| drop(err_tx.send(l)))
    });
    let wait_for = |wanted: &str| loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains(wanted) => return,
            Ok(_) => continue,
            Err(e) => panic!("no line with {wanted:?}: {e}"),
        }
    };
    wait_for("Watching");
    assert!(!std::fs::read_to_string(&page)
        .unwrap()
        .contains("Added while watching"));
    let start = pack.join("content/start.md");
    let mut text = std::fs::read_to_string(&start).unwrap();
    text.push_str("\nAdded while watching.\n");
    std::fs::write(&start, text).unwrap();
    wait_for("again");
    let written = std::fs::read_to_string(&page).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(written.contains("Added while watching."));
}

/// Whether Chromium can run here: outside CI a missing one skips the browser check with a
/// line saying so; in CI (`CI=true`) it fails the test.
fn chromium_present() -> bool {
    if Path::new(CHROMIUM).is_file() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {CHROMIUM} is missing: the preview's browser check would be skipped"
    );
    eprintln!("skipped the browser check: {CHROMIUM} is missing (apt-get install chromium)");
    false
}

fn chromium(args: &[&str], page: &Path) -> Output {
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--hide-scrollbars",
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap()
}

#[test]
fn chromium_opens_every_page_without_a_console_message_and_saves_screenshots() {
    if !chromium_present() {
        return;
    }
    let artefacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/preview-artefacts");
    std::fs::create_dir_all(&artefacts).unwrap();
    for (course, dir) in shipped() {
        let html = artefacts.join(format!("{}.html", course.id));
        let run = cohortbot(&[
            "course",
            "preview",
            dir.to_str().unwrap(),
            "--start",
            START,
            "--out",
            html.to_str().unwrap(),
        ]);
        assert!(run.status.success());
        let written = std::fs::read_to_string(&html).unwrap();

        let dom = chromium(&["--enable-logging=stderr", "--v=0", "--dump-dom"], &html);
        let log = String::from_utf8_lossy(&dom.stderr);
        let console: Vec<&str> = log
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .collect();
        assert!(console.is_empty(), "{}: {console:#?}", course.id);
        let dom = String::from_utf8_lossy(&dom.stdout);
        let screens = written.matches("<article class=\"screen").count();
        assert!(screens > 0);
        assert_eq!(dom.matches("<article class=\"screen").count(), screens);
        for module in &course.modules {
            assert!(dom.contains(&format!("id=\"module-{}\"", module.id)));
        }

        for (theme, flags) in [("light", &[][..]), ("dark", &["--force-dark-mode"][..])] {
            let shot = artefacts.join(format!("{}-{theme}.png", course.id));
            let _ = std::fs::remove_file(&shot);
            let mut args = vec![
                format!("--screenshot={}", shot.display()),
                "--window-size=1200,3000".to_string(),
            ];
            args.extend(flags.iter().map(|f| f.to_string()));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let taken = chromium(&args, &html);
            let log = String::from_utf8_lossy(&taken.stderr);
            assert!(taken.status.success(), "{log}");
            let png = std::fs::read(&shot).unwrap();
            assert!(
                png.starts_with(b"\x89PNG") && png.len() > 10_000,
                "{}",
                shot.display()
            );
        }
    }
}
