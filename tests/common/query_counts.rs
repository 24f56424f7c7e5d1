//! How many SQL statements each command and button runs, counted from sqlx's own tracing
//! event (one per statement, target `sqlx::query`), on a small course with a short history
//! and on a large one with a long history. Shared by `tests/query_counts.rs`, which asserts
//! the counts are the same, and `benches/queries.rs`, which prints them.

// Each crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use chrono::{TimeZone, Utc};
use cohortbot::domain::{badges, snapshots};
use cohortbot::model::listening::Conversation;
use cohortbot::model::{NewBadgeAward, NewSession, SessionKind, SessionStatus, UserId};

use super::bot::{Backend, TestClock};
use super::learning::{trainee, world_of, CohortSpec, World};
use super::statements;

/// The barrier after which every statement the bot ran has been logged; no time is waited
/// out. On SQLite an event is sent when the worker drops the statement, which may be just
/// after the caller has its row, so a ping through the bot's one connection, queued behind
/// it on the same worker, comes back only after. On PostgreSQL the event is sent before the
/// caller has its rows, and the fake answered only once the bot had handled the interaction.
async fn all_logged(world: &World) {
    world.bot.store.ping().await.expect("the database answers");
}

/// How many statements have been logged, counted behind the [`all_logged`] barrier so that
/// every one the bot ran is included.
async fn logged_count(world: &World) -> u64 {
    all_logged(world).await;
    statements::count()
}

/// The statements logged since the last take, every one the bot ran included.
async fn taken(world: &World) -> Vec<String> {
    all_logged(world).await;
    statements::take()
}

/// How big a generated course is, and how much its trainee has done in it.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub path_modules: usize,
    pub pathways: usize,
    pub series: usize,
    /// Badges of each kind: for one module, for conversations.
    pub badges_per_kind: usize,
    pub conversations: usize,
}

pub const SMALL: Size = Size {
    path_modules: 2,
    pathways: 1,
    series: 1,
    badges_per_kind: 1,
    conversations: 1,
};

pub const LARGE: Size = Size {
    path_modules: 40,
    pathways: 6,
    series: 4,
    badges_per_kind: 10,
    conversations: 60,
};

impl Size {
    pub fn modules(&self) -> usize {
        self.path_modules + self.pathways * 2
    }

    /// One a module, one a series, one a pathway, the per-kind ones and the finisher.
    pub fn badges(&self) -> usize {
        2 * self.badges_per_kind + self.series + self.pathways + 1
    }
}

