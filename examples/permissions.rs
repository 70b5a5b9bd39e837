//! Permissions: rows private to their creator, rows anyone reads and a team edits, and
//! typed roles in the table attribute; each call made as a user through a JWT.
//!
//! The program acts as two users, Alice and Bob (a member of team `editors`), through
//! `client.as_jwt(token)`: their calls carry the user's JWT and are subject to the
//! permissions, while the lazy table sync behind them still uses the API key. The users,
//! the team and the JWTs are made with the server's Users and Teams APIs, over plain HTTP
//! (a backend would get the JWT from its logged-in user instead).
//!
//! Without `APPWRITE_ENDPOINT` it starts the embedded Appwrite emulator; with
//! `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` (a key with the
//! databases, tables, rows, users and teams scopes) it uses that server, in database
//! `lazy-appwrite-permissions`, and deletes the rows, users and team it made.
//!
//! Run it with `cargo run --example permissions`.

mod support;

use std::error::Error;

use lazy_appwrite::{Model, Permissions, Table};
use lazy_appwrite_emulator::EmulatorHandle;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

const DATABASE: &str = "lazy-appwrite-permissions";

/// A note. Table permissions, written with typed roles: logged-in users may create notes,
/// and the owners of team `editors` may read every note. Row security is on, so each note
/// also says who may read and change it.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(
    id = "notes",
    row_security,
    permissions(create(users), read(team("editors", "owner")))
)]
struct Note {
    #[column(size = 256)]
    text: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (admin, emulator) = support::connect(DATABASE).await?;
    let server = Server::of(emulator.as_ref())?;
    let suffix = lazy_appwrite::ID::unique();
    let (alice_id, bob_id, team_id) = (
        format!("alice-{}", &suffix[..8]),
        format!("bob-{}", &suffix[..8]),
        format!("editors-{}", &suffix[..8]),
    );

    // Two users, a team with Bob in it, and a JWT for each user.
    let alice_jwt = server.user(&alice_id).await?;
    let bob_jwt = server.user(&bob_id).await?;
    server.team(&team_id, &bob_id).await?;
    let alice = admin.as_jwt(&alice_jwt)?;
    let bob = admin.as_jwt(&bob_jwt)?;

    // What the typed roles of the attribute became on the server.
    admin.sync::<Note>().await?;
    let table = admin.tables(DATABASE).get("notes").await?;
    let stored: Vec<&str> = table.permissions.iter().map(|p| p.as_str()).collect();
    println!("table permissions on the server: {stored:?}");

    // A note private to Alice.
    let diary = Note::create(
        &alice,
        &Note {
            text: "Alice's diary".into(),
        },
    )
    .permissions(Permissions::private_to(&alice_id))
    .await?;
    println!(
        "Alice created {:?} with {:?}",
        diary.text,
        Permissions::private_to(&alice_id).to_strings()
    );
    match Note::get(&bob, &diary.id).await {
        Err(e) => println!("Bob cannot read it: {e}"),
        Ok(_) => return Err("Bob should not see Alice's note".into()),
    }
    match Note::update(&bob, &diary.id, Note::patch().text("Bob was here")).await {
        Err(e) => println!("Bob cannot change it: {e}"),
        Ok(_) => return Err("Bob should not change Alice's note".into()),
    }
    let read = Note::get(&alice, &diary.id).await?;
    println!("Alice reads it: {:?}", read.text);

    // A note anyone may read and the team may change (made with the key, which may grant
    // any role).
    let page = Note::create(
        &admin,
        &Note {
            text: "Team page".into(),
        },
    )
    .permissions(Permissions::public_read_team_write(&team_id))
    .await?;
    let edited = Note::update(
        &bob,
        &page.id,
        Note::patch().text("Team page, edited by Bob"),
    )
    .await?;
    println!("Bob (in the team) edited the page: {:?}", edited.text);
    match Note::update(&alice, &page.id, Note::patch().text("Alice's edit")).await {
        Err(e) => println!("Alice (not in the team) cannot: {e}"),
        Ok(_) => return Err("Alice should not change the team page".into()),
    }
    println!(
        "Alice can still read it: {:?}",
        Note::get(&alice, &page.id).await?.text
    );

    // Clean up.
    Note::delete(&alice, &diary.id).await?;
    Note::delete(&bob, &page.id).await?;
    server.delete(&format!("/teams/{team_id}")).await?;
    server.delete(&format!("/users/{alice_id}")).await?;
    server.delete(&format!("/users/{bob_id}")).await?;
    support::finish(emulator).await;
    Ok(())
}

/// The server's Users and Teams APIs, called with the API key over plain HTTP.
struct Server {
    http: reqwest::Client,
    endpoint: String,
    project: String,
    key: String,
}

impl Server {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Value,
    ) -> Result<Value, Box<dyn Error>> {
        let response = self
            .http
            .request(method, format!("{}{path}", self.endpoint))
            .header("x-appwrite-project", &self.project)
            .header("x-appwrite-key", &self.key)
            .json(&body)
            .send()
            .await?;
        let status = response.status();
        let text = response.text().await?;
        if !status.is_success() {
            return Err(format!("{path}: {status} {text}").into());
        }
        Ok(if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text)?
        })
    }

    /// Creates a user and returns a JWT acting as them.
    async fn user(&self, id: &str) -> Result<String, Box<dyn Error>> {
        let body = json!({"userId": id, "email": format!("{id}@example.com"), "password": "a-long-password"});
        self.call(reqwest::Method::POST, "/users", body).await?;
        let jwt = self
            .call(
                reqwest::Method::POST,
                &format!("/users/{id}/jwts"),
                json!({}),
            )
            .await?;
        jwt["jwt"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| "no JWT in the answer".into())
    }

    /// Creates a team with one member.
    async fn team(&self, id: &str, member: &str) -> Result<(), Box<dyn Error>> {
        self.call(
            reqwest::Method::POST,
            "/teams",
            json!({"teamId": id, "name": "Editors"}),
        )
        .await?;
        let membership = json!({"userId": member, "roles": [], "url": "http://localhost"});
        self.call(
            reqwest::Method::POST,
            &format!("/teams/{id}/memberships"),
            membership,
        )
        .await?;
        Ok(())
    }

    async fn delete(&self, path: &str) -> Result<(), Box<dyn Error>> {
        self.call(reqwest::Method::DELETE, path, json!({}))
            .await
            .map(|_| ())
    }
}

impl Server {
    /// The embedded emulator's address and key, or the server's from the environment.
    fn of(emulator: Option<&EmulatorHandle>) -> Result<Self, Box<dyn Error>> {
        let (endpoint, project, key) = match emulator {
            Some(e) => (
                e.endpoint().to_owned(),
                e.project().to_owned(),
                e.key().to_owned(),
            ),
            None => {
                let var = |name: &str| {
                    std::env::var(name)
                        .ok()
                        .filter(|v| !v.trim().is_empty())
                        .ok_or_else(|| format!("set {name} too"))
                };
                (
                    var("APPWRITE_ENDPOINT")?,
                    var("APPWRITE_PROJECT")?,
                    var("APPWRITE_API_KEY")?,
                )
            }
        };
        Ok(Self {
            http: reqwest::Client::new(),
            endpoint,
            project,
            key,
        })
    }
}
