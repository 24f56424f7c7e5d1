//! Numbers, lists and dates written the way each language writes them: "1,234.5", "45%",
//! "a, b and c" and "3 December 2026" in English; "1 234,5", "45 %", "a, b et c" and
//! "3 décembre 2026" in French (with the narrow no-break space French typography puts there).

use chrono::{Datelike, NaiveDate};

use super::{tr_args, Lang};

/// French groups thousands and sets a percent sign apart with a narrow no-break space.
const NARROW_NBSP: char = '\u{202F}';

/// A whole number with the language's thousands separator.
pub fn number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(match lang {
                Lang::En => ',',
                Lang::Fr => NARROW_NBSP,
            });
        }
        grouped.push(digit);
    }
    if n < 0 {
        grouped.insert(0, '-');
    }
    grouped
}

/// A number with `places` decimals, grouped and with the language's decimal mark.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let fixed = format!("{:.places$}", value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let whole: i64 = whole.parse().unwrap_or(i64::MAX);
    let sign = if value < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    let mut text = format!("{sign}{}", number(lang, whole));
    if !fraction.is_empty() {
        text.push(match lang {
            Lang::En => '.',
            Lang::Fr => ',',
        });
        text.push_str(fraction);
    }
    text
}

/// A percentage (`value` out of 100) with `places` decimals.
pub fn percent(lang: Lang, value: f64, places: usize) -> String {
    let figure = decimal(lang, value, places);
    match lang {
        Lang::En => format!("{figure}%"),
        Lang::Fr => format!("{figure}{NARROW_NBSP}%"),
    }
}

/// "a", "a and b", "a, b and c" in the language's words.
pub fn list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => tr_args(
            lang,
            "list-and",
            &[
                ("rest", rest.join(", ").into()),
                ("last", last.as_str().into()),
            ],
        ),
    }
}

/// A day in words: "3 December 2026", "3 décembre 2026" (and "1er décembre").
pub fn date(lang: Lang, day: NaiveDate) -> String {
    format!("{} {}", day_and_month(lang, day), day.year())
}

/// A day in the year, without it: "3 December", "3 décembre".
pub fn day_and_month(lang: Lang, day: NaiveDate) -> String {
    let month = day.month0() as usize;
    match lang {
        Lang::En => format!("{} {}", day.day(), day.format("%B")),
        Lang::Fr if day.day() == 1 => format!("1er {}", FRENCH_MONTHS[month]),
        Lang::Fr => format!("{} {}", day.day(), FRENCH_MONTHS[month]),
    }
}

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_marked_per_language() {
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Fr, 1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(number(Lang::En, -1000), "-1,000");
        assert_eq!(number(Lang::En, 999), "999");
        assert_eq!(decimal(Lang::En, 1234.56, 1), "1,234.6");
        assert_eq!(decimal(Lang::Fr, 1234.56, 1), "1\u{202F}234,6");
        assert_eq!(decimal(Lang::Fr, -0.04, 1), "0,0");
        assert_eq!(percent(Lang::En, 45.0, 0), "45%");
        assert_eq!(percent(Lang::Fr, 45.26, 1), "45,3\u{202F}%");
    }

    #[test]
    fn lists_end_with_the_languages_and() {
        let items: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(list(Lang::En, &items), "a, b and c");
        assert_eq!(list(Lang::Fr, &items), "a, b et c");
        assert_eq!(list(Lang::Fr, &items[..2]), "a et b");
        assert_eq!(list(Lang::En, &items[..1]), "a");
        assert_eq!(list(Lang::En, &[]), "");
    }

    #[test]
    fn dates_read_in_the_languages_words() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(date(Lang::En, day(12, 3)), "3 December 2026");
        assert_eq!(date(Lang::Fr, day(12, 3)), "3 décembre 2026");
        assert_eq!(date(Lang::Fr, day(8, 1)), "1er août 2026");
        assert_eq!(day_and_month(Lang::En, day(9, 28)), "28 September");
        assert_eq!(day_and_month(Lang::Fr, day(2, 14)), "14 février");
    }
}
