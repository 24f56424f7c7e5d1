//! The audit log end to end: facilitators' enrolments, badge awards and revocations and
//! reviews are recorded with who and when, and `/cohort audit` shows them to facilitators.

use crate::bot::{Backend, TestClock};
use crate::learning::{trainee, world_on, World};
use chrono::{TimeZone, Utc};
use cohortbot::model::{AuditAction, UserId};
use fake_discord::{FakeUser, MemberSpec, Reply};

e2e_tests!(
    each_change_of_standing_is_listed_newest_first_with_who_and_when,
    only_facilitators_read_the_audit_log,
);

const MINI: &str = "tests/fixtures/packs/valid";

/// 1 March 2026, 09:00 UTC, in seconds.
const START: i64 = 1_772_355_600;

async fn world(backend: Backend) -> (World, std::sync::Arc<TestClock>) {
    let clock = TestClock::at(Utc.timestamp_opt(START, 0).unwrap());
    let world = world_on(MINI, "mini-course", clock.clone(), backend).await;
    (world, clock)
}

async fn pass_basics(user: &FakeUser) {
    let page = user.slash("module", [("module", "basics")]).await;
    let question = user.click(&page, "Start the exercises (2)").await;
    let feedback = user.click(&question, "True").await;
    let question = user.click(&feedback, "Next question (2 of 2)").await;
    user.select(&question, "Choose one", ["Listening"]).await;
}

async fn reflect(user: &FakeUser, text: &str) {
    let page = user.slash("module", [("module", "practice")]).await;
    let question = user.click(&page, "Start the exercises (1)").await;
    let form = user.click(&question, "Write your reflection").await;
    user.submit(&form, [("reflection", text)]).await;
}

async fn audit(user: &FakeUser, options: &[(&str, &str)]) -> Reply {
    user.slash_with("cohort audit", options).await
}

async fn each_change_of_standing_is_listed_newest_first_with_who_and_when(backend: Backend) {
    let (world, clock) = world(backend).await;
    let fran = &world.facilitator;
    let (f, minute) = (fran.mention(), chrono::Duration::minutes(1));
    let empty = audit(fran, &[]).await;
    assert!(
        empty.text().contains("Nothing recorded yet"),
        "{}",
        empty.text()
    );

    let alice = trainee(&world, "alice").await;
    let bob = world.bot.fake.add_member(MemberSpec::new("bob"));
    let enrolled = fran
        .slash(
            "cohort enroll",
            [("as", "Mentor"), ("member", &bob.mention())],
        )
        .await;
    assert!(
        enrolled.text().contains("Enrolled 1 person"),
        "{}",
        enrolled.text()
    );
    clock.advance(minute);
    let a = alice.mention();
    let award = [
        ("member", a.as_str()),
        ("badge", "certificate"),
        ("reason", "Plan confirmed by phone"),
        ("despite_missing", "true"),
    ];
    let awarded = fran.slash("badge award", award).await;
    assert!(awarded.text().contains("Awarded"), "{}", awarded.text());
    clock.advance(minute);
    let revoke = [
        ("member", a.as_str()),
        ("badge", "certificate"),
        ("reason", "Issued in error"),
    ];
    fran.slash("badge revoke", revoke).await;
    clock.advance(minute);
    pass_basics(&alice).await;
    reflect(&alice, "I will start by listening to three neighbours.").await;
    let cohort = world.cohort.id;
    let reflection = world
        .bot
        .store
        .list_reflections(cohort, false)
        .await
        .unwrap()[0]
        .id;
    let number = reflection.to_string();
    fran.slash(
        "reflections reply",
        [("number", number.as_str()), ("text", "Good plan.")],
    )
    .await;

    let b = bob.mention();
    let log = audit(fran, &[]).await;
    assert!(log.is_ephemeral());
    let expected = [
        format!(
            "<t:{}:f> {f} reviewed {a}'s reflection #{reflection}, with a reply",
            START + 180
        ),
        format!(
            "<t:{}:f> {f} revoked “Certificate” (Issued in error) from {a}",
            START + 120
        ),
        format!(
            "<t:{}:f> {f} awarded {a} “Certificate” (Plan confirmed by phone)",
            START + 60
        ),
        format!("<t:{START}:f> {f} enrolled {b} as mentor"),
    ];
    assert!(log.text().contains(&expected.join("\n")), "{}", log.text());
    assert!(log.text().contains("All 4 entries."), "{}", log.text());

    let latest = audit(fran, &[("latest", "2")]).await;
    assert!(
        latest.text().contains(&expected[..2].join("\n")),
        "{}",
        latest.text()
    );
    assert!(!latest.text().contains("awarded"), "{}", latest.text());
    assert!(
        latest.text().contains("The latest 2 of 4 entries"),
        "{}",
        latest.text()
    );

    let stored = world
        .bot
        .store
        .latest_audit_entries(cohort, 15)
        .await
        .unwrap();
    let actions: Vec<AuditAction> = stored.iter().map(|e| e.action).collect();
    use AuditAction::*;
    assert_eq!(actions, [Review, Revoke, Award, Enrol]);
    assert!(stored.iter().all(|e| e.actor == UserId(fran.id().get())));
    world.bot.fake.assert_no_violations();
}

async fn only_facilitators_read_the_audit_log(backend: Backend) {
    let (world, _clock) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let fran = &world.facilitator;
    fran.slash(
        "cohort enroll",
        [("as", "Mentor"), ("member", &alice.mention())],
    )
    .await;

    let refused = audit(&alice, &[]).await;
    assert!(refused.is_ephemeral());
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    assert!(!refused.text().contains("enrolled"), "{}", refused.text());
}
