//! The knowledge hub in the store, on SQLite and on PostgreSQL (when
//! `COHORTBOT_TEST_POSTGRES_URL` is set, see `common/store_backends.rs`).

#[macro_use]
#[path = "common/store_backends.rs"]
mod store_backends;

use cohortbot::model::hub::HubForum;
use cohortbot::model::*;
use store_backends::TestDb;

store_tests!(a_servers_hub_forum_is_recorded_and_replaced_per_kind,);

const GUILD: GuildId = GuildId(9_000_000_000_000_000_100);
const FRAN: UserId = UserId(9_000_000_000_000_000_001);
const T0: UnixMillis = 1_790_000_000_000;

fn forum(kind: HubForumKind, channel: u64, at: UnixMillis) -> HubForum {
    HubForum {
        guild_id: GUILD,
        kind,
        channel_id: ChannelId(channel),
        set_up_by: FRAN,
        set_up_at: at,
    }
}

async fn a_servers_hub_forum_is_recorded_and_replaced_per_kind(db: &TestDb) {
    let store = &db.store;
    assert_eq!(
        store
            .hub_forum(GUILD, HubForumKind::Questions)
            .await
            .unwrap(),
        None
    );
    let articles = forum(HubForumKind::Articles, 9_000_000_000_000_000_200, T0);
    let questions = forum(HubForumKind::Questions, 201, T0);
    store.set_hub_forum(&articles).await.unwrap();
    store.set_hub_forum(&questions).await.unwrap();

    let again = forum(HubForumKind::Questions, 202, T0 + 1);
    store.set_hub_forum(&again).await.unwrap();

    assert_eq!(
        store
            .hub_forum(GUILD, HubForumKind::Articles)
            .await
            .unwrap(),
        Some(articles)
    );
    assert_eq!(
        store
            .hub_forum(GUILD, HubForumKind::Questions)
            .await
            .unwrap(),
        Some(again)
    );
    assert_eq!(
        store
            .hub_forum(GuildId(1), HubForumKind::Articles)
            .await
            .unwrap(),
        None
    );
}
