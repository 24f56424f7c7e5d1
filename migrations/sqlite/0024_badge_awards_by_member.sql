-- A member's awards in a cohort, revoked ones too, are read with their work by every learning
-- command and button (src/store/member_facts.rs): by index, not by reading every award.
CREATE INDEX badge_awards_by_member ON badge_awards (cohort_id, user_id);
