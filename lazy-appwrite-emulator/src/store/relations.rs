//! The physical storage of relationships, laid out as utopia-php/database
//! lays it out on MariaDB:
//!
//! * a side that stores the related row's ID has a physical column `c{m}` (`m` = that side's
//!   column sequence) on its own table: the parent of `oneToOne` and `manyToOne`, the child
//!   of `oneToMany` (also when the relationship is one-way), and the child of a two-way
//!   `oneToOne`. `oneToOne` columns carry a unique index, the others a plain one (`x{m}`);
//! * a `manyToMany` relationship is a junction table `j{m}` (`m` = the parent column's
//!   sequence) with the parent-side row ID in `p` and the child-side row ID in `c`, in
//!   linking order (`_seq`).
//!
//! Both sides of every relationship have a catalogue entry; the child side of a one-way
//! relationship is *hidden*: the API does not list it, but rows may store and show it, as
//! utopia's collection metadata has it while Appwrite's column list does not.
//!
//! Every physical name here comes from internal sequences, never from user input.

use rusqlite::{OptionalExtension, params};

use super::Tx;
use super::conflict_or_internal;
use crate::error::{ApiError, ApiResult};
use crate::schema::{ColumnKind, ColumnMeta, RelationshipSpec, TableMeta};

/// The four relationship types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationType {
    /// `oneToOne`.
    OneToOne,
    /// `oneToMany`.
    OneToMany,
    /// `manyToOne`.
    ManyToOne,
    /// `manyToMany`.
    ManyToMany,
}

impl RelationType {
    /// The type with this wire name.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "oneToOne" => Self::OneToOne,
            "oneToMany" => Self::OneToMany,
            "manyToOne" => Self::ManyToOne,
            "manyToMany" => Self::ManyToMany,
            _ => return None,
        })
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OneToOne => "oneToOne",
            Self::OneToMany => "oneToMany",
            Self::ManyToOne => "manyToOne",
            Self::ManyToMany => "manyToMany",
        }
    }
}

/// How one side of a relationship holds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// The related row's ID in this side's own column (a to-one side).
    Stored,
    /// The related rows hold this row's ID in the partner's column (`oneToMany` parent,
    /// `manyToOne` child): a to-many side.
    Referenced,
    /// Rows of a junction table (`manyToMany`): a to-many side.
    Junction,
    /// Nothing: the child of a one-way `oneToOne`.
    Nothing,
}

impl RelationshipSpec {
    /// The relationship type (`oneToOne` for anything unexpected).
    pub fn relation(&self) -> RelationType {
        RelationType::parse(&self.relation_type).unwrap_or(RelationType::OneToOne)
    }

    /// Whether this is the parent side (the side the relationship was created on).
    pub fn is_parent(&self) -> bool {
        self.side != "child"
    }

    /// The child side of a one-way relationship: not listed by the API.
    pub fn is_hidden(&self) -> bool {
        !self.is_parent() && !self.two_way
    }

    /// How this side holds its value.
    pub fn holding(&self) -> Holding {
        match (self.relation(), self.is_parent()) {
            (RelationType::OneToOne, true) | (RelationType::ManyToOne, true) => Holding::Stored,
            (RelationType::OneToMany, false) => Holding::Stored,
            (RelationType::OneToOne, false) if self.two_way => Holding::Stored,
            (RelationType::OneToOne, false) => Holding::Nothing,
            (RelationType::OneToMany, true) | (RelationType::ManyToOne, false) => {
                Holding::Referenced
            }
            (RelationType::ManyToMany, _) => Holding::Junction,
        }
    }

    /// Whether this side's value is a list of rows.
    pub fn is_to_many(&self) -> bool {
        matches!(self.holding(), Holding::Referenced | Holding::Junction)
    }
}

/// The relationship spec of a relationship column.
pub fn spec_of(column: &ColumnMeta) -> Option<&RelationshipSpec> {
    if column.spec.kind == ColumnKind::Relationship {
        column.spec.relationship.as_ref()
    } else {
        None
    }
}

/// Whether a column is the hidden child side of a one-way relationship.
pub fn is_hidden(column: &ColumnMeta) -> bool {
    spec_of(column).is_some_and(RelationshipSpec::is_hidden)
}

/// The other side of `column` (a relationship column of `table`) in `related`.
pub fn partner<'a>(
    table: &TableMeta,
    column: &ColumnMeta,
    related: &'a TableMeta,
) -> Option<&'a ColumnMeta> {
    let spec = spec_of(column)?;
    related.columns.iter().find(|c| {
        c.seq != column.seq
            && spec_of(c).is_some_and(|other| {
                c.spec.key.eq_ignore_ascii_case(&spec.two_way_key)
                    && other.related_table.eq_ignore_ascii_case(&table.id)
                    && other.two_way_key.eq_ignore_ascii_case(&column.spec.key)
                    && other.is_parent() != spec.is_parent()
            })
    })
}

