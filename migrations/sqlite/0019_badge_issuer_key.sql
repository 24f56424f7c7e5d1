-- The private key that signs the badges' Open Badges credentials (PKCS#8 PEM), made the first
-- time one is exported, unless `badge_key_file` keeps it in a file instead. One row at most.
CREATE TABLE badge_issuer_key (
    id           BIGINT  NOT NULL PRIMARY KEY CHECK (id = 1),
    private_key  TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL
);
