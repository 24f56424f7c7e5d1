//! Campaigns in the store, on SQLite and on PostgreSQL (when `COHORTBOT_TEST_POSTGRES_URL`
//! is set, see `tests/common/store_backends.rs`): one campaign per theme, goals kept whole, power
//! holders one per name in any case, actions in order with their turnout, and an
//! evaluation saved once however often it is sent.

use crate::store_backends::{two_day_cohort, TestDb};
use chrono::NaiveDate;
use cohortbot::model::campaigns::{Level, PowerHolder, SmartGoal};
use cohortbot::model::*;
use cohortbot::store::{Store, StoreError};

store_tests!(
    one_campaign_per_theme_and_its_goal_is_kept_whole,
    power_holders_are_one_per_name_whatever_its_case,
    actions_come_in_order_with_their_turnout,
    an_evaluation_is_saved_once,
);

const ALICE: UserId = UserId(9_000_000_000_000_000_001);
const BOB: UserId = UserId(2);
const T0: UnixMillis = 1_790_000_000_000;
const HOUR: i64 = 3_600_000;

async fn event(store: &Store, cohort: &Cohort, title: &str, starts_at: UnixMillis) -> Session {
    store
        .create_session(&NewSession {
            cohort_id: cohort.id,
            kind: SessionKind::Event,
            series_id: None,
            seq: None,
            group_id: None,
            pair_id: None,
            title: title.into(),
            starts_at,
            ends_at: starts_at + HOUR,
            status: SessionStatus::Scheduled,
            proposed_by: Some(BOB),
            presentations: false,
            created_at: T0,
        })
        .await
        .unwrap()
}

async fn one_campaign_per_theme_and_its_goal_is_kept_whole(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GuildId(100), "Autumn").await;
    let created = store
        .create_campaign(cohort.id, "Housing", ALICE, T0)
        .await
        .unwrap();
    assert_eq!(created.goal, None);
    assert_eq!(created.created_by, ALICE, "a snowflake above 2^62 survives");
    let twice = store.create_campaign(cohort.id, "Housing", BOB, T0).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");

    let goal = SmartGoal {
        specific: "The council repairs the damp flats".into(),
        measurable: "300 signatures".into(),
        achievable: "Forty tenants signed already".into(),
        relevant: "Families living with mould".into(),
        deadline: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
    };
    let set = store
        .set_campaign_goal(created.id, &goal, T0 + 1)
        .await
        .unwrap();
    assert_eq!(set.goal.as_ref(), Some(&goal));
    assert_eq!(store.campaign(created.id).await.unwrap(), Some(set));
    let other = store
        .create_campaign(cohort.id, "Bins", BOB, T0 + 2)
        .await
        .unwrap();
    let themes: Vec<String> = store
        .campaigns_of(cohort.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.theme)
        .collect();
    assert_eq!(themes, ["Housing", "Bins"]);
    assert_eq!(other.goal, None);
}

async fn power_holders_are_one_per_name_whatever_its_case(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GuildId(100), "Autumn").await;
    let campaign = store
        .create_campaign(cohort.id, "Housing", ALICE, T0)
        .await
        .unwrap();
    let holder = |name: &str, interest| PowerHolder {
        name: name.into(),
        interest,
        influence: Level::High,
        note: "Up for election in May".into(),
    };
    store
        .save_power_holder(campaign.id, &holder("The Mayor", Level::Low), T0)
        .await
        .unwrap();
    store
        .save_power_holder(
            campaign.id,
            &holder("Landlords' association", Level::High),
            T0,
        )
        .await
        .unwrap();
    store
        .save_power_holder(campaign.id, &holder("the mayor", Level::Medium), T0 + 1)
        .await
        .unwrap();
    let holders = store.power_holders(campaign.id).await.unwrap();
    assert_eq!(holders.len(), 2, "{holders:?}");
    assert_eq!(holders[0], holder("Landlords' association", Level::High));
    assert_eq!(holders[1], holder("the mayor", Level::Medium));

    assert!(store
        .remove_power_holder(campaign.id, "THE MAYOR")
        .await
        .unwrap());
    assert!(!store
        .remove_power_holder(campaign.id, "The Mayor")
        .await
        .unwrap());
    assert_eq!(store.power_holders(campaign.id).await.unwrap().len(), 1);
}

async fn actions_come_in_order_with_their_turnout(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GuildId(100), "Autumn").await;
    let campaign = store
        .create_campaign(cohort.id, "Housing", ALICE, T0)
        .await
        .unwrap();
    let later = event(store, &cohort, "March to the town hall", T0 + 48 * HOUR).await;
    let sooner = event(store, &cohort, "Petition handover", T0 + 24 * HOUR).await;
    let march = store
        .add_campaign_action(campaign.id, later.id, 200)
        .await
        .unwrap();
    let handover = store
        .add_campaign_action(campaign.id, sooner.id, 50)
        .await
        .unwrap();
    assert_eq!(handover.turnout, None);
    let titles: Vec<String> = store
        .campaign_actions(campaign.id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.session.title)
        .collect();
    assert_eq!(titles, ["Petition handover", "March to the town hall"]);

    let recorded = store
        .record_turnout(handover.id, 12, 38, T0 + 30 * HOUR)
        .await
        .unwrap();
    let turnout = recorded.turnout.unwrap();
    assert_eq!((turnout.interested, turnout.attended), (12, 38));
    let corrected = store
        .record_turnout(handover.id, 12, 41, T0 + 31 * HOUR)
        .await
        .unwrap();
    assert_eq!(corrected.turnout.unwrap().attended, 41);
    assert_eq!(
        store.campaign_action(handover.id).await.unwrap(),
        Some(corrected)
    );
    assert_eq!(
        store
            .campaign_action(march.id)
            .await
            .unwrap()
            .unwrap()
            .turnout,
        None
    );
}

async fn an_evaluation_is_saved_once(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GuildId(100), "Autumn").await;
    let evaluation = |body: &str, by| NewReflection {
        cohort_id: cohort.id,
        user_id: by,
        module_id: "Action evaluation".into(),
        exercise_id: "campaign-action-1".into(),
        body: body.into(),
        visibility: ReflectionVisibility::Facilitators,
        submitted_at: T0,
    };
    let first = store
        .save_reflection_once(&evaluation("We handed in 312 signatures.", ALICE))
        .await
        .unwrap();
    assert!(first.is_some());
    assert!(store
        .has_reflection(cohort.id, ALICE, "Action evaluation", "campaign-action-1")
        .await
        .unwrap());
    let again = store
        .save_reflection_once(&evaluation("Again", ALICE))
        .await
        .unwrap();
    assert_eq!(again, None);
    let bob = store
        .save_reflection_once(&evaluation("Twelve tenants spoke.", BOB))
        .await
        .unwrap();
    assert!(bob.is_some());
    let saved = store.list_reflections(cohort.id, false).await.unwrap();
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0].body, "We handed in 312 signatures.");
}
