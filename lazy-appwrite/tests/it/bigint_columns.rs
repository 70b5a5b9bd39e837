//! The `bigint` column kind (Appwrite 1.9.5 and later): made through the column builder
//! and through a model, refused on an older server with the version-gate error before
//! anything is created. Runs against the emulator's 1.8.1 and 1.9.6 profiles, and a real
//! Appwrite when configured.

use crate::support;

use lazy_appwrite::columns::{BigIntColumn, ColumnSpec};
use lazy_appwrite::response::ReportedKind;
use lazy_appwrite::{Error, Feature, Model, Table};
use serde::{Deserialize, Serialize};
use support::on_each_backend;

/// A model with a `bigint` column, picked by name.
#[derive(Table, Serialize, Deserialize, Debug, PartialEq)]
#[table(id = "ledger")]
struct Entry {
    #[column(size = 32)]
    label: String,
    #[column(kind = "bigint")]
    cents: i64,
    #[column(kind = "bigint")]
    spare: Option<i64>,
}

#[tokio::test]
async fn the_builder_makes_a_bigint_column_where_the_server_has_the_kind() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = b.fresh_id("big");
        c.databases().create(&db, "Big").await?;
        c.tables(&db).create("kinds", "Kinds").await?;
        let columns = c.columns(&db, "kinds");
        let spec = BigIntColumn::new("bi_range")
            .min(-5_000_000_000)
            .max(5_000_000_000)
            .default(4_000_000_000_i64);
        assert_eq!(
            String::from_utf8(spec.create_body()?).unwrap(),
            r#"{"key":"bi_range","required":false,"min":-5000000000,"max":5000000000,"default":4000000000}"#
        );
        b.reset();
        if !b.has(Feature::BigIntColumns).await {
            let err = columns.create(&spec).await.unwrap_err();
            assert!(
                matches!(&err, Error::Unsupported { feature: Feature::BigIntColumns, column: Some(k), .. } if k == "bi_range"),
                "{err:?}"
            );
            // Only the version question is sent.
            b.expect(&[("GET", "/v1/health/version")]);
            return Ok(());
        }
        let column = columns.create(&spec).await?;
        assert!(
            matches!(
                column.kind,
                ReportedKind::BigInt { min: Some(-5_000_000_000), max: Some(5_000_000_000), default: Some(4_000_000_000), .. }
            ),
            "{column:?}"
        );
        assert_eq!(column.kind.type_name(), "bigint");
        let base = format!("/v1/tablesdb/{db}/tables/kinds/columns");
        b.expect(&[
            ("GET", "/v1/health/version"),
            ("POST", &format!("{base}/bigint")),
        ]);
        columns.wait_until_available(&["bi_range"]).await?;
        let updated = columns
            .update(&BigIntColumn::new("bi_range").min(-10).max(6_000_000_000).default(0_i64))
            .await?;
        assert!(
            matches!(updated.kind, ReportedKind::BigInt { min: Some(-10), max: Some(6_000_000_000), default: Some(0), .. }),
            "{updated:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_model_with_a_bigint_column_syncs_and_holds_64_bit_values() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ledger");
        let c = b.client_in(&db);
        let entry = Entry {
            label: "rent".into(),
            cents: 9_000_000_000,
            spare: None,
        };
        if !b.has(Feature::BigIntColumns).await {
            let err = Entry::create(&c, &entry).id("e1").await.unwrap_err();
            assert!(
                matches!(&err, Error::Unsupported { feature: Feature::BigIntColumns, table, column: Some(k), .. } if table == "ledger" && k == "cents"),
                "{err:?}"
            );
            return Ok(());
        }
        Entry::create(&c, &entry).id("e1").await?;
        assert_eq!(Entry::get(&c, "e1").await?.data, entry);
        let found = Entry::list(&c, Entry::query().filter(Entry::filter(|e| e.cents.gt(8_000_000_000_i64))))
            .await?;
        assert_eq!(found.rows.len(), 1);
        let column = c.columns(&db, "ledger").get("cents").await?;
        assert_eq!(column.kind.type_name(), "bigint");
        Ok(())
    })
    .await;
}
