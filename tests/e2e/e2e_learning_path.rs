//! The learning path as a trainee walks it, end to end through the Discord stand-in: coming
//! back to a pending question, the reflection box, feedback after a wrong answer, the next
//! step `/progress` names, and a diploma that needs the chosen route.

use std::path::Path;

use crate::learning::{
    answer, answer_every_question, read_every_page, start_label, trainee, world, World,
};
use cohortbot::course::{load_pack, Course, ExerciseKind};
use cohortbot::domain::badges;
use cohortbot::model::{NewBadgeAward, UserId};
use fake_discord::FakeUser;

const MINI: &str = "tests/fixtures/packs/valid";
const NOW: i64 = 1_790_000_000_000;

fn pack(dir: &str, id: &str) -> Course {
    load_pack(&Path::new(dir).join(id)).unwrap()
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

/// Marks each module done in the store, as if the trainee had passed it, then awards the
/// automatic badges that earns.
async fn complete_in_store(world: &World, course: &Course, user: &FakeUser, modules: &[String]) {
    let store = &world.bot.store;
    for module in modules {
        store
            .start_module(world.cohort.id, user_id(user), module, NOW)
            .await
            .unwrap();
        store
            .complete_module(world.cohort.id, user_id(user), module, NOW)
            .await
            .unwrap();
    }
    badges::award_earned(store, course, world.cohort.id, user_id(user), NOW)
        .await
        .unwrap();
}

async fn award_in_store(world: &World, user: &FakeUser, badge: &str) {
    world
        .bot
        .store
        .award_badge(&NewBadgeAward {
            cohort_id: world.cohort.id,
            user_id: user_id(user),
            badge_id: badge.to_string(),
            awarded_by: None,
            reason: None,
            awarded_at: NOW,
        })
        .await
        .unwrap();
}

fn next_step(progress: &fake_discord::Reply) -> String {
    progress
        .embeds()
        .iter()
        .find_map(|e| e.field("Next step"))
        .map(|f| f.value.clone())
        .unwrap_or_else(|| panic!("no next step in {}", progress.text()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn module_brings_a_trainee_back_to_the_pending_question() {
    let world = world("prompts", "msf-urban-spaces").await;
    let course = pack("prompts", "msf-urban-spaces");
    let module = course.module(&course.path[0]).unwrap();
    let total = module.exercises.len();
    let alice = trainee(&world, "alice").await;

    let end = read_every_page(&alice, module).await;
    let mut reply = alice.click(&end, &start_label(module)).await;
    for (i, exercise) in module.exercises.iter().take(2).enumerate() {
        reply = answer(&alice, reply, &exercise.kind, true).await;
        reply = alice
            .click(&reply, &format!("Next question ({} of {total})", i + 2))
            .await;
    }

    let back = alice.slash("module", []).await;
    let text = back.text();
    assert!(
        text.contains(&format!("question 3 of {total}")),
        "the pending question itself: {text}"
    );
    let third = module.exercises[2].kind.asked();
    assert!(text.contains(third), "{text}");

    let pages = alice.click(&back, "Read the pages again").await;
    assert!(
        pages.button(&start_label(module)).is_none(),
        "nothing reads like starting over: {:?}",
        pages.buttons()
    );
    let resume = format!("Continue: question 3 of {total}");
    let again = alice.click(&pages, &resume).await;
    assert!(
        again.text().contains(&format!("question 3 of {total}")),
        "{}",
        again.text()
    );
    let progress = alice.slash("progress", []).await;
    assert!(
        next_step(&progress).contains(&format!("Answer question 3 of {total}")),
        "{}",
        progress.text()
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_answer_says_each_point_once() {
    let world = world(MINI, "mini-course").await;
    let course = pack(MINI, "mini-course");
    let basics = course.module("basics").unwrap();
    let alice = trainee(&world, "alice").await;
    let end = read_every_page(&alice, basics).await;
    let question = alice.click(&end, &start_label(basics)).await;
    let feedback = alice.click(&question, "False").await;
    let text = feedback.text();
    assert_eq!(text.matches("Not quite").count(), 1, "{text}");
    assert_eq!(
        text.matches("You learn what people care about before you act with them")
            .count(),
        1,
        "{text}"
    );
    assert!(
        text.contains("Action then rests on their own reasons"),
        "{text}"
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reflection_box_shows_the_question_within_discords_limits() {
    let world = world("prompts", "msf-urban-spaces").await;
    let course = pack("prompts", "msf-urban-spaces");
    let module = course.module(&course.path[0]).unwrap();
    let (index, prompt) = module
        .exercises
        .iter()
        .enumerate()
        .find_map(|(i, e)| match &e.kind {
            ExerciseKind::Reflection { prompt, .. } => Some((i, prompt.clone())),
            _ => None,
        })
        .expect("a reflection in the first module");
    assert!(prompt.chars().count() > 45, "a prompt longer than a label");
    let alice = trainee(&world, "alice").await;
    let end = read_every_page(&alice, module).await;
    let mut reply = alice.click(&end, &start_label(module)).await;
    for (i, exercise) in module.exercises.iter().take(index).enumerate() {
        reply = answer(&alice, reply, &exercise.kind, true).await;
        reply = alice
            .click(
                &reply,
                &format!("Next question ({} of {})", i + 2, module.exercises.len()),
            )
            .await;
    }
    assert!(
        reply.text().contains(&prompt),
        "the message with the button shows the question: {}",
        reply.text()
    );
    let form = alice.click(&reply, "Write your reflection").await;
    let modal = form.modal().expect("the reflection box");
    assert!(modal.title.chars().count() <= 45, "{}", modal.title);
    let input = modal.text_inputs()[0].clone();
    let label = input.label.clone().unwrap_or_default();
    let placeholder = input.placeholder.clone().unwrap_or_default();
    assert!(
        label.chars().count() <= 45 && placeholder.chars().count() <= 100,
        "{label:?} {placeholder:?}"
    );
    let opening: String = prompt
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        label.starts_with(&opening) && label.ends_with('…'),
        "{label:?}"
    );
    assert!(
        placeholder.starts_with(&opening) && placeholder.chars().count() > label.chars().count(),
        "{placeholder:?}"
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_names_the_real_next_step_after_the_last_module() {
    let world = world(MINI, "mini-course").await;
    let course = pack(MINI, "mini-course");
    let alice = trainee(&world, "alice").await;
    for id in &course.path {
        let module = course.module(id).unwrap();
        let end = read_every_page(&alice, module).await;
        let reply = alice.click(&end, &start_label(module)).await;
        answer_every_question(&alice, reply, module, true).await;
    }
    let refused = alice.slash("module", []).await;
    assert!(
        refused.text().contains("completed every module"),
        "{}",
        refused.text()
    );

    let progress = alice.slash("progress", []).await;
    assert!(
        !progress.text().contains("Use /module to carry on"),
        "{}",
        progress.text()
    );
    assert_eq!(
        next_step(&progress),
        "Choose your “Next steps” route: run `/pathway choose`."
    );

    let menu = alice.slash("pathway choose", []).await;
    alice
        .select(&menu, "Next steps: choose your route", ["Go wider"])
        .await;
    let progress = alice.slash("progress", []).await;
    assert!(
        next_step(&progress).contains("everything “Certificate” requires: a facilitator awards it"),
        "{}",
        progress.text()
    );

    let awarded = world
        .facilitator
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
    let progress = alice.slash("progress", []).await;
    assert!(
        next_step(&progress).contains("You have finished the course"),
        "{}",
        progress.text()
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_names_the_sessions_a_badge_still_needs() {
    let world = world("prompts", "two-day-training").await;
    let course = pack("prompts", "two-day-training");
    let alice = trainee(&world, "alice").await;
    complete_in_store(&world, &course, &alice, &course.path).await;
    let progress = alice.slash("progress", []).await;
    assert_eq!(
        next_step(&progress),
        "Attend 3 more of “Action learning sets” (0 of 3 so far) for the badge “Action Learner”. \
         Your facilitators schedule the sessions and the bot reminds you of each.",
        "{}",
        progress.text()
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_diploma_needs_the_chosen_go_deeper_route() {
    let world = world("prompts", "community-organisers").await;
    let course = pack("prompts", "community-organisers");
    let alice = trainee(&world, "alice").await;
    complete_in_store(&world, &course, &alice, &course.path).await;
    award_in_store(&world, &alice, "organiser-certificate").await;
    let mention = alice.mention();
    let award_diploma = || {
        world.facilitator.slash(
            "badge award",
            [
                ("member", mention.as_str()),
                ("badge", "organiser-diploma"),
                ("reason", "Graduated"),
            ],
        )
    };

    let badges = alice.slash("badges show", []).await.text();
    assert!(
        badges.contains("Community Organiser Diploma** — still to do: choose a “Go Deeper” route"),
        "{badges}"
    );
    let refused = award_diploma().await.text();
    assert!(
        refused.contains("has not yet met") && refused.contains("“Go Deeper” route"),
        "no route, no diploma: {refused}"
    );
    let progress = alice.slash("progress", []).await;
    assert_eq!(
        next_step(&progress),
        "Choose your “Go Deeper” route: run `/pathway choose`."
    );

    let menu = alice.slash("pathway choose", []).await;
    alice
        .select(
            &menu,
            "Go Deeper: choose your route",
            ["Citizens UK: Alinsky-style citizen organising"],
        )
        .await;
    let route = course.module("deeper-citizens-uk").unwrap();
    let lack = format!("complete the module “{}”", route.title);
    let badges = alice.slash("badges show", []).await.text();
    assert!(badges.contains(&lack), "{badges}");
    let refused = award_diploma().await.text();
    assert!(
        refused.contains("has not yet met") && refused.contains(&lack),
        "the route unfinished, no diploma: {refused}"
    );

    complete_in_store(&world, &course, &alice, std::slice::from_ref(&route.id)).await;
    let awarded = award_diploma().await.text();
    assert!(
        awarded.contains("Community Organiser Diploma** to"),
        "{awarded}"
    );
    world.bot.fake.assert_no_violations();
}
