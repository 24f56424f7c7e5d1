//! Cohort creation and what it schedules, end to end: the pack's time zone offered first,
//! prompts whose time passed before the cohort was created, prompts that follow the cohort
//! channel when it changes, dated thread names, and `/reminders` for someone in no cohort.
//! The real bot against the Discord stand-in, on a clock the test moves.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use cohortbot::course::{load_pack, PromptTiming};
use fake_discord::{ChannelSpec, FakeDiscord, MemberSpec, Message, RoleSpec};
use serenity::all::{ChannelId, Permissions};

use crate::bot::{TestBot, TestClock};
use crate::learning;
use crate::learning::{london, CohortSpec, World};

const MINI: &str = "tests/fixtures/packs/valid";
const MSF: &str = "msf-urban-spaces";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_time_zone_list_offers_the_packs_own_zone_first() {
    let world = mini_world(TestClock::at(london(2026, 9, 6, 12))).await;
    for typed in ["", "europe"] {
        let offered = world
            .facilitator
            .autocomplete(
                "cohort create",
                [
                    ("course", "mini-course"),
                    ("name", "Spring"),
                    ("time_zone", typed),
                ],
            )
            .await;
        let names: Vec<&str> = offered.choices().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names.first(),
            Some(&"Europe/London"),
            "{typed:?}: {names:?}"
        );
        assert_eq!(
            names.iter().filter(|n| **n == "Europe/London").count(),
            1,
            "offered once: {names:?}"
        );
        assert!(names.len() > 1, "the other matches follow: {names:?}");
    }
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prompt_already_due_at_creation_is_posted_late_and_older_ones_are_listed_as_skipped() {
    let course = load_pack(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("prompts")
            .join(MSF),
    )
    .expect("the pack loads");
    let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
    let due = |id: &str| {
        let prompt = course.prompts.iter().find(|p| p.id == id).unwrap();
        let PromptTiming::At(at) = &prompt.when else {
            panic!("{id} is a one-off prompt");
        };
        (
            prompt.title.clone(),
            at.resolve(start, chrono_tz::Europe::London).unwrap(),
        )
    };
    let (welcome, welcome_at) = due("welcome");
    let (partner_map, partner_map_at) = due("partner-map-share");
    let (halfway, halfway_at) = due("facilitator-progress-check");
    let now = partner_map_at + chrono::Duration::days(2);
    assert!(welcome_at < partner_map_at && now < halfway_at);

    let world = learning::world_of(
        CohortSpec {
            starts: start.to_string(),
            ..CohortSpec::new("prompts", MSF)
        },
        TestClock::at(now),
    )
    .await;
    let said = world.created.text();
    assert!(
        said.contains(&format!("“{partner_map}”")) && said.contains("posted now, marked late"),
        "{said}"
    );
    assert!(
        said.contains("Skipped") && said.contains(&format!("“{welcome}”")),
        "{said}"
    );
    assert!(!said.contains(&halfway), "still to come: {said}");

    world.bot.step().await;
    let posted = posted(&world.bot.fake, world.channel, &partner_map);
    assert_eq!(posted.len(), 1);
    let late = format!(
        "(late: this was due at <t:{}:F>)",
        partner_map_at.timestamp()
    );
    assert!(posted[0].text().contains(&late), "{}", posted[0].text());
    assert!(
        posts_titled(&world.bot.fake, world.channel, &welcome).is_empty(),
        "only the latest missed prompt is posted"
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_prompt_goes_to_the_channel_the_cohort_has_when_it_is_due() {
    let clock = TestClock::at(london(2026, 9, 6, 12));
    let world = mini_world(clock.clone()).await;
    let fake = &world.bot.fake;
    let new_home = fake.add_channel(ChannelSpec::text("new-home"));
    let set = world
        .facilitator
        .slash("cohort channel", [("channel", &format!("<#{new_home}>"))])
        .await;
    assert!(set.text().contains("now posts in"), "{}", set.text());

    clock.set(london(2026, 9, 8, 18));
    world.bot.step().await;
    let posted = posted(fake, new_home, "Weekly check-in");
    assert_eq!(posted.len(), 1);
    assert!(
        posts_titled(fake, world.channel, "Weekly check-in").is_empty(),
        "nothing goes to the old channel"
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_weekly_prompt_thread_is_named_with_its_date() {
    let clock = TestClock::at(london(2026, 9, 6, 12));
    let world = mini_world(clock.clone()).await;
    let fake = &world.bot.fake;
    for (day, name) in [
        (8, "Weekly check-in — 8 September"),
        (15, "Weekly check-in — 15 September"),
    ] {
        clock.set(london(2026, 9, day, 18));
        world.bot.step().await;
        posted_times(fake, world.channel, "Weekly check-in", day as usize / 7);
        assert_thread(fake, world.channel, name);
    }
    let names: Vec<String> = fake
        .threads(world.channel)
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(
        names,
        [
            "Weekly check-in — 8 September",
            "Weekly check-in — 15 September"
        ]
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_manager_in_no_cohort_is_told_there_is_nothing_to_mute() {
    let fake = FakeDiscord::builder().start().await;
    let managers = fake.add_role(RoleSpec::new("Managers").permissions(Permissions::MANAGE_GUILD));
    let meg = fake.add_member(MemberSpec::new("meg").roles([managers]));
    let bot = TestBot::start(fake, MINI).await;
    for command in ["reminders mute", "reminders unmute"] {
        let reply = meg.slash(command, []).await;
        assert!(reply.is_ephemeral());
        assert!(
            reply
                .text()
                .contains("You are not in a cohort in this server, so there is nothing to mute"),
            "{command}: {}",
            reply.text()
        );
    }
    bot.fake.assert_no_violations();
}

// ---------------------------------------------------------------------------------------

/// A `mini-course` cohort starting on 2026-09-07 in Europe/London, posting in `#cohort`.
async fn mini_world(clock: Arc<TestClock>) -> World {
    learning::world_of(CohortSpec::new(MINI, "mini-course"), clock).await
}

/// Bot posts in `channel` whose embed has this title.
fn posts_titled(fake: &FakeDiscord, channel: ChannelId, title: &str) -> Vec<Message> {
    fake.messages(channel)
        .into_iter()
        .filter(|m| m.embeds.iter().any(|e| e.title.as_deref() == Some(title)))
        .collect()
}

fn posted(fake: &FakeDiscord, channel: ChannelId, title: &str) -> Vec<Message> {
    posted_times(fake, channel, title, 1)
}

/// The posts titled `title` in `channel`, which must be exactly `count`.
fn posted_times(fake: &FakeDiscord, channel: ChannelId, title: &str, count: usize) -> Vec<Message> {
    let posted = posts_titled(fake, channel, title);
    assert_eq!(posted.len(), count, "posts of “{title}” in {channel}");
    posted
}

fn assert_thread(fake: &FakeDiscord, channel: ChannelId, name: &str) {
    let names: Vec<String> = fake.threads(channel).into_iter().map(|t| t.name).collect();
    assert!(
        names.iter().any(|n| n == name),
        "no thread “{name}” in {channel}: {names:?}"
    );
}
