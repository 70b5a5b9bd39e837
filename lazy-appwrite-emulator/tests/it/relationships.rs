//! Relationships: relationship columns (create, update, delete, with
//! their partners), linking rows by ID and by nested rows, loading related rows with
//! `select`, filters on and through relationships, `onDelete`, and the refusals.

use crate::common;

use common::{Api, Res, is_generated_id, q};
use reqwest::Method;
use serde_json::{Value, json};

const DB: &str = "db";

fn cols(table: &str) -> String {
    format!("/tablesdb/{DB}/tables/{table}/columns")
}

fn rows(table: &str) -> String {
    format!("/tablesdb/{DB}/tables/{table}/rows")
}

fn row(table: &str, id: &str) -> String {
    format!("/tablesdb/{DB}/tables/{table}/rows/{id}")
}

/// A table with a required-less string column `name`.
async fn named_table(api: &Api, table: &str) {
    api.table_with(
        DB,
        table,
        json!([{"key": "name", "type": "string", "size": 64}]),
        json!([]),
    )
    .await;
}

/// Creates a relationship column on `table` and waits for it (and its partner).
async fn relate(api: &Api, table: &str, body: Value) -> Res {
    let r = api
        .post(&format!("{}/relationship", cols(table)), body.clone())
        .await;
    assert_eq!(r.status, 202, "create relationship: {r:?}");
    let key = r.body["key"].as_str().unwrap().to_string();
    api.wait_column(DB, table, &key).await;
    if body["twoWay"] == json!(true) {
        let related = r.body["relatedTable"].as_str().unwrap().to_string();
        let partner = r.body["twoWayKey"].as_str().unwrap().to_string();
        api.wait_column(DB, &related, &partner).await;
    }
    r
}

async fn get_row(api: &Api, table: &str, id: &str, select: &[&str]) -> Res {
    let queries: Vec<Value> = if select.is_empty() {
        Vec::new()
    } else {
        vec![json!({"method": "select", "values": select})]
    };
    api.list(&row(table, id), &queries, &[]).await
}

fn select(values: &[&str]) -> Value {
    json!({"method": "select", "values": values})
}

