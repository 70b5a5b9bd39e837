//! The model API end to end: create (generated or given ID, row permissions), get, list
//! with typed filters, find_first, count, update with the typed patch, upsert, delete,
//! increment and decrement, and streaming every row with cursor pagination. Runs against
//! the emulator, and a real Appwrite when configured.

use crate::support;

use lazy_appwrite::response::ColumnStatus;
use lazy_appwrite::{Client, Credentials, Enum, Error, Model, Permission, Role, Table, Timestamp};
use serde::{Deserialize, Serialize};
use support::{Backend, on_each_backend};

#[derive(Enum, Clone, Copy, Debug, PartialEq)]
#[enum_value(rename_all = "lowercase")]
enum Status {
    Draft,
    Live,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(
    id = "posts",
    row_security,
    permissions(create("users")),
    index(key = "by_title", fulltext, columns(title)),
    index(key = "by_views", columns(views))
)]
#[serde(rename_all = "camelCase")]
struct Post {
    #[column(size = 128)]
    title: String,
    #[column(default = "draft")]
    status: Status,
    #[column(integer(min = 0), default = 0)]
    views: i64,
    #[column(default = 0.0)]
    rating: f64,
    #[column(size = 16)]
    tags: Vec<String>,
    published_at: Option<Timestamp>,
}

fn post(title: &str, views: i64) -> Post {
    Post {
        title: title.into(),
        status: Status::Draft,
        views,
        rating: 0.0,
        tags: vec!["rust".into()],
        published_at: None,
    }
}

