//! The listening campaign end to end, through the Discord stand-in: a trainee logs a
//! one-to-one in a form, sees, changes and deletes it, erases all of theirs; nobody else
//! reads a record (a forged button is refused); progress and the cohort's issues show counts
//! only; bad input is refused with nothing saved; a follow-up date brings a DM that day.

use std::sync::Arc;

use crate::bot::{Backend, TestClock};
use crate::learning;
use crate::learning::{log_conversation, trainee, World};
use chrono::{NaiveDate, TimeZone, Utc};
use cohortbot::model::listening::{Conversation, ListeningRecord};
use cohortbot::model::UserId;
use fake_discord::FakeUser;

e2e_tests!(
    a_trainee_logs_sees_changes_and_deletes_a_conversation,
    nobody_else_reads_a_record_and_the_cohort_sees_counts_only,
    bad_input_is_refused_and_nothing_is_saved,
    a_member_erases_all_their_conversations_in_one_command,
    a_follow_up_date_brings_a_reminder_that_day_unless_the_record_is_gone,
    a_facilitator_merges_a_theme_a_trainee_added,
    twenty_conversations_one_with_a_group_rarely_heard_earn_the_listening_badge,
);

const GROUP: &str = "Neighbours around the institution";
const EXCLUDED: &str = "People the institution rarely hears from";
/// Monday 5 October 2026, 10:00 in London: a month into the cohort.
fn monday() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap()
}

