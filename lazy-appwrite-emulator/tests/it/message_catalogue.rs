//! Appwrite's message texts are written once, in `src/error/catalogue/`: no other
//! production file spells one as a string literal (tests keep their literals: they pin the
//! wire).

use std::fs;
use std::path::{Path, PathBuf};

/// How the messages Appwrite sends begin (and a phrase its not-found answers share).
const MESSAGE_STARTS: &[&str] = &[
    "\"Value must",
    "\"Invalid ",
    "\"Param ",
    "\"Missing ",
    "\"Unknown ",
    "\"Cannot ",
    "\"Failed ",
    "\"UID must",
    "\"Parameter must",
    "\"Spatial value",
    "\"Longitude ",
    "\"Latitude ",
    "\"Point must",
    "\"Point coordinates",
    "\"LineString must",
    "\"Each point",
    "\"Polygon must",
    "\"Ring #",
    "\"Point #",
];

/// Files that still spell their messages, each to move into the catalogue.
const NOT_YET_IN_THE_CATALOGUE: &[&str] = &[
    // `ApiError`'s own constructors, the catalogue's entries for the parameter wrappers
    // ("Invalid `x` param: …", "Param \"x\" is not optional.", "Invalid document
    // structure: …") and the common not-found answers: the catalogue builds on them.
    "error/mod.rs",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("the source directory is readable")
        .map(|entry| entry.expect("a readable directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The production part of a source file: up to its `#[cfg(test)] mod tests`.
fn production_part(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod ")
        .map_or(text, |end| &text[..end])
}

/// `(line number, line)` of each production line that spells a message text.
fn spelled_messages(text: &str) -> Vec<(usize, String)> {
    production_part(text)
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| MESSAGE_STARTS.iter().any(|start| line.contains(start)))
        .map(|(index, line)| (index + 1, line.trim().to_owned()))
        .collect()
}

#[test]
fn message_texts_are_spelled_only_in_the_catalogue() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let catalogue = src.join("error").join("catalogue");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy();
        let name = relative.replace('\\', "/");
        if path.starts_with(&catalogue)
            || name.ends_with("tests.rs")
            || NOT_YET_IN_THE_CATALOGUE.contains(&name.as_str())
        {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a readable source file");
        for (line, spelled) in spelled_messages(&text) {
            offenders.push(format!("src/{name}:{line}: {spelled}"));
        }
    }
    assert!(
        offenders.is_empty(),
        "message texts spelled outside src/error/catalogue/:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_scan_finds_a_spelled_message_and_skips_tests_and_comments() {
    let source = concat!(
        "// \"Invalid comment\"\n",
        "fn f() -> &'static str { \"Value must be a valid boolean\" }\n",
        "#[cfg(test)]\nmod tests { const T: &str = \"Invalid `x` param\"; }\n",
    );
    let found = spelled_messages(source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 2);
}
