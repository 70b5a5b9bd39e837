//! The runtime's modules import one way: each top-level module of `src/` uses only the
//! modules listed above it in the module map at the top of `src/lib.rs`. The map is the
//! one statement of the order; this test reads it from there and checks every `crate::`
//! path (and every `super::` path that climbs to the crate root) outside `#[cfg(test)]`
//! code against it, so the map and the code cannot drift apart.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The heading line of the module map in `src/lib.rs`; the entries follow it, one
/// `// - name: what it holds` line each, until the first line that is not one.
const MAP_HEADING: &str = "// Module map";

#[test]
fn every_import_points_down_the_module_map() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs reads");
    let layers = module_map(&lib);
    let layer_of: HashMap<&str, usize> = layers
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();

    let mut declared = declared_modules(&lib);
    declared.sort();
    let mut mapped = layers.clone();
    mapped.sort();
    assert_eq!(
        mapped, declared,
        "the module map in src/lib.rs must list every top-level module once"
    );

    let reexports = root_reexports(&lib, &layer_of);
    let mut wrong = Vec::new();
    for file in rust_files(&src) {
        let rel = file.strip_prefix(&src).expect("under src").to_path_buf();
        let Some(from) = top_module(&rel) else {
            continue;
        };
        if is_test_only(&src, &rel) {
            continue;
        }
        let text = fs::read_to_string(&file).expect("source reads");
        for (line, name) in crate_paths(&text, module_depth(&rel)) {
            let to = match layer_of.get(name.as_str()) {
                Some(_) => name.as_str(),
                None => match reexports.get(name.as_str()) {
                    Some(module) => module.as_str(),
                    None => continue,
                },
            };
            if to != from && layer_of[to] > layer_of[from.as_str()] {
                wrong.push(format!(
                    "{}:{line}: `{from}` uses `crate::{name}` (module `{to}`), which the map lists above it",
                    rel.display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up the module map of src/lib.rs:\n{}",
        wrong.join("\n")
    );
}

/// `Client`'s methods live in two files: `client.rs` holds those of its own layer, and
/// `client_api.rs`, at the top of the map, every public one that needs a higher module.
/// A method added anywhere else would either import upward or scatter the type again.
#[test]
fn client_methods_live_in_two_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut holding: Vec<String> = Vec::new();
    for file in rust_files(&src) {
        let text = blank_comments_and_strings(&fs::read_to_string(&file).expect("source reads"));
        if text.lines().any(is_inherent_impl_of_client) {
            let rel = file.strip_prefix(&src).expect("under src");
            holding.push(rel.display().to_string());
        }
    }
    assert_eq!(
        holding,
        ["client.rs", "client_api.rs"],
        "files with an `impl Client` block"
    );
}

/// Whether the line opens an inherent `impl` of `Client` (`impl Client {`, or with a path
/// such as `impl crate::client::Client {`); `impl Trait for Client` is not one.
fn is_inherent_impl_of_client(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("impl ") else {
        return false;
    };
    let ty = rest
        .split(|c: char| c == '{' || c.is_whitespace())
        .next()
        .unwrap_or_default();
    ty.rsplit("::").next() == Some("Client")
}

/// The module names of the map, in order (lowest layer first).
fn module_map(lib: &str) -> Vec<String> {
    let mut lines = lib.lines().skip_while(|l| !l.starts_with(MAP_HEADING));
    assert!(lines.next().is_some(), "src/lib.rs has no `{MAP_HEADING}`");
    let entries: Vec<String> = lines
        .skip_while(|l| !l.starts_with("// - "))
        .take_while(|l| l.starts_with("// - "))
        .map(|l| {
            let entry = &l["// - ".len()..];
            let name = entry.split(':').next().unwrap_or_default();
            name.trim().trim_matches('`').to_owned()
        })
        .collect();
    assert!(!entries.is_empty(), "the module map of src/lib.rs is empty");
    entries
}

/// The top-level modules `lib.rs` declares (`mod x;`, `pub mod x;`, `pub(crate) mod x;`).
fn declared_modules(lib: &str) -> Vec<String> {
    lib.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .filter_map(|l| {
            let rest = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("pub(crate) mod "))
                .or_else(|| l.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_owned)
        })
        .collect()
}

/// The names `lib.rs` re-exports from a module (`pub use error::{Error, Result};`), so that
/// `crate::Error` counts as a use of `error`.
fn root_reexports(lib: &str, layer_of: &HashMap<&str, usize>) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for statement in lib.split(';') {
        let Some(at) = statement.find("pub use ") else {
            continue;
        };
        let path = statement[at + "pub use ".len()..].trim();
        let Some((module, items)) = path.split_once("::") else {
            continue;
        };
        if !layer_of.contains_key(module) {
            continue;
        }
        for item in items.trim_matches(['{', '}', ' ', '\n']).split(',') {
            let last = item.rsplit("::").next().unwrap_or_default();
            let name = last.rsplit(" as ").next().unwrap_or_default().trim();
            if !name.is_empty() && name != "self" {
                names.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    names
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("src reads") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// `api` for `api/rows/mod.rs` or `api.rs`; `None` for `lib.rs`.
fn top_module(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(name) => Some(name.to_owned()),
        None => Some(first.to_owned()),
    }
}

/// How deep the file's module is: 1 for `api.rs` and `api/mod.rs`, 2 for `api/rows.rs`…
fn module_depth(rel: &Path) -> usize {
    let parts = rel.components().count();
    if rel.file_name().is_some_and(|f| f == "mod.rs") {
        parts - 1
    } else {
        parts
    }
}

/// Whether the file is a module its parent declares under `#[cfg(test)]`, or lies inside
/// one.
fn is_test_only(src: &Path, rel: &Path) -> bool {
    let mut module = rel.with_extension("");
    if module.file_name().is_some_and(|f| f == "mod") {
        module.pop();
    }
    while let Some(parent) = module.parent().map(Path::to_path_buf) {
        let name = module
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let declaring = if parent.as_os_str().is_empty() {
            src.join("lib.rs")
        } else if src.join(&parent).join("mod.rs").exists() {
            src.join(&parent).join("mod.rs")
        } else {
            src.join(parent.with_extension("rs"))
        };
        let text = fs::read_to_string(&declaring).unwrap_or_default();
        let code = blank_comments_and_strings(&text);
        if test_only_mods(&code).contains(&name) {
            return true;
        }
        if parent.as_os_str().is_empty() {
            return false;
        }
        module = parent;
    }
    false
}

/// The `mod name;` declarations marked `#[cfg(test)]`.
fn test_only_mods(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        rest = &rest[at + "#[cfg(test)]".len()..];
        let item = rest.trim_start();
        let item = item.strip_prefix("pub(crate) ").unwrap_or(item);
        let item = item.strip_prefix("pub ").unwrap_or(item);
        if let Some(decl) = item.strip_prefix("mod ") {
            let name: String = decl.chars().take_while(|c| is_ident(*c)).collect();
            if decl[name.len()..].trim_start().starts_with(';') {
                names.push(name);
            }
        }
    }
    names
}

/// Each module path of `text` that starts at the crate root, outside `#[cfg(test)]` items:
/// the line and the first segment (each one of a `crate::{a, b::c}` group). A `super::`
/// chain that climbs from a module `depth` deep up to the root counts too.
fn crate_paths(text: &str, depth: usize) -> Vec<(usize, String)> {
    let code = without_test_items(&blank_comments_and_strings(text));
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    // Inline modules (`mod family { … }`) open one more level for `super::`.
    let mut inline: Vec<usize> = Vec::new();
    let mut braces = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let at_word = i == 0 || !is_ident(bytes[i - 1] as char);
        if bytes[i] == b'{' {
            braces += 1;
        } else if bytes[i] == b'}' {
            braces = braces.saturating_sub(1);
            if inline.last() == Some(&braces) {
                inline.pop();
            }
        } else if at_word && code[i..].starts_with("mod ") {
            let after = code[i + 4..].trim_start();
            let name_len = after.chars().take_while(|c| is_ident(*c)).count();
            if after[name_len..].trim_start().starts_with('{') {
                inline.push(braces);
            }
        } else if at_word && code[i..].starts_with("crate::") {
            let line = code[..i].matches('\n').count() + 1;
            for name in first_segments(&code[i + "crate::".len()..]) {
                found.push((line, name));
            }
            i += "crate::".len();
            continue;
        } else if at_word && code[i..].starts_with("super::") {
            let mut climbs = 0;
            let mut j = i;
            while code[j..].starts_with("super::") {
                climbs += 1;
                j += "super::".len();
            }
            if climbs == depth + inline.len() {
                let line = code[..i].matches('\n').count() + 1;
                for name in first_segments(&code[j..]) {
                    found.push((line, name));
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    found
}

/// `a` for `a::b`, and `a`, `b` for `{a::x, b}`.
fn first_segments(path: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| is_ident(*c))
            .collect()
    };
    let Some(group) = path.strip_prefix('{') else {
        return vec![ident(path)];
    };
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (k, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(ident(&group[start..k]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(ident(&group[start..k]));
                start = k + 1;
            }
            _ => {}
        }
    }
    names.retain(|n| !n.is_empty() && n != "self");
    names
}

/// `code` with each item marked `#[cfg(test)]` blanked out: up to its first `;`, or to
/// the end of its first `{ … }` block.
fn without_test_items(code: &str) -> String {
    let mut out = code.to_owned().into_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find("#[cfg(test)]").map(|k| k + from) {
        let mut depth = 0usize;
        let mut end = code.len();
        for (k, c) in code[at..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = at + k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = at + k + 1;
                    break;
                }
                _ => {}
            }
        }
        for b in &mut out[at..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = end;
    }
    String::from_utf8(out).expect("only ASCII bytes were replaced")
}

/// `text` with comments and the insides of string and character literals replaced by
/// spaces (newlines kept, so line numbers stay).
fn blank_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                    out.push_str("  ");
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    out.push_str("  ");
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && (i == 0 || !is_ident(chars[i - 1]))
        {
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push('"');
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|h| chars.get(j + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                blank(&mut out, chars[j]);
                j += 1;
            }
            out.push('"');
            i = j;
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal (not a lifetime): `'x'` or `'\n'`, `'\u{1F600}'`.
            out.push('\'');
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push('\'');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}