async fn world(backend: Backend) -> (World, Arc<TestClock>) {
    let clock = TestClock::at(monday());
    let world = learning::world_on("prompts", "two-day-training", clock.clone(), backend).await;
    (world, clock)
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

async fn records(world: &World, user: &FakeUser) -> Vec<ListeningRecord> {
    world
        .bot
        .store
        .listening_records(world.cohort.id, Some(user_id(user)))
        .await
        .unwrap()
}

async fn a_trainee_logs_sees_changes_and_deletes_a_conversation(backend: Backend) {
    let (world, _) = world(backend).await;
    let alice = trainee(&world, "alice").await;

    let form = alice
        .slash(
            "listen log",
            [("group", GROUP), ("issues", "housing, Bins")],
        )
        .await;
    let modal = form.modal().expect("a form opens");
    assert!(modal.title.contains("private"), "{}", modal.title);
    let inputs = modal.text_inputs();
    assert!(
        inputs[0]
            .placeholder
            .as_deref()
            .is_some_and(|p| p.contains("Only you and your facilitators")),
        "the form says who reads it: {inputs:?}"
    );
    let issues = inputs.iter().find(|i| i.matches("issues")).unwrap();
    assert_eq!(
        issues.value.as_deref(),
        Some("Housing, Bins"),
        "the course's spelling"
    );
    for input in &inputs {
        let label = input.label.as_deref().unwrap_or_default().to_lowercase();
        assert!(
            ["phone", "mail", "address", "full name"]
                .iter()
                .all(|asked| !label.contains(asked)),
            "no field asks for contact details: {label}"
        );
    }
    let logged = alice
        .submit(
            &form,
            [
                ("label", "JB"),
                ("place", "the market"),
                ("energy", "Angry about the rent rise."),
            ],
        )
        .await;
    assert!(logged.is_ephemeral());
    assert!(
        logged
            .text()
            .contains("Logged your conversation with **JB**"),
        "{}",
        logged.text()
    );
    let saved = records(&world, &alice).await;
    assert_eq!(saved.len(), 1);
    let c = &saved[0].conversation;
    assert_eq!(
        (c.stage.as_str(), c.group.as_str(), c.heard_on.to_string()),
        ("core-team", "neighbours", "2026-10-05".into())
    );
    assert_eq!(c.issues, ["Housing", "Bins"]);

    let mine = alice.slash("listen mine", []).await;
    assert!(mine.is_ephemeral());
    assert!(
        mine.text().contains("JB") && mine.text().contains("Housing, Bins"),
        "{}",
        mine.text()
    );
    let edit = alice.click(&mine, "Edit 1").await;
    let modal = edit.modal().expect("the form to change it");
    assert_eq!(modal.text_inputs()[0].value.as_deref(), Some("JB"));
    let changed = alice
        .submit(&edit, [("label", "J.B."), ("issues", "Housing")])
        .await;
    assert!(changed.text().contains("Saved"), "{}", changed.text());
    let saved = records(&world, &alice).await;
    assert_eq!(saved[0].conversation.label, "J.B.");
    assert_eq!(saved[0].conversation.issues, ["Housing"]);

    let mine = alice.slash("listen mine", []).await;
    let deleted = alice.click(&mine, "Delete 1").await;
    assert!(
        deleted
            .text()
            .contains("Deleted your conversation with **J.B.**"),
        "{}",
        deleted.text()
    );
    assert!(records(&world, &alice).await.is_empty());
    world.bot.fake.assert_no_violations();
}

async fn nobody_else_reads_a_record_and_the_cohort_sees_counts_only(backend: Backend) {
    let (world, _) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    log_conversation(&alice, &[("group", GROUP), ("issues", "Housing")], "JB").await;
    log_conversation(
        &alice,
        &[
            ("group", GROUP),
            ("issues", "Housing, Transport"),
            ("date", "2026-09-30"),
        ],
        "MK",
    )
    .await;
    let record = records(&world, &alice).await[0].id;

    let bobs = bob.slash("listen mine", []).await;
    assert!(!bobs.text().contains("JB"), "{}", bobs.text());
    for forged in [format!("v1:le:{record}"), format!("v1:ld:{record}")] {
        let refused = bob.forge_click(&bobs, &forged).await;
        assert!(refused.is_ephemeral());
        assert!(
            refused
                .text()
                .contains("Only the person who logged a conversation"),
            "{}",
            refused.text()
        );
        assert!(refused.modal().is_none());
    }
    let refused = bob
        .slash("listen records", [("member", &alice.mention())])
        .await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    let read = world
        .facilitator
        .slash("listen records", [("member", &alice.mention())])
        .await;
    assert!(read.is_ephemeral());
    assert!(read.text().contains("JB"), "{}", read.text());
    assert!(read.buttons().is_empty(), "a facilitator changes nothing");
    let garbled = bob.forge_click(&bobs, "v1:ld:JB").await;
    assert!(
        garbled.text().contains("I do not recognise this button"),
        "{}",
        garbled.text()
    );
    assert_eq!(records(&world, &alice).await.len(), 2, "nothing deleted");

    let issues = bob.slash("listen issues", []).await;
    let chart = issues
        .attachment("issues.png")
        .expect("a chart of the themes");
    let png = png::Decoder::new(std::io::Cursor::new(chart.data.as_slice()))
        .read_info()
        .expect("a valid PNG");
    assert_eq!((png.info().width, png.info().height), (800, 500));
    let text = issues.text();
    assert!(
        text.contains("From 2 conversations. By week: w/c 28 September 1, w/c 5 October 1."),
        "{text}"
    );
    assert!(text.contains("**Housing** — 2"), "{text}");
    assert!(text.contains("**Transport** — 1"), "{text}");
    assert!(
        !text.contains("JB") && !text.contains("MK") && !text.contains("market"),
        "{text}"
    );

    let own = bob.slash("listen progress", []).await;
    assert!(own.text().contains("0 conversations"), "{}", own.text());
    assert!(
        !own.text().contains(&alice.id().to_string()),
        "{}",
        own.text()
    );
    let cohort = world.facilitator.slash("listen progress", []).await;
    let text = cohort.text();
    assert!(
        text.contains(&format!("<@{}> — 2 conversations", alice.id())),
        "{text}"
    );
    assert!(
        text.contains("Core team and first one-to-ones: 2/10"),
        "{text}"
    );
    assert!(text.contains("No excluded group reached yet"), "{text}");
    assert!(!text.contains("JB"), "{text}");

    let report = world.facilitator.slash("cohort report", []).await;
    let csv = report
        .attachment("listening.csv")
        .expect("the themes as CSV")
        .text();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[0].starts_with("theme,added_by_trainee,conversations,stage:core-team,"),
        "{csv}"
    );
    assert!(rows[1].starts_with("Housing,false,2,2,"), "{csv}");
    assert!(
        rows[0].ends_with(",week:2026-09-28,week:2026-10-05"),
        "counted by week: {csv}"
    );
    assert!(rows[2].ends_with(",1,0"), "Transport the first week: {csv}");
    assert!(rows[2].starts_with("Transport,false,1,1,"), "{csv}");
    assert!(
        !csv.contains("JB") && !csv.contains("MK"),
        "no labels: {csv}"
    );
    world.bot.fake.assert_no_violations();
}

