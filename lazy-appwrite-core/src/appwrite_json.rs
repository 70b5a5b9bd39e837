//! The `tables` section of an `appwrite.json` (the Appwrite CLI's project file), as owned
//! data: [`TableEntry`], [`ColumnEntry`], [`IndexEntry`], read from and written to JSON,
//! and built from a model's [`TableSchema`].
//!
//! A table entry holds `$id`, `$permissions`, `databaseId`, `name`, `enabled`,
//! `rowSecurity`, `columns` and `indexes`; a column holds the fields the columns API
//! reports (`key`, `type`, `format`, `required`, `array`, `size`, `min`, `max`, `default`,
//! `elements`, `encrypt`, `relatedTable`, `relationType`, `twoWay`, `twoWayKey`,
//! `onDelete`, `side`); an index `key`, `type`, `columns`, `orders` and `lengths`. The
//! databases live in the file's `tablesDB` list (`databases` in older files).
//!
//! ```
//! use lazy_appwrite_core::appwrite_json::TableEntry;
//! use lazy_appwrite_core::{ColumnSchema, ColumnType, TableSchema};
//!
//! const COLUMNS: &[ColumnSchema] = &[ColumnSchema::new("title", ColumnType::String { size: 64, encrypt: false }).required(true)];
//! const BOOKS: TableSchema = TableSchema::new("books", "Books").columns(COLUMNS);
//! let entry = TableEntry::from_schema(&BOOKS, "shop");
//! let json = entry.to_json();
//! assert_eq!(json["databaseId"], "shop");
//! assert_eq!(json["columns"][0]["size"], 64);
//! assert_eq!(TableEntry::from_json(&json)?, entry);
//! # Ok::<(), String>(())
//! ```

mod two_way;

use serde_json::{Map, Value, json};

pub use two_way::link_two_way;

use crate::column::{ColumnSchema, DefaultValue, Options};
use crate::kinds::KindInfo;
use crate::table::{IndexSchema, TableSchema};

/// One table of an `appwrite.json`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TableEntry {
    /// `$id`.
    pub id: String,
    /// `databaseId`.
    pub database_id: String,
    /// `name`.
    pub name: String,
    /// `$permissions`, as Appwrite stores them (`read("any")`).
    pub permissions: Vec<String>,
    /// `rowSecurity`.
    pub row_security: bool,
    /// `enabled`.
    pub enabled: bool,
    /// `description`, when there is one.
    pub description: Option<String>,
    /// `columns`, in order.
    pub columns: Vec<ColumnEntry>,
    /// `indexes`.
    pub indexes: Vec<IndexEntry>,
}

/// One column of a [`TableEntry`], as the columns API reports it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ColumnEntry {
    /// `key`.
    pub key: String,
    /// `type` (`string`, `double`, `linestring`, …).
    pub server_type: String,
    /// `format` (`email`, `url`, `ip`, `enum`), when there is one.
    pub format: Option<String>,
    /// `required`.
    pub required: bool,
    /// `array`.
    pub array: bool,
    /// `size`, for the sized kinds.
    pub size: Option<u64>,
    /// `min`, when the range has one (a bound that is the type's own limit is none).
    pub min: Option<Value>,
    /// `max`, likewise.
    pub max: Option<Value>,
    /// `default` (`null`: none).
    pub default: Value,
    /// `elements`, for enums.
    pub elements: Vec<String>,
    /// `encrypt`.
    pub encrypt: bool,
    /// `description`, when there is one.
    pub description: Option<String>,
    /// The relationship's settings, for `relationship` columns.
    pub relationship: Option<RelationshipEntry>,
}

/// The relationship fields of a [`ColumnEntry`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RelationshipEntry {
    /// `relatedTable`.
    pub related_table: String,
    /// `relationType` (`manyToOne`, …), as the side that created it made it.
    pub relation_type: String,
    /// `twoWay`.
    pub two_way: bool,
    /// `twoWayKey`, when there is one.
    pub two_way_key: Option<String>,
    /// `onDelete` (`restrict`, `cascade`, `setNull`).
    pub on_delete: String,
    /// `side`: `parent` where it was created, `child` for a two-way partner.
    pub side: String,
}

