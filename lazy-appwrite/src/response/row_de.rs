//! One-pass decoding of a [`Row<T>`]: the `$` system fields are taken out of the object
//! as it streams by, and every other key is handed to `T`.
//!
//! `T` is deserialized against a map view of the same object. When `T` is a struct, serde
//! tells us its field names, so a `$` key that `T` names itself (say `#[serde(rename =
//! "$id")]`) is passed on too (its value re-fed from a copy), and every other `$` key is
//! hidden from `T`: a `#[serde(deny_unknown_fields)]` struct still decodes. When `T` is a
//! map or decodes anything (`HashMap`, `serde_json::Value`, `#[serde(flatten)]`), it sees
//! every key.
//!
//! A model operation decodes its rows inside a `DecodeScope` naming the table's schema:
//! there, a `null` in a column that declares a default reads as that default, unless the
//! field is an `Option`. Appwrite leaves such a column `null` in the rows made before it
//! was added, and a field that cannot be `null` could not read them otherwise. Only the
//! rows of the table itself get this (not related rows nested in them).

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{
    BorrowedStrDeserializer, SeqDeserializer, StringDeserializer, U64Deserializer, UnitDeserializer,
};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::lenient::U64Visitor;
use super::row::Row;
use super::row_defaults::{Defaults, Nesting, OrDefault};
use crate::datetime::Timestamp;
use crate::permission::Permission;
use lazy_appwrite_core::DefaultValue;

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Row<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RowVisitor(PhantomData))
    }
}

struct RowVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for RowVisitor<T> {
    type Value = Row<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Row<T>, A::Error> {
        let nesting = Nesting::enter();
        let mut split = SplitMap {
            inner: map,
            system: System::default(),
            wanted: Wanted::All,
            pending: None,
            defaults: nesting.defaults,
            default_next: None,
        };
        let data = T::deserialize(DataDeserializer { map: &mut split })?;
        split.drain()?;
        let s = split.system;
        Ok(Row {
            id: s.id.ok_or_else(|| de::Error::missing_field("$id"))?,
            sequence: s.sequence,
            table_id: s.table_id.unwrap_or_default(),
            database_id: s.database_id.unwrap_or_default(),
            created_at: s.created_at.map(Timestamp::from_server),
            updated_at: s.updated_at.map(Timestamp::from_server),
            permissions: s
                .permissions
                .unwrap_or_default()
                .into_iter()
                .map(permission)
                .collect(),
            data,
        })
    }
}

fn permission(text: String) -> Permission {
    Permission::from_server(text)
}

/// The system fields seen so far.
#[derive(Default)]
struct System {
    id: Option<String>,
    sequence: Option<u64>,
    table_id: Option<String>,
    database_id: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    permissions: Option<Vec<String>>,
}

/// Which keys `T` gets to see.
enum Wanted {
    /// Every key (maps, `deserialize_any`, flatten).
    All,
    /// Non-`$` keys, and the `$` keys among these struct fields.
    Fields(&'static [&'static str]),
    /// Non-`$` keys only: a struct none of whose fields starts with `$`.
    Unprefixed,
}

impl Wanted {
    /// The keys of a struct with these fields. The answer for the last struct decoded on
    /// this thread is kept: a page decodes the same struct row after row.
    fn fields(fields: &'static [&'static str]) -> Self {
        thread_local! {
            static LAST: Cell<(*const &'static str, usize, bool)> =
                const { Cell::new((std::ptr::null(), 0, false)) };
        }
        let id = (fields.as_ptr(), fields.len());
        let prefixed = LAST.with(|last| match last.get() {
            (ptr, len, prefixed) if (ptr, len) == id => prefixed,
            _ => {
                let prefixed = fields.iter().any(|f| f.starts_with('$'));
                last.set((id.0, id.1, prefixed));
                prefixed
            }
        });
        if prefixed {
            Wanted::Fields(fields)
        } else {
            Wanted::Unprefixed
        }
    }

    /// Whether `T` sees the `$` key `key`.
    #[inline]
    fn wants_system(&self, key: &str) -> bool {
        match self {
            Wanted::All => true,
            Wanted::Unprefixed => false,
            Wanted::Fields(fields) => fields.contains(&key),
        }
    }
}

/// A copy of a system value, re-fed to `T` when `T` asks for the same key.
enum Pending {
    Str(String),
    U64(u64),
    Null,
    Strings(Vec<String>),
}

/// A key, borrowed from the input when possible.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a column name")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}

/// The object being decoded, as `T` sees it.
struct SplitMap<A> {
    inner: A,
    system: System,
    wanted: Wanted,
    pending: Option<Pending>,
    /// The table's column defaults, when `null` reads as a column's default.
    defaults: Option<Defaults>,
    /// The default of the key just handed to `T`, if it has one.
    default_next: Option<&'static DefaultValue>,
}

