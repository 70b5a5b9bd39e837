//! The one JSON encoder for columns, indexes and tables: create-column and update-column
//! bodies (for the schema and the runtime's column builders alike), the items of a
//! create-table's `columns` and `indexes`, and the create/update-table bodies.
//!
//! Column bodies are lists of `(name, value)` in the order they are sent, so that a
//! caller writing bytes keeps the order and one building a JSON object gets the same
//! fields.

use serde_json::{Map, Value, json};

use crate::column::{ColumnSchema, ColumnType, DefaultValue, Options};
use crate::datetime::{format_millis, parse_millis};
use crate::relation::RelationshipSchema;
use crate::table::{IndexSchema, TableSchema};

/// The fields of a body, in the order they are sent.
pub type Fields = Vec<(&'static str, Value)>;

/// The settings a column body carries besides key, `required`, default and `array`, by
/// the shape of its kind.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum KindFields {
    /// A `size` and, when set, `encrypt`.
    Sized {
        /// Largest length, in characters.
        size: u64,
        /// Encrypted at rest, when said.
        encrypt: Option<bool>,
    },
    /// `encrypt`, when set.
    Text {
        /// Encrypted at rest, when said.
        encrypt: Option<bool>,
    },
    /// `min` and `max`, when set (numbers).
    Range {
        /// The smallest value allowed.
        min: Option<Value>,
        /// The largest value allowed.
        max: Option<Value>,
    },
    /// The `elements` of an enum.
    Elements(Vec<Value>),
    /// Nothing more (`boolean`, `datetime`, `email`, `url`, `ip`).
    Plain,
    /// Nothing more; an update leaves an unset default out (`point`, `line`, `polygon`).
    Geometry,
}

/// A column as a create or update body describes it.
///
/// ```
/// use lazy_appwrite_core::encode::{ColumnFields, KindFields};
/// let fields = ColumnFields {
///     key: "count", required: false, default: Some(0.into()), array: None,
///     kind: KindFields::Range { min: Some(0.into()), max: None },
/// };
/// let names: Vec<_> = fields.create().into_iter().map(|(name, _)| name).collect();
/// assert_eq!(names, ["key", "required", "min", "default"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnFields<'a> {
    /// The column key.
    pub key: &'a str,
    /// Whether rows must have a value.
    pub required: bool,
    /// The default, as JSON.
    pub default: Option<Value>,
    /// Whether the column holds a list, when said.
    pub array: Option<bool>,
    /// The kind's settings.
    pub kind: KindFields,
}

impl ColumnFields<'_> {
    /// The body of `POST …/columns/{kind}`.
    pub fn create(&self) -> Fields {
        let mut out: Fields = vec![("key", self.key.into())];
        match &self.kind {
            KindFields::Sized { size, .. } => out.push(("size", (*size).into())),
            KindFields::Elements(elements) => out.push(("elements", elements.clone().into())),
            _ => {}
        }
        out.push(("required", self.required.into()));
        if let KindFields::Range { min, max } = &self.kind {
            push_opt(&mut out, "min", min.clone());
            push_opt(&mut out, "max", max.clone());
        }
        push_opt(&mut out, "default", self.default.clone());
        push_opt(&mut out, "array", self.array.map(Value::from));
        if let KindFields::Sized { encrypt, .. } | KindFields::Text { encrypt } = &self.kind {
            push_opt(&mut out, "encrypt", encrypt.map(Value::from));
        }
        out
    }

    /// The body of `PATCH …/columns/{kind}/{key}`: `required`, the default (`null` when
    /// unset, since Appwrite requires the key, except for geometries), the kind's
    /// changeable settings, and `newKey` to rename.
    pub fn update(&self, new_key: Option<&str>) -> Fields {
        let mut out = Fields::new();
        if let KindFields::Elements(elements) = &self.kind {
            out.push(("elements", elements.clone().into()));
        }
        out.push(("required", self.required.into()));
        if let KindFields::Range { min, max } = &self.kind {
            push_opt(&mut out, "min", min.clone());
            push_opt(&mut out, "max", max.clone());
        }
        match &self.kind {
            KindFields::Geometry => push_opt(&mut out, "default", self.default.clone()),
            _ => out.push(("default", self.default.clone().unwrap_or(Value::Null))),
        }
        if let KindFields::Sized { size, .. } = &self.kind {
            out.push(("size", (*size).into()));
        }
        push_opt(&mut out, "newKey", new_key.map(Value::from));
        out
    }
}

