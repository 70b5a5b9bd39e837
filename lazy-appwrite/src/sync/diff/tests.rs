//! The diff's unit tests: server answers as JSON against a declared table.

use super::super::plan::Change;
use super::super::step::Await;
use super::*;
use crate::schema::{ColumnSchema, ColumnType, DefaultValue, IndexKind, IndexOrder, IndexSchema};

/// Each step as `request → waits`, in order.
fn shown_steps(d: &Diff) -> Vec<String> {
    d.steps
        .iter()
        .map(|step| format!("{:?} → {:?}", step.request, step.waits))
        .collect()
}

fn table(json: serde_json::Value) -> TableInfo {
    serde_json::from_value(json).unwrap()
}

const COLUMNS: &[ColumnSchema] = &[
    ColumnSchema::new(
        "name",
        ColumnType::String {
            size: 64,
            encrypt: false,
        },
    )
    .required(true),
    ColumnSchema::new(
        "role",
        ColumnType::Enum {
            elements: &["reader", "editor"],
        },
    )
    .default_value(DefaultValue::String("reader")),
    ColumnSchema::new(
        "score",
        ColumnType::Float {
            min: None,
            max: None,
        },
    ),
];
const INDEXES: &[IndexSchema] =
    &[IndexSchema::new("by_name", IndexKind::Key, &["name"]).orders(&[IndexOrder::Asc])];
static SCHEMA: TableSchema = TableSchema::new("users", "Users")
    .permissions(&[
        r#"read("any")"#,
        r#"create("users")"#,
        r#"update("users")"#,
        r#"delete("users")"#,
    ])
    .columns(COLUMNS)
    .indexes(INDEXES);

