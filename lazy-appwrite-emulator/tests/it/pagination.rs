//! Pagination: offset pages and keyset (cursor) pagination over single- and multi-column
//! orders, and the cursor errors.

use crate::common;

use common::{Api, q};
use serde_json::{Value, json};

fn limit(n: i64) -> Value {
    json!({"method": "limit", "values": [n]})
}
fn offset(n: i64) -> Value {
    json!({"method": "offset", "values": [n]})
}
fn after(id: &str) -> Value {
    json!({"method": "cursorAfter", "values": [id]})
}
fn before(id: &str) -> Value {
    json!({"method": "cursorBefore", "values": [id]})
}
fn asc(a: &str) -> Value {
    json!({"method": "orderAsc", "attribute": a})
}
fn desc(a: &str) -> Value {
    json!({"method": "orderDesc", "attribute": a})
}

/// 13 rows `r00`…`r12` with `year` (few distinct values), `title` (with duplicates) and
/// `note` (null on odd rows).
async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "year", "type": "integer"},
            {"key": "title", "type": "string", "size": 20},
            {"key": "note", "type": "string", "size": 20}
        ]),
        json!([]),
    )
    .await;
    let titles = ["b", "a", "c", "a", "b"];
    for i in 0..13 {
        let note = if i % 2 == 0 {
            json!(format!("n{i}"))
        } else {
            Value::Null
        };
        let data = json!({"year": 2000 + (i * 7) % 4, "title": titles[i % 5], "note": note});
        api.row("db", "t", &format!("r{i:02}"), data)
            .await
            .assert_status(201);
    }
    api
}

async fn ids(api: &Api, queries: &[Value]) -> Vec<String> {
    let r = api.rows("db", "t", queries).await;
    r.assert_status(200);
    r.ids()
}

/// Walks all pages forward with `cursorAfter`, then backward with `cursorBefore`, and checks
/// both against the unpaginated order.
async fn walk(api: &Api, order: &[Value]) {
    let mut all_q = order.to_vec();
    all_q.push(limit(100));
    let all = ids(api, &all_q).await;
    assert_eq!(all.len(), 13);

    let mut forward: Vec<String> = Vec::new();
    loop {
        let mut page_q = order.to_vec();
        page_q.push(limit(3));
        if let Some(last) = forward.last() {
            page_q.push(after(last));
        }
        let page = ids(api, &page_q).await;
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 3);
        forward.extend(page);
        assert!(
            forward.len() <= 13,
            "pagination does not terminate: {forward:?}"
        );
    }
    assert_eq!(forward, all, "cursorAfter pages under {order:?}");

    let mut backward: Vec<String> = Vec::new();
    let mut first = all.last().cloned().unwrap();
    backward.insert(0, first.clone());
    loop {
        let mut page_q = order.to_vec();
        page_q.push(limit(3));
        page_q.push(before(&first));
        let page = ids(api, &page_q).await;
        if page.is_empty() {
            break;
        }
        for (i, id) in page.iter().enumerate() {
            backward.insert(i, id.clone());
        }
        first = page[0].clone();
        assert!(
            backward.len() <= 13,
            "pagination does not terminate: {backward:?}"
        );
    }
    assert_eq!(backward, all, "cursorBefore pages under {order:?}");
}

#[tokio::test]
async fn cursor_pagination_in_default_order() {
    let api = setup().await;
    walk(&api, &[]).await;
    assert_eq!(ids(&api, &[after("r10")]).await, ["r11", "r12"]);
    assert_eq!(ids(&api, &[before("r02")]).await, ["r00", "r01"]);
    assert_eq!(ids(&api, &[before("r05"), limit(2)]).await, ["r03", "r04"]);
    assert!(ids(&api, &[after("r12")]).await.is_empty());
    assert!(ids(&api, &[before("r00")]).await.is_empty());
}

#[tokio::test]
async fn cursor_pagination_over_one_column_with_ties() {
    let api = setup().await;
    walk(&api, &[asc("year")]).await;
    walk(&api, &[desc("title")]).await;
}

#[tokio::test]
async fn cursor_pagination_over_several_columns() {
    let api = setup().await;
    walk(&api, &[asc("year"), desc("title")]).await;
    walk(&api, &[desc("year"), asc("title")]).await;
    walk(&api, &[desc("year"), desc("title"), desc("$id")]).await;
    walk(&api, &[asc("title"), desc("$sequence")]).await;
}

#[tokio::test]
async fn cursor_with_filters_and_total() {
    let api = setup().await;
    let filter = q("equal", "year", json!([2000, 2001]));
    let all = ids(&api, &[filter.clone(), desc("title")]).await;
    let r = api
        .rows(
            "db",
            "t",
            &[filter.clone(), desc("title"), limit(2), after(&all[1])],
        )
        .await;
    assert_eq!(r.ids(), all[2..4]);
    assert_eq!(
        r.body["total"],
        all.len() as i64,
        "total ignores the cursor"
    );
}

#[tokio::test]
async fn offset_pages() {
    let api = setup().await;
    let all = ids(&api, &[asc("title"), limit(100)]).await;
    let mut paged = Vec::new();
    for page in 0..5 {
        paged.extend(ids(&api, &[asc("title"), limit(3), offset(page * 3)]).await);
    }
    assert_eq!(paged, all);
    // Offset applies after the cursor.
    assert_eq!(
        ids(&api, &[after("r03"), offset(2), limit(2)]).await,
        ["r06", "r07"]
    );
}

#[tokio::test]
async fn unknown_cursor_is_cursor_not_found() {
    let api = setup().await;
    api.rows("db", "t", &[after("nope")])
        .await
        .assert_error_msg(
            400,
            "general_cursor_not_found",
            "Row 'nope' for the 'cursor' value not found.",
        );
    api.rows("db", "t", &[before("nope")])
        .await
        .assert_error(400, "general_cursor_not_found");
    // A malformed cursor is a query error.
    api.rows("db", "t", &[after("$bad")])
        .await
        .assert_error(400, "general_query_invalid");
    api.rows(
        "db",
        "t",
        &[json!({"method": "cursorAfter", "values": [5]})],
    )
    .await
    .assert_error(400, "general_query_invalid");
}

#[tokio::test]
async fn null_in_an_order_column_of_the_cursor_row() {
    let api = setup().await;
    api.rows("db", "t", &[asc("note"), after("r01")])
        .await
        .assert_error_msg(
            400,
            "database_query_order_null",
            "The order column 'note' had a null value. Cursor pagination requires all rows order column values are non-null.",
        );
    // A cursor row with a value works even if other rows are null.
    api.rows("db", "t", &[asc("note"), after("r02")])
        .await
        .assert_status(200);
}
