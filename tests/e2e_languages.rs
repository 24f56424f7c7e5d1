//! The interface in the reader's language, end to end through the Discord stand-in: a user
//! whose client is in French reads `/help`, `/progress` and refusals in French; a server's
//! locale answers for a user whose own language is not shipped; everyone else reads English;
//! and the commands Discord registers carry their French descriptions.

#[path = "common/bot.rs"]
mod bot;
#[path = "common/learning.rs"]
mod learning;

use fake_discord::MemberSpec;
use learning::{trainee, world};

const MINI: &str = "tests/fixtures/packs/valid";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_whose_discord_is_in_french_reads_french() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
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
