//! The real binary lists its commands.

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
