//! The learning path in the reader's language, end to end through the Discord stand-in: a
//! user whose client is in French reads a module, its buttons and the feedback in French,
//! sees their live quiz answer confirmed in French, and reads a facilitator's reply and a
//! refusal in French, while an English user beside them still reads English.

use crate::bot;
use crate::learning::{trainee, world, world_on_clock};
use chrono::Utc;

const MINI: &str = "tests/fixtures/packs/valid";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_trainee_reads_a_module_its_buttons_and_feedback_in_french() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await.with_locale("fr");

    let screen = alice.slash("module", [("module", "basics")]).await;
    let text = screen.text();
    assert!(text.contains("Lecture · écran 1 sur 1"), "{text}");
    assert!(screen.button("◀ Précédent").is_some(), "{text}");
    assert!(screen.button("Suivant ▶").is_some(), "{text}");
    assert!(!text.contains("screen 1 of"), "{text}");

    let question = alice.click(&screen, "Commencer les exercices (2)").await;
    let text = question.text();
    assert!(text.contains("Vrai ou faux\u{a0}?"), "{text}");
    assert!(text.contains("question 1 sur 2 · tentative 1"), "{text}");
    assert!(question.button("Relire les pages").is_some(), "{text}");

    let feedback = alice.click(&question, "Vrai").await;
    let text = feedback.text();
    assert!(text.contains("Juste\u{a0}!"), "{text}");
    assert!(
        feedback.button("Question suivante (2 sur 2)").is_some(),
        "{text}"
    );

    let bob = trainee(&world, "bob").await.with_locale("en-GB");
    let screen = bob.slash("module", [("module", "basics")]).await;
    assert!(
        screen.text().contains("Reading · screen 1 of 1"),
        "{}",
        screen.text()
    );
    assert!(screen.button("Start the exercises (2)").is_some());
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_trainee_sees_their_live_quiz_answer_confirmed_in_french() {
    let clock = bot::TestClock::at(Utc::now());
    let world = world_on_clock(MINI, "mini-course", clock).await;
    let fake = &world.bot.fake;
    let room = world.channel;
    let alice = trainee(&world, "alice").await.with_locale("fr");
    let started = world
        .facilitator
        .in_channel(room)
        .slash("quiz start", [("module", "basics"), ("seconds", "30")])
        .await;
    assert!(started.is_ephemeral(), "{}", started.text());
    let question = fake
        .messages(room)
        .into_iter()
        .find(|m| m.text().contains("Listening comes before action"))
        .expect("the first question is posted");

    let ack = alice.click(&question, "True").await;
    assert!(ack.is_ephemeral());
    assert_eq!(
        ack.text(),
        "Votre réponse est enregistrée\u{a0}: **Vrai**. Vous pouvez la modifier jusqu’à la fin \
         du temps imparti."
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_facilitator_and_a_french_trainee_read_replies_and_refusals_in_french() {
    let world = world(MINI, "mini-course").await;
    let fran = world.facilitator.with_locale("fr");
    let listed = fran.slash("reflections list", []).await;
    let text = listed.text();
    assert!(text.contains("Réflexions"), "{text}");
    assert!(text.contains("Aucune réflexion à afficher."), "{text}");

    let alice = trainee(&world, "alice").await.with_locale("fr");
    let refused = alice
        .slash("reflections reply", [("number", "1"), ("text", "merci")])
        .await;
    assert!(refused.is_ephemeral());
    assert_eq!(
        refused.text(),
        "Seuls les animateurs et animatrices de «\u{a0}Autumn\u{a0}» peuvent faire cela."
    );
    world.bot.fake.assert_no_violations();
}