/// Writes a course pack of `size` into `dir`: a path of modules of two pages each (the last
/// with one true-or-false question), pathways of two options with a module each, series of
/// sessions, a listening campaign, and badges for modules, sessions, conversations and
/// routes, plus a finisher for the whole path.
pub fn write_pack(dir: &Path, size: Size) {
    let pack = dir.join("generated");
    std::fs::create_dir_all(pack.join("modules")).unwrap();
    std::fs::create_dir_all(pack.join("content")).unwrap();
    std::fs::write(
        pack.join("content/page.md"),
        "Listen first, then act together.\n",
    )
    .unwrap();
    let path: Vec<String> = (1..=size.path_modules).map(|i| format!("m{i}")).collect();
    let mut routes = Vec::new();
    let mut course = String::from(
        "id = \"generated\"\ntitle = \"Generated course\"\nsummary = \"A course of a given size.\"\nversion = \"1.0\"\ntime_zone = \"Europe/London\"\n",
    );
    writeln!(course, "modules = {path:?}").unwrap();
    for p in 1..=size.pathways {
        write!(
            course,
            "\n[[pathways]]\nid = \"p{p}\"\ntitle = \"Route {p}\"\nprompt = \"Which way?\"\n"
        )
        .unwrap();
        for o in ["a", "b"] {
            let module = format!("p{p}{o}");
            write!(
                course,
                "[[pathways.options]]\nid = \"{o}\"\nlabel = \"Option {o}\"\nmodules = [\"{module}\"]\n"
            )
            .unwrap();
            routes.push(module);
        }
    }
    for s in 1..=size.series {
        write!(
            course,
            "\n[[series]]\nid = \"s{s}\"\nkind = \"action_learning_set\"\ntitle = \"Sets {s}\"\ncount = 3\nfirst = \"week 2, Tuesday 18:00\"\nevery = \"2w\"\n"
        )
        .unwrap();
    }
    course.push_str(
        "\n[listening]\nthemes = [\"Housing\", \"Buses\"]\n\n[[listening.stages]]\nid = \"first\"\nname = \"People you know\"\n\n[[listening.groups]]\nid = \"known\"\nname = \"People you know\"\n\n[[listening.groups]]\nid = \"rare\"\nname = \"Rarely heard\"\nexcluded = true\n",
    );
    let badge = |course: &mut String, id: String, award: &str, requires: String| {
        write!(
            course,
            "\n[[badges]]\nid = \"{id}\"\nname = \"Badge {id}\"\ncolour = \"#2E86AB\"\ndescription = \"For tests.\"\naward = \"{award}\"\n[badges.requires]\n{requires}\n"
        )
        .unwrap();
    };
    badge(
        &mut course,
        "finisher".into(),
        "auto",
        format!("modules = {path:?}"),
    );
    for b in 1..=size.badges_per_kind {
        let module = &path[(b - 1) % (path.len() - 1)];
        badge(
            &mut course,
            format!("module{b}"),
            "auto",
            format!("modules = [\"{module}\"]"),
        );
        badge(
            &mut course,
            format!("listener{b}"),
            "auto",
            format!("conversations = {}\nexcluded_conversations = 1", b * 10),
        );
    }
    for s in 1..=size.series {
        let attended = format!("attended = [{{ series = \"s{s}\", count = 2 }}]");
        badge(&mut course, format!("sets{s}"), "auto", attended);
    }
    for p in 1..=size.pathways {
        let requires = format!("pathway_modules = [\"p{p}\"]\nbadges = [\"finisher\"]");
        badge(&mut course, format!("route{p}"), "manual", requires);
    }
    std::fs::write(pack.join("course.toml"), course).unwrap();
    for (n, id) in path.iter().chain(&routes).enumerate() {
        let mut module = format!(
            "id = \"{id}\"\ntitle = \"Module {id}\"\npass_mark = 50\n\n[[pages]]\ntitle = \"First\"\nkind = \"reading\"\nfile = \"content/page.md\"\n\n[[pages]]\ntitle = \"Second\"\nkind = \"reading\"\nfile = \"content/page.md\"\n"
        );
        if n + 1 == size.path_modules {
            module.push_str(
                "\n[[exercises]]\nid = \"tf\"\nkind = \"true_false\"\nstatement = \"Listening comes before action.\"\nanswer = true\nexplanation = \"You learn what people care about first.\"\n",
            );
        }
        std::fs::write(pack.join(format!("modules/{id}.toml")), module).unwrap();
    }
}

