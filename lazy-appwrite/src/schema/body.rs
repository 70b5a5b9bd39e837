//! The JSON the sync engine sends for a schema: create-table bodies with inline columns and
//! indexes, create-column bodies per kind, create-index bodies, and the client's column
//! builders ([`crate::columns`]) for the same columns.

use serde_json::{Map, Value, json};

use super::column::{ColumnSchema, ColumnType, DefaultValue};
use super::table::{IndexSchema, TableSchema};
use crate::api::columns::{
    BooleanColumn, ColumnSpec, DatetimeColumn, EmailColumn, EnumColumn, FloatColumn, IntegerColumn,
    IpColumn, LineColumn, LongTextColumn, MediumTextColumn, PointColumn, PolygonColumn,
    RelationshipColumn, StringColumn, TextColumn, UrlColumn, VarcharColumn,
};
use crate::datetime::Timestamp;

fn insert(map: &mut Map<String, Value>, key: &str, value: impl Into<Value>) {
    map.insert(key.to_owned(), value.into());
}

impl ColumnSchema {
    /// The body of `POST …/columns/{endpoint}` (see [`ColumnType::endpoint`]).
    ///
    /// ```
    /// use lazy_appwrite::schema::{ColumnSchema, ColumnType};
    /// let c = ColumnSchema::new("tags", ColumnType::String { size: 32, encrypt: false }).array(true);
    /// assert_eq!(c.create_body(), serde_json::json!({"key":"tags","required":false,"size":32,"array":true}));
    /// ```
    pub fn create_body(&self) -> Value {
        let mut body = Map::new();
        if let ColumnType::Relationship(rel) = &self.kind {
            insert(&mut body, "relatedTableId", rel.related_table);
            insert(&mut body, "type", rel.relation.to_model().as_str());
            insert(&mut body, "twoWay", rel.two_way);
            insert(&mut body, "key", self.key);
            if let Some(key) = rel.two_way_key {
                insert(&mut body, "twoWayKey", key);
            }
            insert(&mut body, "onDelete", rel.on_delete.to_model().as_str());
            return Value::Object(body);
        }
        insert(&mut body, "key", self.key);
        insert(&mut body, "required", self.required);
        self.kind_fields(&mut body, false);
        if let Some(default) = &self.default {
            insert(&mut body, "default", default.to_json());
        }
        if self.array {
            insert(&mut body, "array", true);
        }
        Value::Object(body)
    }

    /// The item of a create-table `columns` list, or `None` for kinds that are created
    /// through their own endpoint only (relationships; `varchar` and the text kinds).
    ///
    /// ```
    /// use lazy_appwrite::schema::{ColumnSchema, ColumnType};
    /// let c = ColumnSchema::new("mail", ColumnType::Email).required(true);
    /// assert_eq!(c.inline_body(), Some(serde_json::json!(
    ///     {"key":"mail","type":"string","required":true,"format":"email","size":254})));
    ///
    /// // A numeric column always carries its range inline (the full one unless declared).
    /// let n = ColumnSchema::new("n", ColumnType::Integer { min: Some(0), max: None });
    /// assert_eq!(n.inline_body(), Some(serde_json::json!(
    ///     {"key":"n","type":"integer","required":false,"min":0,"max":i64::MAX})));
    /// ```
    pub fn inline_body(&self) -> Option<Value> {
        match self.kind {
            ColumnType::Relationship(_)
            | ColumnType::Varchar { .. }
            | ColumnType::Text { .. }
            | ColumnType::MediumText { .. }
            | ColumnType::LongText { .. } => return None,
            _ => {}
        }
        let mut body = Map::new();
        insert(&mut body, "key", self.key);
        insert(&mut body, "type", self.kind.type_name());
        insert(&mut body, "required", self.required);
        if let Some(format) = self.kind.format() {
            insert(&mut body, "format", format);
        }
        self.kind_fields(&mut body, true);
        if let Some(default) = &self.default {
            insert(&mut body, "default", default.to_json());
        }
        if self.array {
            insert(&mut body, "array", true);
        }
        Some(Value::Object(body))
    }

