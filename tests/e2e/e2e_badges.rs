//! `/badges export` end to end: a trainee gets one Open Badges credential file per badge they
//! hold, a revoked badge is left out, and the files verify.

use crate::bot::{Backend, TestClock};
use crate::learning::{trainee, world_on, World};
use chrono::{TimeZone, Utc};
use cohortbot::domain::credentials::{self, IssuerSettings};
use cohortbot::model::{NewBadgeAward, UserId};

e2e_tests!(
    a_trainee_gets_a_file_per_badge_held_and_none_for_a_revoked_one,
    a_trainee_without_badges_is_told_there_is_nothing_to_export,
);

const MINI: &str = "tests/fixtures/packs/valid";

/// 1 March 2026, 09:00 UTC, in seconds.
const START: i64 = 1_772_355_600;

async fn world(backend: Backend) -> World {
    let clock = TestClock::at(Utc.timestamp_opt(START, 0).unwrap());
    world_on(MINI, "mini-course", clock, backend).await
}

async fn a_trainee_gets_a_file_per_badge_held_and_none_for_a_revoked_one(backend: Backend) {
    let world = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let user = UserId(alice.id().get());
    for badge in ["finisher", "certificate"] {
        world
            .bot
            .store
            .award_badge(&NewBadgeAward {
                cohort_id: world.cohort.id,
                user_id: user,
                badge_id: badge.into(),
                awarded_by: None,
                reason: None,
                awarded_at: START * 1000,
            })
            .await
            .unwrap();
    }
    let revoke = [
        ("member", alice.mention()),
        ("badge", "certificate".to_string()),
        ("reason", "Issued in error".to_string()),
    ];
    let revoked = world
        .facilitator
        .slash(
            "badge revoke",
            revoke.each_ref().map(|(k, v)| (*k, v.as_str())),
        )
        .await;
    assert!(revoked.text().contains("Revoked"), "{}", revoked.text());

    let reply = alice.slash("badges export", []).await;

    assert!(reply.is_ephemeral());
    assert!(
        reply.text().contains("Your 1 badge credential"),
        "{}",
        reply.text()
    );
    assert!(reply.text().contains("Finisher"), "{}", reply.text());
    let names: Vec<&str> = reply
        .attachments()
        .iter()
        .map(|a| a.filename.as_str())
        .collect();
    assert_eq!(
        names,
        ["finisher.jwt"],
        "one file, the revoked badge left out"
    );
    let jws = reply.attachment("finisher.jwt").unwrap().text();
    let opened = credentials::open(&jws).expect("a signed credential");
    let subject = &opened.claims["credentialSubject"];
    assert_eq!(subject["achievement"]["name"], "Finisher");
    assert_eq!(
        subject["id"],
        format!("https://discord.com/users/{}", alice.id())
    );
    assert_eq!(opened.claims["issuer"]["name"], "Test Organisers");
    let settings = IssuerSettings {
        name: "Test Organisers".into(),
        url: None,
        key_file: None,
        valid_months: None,
    };
    let verdict = credentials::verify(&world.bot.store, &settings, &jws, START * 1000 + 1)
        .await
        .unwrap();
    assert!(verdict.is_ok(), "{verdict:?}");
    world.bot.fake.assert_no_violations();
}

async fn a_trainee_without_badges_is_told_there_is_nothing_to_export(backend: Backend) {
    let world = world(backend).await;
    let bob = trainee(&world, "bob").await;

    let reply = bob.slash("badges export", []).await;

    assert!(reply.is_ephemeral());
    assert!(reply.attachments().is_empty());
    assert!(
        reply
            .text()
            .contains("You hold no badges in this cohort yet"),
        "{}",
        reply.text()
    );
}
