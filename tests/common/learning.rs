//! What the learning-path end-to-end tests share: a server with a cohort, trainees who join
//! it, and a walker that reads modules and answers exercises as a person would.

// Each test crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};

use cohortbot::course::{ExerciseKind, Module};
use cohortbot::domain::{Clock, SystemClock};
use cohortbot::model::listening::Conversation;
use cohortbot::model::{Cohort, GuildId, UserId};
use fake_discord::{ChannelSpec, FakeDiscord, FakeUser, MemberSpec, Reply, RoleSpec};
use serenity::all::Permissions;

use super::bot::{Backend, TestBot};

/// A server with a cohort channel and a facilitator who created a cohort on `course`.
pub struct World {
    pub bot: TestBot,
    pub facilitator: FakeUser,
    pub channel: serenity::all::ChannelId,
    pub join_code: String,
    pub cohort: Cohort,
    /// The reply the facilitator got to `/cohort create`.
    pub created: Reply,
}

/// What the facilitator fills in when the test world's cohort is created.
pub struct CohortSpec<'a> {
    pub prompts: &'a str,
    pub course: &'a str,
    /// `YYYY-MM-DD`.
    pub starts: String,
    pub time_zone: &'a str,
    /// Whether the cohort is given the channel `#cohort`.
    pub with_channel: bool,
    pub backend: Backend,
    /// Whether the bot's workers also run on their own timers (see [`TestBot::start_with`]).
    pub worker_loops: bool,
    /// The server's preferred locale as Discord has it before the bot connects.
    pub guild_locale: Option<&'a str>,
}

impl<'a> CohortSpec<'a> {
    /// “Autumn”, starting 2026-09-07 in Europe/London, posting in `#cohort`.
    pub fn new(prompts: &'a str, course: &'a str) -> Self {
        CohortSpec {
            prompts,
            course,
            starts: "2026-09-07".into(),
            time_zone: "Europe/London",
            with_channel: true,
            backend: Backend::Sqlite,
            worker_loops: false,
            guild_locale: None,
        }
    }
}

pub async fn world(prompts: &str, course: &str) -> World {
    world_of(CohortSpec::new(prompts, course), Arc::new(SystemClock)).await
}

/// As [`world`], with the bot reading `clock`.
pub async fn world_on_clock(prompts: &str, course: &str, clock: Arc<dyn Clock>) -> World {
    world_of(CohortSpec::new(prompts, course), clock).await
}

/// As [`world_on_clock`], on a database of `backend`.
pub async fn world_on(
    prompts: &str,
    course: &str,
    clock: Arc<dyn Clock>,
    backend: Backend,
) -> World {
    let spec = CohortSpec {
        backend,
        ..CohortSpec::new(prompts, course)
    };
    world_of(spec, clock).await
}

/// A server with a `#cohort` channel and a facilitator who created the cohort `spec` says.
pub async fn world_of(spec: CohortSpec<'_>, clock: Arc<dyn Clock>) -> World {
    let discord_clock = clock.clone();
    let fake = FakeDiscord::builder()
        .clock(move || discord_clock.now())
        .start()
        .await;
    if let Some(locale) = spec.guild_locale {
        fake.set_guild_locale(fake.guild_id(), locale);
    }
    let channel = fake.add_channel(ChannelSpec::text("cohort"));
    let facilitators =
        fake.add_role(RoleSpec::new("Facilitators").permissions(Permissions::MANAGE_GUILD));
    let facilitator = fake.add_member(MemberSpec::new("fran").roles([facilitators]));
    let bot = TestBot::start_with(fake, spec.prompts, clock, spec.backend, spec.worker_loops).await;
    // The server's locale is recorded as the bot connects: done before the test goes on.
    bot.fake.after_events("GUILD_CREATE").await;
    let channel_option = format!("<#{channel}>");
    let options = [
        ("course", spec.course),
        ("name", "Autumn"),
        ("starts", spec.starts.as_str()),
        ("time_zone", spec.time_zone),
    ];
    let reply = if spec.with_channel {
        let [a, b, c, d] = options;
        facilitator
            .slash("cohort create", [a, b, c, d, ("channel", &channel_option)])
            .await
    } else {
        facilitator.slash("cohort create", options).await
    };
    assert!(reply.is_ephemeral());
    assert!(reply.text().contains("Cohort created"), "{}", reply.text());
    let cohort = bot
        .store
        .list_cohorts(guild(&bot), false)
        .await
        .unwrap()
        .pop()
        .expect("the cohort is stored");
    assert!(
        reply.text().contains(&cohort.join_code),
        "the facilitator sees the join code"
    );
    World {
        bot,
        facilitator,
        channel,
        join_code: cohort.join_code.clone(),
        cohort,
        created: reply,
    }
}