    fn kind_fields(&self, body: &mut Map<String, Value>, inline: bool) {
        match self.kind {
            ColumnType::String { size, encrypt } | ColumnType::Varchar { size, encrypt } => {
                insert(body, "size", size);
                if encrypt {
                    insert(body, "encrypt", true);
                }
            }
            ColumnType::Text { encrypt }
            | ColumnType::MediumText { encrypt }
            | ColumnType::LongText { encrypt }
                if encrypt =>
            {
                insert(body, "encrypt", true);
            }
            // Inline, the range is always sent: real 1.9.6 servers give an inline numeric
            // column without one no range at all (`min`/`max` null, and an integer then
            // holds 32-bit values only), where the column route gives the full range.
            ColumnType::Integer { min, max } => {
                if let Some(min) = min.or(inline.then_some(i64::MIN)) {
                    insert(body, "min", min);
                }
                if let Some(max) = max.or(inline.then_some(i64::MAX)) {
                    insert(body, "max", max);
                }
            }
            ColumnType::Float { min, max } => {
                if let Some(min) = min.or(inline.then_some(f64::MIN)) {
                    insert(body, "min", min);
                }
                if let Some(max) = max.or(inline.then_some(f64::MAX)) {
                    insert(body, "max", max);
                }
            }
            ColumnType::Enum { elements } => {
                insert(body, "elements", elements.to_vec());
                if inline {
                    insert(body, "size", 255);
                }
            }
            ColumnType::Email | ColumnType::Url | ColumnType::Ip if inline => {
                insert(body, "size", self.kind.max_chars().unwrap_or(255));
            }
            _ => {}
        }
    }

    /// The client's column builder for the same column, for [`crate::api::Columns::create`].
    ///
    /// ```
    /// use lazy_appwrite::schema::{ColumnSchema, ColumnType};
    /// let spec = ColumnSchema::new("count", ColumnType::Integer { min: Some(0), max: None }).to_spec();
    /// assert_eq!((spec.key(), spec.kind()), ("count", "integer"));
    /// ```
    pub fn to_spec(&self) -> Box<dyn ColumnSpec> {
        let text = |d: &Option<DefaultValue>| match d {
            Some(DefaultValue::String(s)) => Some((*s).to_owned()),
            _ => None,
        };
        let (key, required, array, default) =
            (self.key, self.required, self.array, text(&self.default));
        macro_rules! with_text {
            ($spec:expr) => {{
                let mut spec = $spec.required(required);
                if array {
                    spec = spec.array(true);
                }
                if let Some(d) = default {
                    spec = spec.default(d);
                }
                Box::new(spec)
            }};
        }
        match self.kind {
            ColumnType::String { size, encrypt } => {
                with_text!(StringColumn::new(key, size).encrypt(encrypt))
            }
            ColumnType::Varchar { size, encrypt } => {
                with_text!(VarcharColumn::new(key, size).encrypt(encrypt))
            }
            ColumnType::Text { encrypt } => with_text!(TextColumn::new(key).encrypt(encrypt)),
            ColumnType::MediumText { encrypt } => {
                with_text!(MediumTextColumn::new(key).encrypt(encrypt))
            }
            ColumnType::LongText { encrypt } => {
                with_text!(LongTextColumn::new(key).encrypt(encrypt))
            }
            ColumnType::Email => with_text!(EmailColumn::new(key)),
            ColumnType::Url => with_text!(UrlColumn::new(key)),
            ColumnType::Ip => with_text!(IpColumn::new(key)),
            ColumnType::Enum { elements } => {
                with_text!(EnumColumn::new(key, elements.iter().copied()))
            }
            ColumnType::Integer { min, max } => {
                let mut spec = IntegerColumn::new(key).required(required).array(array);
                if let Some(min) = min {
                    spec = spec.min(min);
                }
                if let Some(max) = max {
                    spec = spec.max(max);
                }
                if let Some(DefaultValue::Integer(d)) = self.default {
                    spec = spec.default(d);
                }
                Box::new(spec)
            }
            ColumnType::Float { min, max } => {
                let mut spec = FloatColumn::new(key).required(required).array(array);
                if let Some(min) = min {
                    spec = spec.min(min);
                }
                if let Some(max) = max {
                    spec = spec.max(max);
                }
                match self.default {
                    Some(DefaultValue::Float(d)) => spec = spec.default(d),
                    #[allow(clippy::cast_precision_loss)]
                    Some(DefaultValue::Integer(d)) => spec = spec.default(d as f64),
                    _ => {}
                }
                Box::new(spec)
            }
            ColumnType::Boolean => {
                let mut spec = BooleanColumn::new(key).required(required).array(array);
                if let Some(DefaultValue::Boolean(d)) = self.default {
                    spec = spec.default(d);
                }
                Box::new(spec)
            }
            ColumnType::Datetime => {
                let mut spec = DatetimeColumn::new(key).required(required).array(array);
                if let Some(DefaultValue::String(d)) = self.default
                    && let Ok(t) = Timestamp::parse(d)
                {
                    spec = spec.default(t);
                }
                Box::new(spec)
            }
            ColumnType::Point => Box::new(PointColumn::new(key).required(required)),
            ColumnType::Line => Box::new(LineColumn::new(key).required(required)),
            ColumnType::Polygon => Box::new(PolygonColumn::new(key).required(required)),
            ColumnType::Relationship(rel) => {
                let mut spec = RelationshipColumn::new(rel.related_table, rel.relation.to_model())
                    .two_way(rel.two_way)
                    .key(key)
                    .on_delete(rel.on_delete.to_model());
                if let Some(k) = rel.two_way_key {
                    spec = spec.two_way_key(k);
                }
                Box::new(spec)
            }
        }
    }
}