impl<'de, A: MapAccess<'de>> SplitMap<A> {
    /// Reads the value of system key `key` into `self.system`, and keeps a copy for `T`
    /// when `T` wants the key. Returns whether `key` is a system key.
    fn take_system(&mut self, key: &str, wanted: bool) -> Result<bool, A::Error> {
        let text = |v: &Option<String>| v.clone().map_or(Pending::Null, Pending::Str);
        let system = &mut self.system;
        let copy = match key {
            "$id" => {
                system.id = self.inner.next_value()?;
                wanted.then(|| text(&system.id))
            }
            "$tableId" => {
                system.table_id = self.inner.next_value()?;
                wanted.then(|| text(&system.table_id))
            }
            "$databaseId" => {
                system.database_id = self.inner.next_value()?;
                wanted.then(|| text(&system.database_id))
            }
            "$createdAt" => {
                system.created_at = self.inner.next_value()?;
                wanted.then(|| text(&system.created_at))
            }
            "$updatedAt" => {
                system.updated_at = self.inner.next_value()?;
                wanted.then(|| text(&system.updated_at))
            }
            "$sequence" => {
                let seq = self.inner.next_value_seed(SequenceSeed)?;
                system.sequence = seq.as_ref().map(|(n, _)| *n);
                wanted.then_some(match seq {
                    None => Pending::Null,
                    Some((_, Some(text))) => Pending::Str(text),
                    Some((n, None)) => Pending::U64(n),
                })
            }
            "$permissions" => {
                system.permissions = self.inner.next_value()?;
                wanted.then(|| {
                    system
                        .permissions
                        .clone()
                        .map_or(Pending::Null, Pending::Strings)
                })
            }
            _ => return Ok(false),
        };
        self.pending = copy;
        Ok(true)
    }

    /// Consumes what `T` left unread, still collecting system fields (no column defaults:
    /// nothing reads these values).
    fn drain(&mut self) -> Result<(), A::Error> {
        while let Some(key) = self.inner.next_key_seed(KeySeed)? {
            if !self.take_system(key.as_str(), false)? {
                self.inner.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for SplitMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.inner.next_key_seed(KeySeed)? else {
                return Ok(None);
            };
            let name = key.as_str();
            if name.starts_with('$') {
                let wanted = self.wanted.wants_system(name);
                match (self.take_system(name, wanted)?, wanted) {
                    (_, true) => {}
                    (true, false) => continue,
                    (false, false) => {
                        self.inner.next_value::<IgnoredAny>()?;
                        continue;
                    }
                }
            }
            self.default_next = match self.defaults {
                Some(defaults) => defaults.of_key(name),
                None => None,
            };
            return match key {
                Key::Borrowed(s) => seed.deserialize(BorrowedStrDeserializer::<A::Error>::new(s)),
                Key::Owned(s) => seed.deserialize(StringDeserializer::<A::Error>::new(s)),
            }
            .map(Some);
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            None => match self.default_next.take() {
                None => self.inner.next_value_seed(seed),
                Some(default) => self.inner.next_value_seed(OrDefault { seed, default }),
            },
            Some(Pending::Str(s)) => seed.deserialize(StringDeserializer::<A::Error>::new(s)),
            Some(Pending::U64(n)) => seed.deserialize(U64Deserializer::<A::Error>::new(n)),
            Some(Pending::Null) => seed.deserialize(UnitDeserializer::<A::Error>::new()),
            Some(Pending::Strings(v)) => {
                seed.deserialize(SeqDeserializer::<_, A::Error>::new(v.into_iter()))
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// `$sequence` as a number, keeping the original text when it came as a string.
struct SequenceSeed;

impl<'de> DeserializeSeed<'de> for SequenceSeed {
    type Value = Option<(u64, Option<String>)>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(SequenceVisitor)
    }
}

struct SequenceVisitor;

impl<'de> Visitor<'de> for SequenceVisitor {
    type Value = Option<(u64, Option<String>)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        U64Visitor.expecting(f)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some((v, None)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(U64Visitor.visit_i64(v)?.map(|n| (n, None)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(U64Visitor.visit_f64(v)?.map(|n| (n, None)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(U64Visitor.visit_str(v)?.map(|n| (n, Some(v.to_owned()))))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The deserializer `T` is decoded from: a map view of the row object.
struct DataDeserializer<'a, A> {
    map: &'a mut SplitMap<A>,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for DataDeserializer<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        self.map.wanted = Wanted::All;
        visitor.visit_map(self.map)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.map.wanted = Wanted::fields(fields);
        visitor.visit_map(self.map)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf seq tuple tuple_struct enum identifier
    }
}

#[cfg(test)]
mod tests;
