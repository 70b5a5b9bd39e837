//! A private emulator per test, in one line.

use std::time::Duration;

use crate::Emulator;
use crate::config::EmulatorBuilder;
use crate::handle::EmulatorHandle;

impl Emulator {
    /// The settings of [`Emulator::for_test`]: project `test`, key `test-key`, in-memory
    /// storage, a free port on 127.0.0.1, columns and indexes available at once, and no
    /// rate limits. Change anything before starting it.
    ///
    /// ```
    /// use lazy_appwrite_emulator::{AppwriteVersion, Emulator};
    /// let builder = Emulator::test_builder().appwrite_version(AppwriteVersion::V1_8_1);
    /// assert_eq!(builder.config().project, "test");
    /// assert!(!builder.config().rate_limits);
    /// ```
    pub fn test_builder() -> EmulatorBuilder {
        Emulator::builder()
            .project("test")
            .key("test-key")
            .processing_delay(Duration::ZERO)
            .rate_limits(false)
    }

    /// Starts a private emulator for one test, with the settings of
    /// [`Emulator::test_builder`]. Build a client from its
    /// [`endpoint`](EmulatorHandle::endpoint), [`project`](EmulatorHandle::project) and
    /// [`key`](EmulatorHandle::key); it stops when the handle is dropped. Call it inside a
    /// Tokio runtime (e.g. in a `#[tokio::test]`).
    ///
    /// # Panics
    ///
    /// When the emulator cannot start (no free port): a test cannot go on without it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let emu = lazy_appwrite_emulator::Emulator::for_test().await;
    /// assert!(emu.endpoint().starts_with("http://127.0.0.1:"));
    /// assert_eq!((emu.project(), emu.key()), ("test", "test-key"));
    /// # }
    /// ```
    pub async fn for_test() -> EmulatorHandle {
        match Self::test_builder().start().await {
            Ok(handle) => handle,
            Err(error) => panic!("the test emulator could not start: {error}"),
        }
    }
}
