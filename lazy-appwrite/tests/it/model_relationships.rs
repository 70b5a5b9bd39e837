//! Relationships through models: fields typed `Ref<Model>`, related tables synced first
//! (two models that point at each other included), nested creates, typed loading up to
//! depth 3, the three `onDelete` behaviours with the restricted delete as a typed error,
//! filters on a relationship, and a drifted `onDelete` healed. Runs against the emulator,
//! and a real Appwrite when configured.

use crate::support;

use lazy_appwrite::response::{OnDelete, RelationType, ReportedKind};
use lazy_appwrite::schema::{ColumnSchema, ColumnType, Relation, RelationshipSchema};
use lazy_appwrite::{Error, Feature, Model, Ref, Table};
use serde::{Deserialize, Serialize};
use support::on_each_backend;

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "countries")]
struct Country {
    #[column(size = 64)]
    name: String,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "publishers")]
struct Publisher {
    #[column(size = 64)]
    name: String,
    /// Deleting a country clears it here.
    #[column(relationship(kind = many_to_one, on_delete = set_null))]
    country: Option<Ref<Country>>,
}

/// Authors and books point at each other (one two-way relationship, declared on both
/// sides with the same options).
#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "authors")]
struct Author {
    #[column(size = 64)]
    name: String,
    #[column(relationship(kind = many_to_one, on_delete = set_null))]
    publisher: Option<Ref<Publisher>>,
    /// An author with books cannot be deleted.
    #[column(relationship(kind = one_to_many, two_way_key = "author", on_delete = restrict))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    books: Option<Vec<Ref<Book>>>,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "books")]
struct Book {
    #[column(size = 128)]
    title: String,
    #[column(relationship(kind = many_to_one, two_way_key = "books", on_delete = restrict))]
    author: Option<Ref<Author>>,
    /// Deleting a book deletes its chapters.
    #[column(relationship(kind = one_to_many, on_delete = cascade))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chapters: Option<Vec<Ref<Chapter>>>,
    #[column(relationship(kind = many_to_many, on_delete = set_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<Ref<Tag>>>,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "chapters")]
struct Chapter {
    #[column(size = 128)]
    heading: String,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "tags")]
struct Tag {
    #[column(size = 32)]
    label: String,
}

fn book(title: &str, author: Option<Ref<Author>>) -> Book {
    Book {
        title: title.into(),
        author,
        chapters: None,
        tags: None,
    }
}

fn author(name: &str) -> Author {
    Author {
        name: name.into(),
        publisher: None,
        books: None,
    }
}

#[tokio::test]
async fn related_tables_are_created_first_and_a_cycle_is_handled() {
    on_each_backend(async |b| {
        let db = b.fresh_id("relsync");
        let c = b.client_in(&db);
        // Books point at authors, which point back and at publishers, which point at
        // countries: the first use of books creates all five tables.
        let page = Book::list(&c, Book::query()).await?;
        assert_eq!(page.total, 0);
        for model in [
            c.plan::<Book>().await?,
            c.plan::<Author>().await?,
            c.plan::<Publisher>().await?,
            c.plan::<Country>().await?,
            c.plan::<Chapter>().await?,
            c.plan::<Tag>().await?,
        ] {
            assert!(model.is_empty(), "{model}");
        }
        // The two-way relationship exists once: `author` on books, `books` its partner.
        let books = c.tables(&db).get("books").await?;
        let column = books.columns.iter().find(|c| c.key == "author");
        assert!(
            matches!(
                column.map(|c| &c.kind),
                Some(ReportedKind::Relationship { two_way: true, .. })
            ),
            "{column:?}"
        );
        // Warm: one request per operation, the related tables included.
        b.reset();
        Author::list(&c, Author::query()).await?;
        Country::list(&c, Country::query()).await?;
        b.expect(&[
            ("GET", &format!("/v1/tablesdb/{db}/tables/authors/rows")),
            ("GET", &format!("/v1/tablesdb/{db}/tables/countries/rows")),
        ]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_other_side_of_a_cycle_syncs_too() {
    on_each_backend(async |b| {
        let db = b.fresh_id("relcycle");
        let c = b.client_in(&db);
        // Starting from authors this time: books is created in the same sync.
        Author::list(&c, Author::query()).await?;
        assert!(c.plan::<Author>().await?.is_empty());
        assert!(c.plan::<Book>().await?.is_empty());
        // A fresh client with everything in place: one read per table, no change.
        let fresh = b.client_in(&db);
        b.reset();
        let plan = fresh.sync::<Book>().await?;
        assert!(plan.is_empty(), "{plan}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn nested_create_link_by_id_and_typed_loading_three_levels_deep() {
    on_each_backend(async |b| {
        let db = b.fresh_id("relload");
        let c = b.client_in(&db);
        let france = Country::create(
            &c,
            &Country {
                name: "France".into(),
            },
        )
        .id("fr")
        .await?;
        let publisher = Publisher::create(
            &c,
            &Publisher {
                name: "Gallimard".into(),
                country: Some(Ref::from(&france)),
            },
        )
        .await?;
        // A book with a new author, created in the same request (a nested write).
        let mut camus = author("Camus");
        camus.publisher = Some(Ref::link(publisher.id.clone()));
        let stranger = Book::create(
            &c,
            &book("L'Étranger", Some(Ref::new_with_id("camus", camus))),
        )
        .await?;
        assert_eq!(stranger.author.as_ref().map(Ref::id), Some("camus"));
        assert_eq!(Author::get(&c, "camus").await?.name, "Camus");
        // Linking by ID.
        let plague = Book::create(&c, &book("La Peste", Some("camus".into()))).await?;

        // Without a load, the stored side comes as the ID only.
        let plain = Book::get(&c, &plague.id).await?;
        let link = plain.author.as_ref().expect("the author's ID");
        assert_eq!((link.id(), link.is_loaded()), ("camus", false));

        // Loaded, typed, three levels of rows: book → author → publisher.
        let bc = Book::columns();
        let path = bc.author.then(Author::columns().publisher);
        let loaded = Book::get(&c, &plague.id).load(path).await?;
        let author_row = loaded
            .author
            .as_ref()
            .and_then(Ref::row)
            .expect("loaded author");
        assert_eq!(author_row.name, "Camus");
        let publisher_row = author_row
            .publisher
            .as_ref()
            .and_then(Ref::row)
            .expect("loaded publisher");
        assert_eq!(publisher_row.name, "Gallimard");
        // Starting from the publisher, its country is within reach.
        let gallimard = Publisher::get(&c, &publisher.id)
            .load(Publisher::columns().country)
            .await?;
        let country_row = gallimard
            .country
            .as_ref()
            .and_then(Ref::row)
            .expect("loaded country");
        assert_eq!(
            (country_row.id.as_str(), country_row.name.as_str()),
            ("fr", "France")
        );

        // The same through a list, filtered on the relationship.
        let by_camus = Book::list(
            &c,
            Book::query()
                .filter(bc.author.equal("camus"))
                .order(bc.title.asc())
                .load(bc.author),
        )
        .await?;
        let titles: Vec<&str> = by_camus.rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["L'Étranger", "La Peste"]);
        assert!(
            by_camus
                .rows
                .iter()
                .all(|r| r.author.as_ref().is_some_and(Ref::is_loaded))
        );

        // The to-many side, loaded from the author.
        let camus = Author::get(&c, "camus")
            .load(Author::columns().books)
            .await?;
        let mut books: Vec<&str> = camus
            .books
            .iter()
            .flatten()
            .filter_map(Ref::data)
            .map(|b| b.title.as_str())
            .collect();
        books.sort_unstable();
        assert_eq!(books, ["L'Étranger", "La Peste"]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_bad_nested_row_is_refused_before_sending() {
    on_each_backend(async |b| {
        let db = b.fresh_id("relbad");
        let c = b.client_in(&db);
        Book::list(&c, Book::query()).await?;
        b.reset();
        let long = "x".repeat(65);
        let err = Book::create(&c, &book("Title", Some(Ref::new(author(&long)))))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.starts_with(
                "invalid input for table `books`, column `author`: rule `relationship`: the new \
                 related row `"
            ) && text.ends_with(
                "` is invalid: table `authors`, column `name`: rule `size`: 65 characters is \
                 longer than the column's size of 64"
            ),
            "{text}"
        );
        let err = Book::create(&c, &book("Title", Some(Ref::link("not valid!"))))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("the related row's ID"), "{err}");
        b.expect(&[]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn restrict_cascade_and_set_null() {
    on_each_backend(async |b| {
        let db = b.fresh_id("reldelete");
        let c = b.client_in(&db);
        let ada = Author::create(&c, &author("Ada")).id("ada").await?;
        let mut notes = book("Notes", Some(Ref::from(&ada)));
        notes.chapters = Some(vec![
            Ref::new(Chapter {
                heading: "One".into(),
            }),
            Ref::new(Chapter {
                heading: "Two".into(),
            }),
        ]);
        notes.tags = Some(vec![Ref::new_with_id(
            "math",
            Tag {
                label: "math".into(),
            },
        )]);
        let notes = Book::create(&c, &notes).await?;
        assert_eq!(Chapter::count(&c, Chapter::query()).await?, 2);

        // restrict: the author still has a book.
        let err = Author::delete(&c, "ada").await.unwrap_err();
        assert!(matches!(err, Error::DeleteRestricted { .. }), "{err:?}");
        assert_eq!(err.status(), Some(403));
        assert_eq!(Author::get(&c, "ada").await?.name, "Ada");

        // set-null (many-to-many): deleting the tag unlinks it, the book stays.
        Tag::delete(&c, "math").await?;
        let tagged = Book::get(&c, &notes.id).load(Book::columns().tags).await?;
        assert_eq!(tagged.tags.as_ref().map(Vec::len).unwrap_or(0), 0);

        // cascade: deleting the book deletes its chapters; then the author can go.
        Book::delete(&c, &notes.id).await?;
        assert_eq!(Chapter::count(&c, Chapter::query()).await?, 0);
        Author::delete(&c, "ada").await?;

        // set-null (many-to-one, from the "one" side): the publisher loses its country.
        Country::create(
            &c,
            &Country {
                name: "Chile".into(),
            },
        )
        .id("cl")
        .await?;
        let p = Publisher::create(
            &c,
            &Publisher {
                name: "Zig-Zag".into(),
                country: Some("cl".into()),
            },
        )
        .await?;
        Country::delete(&c, "cl").await?;
        let p = Publisher::get(&c, &p.id).await?;
        assert_eq!(p.country, None);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_drifted_on_delete_is_healed() {
    on_each_backend(async |b| {
        let db = b.fresh_id("relheal");
        let c = b.client_in(&db);
        // Countries and publishers exist, but the relationship says cascade.
        c.sync::<Country>().await?;
        c.databases().get(&db).await?;
        let wrong = [ColumnSchema::new(
            "country",
            ColumnType::Relationship(
                RelationshipSchema::new("countries", Relation::ManyToOne)
                    .on_delete(lazy_appwrite::schema::OnDeleteAction::Cascade),
            ),
        )];
        let name = [ColumnSchema::new(
            "name",
            ColumnType::String {
                size: 64,
                encrypt: false,
            },
        )
        .required(true)];
        // Each column on its own: Appwrite 1.8.1 ignores inline columns.
        c.tables(&db).create("publishers", "publishers").await?;
        let columns = c.columns(&db, "publishers");
        columns.create(&name[0]).await?;
        columns.create(&wrong[0]).await?;
        columns.wait_until_available(&["name", "country"]).await?;

        let plan = c.sync::<Publisher>().await?;
        assert_eq!(plan.changes.len(), 1, "{plan}");
        let column = columns.get("country").await?;
        assert!(
            matches!(
                column.kind,
                ReportedKind::Relationship {
                    on_delete: OnDelete::SetNull,
                    relation_type: RelationType::ManyToOne,
                    ..
                }
            ),
            "{column:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn request_counts_of_a_cold_start_with_related_tables() {
    on_each_backend(async |b| {
        let db = b.fresh_id("relcount");
        let c = b.client_in(&db);
        b.reset();
        Book::list(&c, Book::query()).await?;
        let t = |table: &str| format!("/v1/tablesdb/{db}/tables/{table}");
        let relationship = |table: &str| format!("{}/columns/relationship", t(table));
        let tables = format!("/v1/tablesdb/{db}/tables");
        // Related tables first; books and authors point at each other, so the books'
        // `author` waits until authors exists: the authors' side creates the pair. The
        // first creation asks the server's version. Where columns go inline (1.9.0 and
        // later) a table of plain columns is one request, and a table with relationships is
        // read again and its relationships created after it; on 1.8.1 every column is a
        // request of its own, then one read finds them available.
        let inline = b.has(Feature::InlineColumns).await;
        let mut want: Vec<(&str, String)> = vec![
            ("GET", t("chapters")),
            ("GET", "/v1/health/version".into()),
            ("POST", "/v1/tablesdb".into()),
        ];
        let create = |want: &mut Vec<(&str, String)>, table: &str, relationships: usize| {
            want.push(("POST", tables.clone()));
            if inline && relationships == 0 {
                return;
            }
            if inline {
                want.push(("GET", t(table)));
            }
            want.extend((0..relationships).map(|_| ("POST", relationship(table))));
            if !inline {
                want.push(("POST", format!("{}/columns/string", t(table))));
            }
            want.push(("GET", t(table)));
        };
        create(&mut want, "chapters", 0);
        want.push(("GET", t("tags")));
        create(&mut want, "tags", 0);
        want.push(("GET", t("countries")));
        create(&mut want, "countries", 0);
        want.push(("GET", t("publishers")));
        create(&mut want, "publishers", 1);
        want.push(("GET", t("books")));
        create(&mut want, "books", 2);
        want.push(("GET", t("authors")));
        create(&mut want, "authors", 2);
        want.push(("GET", t("books")));
        want.push(("GET", format!("{}/rows", t("books"))));
        let want: Vec<(&str, &str)> = want.iter().map(|(m, p)| (*m, p.as_str())).collect();
        b.expect(&want);
        // A new client on the same server: one read per table, then the operation.
        let fresh = b.client_in(&db);
        Book::list(&fresh, Book::query()).await?;
        b.expect(&[
            ("GET", &t("chapters")),
            ("GET", &t("tags")),
            ("GET", &t("countries")),
            ("GET", &t("publishers")),
            ("GET", &t("books")),
            ("GET", &t("authors")),
            ("GET", &format!("{}/rows", t("books"))),
        ]);
        // The related tables count as verified: one request each from now on.
        Author::list(&fresh, Author::query()).await?;
        b.expect(&[("GET", &format!("{}/rows", t("authors")))]);
        Ok(())
    })
    .await;
}
