//! Discord's Markdown as HTML, for the preview: what Discord draws (bold, italics, links,
//! lists, headings, code, line breaks kept), its timestamps `<t:…>` in the cohort's time
//! zone, and mentions as names. Raw HTML in the text is shown as text, never run.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// What dates Discord's timestamps: the zone shown, and the moment "now" for relative ones.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub time_zone: Tz,
    pub now_ms: i64,
}

/// `text` as HTML, every character of it escaped.
pub fn to_html(text: &str, clock: Clock) -> String {
    let text = with_tokens_spelled(text, clock);
    let parser = Parser::new_ext(&text, Options::ENABLE_STRIKETHROUGH);
    let mut in_image = false;
    let mut unsafe_links = 0usize;
    let events = parser.filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::SoftBreak => Some(Event::HardBreak),
        Event::Start(Tag::Image { dest_url, .. }) => {
            in_image = true;
            Some(Event::Text(CowStr::from(format!("[image {dest_url}: "))))
        }
        Event::End(TagEnd::Image) if in_image => {
            in_image = false;
            Some(Event::Text("]".into()))
        }
        Event::Start(Tag::Link { ref dest_url, .. }) if !is_web(dest_url) => {
            unsafe_links += 1;
            None
        }
        Event::End(TagEnd::Link) if unsafe_links > 0 => {
            unsafe_links -= 1;
            None
        }
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn is_web(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// Discord's `<t:…>`, `<@…>`, `<@&…>` and `<#…>` as the words a reader sees.
fn with_tokens_spelled(text: &str, clock: Clock) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        match tail
            .find('>')
            .and_then(|end| Some((spelled(&tail[1..end], clock)?, end)))
        {
            Some((words, end)) => {
                out.push_str(&words);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn spelled(token: &str, clock: Clock) -> Option<String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(id) = token.strip_prefix("@&") {
        return digits(id).then(|| "@role".to_string());
    }
    if let Some(id) = token.strip_prefix('@') {
        return digits(id.trim_start_matches('!')).then(|| "@member".to_string());
    }
    if let Some(id) = token.strip_prefix('#') {
        return digits(id).then(|| "#channel".to_string());
    }
    let stamp = token.strip_prefix("t:")?;
    let (seconds, style) = stamp.split_once(':').unwrap_or((stamp, "f"));
    let at = Utc.timestamp_opt(seconds.parse().ok()?, 0).single()?;
    Some(timestamp(at, style, clock))
}

/// A timestamp in one of Discord's styles.
fn timestamp(at: DateTime<Utc>, style: &str, clock: Clock) -> String {
    let local = at.with_timezone(&clock.time_zone);
    let format = match style {
        "t" => "%H:%M",
        "T" => "%H:%M:%S",
        "d" => "%d/%m/%Y",
        "D" => "%-d %B %Y",
        "F" => "%A %-d %B %Y %H:%M",
        "R" => return relative(at.timestamp_millis() - clock.now_ms),
        _ => "%-d %B %Y %H:%M",
    };
    local.format(format).to_string()
}

fn relative(ms: i64) -> String {
    let seconds = ms.abs() / 1000;
    let (n, unit) = match seconds {
        s if s < 60 => (s, "second"),
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s => (s / 86_400, "day"),
    };
    let amount = format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if ms >= 0 {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOCK: Clock = Clock {
        time_zone: chrono_tz::Europe::London,
        now_ms: 1_790_000_000_000,
    };

    #[test]
    fn markup_in_a_pack_is_shown_as_text() {
        let html = to_html(
            "**Bold** <script>alert(1)</script> [x](javascript:alert(1))",
            CLOCK,
        );
        assert_eq!(
            html,
            "<p><strong>Bold</strong> &lt;script&gt;alert(1)&lt;/script&gt; x</p>\n"
        );
    }

    #[test]
    fn line_breaks_are_kept_and_timestamps_read_in_the_zone() {
        let html = to_html("one\ntwo <t:1790030000:R> <t:1790000000:F> <@12>", CLOCK);
        assert_eq!(
            html,
            "<p>one<br />\ntwo in 8 hours Monday 21 September 2026 15:13 @member</p>\n"
        );
    }
}
