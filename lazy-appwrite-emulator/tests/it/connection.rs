//! What only a real connection shows: the emulator keeps HTTP/1.1 connections alive, and
//! answers on them without the ~40 ms stall of Nagle's algorithm meeting the client's
//! delayed ACK (the listener sets `TCP_NODELAY`). The stall shows when a second small
//! answer follows one the client has not acknowledged yet, as with two pipelined requests:
//! without `TCP_NODELAY` this test takes ~40 ms per pair and fails. These are the socket
//! tests; the other modules call the router in-process.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::Api;
use serde_json::json;

/// Pairs of pipelined requests sent one pair after the other on one connection.
const PAIRS: u32 = 20;
/// A stalled pair takes ~40 ms; half of that on average means no stall.
const MOST_PER_PAIR: Duration = Duration::from_millis(20);

/// Reads one HTTP/1.1 answer (status line, headers, `Content-Length` body) off the stream
/// and returns its status and body.
fn read_answer(reader: &mut BufReader<TcpStream>) -> (u16, Vec<u8>) {
    let mut line = String::new();
    reader.read_line(&mut line).expect("a status line");
    let status = line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP/1.1 status line: {line:?}"));
    let mut length = None;
    loop {
        line.clear();
        reader.read_line(&mut line).expect("a header line");
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    reader.read_exact(&mut body).expect("the whole body");
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeps_connections_alive_and_answers_without_nagle_stalls() {
    let api = Api::start_on_socket().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_status(201);
    let host = api
        .endpoint()
        .trim_start_matches("http://")
        .trim_end_matches("/v1")
        .to_string();
    let request = format!(
        "GET /v1/tablesdb/db/tables/t/rows/r1 HTTP/1.1\r\nHost: {host}\r\n\
         X-Appwrite-Project: test\r\nX-Appwrite-Key: test-key\r\n\r\n"
    );
    let pair = request.repeat(2);
    let elapsed = tokio::task::spawn_blocking(move || {
        let stream = TcpStream::connect(&host).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("a read timeout");
        let mut writer = stream.try_clone().expect("a second handle");
        let mut reader = BufReader::new(stream);
        let started = Instant::now();
        for i in 0..PAIRS {
            // A closed connection fails the write or a read: keep-alive is checked here.
            writer.write_all(pair.as_bytes()).expect("requests written");
            for answer in 0..2 {
                let (status, body) = read_answer(&mut reader);
                assert_eq!(status, 200, "pair {i}, answer {answer}");
                let row: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
                assert_eq!(row["$id"], "r1", "pair {i}, answer {answer}");
            }
        }
        started.elapsed()
    })
    .await
    .expect("socket task");
    assert!(
        elapsed < MOST_PER_PAIR * PAIRS,
        "{PAIRS} pipelined pairs on one connection took {elapsed:?}"
    );
}
