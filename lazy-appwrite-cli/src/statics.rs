//! `appwrite.json` tables as the sync engine's `'static` schemas. The engine takes the
//! `'static` schemas `#[derive(Table)]` writes; a schema read from a file is leaked to get
//! there, which is fine in a command that runs once (a few kilobytes per table).

use lazy_appwrite::schema::{
    ColumnEntry, ColumnSchema, ColumnType, DefaultValue, IndexEntry, IndexKind, IndexOrder,
    IndexSchema, OnDeleteAction, Options, Relation, RelationshipEntry, RelationshipSchema,
    TableEntry, TableSchema,
};
use lazy_appwrite_core::Shape;
use serde_json::Value;

use crate::error::{Failure, Result};

fn leak_str(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// The schema of `entry`, without the partner columns of two-way relationships other
/// tables made: creating the relationship on its own side makes them, and the diff of
/// that side covers them.
pub(crate) fn table_schema(entry: &TableEntry) -> Result<&'static TableSchema> {
    let at = |e: String| Failure::new(format!("table `{}`: {e}", entry.id));
    let columns = entry
        .columns
        .iter()
        .filter(|c| {
            !c.relationship
                .as_ref()
                .is_some_and(RelationshipEntry::is_child)
        })
        .map(column_schema)
        .collect::<std::result::Result<Vec<_>, String>>()
        .map_err(at)?;
    let indexes = entry
        .indexes
        .iter()
        .map(index_schema)
        .collect::<std::result::Result<Vec<_>, String>>()
        .map_err(at)?;
    let mut schema = TableSchema::new(leak_str(&entry.id), leak_str(&entry.name))
        .database(leak_str(&entry.database_id))
        .permissions(leak_slice(
            entry.permissions.iter().map(|p| leak_str(p)).collect(),
        ))
        .row_security(entry.row_security)
        .enabled(entry.enabled)
        .columns(leak_slice(columns))
        .indexes(leak_slice(indexes));
    if let Some(description) = &entry.description {
        schema = schema.description(leak_str(description));
    }
    Ok(Box::leak(Box::new(schema)))
}

/// The kind of `column` with its options.
pub(crate) fn column_type(column: &ColumnEntry) -> std::result::Result<ColumnType, String> {
    let info = column.kind().ok_or_else(|| {
        format!(
            "column `{}`: lazy-appwrite does not know Appwrite's column type `{}`",
            column.key, column.server_type
        )
    })?;
    let int = |v: &Option<Value>| v.as_ref().and_then(Value::as_i64);
    let float = |v: &Option<Value>| v.as_ref().and_then(Value::as_f64);
    let options = match info.shape {
        Shape::Sized => Options::Sized {
            size: column
                .size
                .ok_or_else(|| format!("column `{}`: a {} needs a size", column.key, info.name))?,
            encrypt: column.encrypt,
        },
        Shape::Text => Options::Text {
            encrypt: column.encrypt,
        },
        Shape::Int => Options::Int {
            min: int(&column.min),
            max: int(&column.max),
        },
        Shape::Float => Options::Float {
            min: float(&column.min),
            max: float(&column.max),
        },
        Shape::Flag => Options::Flag,
        Shape::Time => Options::Time,
        Shape::Formatted => Options::Formatted,
        Shape::Elements => Options::Elements(leak_slice(
            column.elements.iter().map(|e| leak_str(e)).collect(),
        )),
        Shape::Spatial => Options::Spatial,
        Shape::Link => {
            let rel = column.relationship.as_ref().ok_or_else(|| {
                format!(
                    "column `{}`: a relationship needs `relatedTable`",
                    column.key
                )
            })?;
            Options::Link(relationship(rel).map_err(|e| format!("column `{}`: {e}", column.key))?)
        }
    };
    ColumnType::new(info.name, options)
        .ok_or_else(|| format!("column `{}`: the options do not fit its kind", column.key))
}

fn column_schema(column: &ColumnEntry) -> std::result::Result<ColumnSchema, String> {
    let kind = column_type(column)?;
    let mut schema = ColumnSchema::new(leak_str(&column.key), kind)
        .required(column.required)
        .array(column.array);
    if let Some(default) = default_value(kind, &column.default) {
        schema = schema.default_value(default);
    }
    if let Some(description) = &column.description {
        schema = schema.description(leak_str(description));
    }
    Ok(schema)
}

