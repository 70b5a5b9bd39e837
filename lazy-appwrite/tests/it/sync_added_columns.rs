//! Columns added to a table that already has rows. Appwrite adds them without touching
//! the rows: a row made before reads `null` in the new column, whether the column has a
//! default or is required. So a field with a default reads the default from a `null`, and
//! a required field without one is refused by the sync (naming the table and column)
//! when the table has rows, before anything is changed. Runs against the emulator, and a
//! real Appwrite when configured.

use crate::support;

use lazy_appwrite::{Error, Model, Table};
use serde::{Deserialize, Serialize};
use support::{Backend, on_each_backend};

/// The first version of the table.
mod v1 {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "notes")]
    pub struct Note {
        #[column(size = 64)]
        pub title: String,
    }
}

#[derive(lazy_appwrite::Enum, Clone, Copy, Debug, PartialEq)]
#[enum_value(rename_all = "lowercase")]
enum Mood {
    Calm,
    Busy,
}

/// Later: new columns with defaults, for fields that cannot be `null` (and one that can).
mod defaulted {
    use lazy_appwrite::{Table, Timestamp};
    use serde::{Deserialize, Serialize};

    use super::Mood;

    #[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[table(id = "notes")]
    pub struct Note {
        #[column(size = 64)]
        pub title: String,
        #[column(size = 16, default = "draft")]
        pub status: String,
        #[column(integer(min = 0, max = 100), default = 7)]
        pub views: i64,
        #[column(default = 0.5)]
        pub weight: f64,
        #[column(default = true)]
        pub shown: bool,
        #[column(default = "calm")]
        pub mood: Mood,
        #[column(default = "2025-06-01T12:00:00.000+00:00")]
        pub since: Timestamp,
        #[column(size = 16, default = "x")]
        pub maybe: Option<String>,
    }
}

/// Later: a required column without a default.
mod required {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "notes")]
    pub struct Note {
        #[column(size = 64)]
        pub title: String,
        #[column(size = 64)]
        pub body: String,
    }
}

async fn with_rows(b: &Backend, prefix: &str, ids: &[&str]) -> lazy_appwrite::Result<String> {
    let db = b.fresh_id(prefix);
    let c = b.client_in(&db);
    v1::Note::list(&c, v1::Note::query()).await?;
    for id in ids {
        let note = v1::Note {
            title: format!("note {id}"),
        };
        v1::Note::create(&c, &note).id(*id).await?;
    }
    Ok(db)
}

