//! Kind markers: one zero-sized type per Appwrite column kind (per entry of the core
//! crate's kind table), grouped in families that decide which query methods a column
//! handle has.
//!
//! `#[derive(Table)]` names the kind of every column by one of these types, either from
//! the attribute (`#[column(email)]` → [`Email`]) or from the field's type through
//! [`InferKind`](super::InferKind) (`i64` → [`Integer`]).

/// A column kind marker.
pub trait Kind: 'static {
    /// The kind as Appwrite's endpoints name it.
    const NAME: &'static str;
    /// The family deciding the query methods.
    type Family;
}

/// Families of kinds: the query methods of a column handle depend on these.
pub mod family {
    /// `string`, `email`, `url`, `ip` and `enum` columns (Appwrite type `string`): text
    /// operators and `contains`.
    #[derive(Debug, Clone, Copy)]
    pub struct StringLike;
    /// `varchar`, `text`, `mediumtext` and `longtext`: text operators and `contains`
    /// (Appwrite 1.9.6 takes it on them).
    #[derive(Debug, Clone, Copy)]
    pub struct TextLike;
    /// `integer` and `float`: ordered.
    #[derive(Debug, Clone, Copy)]
    pub struct Number;
    /// `datetime`: ordered.
    #[derive(Debug, Clone, Copy)]
    pub struct Datetime;
    /// `boolean`: equality only.
    #[derive(Debug, Clone, Copy)]
    pub struct Boolean;
    /// `relationship`: equality on the related row's ID.
    #[derive(Debug, Clone, Copy)]
    pub struct Relationship;
    /// `point`, `line`, `polygon`: geometric equality.
    #[derive(Debug, Clone, Copy)]
    pub struct Spatial;
}

/// One marker per entry of the core crate's kind table, in the entry's family.
macro_rules! markers {
    ($($(#[$doc:meta])* $kind:ident {
        name: $name:literal, shape: $shape:ident, family: $family:ident, $($rest:tt)*
    })*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $kind;

        impl Kind for $kind {
            const NAME: &'static str = $name;
            type Family = family::$family;
        }
    )*};
}

lazy_appwrite_core::column_kinds!(markers);

/// The shape of a field: one value ([`shape::Single`]) or a list ([`shape::List`]).
pub mod shape {
    /// One value (possibly optional).
    #[derive(Debug, Clone, Copy)]
    pub struct Single;
    /// A list (`Vec<_>`): an array column.
    #[derive(Debug, Clone, Copy)]
    pub struct List;
}

/// Whether a field may be `null`: [`null::Nullable`] for `Option<_>`, [`null::NotNull`] otherwise.
pub mod null {
    /// An `Option<_>` field.
    #[derive(Debug, Clone, Copy)]
    pub struct Nullable;
    /// Any other field.
    #[derive(Debug, Clone, Copy)]
    pub struct NotNull;
}

/// Whether a single-column fulltext index covers a column, which `search` needs.
pub mod search {
    /// A fulltext index covers exactly this column.
    #[derive(Debug, Clone, Copy)]
    pub struct Indexed;
    /// No fulltext index covers exactly this column.
    #[derive(Debug, Clone, Copy)]
    pub struct NotIndexed;
}
