//! `/hub setup`, badge requirements, Discord's permission refusals and `/badges export` in
//! French, end to end through the Discord stand-in: a facilitator whose client is in French
//! reads the set-up's summary in French, and a refusal naming the permissions as Discord's
//! French settings do; a French trainee reads what a badge still lacks in `/progress` and
//! `/badges show`, and one without badges that there is nothing to export; facilitators who
//! chose French read why Discord refused a badge's role in French.

use std::path::Path;

use crate::learning;
use crate::learning::{trainee, world_on, CohortSpec, World};
use chrono::{Duration, Utc};
use cohortbot::course::load_pack;
use cohortbot::domain::badges;
use cohortbot::model::{HubForumKind, UserId};
use fake_discord::{Reply, RoleSpec};
use serenity::all::Permissions;

use crate::bot::{Backend, TestClock};

e2e_tests!(
    a_french_facilitator_reads_the_hub_set_up_in_french,
    a_french_facilitator_is_told_in_french_which_permission_to_grant,
    a_french_trainee_reads_what_a_badge_lacks_and_that_there_is_nothing_to_export,
    french_facilitators_read_in_french_that_a_badge_role_needs_manage_roles,
    a_french_facilitator_reads_in_french_what_was_saved_and_what_discord_refused_after,
);

/// French puts a no-break space before a colon or a semicolon and inside guillemets.
const NBSP: char = '\u{a0}';

const MINI: &str = "tests/fixtures/packs/valid";

const TOPICS: &str = "listening, relationships, power, taking action, action planning, reflection";

async fn world(backend: Backend, course: &str, with_hub_permissions: bool) -> World {
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        backend,
        ..CohortSpec::new("prompts", course)
    };
    let world = learning::world_of(spec, TestClock::at(Utc::now())).await;
    if with_hub_permissions {
        learning::grant_hub_permissions(&world);
    }
    world.facilitator.set_locale("fr");
    world
}

async fn recorded(world: &World, kind: HubForumKind) -> u64 {
    let guild = learning::guild(&world.bot);
    let forum = world.bot.store.hub_forum(guild, kind).await.unwrap();
    forum.expect("the forum is recorded").channel_id.0
}

async fn a_french_facilitator_reads_the_hub_set_up_in_french(backend: Backend) {
    let world = world(backend, "community-organisers", true).await;

    let reply = world.facilitator.slash("hub setup", []).await;

    assert!(reply.is_ephemeral());
    let articles = recorded(&world, HubForumKind::Articles).await;
    let questions = recorded(&world, HubForumKind::Questions).await;
    let text = reply.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0], "📚 Le hub de connaissances est installé.");
    assert_eq!(
        lines[1],
        format!("• Articles{NBSP}: <#{articles}>, créé{NBSP}; étiquettes{NBSP}: {TOPICS}.")
    );
    assert_eq!(
        lines[2],
        format!(
            "• Questions{NBSP}: <#{questions}>, créé{NBSP}; étiquettes{NBSP}: {TOPICS}, answered."
        )
    );
    assert!(
        lines[3].starts_with(&format!("• Articles du parcours{NBSP}: "))
            && lines[3].ends_with(" publiés, 0 mis à jour, 0 inchangé."),
        "{text}"
    );

    let again = world.facilitator.slash("hub setup", []).await.text();

    assert!(
        again.contains(&format!("• Questions{NBSP}: <#{questions}>, adopté{NBSP};")),
        "{again}"
    );
    assert!(
        again.contains(&format!(
            "• Articles du parcours{NBSP}: 0 publié, 0 mis à jour, "
        )),
        "{again}"
    );
    world.bot.fake.assert_no_violations();
}

async fn a_french_facilitator_is_told_in_french_which_permission_to_grant(backend: Backend) {
    let world = world(backend, "community-organisers", false).await;

    let reply = world.facilitator.slash("hub setup", []).await;

    assert!(reply.is_ephemeral());
    assert_eq!(
        reply.text(),
        format!(
            "Discord ne m’a pas laissé créer les forums du hub. J’ai besoin de la permission \
             «{NBSP}Gérer les salons{NBSP}» à cet endroit{NBSP}: demandez-la à un gestionnaire \
             du serveur, puis réessayez."
        )
    );
}

fn next_step(progress: &Reply) -> String {
    progress
        .embeds()
        .iter()
        .find_map(|e| e.field("Étape suivante"))
        .map(|f| f.value.clone())
        .unwrap_or_else(|| panic!("no next step in {}", progress.text()))
}