/// A relationship column as its create body describes it.
///
/// ```
/// use lazy_appwrite_core::encode::RelationshipFields;
/// let fields = RelationshipFields {
///     related_table: "authors", relation_type: "manyToOne", two_way: Some(false),
///     key: Some("author"), two_way_key: None, on_delete: Some("cascade"),
/// };
/// assert_eq!(lazy_appwrite_core::encode::object(fields.create()), serde_json::json!({
///     "relatedTableId": "authors", "type": "manyToOne", "twoWay": false,
///     "key": "author", "onDelete": "cascade"}));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipFields<'a> {
    /// The related table's ID.
    pub related_table: &'a str,
    /// How the tables relate, as Appwrite writes it.
    pub relation_type: &'a str,
    /// Whether the related table gets a partner column, when said.
    pub two_way: Option<bool>,
    /// The column key, when said (the server's default is the related table's ID).
    pub key: Option<&'a str>,
    /// The partner column's key, when said.
    pub two_way_key: Option<&'a str>,
    /// What deleting a row does, as Appwrite writes it, when said.
    pub on_delete: Option<&'a str>,
}

impl RelationshipFields<'_> {
    /// The body of `POST …/columns/relationship`.
    pub fn create(&self) -> Fields {
        let mut out: Fields = vec![
            ("relatedTableId", self.related_table.into()),
            ("type", self.relation_type.into()),
        ];
        push_opt(&mut out, "twoWay", self.two_way.map(Value::from));
        push_opt(&mut out, "key", self.key.map(Value::from));
        push_opt(&mut out, "twoWayKey", self.two_way_key.map(Value::from));
        push_opt(&mut out, "onDelete", self.on_delete.map(Value::from));
        out
    }
}

fn push_opt(out: &mut Fields, name: &'static str, value: Option<Value>) {
    if let Some(value) = value {
        out.push((name, value));
    }
}

/// The fields as a JSON object.
///
/// ```
/// let body = lazy_appwrite_core::encode::object(vec![("key", "n".into())]);
/// assert_eq!(body, serde_json::json!({"key": "n"}));
/// ```
pub fn object(fields: Fields) -> Value {
    Value::Object(
        fields
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect::<Map<String, Value>>(),
    )
}

/// The range of a numeric kind as JSON: the declared bounds, or inline (where a numeric
/// column without a range gets none at all on real 1.9.6 servers, `min`/`max` null, and
/// an integer then holds 32-bit values only) the full range of the type.
fn range(options: Options, inline: bool) -> Option<(Option<Value>, Option<Value>)> {
    match options {
        Options::Int { min, max } => Some((
            min.or(inline.then_some(i64::MIN)).map(Value::from),
            max.or(inline.then_some(i64::MAX)).map(Value::from),
        )),
        Options::Float { min, max } => Some((
            min.or(inline.then_some(f64::MIN)).map(Value::from),
            max.or(inline.then_some(f64::MAX)).map(Value::from),
        )),
        _ => None,
    }
}

