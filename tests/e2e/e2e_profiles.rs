//! Profile pages end to end, through the Discord stand-in: a member writes their profile in
//! a form (a link that is not https is refused and what was typed comes back), other members
//! read it with `/profile view` or the **View profile** user menu, see their progress only
//! once they choose to show it, while facilitators always do; outsiders read nothing, and a
//! member erases their profile in one command.

use crate::bot::{Backend, TestClock};
use crate::learning;
use crate::learning::{trainee, World};
use chrono::{TimeZone, Utc};
use cohortbot::domain::snapshots;
use cohortbot::model::hub_qa::{Answer, NewQuestion, Rating, RatingValue};
use cohortbot::model::{GuildId, MessageId, NewBadgeAward, UserId};
use fake_discord::{FakeUser, MemberSpec, Reply};

e2e_tests!(
    members_read_each_others_profiles_and_progress_only_when_it_is_shown,
    a_bad_link_is_refused_with_what_was_typed_and_a_profile_is_erased_in_one_command,
);

const SECRET: &str = "Kept between them and their facilitators.";

async fn world(backend: Backend) -> World {
    let clock = TestClock::at(Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap());
    learning::world_on("prompts", "two-day-training", clock, backend).await
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

async fn write_profile(user: &FakeUser, link: &str) -> Reply {
    let form = user.slash("profile edit", []).await;
    let modal = form.modal().expect("the profile form opens");
    assert_eq!(modal.text_inputs().len(), 5);
    user.submit(
        &form,
        [
            ("area", "Tenants' union, Leeds"),
            (
                "bio",
                "I organise on the estates and run the homework club.",
            ),
            ("link1", link),
        ],
    )
    .await
}

/// An answer of `author`'s in the hub, accepted and rated positive by `rater`.
async fn answered_and_rated(world: &World, author: &FakeUser, rater: &FakeUser) {
    let store = &world.bot.store;
    let guild = GuildId(world.bot.fake.guild_id().get());
    let at = Utc
        .with_ymd_and_hms(2026, 10, 1, 12, 0, 0)
        .unwrap()
        .timestamp_millis();
    let question = store
        .create_question(
            &NewQuestion {
                guild_id: guild,
                asker_id: user_id(rater),
                title: "How do I start a one-to-one?".into(),
                details: "With someone I hardly know.".into(),
                tags: vec![],
            },
            at,
        )
        .await
        .unwrap();
    let answer = MessageId(77);
    store
        .record_hub_answer(&Answer {
            message_id: answer,
            question_id: question.id,
            guild_id: guild,
            author_id: user_id(author),
            posted_at: at,
            accepted_at: None,
            accepted_by: None,
        })
        .await
        .unwrap();
    assert!(store
        .accept_hub_answer(answer, user_id(rater), at)
        .await
        .unwrap());
    store
        .save_rating(&Rating {
            answer_id: answer,
            rater_id: user_id(rater),
            value: RatingValue::Positive,
            comment: None,
            rated_at: at,
            removal: None,
        })
        .await
        .unwrap();
}

async fn stored_area(world: &World, user: &FakeUser) -> Option<String> {
    let guild = GuildId(world.bot.fake.guild_id().get());
    let profile = world.bot.store.profile(guild, user_id(user)).await.unwrap();
    profile.map(|p| p.area)
}

async fn members_read_each_others_profiles_and_progress_only_when_it_is_shown(backend: Backend) {
    let world = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    let course = snapshots::course_of(&world.bot.store, &world.cohort)
        .await
        .unwrap();
    let badge = &course.badges[0];
    world
        .bot
        .store
        .award_badge(&NewBadgeAward {
            cohort_id: world.cohort.id,
            user_id: user_id(&alice),
            badge_id: badge.id.clone(),
            awarded_by: Some(user_id(&world.facilitator)),
            reason: Some("Ran the first listening session".into()),
            awarded_at: 0,
        })
        .await
        .unwrap();

    answered_and_rated(&world, &alice, &bob).await;

    let saved = write_profile(&alice, "https://tenants.example.org/alice").await;
    assert!(
        saved.text().contains("Saved your profile"),
        "{}",
        saved.text()
    );
    assert!(saved
        .text()
        .contains("Only you and your facilitators see your progress"));

    let by_bob = bob
        .slash("profile view", [("member", &alice.mention())])
        .await;
    let text = by_bob.text();
    for part in [
        "**Tenants' union, Leeds**",
        "homework club",
        "https://tenants.example.org/alice",
        "Autumn (trainee)",
        "Feedback score 1 · 100.0% positive over 12 months · answers: 1 given, 1 accepted",
        SECRET,
    ] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
    assert!(!text.contains(&badge.name), "{text}");
    assert!(!text.contains("Modules done"), "{text}");

    let by_facilitator = world
        .facilitator
        .slash("profile view", [("member", &alice.mention())])
        .await;
    let text = by_facilitator.text();
    assert!(text.contains("Modules done: 0 of"), "{text}");
    assert!(text.contains(&format!("Badges: {}", badge.name)), "{text}");
    assert!(text.contains("One-to-ones logged: 0"), "{text}");

    let shown = alice
        .slash("profile progress", [("shown_to", "Members of my cohorts")])
        .await;
    assert!(
        shown.text().contains("now see your progress"),
        "{}",
        shown.text()
    );
    let from_menu = bob.user_command("View profile", &alice).await;
    assert!(from_menu.is_ephemeral());
    let text = from_menu.text();
    assert!(text.contains(&format!("Badges: {}", badge.name)), "{text}");
    assert!(!text.contains(SECRET), "{text}");
    assert!(!text.contains("progress on your profile"), "{text}");

    let own = bob.slash("profile view", []).await;
    assert!(
        own.text()
            .contains("You have not written about yourself yet"),
        "{}",
        own.text()
    );
    assert!(
        own.text().contains("Modules done"),
        "one's own progress: {}",
        own.text()
    );
    world.bot.fake.assert_no_violations();
}

async fn a_bad_link_is_refused_with_what_was_typed_and_a_profile_is_erased_in_one_command(
    backend: Backend,
) {
    let world = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let outsider = world.bot.fake.add_member(MemberSpec::new("olga"));

    let insecure = write_profile(&alice, "http://tenants.example.org").await;
    let text = insecure.text();
    assert!(
        text.contains("is not secure: use its https:// address"),
        "{text}"
    );
    assert!(
        text.contains("> Institution or area: Tenants' union, Leeds"),
        "{text}"
    );
    assert_eq!(stored_area(&world, &alice).await, None, "nothing saved");
    let scheme = write_profile(&alice, "javascript:alert(1)").await;
    assert!(
        scheme.text().contains("is not a web address"),
        "{}",
        scheme.text()
    );

    write_profile(&alice, "https://tenants.example.org").await;
    assert_eq!(
        stored_area(&world, &alice).await.as_deref(),
        Some("Tenants' union, Leeds")
    );
    let prefilled = alice.slash("profile edit", []).await;
    let inputs = prefilled.modal().expect("the form again").text_inputs();
    assert_eq!(
        inputs[2].value.as_deref(),
        Some("https://tenants.example.org")
    );

    let refused = outsider
        .slash("profile view", [("member", &alice.mention())])
        .await;
    assert!(!refused.text().contains("Tenants"), "{}", refused.text());
    let nobody = alice
        .slash("profile view", [("member", &outsider.mention())])
        .await;
    assert!(
        nobody.text().contains("is in no cohort of this server"),
        "{}",
        nobody.text()
    );

    let erased = alice.slash("profile erase", []).await;
    assert!(
        erased.text().contains("Deleted your profile"),
        "{}",
        erased.text()
    );
    assert_eq!(stored_area(&world, &alice).await, None);
    let again = alice.slash("profile erase", []).await;
    assert!(
        again.text().contains("nothing to delete"),
        "{}",
        again.text()
    );
    world.bot.fake.assert_no_violations();
}
