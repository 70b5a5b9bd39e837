//! Appwrite 1.9 and later, typed: the `varchar`/`text`/`longtext` column kinds, `bigint`,
//! `containsAny`/`containsAll`, the per-caller list cache, and ID lists of any length. Then
//! the same model on an Appwrite 1.8.1, which lacks them: the client says so before it
//! sends anything.
//!
//! Without `APPWRITE_ENDPOINT` it starts the embedded Appwrite emulator as Appwrite 1.9.6
//! (its default), and a second one as 1.8.1. With `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT`
//! and `APPWRITE_API_KEY` it uses that server (1.9.5 or later) in database
//! `lazy-appwrite-modern`, and deletes the rows it made.
//!
//! Run it with `cargo run --example modern`.

mod support;

use std::error::Error;
use std::time::Duration;

use lazy_appwrite::{Client, Feature, Model, Table};
use lazy_appwrite_emulator::{AppwriteVersion, Emulator};
use serde::{Deserialize, Serialize};

const DATABASE: &str = "lazy-appwrite-modern";

/// An article: the 1.9 text kinds (no row-size budget spent on a long body), a `bigint`
/// counter and a tag list.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "articles")]
struct Article {
    /// `varchar(120)`: stored inline, indexable.
    #[column(varchar(size = 120))]
    title: String,
    /// `text`: up to 65,535 characters, stored off the row.
    #[column(text)]
    body: String,
    /// `longtext`, encrypted at rest.
    #[column(longtext, encrypt)]
    notes: Option<String>,
    /// `bigint` (Appwrite 1.9.5 and later).
    #[column(kind = "bigint")]
    views: Option<i64>,
    /// A `varchar(16)` array.
    #[column(varchar(size = 16))]
    tags: Vec<String>,
}

fn article(title: &str, tags: &[&str], views: i64) -> Article {
    Article {
        title: title.into(),
        body: format!("{title}: ").repeat(200),
        notes: Some("internal".into()),
        views: Some(views),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, emulator) = support::connect(DATABASE).await?;
    let version = client.server_version().await?;
    println!("server: Appwrite {}", version.as_str());
    for feature in [
        Feature::TextColumnKinds,
        Feature::BigIntColumns,
        Feature::ContainsAnyAll,
        Feature::ListCache,
        Feature::Descriptions,
    ] {
        let (major, minor, patch) = feature.since();
        let has = if version.has(feature) { "yes" } else { "no" };
        println!("  {feature:?} (since {major}.{minor}.{patch}): {has}");
    }

    // The first write creates the table with its five columns.
    let mut ids = Vec::new();
    for (title, tags, views) in [
        (
            "Rust on Appwrite",
            &["rust", "appwrite"][..],
            12_000_000_000,
        ),
        ("Typed queries", &["rust", "queries"][..], 42),
        ("Cooking", &["food"][..], 7),
    ] {
        ids.push(
            Article::create(&client, &article(title, tags, views))
                .await?
                .id,
        );
    }

    let c = Article::columns();
    let any = Article::list(&client, c.tags.contains_any(["queries", "food"])).await?;
    println!("containsAny(queries, food): {} articles", any.total);
    let all = Article::list(&client, c.tags.contains_all(["rust", "appwrite"])).await?;
    println!("containsAll(rust, appwrite): {:?}", titles(&all.rows));

    // The list cache: an identical list within the TTL is answered from the cache, without
    // rows written since, until the table's cache is purged.
    let minute = Duration::from_secs(60);
    let before = Article::list(&client, Article::query())
        .cached(minute)
        .await?;
    ids.push(
        Article::create(&client, &article("Late news", &["news"], 1))
            .await?
            .id,
    );
    let cached = Article::list(&client, Article::query())
        .cached(minute)
        .await?;
    Article::purge_list_cache(&client).await?;
    let fresh = Article::list(&client, Article::query())
        .cached(minute)
        .await?;
    println!(
        "cached list: {} rows, after a write {} (from the cache), after purge {}",
        before.total, cached.total, fresh.total
    );

    // Any number of IDs: sent in parts where one query would pass Appwrite's limits.
    let mut wanted: Vec<String> = (0..1200).map(|i| format!("missing-{i}")).collect();
    wanted.extend(ids.iter().cloned());
    let found = Article::list(&client, Article::query().ids(wanted)).await?;
    println!("1,204 IDs asked, {} articles found", found.rows.len());

    for id in &ids {
        Article::delete(&client, id).await?;
    }
    support::finish(emulator).await;

    // On Appwrite 1.8.1 the text kinds, bigint and the new queries do not exist.
    if std::env::var_os("APPWRITE_ENDPOINT").is_none() {
        older_server().await?;
    }
    Ok(())
}

/// The same model against an emulated Appwrite 1.8.1.
async fn older_server() -> Result<(), Box<dyn Error>> {
    let emulator = Emulator::builder()
        .appwrite_version(AppwriteVersion::V1_8_1)
        .start()
        .await?;
    let client = Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database(DATABASE)
        .build()?;
    println!("\nserver: Appwrite 1.8.1");
    match Article::create(&client, &article("Old", &["rust"], 1)).await {
        Ok(_) => println!("  created (unexpected)"),
        Err(e) => println!("  create: {e}"),
    }
    let c = Article::columns();
    match Article::list(&client, c.tags.contains_any(["rust"])).await {
        Ok(_) => println!("  containsAny answered (unexpected)"),
        Err(e) => println!("  list with containsAny: {e}"),
    }
    emulator.shutdown().await;
    Ok(())
}

fn titles(rows: &[lazy_appwrite::Row<Article>]) -> Vec<&str> {
    rows.iter().map(|r| r.title.as_str()).collect()
}
