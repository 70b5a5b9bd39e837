//! Generated `#[table(...)]` and `#[column(...)]` attributes through the derive's parse and
//! expand stages (compiled into this crate from the derive's sources). Each struct must
//! give either generated code or compile errors, never a panic.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::input::Gen;
use crate::report::Tally;

/// Attribute words that take no value.
const FLAGS: &[&str] = &[
    "row_security",
    "unique",
    "fulltext",
    "skip",
    "required",
    "encrypt",
    "email",
    "url",
    "ip",
    "text",
    "mediumtext",
    "longtext",
    "boolean",
    "datetime",
    "point",
    "line",
    "polygon",
    "integer",
    "float",
    "enum",
    "two_way",
    "bigint",
    "nonsense",
];

/// Attribute names that take `= value`.
const NAMED: &[&str] = &[
    "id",
    "name",
    "database",
    "enabled",
    "size",
    "default",
    "key",
    "kind",
    "description",
    "min",
    "max",
    "related",
    "related_id",
    "two_way_key",
    "on_delete",
    "required",
    "rename_all",
];

/// Attribute names that take a list.
const LISTS: &[&str] = &[
    "permissions",
    "index",
    "columns",
    "orders",
    "lengths",
    "elements",
    "string",
    "varchar",
    "integer",
    "float",
    "relationship",
    "read",
    "create",
    "update",
    "delete",
    "write",
];

/// Field types, from the usual to the odd.
const TYPES: &[&str] = &[
    "String",
    "i64",
    "i32",
    "u64",
    "f64",
    "f32",
    "bool",
    "Option<String>",
    "Option<i64>",
    "Vec<String>",
    "Vec<i64>",
    "Option<Vec<String>>",
    "lazy_appwrite::Timestamp",
    "Option<lazy_appwrite::Ref<Other>>",
    "Option<Vec<lazy_appwrite::Ref<Other>>>",
    "lazy_appwrite::schema::Point",
    "Plan",
    "Option<Option<i64>>",
    "[u8; 4]",
    "()",
    "Box<str>",
];

fn literal(g: &mut Gen) -> String {
    match g.below(8) {
        0 => g.below(300).to_string(),
        1 => format!("-{}", g.below(5)),
        2 => (*g.pick(&["0.5", "1e308", "-1.5", "18446744073709551616", "0x10"])).into(),
        3 => (*g.pick(&["true", "false"])).into(),
        4 => (*g.pick(&["none", "asc", "desc", "cascade", "set_null", "many_to_one"])).into(),
        _ => format!("{:?}", g.string()),
    }
}

fn item(g: &mut Gen, depth: u32) -> String {
    match g.below(if depth == 0 { 2 } else { 3 }) {
        0 => (*g.pick(FLAGS)).into(),
        1 => format!("{} = {}", g.pick(NAMED), literal(g)),
        _ => {
            let inner: Vec<String> = (0..g.below(4)).map(|_| item(g, depth - 1)).collect();
            format!("{}({})", g.pick(LISTS), inner.join(", "))
        }
    }
}

fn attribute(g: &mut Gen, name: &str) -> String {
    let items: Vec<String> = (0..g.below(4) + 1).map(|_| item(g, 2)).collect();
    format!("#[{name}({})]", items.join(", "))
}

/// Fields the derive accepts, to mix with generated ones so that many structs get
/// through to the expand stage.
const VALID: &[(&str, &str)] = &[
    ("#[column(size = 64)]", "String"),
    ("#[column(integer(min = 0, max = 150))]", "Option<i64>"),
    ("#[column(default = 0.5)]", "f64"),
    ("#[column(varchar(size = 16))]", "Vec<String>"),
    ("#[column(email)]", "String"),
    ("#[column(text, encrypt)]", "Option<String>"),
    ("", "bool"),
    ("", "Option<lazy_appwrite::Timestamp>"),
    ("#[column(enum(elements(\"a\", \"b\")))]", "Option<String>"),
    ("#[column(key = \"firstName\", size = 32)]", "String"),
    ("#[column(skip)]", "Vec<u8>"),
];

/// One generated struct with `#[derive(Table)]`-style attributes.
pub fn source(g: &mut Gen) -> String {
    let mut text = String::new();
    match g.below(4) {
        0 => {}
        1 => text.push_str("#[table(id = \"fuzzed\")]"),
        _ => text.push_str(&attribute(g, "table")),
    }
    if g.one_in(5) {
        text.push_str("/// A doc comment.\n");
    }
    text.push_str("struct Fuzzed {");
    for i in 0..g.below(5) {
        if g.one_in(5) {
            text.push_str("/// The field.\n");
        }
        if g.one_in(2) {
            let (attr, ty) = g.pick(VALID);
            text.push_str(&format!("{attr} f{i}: {ty},"));
            continue;
        }
        if !g.one_in(3) {
            text.push_str(&attribute(g, "column"));
        }
        if g.one_in(6) {
            text.push_str("#[serde(rename = \"x\")]");
        }
        let name = if g.one_in(10) {
            "r#type".to_owned()
        } else {
            format!("f{i}")
        };
        text.push_str(&format!("{name}: {},", g.pick(TYPES)));
    }
    text.push('}');
    if g.one_in(10) { g.mutate(&text) } else { text }
}

/// `cases` generated structs through parse (`model::build`) and expand.
pub fn attributes(g: &mut Gen, cases: u64, tally: &mut Tally) {
    for _ in 0..cases {
        let text = source(g);
        let run = || -> bool {
            let Ok(input) = syn::parse_str::<syn::DeriveInput>(&text) else {
                return false;
            };
            match crate::model::build(&input) {
                Ok(model) => {
                    let _ = crate::expand::expand(&model);
                    true
                }
                Err(errors) => {
                    let _ = errors.write_errors();
                    false
                }
            }
        };
        match catch_unwind(AssertUnwindSafe(run)) {
            Ok(accepted) => tally.checked(accepted),
            Err(_) => tally.fail("panicked", text.clone()),
        }
    }
}
