//! Rust identifiers for Appwrite keys and IDs: valid whatever the key (keywords, a leading
//! digit, characters Rust does not take, non-ASCII), and unique within their scope. Where
//! the identifier differs from the key, the generated code renames it back.

/// Rust's keywords (strict, reserved and edition 2018+), which a field takes as `r#name`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The words of `key`: split at `_`, `-`, `.`, spaces, other characters Rust does not
/// take, and lower-to-upper case changes; non-ASCII letters are spelled as `uXXXX`.
fn words(key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            current.push(c);
        } else {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            if !c.is_ascii() {
                out.push(format!("u{:04x}", u32::from(c)));
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A field name for column `key`: snake case, a keyword as a raw identifier.
///
/// ```text
/// inPrint → in_print, type → r#type, 2fa → n2fa, prénom → pr_u00e9_nom
/// ```
pub(crate) fn field(key: &str) -> String {
    let joined = words(key)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    let name = match joined.chars().next() {
        None => "field".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("n{joined}"),
        Some(_) => joined,
    };
    keyword_safe(name)
}

/// A type name for table or column `id`: upper camel case.
///
/// ```text
/// books → Books, book_reviews → BookReviews, 2024-sales → T2024Sales
/// ```
pub(crate) fn type_name(id: &str) -> String {
    let joined: String = words(id)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    match joined.chars().next() {
        None => "T".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("T{joined}"),
        Some(_) => keyword_safe(joined),
    }
}

fn keyword_safe(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The name as the key it stands for would compare: without `r#`.
pub(crate) fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Names unique within one scope: a name already taken gets `_2`, `_3`, … (or `2`, `3`
/// for type names).
#[derive(Default)]
pub(crate) struct Scope {
    taken: Vec<String>,
}

impl Scope {
    /// `name`, or the first free variant of it.
    pub(crate) fn claim(&mut self, name: String) -> String {
        let separator = if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        let base = unraw(&name).to_owned();
        let mut candidate = name;
        let mut n = 2;
        while self
            .taken
            .iter()
            .any(|t| t.eq_ignore_ascii_case(unraw(&candidate)))
        {
            candidate = format!("{base}{separator}{n}");
            n += 1;
        }
        self.taken.push(unraw(&candidate).to_owned());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_valid() {
        assert_eq!(field("inPrint"), "in_print");
        assert_eq!(field("origin_ip"), "origin_ip");
        assert_eq!(field("type"), "r#type");
        assert_eq!(field("self"), "self_");
        assert_eq!(field("2fa"), "n2fa");
        assert_eq!(field("prénom"), "pr_u00e9_nom");
        assert_eq!(field("a-b.c"), "a_b_c");
        assert_eq!(field("$$"), "field");
        assert_eq!(field("HTMLBody"), "htmlbody");
    }

    #[test]
    fn types_are_upper_camel_case_and_valid() {
        assert_eq!(type_name("books"), "Books");
        assert_eq!(type_name("book_reviews"), "BookReviews");
        assert_eq!(type_name("2024-sales"), "T2024Sales");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("in-review"), "InReview");
    }

    #[test]
    fn a_scope_never_hands_out_a_name_twice() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("a_b".into()), "a_b");
        assert_eq!(scope.claim("a_b".into()), "a_b_2");
        assert_eq!(scope.claim("A_B".into()), "A_B2");
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("type".into()), "type_2");
    }
}
