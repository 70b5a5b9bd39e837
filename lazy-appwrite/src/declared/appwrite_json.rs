//! Models and server tables as an `appwrite.json` (the Appwrite CLI's project file):
//! [`appwrite_json`] writes models' schemas in its format; [`table_entry`] reads a table
//! the server reports into it.

use serde_json::Value;

use lazy_appwrite_core::appwrite_json::link_two_way;
pub use lazy_appwrite_core::appwrite_json::{
    ColumnEntry, DatabaseEntry, Document, IndexEntry, RelationshipEntry, TableEntry,
};

use super::TableSchema;
use crate::response::{ColumnInfo, KindView, ReportedKind, TableInfo};

/// The `tablesDB` and `tables` sections of an `appwrite.json` for these models: each in
/// the database its model names, else in `database`. A two-way relationship is written as
/// a server reports it: the parent side where it is declared, and the partner column in
/// the related table with `side: "child"` (see
/// [`link_two_way`](lazy_appwrite_core::appwrite_json::link_two_way)), also when both models
/// declare a side.
///
/// ```
/// use lazy_appwrite::Table;
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "books", permissions(read("any")), index(key = "by_title", columns(title)))]
/// struct Book {
///     #[column(size = 128)]
///     title: String,
///     #[column(integer(min = 0), default = 0)]
///     stock: i64,
/// }
///
/// let json = lazy_appwrite::schema::appwrite_json(&[Book::SCHEMA], "shop");
/// assert_eq!(json["tablesDB"][0]["$id"], "shop");
/// let table = &json["tables"][0];
/// assert_eq!(table["$permissions"][0], r#"read("any")"#);
/// assert_eq!(table["columns"][1], serde_json::json!({
///     "key": "stock", "type": "integer", "required": false, "array": false,
///     "min": 0, "default": 0}));
/// assert_eq!(table["indexes"][0]["columns"][0], "title");
/// ```
pub fn appwrite_json(schemas: &[&TableSchema], database: &str) -> Value {
    let mut tables: Vec<TableEntry> = schemas
        .iter()
        .map(|s| TableEntry::from_schema(s, database))
        .collect();
    link_two_way(&mut tables);
    let mut databases: Vec<DatabaseEntry> = Vec::new();
    for table in &tables {
        if !databases.iter().any(|d| d.id == table.database_id) {
            databases.push(DatabaseEntry::new(table.database_id.clone()));
        }
    }
    Document::new(databases, tables).to_json()
}

/// A table as the server reports it, as an `appwrite.json` entry. Columns of kinds this
/// crate does not know keep their `type` and `format` only. Fails (naming the field) only
/// on a table the server could not have reported.
///
/// ```
/// let table: lazy_appwrite::response::TableInfo = serde_json::from_str(
///     r#"{"$id":"books","$permissions":[],"databaseId":"shop","name":"Books","enabled":true,
///         "rowSecurity":false,"indexes":[],"columns":[{"key":"n","type":"integer",
///         "status":"available","required":false,"array":false,
///         "min":-9223372036854775808,"max":100,"default":null}]}"#)?;
/// let entry = lazy_appwrite::schema::table_entry(&table).unwrap();
/// assert_eq!(entry.columns[0].max, Some(100.into()));
/// assert_eq!(entry.columns[0].min, None); // the type's own limit: no bound
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn table_entry(table: &TableInfo) -> Result<TableEntry, String> {
    let value = serde_json::json!({
        "$id": table.id,
        "$permissions": table.permissions.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        "databaseId": table.database_id,
        "name": table.name,
        "enabled": table.enabled,
        "rowSecurity": table.row_security,
        "description": table.description,
        "columns": table.columns.iter().map(column_json).collect::<Vec<_>>(),
        "indexes": table.indexes.iter().map(|i| serde_json::json!({
            "key": i.key,
            "type": i.kind.as_str(),
            "columns": i.columns,
            "orders": i.orders,
            "lengths": i.lengths,
        })).collect::<Vec<_>>(),
    });
    TableEntry::from_json(&value)
}

/// A server column in the columns API's shape.
fn column_json(column: &ColumnInfo) -> Value {
    let (view, default) = column.kind.view();
    let (server_type, format) = match (&column.kind, column.kind.info()) {
        (ReportedKind::Other { type_name, format }, _) => (type_name.clone(), format.clone()),
        (_, Some(info)) => (
            info.server_type.to_owned(),
            info.server_format.unwrap_or_default().to_owned(),
        ),
        (_, None) => (column.kind.type_name().to_owned(), String::new()),
    };
    let mut out = serde_json::json!({
        "key": column.key,
        "type": server_type,
        "format": format,
        "required": column.required,
        "array": column.array,
        "default": default,
        "description": column.description,
    });
    let fields = match view {
        KindView::Sized { size, encrypt } => serde_json::json!({"size": size, "encrypt": encrypt}),
        KindView::Text { encrypt } => serde_json::json!({"encrypt": encrypt}),
        KindView::Int { min, max } => serde_json::json!({"min": min, "max": max}),
        KindView::Float { min, max } => serde_json::json!({"min": min, "max": max}),
        KindView::Elements(elements) => serde_json::json!({"elements": elements}),
        KindView::Link(link) => serde_json::json!({
            "relatedTable": link.related_table,
            "relationType": link.relation_type.as_str(),
            "twoWay": link.two_way,
            "twoWayKey": (!link.two_way_key.is_empty()).then_some(link.two_way_key),
            "onDelete": link.on_delete.as_str(),
            "side": link.side.as_str(),
        }),
        _ => Value::Null,
    };
    if let (Value::Object(out), Value::Object(fields)) = (&mut out, fields) {
        out.extend(fields);
    }
    out
}
