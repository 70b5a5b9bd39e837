//! Rows written straight to JSON: the text serialising [`StoredRow::render`]'s answer
//! gives, without building that answer first (an answer of a hundred rows is a few
//! thousand small allocations fewer).

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::rows::{StoredRow, shown};
use crate::schema::TableMeta;

/// A stored row as its `Row` model, for a serializer: the fields and their order of
/// [`StoredRow::render`] with every column.
pub struct RowModel<'a> {
    /// The row.
    pub row: &'a StoredRow,
    /// Its table.
    pub table: &'a TableMeta,
    /// Whether `$sequence` is written as a string (the 1.9 format).
    pub format_1_9: bool,
}

impl RowModel<'_> {
    /// Whether the model can be written field by field: no column key repeats a system
    /// field's name, which a rendered map would overwrite in place. Column keys cannot
    /// start with `$`, so this always holds for rows the store wrote.
    pub fn writes_directly(row: &StoredRow) -> bool {
        row.values
            .keys()
            .chain(row.links.keys())
            .all(|key| !key.starts_with('$'))
    }
}

impl Serialize for RowModel<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (row, table) = (self.row, self.table);
        let mut map = serializer.serialize_map(Some(7 + row.values.len() + row.links.len()))?;
        map.serialize_entry("$id", &row.id)?;
        if self.format_1_9 {
            map.serialize_entry("$sequence", &row.seq.to_string())?;
        } else {
            map.serialize_entry("$sequence", &row.seq)?;
        }
        map.serialize_entry("$tableId", &table.id)?;
        map.serialize_entry("$databaseId", &table.database.id)?;
        map.serialize_entry("$createdAt", &row.created_at)?;
        map.serialize_entry("$updatedAt", &row.updated_at)?;
        map.serialize_entry("$permissions", &row.permissions)?;
        for (key, value) in row.values.iter().chain(&row.links) {
            map.serialize_entry(key, &shown(table, key, value))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    use super::RowModel;
    use crate::query::plan::tests::{column, table};
    use crate::schema::ColumnKind;
    use crate::store::rows::StoredRow;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("the fixtures are objects"),
        }
    }

    /// Written directly, a row reads exactly as its rendered answer serialised: unset
    /// arrays, polygons, floats, links, escapes and both `$sequence` formats.
    #[test]
    fn a_row_written_directly_matches_its_rendered_answer() {
        let mut table = table();
        table.columns.push(column(15, "area", ColumnKind::Polygon));
        let rows = [
            StoredRow {
                seq: 7,
                id: "r\"1".into(),
                created_at: "2024-01-01T00:00:00.000+00:00".into(),
                updated_at: "2024-01-02T00:00:00.000+00:00".into(),
                permissions: vec!["read(\"any\")".into(), "update(\"user:x\")".into()],
                values: object(json!({
                    "title": "ünï \\ code\n", "count": 3, "tags": null, "price": 2.5,
                    "flag": true, "body": null, "when": "2024-01-01T00:00:00.000+00:00",
                    "nums": [1, 2], "place": [1.0, 2.0],
                    "area": [[[0, 0], [1, 1], [2, 0], [0, 0]], [[0.5, 0.5], [0.6, 0.6], [0.5, 0.5]]]
                })),
                links: object(json!({"author": "a1"})),
            },
            StoredRow {
                seq: i64::MAX,
                id: "r2".into(),
                created_at: String::new(),
                updated_at: String::new(),
                permissions: Vec::new(),
                values: object(json!({"tags": ["x"], "nums": null, "area": null, "price": 1e300})),
                links: Map::new(),
            },
        ];
        for format_1_9 in [false, true] {
            for row in &rows {
                assert!(RowModel::writes_directly(row));
                let direct = serde_json::to_vec(&RowModel {
                    row,
                    table: &table,
                    format_1_9,
                })
                .expect("a row serialises");
                let rendered = serde_json::to_vec(&row.render(&table, format_1_9, None))
                    .expect("a value serialises");
                assert_eq!(
                    String::from_utf8_lossy(&direct),
                    String::from_utf8_lossy(&rendered)
                );
            }
        }
    }
}
