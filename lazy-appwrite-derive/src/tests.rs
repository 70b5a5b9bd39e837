//! The snapshot of one representative model's expansion: changes to the generated code
//! show up as a diff to review. `UPDATE_SNAPSHOTS=1 cargo test -p lazy-appwrite-derive`
//! rewrites the snapshot. And the generated code's one door: it names the runtime only
//! through `::lazy_appwrite::__private`.

use std::path::PathBuf;

use quote::quote;

fn pretty(tokens: proc_macro2::TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => format!("// does not parse: {e}\n{tokens}"),
    }
}

fn check_snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap_or(&path)).ok();
        std::fs::write(&path, actual).ok();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let mut diff = String::new();
        let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
        for i in 0..e.len().max(a.len()) {
            match (e.get(i), a.get(i)) {
                (Some(x), Some(y)) if x == y => {}
                (x, y) => {
                    diff.push_str(&format!(
                        "line {}:\n- {}\n+ {}\n",
                        i + 1,
                        x.unwrap_or(&""),
                        y.unwrap_or(&"")
                    ));
                }
            }
        }
        panic!(
            "the expansion changed ({}); review, then rerun with UPDATE_SNAPSHOTS=1:\n{diff}",
            path.display()
        );
    }
}

#[test]
fn representative_model_expansion() {
    let input = quote! {
        #[table(
            id = "books",
            name = "Books",
            database = "shop",
            permissions(read("any"), write("users")),
            row_security,
            index(key = "by_title", fulltext, columns(title)),
            index(key = "by_year", unique, columns(year, "isbn"), orders(desc, asc)),
        )]
        #[serde(rename_all = "camelCase")]
        pub struct Book {
            #[column(size = 128)]
            title: String,
            #[column(varchar(size = 13))]
            isbn: Option<String>,
            #[column(integer(min = 0, max = 3000))]
            year: i64,
            #[column(default = 1.5)]
            price: f64,
            #[column(enum(elements("fiction", "history")), default = "fiction")]
            genre: Option<String>,
            published_at: Option<lazy_appwrite::Timestamp>,
            #[column(relationship(related_id = "authors", kind = many_to_one, on_delete = set_null))]
            author: Option<String>,
            #[column(skip)]
            cached: u8,
        }
    };
    check_snapshot("book.expanded.rs", &pretty(crate::table_inner(input)));
}

#[test]
fn errors_are_all_reported() {
    let input = quote! {
        #[table(id = "bad id")]
        struct Bad {
            #[column(string)]
            a: String,
            #[column(integer(min = 5, max = 1))]
            b: i64,
            #[column(emial)]
            c: String,
        }
    };
    let out = crate::table_inner(input).to_string();
    assert!(out.contains("the table ID `bad id` contains"), "{out}");
    assert!(out.contains("string columns need a size"), "{out}");
    assert!(out.contains("is greater than `max`"), "{out}");
    assert!(out.contains("emial"), "{out}");
}

/// How often the runtime crate is named, and how often through its one door,
/// `::lazy_appwrite::__private`.
fn runtime_paths(tokens: &proc_macro2::TokenStream) -> (usize, usize) {
    let text = tokens.to_string();
    (
        text.matches("lazy_appwrite").count(),
        text.matches(":: lazy_appwrite :: __private ::").count(),
    )
}

#[test]
fn generated_code_names_the_runtime_only_through_private() {
    let table = crate::table_inner(quote! {
        #[table(id = "books", index(key = "by_title", fulltext, columns(title)))]
        struct Book {
            #[column(size = 128)]
            title: String,
            #[column(email)]
            contact: Option<String>,
            tags: Vec<i64>,
            #[column(relationship(kind = many_to_one, related = Author))]
            author: Option<Ref<Author>>,
            #[column(relationship(related_id = "shelves", kind = one_to_many))]
            shelves: Vec<String>,
            genre: Genre,
            spot: Point,
        }
    });
    let genre = syn::parse2::<syn::DeriveInput>(quote! {
        #[enum_value(rename_all = "snake_case")]
        enum Genre { Fiction, NonFiction }
    })
    .map(|input| crate::enum_derive::expand(&input).unwrap_or_else(darling::Error::write_errors));
    let genre = genre.unwrap_or_else(|e| e.to_compile_error());

    for (name, tokens) in [("Table", &table), ("Enum", &genre)] {
        let (named, through_private) = runtime_paths(tokens);
        assert!(
            named > 0,
            "the {name} expansion names no runtime item:\n{tokens}"
        );
        assert_eq!(
            named, through_private,
            "the {name} expansion names the runtime outside `::lazy_appwrite::__private`:\n{tokens}"
        );
    }
}
