-- An article /hub setup began to post and has not recorded yet. When Discord carried out the
-- post but its answer was lost (or the bot stopped in between), the next set-up finds the
-- bot's post of that title in the forum and adopts it instead of posting a second one.
CREATE TABLE hub_article_postings (
    guild_id    BIGINT NOT NULL,
    course_id   TEXT   NOT NULL,
    article_id  TEXT   NOT NULL,
    forum_id    BIGINT NOT NULL,
    started_at  BIGINT NOT NULL,
    PRIMARY KEY (guild_id, course_id, article_id)
);
