//! Syncing a table together with the tables its relationships point to: related tables
//! first, and relationships whose related table is not there yet created on a second pass
//! (which is how two models that point at each other both get created).

use super::diff::Mode;
use super::plan::Plan;
use crate::client::Client;
use crate::error::{Error, Result};
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

impl Client {
    /// Syncs `root` and every table its relationships reach (see the module docs), marks
    /// the others verified, and returns `root`'s plan. One such sync runs at a time per
    /// client.
    pub(super) async fn run_sync_related(
        &self,
        database: &str,
        root: &'static TableSchema,
        mode: Mode,
    ) -> Result<Plan> {
        let _turn = self.inner.schema.related_turn().await;
        let members = dependency_order(related_closure(root));
        for member in &members {
            if member.database.is_some_and(|d| d != database) {
                return Err(Error::Config {
                    reason: format!(
                        "table `{}` (database `{database}`) relates to table `{}` in database \
                         `{}`: Appwrite relationships stay within one database",
                        root.id,
                        member.id,
                        member.database.unwrap_or_default()
                    ),
                });
            }
        }
        // Tables that exist now (verified before, or synced in this run).
        let mut present: Vec<&str> = Vec::new();
        let mut later: Vec<(&'static TableSchema, Plan)> = Vec::new();
        let mut root_plan = None;
        for member in members {
            let key = self.table_key(database, member.id);
            if member.id != root.id && self.inner.schema.is_verified(&key, member) {
                present.push(member.id);
                continue;
            }
            let defer = deferred_columns(member, &present);
            let (plan, deferred) = self.run_sync(database, member, mode, &defer).await?;
            present.push(member.id);
            if !deferred {
                self.settle_member(database, root, member, plan, &mut root_plan);
            } else {
                later.push((member, plan));
            }
        }
        for (member, mut plan) in later {
            let (rest, _) = self.run_sync(database, member, mode, &[]).await?;
            plan.changes.extend(rest.changes);
            plan.notes = rest.notes;
            self.settle_member(database, root, member, plan, &mut root_plan);
        }
        root_plan.ok_or_else(|| Error::SchemaDrift {
            table: root.id.to_owned(),
            column: None,
            reason: "the table was not synced with its related tables".into(),
        })
    }

    /// Keeps `root`'s plan for the caller; marks any other member verified.
    fn settle_member(
        &self,
        database: &str,
        root: &'static TableSchema,
        member: &'static TableSchema,
        plan: Plan,
        root_plan: &mut Option<Plan>,
    ) {
        if member.id == root.id {
            *root_plan = Some(plan);
        } else {
            let key = self.table_key(database, member.id);
            self.inner.schema.verified(&key, member, plan);
        }
    }
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
