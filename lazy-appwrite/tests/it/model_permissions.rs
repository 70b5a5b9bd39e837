//! Permissions end to end, acting as users through JWTs: a row private to its creator, a
//! row anyone may read and a team may change, a table permission through a label,
//! transactions run as a user, and typed roles in `#[table(permissions(…))]` stored on the
//! server exactly. Users, teams, labels and JWTs are made through the emulator's Users and
//! Teams APIs with plain HTTP (the client has no API for them), so this runs on the
//! emulator only.

use crate::support;

use std::collections::BTreeSet;

use lazy_appwrite::{Client, Error, Model, Permission, Permissions, Role, Table};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use support::Backend;

/// Users may create rows; each row says who reads and changes it; members holding the
/// `owner` role of team `admins` may update any row; users labelled `staff` read them all.
#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(
    id = "docs",
    row_security,
    permissions(create(users), read(label("staff")), update(team("admins", "owner")))
)]
struct Doc {
    #[column(size = 128)]
    title: String,
    #[column(default = 0)]
    edits: i64,
}

/// Every typed role form, and a string one, to compare with what the server stores.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(
    id = "board",
    permissions(
        read(any, users(verified), member("m1"), guests, unverified_users),
        create(users),
        write(user("u1"), team("t1", "owner")),
        delete(label("vip"), verified_user("u2"), user("u3", unverified)),
        update(team_role("t2", "editor"), "team:t3", team("t4")),
    )
)]
struct Board {
    #[column(size = 64)]
    text: String,
}

fn doc(title: &str) -> Doc {
    Doc {
        title: title.into(),
        edits: 0,
    }
}

/// The emulator's Users and Teams APIs, called with the key.
struct Accounts<'a> {
    http: reqwest::Client,
    endpoint: &'a str,
    project: &'a str,
    key: &'a str,
}

impl Accounts<'_> {
    async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let response = self
            .http
            .request(method, format!("{}{path}", self.endpoint))
            .header("x-appwrite-project", self.project)
            .header("x-appwrite-key", self.key)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("the emulator answers");
        let status = response.status();
        let text = response.text().await.expect("a body");
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).expect("JSON")
    }

    /// Creates user `id` and returns a JWT acting as them.
    async fn user(&self, id: &str) -> String {
        self.send(
            reqwest::Method::POST,
            "/users",
            json!({"userId": id, "email": format!("{id}@example.com"), "password": "password123"}),
        )
        .await;
        let jwt = self
            .send(
                reqwest::Method::POST,
                &format!("/users/{id}/jwts"),
                json!({}),
            )
            .await;
        jwt["jwt"].as_str().expect("a JWT").to_owned()
    }

    /// Creates team `id` with these members (no team roles).
    async fn team(&self, id: &str, members: &[&str]) {
        self.send(
            reqwest::Method::POST,
            "/teams",
            json!({"teamId": id, "name": id}),
        )
        .await;
        for user in members {
            self.send(
                reqwest::Method::POST,
                &format!("/teams/{id}/memberships"),
                json!({"userId": user, "roles": []}),
            )
            .await;
        }
    }

    async fn label(&self, user: &str, labels: &[&str]) {
        self.send(
            reqwest::Method::PUT,
            &format!("/users/{user}/labels"),
            json!({ "labels": labels }),
        )
        .await;
    }
}

/// The admin client (API key), and views acting as Alice, Bob (in team `editors`) and
/// Carol (labelled `staff` later).
struct World {
    backend: Backend,
    admin: Client,
    alice: Client,
    bob: Client,
    carol: Client,
    guest: Client,
}

async fn world() -> World {
    let backend = Backend::emulator().await;
    let Backend::Emulator(e) = &backend else {
        unreachable!("the emulator")
    };
    let admin = Client::builder()
        .endpoint(e.endpoint())
        .project(e.project())
        .api_key(e.key())
        .default_database("main")
        .build()
        .expect("a client");
    let guest = Client::builder()
        .endpoint(e.endpoint())
        .project(e.project())
        .default_database("main")
        .build()
        .expect("a client");
    let accounts = Accounts {
        http: reqwest::Client::new(),
        endpoint: e.endpoint(),
        project: e.project(),
        key: e.key(),
    };
    let alice = accounts.user("alice").await;
    let bob = accounts.user("bob").await;
    let carol = accounts.user("carol").await;
    accounts.team("editors", &["bob"]).await;
    World {
        alice: admin.as_jwt(&alice).expect("a JWT"),
        bob: admin.as_jwt(&bob).expect("a JWT"),
        carol: admin.as_jwt(&carol).expect("a JWT"),
        admin,
        guest,
        backend,
    }
}

