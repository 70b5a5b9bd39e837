//! Atomic update operators through the model API: every family (arithmetic with and
//! without limits, arrays, strings, booleans, datetimes) applied by the server, checked by
//! the values it returns; operators together with a patch and in bulk updates; what is
//! refused before sending. Runs against the emulator, and a real Appwrite when configured.

use crate::support;

use lazy_appwrite::typed::ArrayCondition;
use lazy_appwrite::{Client, Error, Model, Row, Table, Timestamp};
use serde::{Deserialize, Serialize};
use support::on_each_backend;

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "gadgets")]
struct Gadget {
    #[column(size = 32)]
    name: String,
    stock: i64,
    price: f64,
    #[column(size = 16)]
    tags: Vec<String>,
    scores: Vec<i64>,
    active: bool,
    due: Option<Timestamp>,
}

fn gadget() -> Gadget {
    Gadget {
        name: "Box".into(),
        stock: 10,
        price: 2.0,
        tags: vec!["a".into()],
        scores: vec![5, 15, 25],
        active: false,
        due: Some(Timestamp::parse("2026-01-01T00:00:00.000+00:00").expect("a valid datetime")),
    }
}

/// One update of row `g1` with one operator, and the row after it.
macro_rules! apply {
    ($c:expr, $op:expr) => {
        Gadget::update($c, "g1", Gadget::patch()).op($op).await?
    };
}

async fn fresh(c: &Client) -> lazy_appwrite::Result<Row<Gadget>> {
    Gadget::upsert(c, "g1", &gadget()).await
}

