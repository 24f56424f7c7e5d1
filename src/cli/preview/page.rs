//! The preview page: one HTML file with its style inline, every module's screens and the
//! calendar of scheduled posts, drawn from the JSON `discord::preview` collects.

use chrono::{Datelike, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::Value;

use super::markdown::Clock;
use super::message::{items, message, messages, modal, text};

const STYLE: &str = include_str!("page.css");

/// Switches between Discord's light and dark themes; the first choice follows the system.
const THEME_SCRIPT: &str = "document.getElementById('theme').addEventListener('click', function () {\
  var root = document.documentElement;\
  var dark = root.dataset.theme ? root.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;\
  root.dataset.theme = dark ? 'light' : 'dark';\
});";

/// What the page says about itself besides the pack.
pub struct Heading {
    /// Which locale the page shows, in words.
    pub locale: String,
}

/// The page for `doc`, the JSON of `discord::preview::pack`.
pub fn page(doc: &Value, heading: &Heading) -> String {
    let course = &doc["course"];
    let calendar = &doc["calendar"];
    let time_zone: Tz = calendar["time_zone"]
        .as_str()
        .unwrap_or("UTC")
        .parse()
        .unwrap_or(Tz::UTC);
    let clock = Clock {
        time_zone,
        now_ms: doc["now"].as_i64().unwrap_or_default(),
    };
    let title = format!("{} — preview", text(&course["title"]));
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.top {
                    div {
                        h1 { (text(&course["title"])) }
                        p { "Course " code { (text(&course["id"])) } ", version " (text(&course["version"])) ". Every screen as the bot sends it, with the answers: an author's view." }
                        p.locale { (heading.locale) }
                        p { "Calendar for a cohort starting on " (text(&calendar["starts_on"])) " in " (time_zone.name()) "." }
                    }
                    button #theme type="button" { "Light / dark" }
                }
                nav {
                    @for module in items(&doc["modules"]) {
                        a href={ "#module-" (text(&module["id"])) } { (text(&module["title"])) }
                    }
                    a href="#calendar" { "Calendar" }
                }
                main {
                    @for module in items(&doc["modules"]) {
                        (module_section(module, clock))
                    }
                    (calendar_section(calendar, clock))
                }
                script { (PreEscaped(THEME_SCRIPT)) }
            }
        }
    };
    markup.into_string()
}

fn module_section(module: &Value, clock: Clock) -> Markup {
    html! {
        section.module id={ "module-" (text(&module["id"])) } {
            h2 { (text(&module["title"])) " " small { code { (text(&module["id"])) } } }
            @for screen in items(&module["screens"]) {
                (screen_article(screen, clock))
            }
            @let live = items(&module["live"]);
            @if !live.is_empty() {
                h2 { "Live quiz: " (text(&module["title"])) }
                @for screen in live {
                    (screen_article(screen, clock))
                }
            }
        }
    }
}

fn screen_article(screen: &Value, clock: Clock) -> Markup {
    let kind = text(&screen["kind"]);
    html! {
        article.screen data-kind=(kind) {
            h3 { (text(&screen["label"])) @if kind == "edit" { " (the question's message, edited)" } }
            @if let Some(note) = screen["note"].as_str() {
                p.note { "Author's view — " (note) }
            }
            @if kind == "modal" {
                (modal(&screen["payload"]))
            } @else {
                (message(&screen["payload"], clock))
            }
        }
    }
}

fn calendar_section(calendar: &Value, clock: Clock) -> Markup {
    let entries = items(&calendar["entries"]);
    let day = |at: i64| {
        Utc.timestamp_millis_opt(at)
            .single()
            .map(|t| t.with_timezone(&clock.time_zone))
    };
    let first = parse_date(&calendar["starts_on"]);
    let last = parse_date(&calendar["until"]);
    html! {
        section.calendar #calendar {
            h2 { "Calendar" }
            p {
                "What the schedules post from " (text(&calendar["starts_on"])) " to " (text(&calendar["until"]))
                ", times in " (clock.time_zone.name()) ". The weekly nudge (Mondays 10:00) and, with a listening campaign, its daily check and weekly digest go only to those they concern, so they are not shown."
            }
            @if let (Some(first), Some(last)) = (first, last) {
                @for month in months(first, last) {
                    (month_grid(month, first, last, entries, clock))
                }
            }
            @if entries.is_empty() {
                p { "Nothing is scheduled in these months." }
            }
            @for entry in entries {
                @let at = entry["at"].as_i64().unwrap_or_default();
                article.screen.dated id={ "at-" (at) "-" (text(&entry["kind"])) } {
                    h3 {
                        span.when { @if let Some(local) = day(at) { (local.format("%A %-d %B %Y, %H:%M")) } }
                        " · " (text(&entry["kind"])) " to the " (text(&entry["to"]))
                        @if let Some(thread) = entry["thread"].as_str() { " · opens the thread “" (thread) "”" }
                    }
                    (messages(&entry["payload"], clock))
                }
            }
        }
    }
}

/// The first day of each month from `first`'s to `last`'s.
fn months(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut month = first.with_day(1);
    while let Some(m) = month.filter(|m| *m <= last) {
        out.push(m);
        month = m.checked_add_months(chrono::Months::new(1));
    }
    out
}

fn month_grid(
    month: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
    entries: &[Value],
    clock: Clock,
) -> Markup {
    let on = |date: NaiveDate| -> Vec<&Value> {
        entries
            .iter()
            .filter(|e| {
                let at = e["at"].as_i64().unwrap_or_default();
                Utc.timestamp_millis_opt(at)
                    .single()
                    .is_some_and(|t| t.with_timezone(&clock.time_zone).date_naive() == date)
            })
            .collect()
    };
    let lead = month.weekday().num_days_from_monday();
    let mut weeks: Vec<Vec<Option<NaiveDate>>> = Vec::new();
    let mut week: Vec<Option<NaiveDate>> = vec![None; lead as usize];
    let mut date = Some(month);
    while let Some(d) = date.filter(|d| d.month() == month.month()) {
        week.push(Some(d));
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
        date = d.checked_add_days(Days::new(1));
    }
    if !week.is_empty() {
        week.resize(7, None);
        weeks.push(week);
    }
    html! {
        div.month {
            table {
                caption { (month.format("%B %Y")) }
                tr { @for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] { th { (name) } } }
                @for week in weeks {
                    tr {
                        @for cell in week {
                            @match cell {
                                None => td {},
                                Some(d) => {
                                    @let posts = on(d);
                                    @let class = if d < first || d > last { "out" } else if posts.is_empty() { "" } else { "busy" };
                                    td class=(class) title=(titles(&posts)) {
                                        (d.day())
                                        @if let Some(post) = posts.first() {
                                            a href={ "#at-" (post["at"].as_i64().unwrap_or_default()) "-" (text(&post["kind"])) } {
                                                (posts.len())
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The titles of a day's posts, for the cell's tooltip.
fn titles(posts: &[&Value]) -> String {
    posts
        .iter()
        .filter_map(|p| {
            items(&p["payload"])
                .iter()
                .rev()
                .find_map(|part| part["embeds"][0]["title"].as_str())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn parse_date(value: &Value) -> Option<NaiveDate> {
    value.as_str()?.parse().ok()
}
