//! Campaigns end to end, through the Discord stand-in: a facilitator turns a theme the cohort
//! heard into a campaign, sets its SMART goal in a form (refused, with what was typed given
//! back, unless it is measurable and dated), keeps a power analysis, and plans an action that
//! becomes a server event. Once the action has happened, turnout is recorded against the
//! target and the trainees interested in the event are asked, once, in the cohort channel,
//! to evaluate it; only they can, once each, and facilitators read it in `/reflections`.

use std::sync::Arc;

use crate::bot::{Backend, TestClock};
use crate::campaigns::{evaluation_posts, goal_fields, plan_handover};
use crate::learning;
use crate::learning::{trainee, World};
use chrono::{Duration, TimeZone, Utc};
use cohortbot::model::campaigns::CampaignId;
use cohortbot::model::UserId;
use fake_discord::{FakeUser, MemberSpec};

e2e_tests!(
    a_heard_theme_becomes_a_campaign_with_a_checked_goal_a_power_analysis_and_an_event,
    turnout_is_recorded_after_the_action_and_those_who_took_part_evaluate_it_once,
    a_forged_goal_form_or_a_campaign_of_another_cohort_changes_nothing,
    everyone_interested_is_counted_past_discords_page_of_a_hundred,
);

const GOAL_BUTTON: &str = "Set the SMART goal";
const EVALUATE_BUTTON: &str = "Evaluate the action";
/// What only the action's evaluation request says.
const EVALUATION: &str = "How did “Petition handover” go?";

/// Monday 5 October 2026, 10:00 in London.
fn monday() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap()
}

/// The action of these tests: Saturday 10 October, 14:00 in London (13:00 UTC).
fn action_start() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 10, 13, 0, 0).unwrap()
}

