//! `pull`: the models it writes compile, and syncing them back to the server they came
//! from plans no change.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::support::{SHOP, Server, scratch};

/// Keys and IDs that are not Rust identifiers: a leading digit, a keyword, a collision
/// after snake-casing, a dot, enum elements with spaces.
const ODD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/it/fixtures/odd_names.json"
);

/// The workspace's root (this crate's parent).
fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
}

/// A crate with the pulled models (a module each) and a program that plans every model
/// against the server and prints how many changes that would make.
fn write_crate(dir: &Path, modules: &[(&str, &str)]) {
    let mut structs: Vec<String> = Vec::new();
    for (module, models) in modules {
        let found: Vec<String> = models
            .lines()
            .filter_map(|l| l.strip_prefix("pub struct "))
            .filter_map(|l| l.split_whitespace().next())
            .map(|s| format!("{module}::{s}"))
            .collect();
        assert!(!found.is_empty(), "no models in:\n{models}");
        structs.extend(found);
    }
    let lazy = workspace().join("lazy-appwrite");
    let manifest = format!(
        "[package]\nname = \"pulled-models\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nlazy-appwrite = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
         tokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n\n[workspace]\n",
        lazy.display().to_string()
    );
    let plans: String = structs
        .iter()
        .map(|s| {
            format!(
                "    let plan = client.plan::<{s}>().await?;\n    \
                 if !plan.is_empty() {{ print!(\"{{plan}}\"); changes += 1; }}\n"
            )
        })
        .collect();
    let main = format!(
        "//! Plans every pulled model against the server named by the arguments.\n\n\
         {}\n\
         #[tokio::main(flavor = \"current_thread\")]\n\
         async fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    \
         let args: Vec<String> = std::env::args().skip(1).collect();\n    \
         let client = lazy_appwrite::Client::builder().endpoint(&args[0]).project(&args[1]).api_key(&args[2]).build()?;\n    \
         let mut changes = 0;\n{plans}    println!(\"{{changes}} model(s) with changes\");\n    Ok(())\n}}\n",
        modules
            .iter()
            .map(|(m, _)| format!("mod {m};\n"))
            .collect::<String>()
    );
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    for (module, models) in modules {
        std::fs::write(dir.join(format!("src/{module}.rs")), models).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulled_models_compile_and_plan_no_change() {
    let server = Server::start().await;
    server.ok(&["sync", SHOP]).await;
    server.ok(&["sync", ODD]).await;
    let dir = scratch("pull-crate");
    let models = server.ok(&["pull", "--database", "shop"]).await;
    for expected in [
        "pub struct Books {",
        "pub r#type: Option<String>",
        "pub books: Option<Vec<lazy_appwrite::Ref<Books>>>",
        // Bounds past f64's exact integers (2^53 + 1) are written as they are.
        "bigint(min = 9007199254740993, max = 9223372036854775806)",
        "default = 9007199254740995",
        // Geometry defaults, as coordinate lists.
        "#[column(point, default = [2.35, 48.85])]",
        "#[column(line, default = [[0.0, 0.0], [1.0, 1.0]])]",
        "default = [[[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]]]",
        "#[column(bigint)]\n    pub isbn13: Option<i64>,",
    ] {
        assert!(
            models.contains(expected),
            "`{expected}` missing from:\n{models}"
        );
    }
    let odd = server.ok(&["pull", "--database", "odd"]).await;
    for expected in [
        "pub struct T2faCodes {",
        "#[serde(rename = \"2fa\")]",
        "pub n2fa: bool,",
        "#[serde(rename = \"firstName\")]",
        "pub first_name: Option<String>,",
        "#[serde(rename = \"first_name\")]",
        "pub first_name_2: Option<String>,",
        "pub self_: Option<i64>,",
        "pub a_b: Option<f64>,",
        "pub r#fn: Option<Vec<T2faCodesFn>>,",
        "#[enum_value = \"in progress\"]",
        "pub r#match: Option<lazy_appwrite::Timestamp>,",
        "pub struct Self_ {",
        "pub owner: Option<lazy_appwrite::Ref<Self_>>,",
    ] {
        assert!(odd.contains(expected), "`{expected}` missing from:\n{odd}");
    }
    write_crate(&dir, &[("shop", &models), ("odd", &odd)]);
    let models_path = dir.join("src/shop.rs");
    let dir_of_models = dir.join("src");

    // A target directory of its own under ours, as trybuild keeps one: sharing ours would
    // rebuild the workspace's dependencies each time (the pulled crate resolves other
    // features), and a later run finds everything built.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pulled-target");
    let args = [
        server.emulator.endpoint().to_owned(),
        server.emulator.project().to_owned(),
        server.emulator.key().to_owned(),
    ];
    let started = Instant::now();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--offline", "--"])
            .args(args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS")
            .output()
    })
    .await
    .unwrap()
    .expect("cargo runs");
    eprintln!("pulled crate built and ran in {:?}", started.elapsed());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout, "0 model(s) with changes\n", "{stderr}");
    assert!(
        !stderr.contains("warning"),
        "the models compile without warnings:\n{stderr}"
    );

    // rustfmt leaves the models as they are (where the toolchain has it).
    if let Ok(check) = Command::new("rustfmt")
        .args(["--check", "--edition", "2024"])
        .arg(models_path)
        .arg(dir_of_models.join("odd.rs"))
        .output()
    {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
}

#[tokio::test]
async fn pull_from_a_file_matches_pull_from_the_server_it_was_exported_from() {
    let server = Server::start().await;
    server.ok(&["sync", SHOP]).await;
    let dir = scratch("pull-file");
    let file = dir.join("appwrite.json");
    server
        .ok(&["export", "--out", file.to_str().unwrap()])
        .await;
    let from_server = server.ok(&["pull", "--database", "shop"]).await;
    let from_file = server.ok(&["pull", "--from", file.to_str().unwrap()]).await;
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&from_server), body(&from_file));
}

#[tokio::test]
async fn pull_without_a_database_is_a_usage_error() {
    let server = Server::start().await;
    let failure = server.run(&["pull"]).await.unwrap_err();
    assert_eq!(failure.code, 2);
    assert_eq!(
        failure.message,
        "pull needs --database (or --from with an appwrite.json)"
    );
}
