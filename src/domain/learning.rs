//! The learning path: which modules are open, and reading a module screen by screen.
//! A module opens only when every module before it on the path is complete; a pathway
//! module opens once its option is chosen.

use crate::course::{AwardMode, Course, Module, PageKind, Screen};
use crate::i18n::Message;
use crate::store::Store;

use super::badges::{self, Lack};
use super::member_facts;
use super::questions::{question_view, QuestionView};
use super::{refuse, DomainResult};
use crate::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleState {
    Locked,
    Open,
    InProgress,
    Done,
}

#[derive(Debug, Clone)]
pub struct ModuleStatus {
    pub id: String,
    pub title: String,
    pub state: ModuleState,
    pub best_score: Option<u8>,
    /// The pathway option that opened it, for modules off the main path.
    pub pathway_option: Option<String>,
}

/// Every module the member can see, in order, with its state.
pub async fn module_statuses(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
) -> DomainResult<Vec<ModuleStatus>> {
    let facts = member_facts::read(store, course, cohort, user).await?;
    Ok(statuses_of(course, &facts.progress, &facts.choices))
}

/// As [`module_statuses`], from the member's progress and pathway choices.
pub fn statuses_of(
    course: &Course,
    progress: &[ModuleProgress],
    choices: &[PathwayChoice],
) -> Vec<ModuleStatus> {
    let find = |id: &str| progress.iter().find(|p| p.module_id == id);
    let mut statuses = Vec::new();
    let mut path_open = true;
    for id in &course.path {
        let Some(module) = course.module(id) else {
            continue;
        };
        let status = status_of(module, find(id), path_open, None);
        path_open = status.state == ModuleState::Done;
        statuses.push(status);
    }
    for pathway in &course.pathways {
        let Some(choice) = choices.iter().find(|c| c.pathway_id == pathway.id) else {
            continue;
        };
        let Some(option) = pathway.options.iter().find(|o| o.id == choice.option_id) else {
            continue;
        };
        for module in option.modules.iter().filter_map(|id| course.module(id)) {
            statuses.push(status_of(
                module,
                find(&module.id),
                true,
                Some(option.label.clone()),
            ));
        }
    }
    statuses
}

fn status_of(
    module: &Module,
    progress: Option<&ModuleProgress>,
    open: bool,
    pathway_option: Option<String>,
) -> ModuleStatus {
    let state = match progress.map(|p| p.state) {
        Some(ProgressState::Done) => ModuleState::Done,
        _ if !open => ModuleState::Locked,
        Some(ProgressState::InProgress) => ModuleState::InProgress,
        None => ModuleState::Open,
    };
    ModuleStatus {
        id: module.id.clone(),
        title: module.title.clone(),
        state,
        best_score: progress.and_then(|p| p.best_score),
        pathway_option,
    }
}

/// The module to work on next: the first open or started one, if any.
pub fn next_module(statuses: &[ModuleStatus]) -> Option<&ModuleStatus> {
    statuses
        .iter()
        .find(|s| matches!(s.state, ModuleState::Open | ModuleState::InProgress))
}

/// What a member should do next, whatever stage they are at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// An unfinished attempt: `index` is 0-based.
    Question {
        module: String,
        index: u32,
        total: u32,
    },
    Module {
        module: String,
        started: bool,
    },
    ChooseRoute {
        pathway: String,
    },
    /// Something the member can do towards a badge they do not hold.
    ForBadge {
        badge: String,
        lack: Lack,
    },
    /// Every requirement met: a facilitator gives this badge.
    AwaitAward {
        badge: String,
    },
    Finished,
}

