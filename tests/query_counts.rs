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
    count_report_statements, count_statements, statements_of_reopening_a_module, LARGE, SMALL,
};

e2e_tests!(
    each_command_runs_as_many_statements_on_a_large_course_as_on_a_small_one,
    the_report_runs_as_many_statements_for_many_trainees_as_for_one,
    reopening_a_module_writes_nothing,
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
