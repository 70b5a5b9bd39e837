//! Databases, tables, columns and indexes against the in-process emulator (and a real
//! Appwrite when configured), with the exact requests of each operation.

use crate::support;

use lazy_appwrite::columns::*;
use lazy_appwrite::indexes::Order;
use lazy_appwrite::response::{ColumnStatus, IndexType, OnDelete, RelationType, ReportedKind};
use lazy_appwrite::{Error, Feature, Permission, Query, Role};
use support::on_each_backend;

#[tokio::test]
async fn databases() {
    on_each_backend(async |b| {
        let c = b.client();
        let id = b.fresh_id("shop");
        let one = format!("/v1/tablesdb/{id}");
        b.reset();

        let db = c.databases().create(&id, "Shop").await?;
        assert_eq!(
            (db.id.as_str(), db.name.as_str(), db.enabled),
            (id.as_str(), "Shop", true)
        );
        b.expect(&[("POST", "/v1/tablesdb")]);

        assert_eq!(c.databases().get(&id).await?.name, "Shop");
        b.expect(&[("GET", &one)]);

        let page = c
            .databases()
            .list()
            .query(Query::equal("$id", id.as_str()))
            .await?;
        assert_eq!(page.total, 1);
        assert_eq!(page.databases[0].id, id);
        b.expect(&[("GET", "/v1/tablesdb")]);

        let updated = c
            .databases()
            .update(&id)
            .name("Store")
            .enabled(false)
            .await?;
        assert_eq!((updated.name.as_str(), updated.enabled), ("Store", false));
        b.expect(&[("PUT", &one)]);

        c.databases().delete(&id).await?;
        b.expect(&[("DELETE", &one)]);

        let err = c.databases().get(&id).await.unwrap_err();
        assert!(
            matches!(&err, Error::NotFound { answer } if answer.kind == "database_not_found"),
            "{err:?}"
        );
        b.expect(&[("GET", &one)]);

        let err = c.databases().create("bad id", "X").await.unwrap_err();
        assert!(matches!(err, Error::Validation { .. }));
        b.expect(&[]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn tables() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = b.fresh_id("shop");
        c.databases().create(&db, "Shop").await?;
        let tables = c.tables(&db);
        let list = format!("/v1/tablesdb/{db}/tables");
        let one = format!("{list}/books");
        b.reset();

        let t = tables
            .create("books", "Books")
            .permissions([
                Permission::read(Role::any()),
                Permission::write(Role::users()),
            ])
            .row_security(true)
            .await?;
        assert_eq!(
            (t.id.as_str(), t.database_id.as_str(), t.row_security),
            ("books", db.as_str(), true)
        );
        assert!(t.permissions.iter().any(|p| p.as_str() == r#"read("any")"#));
        b.expect(&[("POST", &list)]);

        let t = tables.get("books").await?;
        assert_eq!(t.name, "Books");
        assert!(t.columns.is_empty() && t.indexes.is_empty());
        b.expect(&[("GET", &one)]);

        let page = tables.list().search("Books").total(true).await?;
        assert_eq!(page.tables.len(), 1);
        b.expect(&[("GET", &list)]);

        let t = tables
            .update("books")
            .name("Novels")
            .row_security(false)
            .await?;
        assert_eq!(
            (t.name.as_str(), t.row_security, t.enabled),
            ("Novels", false, true)
        );
        b.expect(&[("PUT", &one)]);

        let err = tables.create("books", "Again").await.unwrap_err();
        assert!(
            matches!(&err, Error::Conflict { answer } if answer.kind == "table_already_exists"),
            "{err:?}"
        );
        b.expect(&[("POST", &list)]);

        tables.delete("books").await?;
        b.expect(&[("DELETE", &one)]);
        assert!(matches!(
            tables.get("books").await,
            Err(Error::NotFound { .. })
        ));
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn columns_of_every_kind() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = b.fresh_id("shop");
        c.databases().create(&db, "Shop").await?;
        c.tables(&db).create("books", "Books").await?;
        let columns = c.columns(&db, "books");
        let base = format!("/v1/tablesdb/{db}/tables/books/columns");
        b.reset();

        let specs: Vec<Box<dyn ColumnSpec>> = vec![
            Box::new(StringColumn::new("title", 255).required(true)),
            Box::new(StringColumn::new("tags", 64).array(true)),
            Box::new(VarcharColumn::new("code", 32).default("x")),
            Box::new(TextColumn::new("body")),
            Box::new(MediumTextColumn::new("notes")),
            Box::new(LongTextColumn::new("essay")),
            Box::new(IntegerColumn::new("count").min(0).max(1000).default(0)),
            Box::new(FloatColumn::new("price").min(0.0).max(99999.99).default(1.5)),
            Box::new(BooleanColumn::new("published").default(false)),
            Box::new(DatetimeColumn::new("publishedAt")),
            Box::new(EmailColumn::new("authorEmail")),
            Box::new(UrlColumn::new("site")),
            Box::new(IpColumn::new("ip")),
            Box::new(EnumColumn::new("genre", ["fiction", "science"]).default("fiction")),
            Box::new(PointColumn::new("location")),
            Box::new(LineColumn::new("route")),
            Box::new(PolygonColumn::new("area")),
        ];
        // The text kinds came with Appwrite 1.9.0; before, they are refused locally
        // (their routes do not exist on 1.8.1), after one question for the version.
        let text_kinds = b.has(Feature::TextColumnKinds).await;
        let (specs, gated): (Vec<_>, Vec<_>) = specs
            .into_iter()
            .partition(|spec| text_kinds || Feature::for_column_kind(spec.kind()).is_none());
        for (i, spec) in gated.iter().enumerate() {
            let err = columns.create(spec.as_ref()).await.unwrap_err();
            assert!(
                matches!(&err, Error::Unsupported { feature: Feature::TextColumnKinds, column: Some(k), .. } if k == spec.key()),
                "{err:?}"
            );
            let asked: &[(&str, &str)] = if i == 0 { &[("GET", "/v1/health/version")] } else { &[] };
            b.expect(asked);
        }
        for spec in &specs {
            let column = columns.create(spec.as_ref()).await?;
            assert_eq!(column.key, spec.key());
            assert!(matches!(column.status, ColumnStatus::Processing | ColumnStatus::Available));
            let mut want = Vec::new();
            if text_kinds && spec.kind() == "varchar" {
                // The first text kind asks the server's version, once per client.
                want.push(("GET", "/v1/health/version".to_owned()));
            }
            want.push(("POST", format!("{base}/{}", spec.kind())));
            let want: Vec<(&str, &str)> = want.iter().map(|(m, p)| (*m, p.as_str())).collect();
            b.expect(&want);
        }
        let keys: Vec<&str> = specs.iter().map(|s| s.key()).collect();
        columns.wait_until_available(&keys).await?;
        b.reset();

        let title = columns.get("title").await?;
        assert!(matches!(title.kind, ReportedKind::String { size: 255, .. }) && title.required);
        b.expect(&[("GET", &format!("{base}/title"))]);
        assert!(matches!(columns.get("price").await?.kind, ReportedKind::Float { default: Some(1.5), .. }));
        assert!(matches!(columns.get("authorEmail").await?.kind, ReportedKind::Email { .. }));
        assert!(matches!(&columns.get("genre").await?.kind, ReportedKind::Enum { elements, .. } if elements.len() == 2));
        assert!(matches!(columns.get("count").await?.kind, ReportedKind::Integer { min: Some(0), max: Some(1000), default: Some(0), .. }));
        assert!(matches!(columns.get("route").await?.kind, ReportedKind::Line { .. }));
        b.reset();

        let page = columns.list().query(Query::limit(100)).await?;
        assert_eq!(page.total, specs.len() as u64);
        b.expect(&[("GET", &base)]);

        let title = columns.update(&StringColumn::new("title", 300).required(false).default("Untitled")).await?;
        assert!(matches!(&title.kind, ReportedKind::String { size: 300, default: Some(d), .. } if d == "Untitled"));
        b.expect(&[("PATCH", &format!("{base}/string/title"))]);

        let count = columns.update(&IntegerColumn::new("count").min(0).max(10).default(5)).await?;
        assert!(matches!(count.kind, ReportedKind::Integer { max: Some(10), default: Some(5), .. }));
        b.expect(&[("PATCH", &format!("{base}/integer/count"))]);

        let renamed = columns.rename(&BooleanColumn::new("published"), "isPublished").await?;
        assert_eq!(renamed.key, "isPublished");
        b.expect(&[("PATCH", &format!("{base}/boolean/published"))]);

        columns.delete("ip").await?;
        b.expect(&[("DELETE", &format!("{base}/ip"))]);

        let err = columns.create(&StringColumn::new("title", 10)).await.unwrap_err();
        assert!(matches!(&err, Error::Conflict { answer } if answer.kind == "column_already_exists"), "{err:?}");
        b.expect(&[("POST", &format!("{base}/string"))]);
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn relationship_columns_are_created() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = b.fresh_id("shop");
        c.databases().create(&db, "Shop").await?;
        c.tables(&db).create("authors", "Authors").await?;
        c.tables(&db).create("books", "Books").await?;
        b.reset();
        let spec = RelationshipColumn::new("authors", RelationType::ManyToOne)
            .key("author")
            .two_way(true)
            .two_way_key("books")
            .on_delete(OnDelete::Cascade);
        let column = c.columns(&db, "books").create(&spec).await?;
        assert!(matches!(&column.kind, ReportedKind::Relationship { related_table, .. } if related_table == "authors"));
        b.expect(&[("POST", &format!("/v1/tablesdb/{db}/tables/books/columns/relationship"))]);
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn relationship_columns_are_updated() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = b.fresh_id("shop");
        c.databases().create(&db, "Shop").await?;
        c.tables(&db).create("authors", "Authors").await?;
        c.tables(&db).create("books", "Books").await?;
        let columns = c.columns(&db, "books");
        columns
            .create(&RelationshipColumn::new("authors", RelationType::ManyToOne).key("author"))
            .await?;
        columns.wait_until_available(&["author"]).await?;
        b.reset();
        let column = columns
            .update_relationship("author", Some(OnDelete::SetNull), None)
            .await?;
        assert!(matches!(
            column.kind,
            ReportedKind::Relationship {
                on_delete: OnDelete::SetNull,
                ..
            }
        ));
        b.expect(&[(
            "PATCH",
            &format!("/v1/tablesdb/{db}/tables/books/columns/author/relationship"),
        )]);
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn indexes() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = b.fresh_id("shop");
        c.databases().create(&db, "Shop").await?;
        c.tables(&db).create("books", "Books").await?;
        let columns = c.columns(&db, "books");
        columns.create(&StringColumn::new("title", 255)).await?;
        columns.create(&IntegerColumn::new("count")).await?;
        columns.wait_until_available(&["title", "count"]).await?;
        let indexes = c.indexes(&db, "books");
        let base = format!("/v1/tablesdb/{db}/tables/books/indexes");
        b.reset();

        let index = indexes
            .create("by_title", IndexType::Key, ["title", "count"])
            .orders([Order::Asc, Order::Desc])
            .await?;
        assert_eq!(
            (index.key.as_str(), &index.kind),
            ("by_title", &IndexType::Key)
        );
        b.expect(&[("POST", &base)]);
        indexes.create("ft", IndexType::Fulltext, ["title"]).await?;
        indexes.create("uniq", IndexType::Unique, ["count"]).await?;
        b.reset();

        indexes
            .wait_until_available(&["by_title", "ft", "uniq"])
            .await?;
        b.reset();

        let index = indexes.get("by_title").await?;
        assert_eq!(index.columns, ["title", "count"]);
        assert_eq!(index.status, ColumnStatus::Available);
        b.expect(&[("GET", &format!("{base}/by_title"))]);

        let page = indexes.list().await?;
        assert_eq!(page.total, 3);
        b.expect(&[("GET", &base)]);

        indexes.delete("uniq").await?;
        b.expect(&[("DELETE", &format!("{base}/uniq"))]);
        let err = indexes.get("missing").await.unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}
