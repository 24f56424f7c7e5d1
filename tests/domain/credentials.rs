//! Badges as Open Badges 3.0 credentials: every exported credential against what the 1EdTech
//! data model requires, its signature checked by a second implementation (RustCrypto's `rsa`,
//! where the bot signs with `jsonwebtoken` on ring), and `verify` refusing each kind of bad
//! credential with its reason, through the domain on both backends and through the binary.

use std::process::Output;

use crate::autumn::{self, ADA, BEN, FACILITATOR, NOW};
use crate::binary::{cohortbot_with, text};
use crate::store_backends::TestDb;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::DateTime;
use cohortbot::domain::credentials::{self, IssuerKey, IssuerSettings, Rejection};
use cohortbot::model::*;
use cohortbot::store::Store;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier as _;
use rsa::{BigUint, RsaPublicKey};
use serde_json::Value;
use sha2::Sha256;

const DAY: UnixMillis = 86_400_000;

store_tests!(
    every_credential_holds_what_the_data_model_requires_and_verifies_independently,
    verify_accepts_a_good_credential_and_names_what_is_wrong_with_a_bad_one,
    a_credential_expires_after_the_configured_months,
    two_first_exports_at_once_sign_with_one_key,
);

/// What a property's value must be.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A string that parses as an absolute URI.
    Uri,
    /// A non-empty string.
    Text,
    /// An ISO 8601 date and time in UTC (`DateTimeZ`).
    DateTimeZ,
    Object,
    /// `1..*` values: a non-empty array (the specification's JSON serialization writes
    /// unordered sets as arrays, never as a single value).
    Array,
}

/// The required properties (multiplicity `1` or `1..*`) of the classes a credential holds,
/// from the Open Badges 3.0 data model: 1EdTech/openbadges-specification,
/// `ob_v3p0/common_credentials.lines` (the source of the data model appendix), classes
/// `AchievementCredential` (with what it takes from `VerifiableCredential`), `Profile`,
/// `AchievementSubject`, `Achievement` and `Image`. `AchievementSubject` needs an `id` or an
/// `identifier`; this bot always gives the `id`.
/// A class of the data model, where the credential holds it, and its required properties.
struct Class {
    name: &'static str,
    at: &'static str,
    required: &'static [(&'static str, Kind)],
}

const REQUIRED: [Class; 5] = [
    Class {
        name: "AchievementCredential",
        at: "",
        required: &[
            ("@context", Kind::Array),
            ("id", Kind::Uri),
            ("type", Kind::Array),
            ("issuer", Kind::Object),
            ("validFrom", Kind::DateTimeZ),
            ("credentialSubject", Kind::Object),
        ],
    },
    Class {
        name: "Profile",
        at: "/issuer",
        required: &[("id", Kind::Uri), ("type", Kind::Array)],
    },
    Class {
        name: "AchievementSubject",
        at: "/credentialSubject",
        required: &[
            ("id", Kind::Uri),
            ("type", Kind::Array),
            ("achievement", Kind::Object),
        ],
    },
    Class {
        name: "Achievement",
        at: "/credentialSubject/achievement",
        required: &[
            ("id", Kind::Uri),
            ("type", Kind::Array),
            ("criteria", Kind::Object),
            ("description", Kind::Text),
            ("name", Kind::Text),
        ],
    },
    Class {
        name: "Image",
        at: "/credentialSubject/achievement/image",
        required: &[("id", Kind::Uri), ("type", Kind::Text)],
    },
];

/// The `type` each class must contain (its `Constraint contains` / `equals` lines).
const TYPES: [(&str, &[&str]); 5] = [
    ("", &["VerifiableCredential", "OpenBadgeCredential"]),
    ("/issuer", &["Profile"]),
    ("/credentialSubject", &["AchievementSubject"]),
    ("/credentialSubject/achievement", &["Achievement"]),
    ("/credentialSubject/achievement/image", &["Image"]),
];

