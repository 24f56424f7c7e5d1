//! The interface in the reader's language, end to end through the Discord stand-in: a user
//! whose client is in French reads `/help`, `/progress` and refusals in French; a server's
//! locale answers for a user whose own language is not shipped; everyone else reads English;
//! the commands Discord registers carry their French descriptions; and a reminder the bot
//! sends on its own speaks the server's language.

use crate::bot::TestClock;
use crate::learning;
use crate::learning::{trainee, world, CohortSpec};
use chrono::{Duration, TimeZone, Utc};
use cohortbot::model::SessionKind;
use fake_discord::MemberSpec;
use serenity::all::ChannelId;

const MINI: &str = "tests/fixtures/packs/valid";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_whose_discord_is_in_french_reads_french() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let english = alice.slash("help", []).await.text();
    assert!(english.contains("You are a trainee here."), "{english}");
    alice.set_locale("fr");

    let help = alice.slash("help", []).await;
    let text = help.text();
    assert!(text.contains("Une formation en cohorte"), "{text}");
    assert!(text.contains("Vous êtes stagiaire ici."), "{text}");
    assert!(
        text.contains("Votre progression dans le parcours, et la suite à donner."),
        "/help lists the commands' French descriptions: {text}"
    );

    let progress = alice.slash("progress", []).await;
    let text = progress.text();
    assert!(text.contains("Votre progression\u{a0}: "), "{text}");
    assert!(text.contains("Modules terminés"), "{text}");
    assert!(text.contains("0 sur "), "{text}");
    assert!(text.contains("Étape suivante"), "{text}");
    assert!(text.contains("Commencez «\u{a0}"), "{text}");
    assert!(!text.contains("Next step"), "{text}");

    let stranger = world.bot.fake.add_member(MemberSpec::new("bruno"));
    stranger.set_locale("fr");
    let refused = stranger.slash("progress", []).await;
    assert!(refused.is_ephemeral());
    assert_eq!(
        refused.text(),
        "Vous ne faites encore partie d’aucune cohorte sur ce serveur. Demandez un code d’accès \
         à un animateur ou une animatrice, puis utilisez `/cohort join`."
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_locale_answers_when_the_users_is_not_shipped() {
    let world = world(MINI, "mini-course").await;
    let fake = &world.bot.fake;
    let english = trainee(&world, "eve").await;
    english.set_locale("en-GB");
    let progress = english.slash("progress", []).await;
    assert!(progress.text().contains("Next step"), "{}", progress.text());

    fake.set_guild_locale(fake.guild_id(), "fr");
    let brazilian = fake.add_member(MemberSpec::new("paulo"));
    brazilian.set_locale("pt-BR");
    let refused = brazilian.slash("progress", []).await;
    assert!(
        refused.text().starts_with("Vous ne faites encore partie"),
        "{}",
        refused.text()
    );
    let progress = english.slash("progress", []).await;
    assert!(
        progress.text().contains("Next step"),
        "the user's own locale comes first: {}",
        progress.text()
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registered_commands_carry_french_descriptions() {
    let world = world(MINI, "mini-course").await;
    let fake = &world.bot.fake;
    let progress = fake.command("progress").expect("/progress is registered");
    assert_eq!(
        progress.description,
        "Your progress through the course, and what to do next."
    );
    let definition = &progress.definition;
    assert_eq!(
        definition["description_localizations"]["fr"],
        "Votre progression dans le parcours, et la suite à donner."
    );
    assert_eq!(
        progress.options()[0]["description_localizations"]["fr"],
        "Quelle cohorte (par défaut\u{a0}: la vôtre)"
    );
    let badges = fake.command("badges").expect("/badges is registered");
    let show = badges
        .options()
        .iter()
        .find(|o| o["name"] == "show")
        .expect("/badges show");
    assert_eq!(
        show["description_localizations"]["fr"],
        "Vos badges, et ce qu’il reste à faire pour les autres."
    );
    for command in fake.commands() {
        if command.definition["type"] == 1 {
            assert!(
                command.definition["description_localizations"]["fr"].is_string(),
                "/{} has no French description",
                command.name
            );
        }
    }
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_is_written_in_the_servers_language() {
    let clock = TestClock::at(Utc::now());
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        ..CohortSpec::new("prompts", "two-day-training")
    };
    let world = learning::world_of(spec, clock.clone()).await;
    let fake = &world.bot.fake;
    fake.set_guild_locale(fake.guild_id(), "fr");
    for name in ["ann", "ben"] {
        trainee(&world, name).await;
    }
    let formed = world.facilitator.slash("set form", []).await;
    assert!(formed.text().contains("Formed 1 set"), "{}", formed.text());
    let scheduled = world
        .facilitator
        .slash("set schedule", [("set", "Set 1")])
        .await;
    assert!(
        scheduled.text().contains("Scheduled"),
        "the facilitator's own locale (en-US) answers them: {}",
        scheduled.text()
    );
    let groups = world.bot.store.list_groups(world.cohort.id).await.unwrap();
    let thread = ChannelId::new(groups[0].thread_id.expect("the set's thread").0);
    let sessions = world
        .bot
        .store
        .list_sessions(world.cohort.id)
        .await
        .unwrap();
    let first = sessions
        .iter()
        .filter(|s| s.kind != SessionKind::Event)
        .map(|s| s.starts_at)
        .min()
        .expect("a set session");

    clock.set(Utc.timestamp_millis_opt(first).unwrap() - Duration::hours(1));
    world.bot.step().await;
    let reminder = fake
        .messages(thread)
        .into_iter()
        .find(|m| m.content.contains(" commence dans 1 heure"))
        .expect("the hour-before reminder is in the set's thread");
    let start = first / 1000;
    assert!(
        reminder.content.starts_with("⏰ Rappel\u{a0}: **")
            && reminder.content.ends_with(&format!(
                " commence dans 1 heure\u{a0}: <t:{start}:F> (<t:{start}:R>)."
            )),
        "{}",
        reminder.content
    );
    fake.assert_no_violations();
}