impl RelationshipEntry {
    /// Whether this column is the two-way partner of a relationship another table made.
    pub fn is_child(&self) -> bool {
        self.side == "child"
    }
}

/// One index of a [`TableEntry`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IndexEntry {
    /// `key`.
    pub key: String,
    /// `type` (`key`, `unique`, `fulltext`).
    pub kind: String,
    /// `columns`.
    pub columns: Vec<String>,
    /// `orders` (`ASC`/`DESC`, either case), one per column or none.
    pub orders: Vec<String>,
    /// `lengths`, one per column or none (`None`: the column's size).
    pub lengths: Vec<Option<u64>>,
}

impl ColumnEntry {
    /// The kind-table entry of this column's `type` and `format`.
    ///
    /// ```
    /// use lazy_appwrite_core::appwrite_json::ColumnEntry;
    /// let c = ColumnEntry::from_json(&serde_json::json!({"key": "e", "type": "string", "format": "email"}))?;
    /// assert_eq!(c.kind().map(|k| k.name), Some("email"));
    /// # Ok::<(), String>(())
    /// ```
    pub fn kind(&self) -> Option<&'static KindInfo> {
        KindInfo::reported(&self.server_type, self.format.as_deref().unwrap_or(""))
    }

    /// The entry of a model's column.
    pub fn from_schema(column: &ColumnSchema) -> Self {
        let kind = column.kind;
        let mut entry = Self {
            key: column.key.to_owned(),
            server_type: kind.type_name().to_owned(),
            format: kind.format().map(str::to_owned),
            required: column.required,
            array: column.array,
            size: None,
            min: None,
            max: None,
            default: column
                .default
                .as_ref()
                .map_or(Value::Null, DefaultValue::to_json),
            elements: Vec::new(),
            encrypt: kind.encrypted(),
            description: column.description.map(str::to_owned),
            relationship: None,
        };
        match kind.options() {
            Options::Sized { size, .. } => entry.size = Some(size),
            Options::Int { min, max } => {
                entry.min = min.map(Value::from);
                entry.max = max.map(Value::from);
            }
            Options::Float { min, max } => {
                entry.min = min.map(Value::from);
                entry.max = max.map(Value::from);
            }
            Options::Elements(elements) => {
                entry.elements = elements.iter().map(|e| (*e).to_owned()).collect();
            }
            Options::Link(rel) => {
                entry.relationship = Some(RelationshipEntry {
                    related_table: rel.related_table.to_owned(),
                    relation_type: rel.relation.as_str().to_owned(),
                    two_way: rel.two_way,
                    two_way_key: rel.two_way_key.map(str::to_owned),
                    on_delete: rel.on_delete.as_str().to_owned(),
                    side: "parent".to_owned(),
                });
            }
            _ => {}
        }
        entry
    }

    /// The column as JSON, fields in the columns API's order.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("key".into(), self.key.clone().into());
        out.insert("type".into(), self.server_type.clone().into());
        if let Some(format) = &self.format {
            out.insert("format".into(), format.clone().into());
        }
        out.insert("required".into(), self.required.into());
        out.insert("array".into(), self.array.into());
        if let Some(size) = self.size {
            out.insert("size".into(), size.into());
        }
        if let Some(min) = &self.min {
            out.insert("min".into(), min.clone());
        }
        if let Some(max) = &self.max {
            out.insert("max".into(), max.clone());
        }
        if !self.elements.is_empty() {
            out.insert("elements".into(), self.elements.clone().into());
        }
        if self.relationship.is_none() {
            out.insert("default".into(), self.default.clone());
        }
        if self.encrypt {
            out.insert("encrypt".into(), true.into());
        }
        if let Some(rel) = &self.relationship {
            out.insert("relatedTable".into(), rel.related_table.clone().into());
            out.insert("relationType".into(), rel.relation_type.clone().into());
            out.insert("twoWay".into(), rel.two_way.into());
            out.insert(
                "twoWayKey".into(),
                rel.two_way_key.clone().map_or(Value::Null, Value::from),
            );
            out.insert("onDelete".into(), rel.on_delete.clone().into());
            out.insert("side".into(), rel.side.clone().into());
        }
        if let Some(description) = &self.description {
            out.insert("description".into(), description.clone().into());
        }
        Value::Object(out)
    }

    /// The column from JSON; the message names the field that is wrong.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let key = text(value, "key")?;
        let at = |what: &str| format!("column `{key}`: {what}");
        let server_type = text(value, "type").map_err(|e| at(&e))?;
        let is_int = matches!(server_type.as_str(), "integer" | "bigint");
        let relationship = if server_type == "relationship" {
            Some(RelationshipEntry {
                related_table: text(value, "relatedTable").map_err(|e| at(&e))?,
                relation_type: text(value, "relationType").map_err(|e| at(&e))?,
                two_way: flag(value, "twoWay", false),
                two_way_key: opt_text(value, "twoWayKey"),
                on_delete: opt_text(value, "onDelete").unwrap_or_else(|| "restrict".into()),
                side: opt_text(value, "side").unwrap_or_else(|| "parent".into()),
            })
        } else {
            None
        };
        let elements = match value.get("elements") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|e| {
                    e.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| at("`elements` must hold strings"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(at("`elements` must be a list")),
        };
        Ok(Self {
            format: opt_text(value, "format").filter(|f| !f.is_empty()),
            required: flag(value, "required", false),
            array: flag(value, "array", false),
            size: value.get("size").and_then(Value::as_u64),
            min: bound(value.get("min"), is_int, true),
            max: bound(value.get("max"), is_int, false),
            default: value.get("default").cloned().unwrap_or(Value::Null),
            elements,
            encrypt: flag(value, "encrypt", false),
            description: opt_text(value, "description").filter(|d| !d.is_empty()),
            relationship,
            server_type,
            key,
        })
    }
}

