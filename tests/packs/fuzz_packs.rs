//! Fuzzing the course-pack loader: valid packs (the fixture and the shipped ones) are
//! mutated — truncated, bytes flipped, lines removed or doubled, values retyped, huge
//! numbers, a BOM, invalid UTF-8, whole files replaced by arbitrary bytes or removed — and
//! loaded. The loader must never panic: it gives a valid course, or problems that each name
//! a file, a line and a column.
//!
//! The number of cases comes from `PROPTEST_CASES` (64 when unset: a few seconds). A long run:
//! `PROPTEST_CASES=200000 timeout 600 cargo test --release --test packs fuzz_packs::`.

use std::path::{Path, PathBuf};

use cohortbot::course::{load_pack, Course, Problem};
use proptest::prelude::*;
use proptest::sample::Index;

/// The packs mutations start from.
const SEEDS: [&str; 4] = [
    "tests/fixtures/packs/valid/mini-course",
    "prompts/community-organisers",
    "prompts/msf-urban-spaces",
    "prompts/two-day-training",
];

/// Values that replace the right-hand side of a `key = value` line.
const RETYPED: [&str; 14] = [
    "\"text\"",
    "\"\"",
    "0",
    "-1",
    "99999999999999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "4294967296",
    "1.5e308",
    "nan",
    "true",
    "[]",
    "{}",
    "[[1, \"a\"], {x = 1}]",
];

/// Text spliced into a file: TOML and Markdown syntax, huge numbers, odd characters.
const SPLICED: [&str; 16] = [
    "[",
    "]]",
    "[[modules]]\n",
    "= ",
    "\"",
    "'''",
    "\n[course]\n",
    "\nid = \"x\"\n",
    "18446744073709551616",
    "week 4294967295, Monday 18:00",
    "after 1200 months, 23:59",
    "0 0 31 2 *",
    "# heading\n",
    "{{ }}",
    "\u{feff}",
    "é\u{0301}\u{200b}🦀",
];

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    FlipByte(Index, u8),
    RemoveLine(Index),
    DuplicateLine(Index),
    Retype(Index, usize),
    Splice(Index, usize),
    SpliceArbitrary(Index, String),
    HugeNumber(Index),
    Bom,
    InvalidUtf8(Index, Vec<u8>),
    Replace(Vec<u8>),
    Remove,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1..=255u8).prop_map(|(at, mask)| Mutation::FlipByte(at, mask)),
        any::<Index>().prop_map(Mutation::RemoveLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), 0..RETYPED.len()).prop_map(|(at, v)| Mutation::Retype(at, v)),
        (any::<Index>(), 0..SPLICED.len()).prop_map(|(at, s)| Mutation::Splice(at, s)),
        (any::<Index>(), ".{0,40}").prop_map(|(at, s)| Mutation::SpliceArbitrary(at, s)),
        any::<Index>().prop_map(Mutation::HugeNumber),
        Just(Mutation::Bom),
        (
            any::<Index>(),
            prop::collection::vec(
                prop::sample::select(vec![0x80u8, 0xc3, 0xe2, 0xfe, 0xff]),
                1..4
            )
        )
            .prop_map(|(at, bytes)| Mutation::InvalidUtf8(at, bytes)),
        prop::collection::vec(any::<u8>(), 0..300).prop_map(Mutation::Replace),
        Just(Mutation::Remove),
    ]
}

/// A pack: its folder name and each file's path (relative to the pack) and bytes.
#[derive(Debug, Clone)]
struct Pack {
    name: String,
    files: Vec<(PathBuf, Vec<u8>)>,
}

fn read_pack(dir: &Path) -> Pack {
    let mut files = Vec::new();
    read_files(dir, dir, &mut files);
    files.sort();
    Pack {
        name: dir.file_name().unwrap().to_string_lossy().into_owned(),
        files,
    }
}

fn read_files(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_files(root, &path, out);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            out.push((path.strip_prefix(root).unwrap().to_path_buf(), bytes));
        }
    }
}

/// Byte ranges of the lines of `bytes`, newline included.
fn lines(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

fn apply(mutation: &Mutation, bytes: &mut Vec<u8>) -> bool {
    let line = |at: &Index, bytes: &[u8]| {
        let all = lines(bytes);
        (!all.is_empty()).then(|| all[at.index(all.len())].clone())
    };
    let offset = |at: &Index, bytes: &[u8]| at.index(bytes.len() + 1);
    match mutation {
        Mutation::Truncate(at) => bytes.truncate(offset(at, bytes)),
        Mutation::FlipByte(at, mask) => {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] ^= mask;
            }
        }
        Mutation::RemoveLine(at) => {
            if let Some(range) = line(at, bytes) {
                bytes.drain(range);
            }
        }
        Mutation::DuplicateLine(at) => {
            if let Some(range) = line(at, bytes) {
                let copy = bytes[range.clone()].to_vec();
                bytes.splice(range.end..range.end, copy);
            }
        }
        Mutation::Retype(at, value) => {
            if let Some(range) = line(at, bytes) {
                if let Some(eq) = bytes[range.clone()].iter().position(|b| *b == b'=') {
                    let end = if bytes[range.end - 1] == b'\n' {
                        range.end - 1
                    } else {
                        range.end
                    };
                    let value = format!(" {}", RETYPED[*value]);
                    bytes.splice(range.start + eq + 1..end, value.into_bytes());
                }
            }
        }
        Mutation::Splice(at, text) => {
            let i = offset(at, bytes);
            bytes.splice(i..i, SPLICED[*text].bytes());
        }
        Mutation::SpliceArbitrary(at, text) => {
            let i = offset(at, bytes);
            bytes.splice(i..i, text.bytes());
        }
        Mutation::HugeNumber(at) => {
            let digits: Vec<usize> = (0..bytes.len())
                .filter(|&i| bytes[i].is_ascii_digit())
                .collect();
            if !digits.is_empty() {
                let i = digits[at.index(digits.len())];
                bytes.splice(i..i, *b"99999999999999999999");
            }
        }
        Mutation::Bom => {
            bytes.splice(0..0, [0xef, 0xbb, 0xbf]);
        }
        Mutation::InvalidUtf8(at, invalid) => {
            let i = offset(at, bytes);
            bytes.splice(i..i, invalid.iter().copied());
        }
        Mutation::Replace(arbitrary) => *bytes = arbitrary.clone(),
        Mutation::Remove => return false,
    }
    true
}

