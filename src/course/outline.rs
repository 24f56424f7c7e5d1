//! A plain-text outline of a pack, so an author sees what trainees will get.

use std::fmt::Write;

use super::model::*;
use super::text::{split_for_embeds, EMBED_DESCRIPTION_LIMIT};
use super::time::TimeExpr;
use super::words::count;

pub fn outline(course: &Course) -> String {
    let mut out = String::new();
    let short_hash = course
        .content_hash
        .get(..12)
        .unwrap_or(&course.content_hash);
    let _ = writeln!(out, "{} — {}", course.id, course.title);
    let _ = writeln!(out, "version {} (content {short_hash})", course.version);
    if let Some(tz) = &course.time_zone {
        let _ = writeln!(out, "time zone offered for new cohorts: {tz}");
    }
    if !course.summary.is_empty() {
        let _ = writeln!(out, "\n{}", course.summary);
    }
    let _ = writeln!(
        out,
        "\nLearning path: {}, each opens when the one before is complete",
        count(course.path.len(), "module", "modules")
    );
    for (n, id) in course.path.iter().enumerate() {
        if let Some(module) = course.module(id) {
            write_module(&mut out, &format!("{}.", n + 1), module);
        }
    }
    write_pathways(&mut out, course);
    write_badges(&mut out, course);
    write_calendar(&mut out, course);
    out
}

fn write_module(out: &mut String, number: &str, module: &Module) {
    let attempts = match module.max_attempts {
        None => "unlimited attempts".to_string(),
        Some(1) => "no retry".to_string(),
        Some(n) => format!("{n} attempts"),
    };
    let minutes = module
        .estimated_minutes
        .map(|m| format!("about {m} min, "))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  {number} {} [{}] ({minutes}pass mark {}%, {attempts})",
        module.title, module.id, module.pass_mark
    );
    for page in &module.pages {
        let screens = split_for_embeds(&page.body, EMBED_DESCRIPTION_LIMIT).len();
        let link = page
            .url
            .as_deref()
            .map(|u| format!(" <{u}>"))
            .unwrap_or_default();
        let screens = if screens == 1 {
            String::new()
        } else {
            format!(", {screens} screens")
        };
        let _ = writeln!(
            out,
            "       {} ({}{screens}){link}",
            labelled(page.kind.label(), &page.title),
            count(page.body.split_whitespace().count(), "word", "words")
        );
    }
    for exercise in &module.exercises {
        let _ = writeln!(
            out,
            "       Exercise {} ({}): {}",
            exercise.id,
            exercise.kind.name(),
            first_line(exercise.kind.asked())
        );
    }
}

