//! Request bodies: JSON, or `multipart/form-data` with `payload_json` and `files[n]` parts.

use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use serde_json::{Map, Value};

use crate::errors::ApiError;

/// A file part of a multipart request.
#[derive(Clone, Debug)]
pub(crate) struct Upload {
    /// `n` of a `files[n]` part: the id the body's `attachments` entry refers to.
    pub index: Option<u64>,
    pub filename: String,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// A parsed body.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub json: Option<Value>,
    pub files: Vec<Upload>,
}

/// Parses the body by its content type; bad JSON or a broken form answers 400 (code 50109).
pub(crate) async fn parse(headers: &HeaderMap, body: Bytes) -> Result<Parsed, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        return multipart(content_type, body).await;
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Parsed::default());
    }
    let json = serde_json::from_slice(&body).map_err(|_| ApiError::invalid_json())?;
    Ok(Parsed {
        json: Some(json),
        files: vec![],
    })
}

async fn multipart(content_type: &str, body: Bytes) -> Result<Parsed, ApiError> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| ApiError::invalid_json())?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut parsed = Parsed::default();
    let mut fields = Map::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| ApiError::invalid_json())?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let data = field.bytes().await.map_err(|_| ApiError::invalid_json())?;
        if name == "payload_json" {
            parsed.json =
                Some(serde_json::from_slice(&data).map_err(|_| ApiError::invalid_json())?);
        } else if let Some(filename) = filename {
            let index = name
                .strip_prefix("files[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|n| n.parse().ok());
            parsed.files.push(Upload {
                index,
                filename,
                content_type,
                data: data.to_vec(),
            });
        } else {
            fields.insert(
                name,
                Value::String(String::from_utf8_lossy(&data).into_owned()),
            );
        }
    }
    if parsed.json.is_none() && !fields.is_empty() {
        parsed.json = Some(Value::Object(fields));
    }
    Ok(parsed)
}
