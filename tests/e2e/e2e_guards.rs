//! What the bot refuses, end to end: locked modules however they are asked for, other
//! people's buttons, forged and stale `custom_id`s, over-long reflections. And what it keeps:
//! progress across a restart, badges whose role Discord refused.

use std::sync::Arc;

use crate::learning;
use crate::learning::{guild, role_named, trainee, world, CohortSpec, World};
use cohortbot::domain::SystemClock;
use cohortbot::model::{CohortId, NewDelivery, TargetKind, UserId};
use cohortbot::store::FactsWanted;
use fake_discord::{FakeUser, Reply, RoleSpec};
use serenity::all::RoleId;

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

fn custom_id_of(reply: &Reply, label: &str) -> String {
    reply
        .button(label)
        .and_then(|b| b.custom_id.clone())
        .expect("the button has a custom_id")
}

/// Reads the one-page `basics` module and opens its exercises.
async fn start_basics(user: &FakeUser) -> Reply {
    let page = user.slash("module", [("module", "basics")]).await;
    user.click(&page, "Start the exercises (2)").await
}

/// Passes `basics` with both answers right.
async fn pass_basics(user: &FakeUser) -> Reply {
    let question = start_basics(user).await;
    let feedback = user.click(&question, "True").await;
    let question = user.click(&feedback, "Next question (2 of 2)").await;
    user.select(&question, "Choose one", ["Listening"]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_module_stays_locked_by_command_by_old_button_and_by_forged_id() {
    let world = world(MINI, "mini-course").await;
    let cohort = cohort_id(&world).await;
    let alice = trainee(&world, "alice").await;

    let by_command = alice.slash("module", [("module", "practice")]).await;
    assert!(by_command.is_ephemeral());
    assert!(
        by_command
            .text()
            .contains("“Practice” is still locked: finish “Basics” first."),
        "{}",
        by_command.text()
    );

    let page = alice.slash("module", []).await;
    assert!(
        page.text().contains("Start here"),
        "/module opens the first module: {}",
        page.text()
    );
    for forged in [
        format!("v1:pg:{cohort}:practice:0"),
        format!("v1:ex:{cohort}:practice"),
    ] {
        let reply = alice.forge_click(&page, &forged).await;
        assert!(reply.is_ephemeral());
        assert!(
            reply.text().contains("still locked"),
            "{forged}: {}",
            reply.text()
        );
    }
    let stale = alice.forge_click(&page, "v0:pg:1:basics:0").await;
    assert!(
        stale.text().contains("older version of cohortbot"),
        "{}",
        stale.text()
    );
    let garbage = alice.forge_click(&page, "v1:pg:1:basics").await;
    assert!(
        garbage.text().contains("do not recognise this button"),
        "{}",
        garbage.text()
    );

    let progress = world
        .bot
        .store
        .progress_of_member(cohort, user_id(&alice))
        .await
        .unwrap();
    assert!(
        progress.iter().all(|p| p.module_id != "practice"),
        "nothing was opened: {progress:?}"
    );

    pass_basics(&alice).await;
    let opened = alice.slash("module", [("module", "practice")]).await;
    assert!(
        opened.text().contains("Try it"),
        "open once basics is done: {}",
        opened.text()
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_members_button_is_refused_politely_and_changes_nothing() {
    let world = world(MINI, "mini-course").await;
    let cohort = cohort_id(&world).await;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    let outsider = world
        .bot
        .fake
        .add_member(fake_discord::MemberSpec::new("olga"));

    let question = start_basics(&alice).await;
    let alices_true = custom_id_of(&question, "True");
    let reply = bob.forge_click(&question, &alices_true).await;
    assert!(reply.is_ephemeral());
    assert!(
        reply.text().contains("belong to someone else"),
        "{}",
        reply.text()
    );
    let reply = outsider
        .forge_click(&question, &format!("v1:pg:{cohort}:basics:0"))
        .await;
    assert!(
        reply.text().contains("a cohort you are not in"),
        "{}",
        reply.text()
    );

    let facts = world
        .bot
        .store
        .member_facts(cohort, user_id(&alice), FactsWanted::default())
        .await
        .unwrap();
    let attempt = facts.open_attempt("basics").expect("an open attempt");
    assert_eq!(attempt.current_index, 0, "bob's click answered nothing");
    assert!(world
        .bot
        .store
        .answers(attempt.id)
        .await
        .unwrap()
        .is_empty());

    let feedback = alice.click(&question, "True").await;
    assert!(feedback.text().contains("Right!"), "{}", feedback.text());
    let again = alice.forge_click(&feedback, &alices_true).await;
    assert!(
        again.text().contains("already been answered"),
        "a stale button: {}",
        again.text()
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_4001_character_reflection_is_refused_and_the_text_comes_back() {
    let world = world(MINI, "mini-course").await;
    let cohort = cohort_id(&world).await;
    let alice = trainee(&world, "alice").await;
    pass_basics(&alice).await;
    let page = alice.slash("module", [("module", "practice")]).await;
    let question = alice.click(&page, "Start the exercises (1)").await;
    let form = alice.click(&question, "Write your reflection").await;
    let modal = form.modal().expect("a modal opens");
    assert_eq!(
        modal.text_inputs()[0].max_length,
        Some(1000),
        "the pack's limit reaches Discord"
    );

    let long: String = (0..4001)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    let refused = alice
        .forge_submit(&form, [("reflection", long.as_str())])
        .await;
    assert!(refused.is_ephemeral());
    let text = refused.text();
    assert!(
        text.contains("4001 characters") && text.contains("1 to 1000"),
        "{text}"
    );
    let returned: String = refused
        .embeds()
        .iter()
        .filter_map(|e| e.description.clone())
        .collect();
    assert_eq!(returned, long, "every character comes back");
    assert!(
        world
            .bot
            .store
            .list_reflections(cohort, false)
            .await
            .unwrap()
            .is_empty(),
        "nothing half-saved"
    );

    let kept = "I will listen to five neighbours this week before proposing anything.";
    let saved = alice.submit(&form, [("reflection", kept)]).await;
    assert!(
        saved.text().contains("Reflection saved"),
        "{}",
        saved.text()
    );
    let reflections = world
        .bot
        .store
        .list_reflections(cohort, false)
        .await
        .unwrap();
    assert_eq!(reflections.len(), 1);
    assert_eq!(reflections[0].body, kept);
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_survives_a_restart_in_the_middle_of_the_exercises() {
    let world = world(MINI, "mini-course").await;
    let cohort = cohort_id(&world).await;
    let alice = trainee(&world, "alice").await;
    let question = start_basics(&alice).await;
    alice.click(&question, "True").await;

    let World { bot, .. } = world;
    let bot = bot.restart().await;

    let resumed = alice.slash("module", []).await;
    assert!(
        resumed.text().contains("question 2 of 2"),
        "/module resumes at the second question: {}",
        resumed.text()
    );
    let result = alice.select(&resumed, "Choose one", ["Listening"]).await;
    assert!(
        result.text().contains("“Basics” is complete"),
        "{}",
        result.text()
    );
    let attempts = bot
        .store
        .progress_of_member(cohort, user_id(&alice))
        .await
        .unwrap();
    assert_eq!(attempts[0].best_score, Some(100));
    bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_badge_role_discord_refuses_is_recorded_reported_and_given_once_fixed() {
    let world = world(MINI, "mini-course").await;
    let cohort = cohort_id(&world).await;
    let fake = &world.bot.fake;
    let (alice, above) = finish_under_a_role_above_the_bots(&world).await;

    let told = message_containing(&world, "Manage Roles");
    assert!(
        told.contains(&world.facilitator.mention()),
        "the facilitators are named: {told}"
    );
    assert!(told.contains("above “Finisher”"), "{told}");
    let awards = world
        .bot
        .store
        .badge_awards_of_member(cohort, user_id(&alice))
        .await
        .unwrap();
    assert_eq!(
        awards.len(),
        1,
        "the award is recorded though the role failed"
    );
    assert!(awards[0].role_synced_at.is_none() && awards[0].role_error.is_some());
    assert!(!alice.has_role(above));

    fake.set_role_position(above, 1);
    world.bot.step().await;
    assert!(
        alice.has_role(above),
        "the retry gives the role once it is below the bot's"
    );
    let role = role_named(fake, "Finisher");
    assert_eq!(
        role.id, above,
        "the existing role is used, not a second one"
    );
    let awards = world
        .bot
        .store
        .badge_awards_of_member(cohort, user_id(&alice))
        .await
        .unwrap();
    assert!(awards[0].role_synced_at.is_some());
    let reports = fake
        .messages(world.channel)
        .iter()
        .filter(|m| m.content.contains("Manage Roles"))
        .count();
    assert_eq!(reports, 1, "facilitators are told once, not on every retry");
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_its_loops_running_the_bot_retries_a_refused_badge_role_until_it_is_given() {
    let spec = CohortSpec {
        worker_loops: true,
        ..CohortSpec::new(MINI, "mini-course")
    };
    let world = learning::world_of(spec, Arc::new(SystemClock)).await;
    let fake = &world.bot.fake;
    let (alice, above) = finish_under_a_role_above_the_bots(&world).await;
    assert!(!alice.has_role(above));

    fake.set_role_position(above, 1);
    assert!(
        alice.wait_for_role(above).await,
        "the retry, on its own timer, gives the role once it is below the bot's"
    );
    fake.assert_no_violations();
}

/// Alice finishes the course, whose badge Finisher has a role placed above the bot's, so
/// Discord refuses to give it.
async fn finish_under_a_role_above_the_bots(world: &World) -> (FakeUser, RoleId) {
    let fake = &world.bot.fake;
    let bot_position = fake.role(fake.bot_role(fake.guild_id())).unwrap().position;
    let above = fake.add_role(RoleSpec::new("Finisher").position(bot_position + 1));
    let alice = trainee(world, "alice").await;

    pass_basics(&alice).await;
    let page = alice.slash("module", [("module", "practice")]).await;
    let question = alice.click(&page, "Start the exercises (1)").await;
    let form = alice.click(&question, "Write your reflection").await;
    let done = alice
        .submit(&form, [("reflection", "Listening first changed my plan.")])
        .await;
    assert!(
        done.text().contains("You earned the badge **Finisher**"),
        "{}",
        done.text()
    );
    (alice, above)
}

fn message_containing(world: &World, containing: &str) -> String {
    let messages = world.bot.fake.messages(world.channel);
    let found = messages.iter().find(|m| m.content.contains(containing));
    found
        .unwrap_or_else(|| panic!("no message containing {containing:?} in the cohort channel"))
        .content
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_3000_character_cohort_name_gets_a_short_clear_refusal() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let long = "autumn ".repeat(430);

    let reply = alice
        .slash("cohort info", [("cohort", long.as_str())])
        .await;

    assert!(reply.is_ephemeral());
    let text = reply.text();
    assert!(
        text.starts_with("You are not in a cohort called “autumn autumn"),
        "{text}"
    );
    assert!(
        text.contains("…” in this server."),
        "the name is cut: {text}"
    );
    assert!(
        text.chars().count() < 200,
        "{} characters",
        text.chars().count()
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_a_member_wrote_with_everyone_pings_only_whom_the_bot_names() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let role = world.bot.fake.add_role(RoleSpec::new("Everyone else"));
    let typed = format!("@everyone @here <@&{role}> {}", world.facilitator.mention());

    let reply = alice
        .slash("cohort info", [("cohort", typed.as_str())])
        .await;
    assert!(reply.text().contains("@everyone"), "{}", reply.text());
    assert_eq!(
        reply.message().pings,
        fake_discord::Pings::default(),
        "a reply pings nobody"
    );

    let content = format!(
        "{} shared this: @everyone @here <@&{role}> {}",
        alice.mention(),
        world.facilitator.mention()
    );
    let payload = serde_json::json!({ "content": content }).to_string();
    world
        .bot
        .store
        .enqueue_delivery(&NewDelivery {
            schedule_id: None,
            dedupe_key: "test:member-text".into(),
            cohort_id: Some(world.cohort.id),
            target_kind: TargetKind::Channel,
            target_id: world.channel.get(),
            fallback_channel_id: None,
            payload,
            due_at: chrono::Utc::now().timestamp_millis(),
            expires_at: None,
        })
        .await
        .unwrap();
    world.bot.step().await;
    let posted = world
        .bot
        .fake
        .messages(world.channel)
        .into_iter()
        .find(|m| m.content.contains("shared this"))
        .expect("the scheduled post in the cohort channel");
    assert!(!posted.pings.everyone, "@everyone and @here ping nobody");
    assert!(posted.pings.roles.is_empty(), "no role is pinged");
    assert_eq!(
        posted.pings.users,
        [alice.id(), world.facilitator.id()],
        "the users the message names"
    );
    world.bot.fake.assert_no_violations();
}