/// What a trainee has done before the counting starts: every path module but the last,
/// a route on every pathway (its module done), two sessions of every series, conversations,
/// and every automatic badge that earns.
async fn give_history(world: &World, user: UserId, size: Size) {
    let store = &world.bot.store;
    let cohort = world.cohort.id;
    let now = world.cohort.created_at;
    let done = (1..size.path_modules)
        .map(|i| format!("m{i}"))
        .chain((1..=size.pathways).map(|p| format!("p{p}a")));
    for module in done {
        store
            .start_module(cohort, user, &module, now)
            .await
            .unwrap();
        store
            .complete_module(cohort, user, &module, now)
            .await
            .unwrap();
    }
    for p in 1..=size.pathways {
        let pathway = format!("p{p}");
        store
            .set_pathway_choice(cohort, user, &pathway, "a", now)
            .await
            .unwrap();
    }
    let facilitator = UserId(world.facilitator.id().get());
    for s in 1..=size.series {
        for seq in 1..=2 {
            let session = store
                .create_session(&NewSession {
                    cohort_id: cohort,
                    kind: SessionKind::Set,
                    series_id: Some(format!("s{s}")),
                    seq: Some(seq),
                    group_id: None,
                    pair_id: None,
                    title: format!("Sets {s} · session {seq}"),
                    starts_at: now,
                    ends_at: now + 3_600_000,
                    status: SessionStatus::Scheduled,
                    proposed_by: None,
                    presentations: false,
                    created_at: now,
                })
                .await
                .unwrap();
            store
                .record_attendance(session.id, user, true, facilitator, now)
                .await
                .unwrap();
        }
    }
    for n in 0..size.conversations {
        let conversation = Conversation {
            stage: "first".into(),
            group: if n % 2 == 0 { "known" } else { "rare" }.into(),
            heard_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            label: format!("N{n}"),
            place: "the market".into(),
            issues: vec!["Housing".into()],
            energy: "Wants the evening bus back.".into(),
            follow_up_on: None,
        };
        store
            .add_listening_record(cohort, user, &conversation, now)
            .await
            .unwrap();
    }
    let course = snapshots::course_of(store, &world.cohort).await.unwrap();
    badges::award_earned(store, &course, cohort, user, now)
        .await
        .unwrap();
    // A badge a facilitator gave, so the history holds manual awards as well.
    store
        .award_badge(&NewBadgeAward {
            cohort_id: cohort,
            user_id: user,
            badge_id: "route1".into(),
            awarded_by: Some(facilitator),
            reason: Some("Checked by hand.".into()),
            awarded_at: now,
        })
        .await
        .unwrap();
    // Their roles were given long ago: only the award the counting earns has one to give.
    for award in store.badge_awards_of_member(cohort, user).await.unwrap() {
        store.mark_badge_role_synced(award.id, now).await.unwrap();
    }
}

/// The statements each command and button ran for a trainee of a `size` course, in order:
/// `/help`, `/course`, `/progress`, `/badges show`, `/module` (the last path module, opened
/// for the first time), the page button, the button that starts the exercises, and the
/// answer that completes the path and earns the finisher badge.
pub async fn count_statements(backend: Backend, size: Size) -> Vec<(&'static str, u64)> {
    let (_pack, world) = generated_world(backend, size).await;
    let alice = trainee(&world, "alice").await;
    let user = UserId(alice.id().get());
    give_history(&world, user, size).await;

    let mut counts = Vec::new();
    let mut before = logged_count(&world).await;
    let mut count = |name: &'static str, after: u64| {
        counts.push((name, after - before));
        before = after;
    };
    let help = alice.slash("help", []).await;
    assert!(help.text().contains("/progress"), "{}", help.text());
    count("/help", logged_count(&world).await);
    let course = alice.slash("course", []).await;
    assert!(course.text().contains("Module m1"), "{}", course.text());
    count("/course", logged_count(&world).await);
    let progress = alice.slash("progress", []).await;
    assert!(
        progress.text().contains("Your progress"),
        "{}",
        progress.text()
    );
    count("/progress", logged_count(&world).await);
    let badges = alice.slash("badges show", []).await;
    assert!(
        badges.text().contains("Badge finisher"),
        "{}",
        badges.text()
    );
    count("/badges show", logged_count(&world).await);
    let module = alice.slash("module", []).await;
    let last = format!("Module m{}", size.path_modules);
    assert!(module.text().contains(&last), "{}", module.text());
    count("/module", logged_count(&world).await);
    let page = alice.click(&module, "Next ▶").await;
    assert!(page.text().contains("Second"), "{}", page.text());
    count("page button", logged_count(&world).await);
    let question = alice.click(&page, "Start the exercises (1)").await;
    assert!(question.text().contains("Listening comes before action"));
    count("start exercises button", logged_count(&world).await);
    let result = alice.click(&question, "True").await;
    assert!(
        result.text().contains("Badge finisher"),
        "{}",
        result.text()
    );
    count("answer button", logged_count(&world).await);
    world.bot.stop().await;
    counts
}

/// The statements `/cohort report` ran for a facilitator of a small course whose
/// `trainees` trainees each have a history (modules, sessions attended, conversations,
/// badges).
pub async fn count_report_statements(backend: Backend, trainees: usize) -> u64 {
    let (_pack, world) = generated_world(backend, SMALL).await;
    for n in 0..trainees {
        let member = trainee(&world, &format!("trainee{n}")).await;
        give_history(&world, UserId(member.id().get()), SMALL).await;
    }
    let before = logged_count(&world).await;
    let report = world.facilitator.slash("cohort report", []).await;
    let csv = report.attachment("report.csv").expect("the report's CSV");
    let rows = String::from_utf8_lossy(&csv.data).lines().count();
    assert_eq!(rows, trainees + 1, "a header and a row per trainee");
    let statements = logged_count(&world).await - before;
    world.bot.stop().await;
    statements
}

