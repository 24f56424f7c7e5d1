//! Interaction latency benchmark: how long a member waits for the bot's answer to `/help`,
//! `/course`, `/progress`, `/module` and a module page button, measured by the Discord
//! stand-in from sending INTERACTION_CREATE to receiving the callback. The baseline, in the
//! same run and through the same path (serenity's HTTP client, its rate limiter, the fake's TLS
//! proxy), is a no-op serenity bot with the same commands registered that answers every
//! interaction with a fixed message. Prints p50 and p99 per command and the p50 ratio to the
//! baseline, on SQLite, and on PostgreSQL too when `COHORTBOT_TEST_POSTGRES_URL` names a
//! server; and on SQLite a trainee who reads a translated course in French (with `/language`,
//! the interface staying in English).
//!
//! Beside cohortbot it measures what parts of its work cost any bot: the no-op answering
//! through poise, as cohortbot does; for each database, the no-op running one statement
//! (`SELECT 1`) on cohortbot's database before it answers, the least any bot that keeps its
//! state there pays; and on PostgreSQL, the no-op taking each interaction on as cohortbot does
//! there (a row in `handled_interactions`, which every instance sees), alone and with one
//! statement beside it, the least any bot pays that answers each interaction once whichever
//! of its instances receive it.
//!
//! And the no-op answering each command and click with what cohortbot answered it on SQLite:
//! what showing cohortbot's answers (embeds of a page's text, buttons) costs any bot.
//!
//! Each cohortbot's rows also give its p50's ratio to its floor, the least any bot pays that
//! does what cohortbot does before its own work: on SQLite, where it keeps its claims in
//! memory, the one-statement bot; on PostgreSQL the claim with one statement beside it.
//!
//! Every bot runs at once, each on a stand-in of its own, and is timed in turn, one
//! interaction each round, so that what slows the machine for a while slows them all alike.
//!
//! Run: `cargo bench --bench latency` (optimised, as the README's numbers were measured;
//! `--profile dev` builds sooner).

#[path = "../tests/common/bot.rs"]
mod bot;
#[path = "../tests/common/learning.rs"]
mod learning;
#[path = "common/no_op.rs"]
mod no_op;
#[path = "common/no_op_poise.rs"]
mod no_op_poise;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use bot::store_backends::TestDb;
use bot::Backend;
use cohortbot::domain::{Clock, SystemClock};
use cohortbot::store::Store;
use fake_discord::{FakeDiscord, FakeUser, MemberSpec, Reply};
use no_op::{answer, intents, NoOp};
use serde_json::Value;
use serenity::all::{
    async_trait, Client, ClientBuilder, Context, EventHandler, Interaction, InteractionId, Ready,
    ShardManager,
};
use tokio::task::JoinHandle;

/// Answers timed per command, after `WARM_UP` untimed ones.
const SAMPLES: usize = 200;
const WARM_UP: usize = 20;
const PACKS: &str = "prompts";
const COURSE: &str = "community-organisers";
/// A shipped course with a French translation, for a trainee who reads it in French.
const TRANSLATED_COURSE: &str = "msf-urban-spaces";

const NEXT: &str = "Next ▶";
const PREVIOUS: &str = "◀ Previous";

/// What is timed: a command, or a click on a module's page button ("Next ▶", or on the last
/// page "◀ Previous"; `/module` opens where the member left off).
#[derive(Clone, Copy)]
enum Action {
    Slash(&'static str),
    NextPage,
}

/// [`Action::key`] of a button click.
const BUTTON: &str = "button";

impl Action {
    /// The command's name, or [`BUTTON`].
    fn key(self) -> &'static str {
        match self {
            Action::Slash(command) => command,
            Action::NextPage => BUTTON,
        }
    }
}