async fn bad_input_is_refused_and_nothing_is_saved(backend: Backend) {
    let (world, _) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let long = "x".repeat(51);
    let cases: [(&[(&str, &str)], &str); 5] = [
        (
            &[
                ("group", GROUP),
                ("issues", "Housing"),
                ("date", "2026-10-06"),
            ],
            "is in the future",
        ),
        (&[("group", GROUP), ("issues", " , ")], "at least one issue"),
        (
            &[("group", GROUP), ("issues", &format!("Housing, {long}"))],
            "at most 50 characters",
        ),
        (
            &[("group", "Martians"), ("issues", "Housing")],
            "is not a group of this campaign",
        ),
        (
            &[
                ("group", GROUP),
                ("issues", "Housing"),
                ("follow_up", "2026-10-01"),
            ],
            "has passed",
        ),
    ];
    for (options, refusal) in cases {
        let reply = alice.slash_with("listen log", options).await;
        assert!(reply.modal().is_none(), "{options:?}");
        assert!(reply.is_ephemeral());
        assert!(
            reply.text().contains(refusal),
            "{options:?}: {}",
            reply.text()
        );
    }

    let form = alice
        .slash("listen log", [("group", GROUP), ("issues", "Housing")])
        .await;
    let emptied = alice
        .submit(
            &form,
            [
                ("label", "JB"),
                ("place", "market"),
                ("issues", " ,"),
                ("energy", "x"),
            ],
        )
        .await;
    assert!(
        emptied.text().contains("at least one issue"),
        "{}",
        emptied.text()
    );
    assert!(
        emptied.text().contains("Nothing was saved"),
        "{}",
        emptied.text()
    );
    let contact = alice
        .submit(
            &form,
            [
                ("label", "jb@mail.org"),
                ("place", "market"),
                ("energy", "x"),
            ],
        )
        .await;
    assert!(
        contact.text().contains("looks like an e-mail address"),
        "{}",
        contact.text()
    );
    assert!(records(&world, &alice).await.is_empty());

    let refused = alice
        .slash("listen merge", [("from", "Housing"), ("into", "Transport")])
        .await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    world.bot.fake.assert_no_violations();
}

async fn a_member_erases_all_their_conversations_in_one_command(backend: Backend) {
    let (world, _) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    log_conversation(&alice, &[("group", GROUP), ("issues", "Housing")], "JB").await;
    log_conversation(&alice, &[("group", EXCLUDED), ("issues", "Schools")], "MK").await;
    log_conversation(&bob, &[("group", GROUP), ("issues", "Housing")], "TT").await;

    let ask = alice.slash("listen erase", []).await;
    assert!(ask.text().contains("all 2 conversations"), "{}", ask.text());
    assert_eq!(
        records(&world, &alice).await.len(),
        2,
        "nothing before the confirm"
    );
    let done = alice.click(&ask, "Erase all my conversations").await;
    assert!(
        done.text().contains("Erased the 2 conversations"),
        "{}",
        done.text()
    );
    assert!(records(&world, &alice).await.is_empty());
    assert_eq!(records(&world, &bob).await.len(), 1, "bob's stay");
    world.bot.fake.assert_no_violations();
}