#[tokio::test]
async fn arithmetic_operators_change_numbers_on_the_server() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-arith");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;

        assert_eq!(apply!(c, col.stock.increment(5)).stock, 15);
        // Limits clamp instead of failing.
        assert_eq!(apply!(c, col.stock.increment(10).max(20)).stock, 20);
        assert_eq!(apply!(c, col.stock.decrement(3)).stock, 17);
        assert_eq!(apply!(c, col.stock.decrement(30).min(0)).stock, 0);
        Gadget::update(c, "g1", Gadget::patch().stock(7)).await?;
        assert_eq!(apply!(c, col.stock.multiply(3)).stock, 21);
        assert_eq!(apply!(c, col.stock.multiply(10).max(100)).stock, 100);
        assert_eq!(apply!(c, col.stock.divide(4)).stock, 25);
        assert_eq!(apply!(c, col.stock.modulo(7)).stock, 4);
        assert_eq!(apply!(c, col.stock.power(3)).stock, 64);
        assert_eq!(apply!(c, col.stock.power(2).max(1000)).stock, 1000);
        assert_eq!(apply!(c, col.stock.divide(3).min(500)).stock, 500);

        // Floats, and float amounts.
        assert_eq!(apply!(c, col.price.multiply(1.5)).price, 3.0);
        assert_eq!(apply!(c, col.price.increment(0.25)).price, 3.25);
        assert_eq!(apply!(c, col.price.divide(2)).price, 1.625);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn array_operators_change_lists_on_the_server() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-array");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;

        assert_eq!(apply!(c, col.tags.append(["b", "c"])).tags, ["a", "b", "c"]);
        assert_eq!(
            apply!(c, col.tags.prepend(["z"])).tags,
            ["z", "a", "b", "c"]
        );
        assert_eq!(
            apply!(c, col.tags.insert(1, "y")).tags,
            ["z", "y", "a", "b", "c"]
        );
        assert_eq!(apply!(c, col.tags.remove("a")).tags, ["z", "y", "b", "c"]);
        let doubled = apply!(c, col.tags.append([String::from("b"), "b".into()]))
            .data
            .tags;
        assert_eq!(doubled, ["z", "y", "b", "c", "b", "b"]);
        // Real servers answer `arrayUnique` sorted, not in first-seen order.
        assert_eq!(apply!(c, col.tags.unique()).tags, ["b", "c", "y", "z"]);
        assert_eq!(
            apply!(c, col.tags.intersect(["b", "c", "q"])).tags,
            ["b", "c"]
        );
        assert_eq!(apply!(c, col.tags.diff(["c"])).tags, ["b"]);

        // Typed elements on an integer array, and `arrayFilter`.
        assert_eq!(
            apply!(c, col.scores.retain(ArrayCondition::GreaterThan, 10)).scores,
            [15, 25]
        );
        assert_eq!(apply!(c, col.scores.prepend([1_i64])).scores, [1, 15, 25]);
        assert_eq!(
            apply!(c, col.scores.retain(ArrayCondition::NotEqual, 15)).scores,
            [1, 25]
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn string_boolean_and_datetime_operators() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-scalar");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;

        assert_eq!(apply!(c, col.name.concat(" XL")).name, "Box XL");
        assert_eq!(apply!(c, col.name.replace("XL", "S")).name, "Box S");

        assert!(apply!(c, col.active.toggle()).active);
        assert!(!apply!(c, col.active.toggle()).active);

        let day = |row: &Row<Gadget>| row.due.as_ref().map(|t| t.as_str()[..10].to_owned());
        let row = apply!(c, col.due.add_days(7));
        assert_eq!(day(&row).as_deref(), Some("2026-01-08"));
        let row = apply!(c, col.due.sub_days(2));
        assert_eq!(day(&row).as_deref(), Some("2026-01-06"));
        let before = Timestamp::now();
        let row = apply!(c, col.due.set_now());
        let set = row.due.as_ref().and_then(Timestamp::unix_millis);
        let before = before.unix_millis();
        // The server's clock (whole seconds on Appwrite): within a day of ours.
        assert!(
            matches!((set, before), (Some(s), Some(b)) if (s - b).abs() < 86_400_000),
            "{set:?} vs {before:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn operators_go_with_a_patch_and_in_bulk_updates() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-mixed");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;
        b.reset();

        // A patch and operators on other columns: one request.
        let row = Gadget::update(c, "g1", Gadget::patch().name("Crate").active(true))
            .op(col.stock.increment(1))
            .op(col.tags.append(["new"]))
            .op(col.due.add_days(1))
            .await?;
        assert_eq!(
            (
                row.name.as_str(),
                row.active,
                row.stock,
                row.tags.as_slice()
            ),
            ("Crate", true, 11, &["a".to_string(), "new".to_string()][..])
        );
        b.expect(&[(
            "PATCH",
            &format!("/v1/tablesdb/{db}/tables/gadgets/rows/g1"),
        )]);

        // In a bulk update, each row changes from its own value.
        Gadget::upsert(
            c,
            "g2",
            &Gadget {
                stock: 100,
                ..gadget()
            },
        )
        .await?;
        let changed = Gadget::update_many(c, col.stock.gte(0), Gadget::patch())
            .op(col.stock.increment(5))
            .op(col.scores.append([99]))
            .await?;
        assert_eq!(changed, 2);
        let g1 = Gadget::get(c, "g1").await?;
        let g2 = Gadget::get(c, "g2").await?;
        assert_eq!((g1.stock, g2.stock), (16, 105));
        assert_eq!(g2.scores, [5, 15, 25, 99]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn refused_operators_send_nothing() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-refused");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;
        b.reset();

        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.stock.divide(0))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid input for table `gadgets`, column `stock`: `divide` by zero: Appwrite refuses it"
        );
        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.stock.modulo(0))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("`modulo` by zero"), "{err}");
        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.price.increment(f64::NAN))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("must be a finite number"), "{err}");
        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.tags.intersect(Vec::<String>::new()))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("at least one element"), "{err}");

        // A column changed twice in one update.
        let err = Gadget::update(c, "g1", Gadget::patch().stock(3))
            .op(col.stock.increment(1))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { column: Some(col), reason, .. }
                if col == "stock" && reason.contains("by `increment` and by the patch")),
            "{err}"
        );
        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.tags.append(["x"]))
            .op(col.tags.unique())
            .await
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("by `arrayUnique` and by another operator"),
            "{err}"
        );
        // In bulk updates too.
        let err = Gadget::update_many(c, Gadget::query(), Gadget::patch())
            .op(col.price.divide(0.0))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("`divide` by zero"), "{err}");

        b.expect(&[]);
        assert_eq!(Gadget::get(c, "g1").await?.data, gadget());
        Ok(())
    })
    .await;
}

/// A table whose numeric columns declare a range. Appwrite does not hold counters and
/// operators to it by itself: an `increment` by 5000 of a column with `max = 1000` is
/// stored (and every plain write of that row fails afterwards), unless the request
/// carries the bound. The client sends the declared bound.
#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "meters")]
struct Meter {
    #[column(integer(min = 0, max = 1000), default = 0)]
    views: i64,
    #[column(float(min = 0.0, max = 5.0), default = 0.0)]
    rating: f64,
}

fn is_limit_exceeded(err: &Error) -> bool {
    matches!(err, Error::Api { status: 400, answer } if answer.kind == "column_limit_exceeded")
}

