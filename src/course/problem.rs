use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with a course pack, located in the file an author has to edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line and column.
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// Legal but likely a mistake: `course check` fails on it only with `--strict`.
    pub warning: bool,
}

impl Problem {
    /// A problem at byte offset `offset` of `source`, the text of `path`. The message is
    /// put on one line, so that each problem is one line of `course check`.
    pub fn at(path: &Path, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(source, offset);
        Problem {
            path: path.to_path_buf(),
            line,
            col,
            message: one_line(&message.into()),
            hint: None,
            warning: false,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn as_warning(mut self) -> Self {
        self.warning = true;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warning = if self.warning { "warning: " } else { "" };
        write!(
            f,
            "{}:{}:{}: {warning}{}",
            self.path.display(),
            self.line,
            self.col,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Lines joined with ": " (the TOML parser's messages run over several).
fn one_line(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(": ")
}

fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_lines_and_columns() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        assert_eq!(line_col(src, 9), (2, 3));
        assert_eq!(line_col(src, 999), (3, 1));
    }

    #[test]
    fn a_message_over_several_lines_becomes_one() {
        let p = Problem::at(
            Path::new("c.toml"),
            "",
            0,
            "invalid table header\nexpected `.`, `]`\n",
        );
        assert_eq!(p.message, "invalid table header: expected `.`, `]`");
    }

    #[test]
    fn display_is_path_line_col_message_hint() {
        let p = Problem::at(Path::new("x/course.toml"), "a\nbc", 3, "bad").with_hint("fix it");
        assert_eq!(p.to_string(), "x/course.toml:2:2: bad (fix it)");
        let w = Problem::at(Path::new("m.toml"), "", 0, "no exercise").as_warning();
        assert_eq!(w.to_string(), "m.toml:1:1: warning: no exercise");
    }
}