/// A range bound, unless it is missing or the type's own limit (which is what a server
/// reports for a column declared without one).
fn bound(value: Option<&Value>, is_int: bool, is_min: bool) -> Option<Value> {
    let value = value.filter(|v| v.is_number())?;
    let limit = if is_int {
        let limit = if is_min { i64::MIN } else { i64::MAX };
        value.as_i64() == Some(limit)
    } else {
        value.as_f64().is_some_and(|f| f.abs() >= f64::MAX)
    };
    (!limit).then(|| value.clone())
}

impl IndexEntry {
    /// The entry of a model's index.
    pub fn from_schema(index: &IndexSchema) -> Self {
        Self {
            key: index.key.to_owned(),
            kind: index.kind.as_str().to_owned(),
            columns: index.columns.iter().map(|c| (*c).to_owned()).collect(),
            orders: index.orders.iter().map(|o| o.as_str().to_owned()).collect(),
            lengths: index.lengths.to_vec(),
        }
    }

    /// The index as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "key": self.key,
            "type": self.kind,
            "columns": self.columns,
            "orders": self.orders,
            "lengths": self.lengths,
        })
    }

    /// The index from JSON.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let key = text(value, "key")?;
        let at = |what: &str| format!("index `{key}`: {what}");
        Ok(Self {
            kind: text(value, "type").map_err(|e| at(&e))?,
            columns: strings(value, "columns").map_err(|e| at(&e))?,
            orders: strings(value, "orders").map_err(|e| at(&e))?,
            lengths: match value.get("lengths") {
                // A server reports 0 for "the column's size".
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|l| l.as_u64().filter(|l| *l > 0))
                    .collect(),
                _ => Vec::new(),
            },
            key,
        })
    }
}