/// The statements `/module` ran for a trainee opening, a second time, the module they are in.
pub async fn statements_of_reopening_a_module(backend: Backend) -> Vec<String> {
    let (_pack, world) = generated_world(backend, SMALL).await;
    let alice = trainee(&world, "alice").await;
    let first = alice.slash("module", []).await;
    assert!(first.text().contains("Module m1"), "{}", first.text());
    let opening = taken(&world).await;
    assert!(
        opening
            .iter()
            .any(|s| s.starts_with("INSERT INTO module_progress")),
        "the first opening records the start: {opening:?}"
    );
    let again = alice.slash("module", []).await;
    assert_eq!(again.text(), first.text(), "reopened where they were");
    let statements = taken(&world).await;
    world.bot.stop().await;
    statements
}

/// The statements `/progress` ran for a trainee asking a third time, and those `/module`
/// ran after they turned a page: what is read again when nothing the answer shows has
/// changed but the page, which the bot wrote itself.
pub async fn statements_of_asking_again(backend: Backend) -> (Vec<String>, Vec<String>) {
    let (_pack, world) = generated_world(backend, SMALL).await;
    let alice = trainee(&world, "alice").await;
    // The first command also records the locale Discord reports for her, a change to her
    // settings, so what it read is read again by the second.
    alice.slash("progress", []).await;
    let first = alice.slash("progress", []).await;
    taken(&world).await;
    let again = alice.slash("progress", []).await;
    assert_eq!(again.text(), first.text(), "the same progress");
    let asking_again = taken(&world).await;
    // Opening the module records its start, so what `/module` read then is read again.
    let module = alice.slash("module", []).await;
    alice.click(&module, "Next ▶").await;
    let reopened = alice.slash("module", []).await;
    assert!(reopened.text().contains("Second"), "{}", reopened.text());
    let page = alice.click(&reopened, "◀ Previous").await;
    assert!(page.text().contains("First"), "{}", page.text());
    taken(&world).await;
    let reopened = alice.slash("module", []).await;
    assert!(reopened.text().contains("First"), "{}", reopened.text());
    let after_the_page = taken(&world).await;
    world.bot.stop().await;
    (asking_again, after_the_page)
}

/// Whether `statement` is one of the wide reads of a member's cohorts with their work.
pub fn reads_a_members_work(statement: &str) -> bool {
    ["SELECT c.*, s.current_cohort_id", "SELECT c.*, CAST(CASE"]
        .iter()
        .any(|start| statement.starts_with(start))
}

/// A cohort on a generated course of `size`, and the folder holding its pack (kept while
/// the world runs).
async fn generated_world(backend: Backend, size: Size) -> (tempfile::TempDir, World) {
    let dir = tempfile::tempdir().unwrap();
    write_pack(dir.path(), size);
    let prompts = dir.path().to_str().unwrap();
    let spec = CohortSpec {
        backend,
        ..CohortSpec::new(prompts, "generated")
    };
    let clock = TestClock::at(Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap());
    let world = world_of(spec, clock).await;
    (dir, world)
}

/// Counts on a small and a large course, side by side, as lines of a table.
pub fn table(small: &[(&str, u64)], large: &[(&str, u64)]) -> Vec<String> {
    small
        .iter()
        .zip(large)
        .map(|((name, s), (_, l))| format!("{name:<24} {s:>6} {l:>6}"))
        .collect()
}

/// What a course of `size` holds and what its trainee has done, for a printed header.
pub fn describe(size: Size) -> String {
    format!(
        "{} modules, {} badges, {} pathway(s), {} series; the trainee has done {} modules, \
         attended {} sessions and logged {} conversation(s)",
        size.modules(),
        size.badges(),
        size.pathways,
        size.series,
        size.path_modules - 1 + size.pathways,
        2 * size.series,
        size.conversations
    )
}
