//! A `null` read as its column's default. A model operation decodes its rows inside a
//! [`DecodeScope`] naming the table's schema; there, a `null` in a column that declares a
//! default reads as that default (through [`NullAsDefault`]), unless the field is an
//! `Option`. Only the rows of the table itself get this (not related rows nested in them).

use std::cell::Cell;

use serde::de::{Deserializer, Visitor};

use lazy_appwrite_core::{DefaultValue, TableSchema};

thread_local! {
    /// The defaults of the table whose rows are being decoded on this thread, if a model
    /// operation said so and a column of it declares a default.
    static SCOPE: Cell<Option<Defaults>> = const { Cell::new(None) };
    /// How many rows are being decoded inside each other (related rows nest).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// The column defaults of a table, with a quick test of which keys may have one: a bit
/// per class of key (its length and first byte), set for each column with a default. Most
/// keys of a row are ruled out by one bit test, without searching the columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Defaults {
    schema: &'static TableSchema,
    classes: u64,
}

impl Defaults {
    /// The defaults of `schema`'s columns; `None` when no (single-valued) column declares
    /// one: its rows need no lookups, and decode as if unscoped.
    pub(crate) fn of(schema: &'static TableSchema) -> Option<Self> {
        let classes = schema
            .columns
            .iter()
            .filter(|c| c.default.is_some() && !c.array)
            .fold(0, |classes, c| classes | class_bit(c.key));
        (classes != 0).then_some(Self { schema, classes })
    }

    /// The default a `null` in column `key` reads as, if the column declares one.
    pub(super) fn of_key(self, key: &str) -> Option<&'static DefaultValue> {
        if self.classes & class_bit(key) == 0 {
            return None;
        }
        self.schema
            .columns
            .iter()
            .find(|c| c.key == key)
            .filter(|c| !c.array)
            .and_then(|c| c.default.as_ref())
    }
}

/// The bit of `key`'s class: its length and first byte, folded into 64.
fn class_bit(key: &str) -> u64 {
    let first = key.as_bytes().first().copied().unwrap_or(0);
    let class = key.len().wrapping_mul(31).wrapping_add(usize::from(first)) % 64;
    1 << class
}

/// While alive, rows decoded on this thread (not nested in another row) are rows of the
/// table: `null` in a column with a default reads as the default. Restores the previous
/// scope when dropped.
pub(crate) struct DecodeScope {
    previous: Option<Defaults>,
    depth: u32,
}

impl DecodeScope {
    /// Enters a scope of the table with these defaults ([`Defaults::of`] its schema: a
    /// future that enters its scope at every poll works them out once).
    pub(crate) fn enter(defaults: Option<Defaults>) -> Self {
        let previous = SCOPE.with(|s| s.replace(defaults));
        let depth = DEPTH.with(|d| d.replace(0));
        Self { previous, depth }
    }
}

impl Drop for DecodeScope {
    fn drop(&mut self) {
        SCOPE.with(|s| s.set(self.previous));
        DEPTH.with(|d| d.set(self.depth));
    }
}

/// One row being decoded: the depth goes back down however the decode ends.
pub(super) struct Nesting {
    pub(super) defaults: Option<Defaults>,
}

impl Nesting {
    pub(super) fn enter() -> Self {
        let depth = DEPTH.with(|d| d.replace(d.get().saturating_add(1)));
        let defaults = if depth == 0 {
            SCOPE.with(Cell::get)
        } else {
            None
        };
        Self { defaults }
    }
}

impl Drop for Nesting {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// A column value that reads as the column's default when it is `null`, unless the field
/// is an `Option` (then it is `None`).
pub(super) struct NullAsDefault {
    pub(super) value: serde_json::Value,
    pub(super) default: &'static DefaultValue,
}

impl NullAsDefault {
    fn value(self) -> serde_json::Value {
        if self.value.is_null() {
            self.default.to_json()
        } else {
            self.value
        }
    }
}

macro_rules! forward_with_default {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, serde_json::Error> {
            self.value().$method(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for NullAsDefault {
    type Error = serde_json::Error;

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.value.deserialize_option(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value().deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value().deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value().deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value().deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value().deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value().deserialize_enum(name, variants, visitor)
    }

    forward_with_default! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map deserialize_identifier
        deserialize_ignored_any
    }
}
