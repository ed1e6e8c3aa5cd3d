//! `smp-inbox user add|password|remove|list`: desk users are managed from the command line,
//! so no default account or password ever exists. The password is read from the terminal
//! (twice, not echoed) or, when standard input is not a terminal, as its first line.

use std::io::{BufRead, IsTerminal};

use super::password;
use crate::clock;
use crate::store::{LeadStore, Role, Scope, DEFAULT_CLINIC};

/// What `smp-inbox user …` was asked to do.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum UserCommand {
    /// Adds a user who can log in to the desk; asks for the password.
    Add {
        /// The name they log in with.
        name: String,
        /// Also allowed to read the audit log, erase leads and export a person's data.
        #[arg(long)]
        admin: bool,
        /// A clinic they work for (repeatable); without it and without --operator, the
        /// default clinic.
        #[arg(long = "clinic", value_name = "ID")]
        clinics: Vec<String>,
        /// An agency operator: sees every clinic.
        #[arg(long, conflicts_with = "clinics")]
        operator: bool,
    },
    /// Sets the clinics a user sees (their open sessions end).
    Clinics {
        /// The user's name.
        name: String,
        /// A clinic they work for (repeatable).
        #[arg(
            long = "clinic",
            value_name = "ID",
            required_unless_present = "operator"
        )]
        clinics: Vec<String>,
        /// An agency operator: sees every clinic.
        #[arg(long, conflicts_with = "clinics")]
        operator: bool,
    },
    /// Sets a new password for a user (their open sessions end); asks for it.
    Password {
        /// The user's name.
        name: String,
    },
    /// Removes a user (their open sessions end).
    Remove {
        /// The user's name.
        name: String,
    },
    /// Lists the users.
    List,
}

/// Why a user command failed.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    /// A name that cannot be used.
    #[error("a user name must be 1 to 64 characters, without spaces or control characters")]
    BadName,
    /// Adding a name that exists.
    #[error("there is already a user named {0:?} (use `smp-inbox user password {0}` to change the password)")]
    Exists(String),
    /// Changing or removing a name that does not exist.
    #[error("there is no user named {0:?}")]
    Missing(String),
    /// The two passwords typed differ.
    #[error("the two passwords differ; nothing was changed")]
    Mismatch,
    /// No password could be read.
    #[error("could not read the password: {0}")]
    Read(std::io::Error),
    /// The password is unusable.
    #[error("{0}")]
    Password(#[from] password::PasswordError),
    /// The database failed.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    /// A clinic id that names no clinic.
    #[error("there is no clinic {0:?} (see `smp-inbox clinic list`)")]
    NoClinic(String),
}

/// The scope `--clinic`/`--operator` ask for, each clinic checked to exist.
async fn scope_of(
    store: &LeadStore,
    clinics: Vec<String>,
    operator: bool,
) -> Result<Scope, UserError> {
    if operator {
        return Ok(Scope::All);
    }
    if clinics.is_empty() {
        return Ok(Scope::one(DEFAULT_CLINIC));
    }
    for clinic in &clinics {
        if clinic != DEFAULT_CLINIC && store.clinic_row(clinic).await?.is_none() {
            return Err(UserError::NoClinic(clinic.clone()));
        }
    }
    Ok(Scope::Clinics(clinics))
}

/// How `user list` shows a scope.
fn scope_text(scope: &Scope) -> String {
    match scope {
        Scope::All => "operator (every clinic)".into(),
        Scope::Clinics(clinics) => clinics.join(","),
    }
}

fn check_name(name: &str) -> Result<(), UserError> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && !name.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(UserError::BadName)
    }
}

/// Reads a new password: from the terminal twice, or the first line of standard input.
fn read_password(name: &str) -> Result<String, UserError> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("New password for {name}: "))
            .map_err(UserError::Read)?;
        let second =
            rpassword::prompt_password("The same password again: ").map_err(UserError::Read)?;
        if first != second {
            return Err(UserError::Mismatch);
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(UserError::Read)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

async fn hashed(password: String) -> Result<String, UserError> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| UserError::Read(std::io::Error::other(e)))?
        .map_err(UserError::from)
}

/// Runs one user command against the database; returns what to print.
pub async fn run(store: &LeadStore, command: UserCommand) -> Result<String, UserError> {
    let now = clock::now_rfc3339();
    match command {
        UserCommand::Add {
            name,
            admin,
            clinics,
            operator,
        } => {
            check_name(&name)?;
            if store.user_by_name(&name).await?.is_some() {
                return Err(UserError::Exists(name));
            }
            let scope = scope_of(store, clinics, operator).await?;
            let hash = hashed(read_password(&name)?).await?;
            let role = if admin { Role::Admin } else { Role::Desk };
            let shown = scope_text(&scope);
            if !store.add_user(&name, hash, role, scope, now).await? {
                return Err(UserError::Exists(name));
            }
            if shown == DEFAULT_CLINIC {
                Ok(format!("added {} user {name}", role.code()))
            } else {
                Ok(format!("added {} user {name} ({shown})", role.code()))
            }
        }
        UserCommand::Clinics {
            name,
            clinics,
            operator,
        } => {
            let scope = scope_of(store, clinics, operator).await?;
            let shown = scope_text(&scope);
            let (operator, clinics) = match scope {
                Scope::All => (true, Vec::new()),
                Scope::Clinics(clinics) => (false, clinics),
            };
            if !store.set_user_scope(&name, operator, clinics).await? {
                return Err(UserError::Missing(name));
            }
            Ok(format!("{name} now sees: {shown}"))
        }
        UserCommand::Password { name } => {
            if store.user_by_name(&name).await?.is_none() {
                return Err(UserError::Missing(name));
            }
            let hash = hashed(read_password(&name)?).await?;
            if !store.set_password(&name, hash, now).await? {
                return Err(UserError::Missing(name));
            }
            Ok(format!("changed the password of {name}"))
        }
        UserCommand::Remove { name } => {
            if !store.remove_user(&name, now).await? {
                return Err(UserError::Missing(name));
            }
            Ok(format!("removed user {name}"))
        }
        UserCommand::List => Ok(store
            .users()
            .await?
            .iter()
            .map(|u| format!("{}\t{}\t{}", u.name, u.role.code(), scope_text(&u.scope)))
            .collect::<Vec<_>>()
            .join("\n")),
    }
}