/// "Label: title", unless the author already began the title with the label as a word.
fn labelled(label: &str, title: &str) -> String {
    let already = title
        .get(..label.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(label))
        && !title[label.len()..].starts_with(char::is_alphanumeric);
    if already {
        title.to_string()
    } else {
        format!("{label}: {title}")
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 90 {
        format!("{}…", line.chars().take(89).collect::<String>())
    } else {
        line.to_string()
    }
}

fn write_pathways(out: &mut String, course: &Course) {
    for pathway in &course.pathways {
        let by = when(pathway.choose_by.as_ref(), "chosen by");
        let _ = writeln!(out, "\nPathway: {} [{}]{by}", pathway.title, pathway.id);
        for option in &pathway.options {
            let _ = writeln!(out, "  - {} [{}]", option.label, option.id);
            for id in &option.modules {
                if let Some(module) = course.module(id) {
                    write_module(out, "   opens", module);
                }
            }
        }
    }
}

fn write_badges(out: &mut String, course: &Course) {
    if course.badges.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nBadges (Discord roles)");
    for badge in &course.badges {
        let emoji = badge
            .emoji
            .as_deref()
            .map(|e| format!("{e} "))
            .unwrap_or_default();
        let how = match badge.award {
            AwardMode::Auto => "automatic",
            AwardMode::Manual => "awarded by a facilitator",
        };
        let _ = writeln!(
            out,
            "  {emoji}{} [{}] #{:06X}, {how}{}",
            badge.name,
            badge.id,
            badge.colour,
            requirements(course, &badge.requires)
        );
    }
}

fn requirements(course: &Course, req: &Requirements) -> String {
    let mut parts = Vec::new();
    if !req.modules.is_empty() {
        if req.modules == course.path {
            parts.push("every module on the path".to_string());
        } else {
            parts.push(format!("modules {}", req.modules.join(", ")));
        }
    }
    for pathway in course
        .pathways
        .iter()
        .filter(|p| req.pathway_modules.contains(&p.id))
    {
        parts.push(format!(
            "the modules of the route chosen on “{}”",
            pathway.title
        ));
    }
    for a in &req.attended {
        let title = course
            .series(&a.series)
            .map_or(a.series.as_str(), |s| s.title.as_str());
        parts.push(format!("{} of “{title}”", a.count));
    }
    if !req.badges.is_empty() {
        parts.push(format!("badges {}", req.badges.join(", ")));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(": requires {}", parts.join("; "))
    }
}

fn write_calendar(out: &mut String, course: &Course) {
    if !course.series.is_empty() {
        let _ = writeln!(out, "\nSessions");
    }
    for s in &course.series {
        let reminders: Vec<String> = s.reminders_minutes.iter().map(|m| minutes(*m)).collect();
        let _ = writeln!(
            out,
            "  {} [{}]: {} {}, {} each{}{}; reminders {} before{}",
            s.title,
            s.id,
            s.count,
            s.kind.label(),
            minutes(s.duration_minutes),
            s.first.map(|t| format!(", first {t}")).unwrap_or_default(),
            s.every_minutes
                .map(|m| format!(", every {}", minutes(m)))
                .unwrap_or_default(),
            reminders.join(" and "),
            if s.presentations_in_last {
                "; presentations in the last"
            } else {
                ""
            }
        );
    }
    if !course.milestones.is_empty() {
        let _ = writeln!(out, "\nMilestones");
    }
    for m in &course.milestones {
        let badge = m
            .badge
            .as_deref()
            .map(|b| format!(" — award {b}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {}: {}{badge}", m.at, m.title);
    }
    if !course.events.is_empty() {
        let _ = writeln!(out, "\nEvents");
    }
    for e in &course.events {
        let place = e
            .location
            .as_deref()
            .map(|l| format!(", {l}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}: {} ({}{place})",
            e.at,
            e.title,
            minutes(e.duration_minutes)
        );
    }
    if !course.prompts.is_empty() {
        let _ = writeln!(out, "\nScheduled prompts");
    }
    for p in &course.prompts {
        let timing = match &p.when {
            PromptTiming::At(at) => at.to_string(),
            PromptTiming::Every(rule) => {
                let until = p.until.map(|u| format!(", until {u}")).unwrap_or_default();
                let times = p
                    .count
                    .map(|n| format!(", at most {}", count(n as usize, "time", "times")))
                    .unwrap_or_default();
                format!("every `{}`{until}{times}", rule.source())
            }
        };
        let to = match p.audience {
            Audience::Cohort => "",
            Audience::Facilitators => ", to facilitators",
        };
        let thread = if p.thread {
            ", with a thread for replies"
        } else {
            ""
        };
        let _ = writeln!(out, "  {timing}: {}{to}{thread}", p.title);
    }
}

fn when(at: Option<&TimeExpr>, label: &str) -> String {
    at.map(|t| format!(" {label} {t}")).unwrap_or_default()
}

fn minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) if h % (24 * 7) == 0 => format!("{}w", h / (24 * 7)),
        (h, 0) if h >= 48 && h % 24 == 0 => format!("{}d", h / 24),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::labelled;

    #[test]
    fn a_title_that_already_says_its_kind_is_not_labelled_twice() {
        assert_eq!(labelled("Case study", "Case study"), "Case study");
        assert_eq!(
            labelled("Case study", "case study: Westside"),
            "case study: Westside"
        );
        assert_eq!(labelled("Case study", "Westside"), "Case study: Westside");
        assert_eq!(labelled("Video", "Videos we made"), "Video: Videos we made");
    }
}