const ACTIONS: [(&str, Action); 5] = [
    ("/help", Action::Slash("help")),
    ("/course", Action::Slash("course")),
    ("/progress", Action::Slash("progress")),
    ("/module", Action::Slash("module")),
    ("module button", Action::NextPage),
];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let mut bots = vec![
        Bot::baseline("no-op".into(), NoOp).await?,
        Bot::on_poise().await?,
    ];
    let mut backends = vec![Backend::Sqlite];
    if std::env::var("COHORTBOT_TEST_POSTGRES_URL").is_ok() {
        backends.push(Backend::Postgres);
    }
    let mut sqlite_floor = 0;
    for backend in backends {
        let short = if backend == Backend::Sqlite {
            "sq"
        } else {
            "pg"
        };
        let world = learning::world_on(PACKS, COURSE, Arc::new(SystemClock), backend).await;
        let store = Store::connect(world.bot.database_url()).await?;
        let one_statement = Bot::baseline(format!("1 statement {short}"), OneStatement(store));
        bots.push(one_statement.await?);
        if backend == Backend::Postgres {
            for (label, read_beside) in [("claim pg", false), ("claim+1 pg", true)] {
                let own = TestDb::postgres().await.expect("a PostgreSQL server");
                let claims = ClaimsEach { own, read_beside };
                bots.push(Bot::baseline(label.into(), claims).await?);
            }
        }
        let floor = bots.len() - 1;
        if backend == Backend::Sqlite {
            sqlite_floor = floor;
        }
        let cohortbot = Bot::cohortbot(format!("cohortbot {short}"), world).await;
        if backend == Backend::Sqlite {
            let answers = SameAnswers(answers_of(&cohortbot).await);
            bots.push(Bot::baseline("no-op, its answers".into(), answers).await?);
        }
        bots.push(cohortbot.on_floor(floor));
    }
    let world = learning::world_on(
        PACKS,
        TRANSLATED_COURSE,
        Arc::new(SystemClock),
        Backend::Sqlite,
    );
    let reads_french = Bot::cohortbot("cohortbot sq fr".into(), world.await).await;
    let chosen = reads_french
        .user
        .slash("language set", [("choice", "Français")]);
    assert!(
        chosen.await.text().contains("Français"),
        "the course is read in French"
    );
    bots.push(reads_french.on_floor(sqlite_floor));
    let times = time_in_turn(&bots).await;
    println!(
        "{:<16}{:<20}{:>9}{:>9}{:>13}{:>11}",
        "command", "bot", "p50 ms", "p99 ms", "p50 ratio", "to floor"
    );
    for (bot, measured) in bots.iter().zip(&times) {
        let floor = bot.floor.map(|f| times[f].as_slice());
        print_rows(&bot.label, measured, &times[0], floor);
    }
    for bot in bots {
        bot.stop().await?;
    }
    Ok(())
}

/// One row per action: `bot`'s p50 and p99, its p50's ratio to `baseline`'s, and, for a bot
/// with a floor, to the floor's.
fn print_rows(
    bot: &str,
    measured: &[Vec<Duration>],
    baseline: &[Vec<Duration>],
    floor: Option<&[Vec<Duration>]>,
) {
    for ((a, (name, _)), times) in ACTIONS.iter().enumerate().zip(measured) {
        let p50 = millis(percentile(times, 50));
        let to_floor = floor.map_or(String::new(), |floor| {
            format!("{:>10.2}×", p50 / millis(percentile(&floor[a], 50)))
        });
        println!(
            "{name:<16}{bot:<20}{p50:>9.2}{:>9.2}{:>12.2}×{to_floor}",
            millis(percentile(times, 99)),
            p50 / millis(percentile(&baseline[a], 50)),
        );
    }
}

/// A bot being measured, with the member who uses it.
struct Bot {
    label: String,
    user: FakeUser,
    running: Running,
    /// For cohortbot, which bot measures its floor: the least any bot pays that does what it
    /// must before its own work (see the module's documentation).
    floor: Option<usize>,
}

enum Running {
    Baseline {
        _fake: FakeDiscord,
        shards: Arc<ShardManager>,
        client: JoinHandle<serenity::Result<()>>,
    },
    Cohortbot(Box<learning::World>),
}

