//! The query methods × kind families table: one row per `Can…` trait a column handle's
//! query methods require, one cell per family saying whether the method is allowed on a
//! single value and on an array, and if not, the message and label the user reads. The
//! traits, impls and refusal traits are generated from it by `capabilities!`, whose
//! documentation gives the form of a row and of a cell.

/// Hands the query methods' table to `$generate` (`capabilities`).
macro_rules! query_methods {
    ($generate:ident) => {
        $generate! {
            /// Allows `gt` on a column of this family and shape.
            CanGt(Operand) {
                shared: ArrayGt(
                    "array columns cannot be compared with `gt`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only integer, float and datetime columns are ordered",
                StringLike:   [refused StringLikeGt("string columns cannot be compared with `gt`")],
                TextLike:     [refused TextLikeGt("varchar and text columns cannot be compared with `gt`")],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [refused BooleanGt("boolean columns cannot be compared with `gt`")],
                Relationship: [refused RelationshipGt("relationship columns cannot be compared with `gt`")],
                Spatial:      [refused SpatialGt("spatial columns cannot be compared with `gt`")],
            }

            /// Allows `gte` on a column of this family and shape.
            CanGte(Operand) {
                shared: ArrayGte(
                    "array columns cannot be compared with `gte`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only integer, float and datetime columns are ordered",
                StringLike:   [refused StringLikeGte("string columns cannot be compared with `gte`")],
                TextLike:     [refused TextLikeGte("varchar and text columns cannot be compared with `gte`")],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [refused BooleanGte("boolean columns cannot be compared with `gte`")],
                Relationship: [refused RelationshipGte("relationship columns cannot be compared with `gte`")],
                Spatial:      [refused SpatialGte("spatial columns cannot be compared with `gte`")],
            }

            /// Allows `lt` on a column of this family and shape.
            CanLt(Operand) {
                shared: ArrayLt(
                    "array columns cannot be compared with `lt`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only integer, float and datetime columns are ordered",
                StringLike:   [refused StringLikeLt("string columns cannot be compared with `lt`")],
                TextLike:     [refused TextLikeLt("varchar and text columns cannot be compared with `lt`")],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [refused BooleanLt("boolean columns cannot be compared with `lt`")],
                Relationship: [refused RelationshipLt("relationship columns cannot be compared with `lt`")],
                Spatial:      [refused SpatialLt("spatial columns cannot be compared with `lt`")],
            }

            /// Allows `lte` on a column of this family and shape.
            CanLte(Operand) {
                shared: ArrayLte(
                    "array columns cannot be compared with `lte`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only integer, float and datetime columns are ordered",
                StringLike:   [refused StringLikeLte("string columns cannot be compared with `lte`")],
                TextLike:     [refused TextLikeLte("varchar and text columns cannot be compared with `lte`")],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [refused BooleanLte("boolean columns cannot be compared with `lte`")],
                Relationship: [refused RelationshipLte("relationship columns cannot be compared with `lte`")],
                Spatial:      [refused SpatialLte("spatial columns cannot be compared with `lte`")],
            }

            /// Allows `between` on a column of this family and shape.
            CanBetween(Operand) {
                shared: ArrayBetween(
                    "array columns cannot be compared with `between`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only integer, float and datetime columns are ordered",
                StringLike:   [refused StringLikeBetween("string columns cannot be compared with `between`")],
                TextLike:     [refused TextLikeBetween("varchar and text columns cannot be compared with `between`")],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [refused BooleanBetween("boolean columns cannot be compared with `between`")],
                Relationship: [refused RelationshipBetween("relationship columns cannot be compared with `between`")],
                Spatial:      [refused SpatialBetween("spatial columns cannot be compared with `between`")],
            }

            /// Allows `not_between` on a column of this family and shape.
            CanNotBetween(Operand) {
                shared: ArrayNotBetween(
                    "array columns cannot be compared with `not_between`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only integer, float and datetime columns are ordered",
                StringLike:   [refused StringLikeNotBetween("string columns cannot be compared with `not_between`")],
                TextLike:     [refused TextLikeNotBetween("varchar and text columns cannot be compared with `not_between`")],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [refused BooleanNotBetween("boolean columns cannot be compared with `not_between`")],
                Relationship: [refused RelationshipNotBetween("relationship columns cannot be compared with `not_between`")],
                Spatial:      [refused SpatialNotBetween("spatial columns cannot be compared with `not_between`")],
            }

            /// Allows `starts_with` on a column of this family and shape.
            CanStartsWith {
                shared: ArrayStartsWith(
                    "array columns cannot use `starts_with`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only string, varchar and text columns have text operators",
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [refused NumberStartsWith("integer and float columns cannot use `starts_with`")],
                Datetime:     [refused DatetimeStartsWith("datetime columns cannot use `starts_with`")],
                Boolean:      [refused BooleanStartsWith("boolean columns cannot use `starts_with`")],
                Relationship: [refused RelationshipStartsWith("relationship columns cannot use `starts_with`")],
                Spatial:      [refused SpatialStartsWith("spatial columns cannot use `starts_with`")],
            }

            /// Allows `ends_with` on a column of this family and shape.
            CanEndsWith {
                shared: ArrayEndsWith(
                    "array columns cannot use `ends_with`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only string, varchar and text columns have text operators",
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [refused NumberEndsWith("integer and float columns cannot use `ends_with`")],
                Datetime:     [refused DatetimeEndsWith("datetime columns cannot use `ends_with`")],
                Boolean:      [refused BooleanEndsWith("boolean columns cannot use `ends_with`")],
                Relationship: [refused RelationshipEndsWith("relationship columns cannot use `ends_with`")],
                Spatial:      [refused SpatialEndsWith("spatial columns cannot use `ends_with`")],
            }

            /// Allows `not_starts_with` on a column of this family and shape.
            CanNotStartsWith {
                shared: ArrayNotStartsWith(
                    "array columns cannot use `not_starts_with`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only string, varchar and text columns have text operators",
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [refused NumberNotStartsWith("integer and float columns cannot use `not_starts_with`")],
                Datetime:     [refused DatetimeNotStartsWith("datetime columns cannot use `not_starts_with`")],
                Boolean:      [refused BooleanNotStartsWith("boolean columns cannot use `not_starts_with`")],
                Relationship: [refused RelationshipNotStartsWith("relationship columns cannot use `not_starts_with`")],
                Spatial:      [refused SpatialNotStartsWith("spatial columns cannot use `not_starts_with`")],
            }

            /// Allows `not_ends_with` on a column of this family and shape.
            CanNotEndsWith {
                shared: ArrayNotEndsWith(
                    "array columns cannot use `not_ends_with`",
                    "use `contains` or `not_contains` on array columns"
                ),
                label: "only string, varchar and text columns have text operators",
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [refused NumberNotEndsWith("integer and float columns cannot use `not_ends_with`")],
                Datetime:     [refused DatetimeNotEndsWith("datetime columns cannot use `not_ends_with`")],
                Boolean:      [refused BooleanNotEndsWith("boolean columns cannot use `not_ends_with`")],
                Relationship: [refused RelationshipNotEndsWith("relationship columns cannot use `not_ends_with`")],
                Spatial:      [refused SpatialNotEndsWith("spatial columns cannot use `not_ends_with`")],
            }

            /// Allows `contains` on a column of this family and shape.
            CanContains(Operand) {
                label: "`contains` works on text columns (substring) and on array columns (element)",
                StringLike:   [Single, List],
                TextLike:     [Single, List],
                Number: [
                    Single refused NumberContains("integer and float columns cannot use `contains`"),
                    List,
                ],
                Datetime: [
                    Single refused DatetimeContains("datetime columns cannot use `contains`"),
                    List,
                ],
                Boolean: [
                    Single refused BooleanContains("boolean columns cannot use `contains`"),
                    List,
                ],
                Relationship: [
                    Single refused RelationshipContains("relationship columns cannot use `contains`"),
                    List,
                ],
                Spatial: [
                    Single refused SpatialContains("spatial columns cannot use `contains`"),
                    List,
                ],
            }

            /// Allows `not_contains` on a column of this family and shape.
            CanNotContains(Operand) {
                label: "`not_contains` works on text columns (substring) and on array columns (element)",
                StringLike:   [Single, List],
                TextLike:     [Single, List],
                Number: [
                    Single refused NumberNotContains("integer and float columns cannot use `not_contains`"),
                    List,
                ],
                Datetime: [
                    Single refused DatetimeNotContains("datetime columns cannot use `not_contains`"),
                    List,
                ],
                Boolean: [
                    Single refused BooleanNotContains("boolean columns cannot use `not_contains`"),
                    List,
                ],
                Relationship: [
                    Single refused RelationshipNotContains("relationship columns cannot use `not_contains`"),
                    List,
                ],
                Spatial: [
                    Single refused SpatialNotContains("spatial columns cannot use `not_contains`"),
                    List,
                ],
            }

            /// Allows `equal` on a column of this family and shape.
            CanEqual(Operand) {
                shared: ArrayEqual(
                    "array columns cannot be compared with `equal`",
                    "use `contains` or `not_contains` on array columns"
                ),
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [Single],
                Relationship: [Single],
                Spatial:      [Single],
            }

            /// Allows `not_equal` on a column of this family and shape.
            CanNotEqual(Operand) {
                shared: ArrayNotEqual(
                    "array columns cannot be compared with `not_equal`",
                    "use `contains` or `not_contains` on array columns"
                ),
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [Single],
                Relationship: [Single],
                Spatial:      [Single],
            }

            /// Allows `is_in` on a column of this family and shape.
            CanIsIn(Operand) {
                shared: ArrayIsIn(
                    "array columns cannot be compared with `is_in`",
                    "use `contains` or `not_contains` on array columns"
                ),
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [Single],
                Relationship: [Single],
                Spatial:      [Single],
            }

            /// Allows `asc` on a column of this family and shape.
            CanAsc {
                shared: ArrayAsc(
                    "array columns cannot be sorted with `asc`",
                    "use `contains` or `not_contains` on array columns"
                ),
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [Single],
                Relationship: [Single],
                Spatial:      [Single],
            }

            /// Allows `desc` on a column of this family and shape.
            CanDesc {
                shared: ArrayDesc(
                    "array columns cannot be sorted with `desc`",
                    "use `contains` or `not_contains` on array columns"
                ),
                StringLike:   [Single],
                TextLike:     [Single],
                Number:       [Single],
                Datetime:     [Single],
                Boolean:      [Single],
                Relationship: [Single],
                Spatial:      [Single],
            }

            /// Allows `contains_any` on a column of this family and shape (Appwrite 1.9.0 and later):
            /// text columns match a substring, array columns an element.
            CanContainsAny(Operand) {
                label: "`contains_any` works on text columns (substring) and on array columns (element)",
                StringLike:   [Single, List],
                TextLike:     [Single, List],
                Number: [
                    Single refused NumberContainsAny("integer and float columns cannot use `contains_any`"),
                    List,
                ],
                Datetime: [
                    Single refused DatetimeContainsAny("datetime columns cannot use `contains_any`"),
                    List,
                ],
                Boolean: [
                    Single refused BooleanContainsAny("boolean columns cannot use `contains_any`"),
                    List,
                ],
                Relationship: [
                    Single refused RelationshipContainsAny("relationship columns cannot use `contains_any`"),
                    List refused RelationshipListContainsAny("relationship columns cannot use `contains_any`"),
                ],
                Spatial: [
                    Single refused SpatialContainsAny("spatial columns cannot use `contains_any`"),
                    List refused SpatialListContainsAny("spatial columns cannot use `contains_any`"),
                ],
            }

            /// Allows `contains_all` on a column of this family and shape (Appwrite 1.9.0 and later):
            /// array columns only. Appwrite 1.9.6 accepts `containsAll` on a string column too, but
            /// matches nothing there, so the typed API does not offer it.
            CanContainsAll(Operand) {
                label: "`contains_all` works on array columns only",
                StringLike: [
                    Single refused StringLikeContainsAll("string columns cannot use `contains_all`"),
                    List,
                ],
                TextLike: [
                    Single refused TextLikeContainsAll("varchar and text columns cannot use `contains_all`"),
                    List,
                ],
                Number: [
                    Single refused NumberContainsAll("integer and float columns cannot use `contains_all`"),
                    List,
                ],
                Datetime: [
                    Single refused DatetimeContainsAll("datetime columns cannot use `contains_all`"),
                    List,
                ],
                Boolean: [
                    Single refused BooleanContainsAll("boolean columns cannot use `contains_all`"),
                    List,
                ],
                Relationship: [
                    Single refused RelationshipContainsAll("relationship columns cannot use `contains_all`"),
                    List refused RelationshipListContainsAll("relationship columns cannot use `contains_all`"),
                ],
                Spatial: [
                    Single refused SpatialContainsAll("spatial columns cannot use `contains_all`"),
                    List refused SpatialListContainsAll("spatial columns cannot use `contains_all`"),
                ],
            }
        }
    };
}

pub(super) use query_methods;
