//! Rows decode in one pass, with the system fields split from the model's, and `null`
//! read as a column's default inside a decode scope.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::response::{Row, RowList};

const ROW_18: &str = r#"{"$id":"row-1","$sequence":42,"$tableId":"books","$databaseId":"testdb",
    "$createdAt":"2026-11-22T19:46:00.304+00:00","$updatedAt":"2026-11-22T19:46:00.304+00:00",
    "$permissions":["read(\"any\")"],"title":"hello","count":1,"nothing":null}"#;
const ROW_19: &str = r#"{"$id":"row-1","$sequence":"42","$tableId":"books","$databaseId":"testdb",
    "$createdAt":"2026-11-22T19:46:00.304+00:00","$updatedAt":"2026-11-22T19:46:00.304+00:00",
    "$permissions":["read(\"any\")"],"title":"hello","count":1,"nothing":null}"#;

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Strict {
    title: String,
    count: i64,
    nothing: Option<String>,
}

mod with_defaults {
    use serde::Deserialize;

    use crate::response::Row;
    use crate::response::{DecodeScope, Defaults};
    use lazy_appwrite_core::{ColumnSchema, ColumnType, DefaultValue, TableSchema};

    static NOTES: TableSchema = TableSchema::new("notes", "notes").columns(&[
        ColumnSchema::new(
            "title",
            ColumnType::String {
                size: 8,
                encrypt: false,
            },
        )
        .default_value(DefaultValue::String("draft")),
        ColumnSchema::new(
            "views",
            ColumnType::Integer {
                min: None,
                max: None,
            },
        )
        .default_value(DefaultValue::Integer(7)),
        ColumnSchema::new(
            "maybe",
            ColumnType::Integer {
                min: None,
                max: None,
            },
        )
        .default_value(DefaultValue::Integer(1)),
    ]);

    #[derive(Deserialize, Debug, PartialEq)]
    struct Note {
        title: String,
        views: i64,
        maybe: Option<i64>,
        #[serde(default)]
        inner: Option<Box<Row<Note>>>,
    }

    const OLD: &str = r#"{"$id":"a","title":null,"views":null,"maybe":null,
        "inner":{"$id":"b","title":"x","views":1,"maybe":null}}"#;

    #[test]
    fn null_reads_as_the_default_in_the_tables_own_rows_only() {
        let row: Row<Note> = {
            let _scope = DecodeScope::enter(Defaults::of(&NOTES));
            serde_json::from_str(OLD).unwrap_or_else(|e| panic!("{e}"))
        };
        assert_eq!(
            (row.title.as_str(), row.views, row.maybe),
            ("draft", 7, None)
        );
        // A row nested in it is another table's: its `null` stays an error.
        let err = {
            let _scope = DecodeScope::enter(Defaults::of(&NOTES));
            serde_json::from_str::<Row<Note>>(
                r#"{"$id":"a","title":"t","views":1,"maybe":2,
                    "inner":{"$id":"b","title":"x","views":null,"maybe":null}}"#,
            )
            .unwrap_err()
        };
        assert!(err.to_string().contains("invalid type: null"), "{err}");
        // Values that are there are read as they are; out of a scope, nothing changes.
        let _scope = DecodeScope::enter(Defaults::of(&NOTES));
        let row: Row<Note> =
            serde_json::from_str(r#"{"$id":"a","title":"t","views":3,"maybe":2}"#).unwrap();
        assert_eq!(
            (row.title.as_str(), row.views, row.maybe),
            ("t", 3, Some(2))
        );
        drop(_scope);
        assert!(serde_json::from_str::<Row<Note>>(OLD).is_err());
    }
}

