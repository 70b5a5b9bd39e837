//! Columns, one enum over the kinds as the server reports them.

use serde::Deserialize;

use super::lenient::{nullable, string_enum, u64_or_zero};
use super::reported_kind::ReportedKind;
use crate::datetime::Timestamp;

string_enum! {
    /// Where a column or index is in its asynchronous life.
    ///
    /// ```
    /// use lazy_appwrite::response::ColumnStatus;
    /// assert_eq!(ColumnStatus::from_wire("available"), ColumnStatus::Available);
    /// assert!(ColumnStatus::from_wire("processing").is_pending());
    /// ```
    pub enum ColumnStatus {
        /// Usable.
        Available => "available",
        /// Being created.
        Processing => "processing",
        /// Being removed.
        Deleting => "deleting",
        /// Removal failed.
        Stuck => "stuck",
        /// Creation failed (see the `error` field).
        Failed => "failed",
    }
}

impl ColumnStatus {
    /// Whether the status may still change to `available` by itself.
    ///
    /// ```
    /// assert!(!lazy_appwrite::response::ColumnStatus::Failed.is_pending());
    /// ```
    pub fn is_pending(&self) -> bool {
        matches!(self, ColumnStatus::Processing)
    }
}

pub(crate) fn available() -> ColumnStatus {
    ColumnStatus::Available
}

string_enum! {
    /// How two tables relate.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::response::RelationType::ManyToOne.as_str(), "manyToOne");
    /// ```
    pub enum RelationType {
        /// One row on each side.
        OneToOne => "oneToOne",
        /// Many rows here point to one row there.
        ManyToOne => "manyToOne",
        /// Many on both sides.
        ManyToMany => "manyToMany",
        /// One row here has many rows there.
        OneToMany => "oneToMany",
    }
}

string_enum! {
    /// What deleting a row does to the rows related to it.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::response::OnDelete::SetNull.as_str(), "setNull");
    /// ```
    pub enum OnDelete {
        /// Delete them too.
        Cascade => "cascade",
        /// Refuse the delete while related rows exist (the default).
        Restrict => "restrict",
        /// Clear their references.
        SetNull => "setNull",
    }
}

string_enum! {
    /// Which side of a relationship a column is.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::response::RelationSide::Parent.as_str(), "parent");
    /// ```
    pub enum RelationSide {
        /// The side it was created on.
        Parent => "parent",
        /// The two-way partner.
        Child => "child",
    }
}

/// A column: the fields every kind shares, and [`ReportedKind`] for the rest.
///
/// The kind is chosen from the server's `type` and, for `string`, its `format`, so an
/// email column (`"type":"string","format":"email"`) is [`ReportedKind::Email`] and a float
/// column (`"type":"double"`) is [`ReportedKind::Float`].
///
/// ```
/// use lazy_appwrite::response::{ColumnInfo, ReportedKind, ColumnStatus};
///
/// let c: ColumnInfo = serde_json::from_str(
///     r#"{"key":"authorEmail","type":"string","format":"email","status":"processing",
///         "error":"","required":false,"array":false,"size":254,"default":null}"#,
/// )?;
/// assert_eq!(c.key, "authorEmail");
/// assert_eq!(c.status, ColumnStatus::Processing);
/// assert!(matches!(c.kind, ReportedKind::Email { default: None, .. }));
/// assert_eq!(c.description, None);
///
/// let f: ColumnInfo = serde_json::from_str(
///     r#"{"key":"price","type":"double","status":"available","required":false,"array":false,
///         "min":0,"max":1.7976931348623157e+308,"default":1.5,"description":"In euros."}"#,
/// )?;
/// assert!(matches!(f.kind, ReportedKind::Float { min: Some(0.0), default: Some(1.5), .. }));
/// assert_eq!(f.description.as_deref(), Some("In euros."));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ColumnInfo {
    /// The column key (its name in rows).
    pub key: String,
    /// The kind and its settings.
    pub kind: ReportedKind,
    /// `processing` after creation, then `available` (or `failed`).
    pub status: ColumnStatus,
    /// Why the column failed, empty otherwise.
    pub error: String,
    /// Whether rows must have a value.
    pub required: bool,
    /// Whether the column holds a list of values.
    pub array: bool,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Last update.
    pub updated_at: Option<Timestamp>,
    /// The description, from Appwrite 2.6.0 on (`None` from older servers, which do not
    /// report one).
    pub description: Option<String>,
}

/// A page of columns.
///
/// ```
/// let list: lazy_appwrite::response::ColumnList = serde_json::from_str(
///     r#"{"total":1,"columns":[{"key":"count","type":"integer","status":"available",
///        "required":false,"array":false,"min":-9223372036854775808,"max":9223372036854775807,"default":null}]}"#,
/// )?;
/// assert_eq!(list.columns[0].kind.type_name(), "integer");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ColumnList {
    /// How many columns match.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub total: u64,
    /// This page.
    #[serde(default, deserialize_with = "nullable")]
    pub columns: Vec<ColumnInfo>,
}