#[tokio::test]
async fn list_on_a_missing_table_creates_it_and_is_empty() {
    on_each_backend(async |b| {
        let db = b.fresh_id("fresh");
        let c = b.client_in(&db);
        let page = Post::list(&c, Post::query()).await?;
        assert_eq!((page.total, page.rows.len()), (0, 0));
        let table = c.tables(&db).get("posts").await?;
        assert!(table.row_security);
        assert!(
            table
                .columns
                .iter()
                .all(|col| col.status == ColumnStatus::Available)
        );
        assert_eq!(table.indexes.len(), 2);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn create_read_update_delete() {
    on_each_backend(async |b| {
        let db = b.fresh_id("crud");
        let c = b.client_in(&db);

        // A generated ID, and a given one with row permissions.
        let first = Post::create(&c, &post("Hello", 3)).await?;
        assert_eq!(first.id.len(), 20);
        assert_eq!(first.table_id, "posts");
        assert_eq!(first.database_id, db);
        let second = Post::create(&c, &post("World", 10))
            .id("world")
            .permissions([
                Permission::read(Role::any()),
                Permission::update(Role::user("u1")),
            ])
            .await?;
        assert_eq!(second.id, "world");
        assert_eq!(second.permissions.len(), 2);

        // The same ID again is a conflict.
        let err = Post::create(&c, &post("Again", 1))
            .id("world")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Conflict { .. }), "{err}");

        let got = Post::get(&c, "world").await?;
        assert_eq!(got.data, post("World", 10));
        let err = Post::get(&c, "nope").await.unwrap_err();
        assert!(
            matches!(&err, Error::NotFound { answer } if answer.kind == "row_not_found"),
            "{err}"
        );

        let cols = Post::columns();
        let busy = Post::list(&c, cols.views.gt(5)).await?;
        assert_eq!(busy.total, 1);
        assert_eq!(busy.rows[0].id, "world");
        let both = Post::list(
            &c,
            Post::query()
                .filter(cols.tags.contains("rust") & cols.status.equal(Status::Draft))
                .order(cols.views.desc())
                .limit(10),
        )
        .await?;
        assert_eq!(
            both.rows
                .iter()
                .map(|r| r.title.as_str())
                .collect::<Vec<_>>(),
            ["World", "Hello"]
        );
        let found = Post::list(&c, cols.title.search("hello")).await?;
        assert_eq!(found.total, 1);

        let first_live = Post::find_first(&c, cols.status.equal(Status::Live)).await?;
        assert!(first_live.is_none());
        let least = Post::find_first(&c, Post::query().order(cols.views.asc())).await?;
        assert_eq!(least.map(|r| r.id), Some(first.id.clone()));
        assert_eq!(Post::count(&c, Post::query()).await?, 2);
        assert_eq!(Post::count(&c, cols.views.between(1, 5)).await?, 1);

        let live =
            Post::update(&c, "world", Post::patch().status(Status::Live).rating(4.5)).await?;
        assert_eq!(
            (live.status, live.rating, live.views),
            (Status::Live, 4.5, 10)
        );
        let locked = Post::update(&c, "world", Post::patch())
            .permissions([Permission::read(Role::any())])
            .await?;
        assert_eq!(locked.permissions.len(), 1);
        // An empty patch without permissions is refused before any request.
        let err = Post::update(&c, "world", Post::patch()).await.unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err}");

        let up = Post::increment(&c, "world", cols.views).await?;
        assert_eq!(up.views, 11);
        let up = Post::increment(&c, "world", cols.rating).by(0.25).await?;
        assert_eq!(up.rating, 4.75);
        let down = Post::decrement(&c, "world", cols.views).by(20).min(0).await;
        assert!(down.is_err(), "the bound holds");
        let down = Post::decrement(&c, "world", cols.views)
            .by(4)
            .min(0)
            .await?;
        assert_eq!(down.views, 7);

        let new = Post::upsert(&c, "fresh", &post("Fresh", 0)).await?;
        assert_eq!(new.title, "Fresh");
        let replaced = Post::upsert(&c, "fresh", &post("Fresher", 1))
            .permissions([Permission::read(Role::users())])
            .await?;
        assert_eq!((replaced.title.as_str(), replaced.views), ("Fresher", 1));

        Post::delete(&c, "fresh").await?;
        assert!(Post::get(&c, "fresh").await.is_err());
        assert_eq!(Post::count(&c, Post::query()).await?, 2);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn invalid_rows_are_refused_before_any_request() {
    on_each_backend(async |b| {
        let db = b.fresh_id("invalid");
        let c = b.client_in(&db);
        Post::list(&c, Post::query()).await?;
        b.reset();
        let err = Post::create(&c, &post(&"x".repeat(200), 1))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { column: Some(col), .. } if col == "title"),
            "{err}"
        );
        let err = Post::update(&c, "a", Post::patch().views(-1))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err}");
        let err = Post::upsert(&c, "bad id!", &post("t", 1))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidId { .. }), "{err}");
        b.expect(&[]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn streams_walk_every_matching_row() {
    on_each_backend(async |b| {
        let db = b.fresh_id("stream");
        let c = b.client_in(&db);
        for i in 0..23 {
            Post::create(&c, &post(&format!("P{i:02}"), i)).await?;
        }
        let cols = Post::columns();

        // Every row, 5 per page: 5 requests, in insertion order.
        let mut stream = Post::stream(&c, Post::query()).page_size(5);
        let mut seen = Vec::new();
        while let Some(row) = stream.next().await {
            seen.push(row?.views);
        }
        assert_eq!(seen, (0..23).collect::<Vec<_>>());

        // Filtered and ordered; the query's order is followed across pages.
        let rows = Post::stream(
            &c,
            Post::query()
                .filter(cols.views.gte(10))
                .order(cols.views.desc()),
        )
        .page_size(4)
        .collect_all()
        .await?;
        assert_eq!(
            rows.iter().map(|r| r.views).collect::<Vec<_>>(),
            (10..23).rev().collect::<Vec<_>>()
        );

        // Nothing matches: the stream ends at once.
        let mut none = Post::stream(&c, cols.views.gt(1000));
        assert!(none.next().await.is_none());
        assert!(none.next().await.is_none());

        // A stream is a `futures_core::Stream` too, and can be moved into a task.
        let task = tokio::spawn({
            let c = c.clone();
            async move {
                let mut s = std::pin::pin!(Post::stream(&c, cols.views.lt(3)));
                let mut n = 0;
                while let Some(row) =
                    std::future::poll_fn(|cx| futures_core::Stream::poll_next(s.as_mut(), cx)).await
                {
                    row?;
                    n += 1;
                }
                Ok::<_, Error>(n)
            }
        });
        assert_eq!(task.await.expect("the task runs")?, 3);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_user_view_syncs_with_the_key_and_reads_as_the_user() {
    // Users and JWTs are made through the emulator's Users API (emulator only).
    let b = Backend::emulator().await;
    let Backend::Emulator(e) = &b else {
        unreachable!()
    };
    let admin = b.client_in("main");
    let http = reqwest::Client::new();
    let send = |path: &str, body: &str| {
        http.post(format!("{}{path}", e.endpoint()))
            .header("x-appwrite-project", e.project())
            .header("x-appwrite-key", e.key())
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
    };
    let created = send(
        "/users",
        r#"{"userId":"u1","email":"u1@example.com","password":"password123"}"#,
    )
    .await
    .expect("the user is created");
    assert_eq!(created.status(), 201);
    let jwt: serde_json::Value = serde_json::from_str(
        &send("/users/u1/jwts", "{}")
            .await
            .expect("a JWT")
            .text()
            .await
            .expect("a body"),
    )
    .expect("JSON");
    let alice =
        admin.as_user(Credentials::jwt(jwt["jwt"].as_str().expect("a jwt")).expect("a JWT"));

    // The user's first call syncs the table with the key, then writes as the user.
    let mine = Post::create(&alice, &post("Mine", 1))
        .await
        .expect("created as the user");
    assert!(
        mine.permissions
            .iter()
            .any(|p| p.as_str() == r#"update("user:u1")"#)
    );
    let theirs = Post::create(&admin, &post("Admin's", 1))
        .permissions([])
        .await
        .expect("created with the key");
    // Row security: the user sees their row only.
    let seen = Post::list(&alice, Post::query()).await.expect("listed");
    assert_eq!(seen.total, 1);
    assert!(Post::get(&alice, theirs.id.as_str()).await.is_err());
    b.shutdown().await;
}

#[tokio::test]
async fn a_model_without_a_database_is_a_configuration_error() {
    let b = Backend::emulator().await;
    let Backend::Emulator(e) = &b else {
        unreachable!()
    };
    let c = Client::builder()
        .endpoint(e.endpoint())
        .project(e.project())
        .api_key(e.key())
        .build()
        .expect("a valid client configuration");
    let err = Post::count(&c, Post::query()).await.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err}");
    assert!(err.to_string().contains("default_database"), "{err}");
    assert_eq!(e.request_count(), 0);
    b.shutdown().await;
}

#[tokio::test]
async fn a_typed_select_brings_what_the_model_needs() {
    on_each_backend(async |b| {
        let db = b.fresh_id("select");
        let c = b.client_in(&db);
        let mut p = post("Selected", 3);
        p.published_at = Some(Timestamp::parse("2026-01-02T03:04:05.000+00:00")?);
        Post::create(&c, &p).await?;
        let col = Post::columns();
        // Only the optional `publishedAt` is named; the columns every `Post` needs come too,
        // so the rows decode.
        let page = Post::list(&c, Post::query().select(col.views)).await?;
        let row = &page.rows[0];
        assert_eq!(
            (row.title.as_str(), row.views, row.tags.as_slice()),
            ("Selected", 3, &["rust".to_owned()][..])
        );
        assert_eq!(
            row.published_at, None,
            "an optional column left out reads None"
        );
        let page = Post::list(&c, Post::query().select(col.published_at)).await?;
        assert_eq!(page.rows[0].published_at, p.published_at);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn cached_lists_and_purge_where_the_server_has_them() {
    use std::time::Duration;
    on_each_backend(async |b| {
        let db = b.fresh_id("cache");
        let c = b.client_in(&db);
        Post::create(&c, &post("first", 1)).await?;
        let minute = Duration::from_secs(60);
        let cached = Post::list(&c, Post::query()).cached(minute).await;
        if !b.has(lazy_appwrite::Feature::ListCache).await {
            // Refused before the list is sent, naming the table and the feature.
            let err = cached.unwrap_err();
            assert!(
                matches!(&err, Error::Unsupported { table, column: None, feature: lazy_appwrite::Feature::ListCache, .. } if table == "posts"),
                "{err:?}"
            );
            let purge = Post::purge_list_cache(&c).await.unwrap_err();
            assert!(matches!(purge, Error::Unsupported { .. }), "{purge:?}");
            c.databases().delete(&db).await?;
            return Ok(());
        }
        assert_eq!(cached?.total, 1);
        Post::create(&c, &post("second", 2)).await?;
        // The same list within the ttl comes from the cache: the new row is not in it.
        let again = Post::list(&c, Post::query()).cached(minute).await?;
        assert_eq!(again.total, 1);
        // Without the cache, the list reads afresh.
        assert_eq!(Post::list(&c, Post::query()).await?.total, 2);
        // A purge empties the cache; the table's settings stay as declared.
        Post::purge_list_cache(&c).await?;
        let fresh = Post::list(&c, Post::query()).cached(minute).await?;
        assert_eq!(fresh.total, 2);
        let table = c.tables(&db).get("posts").await?;
        assert!(table.row_security);
        // More than a day is refused before anything is sent.
        b.reset();
        let long = Post::list(&c, Post::query())
            .cached(Duration::from_secs(86_401))
            .await
            .unwrap_err();
        assert!(
            matches!(&long, Error::Validation { table: Some(t), .. } if t == "posts"),
            "{long:?}"
        );
        assert_eq!(
            long.to_string(),
            "invalid input for table `posts`: a list cache ttl is 0 to 86400 seconds, and 86401 was asked for"
        );
        b.expect(&[]);
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_long_list_of_ids_is_sent_in_parts_and_merged_in_insertion_order() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ids");
        let c = b.client_in(&db);
        let id = |i: u64| format!("p{i:031}");
        let posts: Vec<Post> = (0..300).map(|i| post(&format!("post {i}"), i)).collect();
        Post::create_many(&c, &posts)
            .id_with(move |i, _| id(i))
            .await?;
        // Asked for in reverse: the answer still comes in insertion order, as one list
        // would give it. 300 IDs of 32 characters need 3 queries of at most 4,096.
        let wanted: Vec<String> = (0..300).rev().map(id).collect();
        b.reset();
        let all = Post::list(&c, Post::query().ids(&wanted).limit(1000)).await?;
        assert_eq!(all.total, 300);
        let got: Vec<&str> = all.rows.iter().map(|r| r.id.as_str()).collect();
        let expected: Vec<String> = (0..300).map(id).collect();
        assert_eq!(got, expected);
        let list = format!("/v1/tablesdb/{db}/tables/posts/rows");
        b.expect(&[("GET", &list), ("GET", &list), ("GET", &list)]);
        // Without a limit, Appwrite's page of 25: the first 25 inserted; all are counted.
        let page = Post::list(&c, Post::query().ids(&wanted)).await?;
        assert_eq!((page.total, page.rows.len()), (300, 25));
        assert_eq!(page.rows[24].id, id(24));
        assert_eq!(Post::count(&c, Post::query().ids(&wanted)).await?, 300);
        // Filters apply to every part.
        let some = Post::list(
            &c,
            Post::query()
                .ids(&wanted)
                .filter_with(|c| c.views.lt(10))
                .limit(1000),
        )
        .await?;
        assert_eq!(some.total, 10);
        // Ordering a long list cannot be split: refused before anything is sent.
        b.reset();
        let err = Post::list(
            &c,
            Post::query().ids(&wanted).order(Post::columns().views.desc()),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { table: Some(t), column: Some(col), .. } if t == "posts" && col == "$id"),
            "{err:?}"
        );
        assert!(err.to_string().ends_with("cannot also use `orderDesc`"), "{err}");
        b.expect(&[]);
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}