/// Gives the bot's role Manage Channels and Manage Messages, as the README's invite asks
/// for the knowledge hub.
pub fn grant_hub_permissions(world: &World) {
    let fake = &world.bot.fake;
    let role = fake.bot_role(fake.guild_id());
    let usual = fake.role(role).expect("the bot's role").permissions;
    fake.set_role_permissions(
        role,
        usual | Permissions::MANAGE_CHANNELS | Permissions::MANAGE_MESSAGES,
    );
}

pub fn guild(bot: &TestBot) -> GuildId {
    GuildId(bot.fake.guild_id().get())
}

pub async fn trainee(world: &World, name: &str) -> FakeUser {
    let user = world.bot.fake.add_member(MemberSpec::new(name));
    let reply = user
        .slash("cohort join", [("code", &world.join_code)])
        .await;
    assert!(
        reply.text().contains("Welcome to “Autumn”"),
        "{}",
        reply.text()
    );
    user
}

/// Clicks Next until the last screen of the module, checking each screen is a page of it.
pub async fn read_every_page(user: &FakeUser, module: &Module) -> Reply {
    let mut reply = user.slash("module", [("module", module.id.as_str())]).await;
    let mut screens = 1;
    while reply.button("Next ▶").is_some_and(|b| !b.disabled) {
        reply = user.click(&reply, "Next ▶").await;
        screens += 1;
    }
    assert!(
        screens >= module.pages.len(),
        "{} screens for {} pages",
        screens,
        module.pages.len()
    );
    reply
}

pub fn start_label(module: &Module) -> String {
    match module.exercises.len() {
        0 => "Finish the module".to_string(),
        n => format!("Start the exercises ({n})"),
    }
}

/// Answers every question of an attempt, rightly or wrongly, and returns the result.
pub async fn answer_every_question(
    user: &FakeUser,
    mut reply: Reply,
    module: &Module,
    right: bool,
) -> Reply {
    for (i, exercise) in module.exercises.iter().enumerate() {
        reply = answer(user, reply, &exercise.kind, right).await;
        if i + 1 < module.exercises.len() {
            reply = user
                .click(
                    &reply,
                    &format!("Next question ({} of {})", i + 2, module.exercises.len()),
                )
                .await;
        }
    }
    reply
}

