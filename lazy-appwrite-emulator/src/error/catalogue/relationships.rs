//! The relationship value check's messages (a row write's relationship column given
//! something it cannot link), sent as `relationship_value_invalid` (see
//! [`super::relationship_value_invalid`]).

/// A value on the child side of a one-way oneToOne relationship, which stores nothing.
pub const ONE_WAY_CHILD: &str = "Invalid relationship value. Cannot set a value from the child side of a oneToOne relationship when twoWay is false.";

/// A list given to a to-one side.
pub const ARRAY_GIVEN: &str =
    "Invalid relationship value. Must be either a document ID or a document, array given.";

/// A value of no relationship shape (neither a row, an ID, nor a list of them).
pub const NOT_A_RELATION: &str = "Invalid relationship value. Must be either a document, document ID, or an array of documents or document IDs.";

/// A list item that is neither a row nor an ID.
pub const NOT_AN_ITEM: &str =
    "Invalid relationship value. Must be either a document or document ID.";

/// A to-many side given one row.
pub const DOCUMENT_GIVEN_TO_MANY: &str = "Invalid relationship value. Must be either an array of documents or document IDs, document given.";

/// A to-many side given one ID.
pub const ID_GIVEN_TO_MANY: &str = "Invalid relationship value. Must be either an array of documents or document IDs, document ID given.";

/// A manyToMany side given something that is not a list.
pub const NOT_A_LIST: &str =
    "Invalid relationship value. Must be an array of documents or document IDs.";

/// A oneToOne side given a list (one-way).
pub const ONE_TO_ONE_ARRAY_GIVEN: &str =
    "Invalid relationship value. Must be either a document, document ID or null. Array given.";

/// A oneToOne side given a value of another shape.
pub const ONE_TO_ONE_INVALID: &str =
    "Invalid relationship value. Must be either a document, document ID or null.";

/// A to-one side given an empty value.
pub const EMPTY_GIVEN: &str =
    "Invalid relationship value. Must be either a document ID or a document.";

/// The check's message without a reason.
pub const INVALID: &str = "Invalid relationship value.";

/// A to-many side given a value of PHP type `php_type`.
pub fn to_many_given(php_type: &str) -> String {
    format!(
        "Invalid relationship value. Must be either an array of documents or document IDs, {php_type} given."
    )
}

/// A nested row whose `$id` is not a string.
pub const ID_NOT_A_STRING: &str = "Relationship $id must be a string";

/// 1.9.6's wording of a value of no relationship shape (1.8.1 answers [`NOT_A_RELATION`]).
pub const NOT_AN_OBJECT_OR_ID: &str =
    "Relationship value must be an object, document ID string, or associative array";