/// The member's next step: the pending question or the module to do next, then a route to
/// choose, then what a badge still needs (sessions, meetings, modules), then a badge a
/// facilitator has still to award.
pub fn next_step(course: &Course, facts: &MemberFacts) -> NextStep {
    let statuses = statuses_of(course, &facts.progress, &facts.choices);
    if let Some(next) = next_module(&statuses) {
        if let Some(attempt) = facts.open_attempt(&next.id) {
            let total = course.module(&next.id).map_or(0, |m| m.exercises.len());
            return NextStep::Question {
                module: next.title.clone(),
                index: attempt.current_index,
                total: u32::try_from(total).unwrap_or(u32::MAX),
            };
        }
        return NextStep::Module {
            module: next.title.clone(),
            started: next.state == ModuleState::InProgress,
        };
    }
    if let Some(pathway) = course
        .pathways
        .iter()
        .find(|p| facts.choice(&p.id).is_none())
    {
        return NextStep::ChooseRoute {
            pathway: pathway.title.clone(),
        };
    }
    let mut awaiting = None;
    for badge in course.badges.iter().filter(|b| !facts.holds(&b.id)) {
        let lacks = badges::lacking(course, badge, facts);
        if let Some(lack) = lacks.iter().find(|l| !matches!(l, Lack::Badge { .. })) {
            return NextStep::ForBadge {
                badge: badge.name.clone(),
                lack: lack.clone(),
            };
        }
        if lacks.is_empty() && badge.award == AwardMode::Manual && awaiting.is_none() {
            awaiting = Some(NextStep::AwaitAward {
                badge: badge.name.clone(),
            });
        }
    }
    awaiting.unwrap_or(NextStep::Finished)
}

/// Refuses unless `module_id` is open to the member; returns the module.
pub async fn require_open<'c>(
    store: &Store,
    course: &'c Course,
    cohort: CohortId,
    user: UserId,
    module_id: &str,
) -> DomainResult<&'c Module> {
    let facts = member_facts::read(store, course, cohort, user).await?;
    open_to(course, &facts, module_id)
}

/// As [`require_open`], from what was read of the member.
pub fn open_to<'c>(
    course: &'c Course,
    facts: &MemberFacts,
    module_id: &str,
) -> DomainResult<&'c Module> {
    open_in(
        course,
        &statuses_of(course, &facts.progress, &facts.choices),
        module_id,
    )
}

/// One screen of a module's pages: long pages take several screens.
#[derive(Debug, Clone)]
pub struct ScreenView {
    pub cohort: CohortId,
    pub module_id: String,
    pub module_title: String,
    pub page_title: String,
    pub page_kind: PageKind,
    pub url: Option<String>,
    pub text: String,
    /// 0-based.
    pub screen: u32,
    pub screens: u32,
    pub exercises: usize,
    /// The question an unfinished attempt stopped at (0-based), if one is under way.
    pub pending_question: Option<u32>,
    pub module_done: bool,
}

/// Where `/module` takes the member: a screen of pages, or the question they stopped at.
#[derive(Debug, Clone)]
pub enum ModuleStep {
    Screen(ScreenView),
    Question(QuestionView),
}

/// Opens a module where the member left off: the question an unfinished attempt stopped at,
/// or else the screen they last read. With no module named, the one to work on next.
/// `facts` is what was read of the member.
pub async fn open_module(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    facts: &MemberFacts,
    module_id: Option<&str>,
    now: UnixMillis,
) -> DomainResult<ModuleStep> {
    let statuses = statuses_of(course, &facts.progress, &facts.choices);
    let module_id = match module_id {
        Some(id) => id,
        None => match next_module(&statuses) {
            Some(next) => next.id.as_str(),
            None => return refuse(Message::new("module-all-done")),
        },
    };
    let module = open_in(course, &statuses, module_id)?;
    if let Some(attempt) = facts.open_attempt(module_id) {
        return Ok(ModuleStep::Question(question_view(module, attempt)?));
    }
    // Opened before: where they are was read with the rest, and nothing is written.
    let progress = match facts.progress_in(module_id) {
        Some(opened) => opened.clone(),
        None => store.start_module(cohort, user, module_id, now).await?,
    };
    let mut view = screen_of(cohort, module, progress.page_index)?;
    view.module_done = progress.state == ProgressState::Done;
    Ok(ModuleStep::Screen(view))
}

/// A given screen of an open module, as the member whose work is `facts` sees it, and the
/// bookmark that remembers it as where they are. Nothing shown depends on the bookmark, so
/// it may be written while the screen is on its way ([`remember_page`]).
pub fn screen_at(
    course: &Course,
    cohort: CohortId,
    user: UserId,
    facts: &MemberFacts,
    module_id: &str,
    screen: u32,
) -> DomainResult<(ScreenView, Bookmark)> {
    let module = open_to(course, facts, module_id)?;
    let Some(progress) = facts.progress_in(module_id) else {
        return refuse(Message::new("module-not-opened").arg("module", &module.title));
    };
    let mut view = screen_of(cohort, module, screen)?;
    view.module_done = progress.state == ProgressState::Done;
    view.pending_question = facts.open_attempt(module_id).map(|a| a.current_index);
    let bookmark = Bookmark {
        cohort,
        user,
        module_id: module_id.to_owned(),
        page: view.screen,
    };
    Ok((view, bookmark))
}