/// Answers the question on `reply`, in whichever interface language it is shown (English or
/// French): buttons by their label, menus by their id.
pub async fn answer(user: &FakeUser, reply: Reply, kind: &ExerciseKind, right: bool) -> Reply {
    let french = reply.button("Vrai").is_some() || reply.button("Relire les pages").is_some();
    match kind {
        ExerciseKind::TrueFalse { answer, .. } => {
            let label = match (*answer == right, french) {
                (true, false) => "True",
                (false, false) => "False",
                (true, true) => "Vrai",
                (false, true) => "Faux",
            };
            user.click(&reply, label).await
        }
        ExerciseKind::SingleChoice {
            options, answer, ..
        } => {
            let pick = if right {
                *answer
            } else {
                (answer + 1) % options.len()
            };
            let menu = only_select(&reply);
            user.select(&reply, &menu, [options[pick].as_str()]).await
        }
        ExerciseKind::MultipleChoice {
            options, answers, ..
        } => {
            let picks: Vec<&str> = (0..options.len())
                .filter(|i| answers.contains(i) == right)
                .map(|i| options[i].as_str())
                .collect();
            select_many(user, &reply, &only_select(&reply), &picks).await
        }
        ExerciseKind::Ordering { items, .. } => {
            let mut order: Vec<&String> = items.iter().collect();
            if !right {
                order.reverse();
            }
            let mut reply = reply;
            for item in &order[..order.len() - 1] {
                let menu = only_select(&reply);
                reply = user.select(&reply, &menu, [item.as_str()]).await;
            }
            reply
        }
        ExerciseKind::Matching {
            categories, items, ..
        } => {
            let mut reply = reply;
            for item in items {
                let pick = if right {
                    item.category
                } else {
                    (item.category + 1) % categories.len()
                };
                let menu = only_select(&reply);
                reply = user
                    .select(&reply, &menu, [categories[pick].as_str()])
                    .await;
            }
            reply
        }
        ExerciseKind::Reflection { min_chars, .. } => {
            let write = if french {
                "Écrire votre réflexion"
            } else {
                "Write your reflection"
            };
            let form = user.click(&reply, write).await;

            let text = "I listened first and learnt what my neighbours care about. "
                .repeat((*min_chars as usize / 50) + 1);
            user.submit(&form, [("reflection", text.as_str())]).await
        }
    }
}

async fn select_many(user: &FakeUser, reply: &Reply, menu: &str, picks: &[&str]) -> Reply {
    match picks {
        [a] => user.select(reply, menu, [*a]).await,
        [a, b] => user.select(reply, menu, [*a, *b]).await,
        [a, b, c] => user.select(reply, menu, [*a, *b, *c]).await,
        [a, b, c, d] => user.select(reply, menu, [*a, *b, *c, *d]).await,
        [a, b, c, d, e] => user.select(reply, menu, [*a, *b, *c, *d, *e]).await,
        _ => panic!("select_many takes 1 to 5 picks, not {}", picks.len()),
    }
}

pub fn only_select(reply: &Reply) -> String {
    let message = reply.message();
    let select = message
        .all_components()
        .into_iter()
        .find(|c| c.kind.is_select())
        .expect("a select menu");
    select.custom_id.clone().expect("a select has a custom_id")
}

pub fn role_named(fake: &FakeDiscord, name: &str) -> fake_discord::Role {
    fake.role_named(fake.guild_id(), name)
        .unwrap_or_else(|| panic!("the bot has not created the role {name}"))
}

/// A wall-clock hour in London, where the test packs' cohorts run, as a UTC instant.
pub fn london(y: i32, m: u32, d: u32, hour: u32) -> DateTime<Utc> {
    chrono_tz::Europe::London
        .with_ymd_and_hms(y, m, d, hour, 0, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// Conversations of the two-day training's first stage, logged by the facilitator on
/// 1 October 2026 with neighbours, one per list of issues.
pub async fn heard(world: &World, conversations: &[&[&str]]) {
    let author = UserId(world.facilitator.id().get());
    for issues in conversations {
        let conversation = Conversation {
            stage: "core-team".into(),
            group: "neighbours".into(),
            heard_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            label: "JB".into(),
            place: "the market".into(),
            issues: issues.iter().map(|i| i.to_string()).collect(),
            energy: "Wants the evening bus back.".into(),
            follow_up_on: None,
        };
        world
            .bot
            .store
            .add_listening_record(world.cohort.id, author, &conversation, 0)
            .await
            .unwrap();
    }
}

/// What `user` logs with `/listen log` (its `options`) in the form it opens: a conversation
/// with `who` at the market, about the evening bus.
pub async fn log_conversation(user: &FakeUser, options: &[(&str, &str)], who: &str) -> Reply {
    let form = user.slash_with("listen log", options).await;
    assert!(form.modal().is_some(), "no form: {}", form.text());
    user.submit(
        &form,
        [
            ("label", who),
            ("place", "the market"),
            ("energy", "Wants the evening bus back for her shifts."),
        ],
    )
    .await
}
