//! `course new`: a minimal pack that passes `course check --strict`, with a comment on each
//! key, for an author to start from.

use std::path::{Path, PathBuf};

use super::validate::is_valid_id;

/// The pack's files: path in the pack, and text with `COURSE_ID` for the course's id.
const FILES: [(&str, &str); 4] = [
    ("course.toml", include_str!("scaffold/course.toml")),
    (
        "modules/first-steps.toml",
        include_str!("scaffold/module.toml"),
    ),
    (
        "content/first-steps/welcome.md",
        include_str!("scaffold/welcome.md"),
    ),
    (
        "content/prompts/check-in.md",
        include_str!("scaffold/check-in.md"),
    ),
];

/// Writes a new pack `id` as a folder of `parent`; returns the files written. Refuses an
/// invalid id and a folder that already exists.
pub fn scaffold(parent: &Path, id: &str) -> Result<Vec<PathBuf>, String> {
    if !is_valid_id(id) {
        return Err(format!(
            "`{id}` is not a valid course id: use lowercase letters, digits and `-`, at most 40 characters"
        ));
    }
    let dir = parent.join(id);
    if dir.exists() {
        return Err(format!("{} already exists", dir.display()));
    }
    FILES
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            let folder = path.parent().unwrap_or(&dir);
            std::fs::create_dir_all(folder)
                .and_then(|()| std::fs::write(&path, text.replace("COURSE_ID", id)))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(path)
        })
        .collect()
}
