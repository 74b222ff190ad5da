//! ARCHITECTURE.md's table of rooms is the rule: every `crate::ROOM` a file of `src/` names must
//! be its own room or one its row lists, the rows must not form a circle, and every folder or
//! module of `src/` must have a row.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Map = BTreeMap<String, BTreeSet<String>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `| room | may import | ... |` rows of ARCHITECTURE.md: each backticked word of the
/// first column a room, of the second a room it may import.
fn allowed(markdown: &str) -> Map {
    let ticked = |cell: &str| -> BTreeSet<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(|word| word.trim_end_matches('/').to_string())
            .collect()
    };
    let mut map = Map::new();
    for line in markdown.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].starts_with('`') {
            continue;
        }
        for room in ticked(cells[1]) {
            map.insert(room, ticked(cells[2]));
        }
    }
    map
}

/// The room a file of `src/` belongs to: its top folder, or its stem for a file at the top.
fn room_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let mut parts = relative.components();
    let first = parts.next()?.as_os_str().to_str()?.to_string();
    match parts.next() {
        Some(_) => Some(first),
        None => first.strip_suffix(".rs").map(str::to_string),
    }
}

fn without_comments(code: &str) -> String {
    code.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rooms `code` names through `crate::`: `crate::ledger::query`, `crate::{model, text::x}`.
fn named_rooms(code: &str) -> BTreeSet<String> {
    let mut rooms = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // The first segment of each path at the group's top level.
            let (mut depth, mut start_of_path) = (0, true);
            let mut word = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start_of_path = true,
                    c if start_of_path && (c.is_alphanumeric() || c == '_') => word.push(c),
                    _ if start_of_path && !word.is_empty() => {
                        rooms.insert(std::mem::take(&mut word));
                        start_of_path = false;
                    }
                    _ => {}
                }
            }
            if !word.is_empty() {
                rooms.insert(word);
            }
        } else {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            rooms.insert(word);
        }
    }
    rooms.remove("self");
    rooms
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// What each room of `src/` imports from the others, and the files that do it.
fn actual_imports() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut imports: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in files {
        let Some(room) = room_of(&src, &file) else {
            continue;
        };
        if room == "lib" || room == "main" {
            continue;
        }
        let code = std::fs::read_to_string(&file).expect("a source file is UTF-8");
        let entry = imports.entry(room.clone()).or_default();
        for named in named_rooms(&without_comments(&code)) {
            if named != room {
                let shown = file.strip_prefix(&src).unwrap().display().to_string();
                entry.entry(named).or_default().insert(shown);
            }
        }
    }
    imports
}

fn map() -> Map {
    let markdown = std::fs::read_to_string(root().join("ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md is at the top of the project");
    allowed(&markdown)
}

#[test]
fn every_room_imports_only_what_the_map_allows() {
    let map = map();
    let mut wrong = Vec::new();
    for (room, imports) in actual_imports() {
        let Some(may) = map.get(&room) else {
            wrong.push(format!("src/{room} has no row in ARCHITECTURE.md"));
            continue;
        };
        for (named, files) in imports {
            if !may.contains(&named) {
                wrong.push(format!("{room} imports {named} (in {files:?})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "against ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_map_has_no_circle_and_keeps_the_three_engines_apart() {
    let map = map();
    // Depth-first from each room: meeting the room again is a circle.
    fn reaches(map: &Map, from: &str, target: &str, seen: &mut BTreeSet<String>) -> bool {
        map.get(from).into_iter().flatten().any(|next| {
            next == target || (seen.insert(next.clone()) && reaches(map, next, target, seen))
        })
    }
    for room in map.keys() {
        assert!(
            !reaches(&map, room, room, &mut BTreeSet::new()),
            "{room} imports itself through other rooms"
        );
    }
    for (a, b) in [
        ("ledger", "score"),
        ("ledger", "confidence"),
        ("score", "confidence"),
    ] {
        for (from, to) in [(a, b), (b, a)] {
            assert!(
                !reaches(&map, from, to, &mut BTreeSet::new()),
                "{from} may reach {to}: the engines must stay independent"
            );
        }
    }
}

#[test]
fn the_import_reader_sees_grouped_and_nested_paths() {
    let rooms = named_rooms(
        "use crate::{model::{a, b}, text};\nlet x = crate::ledger::query::f();\nmy_crate::nope",
    );
    let expected: BTreeSet<String> = ["model", "text", "ledger"].map(String::from).into();
    assert_eq!(rooms, expected);
    let markdown =
        "| room | may import | what |\n|---|---|---|\n| `a` | `b` `c` | x |\n| `b` | | y |";
    let map = allowed(markdown);
    assert_eq!(map["a"], ["b", "c"].map(String::from).into());
    assert!(map["b"].is_empty());
}
