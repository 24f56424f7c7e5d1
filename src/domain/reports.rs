//! A cohort at a glance, for its facilitators: how far each trainee has got, their best
//! scores, reflections, attendance and badges, gathered from the database into a plain view.
//! The CSV form lives here too, so `/cohort report` and `cohortbot export` give the same file.

use crate::course::{Course, SeriesKind};
use crate::store::Store;

use super::access::{require_facilitator, Caller};
use super::snapshots::course_of;
use super::DomainResult;
use crate::model::*;

/// Everything a cohort report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortReport {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub course_title: String,
    /// Every module of the course, in course order.
    pub modules: Vec<ModuleSummary>,
    /// Every session series of the course (mentoring meetings, action learning sets).
    pub series: Vec<SeriesSummary>,
    /// Current trainees, in order of joining.
    pub trainees: Vec<TraineeRow>,
}

/// How the trainees are doing with one module.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleSummary {
    pub id: String,
    pub title: String,
    /// Trainees who completed it.
    pub completed: usize,
    /// Mean of the best scores of the trainees who have one, in percent.
    pub average_best_score: Option<f64>,
}

/// How the trainees attend one series of sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesSummary {
    pub id: String,
    pub title: String,
    pub kind: SeriesKind,
    /// Sessions of the series each trainee is meant to attend.
    pub planned: u32,
    /// Sessions of the series attended, added up over the trainees.
    pub attended: usize,
}

/// One trainee's line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct TraineeRow {
    pub user_id: UserId,
    /// Set by the adapter when it knows the person's name; the database does not.
    pub display_name: Option<String>,
    /// Per module, in the order of [`CohortReport::modules`].
    pub modules: Vec<ModuleResult>,
    pub reflections_written: usize,
    pub reflections_reviewed: usize,
    /// Mentoring meetings attended.
    pub meetings_attended: usize,
    /// Action learning sets attended.
    pub sets_attended: usize,
    /// Badges held now (revoked ones left out), in order of award.
    pub badges: Vec<String>,
}

/// One trainee with one module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModuleResult {
    pub done: bool,
    pub best_score: Option<u8>,
}

impl CohortReport {
    pub fn reflections_written(&self) -> usize {
        self.trainees.iter().map(|t| t.reflections_written).sum()
    }

    pub fn reflections_reviewed(&self) -> usize {
        self.trainees.iter().map(|t| t.reflections_reviewed).sum()
    }

    pub fn meetings_attended(&self) -> usize {
        self.trainees.iter().map(|t| t.meetings_attended).sum()
    }

    pub fn sets_attended(&self) -> usize {
        self.trainees.iter().map(|t| t.sets_attended).sum()
    }

    pub fn badges_awarded(&self) -> usize {
        self.trainees.iter().map(|t| t.badges.len()).sum()
    }

    /// Fills in the trainees' names from `name_of`, where it knows them.
    pub fn name_trainees(&mut self, name_of: impl Fn(UserId) -> Option<String>) {
        for trainee in &mut self.trainees {
            trainee.display_name = name_of(trainee.user_id);
        }
    }
}

impl TraineeRow {
    pub fn modules_complete(&self) -> usize {
        self.modules.iter().filter(|m| m.done).count()
    }
}

/// The report on `cohort`, for one of its facilitators (or a server manager).
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn cohort_report(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<CohortReport> {
    require_facilitator(store, caller, cohort).await?;
    report_for_export(store, cohort).await
}

/// The report on `cohort` without an access check: for the operator's command line, who
/// holds the database anyway.
pub async fn report_for_export(store: &Store, cohort: &Cohort) -> DomainResult<CohortReport> {
    let course = course_of(store, cohort).await?;
    let reflections = store.list_reflections(cohort.id, false).await?;
    let attended = attended_sessions(store, cohort.id).await?;
    let progress = store.progress_of_cohort(cohort.id).await?;
    let awards = store.badge_awards_of_cohort(cohort.id).await?;
    let members = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await?;
    let trainees: Vec<TraineeRow> = members
        .iter()
        .map(|member| TraineeHistory {
            user: member.user_id,
            reflections: &reflections,
            attended: &attended,
            progress: &progress,
            awards: &awards,
        })
        .map(|history| history.row(&course))
        .collect();
    Ok(CohortReport {
        cohort_id: cohort.id,
        cohort_name: cohort.name.clone(),
        course_title: course.title.clone(),
        modules: module_summaries(&course, &trainees),
        series: series_summaries(&course, &trainees, &attended),
        trainees,
    })
}

/// The report as a CSV file, a row per trainee: `user_id`, `display_name`,
/// `modules_complete`, one `best_score_<module>` per module (percent, empty when none yet),
/// `reflections_written`, `meetings_attended`, `sets_attended`, `badges_held` (badge ids
/// joined with `;`).
pub fn report_csv(report: &CohortReport) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(csv_header(report))?;
    for row in &report.trainees {
        writer.write_record(csv_record(row))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// What the cohort-wide reads hold, seen for one trainee.
struct TraineeHistory<'a> {
    user: UserId,
    reflections: &'a [Reflection],
    attended: &'a [(UserId, Session)],
    progress: &'a [ModuleProgress],
    awards: &'a [BadgeAward],
}

impl TraineeHistory<'_> {
    fn row(&self, course: &Course) -> TraineeRow {
        let user = self.user;
        let badges = self
            .awards
            .iter()
            .filter(|a| a.user_id == user && a.revoked_at.is_none())
            .map(|a| a.badge_id.clone())
            .collect();
        let written: Vec<&Reflection> = self
            .reflections
            .iter()
            .filter(|r| r.user_id == user)
            .collect();
        let attended_kind = |kind| {
            self.attended
                .iter()
                .filter(|(who, session)| *who == user && session.kind == kind)
                .count()
        };
        TraineeRow {
            user_id: user,
            display_name: None,
            modules: module_results(course, user, self.progress),
            reflections_written: written.len(),
            reflections_reviewed: written.iter().filter(|r| r.reviewed_at.is_some()).count(),
            meetings_attended: attended_kind(SessionKind::Meeting),
            sets_attended: attended_kind(SessionKind::Set),
            badges,
        }
    }
}