/// The physical layout of one relationship, by the sequences of its two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The relationship type.
    pub kind: RelationType,
    /// Two-way?
    pub two_way: bool,
    /// The table of the parent side.
    pub parent_table: i64,
    /// The parent side's column sequence.
    pub parent_column: i64,
    /// The table of the child side.
    pub child_table: i64,
    /// The child side's column sequence.
    pub child_column: i64,
}

impl Layout {
    /// The layout of the relationship of `column` (on `table`) and its `partner` (on
    /// `related`).
    pub fn of(
        table: &TableMeta,
        column: &ColumnMeta,
        related: &TableMeta,
        partner: &ColumnMeta,
    ) -> Option<Self> {
        let spec = spec_of(column)?;
        let (pt, pc, ct, cc) = if spec.is_parent() {
            (table.seq, column.seq, related.seq, partner.seq)
        } else {
            (related.seq, partner.seq, table.seq, column.seq)
        };
        Some(Self {
            kind: spec.relation(),
            two_way: spec.two_way,
            parent_table: pt,
            parent_column: pc,
            child_table: ct,
            child_column: cc,
        })
    }

    /// The `(table, column)` sequences of every physical ID column, and whether each is unique.
    fn id_columns(&self) -> Vec<(i64, i64, bool)> {
        let parent = (self.parent_table, self.parent_column);
        let child = (self.child_table, self.child_column);
        match self.kind {
            RelationType::OneToOne if self.two_way => {
                vec![(parent.0, parent.1, true), (child.0, child.1, true)]
            }
            RelationType::OneToOne => vec![(parent.0, parent.1, true)],
            RelationType::ManyToOne => vec![(parent.0, parent.1, false)],
            RelationType::OneToMany => vec![(child.0, child.1, false)],
            RelationType::ManyToMany => Vec::new(),
        }
    }

    /// The junction table of a `manyToMany` relationship.
    pub fn junction(&self) -> Option<Junction> {
        (self.kind == RelationType::ManyToMany).then_some(Junction(self.parent_column))
    }
}

/// A `manyToMany` junction table `j{seq}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Junction(pub i64);

/// Which column of a junction holds a side's own row IDs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `p`: parent-side rows.
    Parent,
    /// `c`: child-side rows.
    Child,
}

impl End {
    /// The end a side's own rows are stored at.
    pub fn of(spec: &RelationshipSpec) -> Self {
        if spec.is_parent() {
            End::Parent
        } else {
            End::Child
        }
    }

    fn column(self) -> &'static str {
        match self {
            End::Parent => "p",
            End::Child => "c",
        }
    }

    fn other(self) -> Self {
        match self {
            End::Parent => End::Child,
            End::Child => End::Parent,
        }
    }
}

impl Junction {
    /// The physical table name.
    pub fn physical(self) -> String {
        format!("j{}", self.0)
    }

    /// The column holding the rows of `end`.
    pub fn column(end: End) -> &'static str {
        end.column()
    }
}

/// Creates the physical storage of a new relationship.
pub fn create(tx: &Tx<'_>, layout: &Layout) -> ApiResult<()> {
    for (table, column, unique) in layout.id_columns() {
        let unique = if unique { "UNIQUE " } else { "" };
        tx.sql.execute_batch(&format!(
            "ALTER TABLE r{table} ADD COLUMN c{column} TEXT COLLATE NOCASE;
             CREATE {unique}INDEX x{column} ON r{table}(c{column});"
        ))?;
    }
    if let Some(j) = layout.junction() {
        let n = j.0;
        tx.sql.execute_batch(&format!(
            "CREATE TABLE j{n} (
                _seq INTEGER PRIMARY KEY AUTOINCREMENT,
                p TEXT NOT NULL COLLATE NOCASE,
                c TEXT NOT NULL COLLATE NOCASE
            );
            CREATE INDEX j{n}_p ON j{n}(p);
            CREATE INDEX j{n}_c ON j{n}(c);"
        ))?;
    }
    Ok(())
}

/// Drops the physical storage of a relationship (whatever of it still exists).
pub fn drop(tx: &Tx<'_>, layout: &Layout) -> ApiResult<()> {
    for (table, column, _) in layout.id_columns() {
        drop_id_column(tx, table, column)?;
    }
    if let Some(j) = layout.junction() {
        tx.sql
            .execute_batch(&format!("DROP TABLE IF EXISTS {};", j.physical()))?;
    }
    Ok(())
}

/// Drops the ID column `c{column}` of `r{table}` and its index, if both still exist.
fn drop_id_column(tx: &Tx<'_>, table: i64, column: i64) -> ApiResult<()> {
    tx.sql
        .execute_batch(&format!("DROP INDEX IF EXISTS x{column};"))?;
    let exists: Option<i64> = tx
        .sql
        .query_row(
            "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2",
            params![format!("r{table}"), format!("c{column}")],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        tx.sql
            .execute_batch(&format!("ALTER TABLE r{table} DROP COLUMN c{column};"))?;
    }
    Ok(())
}