/// A write refused for lack of permission: 401 `user_unauthorized`.
#[track_caller]
fn unauthorized<T: std::fmt::Debug>(result: lazy_appwrite::Result<T>) {
    match result {
        Err(Error::Api {
            status: 401,
            answer,
        }) if answer.kind == "user_unauthorized" => {}
        other => panic!("expected 401 user_unauthorized, got {other:?}"),
    }
}

/// A read of a row the caller may not see: 404 `row_not_found`.
#[track_caller]
fn hidden<T: std::fmt::Debug>(result: lazy_appwrite::Result<T>) {
    match result {
        Err(Error::NotFound { answer }) if answer.kind == "row_not_found" => {}
        other => panic!("expected 404 row_not_found, got {other:?}"),
    }
}

#[tokio::test]
async fn a_row_private_to_its_creator() {
    let w = world().await;
    let (alice, bob) = (&w.alice, &w.bob);

    // Alice's first call syncs the table with the key, then creates as Alice.
    let mine = Doc::create(alice, &doc("Alice's diary"))
        .permissions(Permissions::private_to("alice"))
        .await
        .expect("Alice may create");
    let stored: Vec<&str> = mine.permissions.iter().map(Permission::as_str).collect();
    assert_eq!(
        stored,
        Permissions::private_to("alice")
            .iter()
            .map(Permission::as_str)
            .collect::<Vec<_>>()
    );

    // Bob sees nothing and may change nothing.
    hidden(Doc::get(bob, mine.id.as_str()).await);
    assert_eq!(Doc::list(bob, Doc::query()).await.expect("listed").total, 0);
    unauthorized(Doc::update(bob, mine.id.as_str(), Doc::patch().title("Bob was here")).await);
    unauthorized(Doc::increment(bob, mine.id.as_str(), Doc::columns().edits).await);
    unauthorized(Doc::delete(bob, mine.id.as_str()).await);
    // Nor can a guest.
    hidden(Doc::get(&w.guest, mine.id.as_str()).await);

    // Alice can do everything.
    assert_eq!(
        Doc::get(alice, mine.id.as_str()).await.expect("read").title,
        "Alice's diary"
    );
    assert_eq!(
        Doc::list(alice, Doc::query()).await.expect("listed").total,
        1
    );
    let edited = Doc::update(alice, mine.id.as_str(), Doc::patch().title("Dear diary"))
        .await
        .expect("Alice may update");
    assert_eq!(edited.title, "Dear diary");
    let counted = Doc::increment(alice, mine.id.as_str(), Doc::columns().edits)
        .await
        .expect("Alice may increment");
    assert_eq!(counted.edits, 1);

    // Nothing Bob tried changed the row.
    let now = Doc::get(&w.admin, mine.id.as_str()).await.expect("read");
    assert_eq!(
        now.data,
        Doc {
            title: "Dear diary".into(),
            edits: 1
        }
    );

    // A user may only grant roles they hold: Alice is not in `editors`.
    unauthorized(
        Doc::create(alice, &doc("shared?"))
            .permissions(Permissions::team_only("editors"))
            .await,
    );

    Doc::delete(alice, mine.id.as_str())
        .await
        .expect("Alice may delete");
    hidden(Doc::get(&w.admin, mine.id.as_str()).await);
    w.backend.shutdown().await;
}

#[tokio::test]
async fn a_row_anyone_reads_and_a_team_writes() {
    let w = world().await;
    let page = Doc::create(&w.admin, &doc("Team page"))
        .permissions(Permissions::public_read_team_write("editors"))
        .await
        .expect("created with the key");

    // Everyone reads it, guests included.
    for reader in [&w.alice, &w.bob, &w.carol, &w.guest] {
        assert_eq!(
            Doc::get(reader, page.id.as_str())
                .await
                .expect("readable by anyone")
                .title,
            "Team page"
        );
    }

    // Bob is in the team: he may update it.
    let updated = Doc::update(
        &w.bob,
        page.id.as_str(),
        Doc::patch().title("Edited by Bob"),
    )
    .await
    .expect("a member may update");
    assert_eq!(updated.title, "Edited by Bob");

    // Alice is not: she may not update or delete it.
    unauthorized(Doc::update(&w.alice, page.id.as_str(), Doc::patch().title("Alice")).await);
    unauthorized(Doc::delete(&w.alice, page.id.as_str()).await);
    unauthorized(Doc::delete(&w.guest, page.id.as_str()).await);
    assert_eq!(
        Doc::get(&w.admin, page.id.as_str())
            .await
            .expect("read")
            .title,
        "Edited by Bob"
    );

    // Bob may delete it too.
    Doc::delete(&w.bob, page.id.as_str())
        .await
        .expect("a member may delete");
    w.backend.shutdown().await;
}

