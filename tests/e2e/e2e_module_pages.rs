//! Turning a module's pages, end to end: the page turned to is where `/module` opens again.
//! It is remembered while the page is shown, so a page the database would not remember, or
//! not in time, is still shown at once, and the trainee is told their place was not saved.

use std::sync::Arc;

use crate::bot::Backend;
use crate::learning::{trainee, world_on, World};
use cohortbot::domain::SystemClock;
use fake_discord::{CallbackType, FakeUser, Reply};
use sqlx::{Connection, Executor, SqliteConnection};

const NEXT: &str = "Next ▶";

e2e_tests!(a_page_turned_is_remembered_or_the_trainee_is_told_it_was_not);

async fn a_page_turned_is_remembered_or_the_trainee_is_told_it_was_not(backend: Backend) {
    let (world, alice, first) = on_the_first_page(backend).await;
    let second = alice.click(&first, NEXT).await;
    assert!(second.followups().is_empty(), "{}", second.text());
    assert_ne!(shown(&second), shown(&first), "the next page is shown");
    let reopened = alice.slash("module", []).await;
    assert_eq!(
        shown(&reopened),
        shown(&second),
        "/module opens on the page turned to"
    );

    refuse_to_remember_pages(&world, backend).await;
    let third = alice.click(&reopened, NEXT).await;

    assert_ne!(
        shown(&third),
        shown(&second),
        "the next page is shown all the same"
    );
    let told: Vec<String> = third.followups().iter().map(|m| m.text()).collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].contains("your place in the module could not be saved"),
        "{told:?}"
    );
    assert!(third.followups()[0].is_ephemeral());
    let reopened = alice.slash("module", []).await;
    assert_eq!(shown(&reopened), shown(&second), "the last page remembered");
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_a_module_whose_progress_was_erased_says_to_open_it_first() {
    let (world, alice, first) = on_the_first_page(Backend::Sqlite).await;
    world
        .bot
        .execute_outside("DELETE FROM module_progress")
        .await;

    let refused = alice.click(&first, NEXT).await;

    assert!(refused.is_ephemeral());
    assert!(
        refused
            .text()
            .contains("You have not opened “Module 1: Organising and mobilising” yet"),
        "{}",
        refused.text()
    );
    let reopened = alice.slash("module", []).await;
    assert_eq!(
        shown(&reopened),
        shown(&first),
        "/module opens it at its first page"
    );
    world.bot.fake.assert_no_violations();
}

/// With another program holding the database's write lock, a page is still shown at once, not
/// acknowledged first; the write, which waits for the lock and gives up, is told after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_turned_while_the_database_is_held_busy_is_shown_at_once_then_told() {
    let (world, alice, first) = on_the_first_page(Backend::Sqlite).await;
    let mut other_writer = SqliteConnection::connect(world.bot.database_url())
        .await
        .unwrap();
    other_writer.execute("BEGIN IMMEDIATE").await.unwrap();

    let while_busy = alice.click(&first, NEXT).await;

    other_writer.execute("ROLLBACK").await.unwrap();
    assert_eq!(while_busy.callback(), Some(CallbackType::UpdateMessage));
    assert_ne!(shown(&while_busy), shown(&first), "the next page is shown");
    let told: Vec<String> = while_busy.followups().iter().map(|m| m.text()).collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("could not be saved"), "{told:?}");
    let reopened = alice.slash("module", []).await;
    assert_eq!(
        shown(&reopened),
        shown(&first),
        "the page remembered before"
    );
}

/// A trainee of a shipped course on `backend`, and the first page of their first module.
async fn on_the_first_page(backend: Backend) -> (World, FakeUser, Reply) {
    let world = world_on(
        "prompts",
        "msf-urban-spaces",
        Arc::new(SystemClock),
        backend,
    )
    .await;
    let alice = trainee(&world, "alice").await;
    let first = alice.slash("module", []).await;
    (world, alice, first)
}

/// What the reply's first message shows.
fn shown(reply: &Reply) -> String {
    reply.message().text()
}

/// Makes the database refuse to change where a member is in a module, as one that fails a
/// statement (a constraint, a lock timeout) while it still reads.
async fn refuse_to_remember_pages(world: &World, backend: Backend) {
    let sql = match backend {
        Backend::Sqlite => {
            "CREATE TRIGGER refuse_page BEFORE UPDATE OF page_index ON module_progress
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        }
        Backend::Postgres => {
            "CREATE FUNCTION refuse_page() RETURNS trigger LANGUAGE plpgsql
                 AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
             CREATE TRIGGER refuse_page BEFORE UPDATE OF page_index ON module_progress
                 FOR EACH ROW EXECUTE FUNCTION refuse_page()"
        }
    };
    world.bot.execute_outside(sql).await;
}
