//! The order for syncing a table together with the tables its relationships point to:
//! which tables (`related_closure`), related tables first (`dependency_order`), and which
//! relationship columns wait for a second pass because their related table is not there
//! yet (`deferred_columns`; how two models that point at each other both get created).
//! `run_sync_related` in the parent module runs the passes.

use crate::schema::{ColumnType, TableSchema};

/// The models `root`'s relationships name, directly or through each other, `root` first;
/// each table once.
pub(super) fn related_closure(root: &'static TableSchema) -> Vec<&'static TableSchema> {
    let mut found = vec![root];
    let mut next = 0;
    while let Some(schema) = found.get(next).copied() {
        next += 1;
        for related in related_models(schema) {
            if !found.iter().any(|s| s.id == related.id) {
                found.push(related);
            }
        }
    }
    found
}

/// The models `schema`'s relationship columns name, other than itself.
fn related_models(schema: &'static TableSchema) -> impl Iterator<Item = &'static TableSchema> {
    schema.columns.iter().filter_map(move |c| match c.kind {
        ColumnType::Relationship(rel) => rel
            .related_model
            .map(|m| m.schema())
            .filter(|s| s.id != schema.id),
        _ => None,
    })
}

/// Whether syncing `schema` involves other tables.
pub(super) fn has_related_models(schema: &'static TableSchema) -> bool {
    related_models(schema).next().is_some()
}

/// The schemas in an order where a table comes after the tables its relationships point
/// to (when they are in the list); cycles keep the given order.
pub(super) fn dependency_order(mut rest: Vec<&'static TableSchema>) -> Vec<&'static TableSchema> {
    let mut done: Vec<&'static TableSchema> = Vec::new();
    while !rest.is_empty() {
        let ready = rest.iter().position(|s| {
            s.columns.iter().all(|c| match c.kind {
                ColumnType::Relationship(rel) => {
                    rel.related_table == s.id
                        || done.iter().any(|d| d.id == rel.related_table)
                        || !rest.iter().any(|r| r.id == rel.related_table)
                }
                _ => true,
            })
        });
        done.push(rest.remove(ready.unwrap_or(0)));
    }
    done
}

/// The relationship columns of `member` whose related model's table is not among
/// `present` (the tables synced before it): its first sync leaves them out, and a second
/// pass, after the other tables, creates them.
pub(super) fn deferred_columns(member: &TableSchema, present: &[&str]) -> Vec<&'static str> {
    member
        .columns
        .iter()
        .filter(|c| match c.kind {
            ColumnType::Relationship(rel) => {
                rel.related_table != member.id
                    && rel.related_model.is_some()
                    && !present.contains(&rel.related_table)
            }
            _ => false,
        })
        .map(|c| c.key)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::marker::PhantomData;

    use super::{dependency_order, related_closure};
    use crate::schema::{
        ColumnSchema, ColumnType, Patch, Relation, RelationshipSchema, Table, TableSchema,
        related_model,
    };

    #[derive(serde::Serialize)]
    struct NoPatch<T>(#[serde(skip)] PhantomData<T>);

    impl<T> Default for NoPatch<T> {
        fn default() -> Self {
            Self(PhantomData)
        }
    }

    impl<T: Table> Patch for NoPatch<T> {
        type Table = T;
        fn validate(&self) -> crate::Result<()> {
            Ok(())
        }
        fn is_empty(&self) -> bool {
            true
        }
    }

    macro_rules! model {
        ($name:ident, $id:literal, $($rel:ident),*) => {
            struct $name;
            impl Table for $name {
                const ID: &'static str = $id;
                const SCHEMA: &'static TableSchema = &TableSchema::new($id, $id).columns(&[$(
                    ColumnSchema::new(
                        <$rel as Table>::ID,
                        ColumnType::Relationship(
                            RelationshipSchema::new(<$rel as Table>::ID, Relation::ManyToOne)
                                .related_model(related_model::<$rel>()),
                        ),
                    ),
                )*]);
                type Columns = ();
                type Patch = NoPatch<Self>;
                fn columns() -> &'static () { &() }
                fn validate(&self) -> crate::Result<()> { Ok(()) }
            }
        };
    }

    model!(Books, "books", Authors, Shelves);
    model!(Authors, "authors", Books, Countries);
    model!(Shelves, "shelves",);
    model!(Countries, "countries",);

    fn ids(schemas: &[&'static TableSchema]) -> Vec<&'static str> {
        schemas.iter().map(|s| s.id).collect()
    }

    #[test]
    fn the_closure_follows_relationships_through_cycles() {
        assert_eq!(
            ids(&related_closure(Books::SCHEMA)),
            ["books", "authors", "shelves", "countries"]
        );
        assert_eq!(ids(&related_closure(Shelves::SCHEMA)), ["shelves"]);
    }

    #[test]
    fn related_tables_come_first_and_cycles_keep_their_order() {
        let order = dependency_order(related_closure(Books::SCHEMA));
        // books and authors need each other: the cycle is broken at the first of them.
        assert_eq!(ids(&order), ["shelves", "countries", "books", "authors"]);
    }
}
