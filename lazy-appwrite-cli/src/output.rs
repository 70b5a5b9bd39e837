//! Where a command writes: its output stream, colored when that is a terminal, and
//! progress bars on standard error when that is one.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressStyle};

use crate::error::Result;

/// How output looks.
///
/// ```
/// let ui = lazy_appwrite_cli::Ui::plain();
/// assert!(!ui.color && !ui.progress);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ui {
    /// Color the output (ANSI).
    pub color: bool,
    /// Draw progress bars on standard error.
    pub progress: bool,
}

impl Ui {
    /// No color, no progress bars (output to a file or a test).
    pub fn plain() -> Self {
        Self::default()
    }

    /// Color when standard output is a terminal and `NO_COLOR` is not set; progress bars
    /// when standard error is a terminal.
    pub fn detect() -> Self {
        use std::io::IsTerminal;
        Self {
            color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            progress: std::io::stderr().is_terminal(),
        }
    }
}

/// A command's output stream.
pub(crate) struct Output<'a> {
    out: &'a mut dyn Write,
    ui: Ui,
}

/// The styles of the output.
pub(crate) const HEADING: Style = Style::new().bold();
pub(crate) const ADDED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
pub(crate) const REMOVED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
pub(crate) const NOTE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));

impl<'a> Output<'a> {
    pub(crate) fn new(out: &'a mut dyn Write, ui: Ui) -> Self {
        Self { out, ui }
    }

    /// One line in `style` (plain without color).
    pub(crate) fn styled(&mut self, style: Style, line: &str) -> Result<()> {
        if self.ui.color {
            writeln!(self.out, "{style}{line}{style:#}")?;
        } else {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    /// One plain line.
    pub(crate) fn line(&mut self, line: &str) -> Result<()> {
        writeln!(self.out, "{line}")?;
        Ok(())
    }

    /// Text as it is.
    pub(crate) fn raw(&mut self, text: &str) -> Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.flush()?;
        Ok(())
    }

    /// A progress bar of `len` steps (hidden unless the UI draws them).
    pub(crate) fn bar(&self, len: u64, what: &str) -> ProgressBar {
        if !self.ui.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(len);
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} {per_sec} {eta}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_owned());
        bar
    }
}
