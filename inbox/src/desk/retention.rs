//! Automatic erasure: with `retention_days` set, leads received more than that many days ago
//! are erased (the same erasure as the desk's button) at start-up and then every hour, and
//! the audit log and the server's log say how many.

use std::time::Duration;

use tokio::task::JoinHandle;

use crate::clock::{rfc3339_ms, Clock, SharedClock};
use crate::store::{Erased, LeadStore, StoreError};

/// How often the retention sweep runs.
pub const SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Erases the leads received more than `days` days before the clock's now.
pub async fn sweep(store: &LeadStore, days: u32, clock: &dyn Clock) -> Result<Erased, StoreError> {
    let cutoff = rfc3339_ms((clock.now_ms() - i64::from(days) * 86_400_000).max(0));
    let erased = store
        .erase_received_before(
            cutoff.clone(),
            format!("retention_days = {days}, received before {cutoff}"),
            clock.now_rfc3339(),
        )
        .await?;
    if erased.leads > 0 {
        eprintln!(
            "smp-inbox: retention: erased {} leads received before {cutoff} (retention_days = {days})",
            erased.leads
        );
    }
    Ok(erased)
}

/// Runs [`sweep`] now and every [`SWEEP_EVERY`].
pub fn spawn(store: LeadStore, days: u32, clock: SharedClock) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(err) = sweep(&store, days, &*clock).await {
                eprintln!("smp-inbox: retention sweep failed (tried again in an hour): {err}");
            }
            tokio::time::sleep(SWEEP_EVERY).await;
        }
    })
}