impl ColumnSchema {
    /// The column as [`ColumnFields`]: what its create and update bodies say (for a
    /// relationship, only key and `required`: see [`ColumnSchema::create_fields`]). A
    /// datetime default is sent in the server's format.
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType, DefaultValue};
    /// let at = ColumnSchema::new("at", ColumnType::Datetime).default_value(DefaultValue::String("2024-01-01"));
    /// assert_eq!(at.fields().default, Some("2024-01-01T00:00:00.000+00:00".into()));
    /// ```
    pub fn fields(&self) -> ColumnFields<'static> {
        let options = self.kind.options();
        let kind = match options {
            Options::Sized { size, encrypt } => KindFields::Sized {
                size,
                encrypt: encrypt.then_some(true),
            },
            Options::Text { encrypt } => KindFields::Text {
                encrypt: encrypt.then_some(true),
            },
            Options::Int { .. } | Options::Float { .. } => {
                let (min, max) = range(options, false).unwrap_or_default();
                KindFields::Range { min, max }
            }
            Options::Elements(elements) => {
                KindFields::Elements(elements.iter().map(|e| Value::from(*e)).collect())
            }
            Options::Spatial => KindFields::Geometry,
            Options::Flag | Options::Time | Options::Formatted | Options::Link(_) => {
                KindFields::Plain
            }
        };
        ColumnFields {
            key: self.key,
            required: self.required,
            default: self.default.map(|d| match (options, d) {
                (Options::Time, DefaultValue::String(text)) => parse_millis(text)
                    .map_or_else(|| Value::from(text), |ms| Value::from(format_millis(ms))),
                (_, d) => d.to_json(),
            }),
            array: self.array.then_some(true),
            kind,
        }
    }

    /// The body of `POST …/columns/{endpoint}` (see [`ColumnType::endpoint`]).
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType};
    /// let c = ColumnSchema::new("tags", ColumnType::String { size: 32, encrypt: false }).array(true);
    /// assert_eq!(c.create_body(), serde_json::json!({"key":"tags","required":false,"size":32,"array":true}));
    /// ```
    pub fn create_body(&self) -> Value {
        object(self.create_fields())
    }

    /// The fields of [`ColumnSchema::create_body`], in the order they are sent.
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType};
    /// let c = ColumnSchema::new("ok", ColumnType::Boolean);
    /// assert_eq!(c.create_fields(), [("key", "ok".into()), ("required", false.into())]);
    /// ```
    pub fn create_fields(&self) -> Fields {
        match &self.kind {
            ColumnType::Relationship(rel) => relationship_fields(self.key, rel).create(),
            _ => self.fields().create(),
        }
    }

    /// The item of a create-table `columns` list, or `None` for kinds that are created
    /// through their own endpoint only (relationships; `varchar` and the text kinds).
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType};
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
        let info = self.kind.info();
        if !info.inline {
            return None;
        }
        let mut fields: Fields = vec![
            ("key", self.key.into()),
            ("type", info.server_type.into()),
            ("required", self.required.into()),
        ];
        push_opt(&mut fields, "format", info.server_format.map(Value::from));
        let options = self.kind.options();
        match options {
            Options::Sized { size, encrypt } => {
                fields.push(("size", size.into()));
                push_opt(&mut fields, "encrypt", encrypt.then_some(true.into()));
            }
            Options::Text { encrypt } => {
                push_opt(&mut fields, "encrypt", encrypt.then_some(true.into()));
            }
            Options::Int { .. } | Options::Float { .. } => {
                let (min, max) = range(options, true).unwrap_or_default();
                push_opt(&mut fields, "min", min);
                push_opt(&mut fields, "max", max);
            }
            Options::Elements(elements) => {
                fields.push(("elements", elements.to_vec().into()));
                fields.push(("size", info.chars.unwrap_or(255).into()));
            }
            Options::Formatted => {
                fields.push(("size", info.chars.unwrap_or(255).into()));
            }
            Options::Flag | Options::Time | Options::Spatial | Options::Link(_) => {}
        }
        push_opt(&mut fields, "default", self.default.map(|d| d.to_json()));
        if self.array {
            fields.push(("array", true.into()));
        }
        Some(object(fields))
    }
}

/// The create fields of relationship column `key`.
fn relationship_fields<'a>(key: &'a str, rel: &'a RelationshipSchema) -> RelationshipFields<'a> {
    RelationshipFields {
        related_table: rel.related_table,
        relation_type: rel.relation.as_str(),
        two_way: Some(rel.two_way),
        key: Some(key),
        two_way_key: rel.two_way_key,
        on_delete: Some(rel.on_delete.as_str()),
    }
}

