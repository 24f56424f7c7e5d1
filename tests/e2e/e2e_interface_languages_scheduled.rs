//! What the bot sends on its own, in its reader's language, end to end through the Discord
//! stand-in: a member's own language (chosen with `/language`, else the locale their client
//! sent last), else the server's preferred locale (which the bot records from GUILD_CREATE,
//! and from GUILD_UPDATE when it changes while the bot is connected), else English. A French server gets its vote, results, digest and milestone reminder in
//! French; a member there who chose English keeps English; a French client in an English
//! server reads its nudge in French.

use std::sync::Arc;

use crate::bot::TestClock;
use crate::learning;
use crate::learning::{london, trainee, CohortSpec, World};
use chrono::Duration;
use cohortbot::course::load_pack;
use cohortbot::model::UserId;
use fake_discord::{FakeUser, MemberSpec, Message};

const ORGANISERS: &str = "community-organisers";
const NUDGE_FR: &str = "n’a pas avancé depuis une semaine ou plus";
const NUDGE_EN: &str = "has not moved for a week or more";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_server_reads_its_dot_vote_results_and_digest_in_french() {
    let clock = TestClock::at(london(2026, 9, 14, 10));
    let world = server_world("fr", "two-day-training", clock.clone()).await;
    let store = &world.bot.store;
    let guild = learning::guild(&world.bot);
    assert_eq!(
        store.guild_locale(guild).await.unwrap().as_deref(),
        Some("fr")
    );
    learning::heard(
        &world,
        &[&["Logement", "Poubelles"], &["Logement", "Transports"]],
    )
    .await;
    let alice = trainee(&world, "alice").await;

    let opened = world
        .facilitator
        .slash("listen vote", [("closes", "2026-09-21 18:00")])
        .await;
    assert!(
        opened.text().contains("Dot vote opened over 3 themes"),
        "the facilitator's own client (en-US) answers them: {}",
        opened.text()
    );
    world.bot.step().await;
    let post = channel_post(&world, "Vote par gommettes");
    let closes = london(2026, 9, 21, 18).timestamp();
    assert_eq!(
        post.content,
        format!(
            "**Vote par gommettes\u{a0}: sur quels sujets travailler\u{a0}?**\n\
             Chaque membre de «\u{a0}Autumn\u{a0}» dispose de 3 gommettes à répartir entre ces \
             thèmes, plusieurs sur un même thème s’il compte davantage. Vous pouvez changer \
             d’avis jusqu’au <t:{closes}:f>.\n• Logement\n• Poubelles\n• Transports"
        )
    );
    let ballot = alice.click(&post, "Placer vos gommettes").await;
    assert!(
        ballot.text().contains("3 of 3 left"),
        "the ballot is alice's own, in her client's English: {}",
        ballot.text()
    );
    let mut ballot = ballot;
    for _ in 0..3 {
        ballot = alice.select(&ballot, "Put a dot on…", ["Logement"]).await;
    }

    let fran = UserId(world.facilitator.id().get());
    let settings = store.member_settings(guild, fran).await.unwrap();
    assert_eq!(
        (settings.language, settings.last_locale),
        (None, None),
        "the facilitator has no language of their own: the server's answers"
    );
    clock.set(london(2026, 9, 21, 9));
    world.bot.step().await;
    let digest = dm(&world.facilitator, "L’écoute cette semaine");
    assert!(
        digest.starts_with(
            "**L’écoute cette semaine dans «\u{a0}Autumn\u{a0}»** (étape\u{a0}: Core team and first one-to-ones)\n\
             Entretiens enregistrés ces 7 derniers jours\u{a0}: 0\nNouveaux thèmes\u{a0}: aucun\n"
        ),
        "{digest}"
    );

    clock.set(london(2026, 9, 21, 18));
    world.bot.step().await;
    let results = channel_post(&world, "Le vote par gommettes est clos");
    assert_eq!(
        results.content,
        "**Le vote par gommettes est clos.** 1 membre a placé 3 gommettes.\n\
         1. **Logement** — 3 gommettes\n\
         =2. **Poubelles** — 0 gommette (ex æquo)\n\
         =2. **Transports** — 0 gommette (ex æquo)"
    );
    let chart = results.attachments.first().expect("the chart");
    assert!(chart.data.starts_with(b"\x89PNG"));
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_french_server_nudges_follow_each_member_and_the_milestone_is_french() {
    let clock = TestClock::at(london(2026, 9, 6, 12));
    let world = server_world("fr", ORGANISERS, clock.clone()).await;
    // Alice's client is in French, but she chose English in this server.
    let alice = member_with_client(&world, "alice", "fr").await;
    let chosen = alice.slash("language set", [("choice", "English")]).await;
    assert!(chosen.text().contains("English"), "{}", chosen.text());
    // Bea's client is in a language the bot does not ship: the server's is hers.
    let bea = member_with_client(&world, "bea", "pt-BR").await;

    clock.set(london(2026, 9, 14, 10) + Duration::seconds(1));
    world.bot.step().await;
    let english = dm(&alice, NUDGE_EN);
    assert!(
        english.starts_with(&format!("{}, your module “", alice.mention())),
        "{english}"
    );
    let french = dm(&bea, NUDGE_FR);
    assert!(
        french.starts_with(&format!("{}, votre module «\u{a0}", bea.mention())),
        "{french}"
    );
    assert!(french.contains("«\u{a0}Autumn\u{a0}»"), "{french}");

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts");
    let course = load_pack(&dir.join(ORGANISERS)).expect("the pack loads");
    let milestone = course
        .milestones
        .iter()
        .find(|m| m.id == "confirmation-of-plan")
        .unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
    let at = milestone
        .at
        .resolve(start, chrono_tz::Europe::London)
        .unwrap();
    clock.set(at + Duration::seconds(1));
    world.bot.step().await;
    let reminders: Vec<Message> = world
        .facilitator
        .dms()
        .into_iter()
        .filter(|m| m.text().contains("Confirmation of Plan"))
        .collect();
    assert_eq!(reminders.len(), 1, "{reminders:?}");
    let reminder = &reminders[0];
    assert_eq!(
        reminder.embeds[0].title.as_deref(),
        Some("Étape\u{a0}: Confirmation of Plan")
    );
    let text = &reminder.content;
    assert!(
        text.starts_with(
            "C’est le moment de décerner **Community Organiser Certificate** dans «\u{a0}Autumn\u{a0}».\n\
             Personne ne remplit encore ses conditions.\nPas encore\u{a0}:\n"
        ),
        "{text}"
    );
    for trainee in [&alice, &bea] {
        assert!(text.contains(&format!("- {}", trainee.mention())), "{text}");
    }
    let listed = world.facilitator.slash("prompt list", []).await;
    assert!(
        listed
            .text()
            .contains("Relance hebdomadaire des stagiaires dont le module n’avance plus"),
        "the reminders are titled in the server's language: {}",
        listed.text()
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_client_in_an_english_server_reads_its_nudge_in_french() {
    let clock = TestClock::at(london(2026, 9, 6, 12));
    let spec = CohortSpec {
        starts: "2026-09-07".into(),
        ..CohortSpec::new("tests/fixtures/packs/valid", "mini-course")
    };
    let world = learning::world_of(spec, clock.clone()).await;
    let guild = learning::guild(&world.bot);
    assert_eq!(
        world
            .bot
            .store
            .guild_locale(guild)
            .await
            .unwrap()
            .as_deref(),
        Some("en-US")
    );
    let chloe = member_with_client(&world, "chloe", "fr").await;
    let dan = trainee(&world, "dan").await;

    clock.set(london(2026, 9, 14, 10) + Duration::seconds(1));
    world.bot.step().await;
    let french = dm(&chloe, NUDGE_FR);
    assert!(
        french.starts_with(&format!("{}, votre module «\u{a0}", chloe.mention())),
        "{french}"
    );
    assert!(
        french.ends_with(
            "Reprenez-le avec `/module`. (Pour ne plus recevoir ces rappels, utilisez `/reminders mute`.)"
        ),
        "{french}"
    );
    dm(&dan, NUDGE_EN);
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_switched_to_french_while_connected_gets_its_next_post_in_french() {
    let clock = TestClock::at(london(2026, 9, 14, 10));
    let world = server_world("en-US", "two-day-training", clock.clone()).await;
    let (fake, store) = (&world.bot.fake, &world.bot.store);
    let guild = learning::guild(&world.bot);
    assert_eq!(
        store.guild_locale(guild).await.unwrap().as_deref(),
        Some("en-US")
    );

    fake.set_guild_locale(fake.guild_id(), "fr");
    fake.after_events("GUILD_UPDATE").await;
    assert_eq!(
        store.guild_locale(guild).await.unwrap().as_deref(),
        Some("fr")
    );
    learning::heard(&world, &[&["Logement", "Poubelles"]]).await;
    let opened = world
        .facilitator
        .slash("listen vote", [("closes", "2026-09-21 18:00")])
        .await;
    assert!(
        opened.text().contains("Dot vote opened"),
        "{}",
        opened.text()
    );
    world.bot.step().await;
    let post = channel_post(
        &world,
        "**Vote par gommettes\u{a0}: sur quels sujets travailler\u{a0}?**",
    );
    assert!(
        post.content.ends_with("\n• Logement\n• Poubelles"),
        "{}",
        post.content
    );
    fake.assert_no_violations();
}

// ---------------------------------------------------------------------------------------
/// A server whose preferred locale is `locale`, with a cohort of `course` from `prompts/`.
async fn server_world(locale: &str, course: &str, clock: Arc<TestClock>) -> World {
    let spec = CohortSpec {
        guild_locale: Some(locale),
        ..CohortSpec::new("prompts", course)
    };
    learning::world_of(spec, clock).await
}

/// A trainee whose Discord client is in `locale`, which the bot learns as they read the course.
async fn member_with_client(world: &World, name: &str, locale: &str) -> FakeUser {
    let user = world.bot.fake.add_member(MemberSpec::new(name));
    user.set_locale(locale);
    user.slash("cohort join", [("code", &world.join_code)])
        .await;
    let id = UserId(user.id().get());
    let member = world.bot.store.member(world.cohort.id, id).await.unwrap();
    assert!(member.is_some(), "{name} joined");
    user.slash("course", []).await;
    user
}

/// The bot's post in the cohort channel containing `text`.
fn channel_post(world: &World, text: &str) -> Message {
    world
        .bot
        .fake
        .messages(world.channel)
        .into_iter()
        .find(|m| m.content.contains(text))
        .unwrap_or_else(|| panic!("no post containing “{text}” in the cohort channel"))
}

/// The only direct message to `user` containing `text`.
fn dm(user: &FakeUser, text: &str) -> String {
    let found: Vec<String> = user
        .dms()
        .into_iter()
        .map(|m| m.text())
        .filter(|t| t.contains(text))
        .collect();
    assert_eq!(found.len(), 1, "{} got {found:?}", user.name());
    found[0].clone()
}
