use std::process::ExitCode;

use clap::Parser;
use cohortbot::cli::{execute, init_tracing, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    execute(cli).await
}
