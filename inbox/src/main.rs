//! The `smp-inbox` binary: reads the command line, then runs [`smp_inbox::serve`] until
//! Ctrl-C or SIGTERM.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match smp_inbox::Args::parse().into_config() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            return ExitCode::from(2);
        }
    };
    if config.allowed_origins.is_empty() {
        eprintln!(
            "smp-inbox: no --allow-origin given: browsers (which send an Origin header) will \
             get 403; only clients without one, like curl or a server, can post leads"
        );
    }
    if config.admin_token.is_none() {
        eprintln!(
            "smp-inbox: no --admin-token (or SMP_INBOX_ADMIN_TOKEN) set: leads are stored, but \
             reading them (/admin, GET /v1/leads) answers 403"
        );
    }
    if config.ignored_max_attempts {
        eprintln!(
            "smp-inbox: forward_max_attempts is no longer used: a failing forward is retried \
             for forward_lifetime_days (default 14) and then shown in /admin/forwards"
        );
    }
    match smp_inbox::serve(config, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Completes on Ctrl-C or, on Unix, SIGTERM (what `docker stop` and systemd send). If a
/// signal cannot be watched, that branch waits forever instead of stopping the server.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
