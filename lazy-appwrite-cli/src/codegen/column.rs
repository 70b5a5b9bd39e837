//! One column as a field of a generated model: its type and its `#[column(...)]`.

use lazy_appwrite::schema::{ColumnEntry, ColumnType, DefaultValue, Options};
use lazy_appwrite_core::Shape;
use serde_json::Value;

use super::names;
use crate::statics;

/// A generated field.
pub(crate) struct Field {
    /// The field's name (maybe `r#…`).
    pub name: String,
    /// Its Rust type.
    pub ty: String,
    /// Its attributes, each a whole line (`#[column(...)]`, `#[serde(rename = …)]`).
    pub attrs: Vec<String>,
}

/// An enum the model needs for an `enum` column.
pub(crate) struct EnumType {
    /// The type's name.
    pub name: String,
    /// Its elements, in order.
    pub elements: Vec<String>,
}

/// A Rust string literal of `text`.
pub(crate) fn literal(text: &str) -> String {
    format!("{text:?}")
}

/// A Rust float literal of `value` (always with a point or exponent).
fn float_literal(value: f64) -> String {
    format!("{value:?}")
}

/// The field `name` for `column`: a required column is a plain field, an optional one an
/// `Option` (relationships are always optional). `enum_name` names an enum column's type;
/// `model_of` the model of a related table.
pub(crate) fn field(
    column: &ColumnEntry,
    name: String,
    enum_name: impl FnOnce() -> String,
    model_of: impl Fn(&str) -> String,
) -> Result<(Field, Option<EnumType>), String> {
    let kind = statics::column_type(column)?;
    let mut enum_type = None;
    let mut parts: Vec<String> = Vec::new();
    let base = match kind.options() {
        Options::Sized { size, encrypt } => {
            let encrypt = if encrypt { ", encrypt" } else { "" };
            parts.push(format!("{}(size = {size}{encrypt})", kind.endpoint()));
            "String".to_owned()
        }
        Options::Text { encrypt } => {
            parts.push(kind.endpoint().to_owned());
            if encrypt {
                parts.push("encrypt".to_owned());
            }
            "String".to_owned()
        }
        Options::Int { min, max } => {
            parts.push(range(
                kind.endpoint(),
                min.map(|v| v.to_string()),
                max.map(|v| v.to_string()),
            ));
            "i64".to_owned()
        }
        Options::Float { min, max } => {
            parts.push(range(
                "float",
                min.map(float_literal),
                max.map(float_literal),
            ));
            "f64".to_owned()
        }
        Options::Flag => {
            parts.push("boolean".to_owned());
            "bool".to_owned()
        }
        Options::Time => {
            parts.push("datetime".to_owned());
            "lazy_appwrite::Timestamp".to_owned()
        }
        Options::Formatted => {
            parts.push(kind.endpoint().to_owned());
            "String".to_owned()
        }
        Options::Elements(elements) => {
            parts.push("enum".to_owned());
            let name = enum_name();
            enum_type = Some(EnumType {
                name: name.clone(),
                elements: elements.iter().map(|e| (*e).to_owned()).collect(),
            });
            name
        }
        Options::Spatial => {
            parts.push(kind.endpoint().to_owned());
            format!("lazy_appwrite::schema::{}", kind.info().variant)
        }
        Options::Link(rel) => {
            let mut options = vec![format!("kind = {}", snake(rel.relation.as_str()))];
            match (rel.two_way, rel.two_way_key) {
                (true, Some(key)) => options.push(format!("two_way_key = {}", literal(key))),
                (true, None) => options.push("two_way".to_owned()),
                _ => {}
            }
            options.push(format!("on_delete = {}", snake(rel.on_delete.as_str())));
            parts.push(format!("relationship({})", options.join(", ")));
            let target = format!("lazy_appwrite::Ref<{}>", model_of(rel.related_table));
            if rel.relation.is_to_many() {
                format!("Vec<{target}>")
            } else {
                target
            }
        }
        _ => return Err(format!("column `{}`: a kind pull cannot write", column.key)),
    };
    if let Some(default) = default_literal(kind, &column.default) {
        parts.push(format!("default = {default}"));
    }
    let is_link = kind.shape() == Shape::Link;
    let ty = match (column.array && !is_link, column.required && !is_link) {
        (true, true) => format!("Vec<{base}>"),
        (true, false) => format!("Option<Vec<{base}>>"),
        (false, true) => base,
        (false, false) => format!("Option<{base}>"),
    };
    if let Some(description) = &column.description {
        parts.push(format!("description = {}", literal(description)));
    }
    let mut attrs = Vec::new();
    if names::unraw(&name) != column.key {
        attrs.push(format!("#[serde(rename = {})]", literal(&column.key)));
    }
    attrs.push(format!("#[column({})]", parts.join(", ")));
    Ok((Field { name, ty, attrs }, enum_type))
}

fn range(kind: &str, min: Option<String>, max: Option<String>) -> String {
    let bounds: Vec<String> = [("min", min), ("max", max)]
        .into_iter()
        .filter_map(|(name, v)| v.map(|v| format!("{name} = {v}")))
        .collect();
    if bounds.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}({})", bounds.join(", "))
    }
}

/// `manyToOne` → `many_to_one`, `setNull` → `set_null`.
fn snake(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The default as the literal `default = …` takes (none for relationships, and for
/// geometries of a shape a model cannot declare).
fn default_literal(kind: ColumnType, value: &Value) -> Option<String> {
    let points = |points: &[[f64; 2]]| {
        let points: Vec<String> = points.iter().map(point_literal).collect();
        format!("[{}]", points.join(", "))
    };
    Some(match statics::default_value(kind, value)? {
        DefaultValue::Integer(i) => i.to_string(),
        DefaultValue::Float(f) => float_literal(f),
        DefaultValue::Boolean(b) => b.to_string(),
        DefaultValue::String(s) => literal(s),
        DefaultValue::Point(point) => point_literal(&point),
        DefaultValue::Line(line) => points(line),
        DefaultValue::Polygon(rings) => {
            let rings: Vec<String> = rings.iter().map(|ring| points(ring)).collect();
            format!("[{}]", rings.join(", "))
        }
        _ => return None,
    })
}

/// `[lon, lat]` with float literals.
fn point_literal([lon, lat]: &[f64; 2]) -> String {
    format!("[{}, {}]", float_literal(*lon), float_literal(*lat))
}
