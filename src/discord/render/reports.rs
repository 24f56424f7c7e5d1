//! The cohort report: an embed that sums it up and a PNG chart of module completion and
//! attendance. The chart is drawn into memory with an embedded font (DejaVu Sans), so it
//! needs no system fonts; the CSV comes from the domain, shared with `cohortbot export`.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use poise::serenity_prelude as serenity;
use serenity::CreateEmbed;

use super::{BRAND_COLOUR, FIELD_LIMIT};
use crate::course::text::split_for_embeds;
use crate::course::SeriesKind;
use crate::domain::reports::{CohortReport, SeriesSummary};
use crate::i18n::{self, number, tr, tr_args, Lang};

/// The chart's file name, as the embed refers to it.
pub const REPORT_CHART_FILE: &str = "report.png";
pub const REPORT_CSV_FILE: &str = "report.csv";
/// Width and height of the chart in pixels.
pub const REPORT_CHART_SIZE: (u32, u32) = (800, 500);

pub fn report(report: &CohortReport, lang: Lang) -> CreateEmbed {
    let trainees = report.trainees.len();
    let trainees = [
        ("count", trainees.into()),
        ("n", figure(lang, trainees).into()),
    ];
    let mut embed = CreateEmbed::new()
        .title(tr_args(
            lang,
            "report-title",
            &[("cohort", (&report.cohort_name).into())],
        ))
        .colour(BRAND_COLOUR)
        .description(format!(
            "{}\n**{}**",
            report.course_title,
            tr_args(lang, "report-trainees", &trainees)
        ));
    for (i, chunk) in split_for_embeds(&module_lines(report, lang), FIELD_LIMIT)
        .into_iter()
        .enumerate()
    {
        let name = if i == 0 {
            "report-modules"
        } else {
            "report-continued"
        };
        embed = embed.field(tr(lang, name), chunk, false);
    }
    let reflections = [
        ("written", figure(lang, report.reflections_written()).into()),
        (
            "reviewed",
            figure(lang, report.reflections_reviewed()).into(),
        ),
    ];
    embed
        .field(
            tr(lang, "report-reflections"),
            tr_args(lang, "report-reflections-figures", &reflections),
            true,
        )
        .field(
            tr(lang, "report-attendance"),
            attendance_text(report, lang),
            true,
        )
        .field(
            tr(lang, "report-badges"),
            figure(lang, report.badges_awarded()),
            true,
        )
        .image(format!("attachment://{REPORT_CHART_FILE}"))
        .footer(serenity::CreateEmbedFooter::new(tr_args(
            lang,
            "report-footer",
            &[
                ("file", REPORT_CSV_FILE.into()),
                ("cohort", report.cohort_id.to_string().into()),
            ],
        )))
}

/// A count, grouped the language's way.
fn figure(lang: Lang, n: usize) -> String {
    number(lang, i64::try_from(n).unwrap_or(i64::MAX))
}

/// The chart as a PNG of [`REPORT_CHART_SIZE`]: module completion above, attendance per
/// series below, both in percent, written in `lang`.
pub fn report_chart(report: &CohortReport, lang: Lang) -> anyhow::Result<Vec<u8>> {
    register_chart_font()?;
    let (width, height) = REPORT_CHART_SIZE;
    let mut rgb = vec![0u8; width as usize * height as usize * 3];
    draw_chart(report, lang, &mut rgb)?;
    encode_png(&rgb)
}

/// One set of horizontal bars under a title, as a PNG of [`REPORT_CHART_SIZE`]: each bar
/// a label, a length in percent and the figures it stands for.
pub fn bars_chart(
    title: &str,
    caption: &str,
    bars: impl IntoIterator<Item = (String, f64, String)>,
) -> anyhow::Result<Vec<u8>> {
    register_chart_font()?;
    let bars: Vec<Bar> = bars
        .into_iter()
        .map(|(label, percent, figures)| Bar {
            label,
            percent,
            figures,
        })
        .collect();
    let (width, height) = REPORT_CHART_SIZE;
    let mut rgb = vec![0u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, REPORT_CHART_SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        // Its callers write the title and figures in English.
        draw_bars(&root.titled(title, (FONT, 22))?, caption, &bars, Lang::En)?;
        root.present()?;
    }
    encode_png(&rgb)
}

/// One bar: a label on the left, a length in percent, and the figures it stands for.
struct Bar {
    label: String,
    percent: f64,
    figures: String,
}

type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

const FONT: &str = "sans-serif";
const BAR_COLOUR: RGBColor = RGBColor(0x2E, 0x86, 0xAB);
/// Half a bar's thickness, in rows.
const BAR_HALF_HEIGHT: f64 = 0.3;
const LABEL_CHARS: usize = 32;