#[test]
fn both_formats_decode_into_a_strict_struct() {
    for json in [ROW_18, ROW_19] {
        let row: Row<Strict> = serde_json::from_str(json).unwrap();
        assert_eq!(row.id, "row-1");
        assert_eq!(row.sequence, Some(42));
        assert_eq!(row.table_id, "books");
        assert_eq!(row.database_id, "testdb");
        assert_eq!(row.permissions[0].as_str(), r#"read("any")"#);
        assert_eq!(
            row.created_at
                .as_ref()
                .unwrap()
                .unix_millis()
                .map(|m| m % 1000),
            Some(304)
        );
        assert_eq!(
            row.data,
            Strict {
                title: "hello".into(),
                count: 1,
                nothing: None
            }
        );
    }
}

#[test]
fn struct_can_name_system_fields_itself() {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct WithId {
        #[serde(rename = "$id")]
        id: String,
        #[serde(rename = "$sequence")]
        seq: String,
        #[serde(rename = "$permissions")]
        perms: Vec<String>,
        title: String,
        count: i64,
        nothing: Option<i64>,
    }
    let row: Row<WithId> = serde_json::from_str(ROW_19).unwrap();
    assert_eq!(
        (row.id.as_str(), row.data.id.as_str(), row.data.seq.as_str()),
        ("row-1", "row-1", "42")
    );
    assert_eq!(row.data.perms, [r#"read("any")"#]);
    assert_eq!(row.sequence, Some(42));
}

#[test]
fn maps_and_values_see_every_key() {
    let row: Row<BTreeMap<String, serde_json::Value>> = serde_json::from_str(ROW_18).unwrap();
    assert_eq!(row.data["$sequence"], 42);
    assert_eq!(row.data["title"], "hello");
    let row: Row<serde_json::Value> = serde_json::from_str(ROW_19).unwrap();
    assert_eq!(row.data["$id"], "row-1");
}

#[test]
fn flatten_and_unit_work() {
    #[derive(Deserialize)]
    struct Flat {
        title: String,
        #[serde(flatten)]
        rest: BTreeMap<String, serde_json::Value>,
    }
    let row: Row<Flat> = serde_json::from_str(ROW_18).unwrap();
    assert_eq!(row.data.title, "hello");
    assert!(row.data.rest.contains_key("count"));
    let row: Row<()> = serde_json::from_str(ROW_19).unwrap();
    assert_eq!(row.sequence, Some(42));
}

#[test]
fn system_fields_after_data_are_still_collected() {
    let json = r#"{"title":"t","count":2,"nothing":"x","$id":"late","$sequence":7}"#;
    let row: Row<Strict> = serde_json::from_str(json).unwrap();
    assert_eq!((row.id.as_str(), row.sequence), ("late", Some(7)));
}

#[test]
fn staged_rows_with_missing_system_fields_decode() {
    let json = r#"{"$id":"tx-row","$tableId":"books","$databaseId":"db","title":"t","count":1,"nothing":null}"#;
    let row: Row<Strict> = serde_json::from_str(json).unwrap();
    assert_eq!(row.sequence, None);
    assert!(row.created_at.is_none() && row.permissions.is_empty());
    let json = r#"{"$id":"x","$sequence":null,"$createdAt":null,"$permissions":null,"title":"t","count":1,"nothing":null}"#;
    assert!(serde_json::from_str::<Row<Strict>>(json).is_ok());
}

#[test]
fn missing_id_and_bad_fields_are_reported() {
    let err = serde_json::from_str::<Row<Strict>>(r#"{"title":"t","count":1,"nothing":null}"#)
        .unwrap_err();
    assert!(err.to_string().contains("$id"), "{err}");
    let body = r#"{"total":2,"rows":[{"$id":"a","title":"t","count":1,"nothing":null},{"$id":"b","title":"t","count":"many","nothing":null}]}"#;
    let mut de = serde_json::Deserializer::from_str(body);
    let err = serde_path_to_error::deserialize::<_, RowList<Strict>>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "rows[1].count");
    let mut de = serde_json::Deserializer::from_str(
        r#"{"$id":"a","title":"t","count":1,"nothing":null,"extra":1}"#,
    );
    let err = serde_path_to_error::deserialize::<_, Row<Strict>>(&mut de).unwrap_err();
    assert!(err.to_string().contains("extra"), "{err}");
}

#[test]
fn bad_sequence_is_an_error() {
    let json = r#"{"$id":"a","$sequence":"abc","title":"t","count":1,"nothing":null}"#;
    assert!(serde_json::from_str::<Row<Strict>>(json).is_err());
}
