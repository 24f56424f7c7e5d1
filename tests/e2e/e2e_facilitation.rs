//! Facilitators' work end to end: certificates awarded and revoked with the role following,
//! reflections read and answered with the trainee told, pathway choices opening modules.

use crate::learning::{guild, role_named, trainee, world, World};
use cohortbot::model::{CohortId, UserId};
use fake_discord::{FakeUser, Reply};

const MINI: &str = "tests/fixtures/packs/valid";

async fn cohort_id(world: &World) -> CohortId {
    world
        .bot
        .store
        .list_cohorts(guild(&world.bot), false)
        .await
        .unwrap()[0]
        .id
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

async fn pass_basics(user: &FakeUser) -> Reply {
    let page = user.slash("module", [("module", "basics")]).await;
    let question = user.click(&page, "Start the exercises (2)").await;
    let feedback = user.click(&question, "True").await;
    let question = user.click(&feedback, "Next question (2 of 2)").await;
    user.select(&question, "Choose one", ["Listening"]).await
}

async fn reflect(user: &FakeUser, text: &str) -> Reply {
    let page = user.slash("module", [("module", "practice")]).await;
    let question = user.click(&page, "Start the exercises (1)").await;
    let form = user.click(&question, "Write your reflection").await;
    user.submit(&form, [("reflection", text)]).await
}

fn assert_happened(what: &str, check: impl Fn() -> bool) {
    assert!(check(), "{what} did not happen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_awarded_and_revoked_moves_the_role_and_keeps_the_record() {
    let world = world(MINI, "mini-course").await;
    let cohort = cohort_id(&world).await;
    let alice = trainee(&world, "alice").await;
    let fran = &world.facilitator;

    let early = fran
        .slash(
            "badge award",
            [
                ("member", &alice.mention()),
                ("badge", "certificate"),
                ("reason", "Plan confirmed"),
            ],
        )
        .await;
    assert!(
        early.text().contains("has not yet met") && early.text().contains("“Basics”"),
        "{}",
        early.text()
    );
    let by_trainee = alice
        .slash(
            "badge award",
            [
                ("member", &alice.mention()),
                ("badge", "certificate"),
                ("reason", "me"),
            ],
        )
        .await;
    assert!(
        by_trainee.text().contains("Only the facilitators"),
        "{}",
        by_trainee.text()
    );
    assert!(world
        .bot
        .store
        .badge_awards_of_member(cohort, user_id(&alice))
        .await
        .unwrap()
        .is_empty());

    pass_basics(&alice).await;
    let awarded = fran
        .slash(
            "badge award",
            [
                ("member", &alice.mention()),
                ("badge", "certificate"),
                ("reason", "Plan confirmed"),
            ],
        )
        .await;
    assert!(
        awarded.text().contains("Awarded **Certificate**"),
        "{}",
        awarded.text()
    );
    let role = role_named(&world.bot.fake, "Certificate");
    assert_happened("the role is given", || alice.has_role(role.id));
    let award = world
        .bot
        .store
        .badge_awards_of_member(cohort, user_id(&alice))
        .await
        .unwrap()
        .remove(0);
    assert_eq!(award.awarded_by, Some(user_id(fran)));
    assert_eq!(award.reason.as_deref(), Some("Plan confirmed"));

    let revoked = fran
        .slash(
            "badge revoke",
            [
                ("member", &alice.mention()),
                ("badge", "certificate"),
                ("reason", "Issued in error"),
            ],
        )
        .await;
    assert!(
        revoked.text().contains("Revoked **Certificate**"),
        "{}",
        revoked.text()
    );
    assert_happened("the role is taken away", || !alice.has_role(role.id));
    let award = world
        .bot
        .store
        .badge_awards_of_member(cohort, user_id(&alice))
        .await
        .unwrap()
        .remove(0);
    assert_eq!(award.revoke_reason.as_deref(), Some("Issued in error"));
    assert_eq!(award.revoked_by, Some(user_id(fran)));
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_answers_a_private_reflection_and_only_the_right_people_read_it() {
    let world = world(MINI, "mini-course").await;
    let cohort = cohort_id(&world).await;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    pass_basics(&alice).await;
    reflect(&alice, "I will start by listening to three neighbours.").await;
    let id = world
        .bot
        .store
        .list_reflections(cohort, false)
        .await
        .unwrap()[0]
        .id
        .to_string();

    let listed = world
        .facilitator
        .slash("reflections list", [("unreviewed", "true")])
        .await;
    assert!(
        listed.text().contains(&format!("#{id}")) && listed.text().contains("new"),
        "{}",
        listed.text()
    );
    let own = alice.slash("reflections read", [("number", &id)]).await;
    assert!(own.text().contains("three neighbours"), "{}", own.text());
    let other = bob.slash("reflections read", [("number", &id)]).await;
    assert!(
        other
            .text()
            .contains("no reflection with that number that you may read"),
        "{}",
        other.text()
    );
    assert!(!bob
        .slash("reflections list", [])
        .await
        .text()
        .contains("three neighbours"));
    let refused = bob
        .slash("reflections reply", [("number", &id), ("text", "nice")])
        .await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );

    let reply = world
        .facilitator
        .slash(
            "reflections reply",
            [
                ("number", &id),
                ("text", "Good plan: ask them what they would change first."),
            ],
        )
        .await;
    assert!(reply.text().contains("marked reviewed"), "{}", reply.text());
    world.bot.step().await;
    assert_happened("the trainee is told by DM", || {
        alice
            .dms()
            .iter()
            .any(|m| m.text().contains("ask them what they would change"))
    });
    let stored = world
        .bot
        .store
        .list_reflections(cohort, false)
        .await
        .unwrap()
        .remove(0);
    assert!(stored.reviewed_at.is_some());
    assert_eq!(
        stored.reply.as_deref(),
        Some("Good plan: ask them what they would change first.")
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pathway_choice_opens_its_module_and_facilitators_see_it() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let before = alice.slash("module", [("module", "deep-dive")]).await;
    assert!(
        before.text().contains("not part of your course"),
        "{}",
        before.text()
    );

    let routes = alice
        .autocomplete("pathway choose", [("route", "go")])
        .await;
    let offered: Vec<String> = routes.choices().iter().map(|c| c.name.clone()).collect();
    assert_eq!(offered, ["Go deeper", "Go wider"]);
    let menu = alice.slash("pathway choose", []).await;
    assert!(
        menu.text().contains("Which route will you take next?"),
        "{}",
        menu.text()
    );
    let chosen = alice
        .select(&menu, "Next steps: choose your route", ["Go deeper"])
        .await;
    assert!(
        chosen.text().contains("You chose “Go deeper”") && chosen.text().contains("“Deep dive”"),
        "{}",
        chosen.text()
    );
    assert!(alice.slash("course", []).await.text().contains("Deep dive"));
    let opened = alice.slash("module", [("module", "deep-dive")]).await;
    assert!(opened.text().contains("Going deeper"), "{}", opened.text());
    let question = alice.click(&opened, "Start the exercises (1)").await;
    let form = alice.click(&question, "Write your reflection").await;
    alice
        .submit(
            &form,
            [("reflection", "I am going deeper into community enterprise.")],
        )
        .await;
    world.bot.step().await;
    let channel = world.channel;
    assert_happened("the shared reflection is posted", || {
        world
            .bot
            .fake
            .messages(channel)
            .iter()
            .any(|m| m.text().contains("going deeper into community enterprise"))
    });
    let posted = world
        .bot
        .fake
        .messages(channel)
        .into_iter()
        .find(|m| m.text().contains("going deeper"))
        .unwrap();
    assert_happened("a thread for replies", || {
        world
            .bot
            .fake
            .threads(channel)
            .iter()
            .any(|t| t.name.starts_with("Reflection on Deep dive"))
    });
    assert!(posted.content.contains(&alice.mention()));

    let seen = world.facilitator.slash("pathway choices", []).await;
    assert!(
        seen.text().contains(&alice.mention()) && seen.text().contains("Go deeper"),
        "{}",
        seen.text()
    );
    let refused = alice.slash("pathway choices", []).await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    world.bot.fake.assert_no_violations();
}
