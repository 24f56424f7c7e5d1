-- Stamps that say whether a member's reads kept in memory (src/store/facts_cache.rs) still
-- hold: every change to a row those reads come from moves a stamp, in the change's own
-- transaction, whoever makes it (this process, another, `cohortbot forget`). A member's rows
-- move the stamp of their bucket (their user id's low 12 bits, so the table holds no one's id
-- and never grows); a cohort's or a session's move bucket -1, as they concern every member.
-- Stamps only rise, so a read labelled with the stamps seen before it is current as long as
-- they have not moved.
CREATE TABLE fact_stamps (
    bucket INTEGER PRIMARY KEY,
    stamp  BIGINT NOT NULL
);

WITH RECURSIVE buckets (n) AS (SELECT -1 UNION ALL SELECT n + 1 FROM buckets WHERE n < 4095)
INSERT INTO fact_stamps (bucket, stamp) SELECT n, 0 FROM buckets;

CREATE TRIGGER members_stamp_insert AFTER INSERT ON members BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = NEW.user_id & 4095;
END;
CREATE TRIGGER members_stamp_update AFTER UPDATE ON members BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket IN (OLD.user_id & 4095, NEW.user_id & 4095);
END;
CREATE TRIGGER members_stamp_delete AFTER DELETE ON members BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = OLD.user_id & 4095;
END;

CREATE TRIGGER member_settings_stamp_insert AFTER INSERT ON member_settings BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = NEW.user_id & 4095;
END;
CREATE TRIGGER member_settings_stamp_update AFTER UPDATE ON member_settings BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket IN (OLD.user_id & 4095, NEW.user_id & 4095);
END;
CREATE TRIGGER member_settings_stamp_delete AFTER DELETE ON member_settings BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = OLD.user_id & 4095;
END;

CREATE TRIGGER module_progress_stamp_insert AFTER INSERT ON module_progress BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = NEW.user_id & 4095;
END;
CREATE TRIGGER module_progress_stamp_update AFTER UPDATE ON module_progress BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket IN (OLD.user_id & 4095, NEW.user_id & 4095);
END;
CREATE TRIGGER module_progress_stamp_delete AFTER DELETE ON module_progress BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = OLD.user_id & 4095;
END;

CREATE TRIGGER badge_awards_stamp_insert AFTER INSERT ON badge_awards BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = NEW.user_id & 4095;
END;
CREATE TRIGGER badge_awards_stamp_update AFTER UPDATE ON badge_awards BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket IN (OLD.user_id & 4095, NEW.user_id & 4095);
END;
CREATE TRIGGER badge_awards_stamp_delete AFTER DELETE ON badge_awards BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = OLD.user_id & 4095;
END;

CREATE TRIGGER pathway_choices_stamp_insert AFTER INSERT ON pathway_choices BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = NEW.user_id & 4095;
END;
CREATE TRIGGER pathway_choices_stamp_update AFTER UPDATE ON pathway_choices BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket IN (OLD.user_id & 4095, NEW.user_id & 4095);
END;
CREATE TRIGGER pathway_choices_stamp_delete AFTER DELETE ON pathway_choices BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = OLD.user_id & 4095;
END;

CREATE TRIGGER exercise_attempts_stamp_insert AFTER INSERT ON exercise_attempts BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = NEW.user_id & 4095;
END;
CREATE TRIGGER exercise_attempts_stamp_update AFTER UPDATE ON exercise_attempts BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket IN (OLD.user_id & 4095, NEW.user_id & 4095);
END;
CREATE TRIGGER exercise_attempts_stamp_delete AFTER DELETE ON exercise_attempts BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = OLD.user_id & 4095;
END;

CREATE TRIGGER attendance_stamp_insert AFTER INSERT ON attendance BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = NEW.user_id & 4095;
END;
CREATE TRIGGER attendance_stamp_update AFTER UPDATE ON attendance BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket IN (OLD.user_id & 4095, NEW.user_id & 4095);
END;
CREATE TRIGGER attendance_stamp_delete AFTER DELETE ON attendance BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = OLD.user_id & 4095;
END;

CREATE TRIGGER listening_records_stamp_insert AFTER INSERT ON listening_records BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = NEW.author_id & 4095;
END;
CREATE TRIGGER listening_records_stamp_update AFTER UPDATE ON listening_records BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket IN (OLD.author_id & 4095, NEW.author_id & 4095);
END;
CREATE TRIGGER listening_records_stamp_delete AFTER DELETE ON listening_records BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = OLD.author_id & 4095;
END;

CREATE TRIGGER cohorts_stamp_insert AFTER INSERT ON cohorts BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = -1;
END;
CREATE TRIGGER cohorts_stamp_update AFTER UPDATE ON cohorts BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = -1;
END;
CREATE TRIGGER cohorts_stamp_delete AFTER DELETE ON cohorts BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = -1;
END;

-- A session counts in a member's facts by its cohort and series (attendance by series).
CREATE TRIGGER sessions_stamp_insert AFTER INSERT ON sessions BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = -1;
END;
CREATE TRIGGER sessions_stamp_update AFTER UPDATE OF cohort_id, series_id ON sessions BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = -1;
END;
CREATE TRIGGER sessions_stamp_delete AFTER DELETE ON sessions BEGIN
    UPDATE fact_stamps SET stamp = stamp + 1 WHERE bucket = -1;
END;