impl TableEntry {
    /// The entry of a model's table, in database `database` (the model's own, if it names
    /// one).
    pub fn from_schema(schema: &TableSchema, database: &str) -> Self {
        Self {
            id: schema.id.to_owned(),
            database_id: schema.database.unwrap_or(database).to_owned(),
            name: schema.name.to_owned(),
            permissions: schema.permissions.iter().map(|p| (*p).to_owned()).collect(),
            row_security: schema.row_security,
            enabled: schema.enabled,
            description: schema.description.map(str::to_owned),
            columns: schema
                .columns
                .iter()
                .map(ColumnEntry::from_schema)
                .collect(),
            indexes: schema.indexes.iter().map(IndexEntry::from_schema).collect(),
        }
    }

    /// The table as JSON, fields in the Appwrite CLI's order.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("$id".into(), self.id.clone().into());
        out.insert("$permissions".into(), self.permissions.clone().into());
        out.insert("databaseId".into(), self.database_id.clone().into());
        out.insert("name".into(), self.name.clone().into());
        out.insert("enabled".into(), self.enabled.into());
        out.insert("rowSecurity".into(), self.row_security.into());
        if let Some(description) = &self.description {
            out.insert("description".into(), description.clone().into());
        }
        out.insert(
            "columns".into(),
            self.columns.iter().map(ColumnEntry::to_json).collect(),
        );
        out.insert(
            "indexes".into(),
            self.indexes.iter().map(IndexEntry::to_json).collect(),
        );
        Value::Object(out)
    }

    /// The table from JSON (`attributes` is read as `columns` too, as older files name it).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let id = text(value, "$id")?;
        let at = |what: String| format!("table `{id}`: {what}");
        let columns = value
            .get("columns")
            .or_else(|| value.get("attributes"))
            .and_then(Value::as_array)
            .map(|items| items.iter().map(ColumnEntry::from_json).collect())
            .unwrap_or(Ok(Vec::new()))
            .map_err(at)?;
        let indexes = value
            .get("indexes")
            .and_then(Value::as_array)
            .map(|items| items.iter().map(IndexEntry::from_json).collect())
            .unwrap_or(Ok(Vec::new()))
            .map_err(at)?;
        Ok(Self {
            database_id: text(value, "databaseId").map_err(at)?,
            name: opt_text(value, "name").unwrap_or_else(|| id.clone()),
            permissions: strings(value, "$permissions").map_err(at)?,
            row_security: flag(value, "rowSecurity", false)
                || flag(value, "documentSecurity", false),
            enabled: flag(value, "enabled", true),
            description: opt_text(value, "description").filter(|d| !d.is_empty()),
            columns,
            indexes,
            id,
        })
    }
}

/// One database of an `appwrite.json`'s `tablesDB` list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DatabaseEntry {
    /// `$id`.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `enabled`.
    pub enabled: bool,
}

impl DatabaseEntry {
    /// An enabled database named like its ID.
    pub fn new(id: impl Into<String>) -> Self {
        let id = id.into();
        Self {
            name: id.clone(),
            id,
            enabled: true,
        }
    }

    /// The database as JSON.
    pub fn to_json(&self) -> Value {
        json!({"$id": self.id, "name": self.name, "enabled": self.enabled})
    }
}

/// The databases and tables of an `appwrite.json` file.
///
/// ```
/// use lazy_appwrite_core::appwrite_json::Document;
/// let doc = Document::from_json(&serde_json::json!({
///     "projectId": "p",
///     "tablesDB": [{"$id": "shop", "name": "Shop", "enabled": true}],
///     "tables": [{"$id": "books", "databaseId": "shop", "name": "Books", "$permissions": [],
///                 "columns": [{"key": "n", "type": "integer", "min": 0}], "indexes": []}],
/// }))?;
/// assert_eq!(doc.tables[0].columns[0].min, Some(0.into()));
/// assert_eq!(doc.to_json()["projectId"], "p"); // other sections are kept
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Document {
    /// The databases (`tablesDB`).
    pub databases: Vec<DatabaseEntry>,
    /// The tables.
    pub tables: Vec<TableEntry>,
    /// The file's other sections, kept as they are.
    pub rest: Map<String, Value>,
}

