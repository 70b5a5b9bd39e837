//! `#[derive(Table)]` and `#[derive(Enum)]` for lazy-appwrite: Appwrite tables declared as
//! Rust structs and checked by the compiler. Use them through the `lazy_appwrite` crate,
//! which re-exports both (`lazy_appwrite::{Table, Enum}`) and holds the runtime they name.
//!
//! How it works: the input is parsed with darling into a validated model (every attribute
//! error is reported at once, each at its span), which is then expanded. What only the
//! field's type reveals is left to rustc through marker traits with custom messages
//! (`#[diagnostic::on_unimplemented]`): the macro never matches type names as text.

mod attr;
mod enum_derive;
mod expand;
mod model;
mod rules;
mod serde_attr;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

/// Declares an Appwrite table: the struct's fields are its columns.
///
/// It implements `lazy_appwrite::Table` (a `'static` schema constant, `validate`,
/// `coerce`, typed queries) and generates two types beside the struct: `{Name}Columns`,
/// typed column handles (`User::columns().age.gt(18)`), and `{Name}Patch`, a partial
/// update with typed setters (`User::patch().age(37)`). The struct should also derive
/// `serde::Serialize` and `Deserialize`: rows are read and written through serde.
///
/// ```
/// use lazy_appwrite::{Enum, Table};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Enum, Clone, Copy, Debug, PartialEq)]
/// #[enum_value(rename_all = "lowercase")]
/// enum Plan { Free, Pro }
///
/// #[derive(Table, Serialize, Deserialize)]
/// #[table(
///     id = "users",
///     name = "Users",
///     database = "main",
///     permissions(read("any"), create("users"), write("team:admins")),
///     row_security,
///     enabled = true,
///     index(key = "by_email", unique, columns(email)),
///     index(key = "by_bio", fulltext, columns(bio)),
///     index(key = "by_age_name", columns(age, name), orders(desc, asc), lengths(none, 32)),
/// )]
/// #[serde(rename_all = "camelCase")]
/// struct User {
///     #[column(size = 64)]                     // string(size = 64), required (not an Option)
///     name: String,
///     #[column(email)]
///     email: String,
///     #[column(text)]
///     bio: String,
///     #[column(integer(min = 0, max = 150))]   // optional: an Option
///     age: Option<i64>,
///     #[column(default = 0.5)]                 // kind from the type: float
///     score: f64,
///     plan: Plan,                              // kind from the type: enum ["free", "pro"]
///     #[column(varchar(size = 16))]            // an array: a Vec
///     tags: Vec<String>,
///     last_seen: Option<lazy_appwrite::Timestamp>, // key `lastSeen`, kind datetime
///     #[column(skip)]
///     #[serde(skip)]
///     cache: Vec<u8>,
/// }
///
/// let schema = User::SCHEMA;
/// assert_eq!((schema.id, schema.name, schema.database), ("users", "Users", Some("main")));
/// assert_eq!(schema.permissions.len(), 5);
/// assert_eq!(schema.columns.len(), 8);
/// assert_eq!(schema.column("lastSeen").map(|c| c.kind.type_name()), Some("datetime"));
/// ```
///
/// # `#[table(...)]`
///
/// | attribute | meaning |
/// | --- | --- |
/// | `id = "users"` | the table ID (required; 1–36 of `a-z A-Z 0-9 . - _`) |
/// | `name = "Users"` | the display name (default: the ID) |
/// | `database = "main"` | the database (default: none, the caller picks it) |
/// | `permissions(read(any), create(users), write(user("u1"), team("t1", "owner")))` | table permissions: `create`, `read`, `update`, `delete`, `write` (stored expanded to create, update, delete), each with roles written typed, like the runtime `Role` constructors: `any`, `guests`, `users`, `users(verified\|unverified)`, `user("ID")`, `user("ID", verified\|unverified)`, `team("ID")`, `team("ID", "ROLE")`, `member("ID")`, `label("NAME")` (the runtime's other names work too: `verified_users`, `unverified_users`, `verified_user("ID")`, `unverified_user("ID")`, `team_role("ID", "ROLE")`); or as strings: `"any"`, `"users/verified"`, `"user:ID[/…]"`, `"team:ID[/ROLE]"`, `"member:ID"`, `"label:NAME"`. IDs are checked at compile time |
/// | `row_security` / `row_security = bool` | row permissions apply too (default false) |
/// | `enabled = false` | the table starts disabled (default true) |
/// | `index(key = "by_x", columns(x, "key"), orders(asc, desc), lengths(16, none))` | a key index; add `unique` or `fulltext` for those kinds; columns by field name or column key (`"$createdAt"` too); one order and one length (or `none`) per column |
/// | `crate = path` | where the runtime is, if the dependency is renamed (default `::lazy_appwrite`) |
/// | `description = "…"` / `description = false` | the table's description instead of the doc comment's, or none |
///
/// # Descriptions
///
/// The struct's doc comment becomes the table's `description`, and each field's doc comment
/// its column's, so a model's documentation shows in the Appwrite console. The lines are
/// joined as rustdoc joins them (one leading space trimmed from each, joined with `\n`, the
/// ends trimmed). Appwrite keeps at most 256 characters: a longer doc comment is cut there
/// (at a character boundary) rather than refused, since long docs are no mistake, while a
/// longer `description = "…"` is a compile error. `description = false` sends none. The sync
/// sends descriptions to Appwrite 2.6.0 and later only (`Feature::Descriptions`), creates
/// them with the table and columns, and heals one that differs; a table or column without
/// one leaves the server's alone.
///
/// ```
/// use lazy_appwrite::Table;
/// use serde::{Deserialize, Serialize};
///
/// /// Books on the shelf.
/// #[derive(Table, Serialize, Deserialize)]
/// #[table(id = "books")]
/// struct Book {
///     /// The title,
///     /// as printed on the cover.
///     #[column(size = 64)]
///     title: String,
///     /// Not this: the attribute wins.
///     #[column(description = "Where it stands.")]
///     shelf: Option<i64>,
///     /// Kept out of the console.
///     #[column(description = false)]
///     notes: Option<bool>,
/// }
///
/// assert_eq!(Book::SCHEMA.description, Some("Books on the shelf."));
/// let description = |key| Book::SCHEMA.column(key).and_then(|c| c.description);
/// assert_eq!(description("title"), Some("The title,\nas printed on the cover."));
/// assert_eq!(description("shelf"), Some("Where it stands."));
/// assert_eq!(description("notes"), None);
/// ```
///
/// # `#[column(...)]`
///
/// Without a kind, the kind comes from the field's type: integers → `integer` (with the type's range),
/// `f32`/`f64` → `float`, `bool` → `boolean`, `Timestamp` (and `chrono`/`time` types with
/// those features) → `datetime`, an enum with `#[derive(Enum)]` → `enum`, `Point`/`Line`/
/// `Polygon` → `point`/`line`/`polygon`. A `String` needs a kind or a size. `Vec<T>` makes an
/// array column, `Option<T>` an optional one.
///
/// | attribute | meaning |
/// | --- | --- |
/// | `size = 255` | a `string` column of that many characters (1 to 1 073 741 824) |
/// | `string(size = N)`, `varchar(size = N)` | text of up to N characters (varchar: 1 to 16 381) |
/// | `text`, `mediumtext`, `longtext` | long text (65 535, 16 777 215, 2 147 483 647 characters) |
/// | `encrypt` (or `string(size = N, encrypt)`) | encrypted at rest (text kinds; a size of 150 or more) |
/// | `integer`, `integer(min = 0, max = 150)` | a 64-bit integer in a range |
/// | `bigint`, `bigint(min = -5_000_000_000, max = 5_000_000_000)` | a 64-bit integer in a range, stored in 8 bytes whatever the range (Appwrite 1.9.5 and later) |
/// | `float`, `float(min = 0.0, max = 1.0)` | a float in a range |
/// | `boolean`, `datetime`, `email`, `url`, `ip` | those kinds |
/// | `enum(elements("a", "b"))`, `enum` | one of the elements (bare `enum`: the field's `#[derive(Enum)]` type's) |
/// | `relationship(kind = many_to_one, two_way_key = "books", on_delete = cascade)` | a link to another model's table: the field is `Option<Ref<Author>>` (to-one) or `Option<Vec<Ref<Book>>>` (to-many), and the sync creates the related table first; kinds `one_to_one`, `many_to_one`, `one_to_many`, `many_to_many`; `two_way` (implied by `two_way_key`) adds the partner column, which the other model may declare too (same options, mirrored kind); `on_delete` `restrict` (default), `cascade`, `set_null`; with an ID field (`String`, `Vec<String>`) name the table: `related = Author` or `related_id = "authors"` |
/// | `point`, `line`, `polygon` | spatial kinds |
/// | `kind = "varchar"` | any kind of the kind table by its name: sized kinds take `size = N`, text kinds `encrypt`, numeric kinds have no range (give one with `integer(…)`, `bigint(…)`, `float(…)`); `enum` and `relationship` use their own attributes |
/// | `required` / `required = bool` | override: by default a column is required unless its field is an `Option` or it has a default |
/// | `default = "x"` / `3` / `-1.5` / `true` | the value rows get when they have none (not on required or array columns) |
/// | `default = [2.35, 48.85]` / `[[0, 0], [1, 1]]` / `[[[0, 0], [0, 1], [1, 1], [0, 0]]]` | the default of a `point` (`[longitude, latitude]`), `line` (two or more points) or `polygon` (rings of four or more points, each ending with its first) |
/// | `key = "firstName"` | the column key (default: serde's name for the field, honouring `rename` and `rename_all`) |
/// | `skip` | the field is not a column (also implied by `#[serde(skip)]`) |
/// | `description = "…"` / `description = false` | the column's description instead of the doc comment's, or none |
///
/// Every mistake is a compile error at its place: a type that cannot hold the kind, a
/// string without a size, `min > max`, a default that does not fit, an invalid or duplicate
/// key, a reserved key (`$id`), an index over a missing, relationship or array column, a
/// fulltext index on a non-text column, mismatched orders or lengths, an unknown attribute
/// (with a suggestion).
///
/// ```compile_fail
/// #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "users")]
/// struct User {
///     #[column(email)]
///     age: i64, // `i64` cannot hold an `email` column
/// }
/// ```
#[proc_macro_derive(Table, attributes(table, column))]
pub fn derive_table(input: TokenStream) -> TokenStream {
    table_inner(input.into()).into()
}

