//! lazy-appwrite's typed model API (warm: the table is synced before measuring).

use std::sync::Arc;

use lazy_appwrite::{Client, Model, Table};

use crate::common::{
    FRESH_CATEGORY, Item, LIST_CATEGORY, LIST_LIMIT, item, score_of, seed_id, target_of,
};
use crate::workload::{Driver, Result, WorkerArgs, check};

#[derive(Clone)]
pub struct Lazy {
    client: Client,
    fresh: Arc<Vec<Item>>,
    seed_ids: Arc<Vec<String>>,
    tag: Arc<str>,
}

impl Lazy {
    /// A client for the worker's database, with `Item`'s table synced (one request).
    pub async fn connect(args: &WorkerArgs, fresh: Arc<Vec<Item>>) -> Result<Self> {
        let client = Client::builder()
            .endpoint(&args.endpoint)
            .project(&args.project)
            .api_key(&args.key)
            .default_database(&args.database)
            .build()?;
        let plan = client.sync::<Item>().await?;
        check(plan.is_empty(), || {
            format!("the table did not match: {plan}")
        })?;
        Ok(Self {
            client,
            fresh,
            seed_ids: Arc::new((0..crate::common::SEED_ROWS).map(seed_id).collect()),
            tag: args.tag.as_str().into(),
        })
    }
}

impl Driver for Lazy {
    async fn create(&self, k: usize) -> Result<()> {
        let row = Item::create(&self.client, &self.fresh[k]).await?;
        check(row.category == FRESH_CATEGORY, || {
            format!("created {:?}", row.category)
        })
    }

    async fn get(&self, k: usize) -> Result<()> {
        let target = target_of(k);
        let row = Item::get(&self.client, &self.seed_ids[target]).await?;
        check(row.rank == target as i64, || {
            format!("got rank {}", row.rank)
        })
    }

    async fn list(&self) -> Result<()> {
        let c = Item::columns();
        let page = Item::list(
            &self.client,
            Item::query()
                .filter(c.category.equal(LIST_CATEGORY))
                .filter(c.active.equal(true))
                .order(c.rank.desc())
                .limit(LIST_LIMIT),
        )
        .await?;
        check(page.rows.len() == LIST_LIMIT as usize, || {
            format!("listed {} rows", page.rows.len())
        })
    }

    async fn update(&self, k: usize) -> Result<()> {
        let target = target_of(k);
        let patch = Item::patch().visits(k as i64).score(score_of(k));
        let row = Item::update(&self.client, &self.seed_ids[target], patch).await?;
        check(row.visits == k as i64, || format!("visits {}", row.visits))
    }

    async fn bulk(&self, first: usize, count: usize) -> Result<()> {
        // The typed bulk API: every row validated, client-made IDs, one request per 100.
        let rows: Vec<Item> = (first..first + count)
            .map(|i| item(i, Some("bulk")))
            .collect();
        let tag = &self.tag;
        let created = Item::create_many(&self.client, &rows)
            .id_with(move |i, _| format!("{tag}{}", first as u64 + i))
            .count_only()
            .await?;
        check(created == count as u64, || {
            format!("bulk created {created} rows")
        })
    }
}