fn module_lines(report: &CohortReport, lang: Lang) -> String {
    if report.modules.is_empty() {
        return tr(lang, "report-no-modules");
    }
    let trainees = report.trainees.len();
    report
        .modules
        .iter()
        .map(|m| {
            let average = m
                .average_best_score
                .map(|s| {
                    let score = i18n::percent(lang, s, 0);
                    tr_args(lang, "report-average", &[("score", score.into())])
                })
                .unwrap_or_default();
            let args = [
                ("module", (&m.title).into()),
                ("done", figure(lang, m.completed).into()),
                ("total", figure(lang, trainees).into()),
                (
                    "share",
                    i18n::percent(lang, percent(m.completed, trainees), 0).into(),
                ),
                ("average", average.into()),
            ];
            tr_args(lang, "report-module-line", &args)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn attendance_text(report: &CohortReport, lang: Lang) -> String {
    let meetings = figure(lang, report.meetings_attended());
    let sets = figure(lang, report.sets_attended());
    let mut lines = vec![
        tr_args(lang, "report-meetings", &[("n", meetings.into())]),
        tr_args(lang, "report-sets", &[("n", sets.into())]),
    ];
    lines.extend(report.series.iter().map(|s| {
        let (attended, asked) = series_figures(report, s);
        let id = match s.kind {
            SeriesKind::Mentoring => "report-series-logged",
            SeriesKind::ActionLearningSet => "report-series-attended",
        };
        let args = [
            ("series", (&s.title).into()),
            ("attended", figure(lang, attended).into()),
            ("per_trainee", figure(lang, s.planned as usize).into()),
            ("asked", figure(lang, asked).into()),
        ];
        tr_args(lang, id, &args)
    }));
    lines.join("\n")
}

/// Attendances in a series against the plan, where every trainee attends every session.
fn series_figures(report: &CohortReport, series: &SeriesSummary) -> (usize, usize) {
    let planned = report.trainees.len() * series.planned as usize;
    (series.attended, planned)
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 100.0 / whole as f64).min(100.0)
    }
}

/// "3 of 9", the language's way.
fn out_of(lang: Lang, part: usize, whole: usize) -> String {
    let args = [
        ("part", figure(lang, part).into()),
        ("whole", figure(lang, whole).into()),
    ];
    tr_args(lang, "report-chart-out-of", &args)
}

fn module_bars(report: &CohortReport, lang: Lang) -> Vec<Bar> {
    let trainees = report.trainees.len();
    report
        .modules
        .iter()
        .map(|m| Bar {
            label: m.title.clone(),
            percent: percent(m.completed, trainees),
            figures: out_of(lang, m.completed, trainees),
        })
        .collect()
}

fn series_bars(report: &CohortReport, lang: Lang) -> Vec<Bar> {
    report
        .series
        .iter()
        .map(|s| {
            let (attended, planned) = series_figures(report, s);
            Bar {
                label: s.title.clone(),
                percent: percent(attended, planned),
                figures: out_of(lang, attended, planned),
            }
        })
        .collect()
}

fn register_chart_font() -> anyhow::Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let registered = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok()
    });
    anyhow::ensure!(registered, "the embedded chart font could not be read");
    Ok(())
}

fn draw_chart(report: &CohortReport, lang: Lang, rgb: &mut [u8]) -> anyhow::Result<()> {
    let root = BitMapBackend::with_buffer(rgb, REPORT_CHART_SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let trainees = report.trainees.len();
    let trainees = [
        ("count", trainees.into()),
        ("n", figure(lang, trainees).into()),
    ];
    let title = format!(
        "{} — {}",
        report.cohort_name,
        tr_args(lang, "report-trainees", &trainees)
    );
    let body = root.titled(&title, (FONT, 22))?;
    let modules = module_bars(report, lang);
    let series = series_bars(report, lang);
    let (_, body_height) = body.dim_in_pixel();
    let top_rows = modules.len().max(1) as u32 + 2;
    let all_rows = top_rows + series.len().max(1) as u32 + 2;
    let (top, bottom) = body.split_vertically(body_height * top_rows / all_rows);
    let top_caption = tr(lang, "report-chart-modules");
    draw_bars(&top, &top_caption, &modules, lang)?;
    let bottom_caption = tr(lang, "report-chart-attendance");
    draw_bars(&bottom, &bottom_caption, &series, lang)?;
    root.present()?;
    Ok(())
}

/// Horizontal bars on a 0–100 scale, first bar at the top: bar `i` is centred on the
/// whole number `len - 1 - i` of the vertical axis, where its label goes.
fn draw_bars(area: &Area<'_>, caption: &str, bars: &[Bar], lang: Lang) -> anyhow::Result<()> {
    if bars.is_empty() {
        let style = TextStyle::from((FONT, 16).into_font());
        let empty = tr_args(lang, "report-chart-empty", &[("caption", caption.into())]);
        area.draw_text(&empty, &style, (20, 20))?;
        return Ok(());
    }
    let top = (bars.len() - 1) as f64;
    let label_of = |y: &f64| {
        let index = top - y;
        let whole = (index - index.round()).abs() < 1e-6 && index >= 0.0;
        whole
            .then(|| bars.get(index.round() as usize))
            .flatten()
            .map(|bar| short(&bar.label))
            .unwrap_or_default()
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FONT, 16))
        .margin(8)
        .margin_right(24)
        .x_label_area_size(22)
        .y_label_area_size(250)
        .build_cartesian_2d(0f64..100f64, -0.5..top + 0.5)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .y_labels(bars.len())
        .y_label_formatter(&label_of)
        .x_label_formatter(&|x| i18n::percent(lang, *x, 0))
        .label_style((FONT, 13))
        .draw()?;
    let placed = || bars.iter().zip((0..bars.len()).map(|i| top - i as f64));
    chart.draw_series(placed().map(|(bar, y)| bar_rectangle(bar, y)))?;
    chart.draw_series(placed().map(|(bar, y)| bar_figures(bar, y)))?;
    Ok(())
}

