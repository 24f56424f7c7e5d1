//! The knowledge hub's articles, as set-up published them.

use sqlx::{Any, Executor};

use super::{from_db, to_db, Backend, Store, StoreError};
use crate::model::hub::PublishedArticle;
use crate::model::{ChannelId, GuildId, MessageId, UnixMillis};

const ARTICLE_COLUMNS: &str = "guild_id, course_id, article_id, forum_id, post_id, message_ids,
    title, body, content_hash, published_at";

impl Store {
    /// Records (or replaces) where an article of a course was published in a server; its
    /// posting is over.
    pub async fn set_published_article(
        &self,
        article: &PublishedArticle,
    ) -> Result<(), StoreError> {
        const DONE: &str = "DELETE FROM hub_article_postings
            WHERE guild_id = $1 AND course_id = $2 AND article_id = $3";
        let mut tx = self.begin_write().await?;
        upsert_article(&mut *tx, article).await?;
        sqlx::query(DONE)
            .bind(to_db(article.guild_id.0))
            .bind(&article.course_id)
            .bind(&article.article_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Notes that set-up is about to post an article of `course` in `forum`, keeping the
    /// time an earlier, unfinished attempt began.
    pub async fn begin_article_posting(
        &self,
        guild: GuildId,
        course: &str,
        article: &str,
        forum: ChannelId,
        now: UnixMillis,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO hub_article_postings
                (guild_id, course_id, article_id, forum_id, started_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (guild_id, course_id, article_id) DO NOTHING";
        sqlx::query(SQL)
            .bind(to_db(guild.0))
            .bind(course)
            .bind(article)
            .bind(to_db(forum.0))
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The articles of `course` whose posting began and was never recorded, by article id,
    /// with the forum it was meant for.
    pub async fn unfinished_article_postings(
        &self,
        guild: GuildId,
        course: &str,
    ) -> Result<Vec<(String, ChannelId)>, StoreError> {
        const SQL: &str = "SELECT article_id, forum_id FROM hub_article_postings
            WHERE guild_id = $1 AND course_id = $2 ORDER BY article_id";
        let rows: Vec<(String, i64)> = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(course)
            .fetch_all(&self.pool)
            .await?;
        let found = rows.into_iter().map(|(a, f)| (a, ChannelId(from_db(f))));
        Ok(found.collect())
    }

    /// The articles of `course` published in a server, in article id order.
    pub async fn published_articles(
        &self,
        guild: GuildId,
        course: &str,
    ) -> Result<Vec<PublishedArticle>, StoreError> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM hub_articles WHERE guild_id = $1 AND course_id = $2
            ORDER BY article_id"
        );
        let rows: Vec<PublishedArticleRow> = sqlx::query_as(&sql)
            .bind(to_db(guild.0))
            .bind(course)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(PublishedArticle::try_from).collect()
    }

    /// The titles of every article published in a server, by title.
    pub async fn article_titles(&self, guild: GuildId) -> Result<Vec<String>, StoreError> {
        const SQL: &str = "SELECT title FROM hub_articles WHERE guild_id = $1 ORDER BY title";
        Ok(sqlx::query_scalar(SQL)
            .bind(to_db(guild.0))
            .fetch_all(&self.pool)
            .await?)
    }

    /// Up to `limit` of a server's published articles matching every word of `words`, the
    /// best match first: FTS5 on SQLite (words as prefixes), `tsvector` on PostgreSQL.
    pub async fn search_articles(
        &self,
        guild: GuildId,
        words: &[String],
        limit: u32,
    ) -> Result<Vec<PublishedArticle>, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => format!(
                "WITH hits AS (SELECT rowid AS hit, rank AS score FROM hub_article_search
                        WHERE hub_article_search MATCH $1)
                    SELECT {ARTICLE_COLUMNS} FROM hub_articles JOIN hits ON hit = rowid
                    WHERE guild_id = $2 ORDER BY score, article_id LIMIT $3"
            ),
            Backend::Postgres => format!(
                "SELECT {ARTICLE_COLUMNS} FROM hub_articles
                    WHERE guild_id = $2 AND search @@ plainto_tsquery('english', $1)
                    ORDER BY ts_rank(search, plainto_tsquery('english', $1)) DESC, article_id
                    LIMIT $3"
            ),
        };
        let rows: Vec<PublishedArticleRow> = sqlx::query_as(&sql)
            .bind(self.full_text_query(words))
            .bind(to_db(guild.0))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(PublishedArticle::try_from).collect()
    }
}

/// Records (or replaces) a published article, through `executor`: the pool, or a
/// transaction that records more with it.
pub(super) async fn upsert_article<'e, E>(
    executor: E,
    article: &PublishedArticle,
) -> Result<(), StoreError>
where
    E: Executor<'e, Database = Any>,
{
    const SQL: &str = "INSERT INTO hub_articles (guild_id, course_id, article_id, forum_id,
            post_id, message_ids, title, body, content_hash, published_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (guild_id, course_id, article_id) DO UPDATE SET
            forum_id = excluded.forum_id, post_id = excluded.post_id,
            message_ids = excluded.message_ids, title = excluded.title,
            body = excluded.body, content_hash = excluded.content_hash,
            published_at = excluded.published_at";
    let messages: Vec<String> = article
        .message_ids
        .iter()
        .map(|m| m.0.to_string())
        .collect();
    sqlx::query(SQL)
        .bind(to_db(article.guild_id.0))
        .bind(&article.course_id)
        .bind(&article.article_id)
        .bind(to_db(article.forum_id.0))
        .bind(to_db(article.post_id.0))
        .bind(messages.join("\n"))
        .bind(&article.title)
        .bind(&article.body)
        .bind(&article.content_hash)
        .bind(article.published_at)
        .execute(executor)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PublishedArticleRow {
    guild_id: i64,
    course_id: String,
    article_id: String,
    forum_id: i64,
    post_id: i64,
    message_ids: String,
    title: String,
    body: String,
    content_hash: String,
    published_at: UnixMillis,
}

impl TryFrom<PublishedArticleRow> for PublishedArticle {
    type Error = StoreError;

    fn try_from(row: PublishedArticleRow) -> Result<Self, StoreError> {
        let message_ids = row
            .message_ids
            .lines()
            .map(|id| {
                id.parse()
                    .map(MessageId)
                    .map_err(|e| StoreError::corrupt("hub_articles.message_ids", id, e))
            })
            .collect::<Result<_, _>>()?;
        Ok(PublishedArticle {
            guild_id: GuildId(from_db(row.guild_id)),
            course_id: row.course_id,
            article_id: row.article_id,
            forum_id: ChannelId(from_db(row.forum_id)),
            post_id: ChannelId(from_db(row.post_id)),
            message_ids,
            title: row.title,
            body: row.body,
            content_hash: row.content_hash,
            published_at: row.published_at,
        })
    }
}