/// The default `value` as a model writes it for a column of kind `kind` (`None`: no
/// default, or one a model cannot declare, such as a geometry of another shape).
pub(crate) fn default_value(kind: ColumnType, value: &Value) -> Option<DefaultValue> {
    match (kind.options(), value) {
        (Options::Link(_), _) | (_, Value::Null) => None,
        (Options::Spatial, v) => geometry(kind, v),
        (Options::Int { .. }, v) => v.as_i64().map(DefaultValue::Integer),
        (Options::Float { .. }, v) => v.as_f64().map(DefaultValue::Float),
        (Options::Flag, v) => v.as_bool().map(DefaultValue::Boolean),
        (_, Value::String(s)) => Some(DefaultValue::String(leak_str(s))),
        _ => None,
    }
}

/// A geometry default of spatial kind `kind`: a point `[lon, lat]`, a line (a list of
/// points) or a polygon (a list of rings, or its one ring), as the columns API reports them.
fn geometry(kind: ColumnType, value: &Value) -> Option<DefaultValue> {
    fn point(value: &Value) -> Option<[f64; 2]> {
        match value.as_array()?.as_slice() {
            [lon, lat] => Some([lon.as_f64()?, lat.as_f64()?]),
            _ => None,
        }
    }
    fn points(value: &Value) -> Option<&'static [[f64; 2]]> {
        let points: Option<Vec<[f64; 2]>> = value.as_array()?.iter().map(point).collect();
        points.map(leak_slice)
    }
    match kind {
        ColumnType::Point => point(value).map(DefaultValue::Point),
        ColumnType::Line => points(value).map(DefaultValue::Line),
        ColumnType::Polygon => {
            let value = lazy_appwrite_core::rules::polygon_rings(value);
            let rings: Option<Vec<_>> = value.as_array()?.iter().map(points).collect();
            rings.map(|rings| DefaultValue::Polygon(leak_slice(rings)))
        }
        _ => None,
    }
}

/// The relationship of `rel`, seen from the table that holds the column: a partner
/// column reports the kind its creator declared, so it is mirrored.
pub(crate) fn relationship(
    rel: &RelationshipEntry,
) -> std::result::Result<RelationshipSchema, String> {
    let relation = match rel.relation_type.as_str() {
        "oneToOne" => Relation::OneToOne,
        "manyToOne" => Relation::ManyToOne,
        "oneToMany" => Relation::OneToMany,
        "manyToMany" => Relation::ManyToMany,
        other => return Err(format!("unknown relationType `{other}`")),
    };
    let relation = if rel.is_child() {
        relation.mirrored()
    } else {
        relation
    };
    let on_delete = match rel.on_delete.as_str() {
        "restrict" => OnDeleteAction::Restrict,
        "cascade" => OnDeleteAction::Cascade,
        "setNull" => OnDeleteAction::SetNull,
        other => return Err(format!("unknown onDelete `{other}`")),
    };
    let mut schema = RelationshipSchema::new(leak_str(&rel.related_table), relation)
        .on_delete(on_delete)
        .two_way_flag(rel.two_way);
    if let (true, Some(key)) = (rel.two_way, &rel.two_way_key) {
        schema = schema.two_way(leak_str(key));
    }
    Ok(schema)
}

fn index_schema(index: &IndexEntry) -> std::result::Result<IndexSchema, String> {
    let kind = match index.kind.as_str() {
        "key" => IndexKind::Key,
        "unique" => IndexKind::Unique,
        "fulltext" => IndexKind::Fulltext,
        other => {
            return Err(format!(
                "index `{}`: lazy-appwrite does not know index type `{other}`",
                index.key
            ));
        }
    };
    let orders = index
        .orders
        .iter()
        .map(|o| match o.to_ascii_uppercase().as_str() {
            "DESC" => IndexOrder::Desc,
            _ => IndexOrder::Asc,
        })
        .collect();
    Ok(IndexSchema::new(
        leak_str(&index.key),
        kind,
        leak_slice(index.columns.iter().map(|c| leak_str(c)).collect()),
    )
    .orders(leak_slice(orders))
    .lengths(leak_slice(index.lengths.clone())))
}

#[cfg(test)]
mod tests {
    use lazy_appwrite::schema::{ColumnType, DefaultValue};
    use serde_json::json;

    use super::default_value;

    #[test]
    fn a_polygon_default_reported_as_its_one_ring_is_that_ring() {
        let ring = [[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]];
        let one_ring = json!([[0, 0], [0, 1], [1, 1], [0, 0]]);
        let rings = json!([[[0, 0], [0, 1], [1, 1], [0, 0]]]);
        for reported in [one_ring, rings] {
            match default_value(ColumnType::Polygon, &reported) {
                Some(DefaultValue::Polygon([only])) => assert_eq!(*only, ring),
                other => panic!("{reported} read as {other:?}"),
            }
        }
    }
}