/// Where a member is in a module, to be remembered: see [`screen_at`].
#[derive(Debug)]
pub struct Bookmark {
    cohort: CohortId,
    user: UserId,
    module_id: String,
    page: u32,
}

/// Remembers `bookmark` as where its member is, for `/module` to open there.
pub async fn remember_page(store: &Store, bookmark: Bookmark) -> DomainResult<()> {
    store
        .set_module_page(
            bookmark.cohort,
            bookmark.user,
            &bookmark.module_id,
            bookmark.page,
        )
        .await?;
    Ok(())
}

/// Module `module_id` of `course`, refused unless `statuses` show it open to the member.
fn open_in<'c>(
    course: &'c Course,
    statuses: &[ModuleStatus],
    module_id: &str,
) -> DomainResult<&'c Module> {
    let Some(status) = statuses.iter().find(|s| s.id == module_id) else {
        return refuse(Message::new("module-not-in-course"));
    };
    if status.state == ModuleState::Locked {
        let before = statuses
            .iter()
            .take_while(|s| s.id != module_id)
            .filter(|s| s.state != ModuleState::Done)
            .map(|s| format!("“{}”", s.title))
            .collect::<Vec<_>>();
        let locked = Message::new("module-still-locked")
            .arg("module", &status.title)
            .arg("before", before);
        return refuse(locked);
    }
    course
        .module(module_id)
        .map_or_else(|| refuse(Message::new("module-not-in-course")), Ok)
}

/// Screen `screen` of `module` (the last one when there are fewer), as a member who has not
/// started the exercises sees it.
fn screen_of(cohort: CohortId, module: &Module, screen: u32) -> DomainResult<ScreenView> {
    let screens = module.screens();
    let total = u32::try_from(screens.len()).unwrap_or(u32::MAX);
    let index = screen.min(total.saturating_sub(1));
    match screens.get(index as usize) {
        Some(shown) => Ok(screen_view(cohort, module, shown, index, total)),
        None => refuse(Message::new("module-no-pages")),
    }
}

/// Screen `index` of `total`, `shown`, as a member who has not started the exercises sees it.
pub(super) fn screen_view(
    cohort: CohortId,
    module: &Module,
    shown: &Screen,
    index: u32,
    total: u32,
) -> ScreenView {
    let page = &module.pages[shown.page];
    ScreenView {
        cohort,
        module_id: module.id.clone(),
        module_title: module.title.clone(),
        page_title: page.title.clone(),
        page_kind: page.kind,
        url: page.url.clone(),
        text: shown.text.clone(),
        screen: index,
        screens: total,
        exercises: module.exercises.len(),
        pending_question: None,
        module_done: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{LaidOut, Page, PageKind};

    fn page(title: &str, body: &str) -> Page {
        Page {
            title: title.into(),
            kind: PageKind::Reading,
            url: None,
            body: body.into(),
        }
    }

    #[test]
    fn each_screen_is_the_one_cutting_every_page_gives() {
        let long = "Listening comes before action. ".repeat(400);
        let module = Module {
            id: "listening".into(),
            title: "Listening".into(),
            summary: String::new(),
            estimated_minutes: None,
            pass_mark: 0,
            max_attempts: None,
            pages: vec![
                page("First", "Short."),
                page("Second", &long),
                page("Third", "# Then\nAct."),
                page("Fourth", &long),
            ],
            exercises: Vec::new(),
            laid_out: LaidOut::default(),
        };
        let all = module.screens();
        assert!(all.len() > 6, "{}", all.len());
        let total = u32::try_from(all.len()).unwrap();
        for screen in 0..=total {
            let shown = screen_of(CohortId(1), &module, screen).unwrap();
            let expected = &all[(screen.min(total - 1)) as usize];
            assert_eq!(shown.text, expected.text, "screen {screen}");
            assert_eq!(shown.page_title, module.pages[expected.page].title);
            assert_eq!(
                (shown.screen, shown.screens),
                (screen.min(total - 1), total)
            );
        }
    }
}