#[tokio::test]
async fn a_table_permission_through_a_typed_label_role() {
    let w = world().await;
    let Backend::Emulator(e) = &w.backend else {
        unreachable!("the emulator")
    };
    let private = Doc::create(&w.alice, &doc("private"))
        .permissions(Permissions::private_to("alice"))
        .await
        .expect("created");
    hidden(Doc::get(&w.carol, private.id.as_str()).await);

    // `read(label("staff"))` on the table lets staff read every row.
    let accounts = Accounts {
        http: reqwest::Client::new(),
        endpoint: e.endpoint(),
        project: e.project(),
        key: e.key(),
    };
    accounts.label("carol", &["staff"]).await;
    assert_eq!(
        Doc::get(&w.carol, private.id.as_str())
            .await
            .expect("staff read")
            .title,
        "private"
    );
    // It grants reading only.
    unauthorized(Doc::delete(&w.carol, private.id.as_str()).await);
    w.backend.shutdown().await;
}

#[tokio::test]
async fn transactions_run_as_the_user() {
    let w = world().await;
    let theirs = Doc::create(&w.alice, &doc("Alice's"))
        .permissions(Permissions::private_to("alice"))
        .await
        .expect("created");

    // Bob's transaction cannot change Alice's row: refused when staged or at commit, and
    // nothing is applied.
    let id = theirs.id.clone();
    let result = w
        .bob
        .transaction(|tx| async move {
            Doc::update(&tx, id.as_str(), Doc::patch().title("Bob's now")).await?;
            Ok::<_, lazy_appwrite::Error>(())
        })
        .await;
    let err = result.expect_err("Bob may not update Alice's row");
    assert!(matches!(err.status(), Some(401 | 404)), "{err:?}");
    assert_eq!(
        Doc::get(&w.admin, theirs.id.as_str())
            .await
            .expect("read")
            .title,
        "Alice's"
    );

    // His own rows are his, committed as him.
    let mine = w
        .bob
        .transaction(|tx| async move {
            let id = Doc::create(&tx, &doc("Bob's"))
                .permissions(Permissions::private_to("bob"))
                .await?;
            assert_eq!(Doc::get(&tx, &id).await?.title, "Bob's");
            Ok::<_, lazy_appwrite::Error>(id)
        })
        .await
        .expect("committed as Bob");
    assert_eq!(
        Doc::get(&w.bob, mine.as_str()).await.expect("read").title,
        "Bob's"
    );
    hidden(Doc::get(&w.alice, mine.as_str()).await);
    w.backend.shutdown().await;
}

#[tokio::test]
async fn typed_table_roles_are_stored_exactly() {
    let w = world().await;
    w.admin.sync::<Board>().await.expect("synced");
    w.admin.sync::<Doc>().await.expect("synced");

    let expected = [
        r#"read("any")"#,
        r#"read("users/verified")"#,
        r#"read("member:m1")"#,
        r#"read("guests")"#,
        r#"read("users/unverified")"#,
        r#"create("users")"#,
        r#"create("user:u1")"#,
        r#"update("user:u1")"#,
        r#"delete("user:u1")"#,
        r#"create("team:t1/owner")"#,
        r#"update("team:t1/owner")"#,
        r#"delete("team:t1/owner")"#,
        r#"delete("label:vip")"#,
        r#"delete("user:u2/verified")"#,
        r#"delete("user:u3/unverified")"#,
        r#"update("team:t2/editor")"#,
        r#"update("team:t3")"#,
        r#"update("team:t4")"#,
    ];
    assert_eq!(Board::SCHEMA.permissions, expected);
    let on_server = |permissions: &[Permission]| -> BTreeSet<String> {
        permissions.iter().map(|p| p.as_str().to_owned()).collect()
    };
    let board = w.admin.tables("main").get("board").await.expect("read");
    assert_eq!(
        on_server(&board.permissions),
        expected
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    );

    let docs = w.admin.tables("main").get("docs").await.expect("read");
    assert!(docs.row_security);
    let want: Permissions = [
        Permission::create(Role::users()),
        Permission::read(Role::label("staff")),
        Permission::update(Role::team_role("admins", "owner")),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        on_server(&docs.permissions),
        want.to_strings().into_iter().collect::<BTreeSet<_>>()
    );
    // In sync: nothing left to change.
    assert!(w.admin.plan::<Board>().await.expect("planned").is_empty());
    w.backend.shutdown().await;
}
