//! Each command and button runs a fixed number of SQL statements, whatever the size of the
//! course (modules, badges, pathways, series) and of the trainee's history: the counts on a
//! small course with a short history equal those on a large one with a long history.

#[macro_use]
#[path = "common/bot.rs"]
mod bot;
#[path = "common/learning.rs"]
mod learning;
#[path = "common/query_counts.rs"]
mod query_counts;
#[path = "common/statements.rs"]
mod statements;

use bot::Backend;
use query_counts::{
    count_report_statements, count_statements, reads_a_members_work, statements_of_asking_again,
    statements_of_reopening_a_module, LARGE, SMALL,
};

e2e_tests!(
    each_command_runs_as_many_statements_on_a_large_course_as_on_a_small_one,
    the_report_runs_as_many_statements_for_many_trainees_as_for_one,
    reopening_a_module_writes_nothing,
    asking_again_reads_a_members_work_again_only_where_it_is_not_kept,
);

async fn each_command_runs_as_many_statements_on_a_large_course_as_on_a_small_one(
    backend: Backend,
) {
    let _alone = statements::alone().await;
    let small = count_statements(backend, SMALL).await;
    let large = count_statements(backend, LARGE).await;
    for line in query_counts::table(&small, &large) {
        eprintln!("{backend:?}: {line}");
    }
    assert_eq!(
        small, large,
        "statements per command, small vs large course"
    );
    for (command, statements) in &small {
        assert!(
            *statements > 0,
            "{command} ran no statement: the counter is not counting"
        );
    }
}

async fn the_report_runs_as_many_statements_for_many_trainees_as_for_one(backend: Backend) {
    let _alone = statements::alone().await;
    let one = count_report_statements(backend, 1).await;
    let many = count_report_statements(backend, 8).await;
    eprintln!("{backend:?}: /cohort report {one:>6} {many:>6}");
    assert!(one > 0, "the counter is not counting");
    assert_eq!(one, many, "statements of /cohort report, 1 vs 8 trainees");
}

/// Opened before, a module is shown from what was read: the only write is taking the
/// interaction on, on PostgreSQL (`WITH unsynced … INSERT INTO handled_interactions`).
async fn reopening_a_module_writes_nothing(backend: Backend) {
    let _alone = statements::alone().await;
    let statements = statements_of_reopening_a_module(backend).await;
    assert!(!statements.is_empty(), "the counter is not counting");
    let writes: Vec<&String> = statements
        .iter()
        .filter(|s| {
            ["INSERT", "UPDATE", "DELETE"]
                .iter()
                .any(|w| s.starts_with(w))
        })
        .collect();
    assert!(writes.is_empty(), "{writes:?} among {statements:?}");
}

/// On SQLite a member's work read once is kept, and asking again reads only the stamps that
/// say it has not changed; a page the member turned is put in what is kept as it is written.
/// On PostgreSQL nothing is kept (`store/facts_cache.rs`).
async fn asking_again_reads_a_members_work_again_only_where_it_is_not_kept(backend: Backend) {
    let _alone = statements::alone().await;
    let (asking_again, after_the_page) = statements_of_asking_again(backend).await;
    for (when, statements) in [
        ("asking again", &asking_again),
        ("after a page", &after_the_page),
    ] {
        assert!(!statements.is_empty(), "the counter is not counting");
        let read_again = statements.iter().any(|s| reads_a_members_work(s));
        assert_eq!(
            read_again,
            backend == Backend::Postgres,
            "{when}: {statements:?}"
        );
    }
}