/// The JOSE headers §8.2 ("JSON Web Token Proof Format", `ob_v3p0/integrity.md`) allows;
/// "Additional JOSE Headers are NOT allowed".
const JOSE_HEADERS: [&str; 4] = ["alg", "kid", "jwk", "typ"];

fn settings() -> IssuerSettings {
    IssuerSettings {
        name: "Northside Organisers".into(),
        url: Some("https://organisers.example/".into()),
        key_file: None,
        valid_months: None,
    }
}

async fn every_credential_holds_what_the_data_model_requires_and_verifies_independently(
    db: &TestDb,
) {
    let cohort = cohort_with_awards(&db.store).await;
    let files = credentials::export_cohort(&db.store, &settings(), &cohort, NOW)
        .await
        .unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    assert_eq!(
        names,
        ["10-finisher.jwt", "10-certificate.jwt"],
        "Ada's two badges; Ben's revoked one is left out"
    );

    for file in &files {
        let (header, payload) = decoded(&file.jws);
        check_jose_header(&header);
        check_data_model(&payload);
        check_jwt_claims(&payload);
        assert!(
            rsa_verifies(&file.jws),
            "{}: RustCrypto's verifier rejects the signature",
            file.file_name
        );
        assert!(
            !rsa_verifies(&tampered(&file.jws)),
            "RustCrypto's verifier accepts a changed payload"
        );
    }
    let (_, finisher) = decoded(&files[0].jws);
    assert_eq!(finisher["issuer"]["name"], "Northside Organisers");
    assert_eq!(finisher["issuer"]["id"], "https://organisers.example/");
    assert_eq!(finisher["validFrom"], "2026-09-21T14:13:20Z");
    let narrative = finisher["credentialSubject"]["achievement"]["criteria"]["narrative"]
        .as_str()
        .unwrap();
    assert!(
        narrative.contains("Complete the modules “Basics”, “Practice”"),
        "{narrative}"
    );
    let image = finisher["credentialSubject"]["achievement"]["image"]["id"]
        .as_str()
        .unwrap();
    assert!(image.starts_with("data:image/svg+xml;base64,"), "{image}");
}

async fn verify_accepts_a_good_credential_and_names_what_is_wrong_with_a_bad_one(db: &TestDb) {
    let store = &db.store;
    let cohort = cohort_with_awards(store).await;
    let ada = ada_finisher(store, &cohort).await;
    let verify = |text: String| async move {
        credentials::verify(store, &settings(), &text, NOW + DAY)
            .await
            .unwrap()
    };

    let valid = verify(ada.clone()).await.expect("valid");
    assert_eq!(valid.badge, "Finisher");
    assert_eq!(valid.subject, "https://discord.com/users/10");

    let not_one = verify("Dear Ada, well done!".into()).await.unwrap_err();
    assert!(matches!(not_one, Rejection::NotACredential(_)), "{not_one}");
    assert_eq!(
        verify(tampered(&ada)).await.unwrap_err(),
        Rejection::Tampered
    );

    let (_, claims) = decoded(&ada);
    let stranger = IssuerKey::from_pem(&IssuerKey::generate().unwrap()).unwrap();
    let forged = verify(stranger.sign(&claims).unwrap()).await.unwrap_err();
    assert!(
        matches!(forged, Rejection::UnknownIssuer(_)),
        "{forged}: signed by another key"
    );
    let ours = IssuerKey::from_pem(&store.badge_issuer_key().await.unwrap().unwrap()).unwrap();
    let mut letter = claims.clone();
    letter["type"] = serde_json::json!(["VerifiableCredential"]);
    let not_a_badge = verify(ours.sign(&letter).unwrap()).await.unwrap_err();
    assert_eq!(
        not_a_badge.to_string(),
        "not an Open Badges credential: its type is not OpenBadgeCredential"
    );

    let award = store.badge_awards_of_member(cohort.id, ADA).await.unwrap()[0].id;
    store
        .revoke_badge(award, FACILITATOR, "awarded to the wrong Ada", NOW + DAY)
        .await
        .unwrap();
    let revoked = verify(ada).await.unwrap_err();
    assert_eq!(
        revoked.to_string(),
        "revoked on 2026-09-22 14:13 UTC: awarded to the wrong Ada"
    );
}