fn bar_rectangle(bar: &Bar, y: f64) -> Rectangle<(f64, f64)> {
    Rectangle::new(
        [
            (0.0, y - BAR_HALF_HEIGHT),
            (bar.percent, y + BAR_HALF_HEIGHT),
        ],
        BAR_COLOUR.filled(),
    )
}

/// The figures beside a bar, or inside its end when there is no room beside it.
fn bar_figures(bar: &Bar, y: f64) -> Text<'static, (f64, f64), String> {
    let (x, colour, anchor) = if bar.percent > 85.0 {
        (bar.percent - 1.0, WHITE, HPos::Right)
    } else {
        (bar.percent + 1.0, BLACK, HPos::Left)
    };
    let style = (FONT, 13)
        .into_font()
        .color(&colour)
        .pos(Pos::new(anchor, VPos::Center));
    Text::new(bar.figures.clone(), (x, y), style)
}

/// A label cut to fit the label area.
fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn encode_png(rgb: &[u8]) -> anyhow::Result<Vec<u8>> {
    let (width, height) = REPORT_CHART_SIZE;
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::SeriesKind;
    use crate::domain::reports::{ModuleResult, ModuleSummary, TraineeRow};
    use crate::model::{CohortId, UserId};

    fn report(modules: usize, series: usize, trainees: usize) -> CohortReport {
        CohortReport {
            cohort_id: CohortId(7),
            cohort_name: "Autumn".into(),
            course_title: "Community Organisers".into(),
            modules: (0..modules)
                .map(|i| ModuleSummary {
                    id: format!("m{i}"),
                    title: format!("Module {i}: listening, trust, power and action planning"),
                    completed: i % (trainees + 1),
                    average_best_score: Some(75.0),
                })
                .collect(),
            series: (0..series)
                .map(|i| SeriesSummary {
                    id: format!("s{i}"),
                    title: format!("Series {i}"),
                    kind: SeriesKind::Mentoring,
                    planned: 4,
                    attended: i * 3,
                })
                .collect(),
            trainees: (0..trainees)
                .map(|i| TraineeRow {
                    user_id: UserId(100 + i as u64),
                    display_name: None,
                    modules: vec![ModuleResult::default(); modules],
                    reflections_written: 1,
                    reflections_reviewed: 0,
                    meetings_attended: 2,
                    sets_attended: 1,
                    badges: vec!["finisher".into()],
                })
                .collect(),
        }
    }

    fn size_of(png_bytes: &[u8]) -> (u32, u32) {
        let reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
            .read_info()
            .unwrap();
        (reader.info().width, reader.info().height)
    }

    #[test]
    fn charts_keep_their_size_from_an_empty_course_to_a_large_one() {
        for (modules, series, trainees) in [(0, 0, 0), (1, 1, 1), (12, 2, 5)] {
            let chart = report_chart(&report(modules, series, trainees), Lang::En).unwrap();
            assert_eq!(size_of(&chart), REPORT_CHART_SIZE, "{modules} modules");
        }
    }

    #[test]
    fn the_summary_fits_discords_limits_for_a_large_course() {
        for lang in Lang::ALL {
            let embed = serde_json::to_value(super::report(&report(40, 3, 30), lang)).unwrap();
            let fields = embed["fields"].as_array().unwrap();
            assert!(fields.len() > 4, "the module list is split over fields");
            assert!(fields
                .iter()
                .all(|f| f["value"].as_str().unwrap().chars().count() <= FIELD_LIMIT));
            assert_eq!(fields[0]["name"], tr(lang, "report-modules"));
        }
    }

    #[test]
    fn figures_are_written_the_readers_way() {
        let embed = serde_json::to_value(super::report(&report(3, 1, 2), Lang::Fr)).unwrap();
        let modules = embed["fields"][0]["value"].as_str().unwrap();
        assert!(
            modules.contains(" sur 2 l’ont terminé (50\u{202F}%)"),
            "{modules}"
        );
        let english = serde_json::to_value(super::report(&report(3, 1, 2), Lang::En)).unwrap();
        let modules = english["fields"][0]["value"].as_str().unwrap();
        assert!(modules.contains(" of 2 done (50%)"), "{modules}");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(short("Basics"), "Basics");
        let cut = short("Module 1: listening, trust, power and action planning");
        assert_eq!(cut.chars().count(), LABEL_CHARS);
        assert!(cut.ends_with('…'));
    }
}
