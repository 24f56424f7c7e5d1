//! Steps of a listening campaign that the campaign suites in each language share.

use fake_discord::{FakeUser, Message, Reply};

use super::learning::World;

/// When the campaign's action, the petition handover, takes place (London time).
const ACTION_AT: &str = "2026-10-10 14:00";

/// The goal form's five fields for the Housing campaign, with the measure and deadline given.
pub fn goal_fields<'a>(measurable: &'a str, deadline: &'a str) -> [(&'static str, &'a str); 5] {
    [
        (
            "specific",
            "The council repairs the damp flats on Elm Street",
        ),
        ("measurable", measurable),
        (
            "achievable",
            "Forty tenants already signed; the councillor is up for election",
        ),
        (
            "relevant",
            "Families living with mould, many of them new arrivals",
        ),
        ("deadline", deadline),
    ]
}

/// The facilitator plans the Housing campaign's action for Saturday, aiming for 50 people.
pub async fn plan_handover(facilitator: &FakeUser) -> Reply {
    facilitator
        .slash(
            "campaign action",
            [
                ("campaign", "Housing"),
                ("title", "Petition handover"),
                ("at", ACTION_AT),
                ("duration", "1h"),
                ("turnout", "50"),
                ("location", "Town hall steps"),
            ],
        )
        .await
}

/// The cohort channel's posts that contain `text`, such as the action's evaluation requests.
pub fn evaluation_posts(world: &World, text: &str) -> Vec<Message> {
    world
        .bot
        .fake
        .messages(world.channel)
        .into_iter()
        .filter(|m| m.content.contains(text))
        .collect()
}
