// The WordPress plugin on a real WordPress (a level of `cargo xtask test`): Debian's
// WordPress (a throwaway copy of /usr/share/wordpress with a wp-config.php of its own) and
// MariaDB, behind Apache with PHP and behind nginx with PHP-FPM, all started here on
// loopback and stopped after, never as services. As site owners would: WordPress installed
// through its own installer, the plugin zip (taken from inside the site owner's zip)
// uploaded in wp-admin and activated; posts with the block and the shortcode as an Author,
// hostile values in both, a Contributor's draft. In Chromium: the guide with JavaScript
// off, hydrated, ticked and kept after a reload; the options on the widget; two blocks on a
// page; the plugin's files and headers; a comment-stripping optimisation plugin; the feed;
// the block's post in Firefox ESR and WebKitGTK too (webdriver.mjs, as the cross-engine
// level drives them);
// nginx (no .htaccess); the block editor and the Site Editor's iframe; then a Multisite
// network in subfolders (each site's practice apart) and the plugin deleted (nothing kept).
//
//   node wordpress.mjs        (after `cargo xtask package`)
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, request } from '@playwright/test';
import { By } from 'selenium-webdriver';
import { CHECKBOX, TRACKER_READY, check as must, children as drivers, crashes, runEngine, until as waitIn } from './webdriver.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const packed = fileURLToPath(new URL('../../target/package/', import.meta.url));
const widgetZip = join(packed, readdirSync(packed).find((n) => /^emotional-intimacy-widget-.*\.zip$/.test(n)));
const seed = readFileSync(new URL('../../src/content/what-is-emotional-intimacy.txt', import.meta.url), 'utf8');
const lines = seed.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.replace(/^- /, ''));
const PORT = 4301;
const DB_PORT = 4302;
const NGINX_PORT = 4303;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const NGINX = `http://127.0.0.1:${NGINX_PORT}`;
const root = mkdtempSync(join(tmpdir(), 'ei-wordpress-'));
const asRoot = process.getuid?.() === 0;
const children = [];
// The plugin as a site owner has it: inside the zip they were given, beside the folder.
const unpacked = join(root, 'given');
execFileSync('unzip', ['-q', widgetZip, '-d', unpacked]);
const pluginZip = join(unpacked, readdirSync(unpacked).find((n) => /^emotional-intimacy-wordpress-.*\.zip$/.test(n)) ?? 'no plugin zip beside the folder');
let failures = 0;

function check(what, ok, detail = '') {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${what}${ok || !detail ? '' : `: ${detail}`}`);
  if (!ok) failures++;
}

/** Waits until `widget` (a [data-emotional-intimacy] locator) has its tracker working:
 * scrolled to, since in-page widgets load as they near the screen. */
async function trackerReady(widget) {
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.ei-tracker__body:not([inert]) .ei-day').waitFor({ timeout: 20_000 });
}

/** Ticks `name` in `widget` on `page`, reloads, and waits for the tracker again. */
async function tickAndReload(page, widget, name) {
  await widget.getByRole('checkbox', { name }).check();
  await page.reload();
  await trackerReady(widget);
}

/** Starts a server in a process group of its own (Apache signals its whole group when it
 * stops: never this script's). */
function start(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let errors = '';
  child.stderr.on('data', (d) => (errors += d));
  child.on('exit', (code) => code && !stopping && console.error(`${command} exited ${code}: ${errors.slice(-2000)}`));
  children.push(child);
  return child;
}

async function until(what, test, seconds = 30) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await test().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} did not come up in ${seconds} s`);
}

let stopping = false;
async function stopAll() {
  stopping = true;
  for (const driver of drivers) driver.kill();
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await sleep(1500);
  rmSync(root, { recursive: true, force: true });
}