impl Document {
    /// A document of these databases and tables.
    pub fn new(databases: Vec<DatabaseEntry>, tables: Vec<TableEntry>) -> Self {
        Self {
            databases,
            tables,
            rest: Map::new(),
        }
    }

    /// The tables of database `database`.
    pub fn tables_in<'a>(&'a self, database: &'a str) -> impl Iterator<Item = &'a TableEntry> {
        self.tables
            .iter()
            .filter(move |t| t.database_id == database)
    }

    /// The document as JSON: the other sections, then `tablesDB` and `tables`.
    pub fn to_json(&self) -> Value {
        let mut out = self.rest.clone();
        out.insert(
            "tablesDB".into(),
            self.databases.iter().map(DatabaseEntry::to_json).collect(),
        );
        out.insert(
            "tables".into(),
            self.tables.iter().map(TableEntry::to_json).collect(),
        );
        Value::Object(out)
    }

    /// The document from JSON (databases from `tablesDB`, or `databases` in older files;
    /// tables from `tables`, or `collections`).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let Value::Object(map) = value else {
            return Err("an appwrite.json holds an object".into());
        };
        let mut rest = map.clone();
        let databases = ["tablesDB", "databases"]
            .iter()
            .find_map(|k| rest.remove(*k))
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(|d| {
                Ok(DatabaseEntry {
                    id: text(d, "$id")?,
                    name: opt_text(d, "name").unwrap_or_default(),
                    enabled: flag(d, "enabled", true),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let tables = ["tables", "collections"]
            .iter()
            .find_map(|k| rest.remove(*k))
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(TableEntry::from_json)
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self {
            databases,
            tables,
            rest,
        })
    }
}

fn text(value: &Value, name: &str) -> Result<String, String> {
    opt_text(value, name).ok_or_else(|| format!("`{name}` must be a string"))
}

fn opt_text(value: &Value, name: &str) -> Option<String> {
    value.get(name).and_then(Value::as_str).map(str::to_owned)
}

fn flag(value: &Value, name: &str, default: bool) -> bool {
    value.get(name).and_then(Value::as_bool).unwrap_or(default)
}

fn strings(value: &Value, name: &str) -> Result<Vec<String>, String> {
    match value.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("`{name}` must hold strings"))
            })
            .collect(),
        Some(_) => Err(format!("`{name}` must be a list")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_limits_are_no_bounds() {
        let c = ColumnEntry::from_json(&json!({"key": "n", "type": "integer",
            "min": i64::MIN, "max": i64::MAX}))
        .unwrap();
        assert_eq!((c.min, c.max), (None, None));
        let f = ColumnEntry::from_json(&json!({"key": "f", "type": "double",
            "min": -f64::MAX, "max": 2.5}))
        .unwrap();
        assert_eq!((f.min, f.max), (None, Some(json!(2.5))));
    }

    #[test]
    fn a_relationship_round_trips() {
        let value = json!({"key": "author", "type": "relationship", "required": false,
            "array": false, "relatedTable": "authors", "relationType": "manyToOne",
            "twoWay": true, "twoWayKey": "books", "onDelete": "cascade", "side": "parent"});
        let c = ColumnEntry::from_json(&value).unwrap();
        assert_eq!(c.to_json(), value);
        assert!(!c.relationship.unwrap().is_child());
    }

    #[test]
    fn a_table_without_database_is_refused() {
        let err = TableEntry::from_json(&json!({"$id": "t"})).unwrap_err();
        assert_eq!(err, "table `t`: `databaseId` must be a string");
    }
}
