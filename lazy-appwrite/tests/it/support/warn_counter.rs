//! Records tracing events for the tests that count warnings or look for secrets in logs.
//!
//! One global subscriber records every event with the thread that emitted it; a
//! [`WarnCounter`] reads the events of its own test's thread (a `#[tokio::test]` runs its
//! tasks on that thread) since it was made. A global subscriber, rather than one
//! `set_default` per test, avoids tracing's interest-cache races between tests that run in
//! parallel threads, which made warnings go missing now and then.

use std::sync::{Mutex, Once};
use std::thread::ThreadId;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

static EVENTS: Mutex<Vec<(ThreadId, Level, String)>> = Mutex::new(Vec::new());
static INSTALL: Once = Once::new();

/// The events of one test's thread, from the moment it was made.
#[derive(Clone)]
pub struct WarnCounter {
    thread: ThreadId,
    start: usize,
}

impl Default for WarnCounter {
    fn default() -> Self {
        INSTALL.call_once(|| {
            let _ = tracing::subscriber::set_global_default(Recorder);
        });
        let start = EVENTS.lock().map(|e| e.len()).unwrap_or(0);
        Self {
            thread: std::thread::current().id(),
            start,
        }
    }
}

impl WarnCounter {
    fn mine(&self) -> Vec<(Level, String)> {
        EVENTS
            .lock()
            .map(|e| {
                e.iter()
                    .skip(self.start)
                    .filter(|(t, _, _)| *t == self.thread)
                    .map(|(_, l, s)| (*l, s.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How many WARN events were recorded.
    pub fn warnings(&self) -> usize {
        self.mine()
            .iter()
            .filter(|(l, _)| *l == Level::WARN)
            .count()
    }

    /// Every event, as text.
    pub fn all_text(&self) -> String {
        self.mine()
            .iter()
            .map(|(l, t)| format!("{l} {t}\n"))
            .collect()
    }
}

struct Text(String);

impl Visit for Text {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={:?} ", field.name(), value));
    }
}

/// The global subscriber: records every event with its thread.
struct Recorder;

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut text = Text(String::new());
        event.record(&mut text);
        if let Ok(mut e) = EVENTS.lock() {
            e.push((
                std::thread::current().id(),
                *event.metadata().level(),
                text.0,
            ));
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}