/// Writes `pack` under `root` with `mutations` applied, each to the file it picked.
fn write_mutated(root: &Path, pack: &Pack, mutations: &[(Index, Mutation)]) -> PathBuf {
    let mut files: Vec<Option<Vec<u8>>> = pack.files.iter().map(|(_, b)| Some(b.clone())).collect();
    for (which, mutation) in mutations {
        let i = which.index(files.len());
        if let Some(bytes) = files[i].as_mut() {
            if !apply(mutation, bytes) {
                files[i] = None;
            }
        }
    }
    let dir = root.join(&pack.name);
    for ((path, _), bytes) in pack.files.iter().zip(files) {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        if let Some(bytes) = bytes {
            std::fs::write(target, bytes).unwrap();
        }
    }
    dir
}

/// What the loader must give: a course that survives the JSON snapshot cohorts keep, or
/// problems that each point into the pack at a real line and column.
fn assert_loaded_or_located(dir: &Path, result: Result<Course, Vec<Problem>>) {
    match result {
        Ok(course) => {
            let json = serde_json::to_string(&course).unwrap();
            let back: Course = serde_json::from_str(&json).unwrap();
            assert_eq!(back, course);
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "rejected without a problem");
            for p in &problems {
                assert!(p.path.starts_with(dir), "{p} is outside the pack");
                assert!(p.line >= 1 && p.col >= 1, "{p} has no line and column");
                assert!(!p.message.trim().is_empty(), "{p} says nothing");
                if let Ok(source) = std::fs::read_to_string(&p.path) {
                    let lines = source.split('\n').count();
                    assert!(p.line <= lines, "{p} is past the end ({lines} lines)");
                }
            }
        }
    }
}

fn seeds() -> Vec<Pack> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    SEEDS.iter().map(|s| read_pack(&root.join(s))).collect()
}

#[test]
fn the_seed_packs_load() {
    let work = tempfile::tempdir().unwrap();
    for pack in seeds() {
        let dir = write_mutated(work.path(), &pack, &[]);
        if let Err(problems) = load_pack(&dir) {
            panic!("{} does not load: {problems:?}", pack.name);
        }
    }
}

/// `PROPTEST_CASES` cases, 64 when it is unset: enough for every test run to try a few of
/// each mutation, few enough to take seconds.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_packs_load_or_say_where_they_are_wrong(
        seed in 0..SEEDS.len(),
        mutations in prop::collection::vec((any::<Index>(), mutation()), 1..5),
    ) {
        let work = tempfile::tempdir().unwrap();
        let dir = SEED_PACKS.with(|packs| write_mutated(work.path(), &packs[seed], &mutations));
        assert_loaded_or_located(&dir, load_pack(&dir));
    }

    #[test]
    fn an_arbitrary_course_file_is_refused_with_a_place(
        course in prop::collection::vec(any::<u8>(), 0..400),
        text in ".{0,200}",
    ) {
        for bytes in [course, text.into_bytes()] {
            let work = tempfile::tempdir().unwrap();
            let dir = work.path().join("arbitrary");
            std::fs::create_dir(&dir).unwrap();
            std::fs::write(dir.join("course.toml"), bytes).unwrap();
            assert_loaded_or_located(&dir, load_pack(&dir));
        }
    }
}

thread_local! {
    static SEED_PACKS: Vec<Pack> = seeds();
}

/// Found by the fuzzer: some TOML syntax errors were reported with an empty message.
#[test]
fn a_syntax_error_without_a_message_from_toml_still_says_what_is_wrong() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("broken");
    std::fs::create_dir(&dir).unwrap();
    for (source, expected) in [
        (
            "\r",
            "course.toml:1:1: a carriage return must be followed by a line feed",
        ),
        (
            "id = \"x\"\nkind =",
            "course.toml:2:7: the file ends in the middle of a TOML entry",
        ),
    ] {
        std::fs::write(dir.join("course.toml"), source).unwrap();
        let problems = load_pack(&dir).unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let expected = format!("{}/{expected}", dir.display());
        assert_eq!(shown, [expected], "{source:?}");
    }
}