/// Stores a Rust enum with unit variants in an Appwrite `enum` column.
///
/// The elements are the variant names, or `#[enum_value = "…"]` on a variant, or the
/// container's `#[enum_value(rename_all = "snake_case")]` (also read from serde's
/// `rename_all`/`rename`). It implements `lazy_appwrite::schema::EnumValue`, the column
/// traits (so fields of the type infer an `enum` column), and `Serialize`/`Deserialize` as
/// the element strings; `#[enum_value(crate = path)]` names a renamed runtime.
///
/// ```
/// use lazy_appwrite::schema::EnumValue;
///
/// #[derive(lazy_appwrite::Enum, Debug, PartialEq)]
/// #[enum_value(rename_all = "snake_case")]
/// enum Status { Draft, InReview, #[enum_value = "live"] Published }
///
/// assert_eq!(Status::ELEMENTS, ["draft", "in_review", "live"]);
/// assert_eq!(serde_json::from_str::<Status>(r#""in_review""#)?, Status::InReview);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[proc_macro_derive(Enum, attributes(enum_value))]
pub fn derive_enum(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(input) {
        Ok(input) => enum_derive::expand(&input)
            .unwrap_or_else(darling::Error::write_errors)
            .into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// The fallible expansion of `#[derive(Table)]`, errors turned into `compile_error!`s.
fn table_inner(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let input = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    match model::build(&input) {
        Ok(model) => expand::expand(&model),
        Err(errors) => errors.write_errors(),
    }
}
