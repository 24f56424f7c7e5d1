//! The issuer's key, and the compact JWS that carries a credential: the JSON Web Token proof
//! format of Open Badges 3.0 (§8.2 of the specification), RS256, the public key in the `jwk`
//! header. There is no `kid`: the bot serves no address a verifier could fetch a key from.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::{AlgorithmParameters, CommonParameters, Jwk, RSAKeyParameters, RSAKeyType};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::config::Secret;
use crate::domain::{DomainError, DomainResult};

/// RSA keys below 2048 bits are refused by the specification's security guidance.
const KEY_BITS: usize = 2048;

/// The issuer's private key, ready to sign. Its `Debug` shows the public key's thumbprint only.
pub struct IssuerKey {
    signing: EncodingKey,
    public: RSAKeyParameters,
}

impl fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuerKey")
            .field("thumbprint", &self.thumbprint())
            .finish_non_exhaustive()
    }
}

impl IssuerKey {
    /// A new key, as PKCS#8 PEM. Takes a moment of CPU: call it off the async threads.
    pub fn generate() -> DomainResult<Secret> {
        let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, KEY_BITS).map_err(fault)?;
        let pem = key.to_pkcs8_pem(LineEnding::LF).map_err(fault)?;
        Ok(Secret::new(pem.as_str()))
    }

    pub fn from_pem(pem: &Secret) -> DomainResult<IssuerKey> {
        let key = RsaPrivateKey::from_pkcs8_pem(pem.expose()).map_err(fault)?;
        let der = key.to_pkcs1_der().map_err(fault)?;
        let public = RSAKeyParameters {
            key_type: RSAKeyType::RSA,
            n: URL_SAFE_NO_PAD.encode(key.n().to_bytes_be()),
            e: URL_SAFE_NO_PAD.encode(key.e().to_bytes_be()),
        };
        Ok(IssuerKey {
            signing: EncodingKey::from_rsa_der(der.as_bytes()),
            public,
        })
    }

    /// The public key's JWK thumbprint (RFC 7638).
    pub fn thumbprint(&self) -> String {
        thumbprint(&self.public)
    }

    /// Whether `public` is this key's public half.
    pub fn is(&self, public: &RSAKeyParameters) -> bool {
        self.public.n == public.n && self.public.e == public.e
    }

    /// `claims` signed as a compact JWS, with the header the specification allows: `alg`,
    /// `typ` and the public `jwk`.
    pub fn sign(&self, claims: &Value) -> DomainResult<String> {
        let mut header = Header::new(Algorithm::RS256);
        header.jwk = Some(Jwk {
            common: CommonParameters::default(),
            algorithm: AlgorithmParameters::RSA(self.public.clone()),
        });
        jsonwebtoken::encode(&header, claims, &self.signing).map_err(fault)
    }
}

/// RFC 7638: SHA-256 of the key's required members in lexical order, base64url.
fn thumbprint(public: &RSAKeyParameters) -> String {
    let members = format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, public.e, public.n);
    URL_SAFE_NO_PAD.encode(Sha256::digest(members.as_bytes()))
}

/// A compact JWS whose signature checked out against the key its header carries.
#[derive(Debug)]
pub struct Opened {
    pub key: RSAKeyParameters,
    pub claims: Value,
}

/// Why a text could not be opened as a signed credential.
#[derive(Debug, PartialEq, Eq)]
pub enum Unopened {
    /// Not a compact JWS at all, or one whose parts are not JSON.
    NotAJws,
    /// Signed some other way than RS256 with the key in the header.
    OtherProof(String),
    /// The signature does not match the header and payload.
    BadSignature,
}

/// Checks the signature of `token` with the public key in its own header. Who that key
/// belongs to is the caller's question; dates are not looked at here.
pub fn open(token: &str) -> Result<Opened, Unopened> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| Unopened::NotAJws)?;
    if header.alg != Algorithm::RS256 {
        return Err(Unopened::OtherProof(format!("{:?}", header.alg)));
    }
    let Some(AlgorithmParameters::RSA(public)) = header.jwk.map(|jwk| jwk.algorithm) else {
        return Err(Unopened::OtherProof("no RSA key in its header".into()));
    };
    let key = DecodingKey::from_rsa_components(&public.n, &public.e)
        .map_err(|_| Unopened::OtherProof("an unreadable key in its header".into()))?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    match jsonwebtoken::decode::<Value>(token, &key, &validation) {
        Ok(data) => Ok(Opened {
            key: public,
            claims: data.claims,
        }),
        Err(e) if *e.kind() == ErrorKind::InvalidSignature => Err(Unopened::BadSignature),
        Err(_) => Err(Unopened::NotAJws),
    }
}

fn fault(error: impl fmt::Display) -> DomainError {
    DomainError::IssuerKey(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_signed_payload_opens_and_a_changed_one_does_not() {
        let key = IssuerKey::from_pem(&IssuerKey::generate().unwrap()).unwrap();
        let token = key.sign(&json!({ "name": "Teamwork" })).unwrap();

        let opened = open(&token).unwrap();
        assert_eq!(opened.claims["name"], "Teamwork");
        assert!(key.is(&opened.key));

        let mut parts: Vec<&str> = token.split('.').collect();
        let other = URL_SAFE_NO_PAD.encode(r#"{"name":"Leadership"}"#);
        parts[1] = &other;
        assert_eq!(open(&parts.join(".")).unwrap_err(), Unopened::BadSignature);
        assert_eq!(open("not a token").unwrap_err(), Unopened::NotAJws);
    }

    #[test]
    fn the_key_never_shows_in_debug_output() {
        let pem = IssuerKey::generate().unwrap();
        let key = IssuerKey::from_pem(&pem).unwrap();
        let shown = format!("{key:?} {pem:?}");
        assert!(!shown.contains("PRIVATE KEY"), "{shown}");
        assert!(shown.contains(&key.thumbprint()), "{shown}");
    }
}