#[tokio::test]
async fn old_rows_read_a_new_columns_default_from_null() {
    on_each_backend(async |b| {
        let db = with_rows(b, "defaults", &["a", "b"]).await?;
        // A new process with the new model: the first operation adds the columns.
        let c = b.client_in(&db);
        let a = defaulted::Note::get(&c, "a").await?;

        // The server leaves the new columns `null` in the rows made before...
        let raw = c
            .rows::<serde_json::Value>(db.as_str(), "notes")
            .get("a")
            .await?;
        for key in [
            "status", "views", "weight", "shown", "mood", "since", "maybe",
        ] {
            assert_eq!(raw.data[key], serde_json::Value::Null, "{key}");
        }
        // ...and the model reads the declared defaults (an `Option` reads `None`).
        let since = a.since.as_str().to_owned();
        assert_eq!(
            (
                a.title.as_str(),
                a.status.as_str(),
                a.views,
                a.weight,
                a.shown,
                a.mood
            ),
            ("note a", "draft", 7, 0.5, true, Mood::Calm)
        );
        assert_eq!(since, "2025-06-01T12:00:00.000+00:00");
        assert_eq!(a.maybe, None);

        // Every read: lists, streams, counts with filters, and writes answering the row.
        let page = defaulted::Note::list(&c, defaulted::Note::query()).await?;
        assert_eq!(page.rows.len(), 2);
        assert!(
            page.rows
                .iter()
                .all(|r| r.status == "draft" && r.views == 7)
        );
        let all = defaulted::Note::stream(&c, defaulted::Note::query())
            .collect_all()
            .await?;
        assert_eq!(all.len(), 2);
        let updated = defaulted::Note::update(&c, "b", defaulted::Note::patch().title("B")).await?;
        assert_eq!(
            (updated.title.as_str(), updated.status.as_str()),
            ("B", "draft")
        );

        // A value the row does hold is read as it is.
        let busy =
            defaulted::Note::update(&c, "a", defaulted::Note::patch().mood(Mood::Busy).views(3))
                .await?;
        assert_eq!((busy.mood, busy.views), (Mood::Busy, 3));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_required_column_is_refused_on_a_table_with_rows() {
    on_each_backend(async |b| {
        let db = with_rows(b, "required", &["a"]).await?;
        let c = b.client_in(&db);
        b.reset();
        let err = required::Note::get(&c, "a").await.unwrap_err();
        assert!(
            matches!(&err, Error::SchemaDrift { table, column: Some(col), reason }
                if table == "notes" && col == "body" && reason.contains("already has rows")),
            "{err:?}"
        );
        // One row was looked at, nothing was changed.
        let table = format!("/v1/tablesdb/{db}/tables/notes");
        b.expect(&[("GET", &table), ("GET", &format!("{table}/rows"))]);
        let columns = c.columns(db.as_str(), "notes").list().await?;
        assert!(columns.columns.iter().all(|col| col.key != "body"));

        // The plan says so too.
        let err = c.plan::<required::Note>().await.unwrap_err();
        assert!(
            matches!(&err, Error::SchemaDrift { column: Some(col), .. } if col == "body"),
            "{err:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_required_column_is_added_to_an_empty_table() {
    on_each_backend(async |b| {
        let db = with_rows(b, "reqempty", &[]).await?;
        let c = b.client_in(&db);
        let row = required::Note::create(
            &c,
            &required::Note {
                title: "t".into(),
                body: "b".into(),
            },
        )
        .await?;
        assert_eq!(row.body, "b");
        Ok(())
    })
    .await;
}

#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "plain")]
struct Plain {
    #[column(size = 8)]
    name: String,
}

#[tokio::test]
async fn tables_with_no_new_required_column_cost_no_row_check() {
    on_each_backend(async |b| {
        let db = b.fresh_id("nocheck");
        let c = b.client_in(&db);
        Plain::create(&c, &Plain { name: "x".into() })
            .id("x")
            .await?;
        // A second process finds the table as it should be: one read, no row listed.
        let c = b.client_in(&db);
        b.reset();
        Plain::get(&c, "x").await?;
        let table = format!("/v1/tablesdb/{db}/tables/plain");
        b.expect(&[("GET", &table), ("GET", &format!("{table}/rows/x"))]);
        Ok(())
    })
    .await;
}

#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "liked")]
struct Liked {
    #[column(size = 32)]
    title: String,
    #[column(default = 0)]
    likes: i64,
}

#[tokio::test]
async fn a_read_missing_a_deleted_column_syncs_again_and_retries_once() {
    on_each_backend(async |b| {
        let db = b.fresh_id("healread");
        let c = b.client_in(&db);
        let liked = Liked {
            title: "a".into(),
            likes: 5,
        };
        Liked::create(&c, &liked).id("a").await?;

        // Someone deletes the column behind the client's back; the server's rows then
        // lack it, and the model cannot decode them.
        let columns = c.columns(db.as_str(), "liked");
        columns.delete("likes").await?;
        let mut gone = false;
        for _ in 0..100 {
            if let Err(Error::NotFound { .. }) = columns.get("likes").await {
                gone = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(gone, "the column was deleted");
        let raw = c
            .rows::<serde_json::Value>(db.as_str(), "liked")
            .get("a")
            .await?;
        assert!(raw.data.get("likes").is_none(), "{:?}", raw.data);

        // The read syncs the table again (the column is created, with its default) and is
        // retried once: the row made before reads the default.
        b.reset();
        let row = Liked::get(&c, "a").await?;
        assert_eq!((row.title.as_str(), row.likes), ("a", 0));
        let table = format!("/v1/tablesdb/{db}/tables/liked");
        b.expect(&[
            ("GET", &format!("{table}/rows/a")),
            ("GET", &table),
            ("POST", &format!("{table}/columns/integer")),
            ("GET", &table),
            ("GET", &format!("{table}/rows/a")),
        ]);
        let page = Liked::list(&c, Liked::query()).await?;
        assert_eq!(page.rows.len(), 1);
        Ok(())
    })
    .await;
}
