//! Command-line interface: what each subcommand does, and how failures become exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::config::{Config, ConfigError};
use crate::course::words::count;
use crate::course::{self, check_pack, load_pack, pack_dirs, Problem};
use crate::domain::{listening, member_data, reports};
use crate::domain::{Clock, SystemClock};
use crate::model::{CohortId, UserId};
use crate::store::Store;

mod backup;
mod badges;
mod preview;

#[derive(Debug, Parser)]
#[command(
    name = "cohortbot",
    version,
    about = "A Discord bot that runs cohort-based training"
)]
pub struct Cli {
    /// A TOML config file (default: cohortbot.toml in the working directory, if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the bot.
    Run,
    /// Apply pending database migrations.
    Migrate,
    /// Check or inspect course packs.
    #[command(subcommand)]
    Course(CourseCommand),
    /// Print a cohort's progress as CSV, one row per trainee (the file `/cohort report` attaches).
    Export {
        /// The cohort's number, shown at the foot of `/cohort report`.
        cohort: i64,
        /// Write the CSV to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Print the listening campaign's themes instead (the `listening.csv` of `/cohort
        /// report`): counts by stage, group and week, never who was listened to.
        #[arg(long)]
        listening: bool,
    },
    /// Erase a member's data in every server, keeping only anonymous counts (what
    /// `/cohort forget` does, for whoever runs the bot).
    Forget {
        /// The member's Discord user id.
        user_id: u64,
    },
    /// Copy the SQLite database into a new FILE, while the bot runs (PostgreSQL: pg_dump).
    Backup { file: PathBuf },
    /// Restore a backup FILE onto a new, empty SQLite database (PostgreSQL: pg_restore).
    Restore { file: PathBuf },
    /// The badges' Open Badges 3.0 credentials: export a cohort's, or check one.
    #[command(subcommand)]
    Badges(BadgesCommand),
}