/// The member's progress with each module of the course, in course order, from the
/// progress of the whole cohort.
fn module_results(course: &Course, user: UserId, progress: &[ModuleProgress]) -> Vec<ModuleResult> {
    course
        .modules
        .iter()
        .map(|module| {
            progress
                .iter()
                .find(|p| p.user_id == user && p.module_id == module.id)
                .map_or_else(ModuleResult::default, |p| ModuleResult {
                    done: p.state == ProgressState::Done,
                    best_score: p.best_score,
                })
        })
        .collect()
}

/// Every (person, session) pair where the person was recorded as present.
async fn attended_sessions(
    store: &Store,
    cohort: CohortId,
) -> DomainResult<Vec<(UserId, Session)>> {
    let sessions = store.list_sessions(cohort).await?;
    let attended = store.attendance_of_cohort(cohort).await?;
    Ok(attended
        .into_iter()
        .filter_map(|record| {
            let session = sessions.iter().find(|s| s.id == record.session_id)?;
            Some((record.user_id, session.clone()))
        })
        .collect())
}

fn module_summaries(course: &Course, trainees: &[TraineeRow]) -> Vec<ModuleSummary> {
    course
        .modules
        .iter()
        .enumerate()
        .map(|(i, module)| {
            let results: Vec<ModuleResult> = trainees
                .iter()
                .filter_map(|t| t.modules.get(i).copied())
                .collect();
            let scores: Vec<f64> = results
                .iter()
                .filter_map(|r| r.best_score.map(f64::from))
                .collect();
            ModuleSummary {
                id: module.id.clone(),
                title: module.title.clone(),
                completed: results.iter().filter(|r| r.done).count(),
                average_best_score: (!scores.is_empty())
                    .then(|| scores.iter().sum::<f64>() / scores.len() as f64),
            }
        })
        .collect()
}

fn series_summaries(
    course: &Course,
    trainees: &[TraineeRow],
    attended: &[(UserId, Session)],
) -> Vec<SeriesSummary> {
    course
        .series
        .iter()
        .map(|series| SeriesSummary {
            id: series.id.clone(),
            title: series.title.clone(),
            kind: series.kind,
            planned: series.count,
            attended: attended
                .iter()
                .filter(|(who, session)| {
                    session.series_id.as_deref() == Some(series.id.as_str())
                        && trainees.iter().any(|t| t.user_id == *who)
                })
                .count(),
        })
        .collect()
}

fn csv_header(report: &CohortReport) -> Vec<String> {
    let mut header = vec![
        "user_id".to_string(),
        "display_name".to_string(),
        "modules_complete".to_string(),
    ];
    header.extend(
        report
            .modules
            .iter()
            .map(|m| format!("best_score_{}", m.id)),
    );
    header.extend(
        [
            "reflections_written",
            "meetings_attended",
            "sets_attended",
            "badges_held",
        ]
        .map(String::from),
    );
    header
}

/// One trainee's CSV record; a name that a spreadsheet would run as a formula is prefixed
/// with `'`.
fn csv_record(row: &TraineeRow) -> Vec<String> {
    let mut record = vec![
        row.user_id.to_string(),
        row.display_name
            .as_deref()
            .map(spreadsheet_safe)
            .unwrap_or_default(),
        row.modules_complete().to_string(),
    ];
    record.extend(
        row.modules
            .iter()
            .map(|m| m.best_score.map(|s| s.to_string()).unwrap_or_default()),
    );
    record.extend([
        row.reflections_written.to_string(),
        row.meetings_attended.to_string(),
        row.sets_attended.to_string(),
        row.badges.join(";"),
    ]);
    record
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula.
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