impl Bot {
    /// A baseline bot, `handler`, on a stand-in of its own.
    async fn baseline(label: String, handler: impl EventHandler + 'static) -> anyhow::Result<Bot> {
        let fake = FakeDiscord::start().await;
        fake.set_barrier(Arc::new(AnsweredIsDone));
        let client = ClientBuilder::new_with_http(fake.rate_limited_http(), intents())
            .event_handler(handler);
        Bot::started(label, fake, client.await?).await
    }

    /// A baseline bot, `client`, started on `fake`, with a member to use it.
    async fn started(label: String, fake: FakeDiscord, mut client: Client) -> anyhow::Result<Bot> {
        let shards = client.shard_manager.clone();
        let client = tokio::spawn(async move { client.start().await });
        fake.wait_until_ready().await;
        let user = fake.add_member(MemberSpec::new("trainee"));
        let running = Running::Baseline {
            _fake: fake,
            shards,
            client,
        };
        Ok(Bot {
            label,
            user,
            running,
            floor: None,
        })
    }

    /// The no-op bot answering through poise, on a stand-in of its own.
    async fn on_poise() -> anyhow::Result<Bot> {
        let fake = FakeDiscord::start().await;
        fake.set_barrier(Arc::new(AnsweredIsDone));
        let client = ClientBuilder::new_with_http(fake.rate_limited_http(), intents())
            .framework(no_op_poise::framework());
        Bot::started("no-op on poise".into(), fake, client.await?).await
    }

    /// cohortbot, with a trainee enrolled in the world's cohort on a shipped course.
    async fn cohortbot(label: String, world: learning::World) -> Bot {
        let user = learning::trainee(&world, "trainee").await;
        Bot {
            label,
            user,
            running: Running::Cohortbot(Box::new(world)),
            floor: None,
        }
    }

    /// This bot, its ratio to bot number `floor` printed beside its ratio to the no-op.
    fn on_floor(self, floor: usize) -> Bot {
        Bot {
            floor: Some(floor),
            ..self
        }
    }

    async fn stop(self) -> anyhow::Result<()> {
        match self.running {
            Running::Baseline { shards, client, .. } => {
                shards.shutdown_all().await;
                client.await??;
            }
            Running::Cohortbot(world) => world.bot.stop().await,
        }
        Ok(())
    }
}

/// Each bot's answer times, by action, sorted: every action is carried out on each bot in
/// turn, `WARM_UP` rounds untimed and then `SAMPLES` timed.
async fn time_in_turn(bots: &[Bot]) -> Vec<Vec<Vec<Duration>>> {
    let mut times = vec![vec![Vec::with_capacity(SAMPLES); ACTIONS.len()]; bots.len()];
    for round in 0..WARM_UP + SAMPLES {
        for (a, (_, action)) in ACTIONS.iter().enumerate() {
            let took = act_in_turn(bots, *action).await;
            if round >= WARM_UP {
                for (b, took) in took.into_iter().enumerate() {
                    times[b][a].push(took);
                }
            }
        }
    }
    for by_action in &mut times {
        by_action.iter_mut().for_each(|t| t.sort());
    }
    times
}

/// The no-op bot running one statement (`SELECT 1`) on its store before each answer.
struct OneStatement(Store);

#[async_trait]
impl EventHandler for OneStatement {
    async fn ready(&self, ctx: Context, ready: Ready) {
        NoOp.ready(ctx, ready).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        self.0.ping().await.expect("the database answers");
        answer(ctx, interaction).await;
    }
}

/// The no-op bot taking each interaction on as cohortbot does on PostgreSQL, by recording it
/// in `handled_interactions` on a database of its own, and, with `read_beside`, running one
/// statement (`SELECT 1`) at once on another connection, as cohortbot's most used commands
/// read beside their claim.
struct ClaimsEach {
    own: TestDb,
    read_beside: bool,
}

