//! Work on several threads, results in input order, memory bounded.
//!
//! Export is bound by parsing (about 15 MB/s per core), so inputs are parsed on every
//! core while one thread writes. Results are handed on in input order, so an export is the
//! same whatever the number of threads; a worker does not start an input more than
//! [`WINDOW_PER_THREAD`] × threads ahead of the one being written, so a slow document
//! never lets finished ones pile up without bound.
//!
//! ```
//! let inputs: Vec<u32> = (0..100).collect();
//! let mut seen = Vec::new();
//! zhengce::export::parallel::ordered(&inputs, 2, |n| n * 2, |doubled| {
//!     seen.push(doubled);
//!     Ok::<(), ()>(())
//! })
//! .unwrap();
//! assert_eq!(seen, (0..100).map(|n| n * 2).collect::<Vec<_>>());
//! ```

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// How many inputs per thread may be started beyond the one being written.
pub const WINDOW_PER_THREAD: usize = 4;

/// Runs `work` on every input on `threads` threads and hands the results to `consume`
/// in input order, on the calling thread. Stops at the first error of `consume`.
pub fn ordered<T, R, E>(
    inputs: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let threads = threads.max(1);
    if threads == 1 {
        return inputs.iter().try_for_each(|input| consume(work(input)));
    }
    let window = threads * WINDOW_PER_THREAD;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results have been consumed, to hold workers within the window.
    let written = Mutex::new(0usize);
    let moved = Condvar::new();
    let (sender, receiver) = mpsc::sync_channel::<(usize, R)>(window);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (work, next, stop, written, moved) = (&work, &next, &stop, &written, &moved);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= inputs.len() {
                    break;
                }
                {
                    let mut done = written.lock().unwrap_or_else(|p| p.into_inner());
                    while i >= *done + window && !stop.load(Ordering::Relaxed) {
                        done = moved.wait(done).unwrap_or_else(|p| p.into_inner());
                    }
                }
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                if sender.send((i, work(&inputs[i]))).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        let mut result = Ok(());
        'receive: for (i, r) in receiver.iter() {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                if let Err(e) = consume(r) {
                    result = Err(e);
                    break 'receive;
                }
                want += 1;
                *written.lock().unwrap_or_else(|p| p.into_inner()) = want;
                moved.notify_all();
            }
        }
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
            // Hold the lock while waking, so no worker misses the stop between its check
            // and its wait.
            let _guard = written.lock().unwrap_or_else(|p| p.into_inner());
            moved.notify_all();
        }
        // Dropping the receiver ends workers blocked in `send`.
        drop(receiver);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_time_each_takes() {
        let inputs: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        ordered(
            &inputs,
            3,
            |&n| {
                // Early inputs are the slowest.
                std::thread::sleep(std::time::Duration::from_micros((200 - n) * 20));
                n
            },
            |n| {
                seen.push(n);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, inputs);
    }

    #[test]
    fn an_error_of_the_consumer_stops_the_workers() {
        let inputs: Vec<u32> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let result = ordered(
            &inputs,
            2,
            |&n| {
                started.fetch_add(1, Ordering::Relaxed);
                n
            },
            |n| if n == 10 { Err(n) } else { Ok(()) },
        );
        assert_eq!(result, Err(10));
        // Nothing far beyond the window was started.
        assert!(started.load(Ordering::Relaxed) < 10 + 2 * 2 * WINDOW_PER_THREAD + 4);
    }
}
