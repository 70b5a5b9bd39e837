//! Running a batch of schema requests a few at a time, without spawning tasks.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use crate::error::Result;

/// Runs `jobs`, at most `limit` at a time. After a failure no new job starts; the ones in
/// flight finish, and the first error is returned.
pub(crate) async fn run_bounded<F>(jobs: impl IntoIterator<Item = F>, limit: usize) -> Result<()>
where
    F: Future<Output = Result<()>>,
{
    let mut waiting = jobs.into_iter();
    let mut running: Vec<Pin<Box<F>>> = Vec::new();
    let mut failure = None;
    loop {
        while failure.is_none() && running.len() < limit.max(1) {
            match waiting.next() {
                Some(job) => running.push(Box::pin(job)),
                None => break,
            }
        }
        if running.is_empty() {
            return failure.map_or(Ok(()), Err);
        }
        let finished = std::future::poll_fn(|cx| {
            let mut done = Vec::new();
            for (i, job) in running.iter_mut().enumerate() {
                if let Poll::Ready(result) = job.as_mut().poll(cx) {
                    done.push((i, result));
                }
            }
            if done.is_empty() {
                Poll::Pending
            } else {
                Poll::Ready(done)
            }
        })
        .await;
        for (i, result) in finished.into_iter().rev() {
            drop(running.swap_remove(i));
            if let Err(e) = result {
                failure.get_or_insert(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::error::Error;

    #[tokio::test(flavor = "current_thread")]
    async fn never_more_than_the_limit_and_every_job_runs() {
        let now = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let ran = AtomicUsize::new(0);
        let jobs = (0..10u64).map(|i| {
            let (now, most, ran) = (&now, &most, &ran);
            async move {
                let in_flight = now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(in_flight, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(1 + i % 3)).await;
                now.fetch_sub(1, Ordering::SeqCst);
                ran.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
        });
        run_bounded(jobs, 4).await.unwrap();
        assert_eq!(ran.load(Ordering::SeqCst), 10);
        assert_eq!(most.load(Ordering::SeqCst), 4);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_failure_stops_new_jobs_and_is_returned() {
        let started = AtomicUsize::new(0);
        let jobs = (0..10).map(|i| {
            let started = &started;
            async move {
                started.fetch_add(1, Ordering::SeqCst);
                if i == 1 {
                    return Err(Error::invalid(format!("job {i}")));
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
                Ok(())
            }
        });
        let err = run_bounded(jobs, 2).await.unwrap_err();
        assert_eq!(err.to_string(), "invalid input: job 1");
        assert!(
            started.load(Ordering::SeqCst) < 10,
            "no new job after the failure"
        );
    }
}
