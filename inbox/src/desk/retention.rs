//! Automatic erasure: with `retention_days` set, leads received more than that many days ago
//! are erased (the same erasure as the desk's button) at start-up and then every hour, and
//! the audit log and the server's log say how many.

use std::time::Duration;

use tokio::task::JoinHandle;

use std::sync::Arc;

use crate::clinic::Clinics;
use crate::clock::{rfc3339_ms, Clock, SharedClock};
use crate::store::{Erased, LeadStore, StoreError, DEFAULT_CLINIC};

/// How often the retention sweep runs.
pub const SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Erases the default clinic's leads received more than `days` days before the clock's now.
pub async fn sweep(store: &LeadStore, days: u32, clock: &dyn Clock) -> Result<Erased, StoreError> {
    sweep_clinic(store, DEFAULT_CLINIC, days, clock).await
}

/// Erases `clinic`'s leads received more than `days` days before the clock's now.
pub async fn sweep_clinic(
    store: &LeadStore,
    clinic: &str,
    days: u32,
    clock: &dyn Clock,
) -> Result<Erased, StoreError> {
    let cutoff = rfc3339_ms((clock.now_ms() - i64::from(days) * 86_400_000).max(0));
    let erased = store
        .erase_received_before(
            clinic.to_string(),
            cutoff.clone(),
            format!("retention_days = {days}, received before {cutoff}"),
            clock.now_rfc3339(),
        )
        .await?;
    if erased.leads > 0 {
        eprintln!(
            "smp-inbox: retention: erased {} leads of clinic {clinic} received before {cutoff} \
             (retention_days = {days})",
            erased.leads
        );
    }
    Ok(erased)
}

/// Runs the sweep of every clinic that keeps leads for a limited time (the default clinic
/// for `default_days`, the others for their own `retention_days`) now and every
/// [`SWEEP_EVERY`].
pub fn spawn(
    store: LeadStore,
    clinics: Arc<Clinics>,
    default_days: Option<u32>,
    clock: SharedClock,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let mut due: Vec<(String, u32)> = Vec::new();
            if let Some(days) = default_days {
                due.push((DEFAULT_CLINIC.to_string(), days));
            }
            match clinics.all().await {
                Ok(all) => due.extend(
                    all.iter()
                        .filter(|c| c.id != DEFAULT_CLINIC)
                        .filter_map(|c| c.retention_days.map(|d| (c.id.clone(), d))),
                ),
                Err(err) => eprintln!("smp-inbox: retention: could not read the clinics: {err}"),
            }
            for (clinic, days) in due {
                if let Err(err) = sweep_clinic(&store, &clinic, days, &*clock).await {
                    eprintln!(
                        "smp-inbox: retention sweep of clinic {clinic} failed (tried again in \
                         an hour): {err}"
                    );
                }
            }
            tokio::time::sleep(SWEEP_EVERY).await;
        }
    })
}