async fn a_follow_up_date_brings_a_reminder_that_day_unless_the_record_is_gone(backend: Backend) {
    let (world, clock) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let kept = log_conversation(
        &alice,
        &[
            ("group", GROUP),
            ("issues", "Housing"),
            ("follow_up", "2026-10-07"),
        ],
        "JB",
    )
    .await;
    assert!(kept.text().contains("I will remind you"), "{}", kept.text());
    log_conversation(
        &alice,
        &[
            ("group", GROUP),
            ("issues", "Transport"),
            ("follow_up", "2026-10-07"),
        ],
        "MK",
    )
    .await;
    let mine = alice.slash("listen mine", []).await;
    alice.click(&mine, "Delete 1").await;

    world.bot.step().await;
    assert!(!alice.dms().iter().any(|m| m.content.contains("Follow-up")));
    // 9:00 in London on 7 October (BST).
    clock.set(Utc.with_ymd_and_hms(2026, 10, 7, 8, 0, 0).unwrap());
    world.bot.step().await;
    let follow_ups: Vec<String> = alice
        .dms()
        .into_iter()
        .map(|m| m.content)
        .filter(|c| c.contains("Follow-up today"))
        .collect();
    assert_eq!(follow_ups.len(), 1, "{follow_ups:?}");
    assert!(follow_ups[0].contains("**JB**"), "{follow_ups:?}");
    world.bot.fake.assert_no_violations();
}

async fn a_facilitator_merges_a_theme_a_trainee_added(backend: Backend) {
    let (world, _) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    log_conversation(&alice, &[("group", GROUP), ("issues", "Rents")], "JB").await;
    log_conversation(&alice, &[("group", EXCLUDED), ("issues", "Housing")], "MK").await;

    let offered = alice
        .autocomplete("listen log", [("group", GROUP), ("issues", "Schools, re")])
        .await;
    let names: Vec<&str> = offered.choices().iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"Schools, Rents"), "{names:?}");

    let merged = world
        .facilitator
        .slash("listen merge", [("from", "rents"), ("into", "Housing")])
        .await;
    assert!(
        merged.text().contains("Merged “Rents” into “Housing”"),
        "{}",
        merged.text()
    );
    let issues = alice.slash("listen issues", []).await;
    assert!(
        issues.text().contains("**Housing** — 2"),
        "{}",
        issues.text()
    );
    assert!(!issues.text().contains("Rents"), "{}", issues.text());
    let progress = alice.slash("listen progress", []).await;
    assert!(
        !progress.text().contains("No excluded group"),
        "{}",
        progress.text()
    );
    world.bot.fake.assert_no_violations();
}

async fn twenty_conversations_one_with_a_group_rarely_heard_earn_the_listening_badge(
    backend: Backend,
) {
    let clock = TestClock::at(monday());
    let world = learning::world_on("prompts", "community-organisers", clock, backend).await;
    let alice = trainee(&world, "alice").await;
    let earlier = Conversation {
        stage: "people-you-know".into(),
        group: "people-you-know".into(),
        heard_on: NaiveDate::from_ymd_opt(2026, 9, 20).unwrap(),
        label: "A".into(),
        place: "home".into(),
        issues: vec!["Housing and rents".into()],
        energy: "Wants a fair landlord.".into(),
        follow_up_on: None,
    };
    for _ in 0..19 {
        let store = &world.bot.store;
        store
            .add_listening_record(world.cohort.id, user_id(&alice), &earlier, 0)
            .await
            .unwrap();
    }
    let badges = alice.slash("badges show", []).await;
    assert!(
        badges.text().contains(
            "log 1 more conversation with people from the groups rarely heard (0 of 1 so far)"
        ),
        "{}",
        badges.text()
    );

    let logged = log_conversation(
        &alice,
        &[
            ("group", "Older people living alone"),
            ("issues", "Loneliness and isolation"),
        ],
        "RT",
    )
    .await;
    assert!(logged.text().contains("Logged"), "{}", logged.text());
    let awards = world
        .bot
        .store
        .badge_awards_of_member(world.cohort.id, user_id(&alice))
        .await
        .unwrap();
    let held: Vec<&str> = awards.iter().map(|a| a.badge_id.as_str()).collect();
    assert_eq!(held, ["deep-listener"]);
    world.bot.fake.assert_no_violations();
}