fn server() -> serde_json::Value {
    serde_json::json!({
        "$id": "users", "name": "Users", "enabled": true, "rowSecurity": false,
        "$permissions": [r#"write("users")"#, r#"read("any")"#],
        "columns": [
            {"key": "name", "type": "string", "status": "available", "required": true,
             "array": false, "size": 64, "default": null},
            {"key": "role", "type": "string", "format": "enum", "status": "available",
             "required": false, "array": false, "elements": ["reader", "editor"],
             "default": "reader", "size": 255},
            {"key": "score", "type": "double", "status": "available", "required": false,
             "array": false, "min": -1.7976931348623157e308, "max": 1.7976931348623157e308,
             "default": null},
        ],
        "indexes": [{"key": "by_name", "type": "key", "status": "available",
                     "columns": ["name"], "orders": ["ASC"], "lengths": [null]}],
    })
}

#[test]
fn a_create_request_carries_at_most_100_columns() {
    let columns: Vec<ColumnSchema> = (0..105)
        .map(|i| {
            let key: &'static str = Box::leak(format!("c{i}").into_boxed_str());
            ColumnSchema::new(key, ColumnType::Boolean)
        })
        .collect();
    let columns: &'static [ColumnSchema] = Box::leak(columns.into_boxed_slice());
    const INDEXES: &[IndexSchema] = &[
        IndexSchema::new("first", IndexKind::Key, &["c0", "$createdAt"]),
        IndexSchema::new("last", IndexKind::Key, &["c104"]),
    ];
    let schema = TableSchema::new("wide", "wide")
        .columns(columns)
        .indexes(INDEXES);
    let changes = missing_table(&schema, true);
    let Change::CreateTable {
        columns, indexes, ..
    } = &changes[0]
    else {
        panic!("{changes:?}")
    };
    assert_eq!(
        (columns.len(), indexes.as_slice()),
        (100, &["first".to_owned()][..])
    );
    assert_eq!(changes.len(), 1 + 5 + 1);
    assert_eq!(
        changes[6],
        Change::CreateIndex {
            index: "last".into()
        }
    );
}

#[test]
fn a_matching_table_needs_nothing() {
    let d = diff(&SCHEMA, &table(server()), Mode::Additive).unwrap();
    assert!(d.is_settled(), "{:?}", d.steps);
    assert!(d.notes.is_empty());
}

#[test]
fn permissions_compare_as_expanded_sets() {
    let mut s = server();
    s["$permissions"] = serde_json::json!([
        r#"delete("users")"#,
        r#"read("any")"#,
        r#"update("users")"#,
        r#"create("users")"#
    ]);
    assert!(
        diff(&SCHEMA, &table(s.clone()), Mode::Additive)
            .unwrap()
            .is_settled()
    );
    s["$permissions"] = serde_json::json!([r#"read("any")"#]);
    s["rowSecurity"] = true.into();
    let d = diff(&SCHEMA, &table(s), Mode::Additive).unwrap();
    assert_eq!(
        d.changes().collect::<Vec<_>>(),
        [&Change::UpdateTable {
            fields: vec!["permissions".into(), "rowSecurity".into()]
        }]
    );
    assert_eq!(shown_steps(&d), ["Some(UpdateTable) → None"]);
}

#[test]
fn growth_heals_and_shrink_is_drift() {
    let mut s = server();
    s["columns"][0]["size"] = 32.into();
    s["columns"][1]["elements"] = serde_json::json!(["reader", "admin"]);
    let d = diff(&SCHEMA, &table(s.clone()), Mode::Additive).unwrap();
    let shown: Vec<String> = d.changes().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "update column `name`: size 32 → 64",
            "update column `role`: add element(s) `editor`"
        ]
    );
    assert_eq!(
        d.notes,
        [Note::ExtraEnumElements {
            column: "role".into(),
            elements: vec!["admin".into()]
        }]
    );
    s["columns"][0]["size"] = 128.into();
    let err = diff(&SCHEMA, &table(s), Mode::Additive).unwrap_err();
    assert!(
        matches!(&err, Error::SchemaDrift { column: Some(c), .. } if c == "name"),
        "{err}"
    );
}

#[test]
fn kinds_compare_as_the_server_reports_them() {
    let mut s = server();
    s["columns"][1]["format"] = "".into();
    let err = diff(&SCHEMA, &table(s), Mode::Additive).unwrap_err();
    assert!(err.to_string().contains("`string/enum`"), "{err}");
}

#[test]
fn a_changed_index_is_recreated_after_the_old_one_is_gone() {
    let mut s = server();
    s["indexes"][0]["type"] = "unique".into();
    let d = diff(&SCHEMA, &table(s), Mode::Additive).unwrap();
    // Deleted first, waited for until gone, created again last; the recreation is the
    // change shown.
    assert_eq!(
        shown_steps(&d),
        [
            "Some(DeleteIndex(by_name)) → Some(IndexGone(\"by_name\"))",
            "Some(CreateIndexWhenReady(by_name)) → None",
        ]
    );
    assert_eq!(d.steps[0].waits, Some(Await::IndexGone("by_name".into())));
    assert!(d.steps[0].change.is_none());
    assert!(matches!(
        &d.steps[1].change,
        Some(Change::RecreateIndex { index, .. }) if index == "by_name"
    ));
}

#[test]
fn extras_are_reported_or_dropped_when_asked() {
    let mut s = server();
    s["columns"].as_array_mut().unwrap().push(serde_json::json!(
        {"key": "legacy", "type": "boolean", "status": "available", "required": true, "array": false}));
    let d = diff(&SCHEMA, &table(s.clone()), Mode::Additive).unwrap();
    assert!(d.is_settled());
    assert_eq!(
        d.notes,
        [Note::ExtraColumn {
            column: "legacy".into(),
            required: true
        }]
    );
    let d = diff(&SCHEMA, &table(s), Mode::Destructive).unwrap();
    assert_eq!(
        shown_steps(&d),
        ["Some(DeleteColumn(legacy)) → Some(ColumnGone(\"legacy\"))"]
    );
    assert!(d.notes.is_empty());
}