#[tokio::test]
async fn create_relationship_column_and_partner() {
    let api = Api::start_with_delay(std::time::Duration::from_millis(30)).await;
    named_table(&api, "person").await;
    named_table(&api, "library").await;
    let r = api
        .post(
            &format!("{}/relationship", cols("person")),
            json!({"relatedTableId": "library", "type": "oneToOne", "twoWay": true, "key": "library", "twoWayKey": "person", "onDelete": "cascade"}),
        )
        .await;
    r.assert_status(202);
    let c = &r.body;
    assert_eq!(c["key"], "library");
    assert_eq!(c["type"], "relationship");
    assert_eq!(c["status"], "processing");
    assert_eq!(c["error"], "");
    assert_eq!(c["required"], false);
    assert_eq!(c["array"], false);
    assert_eq!(c["relatedTable"], "library");
    assert_eq!(c["relationType"], "oneToOne");
    assert_eq!(c["twoWay"], true);
    assert_eq!(c["twoWayKey"], "person");
    assert_eq!(c["onDelete"], "cascade");
    assert_eq!(c["side"], "parent");
    assert!(c.get("default").is_none());
    api.wait_column(DB, "person", "library").await;
    api.wait_column(DB, "library", "person").await;

    let partner = api.get(&format!("{}/person", cols("library"))).await;
    partner.assert_status(200);
    assert_eq!(partner.body["side"], "child");
    assert_eq!(partner.body["relatedTable"], "person");
    assert_eq!(partner.body["twoWayKey"], "library");
    assert_eq!(partner.body["onDelete"], "cascade");
    assert_eq!(partner.body["status"], "available");

    let list = api.get(&cols("person")).await;
    assert_eq!(list.body["total"], 2);
    assert_eq!(list.ids_of("columns"), vec!["name", "library"]);
    let table = api.get(&format!("/tablesdb/{DB}/tables/library")).await;
    let keys: Vec<&str> = table.body["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, vec!["name", "person"]);
}

#[tokio::test]
async fn defaults_and_one_way_partner_is_not_listed() {
    let api = Api::start().await;
    named_table(&api, "album").await;
    named_table(&api, "artist").await;
    let r = relate(
        &api,
        "album",
        json!({"relatedTableId": "artist", "type": "manyToOne"}),
    )
    .await;
    assert_eq!(r.body["key"], "artist");
    assert_eq!(r.body["twoWayKey"], "album");
    assert_eq!(r.body["twoWay"], false);
    assert_eq!(r.body["onDelete"], "restrict");
    // The one-way partner is not listed, not gettable, not in the Table model.
    let list = api.get(&cols("artist")).await;
    assert_eq!(list.ids_of("columns"), vec!["name"]);
    api.get(&format!("{}/album", cols("artist")))
        .await
        .assert_error(404, "column_not_found");
    let table = api.get(&format!("/tablesdb/{DB}/tables/artist")).await;
    assert_eq!(table.body["columns"].as_array().unwrap().len(), 1);
    // A column of the partner's key on the related table is still taken.
    let r = api
        .post(
            &format!("{}/string", cols("artist")),
            json!({"key": "album", "size": 10, "required": false}),
        )
        .await;
    r.assert_error(409, "column_already_exists");
}

#[tokio::test]
async fn create_relationship_errors() {
    let api = Api::start().await;
    named_table(&api, "a").await;
    named_table(&api, "b").await;
    let path = format!("{}/relationship", cols("a"));
    api.post(&path, json!({"type": "oneToOne"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"relatedTableId\" is not optional.",
        );
    api.post(&path, json!({"relatedTableId": "b"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"type\" is not optional.",
        );
    api.post(&path, json!({"relatedTableId": "b", "type": "oneToFew"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `type` param: Value must be one of (oneToOne, manyToOne, manyToMany, oneToMany)",
        );
    api.post(
        &path,
        json!({"relatedTableId": "b", "type": "oneToOne", "onDelete": "nothing"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `onDelete` param");
    api.post(
        &path,
        json!({"relatedTableId": "b", "type": "oneToOne", "twoWay": "yes"}),
    )
    .await
    .assert_error(400, "general_argument_invalid");
    api.post(
        &path,
        json!({"relatedTableId": "b", "type": "oneToOne", "key": "_bad"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `key` param");
    api.post(&path, json!({"relatedTableId": "nope", "type": "oneToOne"}))
        .await
        .assert_error_msg(404, "table_not_found", "'nope'");
    api.post(
        &format!("/tablesdb/{DB}/tables/zz/columns/relationship"),
        json!({"relatedTableId": "b", "type": "oneToOne"}),
    )
    .await
    .assert_error(404, "table_not_found");

    relate(&api, "a", json!({"relatedTableId": "b", "type": "manyToMany", "key": "bs", "twoWayKey": "as_", "twoWay": true})).await;
    // Key clash (case-insensitive), with any column.
    api.post(
        &path,
        json!({"relatedTableId": "b", "type": "oneToOne", "key": "BS"}),
    )
    .await
    .assert_error_msg(409, "column_already_exists", "'BS'");
    api.post(
        &path,
        json!({"relatedTableId": "b", "type": "oneToOne", "key": "Name"}),
    )
    .await
    .assert_error(409, "column_already_exists");
    // twoWayKey clash with an existing relationship to the same table.
    api.post(
        &path,
        json!({"relatedTableId": "b", "type": "oneToOne", "key": "other", "twoWayKey": "AS_"}),
    )
    .await
    .assert_error_msg(409, "column_already_exists", "'AS_'");
    // A second manyToMany between the same tables.
    api.post(&path, json!({"relatedTableId": "b", "type": "manyToMany", "key": "more", "twoWayKey": "more"}))
        .await
        .assert_error_msg(
            409,
            "column_already_exists",
            "Creating more than one \"manyToMany\" relationship on the same table is currently not permitted.",
        );
    // twoWayKey clash on the related table.
    api.post(&path, json!({"relatedTableId": "b", "type": "oneToMany", "key": "kids", "twoWayKey": "name", "twoWay": true}))
        .await
        .assert_error_msg(409, "column_already_exists", "'name'");
    // Not allowed: indexes over relationship columns.
    api.post(
        &format!("/tablesdb/{DB}/tables/a/indexes"),
        json!({"key": "i", "type": "key", "columns": ["bs"]}),
    )
    .await
    .assert_error_msg(
        400,
        "column_type_invalid",
        "Cannot create an index for a relationship column: bs",
    );
    // Not allowed: relationship columns inline on create-table.
    let r = api
        .post(
            &format!("/tablesdb/{DB}/tables"),
            json!({"tableId": "c", "name": "c", "columns": [{"key": "r", "type": "relationship"}]}),
        )
        .await;
    r.assert_error(400, "general_argument_invalid");
}

#[tokio::test]
async fn one_to_one_two_way_rows() {
    let api = Api::start().await;
    named_table(&api, "person").await;
    named_table(&api, "library").await;
    relate(&api, "person", json!({"relatedTableId": "library", "type": "oneToOne", "twoWay": true, "key": "library", "twoWayKey": "person"})).await;

    // Nested create with an explicit ID and with a generated one.
    let r = api
        .row(
            DB,
            "person",
            "p1",
            json!({"name": "Ann", "library": {"$id": "lib1", "name": "Library 1"}}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["library"]["name"], "Library 1");
    assert_eq!(r.body["library"]["$id"], "lib1");
    assert_eq!(r.body["library"]["$tableId"], "library");
    assert_eq!(r.body["library"]["$databaseId"], DB);
    assert!(r.body["library"]["$sequence"].is_i64());
    // The back reference is not repeated inside the nested row.
    assert!(r.body["library"].get("person").is_none());
    let r = api
        .row(
            DB,
            "person",
            "p2",
            json!({"library": {"name": "Library 2"}}),
        )
        .await;
    r.assert_status(201);
    let lib2 = r.body["library"]["$id"].as_str().unwrap().to_string();
    assert!(is_generated_id(&lib2), "{lib2}");

    // Without select: only the stored IDs.
    let p1 = get_row(&api, "person", "p1", &[]).await;
    assert_eq!(p1.body["library"], "lib1");
    let l1 = get_row(&api, "library", "lib1", &[]).await;
    assert_eq!(l1.body["person"], "p1");

    // With select.
    let p1 = get_row(&api, "person", "p1", &["*", "library.*"]).await;
    p1.assert_status(200);
    assert_eq!(p1.body["name"], "Ann");
    assert_eq!(p1.body["library"]["name"], "Library 1");
    let p1 = get_row(&api, "person", "p1", &["library.name"]).await;
    assert!(p1.body.get("name").is_none());
    assert_eq!(p1.body["library"]["name"], "Library 1");
    assert!(p1.body["library"].get("$id").is_some());
    let l1 = get_row(&api, "library", "lib1", &["person.$id"]).await;
    assert_eq!(l1.body["person"]["$id"], "p1");

    // Link by ID: a third library, then switch p2 to nothing.
    api.row(DB, "library", "lib3", json!({"name": "Library 3"}))
        .await
        .assert_status(201);
    let r = api
        .row(DB, "person", "p3", json!({"library": "lib3"}))
        .await;
    r.assert_status(201);
    assert_eq!(r.body["library"]["$id"], "lib3");
    assert_eq!(
        get_row(&api, "library", "lib3", &[]).await.body["person"],
        "p3"
    );
    let r = api
        .patch(&row("person", "p3"), json!({"data": {"library": null}}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["library"], Value::Null);
    assert_eq!(
        get_row(&api, "library", "lib3", &[]).await.body["person"],
        Value::Null
    );

    // Two parents cannot share a child (unique).
    api.row(DB, "person", "p4", json!({"library": "lib1"}))
        .await
        .assert_error(409, "row_already_exists");

    // Wrong shapes.
    api.row(DB, "person", "p5", json!({"library": ["lib3"]}))
        .await
        .assert_error_msg(
            400,
            "relationship_value_invalid",
            "Invalid relationship value. Must be either a document ID or a document, array given.",
        );
    api.row(DB, "person", "p5", json!({"library": 5}))
        .await
        .assert_error_msg(
            400,
            "relationship_value_invalid",
            "Relationship value must be an object, document ID string, or associative array",
        );
    api.row(DB, "person", "p5", json!({"library": {"$id": "_bad"}}))
        .await
        .assert_error(400, "relationship_value_invalid");
    api.row(DB, "person", "p5", json!({"library": {"$id": 7}}))
        .await
        .assert_error_msg(
            400,
            "relationship_value_invalid",
            "Relationship $id must be a string",
        );
    // Nested structure errors come from the related table.
    api.row(DB, "person", "p5", json!({"library": {"nope": 1}}))
        .await
        .assert_error_msg(400, "row_invalid_structure", "Unknown attribute: \"nope\"");
    // Nothing of the failed writes was kept.
    let all = api.rows(DB, "person", &[]).await;
    assert_eq!(all.ids(), vec!["p1", "p2", "p3"]);
}

#[tokio::test]
async fn one_to_one_one_way_child_cannot_be_written() {
    let api = Api::start().await;
    named_table(&api, "a").await;
    named_table(&api, "b").await;
    relate(
        &api,
        "a",
        json!({"relatedTableId": "b", "type": "oneToOne", "key": "b", "twoWayKey": "a"}),
    )
    .await;
    api.row(DB, "b", "b1", json!({"name": "x"}))
        .await
        .assert_status(201);
    api.row(DB, "a", "a1", json!({"b": "b1"}))
        .await
        .assert_status(201);
    // The child side stores nothing and does not appear on its rows.
    let b1 = get_row(&api, "b", "b1", &[]).await;
    assert!(b1.body.get("a").is_none());
    api.row(DB, "b", "b2", json!({"a": "a1"}))
        .await
        .assert_error_msg(
            400,
            "relationship_value_invalid",
            "Cannot set a value from the child side of a oneToOne relationship when twoWay is false.",
        );
}

#[tokio::test]
async fn one_to_many_nested_lists_and_updates() {
    let api = Api::start().await;
    named_table(&api, "person").await;
    named_table(&api, "library").await;
    relate(&api, "person", json!({"relatedTableId": "library", "type": "oneToMany", "twoWay": true, "key": "libraries", "twoWayKey": "owner"})).await;

    let r = api
        .post(
            &rows("person"),
            json!({"rowId": "p1", "data": {"name": "Ray", "libraries": [
                {"$id": "l10", "name": "Library 10", "$permissions": ["read(\"any\")"]},
                {"name": "Library 11"}
            ]}, "permissions": ["read(\"any\")", "update(\"any\")"]}),
        )
        .await;
    r.assert_status(201);
    let libs = r.body["libraries"].as_array().unwrap();
    assert_eq!(libs.len(), 2);
    assert_eq!(libs[0]["$id"], "l10");
    assert_eq!(libs[0]["$permissions"], json!(["read(\"any\")"]));
    // Without `$permissions`, the nested row inherits the parent's.
    assert_eq!(
        libs[1]["$permissions"],
        json!(["read(\"any\")", "update(\"any\")"])
    );
    let l11 = libs[1]["$id"].as_str().unwrap().to_string();

    // The parent side is virtual: nothing without select.
    let p1 = get_row(&api, "person", "p1", &[]).await;
    assert!(p1.body.get("libraries").is_none());
    assert_eq!(
        get_row(&api, "library", "l10", &[]).await.body["owner"],
        "p1"
    );
    let p1 = get_row(&api, "person", "p1", &["*", "libraries.*"]).await;
    assert_eq!(p1.body["libraries"].as_array().unwrap().len(), 2);
    let l = get_row(&api, "library", &l11, &["owner.$id", "owner.name"]).await;
    assert_eq!(l.body["owner"]["$id"], "p1");
    assert_eq!(l.body["owner"]["name"], "Ray");

    // Updating replaces the set: l10 stays, l11 is unlinked, l12 is created.
    let r = api
        .patch(
            &row("person", "p1"),
            json!({"data": {"libraries": ["l10", {"$id": "l12", "name": "Library 12"}]}}),
        )
        .await;
    r.assert_status(200);
    let ids: Vec<&str> = r.body["libraries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["$id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["l10", "l12"]);
    assert_eq!(
        get_row(&api, "library", &l11, &[]).await.body["owner"],
        Value::Null
    );

    // Wrong shapes.
    api.patch(&row("person", "p1"), json!({"data": {"libraries": "l10"}}))
        .await
        .assert_error_msg(
            400,
            "relationship_value_invalid",
            "Must be either an array of documents or document IDs, string given.",
        );
    api.row(DB, "person", "p2", json!({"libraries": {"name": "x"}}))
        .await
        .assert_error_msg(
            400,
            "relationship_value_invalid",
            "Must be either an array of documents or document IDs, document given.",
        );

    // Linking from the child side.
    api.row(DB, "person", "p2", json!({"name": "Other"}))
        .await
        .assert_status(201);
    let r = api
        .patch(&row("library", "l10"), json!({"data": {"owner": "p2"}}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["owner"]["$id"], "p2");
    let p2 = get_row(&api, "person", "p2", &["libraries.$id"]).await;
    assert_eq!(p2.body["libraries"][0]["$id"], "l10");

    // Bulk operations are refused on tables with relationships.
    api.post(&rows("person"), json!({"rows": [{"name": "x"}]}))
        .await
        .assert_error_msg(
            400,
            "general_bad_request",
            "Bulk create is not supported for tablesDB with relationship columns",
        );
    for (method, body) in [
        (Method::PATCH, json!({"data": {"name": "x"}})),
        (Method::PUT, json!({"rows": [{"$id": "p1", "name": "x"}]})),
        (Method::DELETE, json!({})),
    ] {
        let r = api
            .send(api.request(method, &rows("library")).json(&body))
            .await;
        r.assert_error_msg(400, "general_bad_request", "with relationship attributes");
    }
}

#[tokio::test]
async fn many_to_many_links() {
    let api = Api::start().await;
    named_table(&api, "sport").await;
    named_table(&api, "player").await;
    relate(&api, "sport", json!({"relatedTableId": "player", "type": "manyToMany", "twoWay": true, "key": "players", "twoWayKey": "sports", "onDelete": "setNull"})).await;

    let r = api
        .row(
            DB,
            "sport",
            "s1",
            json!({"name": "Sport 1", "players": [
                {"$id": "pl1", "name": "Player 1"},
                {"$id": "pl2", "name": "Player 2"}
            ]}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["players"][0]["name"], "Player 1");
    assert_eq!(r.body["players"][1]["name"], "Player 2");
    api.row(
        DB,
        "sport",
        "s2",
        json!({"name": "Sport 2", "players": ["pl2"]}),
    )
    .await
    .assert_status(201);
    // Neither side appears without select.
    assert!(
        get_row(&api, "sport", "s1", &[])
            .await
            .body
            .get("players")
            .is_none()
    );
    assert!(
        get_row(&api, "player", "pl2", &[])
            .await
            .body
            .get("sports")
            .is_none()
    );

    let pl2 = get_row(&api, "player", "pl2", &["*", "sports.$id", "sports.name"]).await;
    let names: Vec<&str> = pl2.body["sports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Sport 1", "Sport 2"]);
    assert!(pl2.body["sports"][0].get("players").is_none());

    // Replace the set from the child side.
    let r = api
        .patch(&row("player", "pl2"), json!({"data": {"sports": ["s2"]}}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["sports"].as_array().unwrap().len(), 1);
    let s1 = get_row(&api, "sport", "s1", &["players.$id"]).await;
    assert_eq!(s1.body["players"].as_array().unwrap().len(), 1);
    assert_eq!(s1.body["players"][0]["$id"], "pl1");

    // setNull: deleting a sport removes its links only.
    api.delete(&row("sport", "s2")).await.assert_status(204);
    let pl2 = get_row(&api, "player", "pl2", &["sports.*"]).await;
    assert_eq!(pl2.body["sports"], json!([]));

    // Filters: the virtual sides cannot be compared, but can be filtered through.
    api.rows(DB, "sport", &[q("equal", "players", json!(["pl1"]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Cannot query on virtual relationship attribute",
        );
    let r = api
        .rows(
            DB,
            "sport",
            &[q("equal", "players.name", json!(["Player 1"]))],
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.ids(), vec!["s1"]);
    let r = api
        .rows(
            DB,
            "player",
            &[q("startsWith", "sports.name", json!(["Sport"]))],
        )
        .await;
    assert_eq!(r.ids(), vec!["pl1"]);
}

#[tokio::test]
async fn queries_on_and_through_relationships() {
    let api = Api::start().await;
    named_table(&api, "album").await;
    named_table(&api, "artist").await;
    relate(&api, "album", json!({"relatedTableId": "artist", "type": "manyToOne", "twoWay": true, "key": "artist", "twoWayKey": "albums"})).await;
    api.row(DB, "artist", "ar1", json!({"name": "Alice"}))
        .await
        .assert_status(201);
    api.row(DB, "artist", "ar2", json!({"name": "Bob"}))
        .await
        .assert_status(201);
    for (id, artist) in [("a1", "ar1"), ("a2", "ar2"), ("a3", "ar1")] {
        api.row(DB, "album", id, json!({"name": id, "artist": artist}))
            .await
            .assert_status(201);
    }
    api.row(DB, "album", "a4", json!({"name": "a4"}))
        .await
        .assert_status(201);

    let ids = |r: Res| r.ids();
    assert_eq!(
        ids(api
            .rows(DB, "album", &[q("equal", "artist", json!(["ar1"]))])
            .await),
        vec!["a1", "a3"]
    );
    assert_eq!(
        ids(api
            .rows(DB, "album", &[q("isNull", "artist", json!([]))])
            .await),
        vec!["a4"]
    );
    assert_eq!(
        ids(api
            .rows(DB, "album", &[q("equal", "artist.name", json!(["Bob"]))])
            .await),
        vec!["a2"]
    );
    // Several dotted filters on one relationship combine.
    assert_eq!(
        ids(api
            .rows(
                DB,
                "album",
                &[
                    q("startsWith", "artist.name", json!(["A"])),
                    q("equal", "artist.$id", json!(["ar2"])),
                ]
            )
            .await),
        Vec::<String>::new()
    );
    // Through the virtual side of a two-way relationship.
    assert_eq!(
        ids(api
            .rows(DB, "artist", &[q("equal", "albums.name", json!(["a3"]))])
            .await),
        vec!["ar1"]
    );
    // Invalid nested queries match nothing (utopia swallows them).
    let r = api
        .rows(DB, "album", &[q("equal", "artist.nope", json!(["x"]))])
        .await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 0);
    api.rows(DB, "artist", &[q("equal", "albums", json!(["a1"]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Cannot query on virtual relationship attribute",
        );
    // Nested selections are validated against the related table.
    api.rows(DB, "album", &[select(&["*", "artist.nope"])])
        .await
        .assert_error_msg(400, "general_query_invalid", "nope");
    // Selecting a relationship column without a dot is refused.
    api.rows(DB, "album", &[select(&["artist"])])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Cannot select attributes: artist",
        );
    // Lists load related rows per row, in list order.
    let r = api
        .rows(DB, "album", &[select(&["name", "artist.name"])])
        .await;
    let names: Vec<Value> = r.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["artist"].get("name").cloned().unwrap_or(Value::Null))
        .collect();
    assert_eq!(
        names,
        vec![json!("Alice"), json!("Bob"), json!("Alice"), Value::Null]
    );
    assert_eq!(r.body["rows"][3]["artist"], Value::Null);
    // A select naming only a to-many side keeps every column (the selection is left empty).
    let r = get_row(&api, "artist", "ar1", &["albums.name"]).await;
    assert_eq!(r.body["name"], "Alice");
    assert_eq!(r.body["albums"].as_array().unwrap().len(), 2);
    assert!(r.body["albums"][0].get("artist").is_none());
}

#[tokio::test]
async fn loading_stops_three_levels_down() {
    let api = Api::start().await;
    for t in ["a", "b", "c", "d"] {
        named_table(&api, t).await;
    }
    relate(
        &api,
        "a",
        json!({"relatedTableId": "b", "type": "manyToOne", "key": "b", "twoWayKey": "as_"}),
    )
    .await;
    relate(
        &api,
        "b",
        json!({"relatedTableId": "c", "type": "manyToOne", "key": "c", "twoWayKey": "bs"}),
    )
    .await;
    relate(
        &api,
        "c",
        json!({"relatedTableId": "d", "type": "manyToOne", "key": "d", "twoWayKey": "cs"}),
    )
    .await;
    api.row(DB, "d", "d1", json!({"name": "D"}))
        .await
        .assert_status(201);
    api.row(DB, "c", "c1", json!({"name": "C", "d": "d1"}))
        .await
        .assert_status(201);
    api.row(DB, "b", "b1", json!({"name": "B", "c": "c1"}))
        .await
        .assert_status(201);
    let r = api
        .row(DB, "a", "a1", json!({"name": "A", "b": "b1"}))
        .await;
    r.assert_status(201);
    // Write answers load everything: a → b → c, whose relationships are dropped.
    assert_eq!(r.body["b"]["c"]["name"], "C");
    assert!(r.body["b"]["c"].get("d").is_none());

    let r = get_row(&api, "a", "a1", &["*", "b.*", "b.c.*", "b.c.d.*"]).await;
    r.assert_status(200);
    assert_eq!(r.body["b"]["name"], "B");
    assert_eq!(r.body["b"]["c"]["name"], "C");
    assert!(r.body["b"]["c"].get("d").is_none());
    // Only what is selected is loaded; the rest shows stored IDs.
    let r = get_row(&api, "a", "a1", &["*", "b.*"]).await;
    assert_eq!(r.body["b"]["c"], "c1");
    // 1.9-format clients get `$sequence` as a string in nested rows too.
    let mut api19 = api;
    api19.format = "1.9.0".into();
    let r = get_row(&api19, "a", "a1", &["*", "b.*"]).await;
    assert!(r.body["$sequence"].is_string());
    assert!(r.body["b"]["$sequence"].is_string());
}

#[tokio::test]
async fn on_delete_restrict_cascade_set_null() {
    let api = Api::start().await;
    named_table(&api, "album").await;
    named_table(&api, "artist").await;
    named_table(&api, "person").await;
    named_table(&api, "library").await;
    // manyToOne restrict: the artist (the "one") is protected while albums point at it.
    relate(&api, "album", json!({"relatedTableId": "artist", "type": "manyToOne", "key": "artist", "twoWayKey": "albums"})).await;
    api.row(
        DB,
        "album",
        "a1",
        json!({"artist": {"$id": "ar1", "name": "A"}}),
    )
    .await
    .assert_status(201);
    api.delete(&row("artist", "ar1")).await.assert_error_msg(
        403,
        "row_delete_restricted",
        "Row cannot be deleted because it is referenced by another row.",
    );
    // The album (parent side of manyToOne) may go.
    api.delete(&row("album", "a1")).await.assert_status(204);
    api.delete(&row("artist", "ar1")).await.assert_status(204);

    // oneToMany cascade.
    relate(&api, "person", json!({"relatedTableId": "library", "type": "oneToMany", "twoWay": true, "key": "libraries", "twoWayKey": "owner", "onDelete": "cascade"})).await;
    api.row(
        DB,
        "person",
        "p1",
        json!({"libraries": [{"$id": "l1"}, {"$id": "l2"}]}),
    )
    .await
    .assert_status(201);
    api.row(DB, "library", "l3", json!({"name": "free"}))
        .await
        .assert_status(201);
    api.delete(&row("person", "p1")).await.assert_status(204);
    assert_eq!(api.rows(DB, "library", &[]).await.ids(), vec!["l3"]);

    // Change onDelete to restrict, then setNull.
    let r = api
        .patch(
            &format!("{}/libraries/relationship", cols("person")),
            json!({"onDelete": "restrict"}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["onDelete"], "restrict");
    assert_eq!(
        api.get(&format!("{}/owner", cols("library"))).await.body["onDelete"],
        "restrict"
    );
    api.row(DB, "person", "p2", json!({"libraries": ["l3"]}))
        .await
        .assert_status(201);
    api.delete(&row("person", "p2"))
        .await
        .assert_error(403, "row_delete_restricted");
    api.patch(
        &format!("{}/libraries/relationship", cols("person")),
        json!({"onDelete": "setNull"}),
    )
    .await
    .assert_status(200);
    api.delete(&row("person", "p2")).await.assert_status(204);
    let l3 = get_row(&api, "library", "l3", &[]).await;
    assert_eq!(l3.body["owner"], Value::Null);
}

#[tokio::test]
async fn rename_and_delete_relationship_columns() {
    let api = Api::start().await;
    named_table(&api, "person").await;
    named_table(&api, "library").await;
    named_table(&api, "city").await;
    relate(&api, "person", json!({"relatedTableId": "library", "type": "oneToOne", "twoWay": true, "key": "library", "twoWayKey": "person"})).await;
    api.row(DB, "person", "p1", json!({"library": {"$id": "l1"}}))
        .await
        .assert_status(201);

    // Rename: the partner's twoWayKey follows, the stored link stays.
    let path = format!("{}/library/relationship", cols("person"));
    let r = api.patch(&path, json!({"newKey": "home"})).await;
    r.assert_status(200);
    assert_eq!(r.body["key"], "home");
    assert_eq!(r.body["onDelete"], "restrict");
    assert_eq!(
        api.get(&format!("{}/person", cols("library"))).await.body["twoWayKey"],
        "home"
    );
    assert_eq!(get_row(&api, "person", "p1", &[]).await.body["home"], "l1");
    api.patch(&path, json!({"newKey": "x"}))
        .await
        .assert_error(404, "column_not_found");
    api.patch(
        &format!("{}/home/relationship", cols("person")),
        json!({"newKey": "NAME"}),
    )
    .await
    // Real Appwrite (1.8.1 and 1.9.6) fails with a bare 500 on a clashing `newKey` and on
    // a column that is not a relationship.
    .assert_error(500, "general_unknown");
    api.patch(&format!("{}/name/relationship", cols("person")), json!({}))
        .await
        .assert_error(500, "general_unknown");
    api.patch(
        &format!("{}/home/relationship", cols("person")),
        json!({"onDelete": "never"}),
    )
    .await
    .assert_error(400, "general_argument_invalid");

    // Deleting one side deletes its partner, and the rows lose the attribute.
    api.delete(&format!("{}/person", cols("library")))
        .await
        .assert_status(204);
    api.wait_gone(&format!("{}/person", cols("library"))).await;
    api.wait_gone(&format!("{}/home", cols("person"))).await;
    assert!(
        get_row(&api, "person", "p1", &[])
            .await
            .body
            .get("home")
            .is_none()
    );
    assert!(
        get_row(&api, "library", "l1", &[])
            .await
            .body
            .get("person")
            .is_none()
    );
    // The keys are free again.
    relate(&api, "person", json!({"relatedTableId": "library", "type": "oneToMany", "key": "home", "twoWayKey": "person", "twoWay": true})).await;

    // Deleting a table removes the relationship columns pointing at it.
    relate(
        &api,
        "person",
        json!({"relatedTableId": "city", "type": "manyToMany", "key": "cities"}),
    )
    .await;
    api.delete(&format!("/tablesdb/{DB}/tables/library"))
        .await
        .assert_status(204);
    api.delete(&format!("/tablesdb/{DB}/tables/city"))
        .await
        .assert_status(204);
    let list = api.get(&cols("person")).await;
    assert_eq!(list.ids_of("columns"), vec!["name"]);
    api.row(DB, "person", "p2", json!({"name": "ok"}))
        .await
        .assert_status(201);
    api.rows(DB, "person", &[]).await.assert_status(200);
    // And a database whose tables are related goes as a whole.
    relate(&api, "person", json!({"relatedTableId": "person", "type": "manyToMany", "key": "friends", "twoWayKey": "friendOf", "twoWay": true})).await;
    api.delete(&format!("/tablesdb/{DB}"))
        .await
        .assert_status(204);
    api.get(&format!("/tablesdb/{DB}/tables/person"))
        .await
        .assert_error(404, "database_not_found");
}

#[tokio::test]
async fn nested_write_permissions() {
    let api = Api::start().await;
    api.post("/users", json!({"userId": "u1", "email": "u1@example.com"}))
        .await
        .assert_status(201);
    let jwt = api.post("/users/u1/jwts", json!({})).await.body["jwt"]
        .as_str()
        .unwrap()
        .to_string();
    api.post("/tablesdb", json!({"databaseId": DB, "name": DB}))
        .await;
    let perms = json!(["create(\"users\")", "read(\"users\")", "update(\"users\")"]);
    for (t, row_security) in [("post", false), ("tag", false), ("note", true)] {
        api.post(
            &format!("/tablesdb/{DB}/tables"),
            json!({"tableId": t, "name": t, "permissions": perms, "rowSecurity": row_security,
                   "columns": [{"key": "name", "type": "string", "size": 32}]}),
        )
        .await
        .assert_status(201);
    }
    // `tag` lets users read only.
    api.put(
        &format!("/tablesdb/{DB}/tables/tag"),
        json!({"name": "tag", "permissions": ["read(\"users\")"]}),
    )
    .await
    .assert_status(200);
    relate(
        &api,
        "post",
        json!({"relatedTableId": "tag", "type": "manyToOne", "key": "tag", "twoWayKey": "posts"}),
    )
    .await;
    relate(
        &api,
        "post",
        json!({"relatedTableId": "note", "type": "oneToOne", "key": "note", "twoWayKey": "post"}),
    )
    .await;
    let as_user = |method: Method, path: String| {
        api.bare(method, &path)
            .header("X-Appwrite-Project", "test")
            .header("X-Appwrite-JWT", jwt.clone())
    };
    // Creating a nested tag needs create permission on `tag`.
    let r = api
        .send(
            as_user(Method::POST, rows("post"))
                .json(&json!({"rowId": "p1", "data": {"tag": {"name": "t"}}})),
        )
        .await;
    r.assert_error(401, "user_unauthorized");
    // Linking an existing tag by ID is fine.
    api.row(DB, "tag", "t1", json!({"name": "t1"}))
        .await
        .assert_status(201);
    let r = api
        .send(
            as_user(Method::POST, rows("post"))
                .json(&json!({"rowId": "p1", "data": {"tag": "t1"}})),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["tag"]["$id"], "t1");
    // The new row's default permissions are the user's; a nested note inherits them.
    let r = api
        .send(
            as_user(Method::POST, rows("post"))
                .json(&json!({"rowId": "p2", "data": {"note": {"$id": "n1", "name": "n"}}})),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["note"]["$permissions"], r.body["$permissions"]);
    // Quirk: on create, a nested object naming an existing row of a table without row
    // security is refused, even for the API key.
    api.row(
        DB,
        "post",
        "p3",
        json!({"tag": {"$id": "t1", "name": "renamed"}}),
    )
    .await
    .assert_error(401, "user_unauthorized");
    // Through update it is a plain nested update.
    api.row(DB, "post", "p3", json!({"name": "p3"}))
        .await
        .assert_status(201);
    let r = api
        .patch(
            &row("post", "p3"),
            json!({"data": {"tag": {"$id": "t1", "name": "renamed"}}}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["tag"]["name"], "renamed");
}

#[tokio::test]
async fn one_way_one_to_many_child_column_shows_on_rows() {
    let api = Api::start().await;
    named_table(&api, "post").await;
    named_table(&api, "comment").await;
    relate(
        &api,
        "post",
        json!({"relatedTableId": "comment", "type": "oneToMany", "key": "comments"}),
    )
    .await;
    let r = api
        .row(
            DB,
            "post",
            "p1",
            json!({"comments": [{"$id": "c1", "name": "hi"}]}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["comments"][0]["$id"], "c1");
    // The hidden child side stores the parent ID and shows it on reads…
    let c1 = get_row(&api, "comment", "c1", &[]).await;
    assert_eq!(c1.body["post"], "p1");
    // … and it can be filtered on.
    let r = api
        .rows(DB, "comment", &[q("equal", "post", json!(["p1"]))])
        .await;
    assert_eq!(r.ids(), vec!["c1"]);
    // Filters through a one-way to-many side find nothing (utopia reads the parent IDs off
    // the child side, which it never loads).
    let r = api
        .rows(DB, "post", &[q("equal", "comments.name", json!(["hi"]))])
        .await;
    assert_eq!(r.body["total"], 0);
    // Bulk is still refused on the child table.
    api.post(&rows("comment"), json!({"rows": [{"name": "x"}]}))
        .await
        .assert_error(400, "general_bad_request");
}

/// A oneToOne or manyToOne relationship from a table to itself never works on Appwrite: the
/// parent column ends `failed`, its partner stays `processing`, and rows cannot set either
/// (tour-relationships.jsonl 1.8.1 seq 652–679).
#[tokio::test]
async fn self_relationship() {
    use lazy_appwrite_emulator::AppwriteVersion;
    for (version, prefix) in [
        (AppwriteVersion::V1_8_1, ""),
        (
            AppwriteVersion::V1_9_6,
            "Failed to create relationship indexes: ",
        ),
    ] {
        let api = Api::start_custom(|b| b.appwrite_version(version)).await;
        self_relationship_on(&api, prefix).await;
    }
}

async fn self_relationship_on(api: &Api, prefix: &str) {
    // The column through its route: the 1.8.1 table create takes none inline.
    api.table_with(DB, "emp", json!([]), json!([])).await;
    api.post(
        &format!("{}/string", cols("emp")),
        json!({"key": "name", "size": 64, "required": false}),
    )
    .await
    .assert_status(202);
    api.wait_column(DB, "emp", "name").await;
    for (kind, key, partner) in [
        ("oneToOne", "mentor", "mentee"),
        ("manyToOne", "manager", "reports"),
    ] {
        let r = api
            .post(
                &format!("{}/relationship", cols("emp")),
                json!({"relatedTableId": "emp", "type": kind, "twoWay": true, "key": key, "twoWayKey": partner, "onDelete": "setNull"}),
            )
            .await;
        r.assert_status(202);
        let column = format!("{}/{key}", cols("emp"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut r = api.get(&column).await;
        while r.body["status"] == "processing" && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            r = api.get(&column).await;
        }
        assert_eq!(r.body["status"], "failed", "{r:?}");
        assert_eq!(
            r.body["error"],
            format!("{prefix}Invalid index attribute \"{key}\" not found")
        );
        let r = api.get(&format!("{}/{partner}", cols("emp"))).await;
        assert_eq!(r.body["status"], "processing", "{r:?}");
    }
    api.row(DB, "emp", "boss", json!({"name": "Boss"}))
        .await
        .assert_status(201);
    for key in ["mentor", "mentee", "manager"] {
        api.row(DB, "emp", "e1", json!({"name": "E1", key: "boss"}))
            .await
            .assert_error_msg(
                400,
                "row_invalid_structure",
                &format!("Unknown attribute: \"{key}\""),
            );
    }
    api.post(
        &format!("{}/relationship", cols("emp")),
        json!({"relatedTableId": "emp", "type": "oneToOne", "key": "twin", "twoWayKey": "Twin"}),
    )
    .await
    .assert_error(409, "column_already_exists");
}

#[tokio::test]
async fn nested_writes_stop_two_rows_down() {
    let api = Api::start().await;
    for t in ["a", "b", "c", "d"] {
        named_table(&api, t).await;
    }
    relate(
        &api,
        "a",
        json!({"relatedTableId": "b", "type": "manyToOne", "key": "b", "twoWayKey": "as_"}),
    )
    .await;
    relate(
        &api,
        "b",
        json!({"relatedTableId": "c", "type": "manyToOne", "key": "c", "twoWayKey": "bs"}),
    )
    .await;
    relate(
        &api,
        "c",
        json!({"relatedTableId": "d", "type": "manyToOne", "key": "d", "twoWayKey": "cs"}),
    )
    .await;
    let r = api
        .row(
            DB,
            "a",
            "a1",
            json!({"b": {"$id": "b1", "c": {"$id": "c1", "d": {"$id": "d1"}}}}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(get_row(&api, "b", "b1", &[]).await.body["c"], "c1");
    // Two rows down, relationships other than the one back up are dropped.
    assert_eq!(get_row(&api, "c", "c1", &[]).await.body["d"], Value::Null);
    assert!(api.rows(DB, "d", &[]).await.ids().is_empty());
}

/// A to-one link to a row that does not exist is kept as given and loads as a stub of
/// the related table (tour-relationships.jsonl 1.8.1 seq 735).
#[tokio::test]
async fn a_link_to_a_missing_row_loads_as_a_stub() {
    let api = Api::start().await;
    named_table(&api, "book").await;
    named_table(&api, "author").await;
    relate(&api, "book", json!({"relatedTableId": "author", "type": "manyToOne", "key": "author", "twoWayKey": "books", "twoWay": true})).await;
    let r = api
        .row(DB, "book", "b1", json!({"name": "X", "author": "ghost"}))
        .await;
    r.assert_status(201);
    assert_eq!(
        r.body["author"],
        json!({"$databaseId": DB, "$tableId": "author", "$sequence": 0})
    );
    // Without a selection, the stored ID shows; with one, the stub again.
    assert_eq!(
        get_row(&api, "book", "b1", &[]).await.body["author"],
        "ghost"
    );
    assert_eq!(
        get_row(&api, "book", "b1", &["*", "author.*"]).await.body["author"],
        json!({"$databaseId": DB, "$tableId": "author", "$sequence": 0})
    );
    // No link stays null.
    let r = api.row(DB, "book", "b2", json!({"name": "Y"})).await;
    assert_eq!(r.body["author"], Value::Null);
}

#[tokio::test]
async fn loading_respects_read_permissions() {
    let api = Api::start().await;
    api.post("/users", json!({"userId": "u1", "email": "u1@example.com"}))
        .await
        .assert_status(201);
    let jwt = api.post("/users/u1/jwts", json!({})).await.body["jwt"]
        .as_str()
        .unwrap()
        .to_string();
    api.post("/tablesdb", json!({"databaseId": DB, "name": DB}))
        .await;
    for (t, perms, row_security) in [
        ("post", json!(["read(\"users\")"]), false),
        ("secret", json!([]), false),
        ("note", json!([]), true),
    ] {
        api.post(
            &format!("/tablesdb/{DB}/tables"),
            json!({"tableId": t, "name": t, "permissions": perms, "rowSecurity": row_security,
                   "columns": [{"key": "name", "type": "string", "size": 32}]}),
        )
        .await
        .assert_status(201);
    }
    relate(&api, "post", json!({"relatedTableId": "secret", "type": "manyToOne", "key": "secret", "twoWayKey": "posts"})).await;
    relate(&api, "post", json!({"relatedTableId": "note", "type": "oneToMany", "key": "notes", "twoWayKey": "post", "twoWay": true})).await;
    api.post(
        &rows("post"),
        json!({"rowId": "p1", "data": {"secret": {"$id": "s1"}, "notes": [
            {"$id": "n1", "$permissions": ["read(\"user:u1\")"]},
            {"$id": "n2", "$permissions": []}
        ]}}),
    )
    .await
    .assert_status(201);
    let get = |queries: Vec<Value>| {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for q in queries {
            pairs.push(("queries[]".into(), q.to_string()));
        }
        api.bare(Method::GET, &row("post", "p1"))
            .header("X-Appwrite-Project", "test")
            .header("X-Appwrite-JWT", jwt.clone())
            .query(&pairs)
    };
    let r = api.send(get(vec![])).await;
    r.assert_status(200);
    assert_eq!(r.body["secret"], "s1");
    // A related table the user may not read at all: 401.
    api.send(get(vec![select(&["*", "secret.*"])]))
        .await
        .assert_error(401, "user_unauthorized");
    // Row security: only the readable related rows.
    let r = api.send(get(vec![select(&["*", "notes.*"])])).await;
    r.assert_status(200);
    let ids: Vec<&str> = r.body["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["$id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["n1"]);
}

#[tokio::test]
async fn upsert_transactions_and_one_way_many_to_many() {
    let api = Api::start().await;
    named_table(&api, "sport").await;
    named_table(&api, "player").await;
    named_table(&api, "person").await;
    named_table(&api, "passport").await;
    relate(&api, "sport", json!({"relatedTableId": "player", "type": "manyToMany", "key": "players", "onDelete": "cascade"})).await;
    relate(&api, "person", json!({"relatedTableId": "passport", "type": "oneToOne", "twoWay": true, "key": "passport", "twoWayKey": "holder", "onDelete": "cascade"})).await;

    // Upsert creates and links, then replaces the set.
    let r = api
        .put(
            &row("sport", "s1"),
            json!({"data": {"players": [{"$id": "p1"}, {"$id": "p2"}]}}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["players"].as_array().unwrap().len(), 2);
    let r = api
        .put(&row("sport", "s1"), json!({"data": {"players": ["p2"]}}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["players"][0]["$id"], "p2");
    // The one-way child side is neither listed nor loaded.
    let p2 = get_row(&api, "player", "p2", &["*"]).await;
    assert!(p2.body.get("sport").is_none());

    // Staged in a transaction, applied on commit.
    let txn = api.post("/tablesdb/transactions", json!({})).await;
    txn.assert_status(201);
    let txn = txn.body["$id"].as_str().unwrap().to_string();
    api.post(
        &rows("person"),
        json!({"rowId": "ann", "data": {"passport": {"$id": "pp1", "name": "X1"}}, "transactionId": txn}),
    )
    .await
    .assert_status(201);
    api.get(&row("person", "ann"))
        .await
        .assert_error(404, "row_not_found");
    api.patch(
        &format!("/tablesdb/transactions/{txn}"),
        json!({"commit": true}),
    )
    .await
    .assert_status(200);
    assert_eq!(
        get_row(&api, "person", "ann", &[]).await.body["passport"],
        "pp1"
    );
    assert_eq!(
        get_row(&api, "passport", "pp1", &[]).await.body["holder"],
        "ann"
    );

    // oneToOne cascade works from the child side too.
    api.delete(&row("passport", "pp1")).await.assert_status(204);
    api.get(&row("person", "ann"))
        .await
        .assert_error(404, "row_not_found");
    // manyToMany cascade from the parent deletes the linked rows.
    api.delete(&row("sport", "s1")).await.assert_status(204);
    assert_eq!(api.rows(DB, "player", &[]).await.ids(), vec!["p1"]);
}