/// A cohort whose trainees heard Housing twice and Bins once.
async fn world(backend: Backend) -> (World, Arc<TestClock>) {
    let clock = TestClock::at(monday());
    let world = learning::world_on("prompts", "two-day-training", clock.clone(), backend).await;
    learning::heard(&world, &[&["Housing", "Bins"], &["Housing"]]).await;
    (world, clock)
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

/// The campaign on Housing, with its goal set, as the facilitator opens it.
async fn housing_campaign(world: &World) {
    let started = world
        .facilitator
        .slash("campaign start", [("theme", "housing")])
        .await;
    assert!(
        started.text().contains("Campaign on **Housing** opened"),
        "{}",
        started.text()
    );
    let form = world.facilitator.click(&started, GOAL_BUTTON).await;
    let saved = world
        .facilitator
        .submit(
            &form,
            goal_fields("300 signatures and 2 meetings", "2027-03-31"),
        )
        .await;
    assert!(saved.text().contains("Saved the goal"), "{}", saved.text());
}

async fn a_heard_theme_becomes_a_campaign_with_a_checked_goal_a_power_analysis_and_an_event(
    backend: Backend,
) {
    let (world, _clock) = world(backend).await;
    let fake = &world.bot.fake;
    let alice = trainee(&world, "alice").await;

    let refused = alice.slash("campaign start", [("theme", "Housing")]).await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    let unheard = world
        .facilitator
        .slash("campaign start", [("theme", "Parking")])
        .await;
    assert!(
        unheard.text().contains("not a theme this cohort heard"),
        "{}",
        unheard.text()
    );

    let started = world
        .facilitator
        .slash("campaign start", [("theme", "housing")])
        .await;
    assert!(started.is_ephemeral());
    let twice = world
        .facilitator
        .slash("campaign start", [("theme", "Housing")])
        .await;
    assert!(
        twice.text().contains("already a campaign on “Housing”"),
        "{}",
        twice.text()
    );

    let form = world.facilitator.click(&started, GOAL_BUTTON).await;
    let modal = form.modal().expect("the goal's form opens");
    assert_eq!(modal.text_inputs().len(), 5);
    let vague = world
        .facilitator
        .submit(&form, goal_fields("lots of support", "2027-03-31"))
        .await;
    assert!(
        vague.text().contains("measurable with a number"),
        "{}",
        vague.text()
    );
    assert!(
        vague.text().contains("> Specific: The council repairs"),
        "{}",
        vague.text()
    );
    let store = &world.bot.store;
    assert_eq!(
        store.campaign(CampaignId(1)).await.unwrap().unwrap().goal,
        None
    );

    let form = world
        .facilitator
        .slash("campaign goal", [("campaign", "Housing")])
        .await;
    let undated = world
        .facilitator
        .submit(&form, goal_fields("300 signatures", "by spring"))
        .await;
    assert!(
        undated.text().contains("is not a date"),
        "{}",
        undated.text()
    );
    let past = world
        .facilitator
        .submit(&form, goal_fields("300 signatures", "2026-10-01"))
        .await;
    assert!(past.text().contains("has passed"), "{}", past.text());
    let saved = world
        .facilitator
        .submit(&form, goal_fields("300 signatures", "2027-03-31"))
        .await;
    assert!(
        saved.text().contains("by 31 March 2027"),
        "{}",
        saved.text()
    );
    let goal = store
        .campaign(CampaignId(1))
        .await
        .unwrap()
        .unwrap()
        .goal
        .unwrap();
    assert_eq!(goal.measurable, "300 signatures");
    let prefilled = world
        .facilitator
        .slash("campaign goal", [("campaign", "Housing")])
        .await;
    let inputs = prefilled.modal().expect("the form again").text_inputs();
    assert_eq!(inputs[4].value.as_deref(), Some("2027-03-31"));

    let facilitator = &world.facilitator;
    let power = |name: &'static str, interest: &'static str| async move {
        facilitator
            .slash(
                "campaign power",
                [
                    ("campaign", "Housing"),
                    ("name", name),
                    ("influence", "High"),
                    ("interest", interest),
                    ("note", "Wants to be seen fixing things before May"),
                ],
            )
            .await
    };
    let card = power("Housing committee", "Low").await;
    assert!(
        card.text()
            .contains("**Housing committee** · influence high · interest low"),
        "{}",
        card.text()
    );
    let card = power("housing COMMITTEE", "High").await;
    assert!(card.text().contains("interest high"), "{}", card.text());
    assert_eq!(
        card.text().matches("influence high").count(),
        1,
        "{}",
        card.text()
    );
    let by_trainee = alice
        .slash(
            "campaign power",
            [
                ("campaign", "Housing"),
                ("name", "Landlord"),
                ("influence", "Low"),
                ("interest", "Low"),
            ],
        )
        .await;
    assert!(
        by_trainee.text().contains("Only the facilitators"),
        "{}",
        by_trainee.text()
    );
    let unknown = world
        .facilitator
        .slash(
            "campaign remove-power",
            [("campaign", "Housing"), ("name", "Mayor")],
        )
        .await;
    assert!(
        unknown
            .text()
            .contains("“Mayor” is not in the power analysis"),
        "{}",
        unknown.text()
    );

    let planned = plan_handover(&world.facilitator).await;
    assert!(
        planned.text().contains("aiming for 50 people"),
        "{}",
        planned.text()
    );
    let events = fake.scheduled_events(fake.guild_id());
    let handover = events
        .iter()
        .find(|e| e.name == "Petition handover")
        .unwrap();
    assert_eq!(handover.location.as_deref(), Some("Town hall steps"));
    assert_eq!(handover.start, action_start());

    let seen = alice
        .slash("campaign show", [("campaign", "Housing")])
        .await;
    let text = seen.text();
    for part in [
        "Campaign: Housing",
        "**Measurable:** 300 signatures",
        "**housing COMMITTEE**",
        "**Petition handover**",
        "aiming for 50",
    ] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
    let removed = world
        .facilitator
        .slash(
            "campaign remove-power",
            [("campaign", "Housing"), ("name", "Housing Committee")],
        )
        .await;
    assert!(
        removed.text().contains("Nobody listed yet"),
        "{}",
        removed.text()
    );
    let listed = alice.slash("campaign show", []).await;
    assert!(
        listed.text().contains("**Housing**, by 31 March 2027"),
        "{}",
        listed.text()
    );
    fake.assert_no_violations();
}

async fn turnout_is_recorded_after_the_action_and_those_who_took_part_evaluate_it_once(
    backend: Backend,
) {
    let (world, clock) = world(backend).await;
    let fake = &world.bot.fake;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    let carol = trainee(&world, "carol").await;
    housing_campaign(&world).await;
    plan_handover(&world.facilitator).await;
    let turnout = |attended: &'static str| {
        world.facilitator.slash(
            "campaign turnout",
            [
                ("campaign", "Housing"),
                ("action", "Petition handover"),
                ("attended", attended),
            ],
        )
    };

    let offered = world
        .facilitator
        .autocomplete(
            "campaign turnout",
            [("campaign", "Housing"), ("action", "hand")],
        )
        .await;
    let names: Vec<&str> = offered.choices().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Petition handover"]);
    let offered = world
        .facilitator
        .autocomplete("campaign show", [("campaign", "hou")])
        .await;
    let names: Vec<&str> = offered.choices().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Housing"]);

    let early = turnout("38").await;
    assert!(
        early.text().contains("has not happened yet"),
        "{}",
        early.text()
    );
    let handover = fake
        .scheduled_events(fake.guild_id())
        .into_iter()
        .find(|e| e.name == "Petition handover")
        .unwrap();
    alice.subscribe(handover.id).await;
    bob.subscribe(handover.id).await;
    clock.set(action_start() + Duration::hours(2));

    let recorded = turnout("38").await;
    let text = recorded.text();
    assert!(
        text.contains("38 came of 50 hoped for (2 interested on Discord)"),
        "{text}"
    );
    assert!(
        text.contains("asked the 2 trainees who took part"),
        "{text}"
    );
    assert!(
        evaluation_posts(&world, EVALUATION).is_empty(),
        "posted by the scheduler, not before"
    );
    world.bot.step().await;
    let [post] = &evaluation_posts(&world, EVALUATION)[..] else {
        panic!(
            "one request to evaluate: {:?}",
            fake.messages(world.channel)
        );
    };
    assert!(post.content.contains(&alice.mention()) && post.content.contains(&bob.mention()));
    assert!(!post.content.contains(&carol.mention()), "{}", post.content);

    let not_there = carol.click(post, EVALUATE_BUTTON).await;
    assert!(
        not_there.text().contains("for the trainees who took part"),
        "{}",
        not_there.text()
    );
    assert!(not_there.modal().is_none());
    let form = alice.click(post, EVALUATE_BUTTON).await;
    let thanks = alice
        .submit(
            &form,
            [
                (
                    "evaluate",
                    "We handed in 312 signatures; the chair agreed to a meeting.",
                ),
                (
                    "celebrate",
                    "Twelve tenants spoke, most for the first time.",
                ),
                (
                    "reflect",
                    "Book the room earlier and bring a speaker system.",
                ),
            ],
        )
        .await;
    assert!(
        thanks.text().contains("with the facilitators"),
        "{}",
        thanks.text()
    );
    let again = alice.click(post, EVALUATE_BUTTON).await;
    assert!(
        again.text().contains("already sent your evaluation"),
        "{}",
        again.text()
    );
    let stale = alice
        .submit(
            &form,
            [
                ("evaluate", "Again"),
                ("celebrate", "Again"),
                ("reflect", "Again"),
            ],
        )
        .await;
    assert!(
        stale.text().contains("already sent your evaluation"),
        "{}",
        stale.text()
    );

    let reflections = world
        .bot
        .store
        .list_reflections(world.cohort.id, false)
        .await
        .unwrap();
    assert_eq!(reflections.len(), 1);
    assert_eq!(reflections[0].user_id, user_id(&alice));
    assert!(reflections[0].body.contains("312 signatures"));
    let review = world.facilitator.slash("reflections list", []).await;
    assert!(
        review.text().contains("Action evaluation"),
        "{}",
        review.text()
    );

    let corrected = turnout("41").await;
    assert!(
        corrected.text().contains("41 came of 50"),
        "{}",
        corrected.text()
    );
    assert!(
        corrected.text().contains("already asked"),
        "{}",
        corrected.text()
    );
    world.bot.step().await;
    assert_eq!(evaluation_posts(&world, EVALUATION).len(), 1, "asked once");
    let shown = bob.slash("campaign show", [("campaign", "Housing")]).await;
    assert!(
        shown.text().contains("41 came of 50 hoped for"),
        "{}",
        shown.text()
    );
    fake.assert_no_violations();
}

