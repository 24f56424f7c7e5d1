//! The README's configuration table against the `Config` type: every key listed once, with
//! the environment variable that sets it and its default.

// `Jail::expect_with` takes closures returning figment's own (large) error type.
#![allow(clippy::result_large_err)]

use cohortbot::config::Config;
use figment::Jail;
use serde_json::Value;

/// A row of the table: variable, file key (`None` for "—"), default as written.
struct Row {
    variable: String,
    key: Option<String>,
    default: String,
}

fn readme_rows() -> Vec<Row> {
    let readme = include_str!("../README.md");
    let table = readme
        .split("| variable | file key | default | meaning |")
        .nth(1)
        .expect("the README has the configuration table");
    table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let plain = |cell: &str| cell.trim_matches('`').to_owned();
            Row {
                variable: plain(cells[1]),
                key: (cells[2] != "—").then(|| plain(cells[2])),
                default: cells[3].to_owned(),
            }
        })
        .collect()
}

fn defaults() -> serde_json::Map<String, Value> {
    match serde_json::to_value(Config::default()).unwrap() {
        Value::Object(fields) => fields,
        other => panic!("Config serializes as {other}"),
    }
}

#[test]
fn every_key_is_listed_once_with_its_default() {
    let defaults = defaults();
    let rows = readme_rows();
    let mut listed: Vec<&str> = rows.iter().filter_map(|r| r.key.as_deref()).collect();
    listed.sort();
    let mut keys: Vec<&str> = defaults.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(listed, keys, "the README's keys and Config's fields differ");
    for row in &rows {
        let Some(key) = &row.key else { continue };
        match &defaults[key] {
            Value::Null => assert!(row.default.starts_with('—'), "{key}: {}", row.default),
            Value::String(text) => assert!(row.default.contains(&format!("`{text}`")), "{key}"),
            other => assert!(row.default.contains(&format!("`{other}`")), "{key}"),
        }
    }
}

#[test]
fn each_variable_sets_its_key() {
    const PROBE: &str = "127.0.0.1:1";
    for row in readme_rows() {
        let Some(key) = row.key else { continue };
        Jail::expect_with(|jail| {
            jail.set_env(&row.variable, PROBE);
            match Config::load(None) {
                Ok(config) => {
                    let value = serde_json::to_value(config).unwrap()[&key].clone();
                    assert_eq!(value, PROBE, "{} does not set {key}", row.variable);
                }
                // A value of another type is refused, naming the key it was read for.
                Err(e) => {
                    let message = e.to_string().to_lowercase();
                    assert!(message.contains(&key), "{}: {e}", row.variable);
                }
            }
            Ok(())
        });
    }
}
