//! The planar distance methods (`meters` not `true`) run MariaDB 10.11's `ST_Distance`,
//! which sets its NULL flag on a row whose column is NULL and never clears it: within one
//! request it is NULL for that row and for every row MariaDB evaluates it on afterwards.
//! MariaDB reads the table in `$sequence` order and evaluates the conditions left to right,
//! stopping as soon as the answer is settled, so only the rows that reach the distance count.
//!
//! Recorded on Appwrite 1.8.1 and 1.9.6 (`tests/recordings/*/tour-spatial.jsonl`, case
//! `spatial.distance`): `distanceLessThan` 2 from (3,3) on `area` finds only `g1`, although
//! `g4`'s square is as near as `g1`'s and `gx11` contains the point: both come after `g3`,
//! whose `area` is NULL. The other expectations here are MariaDB 10.11's answers to the SQL
//! utopia builds for each request, on the same rows.

use crate::common;

use common::{Api, q};
use serde_json::{Value, json};

/// The tour's `places` table and rows, in the recorded order: `g3`, `gx7` and `gx9` have no
/// `area` and no `path`; `gx11` is a 4×4 square with a hole that contains (3,3).
async fn places() -> Api {
    let api = Api::start().await;
    api.table_with(
        "geo",
        "places",
        json!([
            {"key": "name", "type": "string", "size": 64},
            {"key": "loc", "type": "point", "required": true},
            {"key": "path", "type": "linestring"},
            {"key": "area", "type": "polygon"}
        ]),
        json!([]),
    )
    .await;
    let square = |x: i32, y: i32, side: i32| {
        json!([[
            [x, y],
            [x, y + side],
            [x + side, y + side],
            [x + side, y],
            [x, y]
        ]])
    };
    let rows = [
        (
            "g1",
            json!({"name": "origin", "loc": [0, 0], "path": [[0, 0], [5, 5]], "area": square(0, 0, 2)}),
        ),
        (
            "g2",
            json!({"name": "rome", "loc": [12.4964, 41.9028], "path": [[12, 41], [13, 42]], "area": square(12, 41, 1)}),
        ),
        ("g3", json!({"name": "paris", "loc": [2.3522, 48.8566]})),
        (
            "g4",
            json!({"name": "inside", "loc": [5, 5], "path": [[-1, 5], [11, 5]], "area": square(4, 4, 2)}),
        ),
        (
            "g5",
            json!({"name": "edge", "loc": [10, 5], "path": [[10, 0], [10, 10]], "area": square(10, 0, 10)}),
        ),
        (
            "g6",
            json!({"name": "far", "loc": [100, -45], "path": [[100, -45], [101, -44]], "area": square(100, -45, 1)}),
        ),
        ("gx7", json!({"name": "x", "loc": [0, 0]})),
        ("gx9", json!({"name": "x", "loc": [0, 0]})),
        (
            "gx11",
            json!({"name": "x", "loc": [0, 0], "area": [
                [[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]],
                [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]
            ]}),
        ),
    ];
    for (id, data) in rows {
        api.row("geo", "places", id, data).await.assert_status(201);
    }
    api
}

/// The IDs a list request finds, ordered by `$id`; its `total` counts the same rows.
async fn ids(api: &Api, filters: &[Value]) -> Vec<String> {
    let mut queries = filters.to_vec();
    queries.push(json!({"method": "orderAsc", "attribute": "$id"}));
    let r = api.rows("geo", "places", &queries).await;
    r.assert_status(200);
    assert_eq!(
        r.body["total"],
        json!(r.ids().len()),
        "total counts the same rows"
    );
    r.ids()
}

/// A planar distance filter on `attribute` from `(x, y)`.
fn planar(method: &str, attribute: &str, (x, y): (i32, i32), distance: i32) -> Value {
    q(method, attribute, json!([[[x, y], distance, false]]))
}

#[tokio::test]
async fn a_null_column_makes_every_later_planar_distance_null() {
    let api = places().await;
    // The recorded answer: g1 lies before g3, the first NULL area; g4 (√2) and gx11 (0) after.
    assert_eq!(
        ids(&api, &[planar("distanceLessThan", "area", (3, 3), 2)]).await,
        ["g1"]
    );
    // Every method: NULL matches neither a comparison nor its opposite.
    for method in ["distanceGreaterThan", "distanceNotEqual"] {
        assert_eq!(
            ids(&api, &[planar(method, "area", (3, 3), 0)]).await,
            ["g1", "g2"],
            "{method}"
        );
    }
    // A column that is never NULL keeps every row.
    assert_eq!(
        ids(&api, &[planar("distanceLessThan", "loc", (0, 0), 10)]).await,
        ["g1", "g4", "gx11", "gx7", "gx9"]
    );
}

#[tokio::test]
async fn only_rows_that_reach_the_distance_set_the_flag() {
    let api = places().await;
    let far = planar("distanceGreaterThan", "area", (3, 3), 0);
    let not_paris = q(
        "equal",
        "name",
        json!(["origin", "rome", "inside", "edge", "far", "x"]),
    );
    // g3 fails the filter before the distance, so the first NULL the distance meets is gx7's.
    assert_eq!(
        ids(&api, &[not_paris.clone(), far.clone()]).await,
        ["g1", "g2", "g4", "g5", "g6"]
    );
    // Written after the distance, the same filter comes too late to spare it g3.
    assert_eq!(ids(&api, &[far.clone(), not_paris]).await, ["g1", "g2"]);
    // In an `or`, a row whose first condition holds never reaches the distance.
    let paris_or_far =
        json!({"method": "or", "values": [q("equal", "name", json!(["paris"])), far.clone()]});
    assert_eq!(
        ids(&api, &[paris_or_far]).await,
        ["g1", "g2", "g3", "g4", "g5", "g6"]
    );
    // Each distance keeps its own flag: the `path` distance turns NULL at g3 and stops
    // every later row before the `area` distance sees a NULL.
    let near_path = planar("distanceLessThan", "path", (0, 0), 1000);
    let near_area = planar("distanceLessThan", "area", (3, 3), 1000);
    assert_eq!(ids(&api, &[near_path, near_area]).await, ["g1", "g2"]);
    // A page after a cursor: the rows the cursor excludes never reach the distance.
    let after_g3 = json!({"method": "cursorAfter", "values": ["g3"]});
    assert_eq!(
        api.rows(
            "geo",
            "places",
            &[
                far,
                after_g3,
                json!({"method": "orderAsc", "attribute": "$id"})
            ]
        )
        .await
        .assert_status(200)
        .ids(),
        ["g4", "g5", "g6"]
    );
}

#[tokio::test]
async fn distances_in_meters_do_not_keep_null() {
    // `ST_Distance_Sphere` clears its NULL flag on every row.
    let api = Api::start().await;
    api.table_with(
        "geo",
        "spots",
        json!([{"key": "p", "type": "point"}]),
        json!([]),
    )
    .await;
    for (id, data) in [
        ("p1", json!({"p": [0, 0]})),
        ("p2", json!({"p": null})),
        ("p3", json!({"p": [0, 0.001]})),
    ] {
        api.row("geo", "spots", id, data).await.assert_status(201);
    }
    let list = |values: Value| {
        let api = &api;
        async move {
            api.rows("geo", "spots", &[q("distanceLessThan", "p", values)])
                .await
                .assert_status(200)
                .ids()
        }
    };
    assert_eq!(list(json!([[[0, 0], 1000, true]])).await, ["p1", "p3"]);
    assert_eq!(list(json!([[[0, 0], 1, false]])).await, ["p1"]);
}
