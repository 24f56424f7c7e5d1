//! A member's data through the Discord stand-in, on SQLite and on PostgreSQL (when
//! `COHORTBOT_TEST_POSTGRES_URL` is set): `/mydata` sends them every row that names them and
//! no one else's; a facilitator of their cohort erases it with `/cohort forget` after a
//! confirmation, keeping only anonymous counts; anyone else is refused.

use crate::learning;
use crate::learning::{CohortSpec, World};
use chrono::{NaiveDate, Utc};
use cohortbot::model::listening::Conversation;
use cohortbot::model::UserId;
use fake_discord::{FakeUser, Reply};
use serde_json::Value;

use crate::bot::{Backend, TestClock};

e2e_tests!(
    mydata_sends_a_member_every_row_that_names_them_and_no_one_elses,
    a_facilitator_erases_a_members_data_after_confirming_keeping_only_anonymous_rows,
    only_a_facilitator_of_their_cohort_erases_and_a_forged_button_changes_nothing,
);

async fn world(backend: Backend) -> World {
    let spec = CohortSpec {
        backend,
        ..CohortSpec::new("prompts", "community-organisers")
    };
    learning::world_of(spec, TestClock::at(Utc::now())).await
}

/// A trainee with a profile and one logged conversation.
async fn member_with_data(world: &World, name: &str, bio: &str) -> FakeUser {
    let user = learning::trainee(world, name).await;
    let form = user.slash("profile edit", []).await;
    let saved = user
        .submit(&form, [("area", "Northside tenants"), ("bio", bio)])
        .await;
    assert!(
        saved.text().contains("Saved your profile"),
        "{}",
        saved.text()
    );
    let conversation = Conversation {
        stage: "core-team".into(),
        group: "neighbours".into(),
        heard_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        label: format!("neighbour of {name}"),
        place: "the market".into(),
        issues: vec!["buses".into()],
        energy: "Wants the evening bus back.".into(),
        follow_up_on: None,
    };
    let author = UserId(user.id().get());
    let store = &world.bot.store;
    store
        .add_listening_record(world.cohort.id, author, &conversation, 0)
        .await
        .unwrap();
    user
}

async fn my_data(user: &FakeUser) -> Value {
    let reply = user.slash("mydata", []).await;
    assert!(reply.is_ephemeral());
    let file = reply.attachment("my-data.json").expect("the file");
    serde_json::from_str(&file.text()).expect("JSON")
}

fn rows<'a>(data: &'a Value, table: &str) -> &'a [Value] {
    data["tables"][table].as_array().map_or(&[], Vec::as_slice)
}

fn said(reply: &Reply, phrase: &str) {
    assert!(reply.is_ephemeral());
    assert!(reply.text().contains(phrase), "{}", reply.text());
}

async fn mydata_sends_a_member_every_row_that_names_them_and_no_one_elses(backend: Backend) {
    let world = world(backend).await;
    let ann = member_with_data(&world, "ann", "I organise on my estate.").await;
    member_with_data(&world, "ben", "Ben's own bio.").await;

    let data = my_data(&ann).await;

    assert_eq!(data["user_id"], ann.id().get().to_string());
    let members = rows(&data, "members");
    assert_eq!(members.len(), 1);
    assert_eq!(members[0]["role"], "trainee");
    assert_eq!(
        rows(&data, "profiles")[0]["bio"],
        "I organise on my estate."
    );
    let records = rows(&data, "listening_records");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["label"], "neighbour of ann");
    assert_eq!(rows(&data, "listening_issues")[0]["theme"], "buses");
    let text = data.to_string();
    assert!(!text.contains("Ben's own bio"), "no one else's data");
    assert!(!text.contains("neighbour of ben"), "no one else's data");
    world.bot.fake.assert_no_violations();
}

async fn a_facilitator_erases_a_members_data_after_confirming_keeping_only_anonymous_rows(
    backend: Backend,
) {
    let world = world(backend).await;
    let ann = member_with_data(&world, "ann", "I organise on my estate.").await;
    let ben = member_with_data(&world, "ben", "Ben's own bio.").await;
    let fran = &world.facilitator;

    let asked = fran
        .slash("cohort forget", [("member", &ann.mention())])
        .await;
    said(&asked, "cannot be undone");
    assert!(
        rows(&my_data(&ann).await, "profiles").len() == 1,
        "not before confirming"
    );
    let erased = fran.click(&asked, "Erase their data").await;

    let text = erased.text();
    assert!(text.contains("profiles 1"), "{text}");
    assert!(text.contains("listening_records 1"), "{text}");
    assert!(text.contains("Kept without their name"), "{text}");
    assert!(text.contains("members 1"), "{text}");
    let data = my_data(&ann).await;
    assert_eq!(
        data["tables"],
        serde_json::json!({}),
        "nothing names her now"
    );
    let bens = my_data(&ben).await;
    assert_eq!(rows(&bens, "profiles")[0]["bio"], "Ben's own bio.");
    let members = world.bot.store.list_members(world.cohort.id, None).await;
    let current: Vec<u64> = members.unwrap().iter().map(|m| m.user_id.0).collect();
    assert!(
        !current.contains(&ann.id().get()),
        "she is no longer listed"
    );
    world.bot.fake.assert_no_violations();
}

async fn only_a_facilitator_of_their_cohort_erases_and_a_forged_button_changes_nothing(
    backend: Backend,
) {
    let world = world(backend).await;
    let ann = member_with_data(&world, "ann", "I organise on my estate.").await;
    let ben = learning::trainee(&world, "ben").await;

    let by_trainee = ben
        .slash("cohort forget", [("member", &ann.mention())])
        .await;
    said(&by_trainee, "Only the facilitators");
    let asked = world
        .facilitator
        .slash("cohort forget", [("member", &ann.mention())])
        .await;
    let forged = ben
        .forge_click(&asked, &format!("v1:fg:{}", ann.id().get()))
        .await;
    said(&forged, "Only the facilitators of a cohort");
    let stranger = world
        .bot
        .fake
        .add_member(fake_discord::MemberSpec::new("sam"));
    let not_theirs = world
        .facilitator
        .slash("cohort forget", [("member", &stranger.mention())])
        .await;
    said(&not_theirs, "Only the facilitators of a cohort");

    let data = my_data(&ann).await;
    assert_eq!(rows(&data, "profiles").len(), 1, "nothing erased");
    assert_eq!(rows(&data, "listening_records").len(), 1);
}