#[tokio::test]
async fn counters_keep_to_the_declared_range() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-range");
        let c = &b.client_in(&db);
        let col = Meter::columns();
        let start = Meter {
            views: 990,
            rating: 4.5,
        };
        Meter::upsert(c, "m1", &start).await?;

        // Past the declared max or min: refused by the server, the row unchanged.
        let err = Meter::increment(c, "m1", col.views).by(5000).await.unwrap_err();
        assert!(is_limit_exceeded(&err), "{err:?}");
        let err = Meter::decrement(c, "m1", col.views).by(991).await.unwrap_err();
        assert!(is_limit_exceeded(&err), "{err:?}");
        let err = Meter::increment(c, "m1", col.rating).by(1).await.unwrap_err();
        assert!(is_limit_exceeded(&err), "{err:?}");
        assert_eq!(Meter::get(c, "m1").await?.data, start);

        // Up to the bounds themselves.
        assert_eq!(Meter::increment(c, "m1", col.views).by(10).await?.views, 1000);
        assert_eq!(Meter::increment(c, "m1", col.rating).by(0.5).await?.rating, 5.0);
        assert_eq!(Meter::decrement(c, "m1", col.views).by(1000).await?.views, 0);

        // An explicit bound replaces the declared one.
        let up = Meter::increment(c, "m1", col.views).by(1500).max(2000).await?;
        assert_eq!(up.views, 1500);
        let err = Meter::increment(c, "m1", col.views).by(600).max(2000).await.unwrap_err();
        assert!(is_limit_exceeded(&err), "{err:?}");
        assert_eq!(Meter::decrement(c, "m1", col.views).by(600).await?.views, 900);

        // Amounts Appwrite refuses ("Value must be numeric and greater than 0") are
        // refused before anything is sent, naming the table and column.
        b.reset();
        let refused = [
            Meter::decrement(c, "m1", col.views).by(-5).await.unwrap_err(),
            Meter::increment(c, "m1", col.views).by(0).await.unwrap_err(),
            Meter::increment(c, "m1", col.rating).by(f64::NAN).await.unwrap_err(),
            Meter::decrement(c, "m1", col.rating).by(f64::INFINITY).await.unwrap_err(),
            Meter::increment(c, "m1", col.views).max(f64::NAN).await.unwrap_err(),
        ];
        for err in &refused {
            assert!(
                matches!(err, Error::Validation { table: Some(t), column: Some(_), .. } if t == "meters"),
                "{err:?}"
            );
        }
        assert_eq!(
            refused[0].to_string(),
            "invalid input for table `meters`, column `views`: the amount of `decrement` must \
             be a finite number greater than 0, not -5 (use `increment` to go the other way)"
        );
        b.expect(&[]);
        assert_eq!(Meter::get(c, "m1").await?.views, 900);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn transaction_counters_keep_to_the_declared_range() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-txrange");
        let c = &b.client_in(&db);
        let col = Meter::columns();
        Meter::upsert(
            c,
            "m1",
            &Meter {
                views: 10,
                rating: 0.0,
            },
        )
        .await?;

        let tx = c.begin().await?;
        let err = Meter::decrement(&tx, "m1", col.views)
            .by(-1)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { column: Some(k), .. } if k == "views"),
            "{err:?}"
        );
        Meter::increment(&tx, "m1", col.views).by(5).await?;
        tx.commit().await?;
        assert_eq!(Meter::get(c, "m1").await?.views, 15);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn arithmetic_operators_keep_to_the_declared_range() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-oprange");
        let c = &b.client_in(&db);
        let col = Meter::columns();

        // The declared bound goes with the operator unless it names its own.
        let json = |op: lazy_appwrite::typed::Operator<Meter>| op.to_json();
        assert_eq!(
            json(col.views.increment(5).into())?,
            r#"{"method":"increment","values":[5,1000]}"#
        );
        assert_eq!(
            json(col.views.divide(2).into())?,
            r#"{"method":"divide","values":[2,0]}"#
        );
        assert_eq!(
            json(col.rating.multiply(2).into())?,
            r#"{"method":"multiply","values":[2,5.0]}"#
        );
        assert_eq!(
            json(col.views.increment(5).max(20))?,
            r#"{"method":"increment","values":[5,20]}"#
        );
        assert_eq!(
            json(col.views.modulo(7))?,
            r#"{"method":"modulo","values":[7]}"#
        );

        // On the server, results stop at the declared bounds instead of leaving the range.
        Meter::upsert(
            c,
            "m2",
            &Meter {
                views: 990,
                rating: 4.5,
            },
        )
        .await?;
        let op = |o| Meter::update(c, "m2", Meter::patch()).op(o);
        assert_eq!(op(col.views.increment(5000).into()).await?.views, 1000);
        assert_eq!(op(col.views.decrement(5000).into()).await?.views, 0);
        Meter::update(c, "m2", Meter::patch().views(10)).await?;
        assert_eq!(op(col.views.multiply(1000).into()).await?.views, 1000);
        assert_eq!(op(col.views.power(2).into()).await?.views, 1000);
        assert_eq!(op(col.rating.increment(3).into()).await?.rating, 5.0);
        // A plain write of the row still passes: it never left the range.
        let row = Meter::update(c, "m2", Meter::patch().rating(1.0)).await?;
        assert_eq!((row.views, row.rating), (1000, 1.0));

        // An explicit bound replaces the declared one.
        assert_eq!(op(col.views.decrement(400).min(700)).await?.views, 700);
        Ok(())
    })
    .await;
}