async fn a_credential_expires_after_the_configured_months(db: &TestDb) {
    let cohort = cohort_with_awards(&db.store).await;
    let settings = IssuerSettings {
        valid_months: Some(1),
        ..settings()
    };
    let files = credentials::export_cohort(&db.store, &settings, &cohort, NOW)
        .await
        .unwrap();
    let (_, claims) = decoded(&files[0].jws);
    assert_eq!(claims["validUntil"], "2026-10-21T14:13:20Z");
    assert_eq!(claims["exp"], 1_792_592_000);
    check_data_model(&claims);
    check_jwt_claims(&claims);

    let verify = |at: UnixMillis| credentials::verify(&db.store, &settings, &files[0].jws, at);
    assert!(verify(NOW + 29 * DAY).await.unwrap().is_ok());
    let expired = verify(NOW + 31 * DAY).await.unwrap().unwrap_err();
    assert_eq!(expired.to_string(), "expired on 2026-10-21 14:13 UTC");
    let early = verify(NOW - DAY).await.unwrap().unwrap_err();
    assert!(matches!(early, Rejection::NotYetValid(_)), "{early}");
}

async fn two_first_exports_at_once_sign_with_one_key(db: &TestDb) {
    let cohort = cohort_with_awards(&db.store).await;
    let settings = settings();
    let export = || credentials::export_own(&db.store, &settings, &cohort, ADA, NOW);

    let (first, second) = tokio::join!(export(), export());

    let key = |files: Vec<credentials::CredentialFile>| decoded(&files[0].jws).0["jwk"].clone();
    let first = key(first.unwrap());
    assert_eq!(first, key(second.unwrap()));
    let kept = db.store.badge_issuer_key().await.unwrap().unwrap();
    let kept = IssuerKey::from_pem(&kept).unwrap();
    let signed = kept.sign(&serde_json::json!({})).unwrap();
    assert_eq!(
        decoded(&signed).0["jwk"],
        first,
        "the key kept in the database is the one that signed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_exports_a_cohort_and_verify_says_in_one_line_why_a_file_fails() {
    let db = TestDb::sqlite().await;
    let cohort = cohort_with_awards(&db.store).await;
    let url = format!("sqlite://{}", db.sqlite_path.as_ref().unwrap().display());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("autumn");
    let key_file = dir.path().join("issuer.pem");
    let key = key_file.to_str().unwrap();
    let env = [("COHORTBOT_BADGE_KEY_FILE", key)];

    let id = cohort.id.to_string();
    let exported = run(
        &url,
        &["badges", "export", &id, "--out", out.to_str().unwrap()],
        &env,
    );
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    assert_eq!(
        text(&exported.stdout).trim(),
        format!("Wrote 2 credentials into {}.", out.display())
    );
    assert!(
        db.store.badge_issuer_key().await.unwrap().is_none(),
        "the key is in the file"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner reads the key file");
    }
    let finisher = out.join("10-finisher.jwt");

    let valid = run(
        &url,
        &["badges", "verify", finisher.to_str().unwrap()],
        &env,
    );
    assert_eq!(valid.status.code(), Some(0), "{}", text(&valid.stdout));
    assert_eq!(
        text(&valid.stdout).trim(),
        "valid: “Finisher” issued by Northside Organisers to https://discord.com/users/10, \
         valid from 2026-09-21 with no end date"
    );

    let write = |name: &str, content: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    };
    let jws = std::fs::read_to_string(&finisher).unwrap();
    let cases = [
        (write("notes.txt", "not a badge".into()), "not valid: not an Open Badges credential: the file is not a signed credential (a compact JWS)"),
        (write("changed.jwt", tampered(&jws)), "not valid: tampered with: the signature does not match what the credential says"),
    ];
    for (path, expected) in &cases {
        let out = run(&url, &["badges", "verify", path.to_str().unwrap()], &env);
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        assert_eq!(text(&out.stdout).trim(), *expected);
    }
    let elsewhere = run(&url, &["badges", "verify", finisher.to_str().unwrap()], &[]);
    assert_eq!(elsewhere.status.code(), Some(1));
    assert_eq!(
        text(&elsewhere.stdout).trim(),
        "not valid: unknown issuer: this bot has not issued any credential yet",
        "without the key file, the database holds no key"
    );

    let award = db
        .store
        .badge_awards_of_member(cohort.id, ADA)
        .await
        .unwrap()[0]
        .id;
    db.store
        .revoke_badge(award, FACILITATOR, "a duplicate", NOW)
        .await
        .unwrap();
    let revoked = run(
        &url,
        &["badges", "verify", finisher.to_str().unwrap()],
        &env,
    );
    assert_eq!(revoked.status.code(), Some(1));
    assert_eq!(
        text(&revoked.stdout).trim(),
        "not valid: revoked on 2026-09-21 14:13 UTC: a duplicate"
    );
    for output in [&exported, &valid, &revoked, &elsewhere] {
        let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert!(!all.contains("PRIVATE KEY"), "{all}");
    }
}