impl IndexSchema {
    /// The body of `POST …/indexes`.
    ///
    /// ```
    /// use lazy_appwrite_core::{IndexKind, IndexSchema};
    /// let i = IndexSchema::new("by_title", IndexKind::Fulltext, &["title"]);
    /// assert_eq!(i.create_body(), serde_json::json!({"key":"by_title","type":"fulltext","columns":["title"]}));
    /// ```
    pub fn create_body(&self) -> Value {
        self.body("columns")
    }

    /// The item of a create-table `indexes` list (which names columns `attributes`).
    ///
    /// ```
    /// use lazy_appwrite_core::{IndexKind, IndexSchema};
    /// let i = IndexSchema::new("by_n", IndexKind::Key, &["n"]);
    /// assert_eq!(i.inline_body()["attributes"], serde_json::json!(["n"]));
    /// ```
    pub fn inline_body(&self) -> Value {
        self.body("attributes")
    }

    fn body(&self, columns_name: &'static str) -> Value {
        let mut fields: Fields = vec![
            ("key", self.key.into()),
            ("type", self.kind.as_str().into()),
            (columns_name, self.columns.to_vec().into()),
        ];
        if !self.orders.is_empty() {
            let orders: Vec<&str> = self.orders.iter().map(|o| o.as_str()).collect();
            fields.push(("orders", orders.into()));
        }
        if !self.lengths.is_empty() {
            fields.push(("lengths", json!(self.lengths)));
        }
        object(fields)
    }
}

impl TableSchema {
    /// The body of `POST /tablesdb/{databaseId}/tables`, with the columns and indexes that
    /// can be created inline; [`TableSchema::deferred_columns`] and
    /// [`TableSchema::deferred_indexes`] list the rest, to create afterwards.
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType, TableSchema};
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
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType, TableSchema};
    /// const T: TableSchema = TableSchema::new("notes", "Notes")
    ///     .columns(&[ColumnSchema::new("body", ColumnType::Text { encrypt: false })]);
    /// assert_eq!(T.deferred_columns().count(), 1);
    /// ```
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
    ///
    /// ```
    /// let body = lazy_appwrite_core::TableSchema::new("t", "T").update_body();
    /// assert_eq!(body["enabled"], true);
    /// ```
    pub fn update_body(&self) -> Value {
        json!({
            "name": self.name,
            "permissions": self.permissions,
            "rowSecurity": self.row_security,
            "enabled": self.enabled,
        })
    }
}

/// Appends `description` to `fields` when there is one. Only servers with descriptions
/// (Appwrite 2.6.0 and later) take it, so the caller decides whether to call this.
///
/// ```
/// use lazy_appwrite_core::encode::push_description;
/// let mut fields = vec![("key", "n".into())];
/// push_description(&mut fields, Some("A count."));
/// push_description(&mut fields, None);
/// assert_eq!(fields, [("key", "n".into()), ("description", "A count.".into())]);
/// ```
pub fn push_description(fields: &mut Fields, description: Option<&str>) {
    push_opt(fields, "description", description.map(Value::from));
}

/// `body` (a JSON object) with `description` set, when there is one.
fn described(mut body: Value, description: Option<&str>) -> Value {
    if let (Value::Object(map), Some(text)) = (&mut body, description) {
        map.insert("description".to_owned(), text.into());
    }
    body
}

impl ColumnSchema {
    /// [`ColumnSchema::create_fields`] with the column's description, for servers that
    /// take one.
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType};
    /// let c = ColumnSchema::new("ok", ColumnType::Boolean).description("Checked.");
    /// assert_eq!(c.create_fields_described().last(), Some(&("description", "Checked.".into())));
    /// ```
    pub fn create_fields_described(&self) -> Fields {
        let mut fields = self.create_fields();
        push_description(&mut fields, self.description);
        fields
    }

    /// [`ColumnSchema::inline_body`] with the column's description, for servers that
    /// take one.
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType};
    /// let c = ColumnSchema::new("ok", ColumnType::Boolean).description("Checked.");
    /// assert_eq!(c.inline_body_described().unwrap()["description"], "Checked.");
    /// assert!(c.inline_body().unwrap().get("description").is_none());
    /// ```
    pub fn inline_body_described(&self) -> Option<Value> {
        self.inline_body()
            .map(|body| described(body, self.description))
    }
}
