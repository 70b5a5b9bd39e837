//! One column builder per kind, generated from the core crate's kind table: the entry's
//! `builder` names it and its shape decides its settings. Each encodes through the core
//! crate's one encoder.
//!
//! ```
//! use lazy_appwrite::columns::{BooleanColumn, ColumnSpec, DatetimeColumn, EnumColumn,
//!     FloatColumn, IntegerColumn, PointColumn, StringColumn};
//! use lazy_appwrite::Timestamp;
//! let body = |spec: &dyn ColumnSpec| String::from_utf8(spec.create_body().unwrap()).unwrap();
//!
//! assert_eq!(body(&StringColumn::new("tags", 64).array(true).encrypt(false)),
//!     r#"{"key":"tags","size":64,"required":false,"array":true,"encrypt":false}"#);
//! assert_eq!(body(&IntegerColumn::new("count").min(0).max(1000).default(0)),
//!     r#"{"key":"count","required":false,"min":0,"max":1000,"default":0}"#);
//! assert_eq!(body(&FloatColumn::new("price").min(0.0).max(99999.99).default(1.5)),
//!     r#"{"key":"price","required":false,"min":0.0,"max":99999.99,"default":1.5}"#);
//! assert_eq!(String::from_utf8(BooleanColumn::new("published").default(false).update_body(None)?).unwrap(),
//!     r#"{"required":false,"default":false}"#);
//! assert_eq!(body(&DatetimeColumn::new("reviewedAt").default(Timestamp::parse("2024-01-01")?)),
//!     r#"{"key":"reviewedAt","required":false,"default":"2024-01-01T00:00:00.000+00:00"}"#);
//! assert_eq!(body(&EnumColumn::new("genre", ["fiction", "science", "history"]).default("fiction")),
//!     r#"{"key":"genre","elements":["fiction","science","history"],"required":false,"default":"fiction"}"#);
//! assert_eq!(body(&PointColumn::new("location").default(serde_json::json!([2.35, 48.85]))),
//!     r#"{"key":"location","required":false,"default":[2.35,48.85]}"#);
//! # Ok::<(), lazy_appwrite::Error>(())
//! ```

use lazy_appwrite_core::encode::{ColumnFields, KindFields, RelationshipFields};
use serde_json::Value;

use super::specs::{ColumnSpec, relationship_update, sealed, write};
use crate::datetime::Timestamp;
use crate::error::Result;
use crate::response::{OnDelete, RelationType};

/// Shared setters of the scalar builders.
macro_rules! common_setters {
    ($default:ty) => {
        /// Whether rows must have a value (default `false`). A required column cannot
        /// have a default.
        pub fn required(mut self, required: bool) -> Self {
            self.required = required;
            self
        }

        /// The value rows get when they have none.
        pub fn default(mut self, value: impl Into<$default>) -> Self {
            self.default = Some(value.into());
            self
        }
    };
    ($default:ty, array) => {
        common_setters!($default);

        /// Whether the column holds a list of values (no default allowed then).
        pub fn array(mut self, array: bool) -> Self {
            self.array = Some(array);
            self
        }
    };
}

/// The `ColumnSpec` impl of a builder with a `fields()` method.
macro_rules! spec_impl {
    ($builder:ident, $name:literal) => {
        impl sealed::Sealed for $builder {}

        impl ColumnSpec for $builder {
            fn key(&self) -> &str {
                &self.key
            }
            fn kind(&self) -> &'static str {
                $name
            }
            fn create_body(&self) -> Result<Vec<u8>> {
                write(self.fields().create(), &self.key)
            }
            fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
                write(self.fields().update(new_key), &self.key)
            }
        }
    };
}