/// `cohortbot ARGS` on `database_url`, the issuer named, with `env` set too.
fn run(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut all = vec![("COHORTBOT_BADGE_ISSUER_NAME", "Northside Organisers")];
    all.extend_from_slice(env);
    cohortbot_with(database_url, args, &all)
}

fn check_jose_header(header: &Value) {
    let header = header.as_object().unwrap();
    for name in header.keys() {
        assert!(
            JOSE_HEADERS.contains(&name.as_str()),
            "header `{name}` is not allowed"
        );
    }
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["typ"], "JWT");
    let jwk = header["jwk"]
        .as_object()
        .expect("the public key, as there is no kid");
    assert_eq!(jwk["kty"], "RSA");
    assert!(
        !jwk.contains_key("d"),
        "a JWK must never contain the private exponent"
    );
}

fn check_data_model(credential: &Value) {
    for Class {
        name: class,
        at,
        required,
    } in REQUIRED
    {
        let object = credential
            .pointer(at)
            .unwrap_or_else(|| panic!("no {class} at {at}"));
        for (name, kind) in required {
            let value = &object[name];
            let fits = match kind {
                Kind::Uri => value.as_str().is_some_and(|v| url::Url::parse(v).is_ok()),
                Kind::Text => value.as_str().is_some_and(|v| !v.is_empty()),
                Kind::DateTimeZ => value
                    .as_str()
                    .is_some_and(|v| v.ends_with('Z') && DateTime::parse_from_rfc3339(v).is_ok()),
                Kind::Object => value.is_object(),
                Kind::Array => value.as_array().is_some_and(|v| !v.is_empty()),
            };
            assert!(fits, "{class}.{name} should be {kind:?}, is {value}");
        }
    }
    for (at, types) in TYPES {
        let value = &credential.pointer(at).unwrap()["type"];
        let held: Vec<&str> = match value {
            Value::String(one) => vec![one.as_str()],
            many => many
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
                .collect(),
        };
        for wanted in types {
            assert!(held.contains(wanted), "{at}/type lacks {wanted}: {value}");
        }
    }
    assert_eq!(
        credential["@context"],
        serde_json::json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ]),
        "the two contexts, in this order"
    );
    assert_no_null_or_empty_array(credential, "");
}

