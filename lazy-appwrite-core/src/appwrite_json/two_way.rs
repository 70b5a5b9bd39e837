//! Both sides of two-way relationships in the tables of an `appwrite.json`: the table
//! that creates a relationship holds it as `side: "parent"`, and the related table holds
//! the partner column the server makes, as `side: "child"`.

use serde_json::Value;

use super::{ColumnEntry, RelationshipEntry, TableEntry};

/// Gives each two-way relationship of `tables` its partner column, as a server reports
/// it: key `twoWayKey`, in the related table (when it is among `tables`, in the same
/// database), with `relatedTable` the parent's table, the parent's `relationType` and
/// `onDelete`, `twoWayKey` the parent's key, and `side: "child"`. A related table that
/// declares that column itself (a model declaring the other side) gets it replaced, so
/// that no column is there twice; the first side in table and column order is the
/// parent, as a sync of the tables in that order creates it.
///
/// ```
/// use lazy_appwrite_core::appwrite_json::{TableEntry, link_two_way};
/// use serde_json::json;
/// let table = |id: &str, columns| TableEntry::from_json(&json!({
///     "$id": id, "databaseId": "shop", "columns": columns}));
/// let books = table("books", json!([{"key": "author", "type": "relationship",
///     "relatedTable": "authors", "relationType": "manyToOne", "twoWay": true,
///     "twoWayKey": "books", "onDelete": "cascade"}]))?;
/// let authors = table("authors", json!([]))?;
/// let mut tables = vec![books, authors];
/// link_two_way(&mut tables);
/// assert_eq!(tables[1].columns[0].to_json(), json!({"key": "books", "type": "relationship",
///     "required": false, "array": false, "relatedTable": "books", "relationType": "manyToOne",
///     "twoWay": true, "twoWayKey": "author", "onDelete": "cascade", "side": "child"}));
/// # Ok::<(), String>(())
/// ```
pub fn link_two_way(tables: &mut [TableEntry]) {
    for table in 0..tables.len() {
        for column in 0..tables[table].columns.len() {
            let Some(partner) = partner_of(&tables[table], &tables[table].columns[column]) else {
                continue;
            };
            let related = tables
                .iter_mut()
                .find(|t| t.id == partner.table && t.database_id == partner.database);
            if let Some(related) = related {
                link(related, partner.column);
            }
        }
    }
}

/// A partner column, and the table it belongs in.
struct Partner {
    /// The related table's ID.
    table: String,
    /// The database of both tables.
    database: String,
    column: ColumnEntry,
}

/// The partner column of `column` of `table`, if it is the parent side of a two-way
/// relationship. Without a `twoWayKey`, Appwrite keys the partner by the parent's table ID.
fn partner_of(table: &TableEntry, column: &ColumnEntry) -> Option<Partner> {
    let rel = column.relationship.as_ref()?;
    if rel.is_child() || !rel.two_way {
        return None;
    }
    let key = rel.two_way_key.clone().unwrap_or_else(|| table.id.clone());
    Some(Partner {
        table: rel.related_table.clone(),
        database: table.database_id.clone(),
        column: ColumnEntry {
            key,
            server_type: column.server_type.clone(),
            format: None,
            required: false,
            array: false,
            size: None,
            min: None,
            max: None,
            default: Value::Null,
            elements: Vec::new(),
            encrypt: false,
            description: None,
            relationship: Some(RelationshipEntry {
                related_table: table.id.clone(),
                relation_type: rel.relation_type.clone(),
                two_way: true,
                two_way_key: Some(column.key.clone()),
                on_delete: rel.on_delete.clone(),
                side: "child".to_owned(),
            }),
        },
    })
}

/// Puts partner column `column` into `related`: in place of the other side's own
/// declaration of it (a relationship back to the parent's table, whose description it
/// keeps), or at the end; a column of that key that is something else is left for the
/// sync to report.
fn link(related: &mut TableEntry, column: ColumnEntry) {
    let parent_table = column
        .relationship
        .as_ref()
        .map(|r| r.related_table.as_str());
    match related.columns.iter_mut().find(|c| c.key == column.key) {
        Some(existing) => {
            let declares_other_side = existing
                .relationship
                .as_ref()
                .is_some_and(|r| !r.is_child() && Some(r.related_table.as_str()) == parent_table);
            if declares_other_side {
                let description = existing.description.take();
                *existing = ColumnEntry {
                    description,
                    ..column
                };
            }
        }
        None => related.columns.push(column),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn table(id: &str, columns: Value) -> TableEntry {
        TableEntry::from_json(&json!({"$id": id, "databaseId": "db", "columns": columns})).unwrap()
    }

    fn link(relation: &str, related: &str, key: &str, partner: &str) -> Value {
        json!({"key": key, "type": "relationship", "relatedTable": related,
            "relationType": relation, "twoWay": true, "twoWayKey": partner,
            "onDelete": "setNull", "description": format!("{key}.")})
    }

    #[test]
    fn the_other_sides_declaration_becomes_the_child() {
        let mut tables = vec![
            table(
                "people",
                json!([link("oneToMany", "pets", "pets", "owner")]),
            ),
            table(
                "pets",
                json!([{"key": "name", "type": "string", "size": 8},
                link("manyToOne", "people", "owner", "pets")]),
            ),
        ];
        link_two_way(&mut tables);
        assert_eq!(tables[0].columns.len(), 1);
        assert_eq!(tables[1].columns.len(), 2);
        let parent = tables[0].columns[0].relationship.clone().unwrap();
        assert_eq!(
            (parent.side.as_str(), parent.relation_type.as_str()),
            ("parent", "oneToMany")
        );
        let child = &tables[1].columns[1];
        assert_eq!(child.description.as_deref(), Some("owner."));
        let rel = child.relationship.clone().unwrap();
        assert_eq!(
            (
                rel.side.as_str(),
                rel.related_table.as_str(),
                rel.relation_type.as_str()
            ),
            ("child", "people", "oneToMany")
        );
        assert_eq!(rel.two_way_key.as_deref(), Some("pets"));
    }

    #[test]
    fn a_partner_without_a_two_way_key_is_keyed_by_the_parents_table() {
        let mut owner = link("oneToMany", "pets", "pets", "owner");
        owner.as_object_mut().unwrap().remove("twoWayKey");
        let mut tables = vec![table("people", json!([owner])), table("pets", json!([]))];
        link_two_way(&mut tables);
        let keys: Vec<&str> = tables[1].columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["people"]);
    }

    #[test]
    fn a_self_relationship_gets_its_partner_in_the_same_table() {
        let mut tables = vec![table(
            "people",
            json!([link("oneToOne", "people", "mentor", "mentee")]),
        )];
        link_two_way(&mut tables);
        let keys: Vec<&str> = tables[0].columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["mentor", "mentee"]);
        assert!(
            tables[0].columns[1]
                .relationship
                .as_ref()
                .unwrap()
                .is_child()
        );
    }

    #[test]
    fn a_column_of_the_partners_key_that_is_something_else_stays() {
        let mut tables = vec![
            table(
                "people",
                json!([link("oneToMany", "pets", "pets", "owner")]),
            ),
            table(
                "pets",
                json!([{"key": "owner", "type": "string", "size": 8}]),
            ),
            table("zoo", json!([])),
        ];
        link_two_way(&mut tables);
        assert_eq!(tables[1].columns[0].server_type, "string");
        assert!(tables[2].columns.is_empty());
    }
}