/// The `_seq`s of the rows of `table` whose ID column `column` holds `id`, in order.
pub fn referencing(
    tx: &Tx<'_>,
    table: &TableMeta,
    column: &ColumnMeta,
    id: &str,
) -> ApiResult<Vec<i64>> {
    let sql = format!(
        "SELECT _seq FROM {} WHERE {} = ?1 ORDER BY _seq",
        table.physical(),
        column.physical()
    );
    let mut stmt = tx.sql.prepare_cached(&sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// Sets the ID column `column` of row `seq` (whose ID is `id`) and its `$updatedAt`;
/// a unique index clash is `409 row_already_exists`.
pub fn set_id(
    tx: &Tx<'_>,
    table: &TableMeta,
    seq: i64,
    id: &str,
    column: &ColumnMeta,
    value: Option<&str>,
    updated_at: &str,
) -> ApiResult<()> {
    let sql = format!(
        "UPDATE {} SET {} = ?1, _updated = ?2 WHERE _seq = ?3",
        table.physical(),
        column.physical()
    );
    tx.sql
        .prepare_cached(&sql)?
        .execute(params![value, updated_at, seq])
        .map_err(|e| conflict_or_internal(e, id))?;
    Ok(())
}

/// The IDs linked to `id` (stored at `end`) through junction `j`, in linking order.
pub fn linked(tx: &Tx<'_>, j: Junction, end: End, id: &str) -> ApiResult<Vec<String>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE {} = ?1 ORDER BY _seq",
        end.other().column(),
        j.physical(),
        end.column()
    );
    let mut stmt = tx.sql.prepare_cached(&sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
}

/// Links `id` (stored at `end`) to `other`.
pub fn link(tx: &Tx<'_>, j: Junction, end: End, id: &str, other: &str) -> ApiResult<()> {
    let sql = format!(
        "INSERT INTO {} ({}, {}) VALUES (?1, ?2)",
        j.physical(),
        end.column(),
        end.other().column()
    );
    tx.sql.prepare_cached(&sql)?.execute(params![id, other])?;
    Ok(())
}

/// Removes the links between `id` (stored at `end`) and `other`; every link of `id` when
/// `other` is `None`.
pub fn unlink(tx: &Tx<'_>, j: Junction, end: End, id: &str, other: Option<&str>) -> ApiResult<()> {
    match other {
        Some(other) => {
            let sql = format!(
                "DELETE FROM {} WHERE {} = ?1 AND {} = ?2",
                j.physical(),
                end.column(),
                end.other().column()
            );
            tx.sql.prepare_cached(&sql)?.execute(params![id, other])?;
        }
        None => {
            let sql = format!("DELETE FROM {} WHERE {} = ?1", j.physical(), end.column());
            tx.sql.prepare_cached(&sql)?.execute([id])?;
        }
    }
    Ok(())
}

/// `ApiError` for an internal inconsistency of the relationship catalogue.
pub fn inconsistent(what: &str) -> ApiError {
    ApiError::internal(format!("relationship catalogue inconsistent: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: &str, side: &str, two_way: bool) -> RelationshipSpec {
        RelationshipSpec {
            related_table: "t".into(),
            relation_type: kind.into(),
            two_way,
            two_way_key: "k".into(),
            on_delete: "restrict".into(),
            side: side.into(),
        }
    }

    #[test]
    fn which_side_holds_what() {
        use Holding::*;
        for (kind, side, two_way, holding, hidden) in [
            ("oneToOne", "parent", false, Stored, false),
            ("oneToOne", "child", false, Nothing, true),
            ("oneToOne", "child", true, Stored, false),
            ("oneToMany", "parent", true, Referenced, false),
            ("oneToMany", "child", false, Stored, true),
            ("manyToOne", "parent", false, Stored, false),
            ("manyToOne", "child", true, Referenced, false),
            ("manyToMany", "parent", false, Junction, false),
            ("manyToMany", "child", false, Junction, true),
        ] {
            let s = spec(kind, side, two_way);
            assert_eq!(s.holding(), holding, "{kind} {side} {two_way}");
            assert_eq!(s.is_hidden(), hidden, "{kind} {side} {two_way}");
            assert_eq!(s.is_to_many(), matches!(holding, Referenced | Junction));
        }
    }

    #[test]
    fn physical_layout() {
        let layout = |kind, two_way| Layout {
            kind,
            two_way,
            parent_table: 1,
            parent_column: 10,
            child_table: 2,
            child_column: 20,
        };
        assert_eq!(
            layout(RelationType::OneToOne, true).id_columns(),
            vec![(1, 10, true), (2, 20, true)]
        );
        assert_eq!(
            layout(RelationType::OneToMany, false).id_columns(),
            vec![(2, 20, false)]
        );
        assert_eq!(
            layout(RelationType::ManyToOne, true).id_columns(),
            vec![(1, 10, false)]
        );
        let m = layout(RelationType::ManyToMany, false);
        assert!(m.id_columns().is_empty());
        assert_eq!(m.junction().map(Junction::physical).as_deref(), Some("j10"));
    }
}
