//! A minimal tracing subscriber that records every event (level and fields as text).

use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

#[derive(Clone, Default)]
pub struct WarnCounter {
    events: Arc<Mutex<Vec<(Level, String)>>>,
}

impl WarnCounter {
    /// How many WARN events were recorded.
    pub fn warnings(&self) -> usize {
        self.events
            .lock()
            .map(|e| e.iter().filter(|(l, _)| *l == Level::WARN).count())
            .unwrap_or(0)
    }

    /// Every event, as text.
    pub fn all_text(&self) -> String {
        self.events
            .lock()
            .map(|e| e.iter().map(|(l, t)| format!("{l} {t}\n")).collect())
            .unwrap_or_default()
    }
}

struct Text(String);

impl Visit for Text {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={:?} ", field.name(), value));
    }
}

impl Subscriber for WarnCounter {
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
        if let Ok(mut e) = self.events.lock() {
            e.push((*event.metadata().level(), text.0));
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}
