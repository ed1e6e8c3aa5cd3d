//! The `smp-inbox` binary: reads the command line, then runs [`smp_inbox::serve`] until
//! Ctrl-C or SIGTERM.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = smp_inbox::Args::parse();
    let command = args.command.take();
    let config = match args.into_config() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            return ExitCode::from(2);
        }
    };
    match command {
        Some(smp_inbox::config::Command::User(command)) => {
            return manage_users(&config, command).await
        }
        Some(smp_inbox::config::Command::Clinic(command)) => {
            return manage_clinics(&config, command).await
        }
        Some(smp_inbox::config::Command::Migrate) => return migrate(&config).await,
        None => {}
    }
    if config.allowed_origins.is_empty() {
        eprintln!(
            "smp-inbox: no --allow-origin given: browsers (which send an Origin header) will \
             get 403; only clients without one, like curl or a server, can post leads"
        );
    }
    if config.admin_token.is_none() {
        eprintln!(
            "smp-inbox: no --admin-token (or SMP_INBOX_ADMIN_TOKEN) set: leads are stored, but \
             the API for other systems (GET /v1/leads, /v1/forwards) answers 403; people use \
             the desk at /admin (add a user with: smp-inbox user add NAME)"
        );
    }
    if config.ignored_max_attempts {
        eprintln!(
            "smp-inbox: forward_max_attempts is no longer used: a failing forward is retried \
             for forward_lifetime_days (default 14) and then shown on the desk's forwarding page \
             (/admin/forwards)"
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

/// Opens the database for a command; on failure says why and gives the exit code.
fn open_store(config: &smp_inbox::Config) -> Result<smp_inbox::LeadStore, ExitCode> {
    config.open_store().map_err(|err| {
        eprintln!(
            "smp-inbox: could not open database {}: {err}",
            config.database_name()
        );
        ExitCode::FAILURE
    })
}

/// Prints what a command did (if anything), or why it failed.
fn report<E: std::fmt::Display>(result: Result<String, E>) -> ExitCode {
    match result {
        Ok(output) => {
            if !output.is_empty() {
                println!("{output}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `smp-inbox migrate`: opening the database brings its schema up to date.
async fn migrate(config: &smp_inbox::Config) -> ExitCode {
    let store = match open_store(config) {
        Ok(store) => store,
        Err(code) => return code,
    };
    for clinic in &config.clinics {
        if let Err(err) = smp_inbox::clinic::apply_file_clinic(&store, clinic).await {
            eprintln!("smp-inbox: clinic {}: {err}", clinic.id);
            return ExitCode::FAILURE;
        }
    }
    let engine = match store.engine() {
        smp_inbox::store::db::Engine::Sqlite => "SQLite",
        smp_inbox::store::db::Engine::Postgres => "PostgreSQL",
    };
    println!(
        "database {} is up to date ({engine})",
        config.database_name()
    );
    ExitCode::SUCCESS
}

/// `smp-inbox clinic …`: opens the database, runs the command, prints what it did.
async fn manage_clinics(
    config: &smp_inbox::Config,
    command: smp_inbox::clinic_cli::ClinicCommand,
) -> ExitCode {
    match open_store(config) {
        Ok(store) => report(smp_inbox::clinic_cli::run(&store, config, command).await),
        Err(code) => code,
    }
}

/// `smp-inbox user …`: opens the database, runs the command, prints what it did.
async fn manage_users(
    config: &smp_inbox::Config,
    command: smp_inbox::desk::users::UserCommand,
) -> ExitCode {
    match open_store(config) {
        Ok(store) => report(smp_inbox::desk::users::run(&store, command).await),
        Err(code) => code,
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
