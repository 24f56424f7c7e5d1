//! The layout as a test: reads `src/` and fails when a module imports against the layers
//! (see ARCHITECTURE.md), when two modules of one layer import each other, or when a file
//! grows past 600 lines. Each failure says what to do instead.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

/// The layers, top first; a module may import only from layers below its own. `app` is
/// the composition root: `src/app.rs`, `src/cli.rs` and `src/main.rs`.
const LAYERS: [(&str, usize); 10] = [
    ("app", 6),
    ("discord", 5),
    ("scheduler", 4),
    ("domain", 3),
    ("store", 2),
    ("model", 1),
    ("course", 0),
    ("config", 0),
    ("i18n", 0),
    ("telemetry", 0),
];
const ORDER: &str =
    "app → discord → scheduler → domain → store → model → course, config, i18n, telemetry";

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let crate_ = Crate::read();
    let mut failures = Vec::new();
    for file in &crate_.files {
        let from = file.layer();
        for import in &file.imports {
            let Some(to) = crate_.resolve(file, import).map(File::layer) else {
                continue;
            };
            if from != to && rank(to) >= rank(from) {
                failures.push(format!(
                    "{}:{}: `{}` — {from} must not use {to} (layers run {ORDER}). {}",
                    file.rel,
                    import.line,
                    import.path.join("::"),
                    advice(from, to)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn no_two_modules_of_a_layer_import_each_other() {
    let crate_ = Crate::read();
    let mut failures = Vec::new();
    let files = crate_.graph(|file| file.rel.clone());
    for cycle in cycles(&files) {
        failures.push(format!(
            "files import each other: {cycle}. Move what they share into a file both import, \
             or let one take it as an argument."
        ));
    }
    let units = crate_.graph(File::unit);
    for cycle in cycles(&units) {
        failures.push(format!(
            "modules import each other: {cycle}. Move what they share into a module of its \
             own that both import (as domain::access holds who may do what for every service)."
        ));
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn no_source_file_passes_600_lines() {
    let crate_ = Crate::read();
    let failures: Vec<String> = crate_
        .files
        .iter()
        .filter(|f| f.lines > MAX_LINES)
        .map(|f| {
            format!(
                "{} has {} lines (at most {MAX_LINES}): split it by job into a folder \
                 (`{}/mod.rs` and one file a job, as domain/prompts/ and course/validate/ are).",
                f.rel,
                f.lines,
                f.rel.trim_end_matches(".rs").trim_end_matches("/mod")
            )
        })
        .collect();
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn time_is_read_only_through_the_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    let mut failures = Vec::new();
    for path in paths {
        let rel = path.strip_prefix(&root).unwrap().display().to_string();
        if rel == "domain/clock.rs" {
            continue;
        }
        let code = strip_comments_and_strings(&fs::read_to_string(&path).unwrap());
        for (n, line) in code.lines().enumerate() {
            if ["Utc::now(", "Local::now(", "SystemTime::now("]
                .iter()
                .any(|call| line.contains(call))
            {
                failures.push(format!(
                    "src/{rel}:{}: reads the time itself: take `now` as an argument or a \
                     `Clock` (src/domain/clock.rs), so tests can move time",
                    n + 1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn the_guard_sees_imports_in_every_form() {
    let text = "use crate::a::{b::{C, D}, e};\npub(crate) use super::f as g;\nfn h() {\n    \
                crate::i::j(\"crate::not::this\"); // crate::nor::this\n}\nmod tests {\n    \
                use super::*;\n}\n";
    let paths: Vec<(String, usize, usize)> = imports(text)
        .into_iter()
        .map(|i| (i.path.join("::"), i.line, i.inline_depth))
        .collect();
    let expected = [
        ("crate::a::b::C", 1, 0),
        ("crate::a::b::D", 1, 0),
        ("crate::a::e", 1, 0),
        ("super::f", 2, 0),
        ("crate::i::j", 4, 0),
        ("super", 7, 1),
    ];
    let expected: Vec<(String, usize, usize)> = expected
        .iter()
        .map(|(p, l, d)| (p.to_string(), *l, *d))
        .collect();
    assert_eq!(paths, expected);
}

fn rank(layer: &str) -> usize {
    LAYERS.iter().find(|(name, _)| *name == layer).map_or_else(
        || panic!("src/{layer} is in no layer: add it to LAYERS"),
        |(_, r)| *r,
    )
}

fn advice(from: &str, to: &str) -> &'static str {
    match (from, to) {
        ("store", "domain") | ("store", "scheduler") => {
            "Move the plain type into src/model/ and import it from crate::model on both sides."
        }
        ("model", _) => {
            "model holds plain types and pure rules: move the logic up into domain, or the type \
             down into model."
        }
        ("domain", "scheduler") | ("domain", "discord") => {
            "The domain says what to send as data (domain::outbox); the scheduler reads it. Take \
             what you need as an argument, or move it down into domain or model."
        }
        ("course", _) | ("config", _) | ("i18n", _) => {
            "course, config and i18n are the bottom: move what they need down into them, or let the \
             caller pass it in."
        }
        _ => "Move the shared piece down into the lower layer, or pass it in as an argument.",
    }
}

/// Every `.rs` file under `src/`, with the crate paths it uses.
struct Crate {
    files: Vec<File>,
    modules: BTreeMap<Vec<String>, usize>,
}

struct File {
    rel: String,
    module: Vec<String>,
    lines: usize,
    imports: Vec<Import>,
}

#[derive(Debug)]
struct Import {
    path: Vec<String>,
    line: usize,
    /// How many inline `mod x { … }` blocks of the file the path sits in.
    inline_depth: usize,
    /// A `pub use` in a `mod.rs` of its own children: the folder's front, not a dependency.
    reexport: bool,
}

impl Crate {
    fn read() -> Crate {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut paths = Vec::new();
        collect(&root, &mut paths);
        let mut files = Vec::new();
        for path in paths {
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "lib.rs" {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let module = module_of(&rel);
            let is_folder_front = rel.ends_with("/mod.rs");
            let imports = imports(&text)
                .into_iter()
                .map(|mut i| {
                    let relative = !matches!(i.path[0].as_str(), "crate" | "super" | "cohortbot");
                    i.reexport = i.reexport && is_folder_front && relative;
                    i
                })
                .collect();
            files.push(File {
                rel: format!("src/{rel}"),
                module,
                lines: text.lines().count(),
                imports,
            });
        }
        let modules = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.module.clone(), i))
            .collect();
        Crate { files, modules }
    }

    /// The file a path points into: the longest prefix of it that is a file of the crate.
    fn resolve(&self, file: &File, import: &Import) -> Option<&File> {
        self.resolve_path(file, import.inline_depth, &import.path)
    }

    fn resolve_path(&self, file: &File, inline_depth: usize, path: &[String]) -> Option<&File> {
        let mut absolute: Vec<String> = match path[0].as_str() {
            "crate" | "cohortbot" => Vec::new(),
            "self" | "super" => {
                let mut here = file.module.clone();
                let mut depth = inline_depth;
                for _ in path.iter().take_while(|s| *s == "super") {
                    if depth > 0 {
                        depth -= 1;
                    } else {
                        here.pop();
                    }
                }
                if depth > 0 {
                    return None;
                }
                here
            }
            first => {
                let mut child = file.module.clone();
                child.push(first.to_string());
                if !self.modules.contains_key(&child) {
                    return None;
                }
                file.module.clone()
            }
        };
        let rest = path
            .iter()
            .skip_while(|s| matches!(s.as_str(), "crate" | "cohortbot" | "self" | "super"));
        absolute.extend(rest.cloned());
        self.find(&absolute, 0)
            .filter(|target| target.module != file.module)
    }

    /// The file that defines `absolute`, through the `pub use` of folders' fronts.
    fn find(&self, absolute: &[String], hops: usize) -> Option<&File> {
        let n = (1..=absolute.len())
            .rev()
            .find(|&n| self.modules.contains_key(&absolute[..n]))?;
        let file = &self.files[self.modules[&absolute[..n]]];
        let Some(name) = absolute.get(n).filter(|_| hops < 8) else {
            return Some(file);
        };
        let through = file
            .imports
            .iter()
            .find(|i| i.reexport && i.path.last() == Some(name));
        match through {
            Some(import) => {
                let mut next = file.module.clone();
                next.extend(import.path.iter().cloned());
                next.extend(absolute[n + 1..].iter().cloned());
                self.find(&next, hops + 1)
            }
            None => Some(file),
        }
    }

    /// Edges between files (or between what `node` maps them to) of one layer. A folder's
    /// `pub use` of its own children is its front door, not an edge: the path through it
    /// is followed to the child instead.
    fn graph(&self, node: impl Fn(&File) -> String) -> Graph {
        let mut graph = Graph::new();
        for file in &self.files {
            for import in &file.imports {
                if import.reexport {
                    continue;
                }
                let Some(target) = self.resolve(file, import) else {
                    continue;
                };
                let (from, to) = (node(file), node(target));
                if target.layer() == file.layer() && from != to {
                    graph.entry(from).or_default().insert(to);
                }
            }
        }
        graph
    }
}

impl File {
    fn layer(&self) -> &str {
        match self.module[0].as_str() {
            "cli" | "main" | "http" => "app",
            first => first,
        }
    }

    /// The layer's child this file belongs to, e.g. `domain::prompts` for every file of
    /// `src/domain/prompts/`.
    fn unit(&self) -> String {
        self.module
            .iter()
            .take(2)
            .cloned()
            .collect::<Vec<_>>()
            .join("::")
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(rel: &str) -> Vec<String> {
    let rel = rel.trim_end_matches(".rs");
    let rel = rel.strip_suffix("/mod").unwrap_or(rel);
    rel.split('/').map(str::to_string).collect()
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Each group of nodes that reach one another, as the shortest path round it from its first
/// node and then the whole group when there are more.
fn cycles(graph: &Graph) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for start in graph.keys() {
        if seen.contains(start) {
            continue;
        }
        let group: Vec<&String> = graph
            .keys()
            .filter(|n| reaches(graph, start, n) && reaches(graph, n, start))
            .collect();
        seen.extend(group.iter().map(|n| (*n).clone()));
        if group.len() > 1 {
            let mut cycle = round_trip(graph, start, &group).join(" → ");
            if group.len() > cycle.matches(" → ").count() {
                let all: Vec<&str> = group.iter().map(|n| n.as_str()).collect();
                cycle = format!("{cycle} (and round through all of {})", all.join(", "));
            }
            found.push(cycle);
        }
    }
    found
}

fn reaches(graph: &Graph, from: &str, to: &str) -> bool {
    let mut stack = vec![from.to_string()];
    let mut visited = BTreeSet::new();
    while let Some(node) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == to {
                return true;
            }
            if visited.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    false
}

/// A shortest path from `start` back to itself within `group`.
fn round_trip(graph: &Graph, start: &str, group: &[&String]) -> Vec<String> {
    let mut previous: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.to_string()]);
    while let Some(node) = queue.pop_front() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut path = vec![start.to_string(), node.clone()];
                let mut at = node.clone();
                while let Some(p) = previous.get(&at) {
                    path.push(p.clone());
                    at = p.clone();
                }
                path.reverse();
                return path;
            }
            if group.contains(&next) && !previous.contains_key(next) {
                previous.insert(next.clone(), node.clone());
                queue.push_back(next.clone());
            }
        }
    }
    vec![start.to_string()]
}

/// The crate paths a file uses: every leaf of its `use` trees, and every `crate::`,
/// `super::` or `self::` path in its code. Comments and string literals are skipped.
fn imports(text: &str) -> Vec<Import> {
    let code = strip_comments_and_strings(text);
    let inline_mods = inline_modules(&code);
    let depth_at = |at: usize| {
        inline_mods
            .iter()
            .filter(|(s, e)| *s <= at && at < *e)
            .count()
    };
    let line_at = |at: usize| code[..at].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut covered = vec![false; code.len()];
    for (start, end, reexport) in use_declarations(&code) {
        let tree = code[start..end].trim();
        for path in expand(tree) {
            found.push(Import {
                path,
                line: line_at(start),
                inline_depth: depth_at(start),
                reexport,
            });
        }
        covered[start..end].iter_mut().for_each(|c| *c = true);
    }
    let bytes = code.as_bytes();
    for root in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(root) {
            let boundary = at == 0 || !is_ident(bytes[at - 1] as char) && bytes[at - 1] != b':';
            if !boundary || covered[at] {
                continue;
            }
            let path: Vec<String> = code[at..]
                .split(|c: char| !is_ident(c) && c != ':')
                .next()
                .unwrap()
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            found.push(Import {
                path,
                line: line_at(at),
                inline_depth: depth_at(at),
                reexport: false,
            });
        }
    }
    found.sort_by_key(|i| i.line);
    found
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The spans of the trees of `use …;` declarations, and whether each is a `pub use`.
fn use_declarations(code: &str) -> Vec<(usize, usize, bool)> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("use ") {
        if at > 0 && is_ident(code.as_bytes()[at - 1] as char) {
            continue;
        }
        let mut before = code[..at].trim_end();
        let mut public = false;
        if let Some(open) = before.rfind("pub(").filter(|_| before.ends_with(')')) {
            if !before[open + 4..before.len() - 1].contains(['(', ')']) {
                before = before[..open].trim_end();
                public = true;
            }
        } else if let Some(rest) = before.strip_suffix("pub") {
            before = rest.trim_end();
            public = true;
        }
        if !(before.is_empty() || before.ends_with([';', '{', '}', ']'])) {
            continue;
        }
        let start = at + "use ".len();
        let end = start + code[start..].find(';').unwrap();
        found.push((start, end, public));
    }
    found
}

/// `a::{b, c::{d}}` as `a::b`, `a::c::d`; `self` in a group names the group's path; a
/// rename (`as x`) and a glob (`*`) keep the path they apply to.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    expand_into(&tree, &mut Vec::new(), &mut out);
    out
}

fn expand_into(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if tree.is_empty() {
        return;
    }
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim_end_matches("::").trim();
        let pushed = push_segments(prefix, head);
        let inner = &tree[open + 1..tree.rfind('}').unwrap()];
        for part in split_top_level(inner) {
            expand_into(part, prefix, out);
        }
        prefix.truncate(prefix.len() - pushed);
        return;
    }
    let path = tree.split(" as ").next().unwrap().trim();
    let mut full = prefix.clone();
    push_segments(&mut full, path);
    if full.last().is_some_and(|s| s == "*" || s == "self") {
        full.pop();
    }
    let full: Vec<String> = full.into_iter().filter(|s| !s.is_empty()).collect();
    if !full.is_empty() {
        out.push(full);
    }
}

fn push_segments(prefix: &mut Vec<String>, path: &str) -> usize {
    let segments: Vec<String> = path
        .split("::")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let n = segments.len();
    prefix.extend(segments);
    n
}

fn split_top_level(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// The spans of `mod name { … }` blocks.
fn inline_modules(code: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (at, _) in code.match_indices("mod ") {
        if at > 0 && is_ident(code.as_bytes()[at - 1] as char) {
            continue;
        }
        let rest = &code[at + 4..];
        let name_len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        let after = rest[name_len..].trim_start();
        if name_len == 0 || !after.starts_with('{') {
            continue;
        }
        let open = at + 4 + name_len + (rest[name_len..].len() - after.len());
        let mut depth = 0;
        for (i, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        spans.push((open, open + i));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    spans
}

/// The text with comments and the insides of string and char literals blanked out (newlines
/// kept, so line numbers hold).
fn strip_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('#') | Some('"'))
            && (i == 0 || !is_ident(chars[i - 1]))
        {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let body_start = i + 2 + hashes;
            let rest: String = chars[body_start..].iter().collect();
            let len = rest
                .find(&close)
                .map_or(rest.chars().count(), |b| rest[..b].chars().count());
            let end = body_start + len + close.chars().count();
            for &ch in &chars[i..end.min(chars.len())] {
                out.push(blank(ch));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            let end = if next == Some('\\') {
                i + 2 + chars[i + 2..].iter().position(|&q| q == '\'').unwrap_or(0) + 1
            } else {
                i + 3
            };
            for &ch in &chars[i..end.min(chars.len())] {
                out.push(blank(ch));
            }
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}
