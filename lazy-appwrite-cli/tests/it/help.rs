//! The real binary: `--help` lists the commands, a missing key is a usage error, `serve`
//! runs the emulator.

use std::process::Command;

#[test]
fn help_lists_every_command() {
    let output = Command::new(env!("CARGO_BIN_EXE_lazy-appwrite"))
        .arg("--help")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    for command in [
        "pull", "plan", "sync", "export", "import", "backup", "restore", "serve",
    ] {
        assert!(
            text.lines().any(|l| l.trim_start().starts_with(command)),
            "`{command}` missing from:\n{text}"
        );
    }
}

#[test]
fn restore_help_says_what_a_restore_keeps() {
    let output = Command::new(env!("CARGO_BIN_EXE_lazy-appwrite"))
        .args(["restore", "--help"])
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    for kept in ["$createdAt and $updatedAt", "$sequence is not kept"] {
        assert!(text.contains(kept), "`{kept}` missing from:\n{text}");
    }
}

#[test]
fn a_missing_key_is_a_usage_error_that_names_the_variable() {
    let output = Command::new(env!("CARGO_BIN_EXE_lazy-appwrite"))
        .args([
            "export",
            "--endpoint",
            "http://127.0.0.1:9/v1",
            "--project",
            "p",
        ])
        .env_remove("APPWRITE_API_KEY")
        .current_dir(env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(text.contains("APPWRITE_API_KEY"), "{text}");
}

#[tokio::test]
async fn serve_runs_the_emulator_in_the_profile_asked_for() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let mut child = Command::new(env!("CARGO_BIN_EXE_lazy-appwrite"))
        .args([
            "serve",
            "--port",
            "0",
            "--appwrite",
            "1.8.1",
            "--key",
            "k",
            "--project",
            "p",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stdout = child.stdout.take().expect("its output");
    let mut lines = BufReader::new(stdout).lines();
    let mut endpoint = None;
    for line in lines.by_ref() {
        let line = line.expect("a line");
        if let Some(found) = line.trim().strip_prefix("endpoint:") {
            endpoint = Some(found.trim().to_owned());
        }
        if line.starts_with("Press Ctrl-C") {
            break;
        }
    }
    let endpoint = endpoint.expect("the endpoint is printed");
    let client = lazy_appwrite::Client::builder()
        .endpoint(endpoint)
        .project("p")
        .api_key("k")
        .build()
        .expect("a client");
    let version = client.server_version().await;
    child.kill().expect("the emulator stops");
    let _ = child.wait();
    assert_eq!(
        version.expect("the server answers").to_string(),
        "Appwrite 1.8.1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_reads_a_dotenv_and_never_prints_the_key() {
    let server = crate::support::Server::start().await;
    server.ok(&["sync", crate::support::SHOP]).await;
    let dir = crate::support::scratch("dotenv");
    let run = |key: &str| {
        let env = format!(
            "# the emulator\nAPPWRITE_ENDPOINT={}\nexport APPWRITE_PROJECT=\"{}\"\nAPPWRITE_API_KEY='{key}'\n",
            server.emulator.endpoint(),
            server.emulator.project(),
        );
        std::fs::write(dir.join(".env"), env).unwrap();
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_lazy-appwrite"))
                .args(["export", "--out", "-"])
                .env_remove("APPWRITE_ENDPOINT")
                .env_remove("APPWRITE_PROJECT")
                .env_remove("APPWRITE_API_KEY")
                .current_dir(dir)
                .output()
                .expect("the binary runs")
        })
    };
    let output = run(server.emulator.key()).await.unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("\"tablesDB\""), "{stdout}");
    assert!(!stdout.contains(server.emulator.key()));

    let wrong = "not-the-key-4f9a";
    let output = run(wrong).await.unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        !stderr.contains(wrong) && !String::from_utf8_lossy(&output.stdout).contains(wrong),
        "{stderr}"
    );
}
