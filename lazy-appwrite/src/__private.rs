//! Not public API: items the derive macro's generated code names by absolute path
//! (`::lazy_appwrite::__private::…`). Anything here may change in any release.

pub use serde;
pub use serde_json;

pub use crate::declared::consts::assert_column;
pub use crate::declared::{
    CheckValue, ColumnSchema, ColumnType, DefaultValue, EnumValue, Field, HeldBy, HoldsBoolean,
    HoldsDatetime, HoldsEmail, HoldsEnum, HoldsFloat, HoldsInteger, HoldsIp, HoldsLine, HoldsPoint,
    HoldsPolygon, HoldsRelationship, HoldsText, HoldsUrl, IndexKind, IndexOrder, IndexSchema,
    InferKind, OnDeleteAction, RelatedModel, Relation, RelationshipSchema, Scalar, TableSchema,
    Violation, ViolationAt, check_enum_element, kind,
};
pub use crate::error::{Error, Result};
pub use crate::typed::table::{Patch, RefTarget, Table, related_model};
pub use crate::typed::{Column, Operand};

// What each column handle method and update operator requires of a column's kind family
// and field type (`CanGt`, `CanArithmetic`, …), with the refusal traits whose messages
// the compiler prints: public because the methods' bounds name them. Re-exported here
// directly, as rustc names an item re-exported in a module nested in this one by its
// private path.
pub use crate::typed::capability::*;
pub use crate::typed::column::{
    CanIsNotNull, CanIsNull, CanSearch, NoFulltextIndex, NotOptionalIsNotNull, NotOptionalIsNull,
};
pub use crate::typed::operator::capability::*;

/// Fails to compile unless a `T` fits a column of kind `K`; rustc's message is the one of
/// the `Holds*` trait `K` needs (e.g. "`i64` cannot hold an `email` column").
pub const fn assert_holds<K: HeldBy<T>, T: ?Sized>() {}

/// Fails to compile unless `T` is a column field type.
pub const fn assert_field<T: Field + ?Sized>() {}

/// Asserts that a model can be written and read through serde.
pub const fn assert_serde<T: SerdeModel>() {}

/// A type serde can write and read: what the model API needs of a table model.
#[diagnostic::on_unimplemented(
    message = "`{Self}` derives `Table` but not serde's `Serialize` and `Deserialize`",
    label = "rows are written and read through serde",
    note = "add `#[derive(serde::Serialize, serde::Deserialize)]` to `{Self}`, next to `Table`"
)]
pub trait SerdeModel {}

#[diagnostic::do_not_recommend]
impl<T: serde::Serialize + serde::de::DeserializeOwned> SerdeModel for T {}

/// Fails to compile unless the field type `T` fits the relationship's side: a `String`
/// (or `Option<String>`) for to-one sides, a `Vec<String>` for to-many sides.
pub const fn assert_relation_shape<S, T>()
where
    T: Field + ?Sized,
    <T as Field>::Shape: RelationShape<S>,
{
}

/// `Shape: RelationShape<Side>`: a field shape fits a relationship side.
#[diagnostic::on_unimplemented(
    message = "this field's type does not fit the relationship's side",
    label = "`one_to_one` and `many_to_one` hold one row (`Option<Ref<Model>>`, or an ID `String`); `one_to_many` and `many_to_many` hold many (`Option<Vec<Ref<Model>>>`, or `Vec<String>`)"
)]
pub trait RelationShape<Side> {}

/// Fails to compile unless the field type `T` links to model `M` (`related = M` with a
/// `Ref<Other>` field is a mistake; an ID `String` links to anything).
pub const fn assert_links_to<M, T>()
where
    T: Field + ?Sized,
    <T as Field>::Elem: LinksTo<M>,
{
}

/// `Elem: LinksTo<M>`: a relationship field's element can link to model `M`.
#[diagnostic::on_unimplemented(
    message = "this field links to another model than `related = {M}` names",
    label = "the field's `Ref<…>` and `related` must name the same model (or leave `related` out)"
)]
pub trait LinksTo<M> {}
impl<M> LinksTo<M> for String {}
impl<M> LinksTo<M> for serde_json::Value {}
impl<M> LinksTo<M> for crate::reference::Ref<M> {}

/// Fails to compile when `related_id = "id"` names another table than the field's
/// `Ref<Model>`.
pub const fn assert_related_id<T>(id: &str)
where
    T: Field + ?Sized,
    <T as Field>::Elem: LinkedId,
{
    if let Some(model) = <<T as Field>::Elem as LinkedId>::ID
        && !lazy_appwrite_core::text::eq_str(model, id)
    {
        panic!("`related_id` names another table than the model of the field's `Ref<…>`");
    }
}

/// The table ID a relationship field's element names, if it names a model.
pub trait LinkedId {
    /// `Some(T::ID)` for `Ref<T>`.
    const ID: Option<&'static str>;
}
impl LinkedId for String {
    const ID: Option<&'static str> = None;
}
impl LinkedId for serde_json::Value {
    const ID: Option<&'static str> = None;
}
impl<M: Table> LinkedId for crate::reference::Ref<M> {
    const ID: Option<&'static str> = Some(M::ID);
}

/// A relationship side holding one related row.
pub struct ToOne;
/// A relationship side holding many related rows.
pub struct ToMany;

impl RelationShape<ToOne> for kind::shape::Single {}
impl RelationShape<ToMany> for kind::shape::List {}

/// Fails to compile when the field `T` of an indexed column is an array.
pub const fn assert_indexable<T>()
where
    T: Field + ?Sized,
    <T as Field>::Shape: Indexable,
{
}

/// Shapes that can be indexed: single values.
#[diagnostic::on_unimplemented(
    message = "array columns cannot be indexed",
    label = "Appwrite refuses indexes over array columns (`Vec<_>` fields)"
)]
pub trait Indexable {}

impl Indexable for kind::shape::Single {}

/// Fails to compile unless kind `K` can be in a fulltext index.
pub const fn assert_fulltext<K>()
where
    K: kind::Kind,
    <K as kind::Kind>::Family: FulltextFamily,
{
}

/// Families a fulltext index can cover.
#[diagnostic::on_unimplemented(
    message = "a fulltext index covers string, varchar and text columns only",
    label = "this column's kind comes from its type and is not text"
)]
pub trait FulltextFamily {}

impl FulltextFamily for kind::family::StringLike {}
impl FulltextFamily for kind::family::TextLike {}
