//! The knowledge hub, profiles and the cohort report in French, end to end through the
//! Discord stand-in: a member whose client is in French asks a question and reads the
//! similar questions, the buttons and the post's byline in French; reads a profile card and
//! a report whose figures are written the French way; and is refused in French. The
//! registered commands carry their French names.

use crate::learning;
use crate::learning::{trainee, CohortSpec};
use chrono::{Duration, Utc};
use fake_discord::MemberSpec;

use crate::bot::TestClock;

const MINI: &str = "tests/fixtures/packs/valid";
/// French puts a no-break space before a colon and inside guillemets.
const NBSP: char = '\u{a0}';

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_member_asks_the_hub_and_reads_it_in_french() {
    let clock = TestClock::at(Utc::now());
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        ..CohortSpec::new("prompts", "community-organisers")
    };
    let world = learning::world_of(spec, clock.clone()).await;
    learning::grant_hub_permissions(&world);
    let ann = trainee(&world, "ann").await;
    ann.set_locale("fr");
    let ask = [
        ("title", "How do I start a listening campaign on my street?"),
        (
            "details",
            "We have a street of forty homes and no contacts.",
        ),
    ];

    let refused = ann.slash("ask", ask).await;
    assert!(refused.is_ephemeral());
    assert_eq!(
        refused.text(),
        format!(
            "Le hub de connaissances n’est pas encore installé sur ce serveur{NBSP}: un animateur \
             ou une animatrice doit d’abord lancer `/hub setup`."
        )
    );

    world.facilitator.slash("hub setup", []).await;
    let posted = ann.slash("ask", ask).await;
    let text = posted.text();
    assert!(
        text.starts_with(&format!("❓ Votre question est publiée{NBSP}: <#")),
        "{text}"
    );
    let fake = &world.bot.fake;
    let channels = fake.channels(fake.guild_id());
    let forum = channels.iter().find(|c| c.name == "hub-questions").unwrap();
    let post = fake
        .threads(forum.id)
        .into_iter()
        .next()
        .expect("the question's post");
    let first = &fake.messages(post.id)[0];
    assert!(
        first
            .content
            .ends_with(&format!("— question de <@{}>", ann.id())),
        "{}",
        first.content
    );

    let ben = trainee(&world, "ben").await;
    let answer = ben.post(post.id, "Knock on doors and ask what bothers people.");
    clock.advance(Duration::minutes(2));
    let accepted = ann.message_command("Accept answer", &answer).await;
    assert!(
        accepted.text().contains("acceptée pour «"),
        "{}",
        accepted.text()
    );

    let cat = trainee(&world, "cat").await;
    cat.set_locale("fr");
    let similar = cat
        .slash(
            "ask",
            [
                ("title", "Starting a listening campaign"),
                (
                    "details",
                    "Where do I begin on a street where I know nobody?",
                ),
            ],
        )
        .await;
    let text = similar.text();
    assert!(
        text.starts_with(&format!(
            "Avant de publier «{NBSP}Starting a listening campaign{NBSP}», voici des questions \
             déjà résolues qui y ressemblent{NBSP}:"
        )),
        "{text}"
    );
    assert!(similar.button("Publier ma question").is_some(), "{text}");
    let cancelled = cat.click(&similar, "Annuler").await;
    assert_eq!(
        cancelled.text(),
        format!("Annulé{NBSP}: votre question n’a pas été publiée.")
    );

    let rating = cat.message_command("Rate answer", &answer).await;
    assert!(
        rating.text().contains("vous a-t-elle aidé"),
        "{}",
        rating.text()
    );
    assert!(rating.button("👍 Positive").is_some());
    let reputation = cat
        .slash("hub reputation", [("member", &ben.mention())])
        .await;
    assert!(
        reputation
            .text()
            .contains("aucune évaluation positive ou négative"),
        "{}",
        reputation.text()
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_a_report_and_a_refusal_in_french() {
    let world = learning::world(MINI, "mini-course").await;
    let fake = &world.bot.fake;
    let alice = trainee(&world, "alice").await;
    alice.set_locale("fr");

    let card = alice.slash("profile view", []).await;
    let text = card.text();
    for part in [
        "Profil",
        "Cohortes",
        "Autumn (stagiaire)",
        "Dans le hub de connaissances",
        "Score de retours 0 · aucune évaluation pour ou contre sur 12 mois",
        "Vous n’avez encore rien écrit sur vous",
        "Progression dans Autumn",
        "Modules terminés",
    ] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
    let help = alice.slash("help", []).await;
    assert!(
        help.text().contains("`/profil voir`"),
        "/help names the commands as Discord shows them in French: {}",
        help.text()
    );
    let form = alice.slash("profile edit", []).await;
    let modal = form.modal().expect("the profile form opens");
    assert_eq!(modal.title, "Votre profil");

    let facilitator = &world.facilitator;
    facilitator.set_locale("fr");
    let report = facilitator.slash("cohort report", []).await;
    let text = report.text();
    assert!(text.contains(&format!("Rapport{NBSP}: Autumn")), "{text}");
    assert!(text.contains("**1 stagiaire**"), "{text}");
    assert!(
        text.contains("0 sur 1 l’ont terminé (0\u{202F}%)"),
        "percentages are written the French way: {text}"
    );
    assert!(report.attachment("report.png").is_some());

    let stranger = fake.add_member(MemberSpec::new("bruno"));
    stranger.set_locale("fr");
    let refused = stranger.slash("profile view", []).await;
    assert!(refused.is_ephemeral());
    assert_eq!(
        refused.text(),
        format!(
            "Vous n’êtes dans aucune cohorte de ce serveur, et les profils sont réservés à ses \
             membres{NBSP}: rejoignez-en une avec `/cohort join`."
        )
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registered_commands_carry_french_names() {
    let world = learning::world(MINI, "mini-course").await;
    let fake = &world.bot.fake;
    let hub = fake.command("hub").expect("/hub is registered");
    assert_eq!(hub.definition["name_localizations"]["fr"], "hub");
    let search = hub
        .options()
        .iter()
        .find(|o| o["name"] == "search")
        .cloned()
        .expect("/hub search");
    assert_eq!(search["name_localizations"]["fr"], "chercher");
    assert_eq!(search["options"][0]["name_localizations"]["fr"], "requête");
    let profile = fake.command("profile").expect("/profile is registered");
    let progress = profile
        .options()
        .iter()
        .find(|o| o["name"] == "progress")
        .cloned()
        .expect("/profile progress");
    let choices = &progress["options"][0]["choices"];
    assert_eq!(
        choices[0]["name_localizations"]["fr"],
        "Les membres de mes cohortes"
    );
    let menu = fake
        .command("View profile")
        .expect("the View profile entry");
    assert_eq!(
        menu.definition["name_localizations"]["fr"],
        "Voir le profil"
    );
    fake.assert_no_violations();
}
