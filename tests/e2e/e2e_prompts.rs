//! Scheduled prompts, milestone reminders and nudges, end to end: the real bot against the
//! Discord stand-in, on a clock the test moves. The scheduler ticks every second of real
//! time and reads that clock.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use cohortbot::course::{load_pack, Course, PromptTiming};
use fake_discord::{FakeUser, Message};

use crate::bot::TestClock;
use crate::learning;
use crate::learning::{
    answer_every_question, london, read_every_page, start_label, trainee, CohortSpec, World,
};

const ORGANISERS: &str = "community-organisers";
const MINI: &str = "tests/fixtures/packs/valid";
const START: &str = "2026-09-07";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e1_to_e4_appear_in_the_cohort_channel_on_their_dates_each_with_a_thread() {
    let (world, clock) = organisers_world().await;
    let course = pack("prompts", ORGANISERS);
    let brief = course.prompts.iter().find(|p| p.id == "e1-brief").unwrap();
    clock.set(prompt_time(&brief.when) + chrono::Duration::seconds(1));
    world.bot.step().await;
    the_dm(&world.facilitator, &brief.title);
    assert!(
        posts_titled(&world, &brief.title).is_empty(),
        "a facilitator brief stays out of the cohort channel"
    );
    for id in ["e1", "e2", "e3", "e4"] {
        let prompt = course.prompts.iter().find(|p| p.id == id).unwrap();
        let at = prompt_time(&prompt.when);
        clock.set(at - chrono::Duration::seconds(1));
        world.bot.step().await;
        assert!(
            posts_titled(&world, &prompt.title).is_empty(),
            "{id} appeared before {at}"
        );
        clock.set(at);
        world.bot.step().await;
        let posted = posted(&world, &prompt.title);
        assert_eq!(posted.len(), 1, "{id} is posted once");
        let body_start: String = prompt.body.chars().take(40).collect();
        assert!(
            posted[0].text().contains(&body_start),
            "{id} carries its body"
        );
        let local = at.with_timezone(&chrono_tz::Europe::London);
        let dated = format!("{} — {}", prompt.title, local.format("%-d %B"));
        assert_thread(&world, &dated);
    }
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trainees_cannot_prompt_and_facilitators_schedule_list_move_and_cancel() {
    let (world, clock) = organisers_world().await;
    let alice = trainee(&world, "alice").await;

    let refused = alice.slash("prompt now", [("text", "Hello all")]).await;
    assert!(refused.is_ephemeral());
    assert!(
        refused.text().contains("Only the facilitators of “Autumn”"),
        "{}",
        refused.text()
    );

    let fran = &world.facilitator;
    let now = fran.slash("prompt now", [("prompt", "e1")]).await;
    assert!(now.text().contains("Posting “E1:"), "{}", now.text());
    world.bot.step().await;
    let e1 = "E1: what conversations with people you know taught us";
    assert_eq!(posted(&world, e1).len(), 1);
    assert!(posts_titled(&world, "Hello all").is_empty());

    let scheduled = fran
        .slash(
            "prompt schedule",
            [
                ("when", "2026-09-10 18:00"),
                ("title", "Story night"),
                ("text", "Bring a story about a neighbour."),
            ],
        )
        .await;
    assert!(scheduled.is_ephemeral());
    let story_at = london(2026, 9, 10, 18).timestamp();
    assert!(
        scheduled.text().contains(&format!("<t:{story_at}:F>")),
        "{}",
        scheduled.text()
    );

    let list = fran.slash("prompt list", []).await.text();
    let line = list
        .lines()
        .find(|l| l.contains("Story night"))
        .unwrap_or_else(|| panic!("listed: {list}"));
    assert!(
        line.contains(&format!("<t:{story_at}:F>")) && line.contains(&format!("<t:{story_at}:R>")),
        "{line}"
    );
    let id = schedule_number(line);

    let cancelled = fran.slash("prompt cancel", [("id", id.as_str())]).await;
    assert!(
        cancelled.text().contains("Cancelled"),
        "{}",
        cancelled.text()
    );
    let list = fran.slash("prompt list", []).await.text();
    assert!(!list.contains("Story night"), "{list}");

    clock.set(london(2026, 9, 10, 18) + chrono::Duration::seconds(1));
    world.bot.step().await;
    assert!(posts_titled(&world, "Story night").is_empty());

    fran.slash(
        "prompt schedule",
        [
            ("when", "2026-09-11 18:00"),
            ("title", "Planning night"),
            ("text", "Bring your calendar."),
        ],
    )
    .await;
    let list = fran.slash("prompt list", []).await.text();
    let line = list.lines().find(|l| l.contains("Planning night")).unwrap();
    let id = schedule_number(line);
    let moved = fran
        .slash(
            "prompt move",
            [("id", id.as_str()), ("when", "2026-09-12 18:00")],
        )
        .await;
    let moved_to = london(2026, 9, 12, 18).timestamp();
    assert!(
        moved.text().contains(&format!("<t:{moved_to}:F>")),
        "{}",
        moved.text()
    );
    clock.set(london(2026, 9, 11, 18) + chrono::Duration::seconds(1));
    world.bot.step().await;
    assert!(
        posts_titled(&world, "Planning night").is_empty(),
        "moved away"
    );
    clock.set(london(2026, 9, 12, 18) + chrono::Duration::seconds(1));
    world.bot.step().await;
    posted(&world, "Planning night");
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_six_month_milestone_reminds_the_facilitator_who_is_ready_for_the_certificate() {
    let (world, clock) = organisers_world().await;
    let alice = trainee(&world, "alice").await;
    let course = pack("prompts", ORGANISERS);
    let milestone = course
        .milestones
        .iter()
        .find(|m| m.id == "confirmation-of-plan")
        .unwrap();
    let at = milestone
        .at
        .resolve(start(), chrono_tz::Europe::London)
        .unwrap();

    clock.set(at - chrono::Duration::minutes(2));
    world.bot.step().await;
    assert!(dms_containing(&world.facilitator, "Confirmation of Plan").is_empty());

    clock.set(at + chrono::Duration::seconds(1));

    world.bot.step().await;
    let reminder = the_dm(&world.facilitator, "Confirmation of Plan");
    let text = reminder.text();
    assert!(
        text.contains("It is time to award **Community Organiser Certificate**"),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}: complete the module", alice.mention())),
        "what alice lacks is listed: {text}"
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nudge_reaches_a_stalled_trainee_but_not_one_who_finished_or_muted() {
    let clock = TestClock::at(london(2026, 9, 6, 12));
    let world = create_world(MINI, "mini-course", clock.clone()).await;
    let course = pack(MINI, "mini-course");
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    let carol = trainee(&world, "carol").await;
    finish_every_module(&bob, &course).await;
    let muted = carol.slash("reminders mute", []).await;
    assert!(muted.text().contains("Reminders muted"), "{}", muted.text());

    // The first Monday is within a week of joining; the second is not.
    clock.set(london(2026, 9, 7, 10) + chrono::Duration::seconds(1));
    world.bot.step().await;
    assert!(dms_containing(&alice, "has not moved").is_empty());

    clock.set(london(2026, 9, 14, 10) + chrono::Duration::seconds(1));

    world.bot.step().await;
    let nudge = the_dm(&alice, "has not moved");
    assert!(nudge.text().contains("“Basics”"), "{}", nudge.text());
    world.bot.step().await;
    assert!(
        dms_containing(&bob, "has not moved").is_empty(),
        "bob finished"
    );
    assert!(
        dms_containing(&carol, "has not moved").is_empty(),
        "carol muted"
    );

    let unmuted = carol.slash("reminders unmute", []).await;
    assert!(
        unmuted.text().contains("Reminders are on"),
        "{}",
        unmuted.text()
    );
    clock.set(london(2026, 9, 21, 10) + chrono::Duration::seconds(1));
    world.bot.step().await;
    the_dm(&carol, "has not moved");
    exactly_dms(&alice, "has not moved", 2);
    assert!(dms_containing(&bob, "has not moved").is_empty());
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cohort_without_a_channel_sends_its_prompts_to_the_facilitators_and_says_so() {
    let clock = TestClock::at(london(2026, 9, 6, 12));
    let world = create_world_with("prompts", ORGANISERS, clock.clone(), false).await;
    let fran = &world.facilitator;
    world.bot.step().await;
    let notice = the_dm(fran, "has no channel");
    assert!(
        notice.text().contains("by direct message"),
        "{}",
        notice.text()
    );

    let refused = fran.slash("prompt now", [("prompt", "e1")]).await;
    assert!(
        refused.text().contains("has no channel"),
        "{}",
        refused.text()
    );

    let course = pack("prompts", ORGANISERS);
    let e1 = course.prompts.iter().find(|p| p.id == "e1").unwrap();
    clock.set(prompt_time(&e1.when) + chrono::Duration::seconds(1));
    world.bot.step().await;
    let prompt = the_dm(fran, &e1.title);
    assert!(
        prompt
            .text()
            .contains("this prompt for the cohort came to you"),
        "{}",
        prompt.text()
    );

    let trainee = learning::trainee(&world, "alice").await;
    let room = format!("<#{}>", world.channel);
    let refused = trainee.slash("cohort channel", [("channel", &room)]).await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    let set = fran.slash("cohort channel", [("channel", &room)]).await;
    assert!(set.text().contains("now posts in"), "{}", set.text());
    let posted = fran.slash("prompt now", [("prompt", "e1")]).await;
    assert!(
        !posted.text().contains("has no channel"),
        "{}",
        posted.text()
    );
    let channel = world.channel;
    world.bot.step().await;
    assert!(
        world
            .bot
            .fake
            .messages(channel)
            .iter()
            .any(|m| m.text().contains(&e1.title)),
        "once the cohort has a channel, prompts go there"
    );
    world.bot.fake.assert_no_violations();
}

// ---------------------------------------------------------------------------------------

/// A `community-organisers` cohort starting on [`START`], the clock the day before.
async fn organisers_world() -> (World, Arc<TestClock>) {
    let clock = TestClock::at(london(2026, 9, 6, 12));
    let world = create_world("prompts", ORGANISERS, clock.clone()).await;
    (world, clock)
}

/// A server with a cohort channel and a facilitator who created a cohort on `course`.
async fn create_world(prompts: &str, course: &str, clock: Arc<TestClock>) -> World {
    create_world_with(prompts, course, clock, true).await
}

/// As [`create_world`]; the cohort gets the channel only `with_channel`.
async fn create_world_with(
    prompts: &str,
    course: &str,
    clock: Arc<TestClock>,
    with_channel: bool,
) -> World {
    let spec = CohortSpec {
        starts: START.into(),
        with_channel,
        ..CohortSpec::new(prompts, course)
    };
    learning::world_of(spec, clock).await
}

fn pack(prompts: &str, course: &str) -> Course {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(prompts)
        .join(course);
    load_pack(&dir).expect("the pack loads")
}

fn start() -> NaiveDate {
    NaiveDate::parse_from_str(START, "%Y-%m-%d").unwrap()
}

fn prompt_time(when: &PromptTiming) -> DateTime<Utc> {
    let PromptTiming::At(expr) = when else {
        panic!("E1 to E4 are one-off prompts");
    };
    expr.resolve(start(), chrono_tz::Europe::London).unwrap()
}

/// Bot posts in the cohort channel whose embed has this title.
fn posts_titled(world: &World, title: &str) -> Vec<Message> {
    world
        .bot
        .fake
        .messages(world.channel)
        .into_iter()
        .filter(|m| m.embeds.iter().any(|e| e.title.as_deref() == Some(title)))
        .collect()
}

fn posted(world: &World, title: &str) -> Vec<Message> {
    let posted = posts_titled(world, title);
    assert!(
        !posted.is_empty(),
        "“{title}” was not posted in the cohort channel"
    );
    posted
}

fn assert_thread(world: &World, name: &str) {
    let threads = world.bot.fake.threads(world.channel);
    assert!(
        threads.iter().any(|t| t.name == name),
        "no thread “{name}” was opened for replies"
    );
}

fn dms_containing(user: &FakeUser, text: &str) -> Vec<Message> {
    user.dms()
        .into_iter()
        .filter(|m| m.text().contains(text))
        .collect()
}

fn the_dm(user: &FakeUser, text: &str) -> Message {
    exactly_dms(user, text, 1).pop().expect("one DM")
}

/// The DMs of `user` containing `text`, which must be exactly `count`.
fn exactly_dms(user: &FakeUser, text: &str, count: usize) -> Vec<Message> {
    let found = dms_containing(user, text);
    assert_eq!(
        found.len(),
        count,
        "{} has {} DMs containing “{text}”",
        user.name(),
        found.len()
    );
    found
}

/// The number in a `/prompt list` line: "`#12` **Title** — …".
fn schedule_number(line: &str) -> String {
    line.split('#')
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .unwrap_or_else(|| panic!("no number in {line}"))
        .to_string()
}

async fn finish_every_module(user: &FakeUser, course: &Course) {
    for id in &course.path {
        let module = course.module(id).unwrap();
        let last_page = read_every_page(user, module).await;
        let first = user.click(&last_page, &start_label(module)).await;
        let result = answer_every_question(user, first, module, true).await;
        assert!(!result.text().is_empty());
    }
}