impl IndexSchema {
    /// The body of `POST …/indexes`.
    ///
    /// ```
    /// use lazy_appwrite::schema::{IndexKind, IndexSchema};
    /// let i = IndexSchema::new("by_title", IndexKind::Fulltext, &["title"]);
    /// assert_eq!(i.create_body(), serde_json::json!({"key":"by_title","type":"fulltext","columns":["title"]}));
    /// ```
    pub fn create_body(&self) -> Value {
        self.body("columns")
    }

    /// The item of a create-table `indexes` list (which names columns `attributes`).
    pub fn inline_body(&self) -> Value {
        self.body("attributes")
    }

    fn body(&self, columns_name: &str) -> Value {
        let mut body = Map::new();
        insert(&mut body, "key", self.key);
        insert(&mut body, "type", self.kind.as_str());
        insert(&mut body, columns_name, self.columns.to_vec());
        if !self.orders.is_empty() {
            insert(
                &mut body,
                "orders",
                self.orders.iter().map(|o| o.as_str()).collect::<Vec<_>>(),
            );
        }
        if !self.lengths.is_empty() {
            insert(&mut body, "lengths", self.lengths.to_vec());
        }
        Value::Object(body)
    }
}

impl TableSchema {
    /// The body of `POST /tablesdb/{databaseId}/tables`, with the columns and indexes that
    /// can be created inline; [`TableSchema::deferred_columns`] and
    /// [`TableSchema::deferred_indexes`] list the rest, to create afterwards.
    ///
    /// ```
    /// use lazy_appwrite::schema::{ColumnSchema, ColumnType, TableSchema};
    /// const T: TableSchema = TableSchema::new("books", "Books")
    ///     .columns(&[ColumnSchema::new("n", ColumnType::Boolean)]);
    /// assert_eq!(T.create_body(), serde_json::json!({
    ///     "tableId": "books", "name": "Books", "permissions": [], "rowSecurity": false,
    ///     "enabled": true, "columns": [{"key":"n","type":"boolean","required":false}],
    ///     "indexes": []}));
    /// ```
    pub fn create_body(&self) -> Value {
        let columns: Vec<Value> = self
            .columns
            .iter()
            .filter_map(ColumnSchema::inline_body)
            .collect();
        let indexes: Vec<Value> = self
            .indexes
            .iter()
            .filter(|i| self.index_is_inline(i))
            .map(IndexSchema::inline_body)
            .collect();
        json!({
            "tableId": self.id,
            "name": self.name,
            "permissions": self.permissions,
            "rowSecurity": self.row_security,
            "enabled": self.enabled,
            "columns": columns,
            "indexes": indexes,
        })
    }

    /// The columns [`TableSchema::create_body`] leaves out.
    pub fn deferred_columns(&self) -> impl Iterator<Item = &'static ColumnSchema> {
        self.columns.iter().filter(|c| c.inline_body().is_none())
    }

    /// The indexes [`TableSchema::create_body`] leaves out (they cover a deferred column).
    pub fn deferred_indexes(&self) -> impl Iterator<Item = &'static IndexSchema> + '_ {
        self.indexes.iter().filter(|i| !self.index_is_inline(i))
    }

    fn index_is_inline(&self, index: &IndexSchema) -> bool {
        index.columns.iter().all(|key| {
            key.starts_with('$') || self.column(key).is_some_and(|c| c.inline_body().is_some())
        })
    }

    /// The body of `PUT /tablesdb/{databaseId}/tables/{tableId}` that sets every setting
    /// (Appwrite resets the ones left out).
    pub fn update_body(&self) -> Value {
        json!({
            "name": self.name,
            "permissions": self.permissions,
            "rowSecurity": self.row_security,
            "enabled": self.enabled,
        })
    }
}
