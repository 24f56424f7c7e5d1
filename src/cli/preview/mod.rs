//! `cohortbot course preview`: writes one HTML page showing every screen of a pack as the
//! bot sends it, and its calendar; opens it, and writes it again when the pack changes.

mod markdown;
mod message;
mod page;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use chrono::{Datelike, Days, Months, NaiveDate};
use chrono_tz::Tz;
use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode};

use crate::course::time::local_to_utc;
use crate::course::Course;
use crate::discord::preview;

/// What to preview and where to write it.
#[derive(Debug, Clone)]
pub struct Options {
    /// Only this module's screens.
    pub module: Option<String>,
    pub locale: Option<String>,
    pub start: NaiveDate,
    /// Default: the pack's time zone, or UTC.
    pub time_zone: Option<Tz>,
    pub months: u32,
    pub out: Option<PathBuf>,
}

/// The page for `course`, in `options.locale` where the pack has that translation.
pub fn render(course: &Course, options: &Options) -> anyhow::Result<String> {
    let translated = options.locale.as_deref().map(|l| course.localized(l));
    let course = translated.as_ref().unwrap_or(course);
    let time_zone = options
        .time_zone
        .or_else(|| course.time_zone.as_deref()?.parse().ok())
        .unwrap_or(Tz::UTC);
    let end = options
        .start
        .checked_add_months(Months::new(options.months))
        .context("the calendar would end after the year 262143")?;
    let at_midnight = |date: NaiveDate| {
        date.and_hms_opt(0, 0, 0)
            .map(|t| local_to_utc(t, time_zone).timestamp_millis())
            .unwrap_or_default()
    };
    let mut doc = preview::pack(
        course,
        options.start,
        time_zone,
        at_midnight(end),
        at_midnight(options.start),
    );
    if let Some(wanted) = &options.module {
        let Some(modules) = doc["modules"].as_array_mut() else {
            anyhow::bail!("the preview lists no modules");
        };
        let ids: Vec<String> = modules
            .iter()
            .filter_map(|m| m["id"].as_str().map(str::to_string))
            .collect();
        modules.retain(|m| m["id"].as_str() == Some(wanted.as_str()));
        if modules.is_empty() {
            anyhow::bail!(
                "the pack has no module `{wanted}`; its modules are {}",
                ids.join(", ")
            );
        }
    }
    let own = &course.language;
    let locale = match options.locale.as_deref() {
        None => format!("Locale: the pack's own text ({own})."),
        Some(locale) => match course.translation(locale) {
            Some((found, _)) => format!(
                "Locale: {locale}, from the pack's {found} translation; what it lacks shows in \
                 the pack's own text ({own})."
            ),
            None => format!(
                "Locale asked: {locale}. The pack declares no text for {locale}, so this page \
                 shows the pack's own text ({own})."
            ),
        },
    };
    Ok(page::page(&doc, &page::Heading { locale }))
}

/// Where the page goes: `--out`, or `<course id>-preview.html` in the working directory.
pub fn out_path(course: &Course, options: &Options) -> PathBuf {
    options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}-preview.html", course.id)))
}

/// Loads the pack with `load`, and writes its page.
pub fn write(
    load: &dyn Fn() -> anyhow::Result<Course>,
    options: &Options,
) -> anyhow::Result<PathBuf> {
    let course = load()?;
    let html = render(&course, options)?;
    let out = out_path(&course, options);
    std::fs::write(&out, html).with_context(|| format!("could not write {}", out.display()))?;
    Ok(out)
}

/// Opens the page in the system's browser.
pub fn open(page: &Path) -> anyhow::Result<()> {
    opener::open(page).with_context(|| format!("could not open {}", page.display()))
}

/// Calls `rewrite` after each change under `dir` (changes within a short while count as
/// one), until the watch fails. Changes to `page` alone, when it is inside `dir`, are not
/// changes to the pack.
pub fn watch(dir: &Path, page: &Path, mut rewrite: impl FnMut()) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut debouncer = new_debouncer(Duration::from_millis(300), tx)?;
    debouncer
        .watcher()
        .watch(dir, RecursiveMode::Recursive)
        .with_context(|| format!("could not watch {}", dir.display()))?;
    let page = page.canonicalize().unwrap_or_else(|_| page.to_path_buf());
    eprintln!("Watching {} for changes; Ctrl-C stops.", dir.display());
    for events in rx {
        let events = events?;
        if events.iter().any(|e| e.path != page) {
            rewrite();
        }
    }
    Ok(())
}

/// The Monday after `today`: the start a preview takes when none is given.
pub fn next_monday(today: NaiveDate) -> NaiveDate {
    let ahead = 7 - u64::from(today.weekday().num_days_from_monday());
    today.checked_add_days(Days::new(ahead)).unwrap_or(today)
}
