//! Finding and installing what the test levels drive beyond the build tools: the browsers and
//! their drivers (Chromium, Firefox ESR, WebKitGTK; geckodriver from crates.io), the servers
//! the deploy files are tested on, WordPress with MariaDB and PHP for the plugin, and the
//! other Debian packages (`zip`, poppler-utils, Java).

use std::path::Path;
use std::process::Command;

use crate::run;
use crate::tools::Tools;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Drives Firefox ESR for the wasm-bindgen browser tests and the cross-engine level. From
/// crates.io: the npm package of that name downloads its binary from elsewhere.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

/// The browsers the tests drive, from Debian: (package, a file it installs).
const DEBIAN_PACKAGES: [(&str, &str); 13] = [
    ("chromium", CHROMIUM),
    ("chromium-driver", CHROMEDRIVER),
    ("firefox-esr", "/usr/bin/firefox-esr"),
    // WebKitWebDriver and MiniBrowser: WebKitGTK, Safari's engine.
    ("webkit2gtk-driver", "/usr/bin/WebKitWebDriver"),
    // A virtual display for MiniBrowser, which has no headless mode.
    ("xvfb", "/usr/bin/Xvfb"),
    // The servers the deploy files are tested against (started on loopback by the test,
    // never as services).
    ("apache2", "/usr/sbin/apache2"),
    ("nginx", "/usr/sbin/nginx"),
    // A real WordPress for the plugin (its files copied to a throwaway folder, MariaDB and
    // Apache with PHP started on loopback by the test).
    ("wordpress", "/usr/share/wordpress/wp-settings.php"),
    ("mariadb-server", "/usr/sbin/mariadbd"),
    ("libapache2-mod-php", "/usr/bin/php"),
    // The same WordPress behind nginx, as nginx hosts run PHP (Debian 12's PHP is 8.2).
    ("php-fpm", "/usr/sbin/php-fpm8.2"),
    // pdftotext and pdfinfo: what a printed page says, read from its PDF.
    ("poppler-utils", "/usr/bin/pdftotext"),
    // Java, for the Nu HTML Checker (vnu-jar from npm).
    ("default-jre-headless", "/usr/bin/java"),
];

/// `zip` and `unzip`, for `cargo xtask package` and the package's tests (Debian's packages,
/// when missing).
pub fn ensure_zip() -> Result<(), String> {
    let have = |tool: &str| {
        Path::new(&format!("/usr/bin/{tool}")).exists()
            || Command::new(tool).arg("-v").output().is_ok()
    };
    if have("zip") && have("unzip") {
        return Ok(());
    }
    if !is_root() {
        return Err(
            "`zip` or `unzip` is missing: run `sudo apt-get install -y zip unzip`".to_owned(),
        );
    }
    println!("  installing Debian's zip and unzip with apt-get");
    run(Command::new("apt-get")
        .args([
            "-o",
            "DPkg::Lock::Timeout=300",
            "install",
            "-y",
            "--no-install-recommends",
            "zip",
            "unzip",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Installs the Debian packages of [`DEBIAN_PACKAGES`] that are missing, in one apt-get run.
pub fn ensure_debian_packages() -> Result<(), String> {
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        println!("  ok  Chromium, Firefox ESR, WebKitGTK's driver, Xvfb, Apache, nginx, WordPress, MariaDB, PHP, poppler-utils and Java (Debian packages)");
        return Ok(());
    }
    let list = missing.join(" ");
    if Command::new("apt-get").arg("--version").output().is_err() {
        return Err(format!(
            "the test browsers are missing: install the Debian packages {list} (or your system's equivalents)"
        ));
    }
    if !is_root() {
        return Err(format!(
            "the test browsers are missing: run `sudo apt-get install -y --no-install-recommends {list}`"
        ));
    }
    println!("  installing Debian's {list} with apt-get");
    let lock_wait = ["-o", "DPkg::Lock::Timeout=300"];
    run(Command::new("apt-get").args(lock_wait).arg("update"))?;
    run(Command::new("apt-get")
        .args(lock_wait)
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// geckodriver at [`GECKODRIVER_VERSION`], installed with cargo when missing or another
/// version.
pub fn ensure_geckodriver(tools: &Tools) -> Result<(), String> {
    let gecko_wanted = format!("geckodriver {GECKODRIVER_VERSION}");
    if tools
        .version("geckodriver")
        .is_some_and(|v| v.starts_with(&gecko_wanted))
    {
        println!("  ok  {gecko_wanted}");
        Ok(())
    } else {
        println!("  installing geckodriver {GECKODRIVER_VERSION} with cargo, to drive Firefox (about 5 minutes)");
        run(tools.command("cargo").args([
            "install",
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
        ]))
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