async fn a_forged_goal_form_or_a_campaign_of_another_cohort_changes_nothing(backend: Backend) {
    let (world, _clock) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    housing_campaign(&world).await;
    let before = world.bot.store.campaign(CampaignId(1)).await.unwrap();

    let own = alice.slash("campaign show", []).await;
    let forged = alice.forge_click(&own, "v1:cg:1").await;
    assert!(
        forged.text().contains("Only the facilitators"),
        "{}",
        forged.text()
    );
    let missing = world
        .facilitator
        .slash("campaign show", [("campaign", "Bins")])
        .await;
    assert!(
        missing.text().contains("There is no campaign on “Bins”"),
        "{}",
        missing.text()
    );
    assert_eq!(
        world.bot.store.campaign(CampaignId(1)).await.unwrap(),
        before
    );
    world.bot.fake.assert_no_violations();
}

async fn everyone_interested_is_counted_past_discords_page_of_a_hundred(backend: Backend) {
    let (world, clock) = world(backend).await;
    let fake = &world.bot.fake;
    let alice = trainee(&world, "alice").await;
    housing_campaign(&world).await;
    plan_handover(&world.facilitator).await;
    let handover = fake
        .scheduled_events(fake.guild_id())
        .into_iter()
        .find(|e| e.name == "Petition handover")
        .unwrap();
    for n in 0..120 {
        fake.add_member(MemberSpec::new(format!("neighbour{n}")))
            .subscribe(handover.id)
            .await;
    }
    alice.subscribe(handover.id).await;
    clock.set(action_start() + Duration::hours(1));
    let recorded = world
        .facilitator
        .slash(
            "campaign turnout",
            [
                ("campaign", "Housing"),
                ("action", "Petition handover"),
                ("attended", "95"),
            ],
        )
        .await;
    let text = recorded.text();
    assert!(text.contains("(121 interested on Discord)"), "{text}");
    assert!(text.contains("asked the trainee who took part"), "{text}");
    fake.assert_no_violations();
}
