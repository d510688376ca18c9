//! `cargo xtask serve`: the standalone page from Trunk's dev server, rebuilt when files
//! change.

use std::path::Path;

use crate::tools::Tools;
use crate::{run, step, SERVE_ADDRESS, SERVE_PORT};

pub fn serve(root: &Path) -> Result<(), String> {
    let tools = Tools::ensure_build(root)?;
    step("Building and serving (Ctrl+C stops)");
    println!("Once the first build finishes:");
    println!("  the widget:                 http://{SERVE_ADDRESS}:{SERVE_PORT}/");
    println!("  a demo host page (embeds):  http://{SERVE_ADDRESS}:{SERVE_PORT}/demo/");
    run(tools
        .command("trunk")
        .current_dir(root)
        .args(["serve", "--address", SERVE_ADDRESS, "--port"])
        .arg(SERVE_PORT.to_string()))
}
