//! Reading packs from disk.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::model::Course;
use super::raw::{RawCourse, RawModule};
use super::validate::{self, Check, Doc};
use super::Problem;

/// The valid course packs, by id.
#[derive(Debug, Clone, Default)]
pub struct Library {
    courses: BTreeMap<String, Course>,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&Course> {
        self.courses.get(id)
    }

    /// Courses in id order.
    pub fn courses(&self) -> impl Iterator<Item = &Course> {
        self.courses.values()
    }

    pub fn len(&self) -> usize {
        self.courses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.courses.is_empty()
    }
}

/// Loads every pack under `prompts_dir` (each sub-folder is one pack). Packs with problems
/// are left out of the library and their problems returned, so one broken pack does not
/// stop the others.
pub fn load_library(prompts_dir: &Path) -> (Library, Vec<Problem>) {
    let mut library = Library::default();
    let mut problems = Vec::new();
    let dirs = match pack_dirs(prompts_dir) {
        Ok(dirs) => dirs,
        Err(e) => {
            let message = format!("cannot read the course packs folder: {e}");
            return (library, vec![Problem::at(prompts_dir, "", 0, message)]);
        }
    };
    for dir in dirs {
        match load_pack(&dir) {
            Ok(course) => {
                library.courses.insert(course.id.clone(), course);
            }
            Err(found) => problems.extend(found),
        }
    }
    (library, problems)
}

/// Loads and checks one pack folder; warnings do not stop it loading.
pub fn load_pack(dir: &Path) -> Result<Course, Vec<Problem>> {
    let checked = check_pack(dir);
    checked.course.ok_or(checked.problems)
}

/// What checking a pack found: the course if it has no problems, and the warnings.
pub struct Checked {
    pub course: Option<Course>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Checks one pack folder, keeping its warnings as well as its problems.
pub fn check_pack(dir: &Path) -> Checked {
    let mut check = Check::default();
    let course_path = dir.join("course.toml");
    let course = parse::<RawCourse>(&mut check, &course_path).map(|(doc, raw)| {
        let modules = module_files(&mut check, dir, &doc, &raw);
        let hash = content_hash(dir).unwrap_or_default();
        validate::course(&mut check, dir, &doc, &raw, &modules, hash)
    });
    Checked {
        course: course.filter(|_| check.problems.is_empty()),
        problems: check.problems,
        warnings: check.warnings,
    }
}

/// The pack folders under `prompts_dir`, in name order.
pub fn pack_dirs(prompts_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(prompts_dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            dirs.push(entry.path());
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// Reads and parses a TOML file, reporting a missing file or a syntax error at its place.
fn parse<T: DeserializeOwned>(check: &mut Check, path: &Path) -> Option<(Doc, T)> {
    let source = match std::fs::read_to_string(path) {
        Ok(source) => validate::without_bom(source),
        Err(e) => {
            let doc = Doc {
                path: path.to_path_buf(),
                source: String::new(),
            };
            check.report(&doc, 0..0, format!("cannot read {}: {e}", path.display()));
            return None;
        }
    };
    let doc = Doc {
        path: path.to_path_buf(),
        source,
    };
    match toml::from_str::<T>(&doc.source) {
        Ok(raw) => Some((doc, raw)),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = match e.message().trim() {
                "" => unexplained_syntax_error(&doc.source, span.start),
                message => message.to_string(),
            };
            check.report(&doc, span, message);
            None
        }
    }
}

/// Some TOML syntax errors come without a message; say what the author can check.
fn unexplained_syntax_error(source: &str, offset: usize) -> String {
    let rest = source.get(offset..).unwrap_or_default();
    if rest.starts_with('\r') && !rest.starts_with("\r\n") {
        "a carriage return must be followed by a line feed".into()
    } else if rest.trim().is_empty() {
        "the file ends in the middle of a TOML entry".into()
    } else {
        "this is not valid TOML here".into()
    }
}

/// Parses the file of every module the course names (on its path or in a pathway), and
/// reports module files that nothing names.
fn module_files(
    check: &mut Check,
    dir: &Path,
    doc: &Doc,
    raw: &RawCourse,
) -> HashMap<String, (Doc, RawModule)> {
    let named = raw.modules.get_ref().iter().chain(
        raw.pathways
            .iter()
            .flat_map(|p| p.get_ref().options.get_ref())
            .flat_map(|o| &o.get_ref().modules),
    );
    let mut modules = HashMap::new();
    let mut named_ids = HashSet::new();
    for id in named {
        named_ids.insert(id.get_ref().clone());
        if modules.contains_key(id.get_ref()) {
            continue;
        }
        let path = dir.join("modules").join(format!("{}.toml", id.get_ref()));
        if !path.is_file() {
            check.report(
                doc,
                id.span(),
                format!(
                    "module `{}` has no file modules/{}.toml",
                    id.get_ref(),
                    id.get_ref()
                ),
            );
            continue;
        }
        if let Some((mdoc, module)) = parse::<RawModule>(check, &path) {
            if module.id.get_ref() != id.get_ref() {
                let message = format!(
                    "module id `{}` differs from its file name `{}`",
                    module.id.get_ref(),
                    id.get_ref()
                );
                check.report(&mdoc, module.id.span(), message);
            }
            modules.insert(id.get_ref().clone(), (mdoc, module));
        }
    }
    report_unused_module_files(check, dir, &named_ids);
    modules
}

fn report_unused_module_files(check: &mut Check, dir: &Path, named: &HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir.join("modules")) else {
        return;
    };
    let mut unused: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            // `X.fr.toml` translates `X.toml`: the translations' check reads it.
            !named.contains(stem) && !stem.contains('.')
        })
        .collect();
    unused.sort();
    for path in unused {
        let doc = Doc {
            path,
            source: String::new(),
        };
        check.report(
            &doc,
            0..0,
            "no course module or pathway names this module file",
        );
    }
}

/// SHA-256 over every file of the pack (paths and contents, in path order), as hex.
fn content_hash(dir: &Path) -> std::io::Result<String> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    let mut hasher = Sha256::new();
    for file in files {
        let relative = file.strip_prefix(dir).unwrap_or(&file);
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(std::fs::read(&file)?);
        hasher.update([0]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            collect_files(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    Ok(())
}