/// §8.2 "JWT Payload Format": `iss`, `jti`, `sub`, `nbf` required and equal to what the
/// credential says; `exp` exactly when it has a `validUntil`.
fn check_jwt_claims(payload: &Value) {
    assert_eq!(payload["iss"], payload["issuer"]["id"]);
    assert_eq!(payload["jti"], payload["id"]);
    assert_eq!(payload["sub"], payload["credentialSubject"]["id"]);
    let seconds = |field: &str| {
        payload[field]
            .as_str()
            .map(|t| DateTime::parse_from_rfc3339(t).unwrap().timestamp())
    };
    assert_eq!(payload["nbf"].as_i64(), seconds("validFrom"));
    assert_eq!(payload["exp"].as_i64(), seconds("validUntil"));
}

/// The JSON serialization omits null values and empty arrays.
fn assert_no_null_or_empty_array(value: &Value, at: &str) {
    match value {
        Value::Null => panic!("null at {at}"),
        Value::Array(items) => {
            assert!(!items.is_empty(), "empty array at {at}");
            for (i, item) in items.iter().enumerate() {
                assert_no_null_or_empty_array(item, &format!("{at}/{i}"));
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields {
                assert_no_null_or_empty_array(field, &format!("{at}/{name}"));
            }
        }
        _ => {}
    }
}

/// Header and payload of a compact JWS, decoded here rather than by the bot's code.
fn decoded(jws: &str) -> (Value, Value) {
    let parts: Vec<&str> = jws.split('.').collect();
    assert_eq!(parts.len(), 3, "a compact JWS has three parts");
    let json = |part: &str| serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap();
    (json(parts[0]), json(parts[1]))
}

/// RS256 checked with RustCrypto's `rsa` against the key in the JWS's own header.
fn rsa_verifies(jws: &str) -> bool {
    let (header, _) = decoded(jws);
    let number = |name: &str| {
        BigUint::from_bytes_be(
            &URL_SAFE_NO_PAD
                .decode(header["jwk"][name].as_str().unwrap())
                .unwrap(),
        )
    };
    let public = RsaPublicKey::new(number("n"), number("e")).unwrap();
    let (signed, signature) = jws.rsplit_once('.').unwrap();
    let signature =
        Signature::try_from(URL_SAFE_NO_PAD.decode(signature).unwrap().as_slice()).unwrap();
    VerifyingKey::<Sha256>::new(public)
        .verify(signed.as_bytes(), &signature)
        .is_ok()
}

/// The same JWS with the payload's badge renamed and the signature left as it was.
fn tampered(jws: &str) -> String {
    let (_, mut payload) = decoded(jws);
    payload["credentialSubject"]["achievement"]["name"] = "Gold Medal".into();
    let parts: Vec<&str> = jws.split('.').collect();
    let payload = URL_SAFE_NO_PAD.encode(payload.to_string());
    format!("{}.{payload}.{}", parts[0], parts[2])
}

/// A cohort where Ada holds two badges and Ben's one was revoked.
async fn cohort_with_awards(store: &Store) -> Cohort {
    let library = autumn::library("tests/fixtures/packs/valid");
    let cohort = autumn::with_ada_and_ben(store, &library, "mini-course").await;
    for (user, badge) in [
        (ADA, "finisher"),
        (ADA, "certificate"),
        (BEN, "certificate"),
    ] {
        let outcome = store
            .award_badge(&NewBadgeAward {
                cohort_id: cohort.id,
                user_id: user,
                badge_id: badge.into(),
                awarded_by: Some(FACILITATOR),
                reason: None,
                awarded_at: NOW,
            })
            .await
            .unwrap();
        if user == BEN {
            store
                .revoke_badge(outcome.award.id, FACILITATOR, "given by mistake", NOW)
                .await
                .unwrap();
        }
    }
    cohort
}

/// Ada's Finisher credential, exported as she would export it.
async fn ada_finisher(store: &Store, cohort: &Cohort) -> String {
    let files = credentials::export_own(store, &settings(), cohort, ADA, NOW)
        .await
        .unwrap();
    files
        .into_iter()
        .find(|f| f.file_name == "finisher.jwt")
        .expect("Ada's Finisher credential")
        .jws
}
