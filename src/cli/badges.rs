//! `cohortbot badges export` and `cohortbot badges verify`: the badges' Open Badges
//! credentials on the issuer's side.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::config::Config;
use crate::domain::credentials::{self, IssuerSettings, Verified};
use crate::domain::{Clock, SystemClock};
use crate::model::CohortId;
use crate::store::Store;

/// Writes the credential of every badge the cohort's members hold into `out`, one file each.
pub async fn export(config: &Config, cohort: CohortId, out: &Path) -> anyhow::Result<()> {
    let store = Store::connect(&config.database_url).await?;
    let settings = IssuerSettings::from_config(config);
    let files = async {
        let Some(cohort) = store.cohort(cohort).await? else {
            anyhow::bail!(
                "there is no cohort {cohort}; its number is at the foot of `/cohort report`"
            );
        };
        let now = SystemClock.now_ms();
        Ok(credentials::export_cohort(&store, &settings, &cohort, now).await?)
    }
    .await;
    store.close().await;
    let files = files?;
    std::fs::create_dir_all(out).with_context(|| format!("could not create {}", out.display()))?;
    for file in &files {
        let path = out.join(&file.file_name);
        std::fs::write(&path, &file.jws)
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    println!(
        "Wrote {} into {}.",
        crate::course::words::count(files.len(), "credential", "credentials"),
        out.display()
    );
    Ok(())
}

/// Checks one credential file; prints one line, and fails when the credential is not valid.
pub async fn verify(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let text = std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
    let text = String::from_utf8_lossy(&text);
    let store = Store::connect(&config.database_url).await?;
    let settings = IssuerSettings::from_config(config);
    let verdict = credentials::verify(&store, &settings, &text, SystemClock.now_ms()).await;
    store.close().await;
    match verdict? {
        Ok(valid) => {
            println!("valid: {}", summary(&valid));
            Ok(ExitCode::SUCCESS)
        }
        Err(rejection) => {
            println!("not valid: {rejection}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn summary(valid: &Verified) -> String {
    let until = match valid.valid_until {
        Some(until) => format!("until {}", until.format("%Y-%m-%d")),
        None => "with no end date".to_string(),
    };
    format!(
        "“{}” issued by {} to {}, valid from {} {until}",
        valid.badge,
        valid.issuer,
        valid.subject,
        valid.valid_from.format("%Y-%m-%d"),
    )
}