#[async_trait]
impl EventHandler for ClaimsEach {
    async fn ready(&self, ctx: Context, ready: Ready) {
        NoOp.ready(ctx, ready).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let store = &self.own.store;
        let claim = store.claim_interaction(interaction.id().get(), SystemClock.now_ms());
        let first = if self.read_beside {
            let (first, read) = tokio::join!(claim, store.ping());
            read.expect("the database answers");
            first
        } else {
            claim.await
        };
        assert!(
            first.expect("the database answers"),
            "each interaction is new"
        );
        answer(ctx, interaction).await;
    }
}

/// The no-op answering each command and click with what cohortbot answered it, the body of
/// its callback sent as it is: what showing cohortbot's answers costs any bot.
struct SameAnswers(HashMap<&'static str, Value>);

#[async_trait]
impl EventHandler for SameAnswers {
    async fn ready(&self, ctx: Context, ready: Ready) {
        NoOp.ready(ctx, ready).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let asked = match &interaction {
            Interaction::Command(command) => command.data.name.as_str(),
            _ => BUTTON,
        };
        let answer = self.0.get(asked).expect("an action the bench times");
        ctx.http
            .create_interaction_response(interaction.id(), interaction.token(), answer, vec![])
            .await
            .expect("the fake accepts cohortbot's answer");
    }
}

/// What `cohortbot` answered each timed action, as the body of its callback: each action
/// carried out once, and the callback that answered it kept.
async fn answers_of(cohortbot: &Bot) -> HashMap<&'static str, Value> {
    let Running::Cohortbot(world) = &cohortbot.running else {
        panic!("{} is not cohortbot", cohortbot.label);
    };
    let mut answers = HashMap::new();
    for (_, action) in ACTIONS {
        act(&cohortbot.user, action).await;
        let callback = world
            .bot
            .fake
            .requests()
            .into_iter()
            .rfind(|r| r.route == Some(CALLBACK))
            .and_then(|r| r.body)
            .expect("cohortbot answered with a callback");
        answers.insert(action.key(), callback);
    }
    answers
}

const CALLBACK: &str = "/interactions/{interaction_id}/{interaction_token}/callback";

/// Carries out `action` on each bot in turn: how long each answer took. Every bot opens its
/// module before the first page is turned, so that, as for a member who reads a page before
/// turning it, no bot is still busy with `/module` when the click comes.
async fn act_in_turn(bots: &[Bot], action: Action) -> Vec<Duration> {
    let mut modules = Vec::with_capacity(bots.len());
    if let Action::NextPage = action {
        for bot in bots {
            modules.push(bot.user.slash("module", []).await);
        }
    }
    let mut took = Vec::with_capacity(bots.len());
    for (b, bot) in bots.iter().enumerate() {
        let reply = match action {
            Action::Slash(command) => bot.user.slash(command, []).await,
            Action::NextPage => turn_page(&bot.user, &modules[b]).await,
        };
        took.push(answered_in(&reply));
    }
    took
}

/// Carries out `action` on one bot: its answer.
async fn act(user: &FakeUser, action: Action) -> Reply {
    match action {
        Action::Slash(command) => user.slash(command, []).await,
        Action::NextPage => turn_page(user, &user.slash("module", []).await).await,
    }
}

/// Clicks "Next ▶" on `module`, or "◀ Previous" on its last page.
async fn turn_page(user: &FakeUser, module: &Reply) -> Reply {
    let forward = module.button(NEXT).is_some_and(|b| !b.disabled);
    user.click(module, if forward { NEXT } else { PREVIOUS })
        .await
}

fn answered_in(reply: &Reply) -> Duration {
    reply
        .answered_in()
        .expect("every timed interaction is answered")
}

fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    sorted[(sorted.len() * percent / 100).min(sorted.len() - 1)]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The no-op bot is done with an interaction once it has answered it, which the fake has
/// already waited for.
struct AnsweredIsDone;

impl fake_discord::Barrier for AnsweredIsDone {
    fn interaction_handled(&self, _: InteractionId) -> fake_discord::BarrierFuture {
        Box::pin(async {})
    }

    fn events_handled(&self, _: &str, _: usize) -> fake_discord::BarrierFuture {
        Box::pin(async {})
    }
}