#[derive(Debug, Subcommand)]
pub enum BadgesCommand {
    /// Write a credential file for every badge a cohort's members hold (revoked ones left out).
    Export {
        /// The cohort's number, shown at the foot of `/cohort report`.
        cohort: i64,
        /// The folder to write the files into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Check a credential file: its signature, that this bot issued it, its dates, and that
    /// the badge was not revoked. Exit code 0 when valid, 1 otherwise, with the reason.
    Verify { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum CourseCommand {
    /// Validate course packs (default: every pack under the prompts folder).
    Check {
        /// Course ids (folders under the prompts folder), pack folders, or folders of packs.
        dirs: Vec<PathBuf>,
        /// Fail on warnings too: things that are legal but likely mistakes.
        #[arg(long)]
        strict: bool,
    },
    /// Print the outline of a pack: what trainees will get.
    Show {
        /// A course id (its folder under the prompts folder) or a pack's folder.
        pack: PathBuf,
        /// Show the pack's translation for this locale (`fr`), its own text where that lacks.
        #[arg(long)]
        locale: Option<String>,
    },
    /// Write one HTML page showing every screen of a pack as the bot sends it, with the
    /// answers, and its scheduled posts on a calendar.
    Preview {
        /// A course id (its folder under the prompts folder) or a pack's folder.
        pack: PathBuf,
        /// Only this module's screens (its id).
        #[arg(long)]
        module: Option<String>,
        /// The locale to show; the page says which one it shows.
        #[arg(long)]
        locale: Option<String>,
        /// The cohort's first day, YYYY-MM-DD, for the calendar (default: next Monday).
        #[arg(long, value_name = "DATE")]
        start: Option<chrono::NaiveDate>,
        /// The cohort's time zone (default: the pack's, or UTC).
        #[arg(long, value_name = "ZONE")]
        time_zone: Option<chrono_tz::Tz>,
        /// How many months the calendar shows.
        #[arg(long, default_value_t = 3)]
        months: u32,
        /// The file to write (default: COURSE-preview.html in the working directory).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Open the page in the browser once written.
        #[arg(long)]
        open: bool,
        /// Keep running, and write the page again whenever a file of the pack changes.
        #[arg(long)]
        watch: bool,
    },
    /// Start a new pack that passes `course check --strict`, each key explained in a comment.
    New {
        /// The course id, which names its folder.
        id: String,
        /// The folder to create it in (default: the prompts folder).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
    },
}

/// Runs a parsed command line. Exit codes: 0 success, 1 failure, 2 bad configuration.
pub async fn execute(cli: Cli) -> ExitCode {
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => return fail_config(&e),
    };
    let result = match cli.command {
        Command::Run => crate::app::run(config).await,
        Command::Migrate => migrate(&config).await,
        Command::Course(CourseCommand::Check { dirs, strict }) => {
            return check(&config, &dirs, strict)
        }
        Command::Course(CourseCommand::Show { pack, locale }) => {
            show(&config, &pack, locale.as_deref())
        }
        Command::Course(CourseCommand::Preview {
            pack,
            module,
            locale,
            start,
            time_zone,
            months,
            out,
            open,
            watch,
        }) => {
            let options = preview::Options {
                module,
                locale,
                start: start
                    .unwrap_or_else(|| preview::next_monday(SystemClock.now().date_naive())),
                time_zone,
                months,
                out,
            };
            course_preview(&config, &pack, &options, open, watch)
        }
        Command::Course(CourseCommand::New { id, into }) => {
            new_pack(into.as_deref().unwrap_or(&config.prompts_dir), &id)
        }
        Command::Export {
            cohort,
            out,
            listening,
        } => export(&config, CohortId(cohort), out.as_deref(), listening).await,
        Command::Forget { user_id } => forget(&config, UserId(user_id)).await,
        Command::Backup { file } => backup::backup(&config, &file).await,
        Command::Restore { file } => backup::restore(&config, &file).await,
        Command::Badges(BadgesCommand::Export { cohort, out }) => {
            badges::export(&config, CohortId(cohort), &out).await
        }
        Command::Badges(BadgesCommand::Verify { file }) => {
            match badges::verify(&config, &file).await {
                Ok(code) => return code,
                Err(e) => Err(e),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => match e.downcast_ref::<ConfigError>() {
            Some(config_error) => fail_config(config_error),
            None => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

/// The log filter unless `RUST_LOG` says otherwise: the bot's own events at `info`, its
/// dependencies' only from `warn`. serenity's `info` spans format every gateway payload
/// with `Debug`, which costs CPU on every interaction even when nothing is printed.
pub const DEFAULT_LOG_FILTER: &str = "warn,cohortbot=info";

/// Logs go to stderr, filtered by `RUST_LOG` (default [`DEFAULT_LOG_FILTER`]).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_LOG_FILTER));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn fail_config(error: &ConfigError) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(2)
}

async fn migrate(config: &Config) -> anyhow::Result<()> {
    let store = Store::connect(&config.database_url).await?;
    let applied = store.migrate().await?;
    if applied.is_empty() {
        println!("The database is up to date; no migration applied.");
    }
    for migration in &applied {
        println!("applied {} {}", migration.version, migration.description);
    }
    store.close().await;
    Ok(())
}

async fn export(
    config: &Config,
    cohort: CohortId,
    out: Option<&Path>,
    listening: bool,
) -> anyhow::Result<()> {
    let store = Store::connect(&config.database_url).await?;
    let csv = cohort_csv(&store, cohort, listening).await;
    store.close().await;
    let csv = csv?;
    match out {
        Some(path) => std::fs::write(path, csv)
            .with_context(|| format!("could not write {}", path.display()))?,
        None => std::io::stdout().write_all(&csv)?,
    }
    Ok(())
}

async fn forget(config: &Config, member: UserId) -> anyhow::Result<()> {
    let store = Store::connect(&config.database_url).await?;
    let forgotten = member_data::forget_anyone(&store, member, SystemClock.now_ms()).await;
    store.close().await;
    println!(
        "{}",
        member_data::summary(member, &forgotten?).render(crate::i18n::Lang::En)
    );
    Ok(())
}

async fn cohort_csv(store: &Store, id: CohortId, listening: bool) -> anyhow::Result<Vec<u8>> {
    let Some(cohort) = store.cohort(id).await? else {
        anyhow::bail!("there is no cohort {id}; its number is at the foot of `/cohort report`");
    };
    if listening {
        let issues = listening::issues_for_export(store, cohort).await?;
        return Ok(listening::themes_csv(&issues)?);
    }
    let report = reports::report_for_export(store, &cohort).await?;
    Ok(reports::report_csv(&report)?)
}

/// A course id names a folder under the prompts folder; anything else is a path.
fn pack_dir(config: &Config, pack: &Path) -> PathBuf {
    let by_id = config.prompts_dir.join(pack);
    if !pack.join("course.toml").is_file() && by_id.join("course.toml").is_file() {
        by_id
    } else {
        pack.to_path_buf()
    }
}

fn check(config: &Config, dirs: &[PathBuf], strict: bool) -> ExitCode {
    let default = [config.prompts_dir.clone()];
    let dirs = if dirs.is_empty() { &default[..] } else { dirs };
    let mut packs = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut warnings: Vec<Problem> = Vec::new();
    for dir in dirs {
        let dir = pack_dir(config, dir);
        if dir.join("course.toml").is_file() {
            packs.push(dir);
            continue;
        }
        match pack_dirs(&dir) {
            Ok(found) => packs.extend(found),
            Err(e) => problems.push(Problem::at(
                &dir,
                "",
                0,
                format!("cannot read the folder: {e}"),
            )),
        }
    }
    for pack in &packs {
        let checked = check_pack(pack);
        problems.extend(checked.problems);
        warnings.extend(checked.warnings);
    }
    for problem in problems.iter().chain(&warnings) {
        println!("{problem}");
    }
    let checked = count(packs.len(), "pack", "packs");
    eprintln!(
        "{checked} checked: {}.",
        findings(problems.len(), warnings.len())
    );
    if problems.is_empty() && (warnings.is_empty() || !strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// "no problems", "2 problems", "no problems, 1 warning"…
fn findings(problems: usize, warnings: usize) -> String {
    let problems = match problems {
        0 => "no problems".to_string(),
        n => count(n, "problem", "problems"),
    };
    match warnings {
        0 => problems,
        n => format!("{problems}, {}", count(n, "warning", "warnings")),
    }
}

fn show(config: &Config, pack: &Path, locale: Option<&str>) -> anyhow::Result<()> {
    let course = loaded(config, pack)?;
    let Some(locale) = locale else {
        print!("{}", course::outline(&course));
        return Ok(());
    };
    if course.translation(locale).is_none() {
        let declared: Vec<&str> = course.translations.keys().map(String::as_str).collect();
        anyhow::bail!(
            "the pack `{}` has no `{locale}` translation (it is written in `{}`; translations: {})",
            course.id,
            course.language,
            if declared.is_empty() {
                "none".to_string()
            } else {
                declared.join(", ")
            }
        );
    }
    println!(
        "In `{locale}`: the pack's translation, its own text (`{}`) where that lacks.\n",
        course.language
    );
    print!("{}", course::outline(&course.localized(locale)));
    Ok(())
}

/// The pack a course id or folder names, its problems printed if it has any.
fn loaded(config: &Config, pack: &Path) -> anyhow::Result<course::Course> {
    let dir = pack_dir(config, pack);
    if !dir.join("course.toml").is_file() {
        anyhow::bail!(
            "no course pack `{}`: neither {} nor {} has a course.toml",
            pack.display(),
            pack.display(),
            config.prompts_dir.join(pack).display()
        );
    }
    load_pack(&dir).map_err(|problems| {
        for problem in &problems {
            eprintln!("{problem}");
        }
        anyhow::anyhow!(
            "course pack `{}` has {}; run `cohortbot course check`",
            pack.display(),
            count(problems.len(), "problem", "problems")
        )
    })
}

fn course_preview(
    config: &Config,
    pack: &Path,
    options: &preview::Options,
    open: bool,
    watch: bool,
) -> anyhow::Result<()> {
    let load = || loaded(config, pack);
    let page = preview::write(&load, options)?;
    println!("wrote {}", page.display());
    if open {
        preview::open(&page)?;
    }
    if watch {
        preview::watch(&pack_dir(config, pack), &page, || {
            match preview::write(&load, options) {
                Ok(page) => println!("wrote {} again", page.display()),
                Err(e) => eprintln!("error: {e:#}"),
            }
        })?;
    }
    Ok(())
}

fn new_pack(parent: &Path, id: &str) -> anyhow::Result<()> {
    let written = course::scaffold(parent, id).map_err(anyhow::Error::msg)?;
    for path in &written {
        println!("created {}", path.display());
    }
    println!(
        "Check it with `cohortbot course check {}`.",
        parent.join(id).display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::DEFAULT_LOG_FILTER;

    #[test]
    fn the_default_log_filter_parses_whole() {
        // `EnvFilter::new` drops a directive it cannot parse without a word.
        tracing_subscriber::EnvFilter::try_new(DEFAULT_LOG_FILTER).expect("every directive parses");
    }
}