/// A builder with the usual fields (key, `required`, default, `array`) and `$extra`.
macro_rules! scalar_builder {
    (
        [$(#[$doc:meta])*] $builder:ident, $name:literal, $default:ty,
        new($($arg:ident: $arg_ty:ty => $init:expr),*),
        { $($extra:ident: $extra_ty:ty = $extra_init:expr),* },
        ($($example:tt)*),
        |$this:ident| $kind_fields:expr
    ) => {
        $(#[$doc])*
        ///
        #[doc = concat!("```\nuse lazy_appwrite::columns::{ColumnSpec, ", stringify!($builder), "};\n", $($example)*, "\n```")]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $builder {
            key: String,
            required: bool,
            default: Option<$default>,
            array: Option<bool>,
            $($extra: $extra_ty,)*
        }

        impl $builder {
            #[doc = concat!("A `", $name, "` column `key`.")]
            pub fn new(key: impl Into<String> $(, $arg: $arg_ty)*) -> Self {
                Self {
                    key: key.into(),
                    required: false,
                    default: None,
                    array: None,
                    $($extra: $extra_init,)*
                }
            }

            common_setters!($default, array);

            fn fields(&self) -> ColumnFields<'_> {
                let $this = self;
                ColumnFields {
                    key: &self.key,
                    required: self.required,
                    default: self.default.clone().map(Value::from),
                    array: self.array,
                    kind: $kind_fields,
                }
            }
        }

        spec_impl!($builder, $name);
    };
}

/// The setters of the kinds that can be encrypted.
macro_rules! encrypt_setter {
    ($builder:ident, $note:literal) => {
        impl $builder {
            #[doc = concat!("Encrypt values at rest (", $note, "such columns cannot be queried).")]
            pub fn encrypt(mut self, encrypt: bool) -> Self {
                self.encrypt = Some(encrypt);
                self
            }
        }
    };
}

/// The setters of the numeric kinds.
macro_rules! range_setters {
    ($builder:ident, $t:ty) => {
        impl $builder {
            /// The smallest value allowed.
            pub fn min(mut self, min: $t) -> Self {
                self.min = Some(min);
                self
            }

            /// The largest value allowed.
            pub fn max(mut self, max: $t) -> Self {
                self.max = Some(max);
                self
            }
        }
    };
}

/// One builder per kind-table entry, by the entry's shape.
macro_rules! builders {
    ($($(#[$doc:meta])* $kind:ident {
        name: $name:literal, shape: $shape:ident, $($rest:tt)*
    })*) => {$(
        builders!(@builder $shape [$(#[$doc])*] $name $($rest)*);
    )*};
    (@builder $shape:ident $docs:tt $name:literal family: $family:ident, reports: $type:literal / $format:literal,
        inline: $inline:literal, array: $array:literal, chars: $chars:literal, since: $since:tt,
        holds: $holds:ident, builder: $builder:ident,) => {
        builders!(@$shape $docs $builder $name);
    };
    (@Sized $docs:tt $builder:ident $name:literal) => {
        scalar_builder!($docs $builder, $name, String, new(size: u64 => size),
            { size: u64 = size, encrypt: Option<bool> = None },
            (concat!("let spec = ", stringify!($builder), "::new(\"code\", 32);\nassert_eq!(spec.kind(), \"", $name, "\");")),
            |b| KindFields::Sized { size: b.size, encrypt: b.encrypt });
        encrypt_setter!($builder, "needs a size of at least 150; ");
    };
    (@Text $docs:tt $builder:ident $name:literal) => {
        scalar_builder!($docs $builder, $name, String, new(),
            { encrypt: Option<bool> = None },
            (concat!("assert_eq!(", stringify!($builder), "::new(\"body\").kind(), \"", $name, "\");")),
            |b| KindFields::Text { encrypt: b.encrypt });
        encrypt_setter!($builder, "");
    };
    (@Int $docs:tt $builder:ident $name:literal) => {
        scalar_builder!($docs $builder, $name, i64, new(),
            { min: Option<i64> = None, max: Option<i64> = None },
            (concat!("let spec = ", stringify!($builder), "::new(\"count\").min(0).default(1);\nassert_eq!(spec.kind(), \"", $name, "\");")),
            |b| KindFields::Range { min: b.min.map(Value::from), max: b.max.map(Value::from) });
        range_setters!($builder, i64);
    };
    (@Float $docs:tt $builder:ident $name:literal) => {
        scalar_builder!($docs $builder, $name, f64, new(),
            { min: Option<f64> = None, max: Option<f64> = None },
            (concat!("let spec = ", stringify!($builder), "::new(\"price\").min(0.0);\nassert_eq!(spec.kind(), \"", $name, "\");")),
            |b| KindFields::Range { min: b.min.map(Value::from), max: b.max.map(Value::from) });
        range_setters!($builder, f64);
    };
    (@Flag $docs:tt $builder:ident $name:literal) => {
        scalar_builder!($docs $builder, $name, bool, new(), {},
            (concat!("assert_eq!(", stringify!($builder), "::new(\"published\").kind(), \"", $name, "\");")),
            |_b| KindFields::Plain);
    };
    (@Time $docs:tt $builder:ident $name:literal) => {
        scalar_builder!($docs $builder, $name, Timestamp, new(), {},
            (concat!("assert_eq!(", stringify!($builder), "::new(\"reviewedAt\").kind(), \"", $name, "\");")),
            |_b| KindFields::Plain);
    };
    (@Formatted $docs:tt $builder:ident $name:literal) => {
        scalar_builder!($docs $builder, $name, String, new(), {},
            (concat!("assert_eq!(", stringify!($builder), "::new(\"contact\").kind(), \"", $name, "\");")),
            |_b| KindFields::Plain);
    };
    (@Elements $docs:tt $builder:ident $name:literal) => {
        scalar_builder!($docs $builder, $name, String,
            new(elements: impl IntoIterator<Item = impl Into<String>> => elements),
            { elements: Vec<String> = elements.into_iter().map(Into::into).collect() },
            (concat!("let spec = ", stringify!($builder), "::new(\"genre\", [\"fiction\", \"science\"]);\nassert_eq!(spec.kind(), \"", $name, "\");")),
            |b| KindFields::Elements(b.elements.iter().map(|e| Value::from(e.as_str())).collect()));
    };
    (@Spatial [$(#[$doc:meta])*] $builder:ident $name:literal) => {
        $(#[$doc])*
        ///
        /// It has no `array` setting, and an update leaves an unset default out.
        ///
        #[doc = concat!("```\nuse lazy_appwrite::columns::{ColumnSpec, ", stringify!($builder), "};\nassert_eq!(", stringify!($builder), "::new(\"area\").kind(), \"", $name, "\");\n```")]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $builder {
            key: String,
            required: bool,
            default: Option<Value>,
        }

        impl $builder {
            #[doc = concat!("A `", $name, "` column `key`.")]
            pub fn new(key: impl Into<String>) -> Self {
                Self { key: key.into(), required: false, default: None }
            }

            common_setters!(Value);

            fn fields(&self) -> ColumnFields<'_> {
                ColumnFields {
                    key: &self.key,
                    required: self.required,
                    default: self.default.clone(),
                    array: None,
                    kind: KindFields::Geometry,
                }
            }
        }

        spec_impl!($builder, $name);
    };
    (@Link [$(#[$doc:meta])*] $builder:ident $name:literal) => {
        $(#[$doc])*
        ///
        /// Change an existing one with [`super::Columns::update_relationship`]; it has no
        /// `required` or `default`.
        ///
        /// ```
        #[doc = concat!("use lazy_appwrite::columns::{ColumnSpec, ", stringify!($builder), "};")]
        /// use lazy_appwrite::response::{OnDelete, RelationType};
        ///
        #[doc = concat!("let spec = ", stringify!($builder), "::new(\"authors\", RelationType::ManyToOne)")]
        ///     .two_way(true)
        ///     .key("author")
        ///     .two_way_key("books")
        ///     .on_delete(OnDelete::Cascade);
        /// assert_eq!(String::from_utf8(spec.create_body()?).unwrap(),
        ///     r#"{"relatedTableId":"authors","type":"manyToOne","twoWay":true,"key":"author","twoWayKey":"books","onDelete":"cascade"}"#);
        /// assert_eq!(ColumnSpec::key(&spec), "author");
        /// # Ok::<(), lazy_appwrite::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        pub struct $builder {
            related_table: String,
            relation_type: RelationType,
            two_way: Option<bool>,
            key: Option<String>,
            two_way_key: Option<String>,
            on_delete: Option<OnDelete>,
        }

        impl $builder {
            /// A relationship to `related_table` of the given type.
            pub fn new(related_table: impl Into<String>, relation_type: RelationType) -> Self {
                Self {
                    related_table: related_table.into(),
                    relation_type,
                    two_way: None,
                    key: None,
                    two_way_key: None,
                    on_delete: None,
                }
            }

            /// Whether the related table gets a partner column.
            pub fn two_way(mut self, two_way: bool) -> Self {
                self.two_way = Some(two_way);
                self
            }

            /// The column key here (default: the related table's ID). To read a spec's
            /// key, call `ColumnSpec::key(&spec)`.
            pub fn key(mut self, key: impl Into<String>) -> Self {
                self.key = Some(key.into());
                self
            }

            /// The partner column's key (default: this table's ID).
            pub fn two_way_key(mut self, key: impl Into<String>) -> Self {
                self.two_way_key = Some(key.into());
                self
            }

            /// What deleting a row does to related rows (default `restrict`).
            pub fn on_delete(mut self, on_delete: OnDelete) -> Self {
                self.on_delete = Some(on_delete);
                self
            }
        }

        impl sealed::Sealed for $builder {}

        impl ColumnSpec for $builder {
            fn key(&self) -> &str {
                self.key.as_deref().unwrap_or(&self.related_table)
            }
            fn kind(&self) -> &'static str {
                $name
            }
            fn create_body(&self) -> Result<Vec<u8>> {
                let fields = RelationshipFields {
                    related_table: &self.related_table,
                    relation_type: self.relation_type.as_str(),
                    two_way: self.two_way,
                    key: self.key.as_deref(),
                    two_way_key: self.two_way_key.as_deref(),
                    on_delete: self.on_delete.as_ref().map(OnDelete::as_str),
                };
                write(fields.create(), ColumnSpec::key(self))
            }
            fn update_body(&self, _new_key: Option<&str>) -> Result<Vec<u8>> {
                Err(relationship_update(ColumnSpec::key(self)))
            }
        }
    };
}

lazy_appwrite_core::column_kinds!(builders);