/** MariaDB in a data directory of its own, with a database and a user for WordPress. */
async function database() {
  const data = join(root, 'db');
  // (Inside its data directory: the server may run as mysql, who owns only that.)
  const socket = join(data, 'mysqld.sock');
  chmodSync(root, 0o755);
  const user = asRoot ? ['--user=mysql'] : [];
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=socket', '--skip-test-db', ...user], { stdio: 'ignore' });
  start('mariadbd', ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--port=${DB_PORT}`, '--bind-address=127.0.0.1', '--skip-name-resolve', `--pid-file=${join(data, 'mysqld.pid')}`, ...user]);
  await until('MariaDB', async () => existsSync(socket));
  const sql = "CREATE DATABASE wp; CREATE USER 'wp'@'127.0.0.1' IDENTIFIED BY 'wp-pass'; GRANT ALL ON wp.* TO 'wp'@'127.0.0.1';";
  await until('MariaDB accepting', async () => {
    execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-u', asRoot ? 'root' : process.env.USER ?? 'root', '-e', 'SELECT 1'], { stdio: 'ignore' });
    return true;
  });
  runSql(sql);
}

/** Runs SQL as the database's administrator, as a host's phpMyAdmin would. */
function runSql(sql) {
  const socket = join(root, 'db', 'mysqld.sock');
  execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-u', asRoot ? 'root' : process.env.USER ?? 'root', '-e', sql]);
}

/** WordPress's files, copied, with a configuration of its own (Debian's reads /etc). */
function wordpressFiles() {
  const docroot = join(root, 'wordpress');
  cpSync('/usr/share/wordpress', docroot, { recursive: true, dereference: false });
  rmSync(join(docroot, 'wp-config.php'));
  rmSync(join(docroot, '.htaccess'), { force: true });
  // Debian's wp-content holds links into /usr/share: a real, writable one for uploads and plugins.
  rmSync(join(docroot, 'wp-content'), { recursive: true, force: true });
  cpSync('/usr/share/wordpress/wp-content', join(docroot, 'wp-content'), { recursive: true, dereference: true });
  writeConfig(
    docroot,
    `// The address it is asked at: the same WordPress behind Apache and behind nginx.
// (By its port: Debian's nginx passes the host without it.)
define('WP_HOME', 'http://127.0.0.1:' . ($_SERVER['SERVER_PORT'] ?? '${PORT}')); define('WP_SITEURL', WP_HOME);`,
  );
  if (asRoot) execFileSync('chown', ['-R', 'www-data:www-data', join(docroot, 'wp-content')]);
  return docroot;
}

/** Apache with PHP, as WordPress hosts run it (.htaccess allowed). */
async function apache(docroot) {
  const modules = '/usr/lib/apache2/modules';
  const php = readdirSync(modules).find((n) => /^libphp[\d.]*\.so$/.test(n));
  const load = (name, file) => `LoadModule ${name}_module ${modules}/${file ?? `mod_${name}.so`}`;
  const conf = join(root, 'apache.conf');
  writeFileSync(
    conf,
    `ServerRoot "/etc/apache2"
ServerName 127.0.0.1
Listen 127.0.0.1:${PORT}
PidFile ${root}/apache.pid
Mutex file:${root} default
DefaultRuntimeDir ${root}
${asRoot ? 'User www-data\nGroup www-data' : ''}
ErrorLog ${root}/apache-error.log
${load('mpm_prefork')}
${['authz_core', 'authz_host', 'alias', 'dir', 'mime', 'rewrite', 'env', 'setenvif', 'headers', 'expires', 'deflate', 'filter'].map((m) => load(m)).join('\n')}
${load('php', php)}
TypesConfig /etc/mime.types
DocumentRoot ${docroot}
DirectoryIndex index.php index.html
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory ${docroot}>
  Options FollowSymLinks
  # As many shared hosts allow: not Options (a plugin's .htaccess with it would answer 500).
  AllowOverride FileInfo Indexes AuthConfig Limit
  Require all granted
</Directory>
<FilesMatch "\\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
`,
  );
  start('/usr/sbin/apache2', ['-f', conf, '-DFOREGROUND']);
  await until('Apache', async () => (await fetch(`${ORIGIN}/wp-includes/js/wp-emoji.js`, { method: 'HEAD' })).ok);
}

/** wp-config.php: the database, `lines`, and WordPress's start. */
function writeConfig(docroot, lines) {
  const salt = (n) => `define('${n}', 'ei-test-${n}');`;
  writeFileSync(
    join(docroot, 'wp-config.php'),
    `<?php
define('DB_NAME', 'wp'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp-pass'); define('DB_HOST', '127.0.0.1:${DB_PORT}');
${lines}
define('FS_METHOD', 'direct'); define('WP_HTTP_BLOCK_EXTERNAL', true); define('AUTOMATIC_UPDATER_DISABLED', true);
${['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map(salt).join('\n')}
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
  );
}

/** The same WordPress behind nginx with PHP-FPM, as nginx hosts run it (WordPress's own
 * nginx rules): nginx reads no .htaccess, so the plugin's files get nginx's own headers. */
async function nginx(docroot, port = NGINX_PORT, rules = '') {
  const socket = join(root, 'php-fpm.sock');
  if (!existsSync(socket)) await phpFpm(socket);
  const conf = join(root, `nginx-${port}.conf`);
  const temp = (name) => `${name}_temp_path ${root}/nginx-${port}-${name};`;
  writeFileSync(
    conf,
    `${asRoot ? 'user www-data;' : ''}
worker_processes 1;
daemon off;
pid ${root}/nginx-${port}.pid;
error_log ${root}/nginx-${port}-error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  server {
    listen 127.0.0.1:${port};
    root ${docroot};
    index index.php;
    ${rules}
    location / { try_files $uri $uri/ /index.php?$args; }
    # As Debian's nginx site has it (index.php/… addresses too: WordPress's permalinks here).
    location ~ [^/]\\.php(/|$) {
      # (snippets/fastcgi-php.conf, its include made absolute)
      fastcgi_split_path_info ^(.+?\\.php)(/.*)$;
      try_files $fastcgi_script_name =404;
      set $path_info $fastcgi_path_info;
      fastcgi_param PATH_INFO $path_info;
      fastcgi_index index.php;
      include /etc/nginx/fastcgi.conf;
      fastcgi_pass unix:${socket};
    }
  }
}
`,
  );
  start('/usr/sbin/nginx', ['-c', conf, '-p', root]);
  const origin = `http://127.0.0.1${port === 80 ? '' : `:${port}`}`;
  await until(`nginx on port ${port}`, async () => (await fetch(`${origin}/wp-includes/js/wp-emoji.js`, { method: 'HEAD' })).ok);
}

/** PHP-FPM for nginx, listening on `socket`. */
async function phpFpm(socket) {
  const fpm = join(root, 'php-fpm.conf');
  writeFileSync(
    fpm,
    `[global]
pid = ${root}/php-fpm.pid
error_log = ${root}/php-fpm.log
daemonize = no
[wordpress]
${asRoot ? 'user = www-data\ngroup = www-data' : ''}
listen = ${socket}
listen.mode = 0666
pm = static
pm.max_children = 3
`,
  );
  const php = readdirSync('/usr/sbin').find((n) => /^php-fpm[\d.]*$/.test(n));
  start(`/usr/sbin/${php}`, ['--nodaemonize', '--fpm-config', fpm, ...(asRoot ? ['--allow-to-run-as-root'] : [])]);
  await until('PHP-FPM', async () => existsSync(socket));
}

const USERS = { admin: 'Admin-pass-1234', author: 'Author-pass-1234', contributor: 'Contributor-pass-1234' };

async function setUp(api) {
  // WordPress's own installer.
  const installed = await api.post('/wp-admin/install.php?step=2', {
    form: { weblog_title: 'A counselling practice', user_name: 'admin', admin_password: USERS.admin, admin_password2: USERS.admin, pw_weak: '1', admin_email: 'admin@practice.example', blog_public: '0', language: '' },
  });
  check('WordPress installs through its installer', (await installed.text()).includes('Success!'));
  await logIn(api, 'admin');
  // An Author and a Contributor, through Users → Add New.
  for (const role of ['author', 'contributor']) {
    const form = await (await api.get('/wp-admin/user-new.php')).text();
    const nonce = form.match(/name="_wpnonce_create-user" value="([0-9a-f]+)"/)[1];
    await api.post('/wp-admin/user-new.php', {
      form: { action: 'createuser', '_wpnonce_create-user': nonce, user_login: role, email: `${role}@practice.example`, pass1: USERS[role], pass2: USERS[role], pw_weak: 'on', role, noconfirmation: '1' },
    });
  }
  // The plugin, uploaded and activated in wp-admin.
  const upload = await (await api.get('/wp-admin/plugin-install.php?tab=upload')).text();
  const uploadNonce = upload.match(/name="_wpnonce" value="([0-9a-f]+)"/)[1];
  const result = await (
    await api.post('/wp-admin/update.php?action=upload-plugin', {
      multipart: {
        _wpnonce: uploadNonce,
        _wp_http_referer: '/wp-admin/plugin-install.php?tab=upload',
        'install-plugin-submit': 'Install Now',
        pluginzip: { name: pluginZip.split('/').pop(), mimeType: 'application/zip', buffer: readFileSync(pluginZip) },
      },
    })
  ).text();
  const size = readFileSync(pluginZip).length;
  check("the plugin zip fits PHP's default upload limit (2 MB), which many hosts keep", size < 2 * 1024 * 1024, `${size} bytes`);
  check('the plugin zip installs through Plugins → Add New → Upload Plugin', result.includes('Plugin installed successfully.'), result.match(/<p>[^<]*<\/p>/g)?.join(' '));
  const activate = result.match(/href="(plugins\.php\?action=activate[^"]+)"/)[1].replaceAll('&amp;', '&');
  const activated = await api.get(`/wp-admin/${activate}`);
  check('and activates', (await activated.text()).includes('Plugin activated.'));
}

async function logIn(api, user) {
  await api.get('/wp-login.php');
  await api.post('/wp-login.php', { form: { log: user, pwd: USERS[user], 'wp-submit': 'Log In', testcookie: '1' }, headers: { Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' } });
}

/** Publishes a post (or, with `status`, saves it so) as the user `api` is logged in as, as
 * the block editor does, on the site at `site` (a network's site's path); gives the post. */
async function publish(api, title, content, status = 'publish', site = '') {
  const nonce = await (await api.get(`${site}/wp-admin/admin-ajax.php?action=rest-nonce`)).text();
  const response = await api.post(`${site}/?rest_route=/wp/v2/posts`, { headers: { 'X-WP-Nonce': nonce }, data: { title, content, status } });
  const post = await response.json();
  if (!post.link) throw new Error(`could not save "${title}": ${JSON.stringify(post).slice(0, 300)}`);
  return status === 'publish' ? post.link : post;
}

/** What a page optimisation plugin's "minify HTML" does (Autoptimize, LiteSpeed Cache,
 * SiteGround Optimizer): every HTML comment but conditional ones removed from the page, and
 * the white space between tags collapsed. A must-use plugin, on for pages asked for with
 * ?minify. */
function minifyingPlugin(docroot) {
  const dir = join(docroot, 'wp-content/mu-plugins');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'minify-html.php'),
    `<?php
if ( ! is_admin() && isset( $_GET['minify'] ) ) {
	ob_start( function ( $html ) {
		$html = preg_replace( '/<!--(?!\\s*\\[if).*?-->/s', '', $html );
		return preg_replace( '/>\\s+</', '> <', $html );
	} );
}
`,
  );
}

/** A gettext .mo file (as msgfmt, Loco Translate or translate.wordpress.org write them)
 * holding `messages` (original → translation). */
function moFile(messages) {
  const entries = [['', 'Content-Type: text/plain; charset=UTF-8\n'], ...Object.entries(messages)]
    .map(([o, t]) => [Buffer.from(o), Buffer.from(t)])
    .sort(([a], [b]) => Buffer.compare(a, b));
  const n = entries.length;
  const header = 28;
  let at = header + 16 * n;
  const table = (pick) =>
    entries.map((e) => {
      const row = [e[pick].length, at];
      at += e[pick].length + 1;
      return row;
    });
  const originals = table(0);
  const translations = table(1);
  const head = Buffer.alloc(header + 16 * n);
  // (No hash table: its offset is where it would start, which WordPress's reader expects.)
  [0x950412de, 0, n, header, header + 8 * n, 0, header + 16 * n].forEach((v, i) => head.writeUInt32LE(v, i * 4));
  [...originals, ...translations].forEach(([length, offset], i) => {
    head.writeUInt32LE(length, header + i * 8);
    head.writeUInt32LE(offset, header + i * 8 + 4);
  });
  const strings = [0, 1].flatMap((pick) => entries.map((e) => Buffer.concat([e[pick], Buffer.from([0])])));
  return Buffer.concat([head, ...strings]);
}

/** A link's address in wp-admin's HTML, its `&amp;`s read. */
function link(html, pattern) {
  return html.match(pattern)?.[1].replaceAll('&amp;', '&');
}

/** WordPress Multisite, sites in subfolders (one address, so one browser storage for every
 * site), as a network's Super Admin sets it up: the plugin deactivated, Tools → Network
 * Setup, its wp-config.php lines added, the plugin network-activated, a second site added.
 * Each site's widget keeps its visitors' practice apart. WordPress runs a network only on
 * port 80 or 443: the site moves to port 80, behind nginx with WordPress's network rules. */
async function multisite(docroot, browser, pageErrors) {
  if (!asRoot) {
    console.log('  skip  Multisite: WordPress runs a network only on port 80 or 443, which only root may open here');
    return;
  }
  const origin = 'http://127.0.0.1';
  runSql(`UPDATE wp.wp_options SET option_value = '${origin}' WHERE option_name IN ('home', 'siteurl')`);
  writeConfig(docroot, "define('WP_ALLOW_MULTISITE', true);");
  await nginx(
    docroot,
    80,
    `if (!-e $request_filename) {
      rewrite /wp-admin$ $scheme://$host$request_uri/ permanent;
      rewrite ^(/[^/]+)?(/wp-.*) $2 last;
      rewrite ^(/[^/]+)?(/.*\\.php) $2 last;
    }`,
  );
  const api = await request.newContext({ baseURL: origin });
  await logIn(api, 'admin');
  const plugins = await (await api.get('/wp-admin/plugins.php')).text();
  await api.get(`/wp-admin/${link(plugins, /href="(plugins\.php\?action=deactivate[^"]*emotional-intimacy[^"]*)"/)}`);
  const setup = await (await api.get('/wp-admin/network.php')).text();
  const created = await (
    await api.post('/wp-admin/network.php', {
      form: { _wpnonce: setup.match(/name="_wpnonce" value="([0-9a-f]+)"/)?.[1] ?? '', _wp_http_referer: '/wp-admin/network.php', subdomain_install: '0', sitename: 'Counselling network', email: 'admin@practice.example', submit: 'Install' },
    })
  ).text();
  const lines = created.match(/<textarea id="network-wpconfig-rules"[^>]*>([^<]*)<\/textarea>/)?.[1];
  check('Tools → Network Setup creates the network (sites in subfolders)', Boolean(lines), created.match(/<div class="error">.*?<\/div>/s)?.[0] ?? created.slice(0, 300));
  if (!lines) return;
  const unescape = (t) => t.replaceAll('&#039;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  writeConfig(docroot, unescape(lines));

  const network = await request.newContext({ baseURL: origin });
  await logIn(network, 'admin');
  const networkPlugins = await (await network.get('/wp-admin/network/plugins.php')).text();
  const activated = await (await network.get(`/wp-admin/network/${link(networkPlugins, /href="(plugins\.php\?action=activate[^"]*emotional-intimacy[^"]*)"/)}`)).text();
  check('the plugin network-activates', activated.includes('Plugin activated.'), activated.match(/<div[^>]*notice[^>]*>.*?<\/div>/s)?.[0]);
  const form = await (await network.get('/wp-admin/network/site-new.php')).text();
  const added = await (
    await network.post('/wp-admin/network/site-new.php?action=add-site', {
      form: { '_wpnonce_add-blog': form.match(/name="_wpnonce_add-blog" value="([0-9a-f]+)"/)?.[1] ?? '', 'blog[domain]': 'second', 'blog[title]': 'A second practice', 'blog[email]': 'admin@practice.example', 'add-site': 'Add Site' },
    })
  ).text();
  check('Sites → Add New adds a site at /second/', added.includes('Site added.'), added.match(/<div[^>]*(error|notice)[^>]*>.*?<\/div>/s)?.[0]);

  const mainPost = await publish(network, 'The network guide', '<!-- wp:emotional-intimacy/guide /-->');
  const secondPost = await publish(network, 'The second guide', '<!-- wp:emotional-intimacy/guide /-->', 'publish', '/second');
  // A storage name given on that site: the usual one kept (a site that used the pasted
  // widget), one the widget would refuse replaced by the site's own.
  const namedPost = await publish(network, 'Named guides', '<!-- wp:emotional-intimacy/guide {"storageKey":"emotional-intimacy-widget"} /-->\n<!-- wp:emotional-intimacy/guide {"storageKey":"Our practice"} /-->', 'publish', '/second');
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const ready = async (url) => {
    await page.goto(url);
    const widget = page.locator('[data-emotional-intimacy]');
    await trackerReady(widget);
    return widget;
  };
  const second = await ready(secondPost);
  const first = (await second.locator('.ei-checklist label').allTextContents())[0];
  await tickAndReload(page, second, first);
  check("on the network's second site, the widget works and keeps a tick", await second.getByRole('checkbox', { name: first }).isChecked());
  const secondKey = await second.getAttribute('data-storage-key');
  check('under a storage name of that site\'s own', secondKey === 'emotional-intimacy-widget-site-2', secondKey);
  await page.goto(namedPost);
  const named = await page.locator('[data-emotional-intimacy]').evaluateAll((els) => els.map((e) => e.getAttribute('data-storage-key')));
  check('a storage name given there is kept, the usual one included; one the widget refuses gives way to the site\'s own', JSON.stringify(named) === JSON.stringify(['emotional-intimacy-widget', 'emotional-intimacy-widget-site-2']), JSON.stringify(named));
  const main = await ready(mainPost);
  check("the main site's widget keeps its own practice, under the widget's usual name", !(await main.getByRole('checkbox', { name: first }).isChecked()) && (await main.getAttribute('data-storage-key')) === null);

  // Removing it, as a Super Admin does: Network Deactivate, then Delete (which runs its
  // uninstall.php). Only its files go; it kept nothing else.
  const listed = await (await network.get('/wp-admin/network/plugins.php')).text();
  await network.get(`/wp-admin/network/${link(listed, /href="(plugins\.php\?action=deactivate[^"]*emotional-intimacy[^"]*)"/)}`);
  const inactive = await (await network.get('/wp-admin/network/plugins.php')).text();
  const confirm = await (await network.get(`/wp-admin/network/${link(inactive, /href="(plugins\.php\?action=delete-selected[^"]*emotional-intimacy[^"]*)"/)}`)).text();
  const nonce = confirm.match(/name="_wpnonce" value="([0-9a-f]+)"/)?.[1] ?? '';
  const deleted = await (
    await network.post('/wp-admin/network/plugins.php', {
      form: { 'verify-delete': '1', action: 'delete-selected', 'checked[]': 'emotional-intimacy/emotional-intimacy.php', _wpnonce: nonce, submit: 'Yes, delete these files' },
    })
  ).text();
  const folder = join(docroot, 'wp-content/plugins/emotional-intimacy');
  check('Delete removes the plugin and its folder', !existsSync(folder) && /deleted/i.test(deleted), deleted.match(/<div[^>]*(error|notice)[^>]*>.*?<\/div>/s)?.[0]);
  const kept = execFileSync('mariadb', ['--no-defaults', `--socket=${join(root, 'db', 'mysqld.sock')}`, '-u', 'root', '-N', '-e', "SELECT (SELECT COUNT(*) FROM wp.wp_options WHERE option_name LIKE '%emotional%') + (SELECT COUNT(*) FROM wp.wp_2_options WHERE option_name LIKE '%emotional%') + (SELECT COUNT(*) FROM wp.wp_sitemeta WHERE meta_key LIKE '%emotional%')"]).toString().trim();
  check('and leaves nothing of its own in the database (no option, no network setting)', kept === '0', kept);
  await page.goto(secondPost);
  check('a page that had the block still loads, with no widget and no code showing', (await page.locator('main, body').first().isVisible()) && (await page.locator('[data-emotional-intimacy]').count()) === 0 && !(await page.locator('body').innerText()).includes('wp:emotional'));
  await context.close();
}

async function main() {
  await database();
  const docroot = wordpressFiles();
  await apache(docroot);
  const admin = await request.newContext({ baseURL: ORIGIN });
  await setUp(admin);
  const author = await request.newContext({ baseURL: ORIGIN });
  await logIn(author, 'author');
  const SUGGESTED = ['Asked how their day really went', 'Put our phones away at dinner'];
  const blockPost = await publish(author, 'Our guide', `<!-- wp:emotional-intimacy/guide {"headingLevel":"3","practices":"${SUGGESTED.join('|')}"} /-->`);
  const shortcodePost = await publish(author, 'Our guide, classic', '<p>Before it.</p>\n[emotional_intimacy sections="quick-take faq" heading_level="3"]\n<p>After it.</p>');
  const twoPost = await publish(author, 'Two guides', '<!-- wp:emotional-intimacy/guide /-->\n<!-- wp:emotional-intimacy/guide {"storageKey":"second","sections":"tracker"} /-->');
  // Hostile values in a block's attributes and a shortcode's, as an Author can write them.
  // (Quotes that would end the attribute, which WordPress's own filters leave as they are.)
  const HOSTILE = { block: 'x" data-pwned="block', shortcode: 'x" data-pwned="shortcode' };
  const hostilePost = await publish(author, 'Hostile values', `<!-- wp:emotional-intimacy/guide ${JSON.stringify({ storageKey: HOSTILE.block })} /-->\n[emotional_intimacy heading_level='${HOSTILE.shortcode}']`);
  // A Contributor cannot publish (nor paste a script): a draft with the block, previewed.
  const contributor = await request.newContext({ baseURL: ORIGIN });
  await logIn(contributor, 'contributor');
  const draft = await publish(contributor, 'A draft guide', '<!-- wp:emotional-intimacy/guide {"headingLevel":"4","look":"card"} /-->', 'pending');
  minifyingPlugin(docroot);

  // The plugin's files, as the browser gets them (a host that refuses a line of the plugin
  // folder's .htaccess answers 500 for every file).
  const files = readdirSync(join(docroot, 'wp-content/plugins/emotional-intimacy/widget'));
  const wasm = files.find((n) => n.endsWith('_bg.wasm'));
  const embed = await fetch(`${ORIGIN}/wp-content/plugins/emotional-intimacy/widget/embed.js`);
  check("the plugin's files are served (embed.js answers 200)", embed.status === 200, String(embed.status));
  check('embed.js is not cached without asking', (embed.headers.get('cache-control') ?? '').includes('no-cache'), embed.headers.get('cache-control'));
  check("the plugin ships no standalone app (no service worker to outlive it)", !files.some((n) => n.startsWith('service-worker') || n.startsWith('index.html')), files.join(' '));
  const response = await fetch(`${ORIGIN}/wp-content/plugins/emotional-intimacy/widget/${wasm}`);
  check('the wasm is served as application/wasm', response.headers.get('content-type') === 'application/wasm', response.headers.get('content-type'));
  check('and cached for a year (the plugin folder\'s .htaccess)', (response.headers.get('cache-control') ?? '').includes('max-age=31536000'), response.headers.get('cache-control'));

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
  try {
    // JavaScript off: every line of the seed is on the page (the pre-rendered widget).
    const off = await browser.newContext({ javaScriptEnabled: false });
    const still = await off.newPage();
    await still.goto(blockPost);
    // (Inside its shadow root, as the browser's parser attached it: no script needed.)
    const text = await still.locator('[data-emotional-intimacy] .ei-widget').textContent({ timeout: 10_000 });
    const missing = lines.filter((line) => !text.includes(line));
    check('with JavaScript off, the block shows every line of the guide', missing.length === 0, `${missing.length} missing, e.g. ${missing[0]}`);
    await off.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(blockPost);
    const widget = page.locator('[data-emotional-intimacy]');
    await trackerReady(widget);
    check("the block's options reach the widget: its title at level 3", (await widget.locator('h3.ei-title').count()) === 1);
    // The plugin's screenshots (readme.txt's), as its page shows it in Twenty Twenty-Three:
    // written to test-results/ on every run; src/wordpress/ keeps the ones the zip ships.
    await page.setViewportSize({ width: 1200, height: 900 });
    for (const [n, part] of [[1, '.ei-title'], [2, '.ei-tracker']]) {
      await widget.locator(part).evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -24));
      await page.screenshot({ path: join(here, 'test-results', `wordpress-screenshot-${n}.jpg`), quality: 70 }).catch(() => {});
    }
    check("and the suggested practices", JSON.stringify(await widget.locator('.ei-checklist label').allTextContents()) === JSON.stringify(SUGGESTED));
    await tickAndReload(page, widget, SUGGESTED[1]);
    check('a tick stays after a reload', await widget.getByRole('checkbox', { name: SUGGESTED[1] }).isChecked());

    await page.goto(shortcodePost);
    const short = page.locator('[data-emotional-intimacy]');
    await short.scrollIntoViewIfNeeded();
    await short.locator('.ei-faq').waitFor({ timeout: 20_000 });
    check('the shortcode shows the widget with its options (no tracker, a level-3 title)', (await short.locator('.ei-tracker').count()) === 0 && (await short.locator('h3.ei-title').count()) === 1);

    await page.goto(twoPost);
    const both = page.locator('[data-emotional-intimacy]');
    check('two blocks on one page: two widgets', (await both.count()) === 2);
    for (const i of [0, 1]) {
      await trackerReady(both.nth(i));
    }
    check('both work, the second with its own parts', (await both.nth(1).locator('.ei-quick-take').count()) === 0);

    // Hostile values stay values: attributes the widget refuses (it says so), never markup.
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(hostilePost);
    const hostile = page.locator('[data-emotional-intimacy]');
    for (const i of [0, 1]) {
      await hostile.nth(i).scrollIntoViewIfNeeded();
      await page.locator('[data-emotional-intimacy][data-ei-mounted]').nth(i).waitFor({ timeout: 20_000 });
    }
    check(
      'hostile values reach the widget as values, not as markup',
      (await hostile.count()) === 2 && (await hostile.nth(0).getAttribute('data-storage-key')) === HOSTILE.block && (await hostile.nth(1).getAttribute('data-heading-level')) === HOSTILE.shortcode && (await page.locator('[data-pwned]').count()) === 0,
      JSON.stringify(await hostile.evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 160)))),
    );
    check('and the widget says it refused them', warnings.some((w) => w.includes('storage-key')) && warnings.some((w) => w.includes('heading-level')), warnings.join(' | ').slice(0, 400));

    // A Contributor's draft, previewed by its Contributor: the block kept its options.
    const previewing = await browser.newContext({ storageState: await contributor.storageState() });
    const preview = await previewing.newPage();
    preview.on('pageerror', (e) => errors.push(String(e)));
    await preview.goto(`${ORIGIN}/?p=${draft.id}&preview=true`);
    const drafted = preview.locator('[data-emotional-intimacy]');
    await trackerReady(drafted);
    check("a Contributor's draft shows the widget with its options (a level-4 title, the card look)", (await drafted.locator('h4.ei-title').count()) === 1 && (await drafted.locator('.ei-root.ei-look-card').count()) === 1);
    await previewing.close();

    // A page optimisation plugin that strips comments and white space: the guide reads with
    // JavaScript off, and the widget draws itself afresh and keeps ticks.
    const minified = Object.assign(new URL(blockPost), { search: '?minify=1' }).href;
    const source = await (await fetch(minified)).text();
    check('the optimisation plugin stripped the page\'s comments', source.includes('ei-widget') && !source.includes('<!--'), source.match(/.{0,80}<!--.{0,80}/s)?.[0]);
    const bare = await browser.newContext({ javaScriptEnabled: false });
    const bareText = await (await bare.newPage().then(async (p) => (await p.goto(minified), p))).locator('[data-emotional-intimacy] .ei-widget').textContent({ timeout: 10_000 });
    const lost = lines.filter((line) => !bareText.includes(line));
    check('stripped, with JavaScript off, the block still shows every line of the guide', lost.length === 0, `${lost.length} missing, e.g. ${lost[0]}`);
    await bare.close();
    await page.goto(minified);
    await trackerReady(widget);
    await tickAndReload(page, widget, SUGGESTED[0]);
    check('stripped, the widget is drawn and keeps a tick after a reload', (await widget.getByRole('checkbox', { name: SUGGESTED[0] }).isChecked()) && (await widget.getByRole('checkbox', { name: SUGGESTED[1] }).isChecked()));

    // The same site behind nginx, which reads no .htaccess: the widget's files still work,
    // and embed.js's address names the version (nginx sends no Cache-Control for it).
    await nginx(docroot);
    const onNginx = blockPost.replace(ORIGIN, NGINX);
    const html = await (await fetch(onNginx)).text();
    const embedAt = html.match(/src="([^"]*\/widget\/embed\.js[^"]*)"/)?.[1];
    check("behind nginx, the page asks for embed.js at its version's address", embedAt?.startsWith(`${NGINX}/wp-content/plugins/emotional-intimacy/widget/embed.js?ver=`) === true, embedAt);
    const wasmThere = await fetch(`${NGINX}/wp-content/plugins/emotional-intimacy/widget/${wasm}`);
    check('nginx serves the wasm as application/wasm', wasmThere.headers.get('content-type') === 'application/wasm', wasmThere.headers.get('content-type'));
    await page.goto(onNginx);
    await trackerReady(widget);
    await tickAndReload(page, widget, SUGGESTED[1]);
    check('behind nginx, the widget works and keeps a tick after a reload', await widget.getByRole('checkbox', { name: SUGGESTED[1] }).isChecked());
    check('no script error on any page', errors.length === 0, errors.join('; '));

    // Firefox ESR and WebKitGTK (Safari's engine), over WebDriver as the cross-engine level
    // drives them: the block's post draws the widget with its options and keeps a tick.
    const open = async (driver) => {
      await driver.get(blockPost);
      const host = await driver.findElement(By.css('[data-emotional-intimacy]'));
      await driver.executeScript('arguments[0].scrollIntoView()', host);
      await waitIn(driver, TRACKER_READY, 'the tracker is ready', host);
      return host;
    };
    const inEngine = [
      [
        "the block's post: the widget with its options, a tick kept after a reload",
        async (driver) => {
          let host = await open(driver);
          must((await driver.executeScript("return arguments[0].shadowRoot.querySelectorAll('h3.ei-title').length", host)) === 1, 'no level-3 title');
          const box = await driver.executeScript(CHECKBOX, host, SUGGESTED[1]);
          await box.click();
          await driver.wait(() => box.isSelected(), 30_000, 'the tick did not show');
          host = await open(driver);
          must(await (await driver.executeScript(CHECKBOX, host, SUGGESTED[1])).isSelected(), 'the tick was not kept');
        },
      ],
    ];
    let port = 4461;
    for (const engine of ['firefox', 'webkit']) {
      // (runEngine says each check, ok or FAIL, itself.)
      failures += (await runEngine(engine, port++, [[{}, inEngine]])).length;
    }
    if (crashes.length) console.log(`  (crashes met and retried: ${crashes.join('; ')})`);

    // Feeds: readers run no script and show no template, so the block is a link there.
    const feed = await (await fetch(`${ORIGIN}/?feed=rss2`)).text();
    check('in the feed, the block is a link to its page, not an empty template', feed.includes(`<a href="${blockPost}">`) && feed.includes('open the page to read it') && !feed.includes('<template'), feed.slice(0, 400));

    // The editor, as the Author: the block inserted shows the real widget, and its sidebar
    // every option in words.
    const editing = await browser.newContext({ storageState: await author.storageState(), viewport: { width: 1400, height: 1000 } });
    const editor = await editing.newPage();
    const insertBlock = async () => {
      await editor.goto(`${ORIGIN}/wp-admin/post-new.php`);
      await editor.waitForFunction(() => window.wp?.data?.select('core/block-editor') && window.wp.blocks.getBlockType('emotional-intimacy/guide'), null, { timeout: 30_000 });
      await editor.evaluate(() => {
        if (window.wp.data.select('core/edit-post').isFeatureActive('welcomeGuide')) window.wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
        const block = window.wp.blocks.createBlock('emotional-intimacy/guide', { headingLevel: '3' });
        window.wp.data.dispatch('core/block-editor').insertBlocks(block);
        window.wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
        window.wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
      });
    };
    await insertBlock();
    const inEditor = editor.locator('.wp-block-emotional-intimacy-guide [data-emotional-intimacy]');
    await inEditor.locator('.ei-title').waitFor({ timeout: 30_000 }).catch(() => {});
    check('in the editor, the block shows the widget', (await inEditor.locator('h3.ei-title').count()) === 1, await editor.locator('.wp-block-emotional-intimacy-guide').innerHTML().catch(() => 'no block').then((h) => h.slice(0, 300)));
    const sidebarSays = async (label, value) => {
      const select = editor.getByRole('combobox', { name: label });
      await select.waitFor({ timeout: 10_000 }).catch(() => {});
      return (await select.locator('option').allTextContents()).includes(value) && (await editor.getByRole('checkbox', { name: 'Questions', exact: true }).count()) === 1;
    };
    check("the block's sidebar offers its options in words (the builder's)", await sidebarSays('Light or dark', "As the visitor's system is"));
    await editor.screenshot({ path: join(here, 'test-results', 'wordpress-screenshot-3.jpg'), quality: 70 }).catch(() => {});
    // The same Author reading WordPress in French (her profile's language), with a
    // translation of the plugin where WordPress looks for one (as Loco Translate writes it).
    const languages = join(docroot, 'wp-content/languages/plugins');
    mkdirSync(languages, { recursive: true });
    writeFileSync(join(languages, 'emotional-intimacy-fr_FR.mo'), moFile({ 'Light or dark': 'Clair ou sombre', "As the visitor's system is": 'Comme le système du visiteur' }));
    runSql("UPDATE wp.wp_usermeta m JOIN wp.wp_users u ON u.ID = m.user_id SET m.meta_value = 'fr_FR' WHERE u.user_login = 'author' AND m.meta_key = 'locale'");
    await insertBlock();
    check('and in her language where it is translated', await sidebarSays('Clair ou sombre', 'Comme le système du visiteur'));
    await editing.close();

    // The Site Editor draws the content in an iframe, where the editor's scripts do not run
    // (as newer WordPress does for posts too): the block loads embed.js in there.
    const siteEditing = await browser.newContext({ storageState: await admin.storageState(), viewport: { width: 1400, height: 1000 } });
    const site = await siteEditing.newPage();
    await site.goto(`${ORIGIN}/wp-admin/site-editor.php`);
    await site.waitForFunction(() => window.wp?.data?.select('core/block-editor')?.getBlocks().length > 0 && window.wp.blocks.getBlockType('emotional-intimacy/guide'), null, { timeout: 30_000 });
    await site.evaluate(() => window.wp.data.dispatch('core/block-editor').insertBlocks(window.wp.blocks.createBlock('emotional-intimacy/guide', { headingLevel: '3' }), 0));
    const canvas = site.frameLocator('iframe[name="editor-canvas"]');
    const inFrame = canvas.locator('.wp-block-emotional-intimacy-guide [data-emotional-intimacy][data-ei-mounted]');
    await inFrame.waitFor({ timeout: 30_000 }).catch(() => {});
    check('in the Site Editor\'s iframe, the block shows the working widget', (await inFrame.locator('h3.ei-title').count()) === 1);
    await site.screenshot({ path: join(here, 'test-results', 'wordpress-site-editor.png') }).catch(() => {});
    await siteEditing.close();

    const networkErrors = [];
    await multisite(docroot, browser, networkErrors);
    check("no script error on the network's pages", networkErrors.length === 0, networkErrors.join('; '));
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  failures++;
} finally {
  await stopAll();
}
console.log(failures ? `${failures} WordPress check(s) failed` : 'WordPress: every check passed');
process.exit(failures ? 1 : 0);