async fn a_french_trainee_reads_what_a_badge_lacks_and_that_there_is_nothing_to_export(
    backend: Backend,
) {
    let world = world(backend, "two-day-training", false).await;
    let course = load_pack(&Path::new("prompts").join("two-day-training")).unwrap();
    let alice = trainee(&world, "alice").await;
    alice.set_locale("fr");
    let user = UserId(alice.id().get());
    let store = &world.bot.store;
    let now = Utc::now().timestamp_millis();
    for module in &course.path {
        store
            .start_module(world.cohort.id, user, module, now)
            .await
            .unwrap();
        store
            .complete_module(world.cohort.id, user, module, now)
            .await
            .unwrap();
    }
    badges::award_earned(store, &course, world.cohort.id, user, now)
        .await
        .unwrap();

    let progress = alice.slash("progress", []).await;

    assert_eq!(
        next_step(&progress),
        format!(
            "Pour le badge «{NBSP}Action Learner{NBSP}»{NBSP}: assister à encore 3 séances de \
             «{NBSP}Action learning sets{NBSP}» (0 sur 3 jusqu’ici). L’équipe d’animation \
             planifie les séances et le bot vous rappelle chacune d’elles."
        )
    );
    let badges = alice.slash("badges show", []).await.text();
    assert!(
        badges.contains(&format!(
            "— reste à faire{NBSP}: assister à encore 3 séances de «{NBSP}Action learning \
             sets{NBSP}» (0 sur 3 jusqu’ici)"
        )),
        "{badges}"
    );

    let ben = trainee(&world, "ben").await;
    ben.set_locale("fr");
    let exported = ben.slash("badges export", []).await;

    assert!(exported.is_ephemeral());
    assert_eq!(
        exported.text(),
        format!(
            "Vous n’avez encore aucun badge dans cette cohorte{NBSP}: il n’y a donc rien à \
             exporter. `/badges show` indique ce qu’il reste à faire pour chacun."
        )
    );
    world.bot.fake.assert_no_violations();
}

async fn french_facilitators_read_in_french_that_a_badge_role_needs_manage_roles(backend: Backend) {
    let world = world_on(MINI, "mini-course", TestClock::at(Utc::now()), backend).await;
    let fake = &world.bot.fake;
    let bot_position = fake.role(fake.bot_role(fake.guild_id())).unwrap().position;
    fake.add_role(RoleSpec::new("Certificate").position(bot_position + 1));
    let fran = &world.facilitator;
    fran.set_locale("fr");
    fran.slash("language set", [("choice", "Français")]).await;
    let alice = trainee(&world, "alice").await;
    alice.set_locale("fr");
    alice.slash("language set", [("choice", "Français")]).await;

    let unchecked = fran
        .slash(
            "badge award",
            [
                ("member", alice.mention().as_str()),
                ("badge", "certificate"),
                ("reason", "Plan confirmed"),
            ],
        )
        .await;
    assert_eq!(
        unchecked.text(),
        format!(
            "{} ne remplit pas encore les conditions de «{NBSP}Certificate{NBSP}»{NBSP}: \
             terminer le module «{NBSP}Basics{NBSP}». Attribuez-le quand même avec \
             `despite_missing: True` si vous l’avez vérifié autrement.",
            alice.mention()
        )
    );

    let award = [
        ("member", alice.mention()),
        ("badge", "certificate".to_string()),
        ("reason", "Plan confirmed".to_string()),
        ("despite_missing", "true".to_string()),
    ];
    fran.slash(
        "badge award",
        award.each_ref().map(|(k, v)| (*k, v.as_str())),
    )
    .await;

    let said: Vec<String> = fake
        .messages(world.channel)
        .into_iter()
        .map(|m| m.content)
        .collect();
    let told = said
        .iter()
        .find(|m| m.contains("Gérer les rôles"))
        .unwrap_or_else(|| panic!("no French notice in {said:?}"));
    assert_eq!(
        *told,
        format!(
            "{} Je n’ai pas pu donner le rôle «{NBSP}Certificate{NBSP}» à {}{NBSP}: j’ai besoin \
             de la permission «{NBSP}Gérer les rôles{NBSP}», et mon propre rôle doit se trouver \
             au-dessus de «{NBSP}Certificate{NBSP}» dans Paramètres du serveur → Rôles. Le badge \
             est enregistré{NBSP}; je donnerai le rôle dès que ce sera corrigé.",
            fran.mention(),
            alice.mention()
        )
    );
    let congratulated = format!(
        "🎉 Félicitations {}{NBSP}: vous avez obtenu **Certificate**{NBSP}!",
        alice.mention()
    );
    assert!(said.contains(&congratulated), "{said:?}");
}

async fn a_french_facilitator_reads_in_french_what_was_saved_and_what_discord_refused_after(
    backend: Backend,
) {
    let world = world(backend, "community-organisers", false).await;
    let fake = &world.bot.fake;
    let bot_role = fake.bot_role(fake.guild_id());
    let granted = fake.role(bot_role).unwrap().permissions;
    fake.set_role_permissions(bot_role, granted - Permissions::MANAGE_EVENTS);
    let at = (Utc::now() + Duration::days(30))
        .format("%Y-%m-%d 18:00")
        .to_string();

    let reply = world
        .facilitator
        .slash(
            "event create",
            [("title", "Action camp"), ("at", &at), ("duration", "2h")],
        )
        .await;

    let text = reply.text();
    let (saved, refused) = text
        .split_once("\n")
        .unwrap_or_else(|| panic!("what was saved, then what was refused: {text}"));
    assert!(saved.contains("**Action camp**"), "{text}");
    assert_eq!(
        refused,
        format!(
            "⚠️ C’est enregistré, mais{NBSP}: Discord ne m’a pas laissé créer l’événement du \
             serveur. J’ai besoin de la permission «{NBSP}Gérer les événements{NBSP}»{NBSP}: \
             demandez-la à un gestionnaire du serveur, puis réessayez."
        )
    );
}
