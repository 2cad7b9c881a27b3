//! The message catalogue: every message laurel shows a person, in English
//! and Chinese. How to add one: see the [`crate::i18n`] module.
//!
//! Entries are grouped by the module that uses them, keys start with its
//! name. `{name}` in a text is the argument `name`.

use super::catalogue;

catalogue! {
    // ── How a diagnostic is laid out (src/error.rs) ──
    line_error(text) { en: "error: {text}", zh: "错误：{text}" }
    line_warning(text) { en: "warning: {text}", zh: "警告：{text}" }
    line_hint(text) { en: "\n  hint: {text}", zh: "\n  提示：{text}" }
    place_file(file) { en: "{file}: ", zh: "{file}：" }
    place_line(file, line) { en: "{file}:{line}: ", zh: "{file} 第 {line} 行：" }
    place_column(file, line, column) {
        en: "{file}:{line}:{column}: ",
        zh: "{file} 第 {line} 行第 {column} 列：",
    }
    // ── File-system errors (Error::Io) ──
    io_error(action, path, cause) { en: "cannot {action} {path}: {cause}", zh: "无法{action} {path}：{cause}" }
    io_copy() { en: "copy", zh: "复制" }
    io_create() { en: "create", zh: "创建" }
    io_find() { en: "find", zh: "找到" }
    io_lock() { en: "lock", zh: "锁定" }
    io_move() { en: "move into place", zh: "移入" }
    io_read() { en: "read", zh: "读取" }
    io_restore() { en: "restore", zh: "恢复" }
    io_server_thread() { en: "start a server thread for", zh: "启动预览服务的线程：" }
    io_watcher() { en: "start a watcher for", zh: "监视" }
    io_write() { en: "write", zh: "写入" }
    io_not_found() { en: "not found", zh: "找不到这个文件或文件夹" }
    io_permission_denied() { en: "permission denied", zh: "没有权限（请检查文件或文件夹的权限）" }
    io_already_exists() { en: "it already exists", zh: "它已经存在" }
    io_disk_full() { en: "the disk is full", zh: "磁盘已满" }
    io_read_only() { en: "the file system is read-only", zh: "文件系统是只读的" }
    // ── TOML errors, shared by laurel.toml and front matter (src/error.rs) ──
    toml_error(detail) { en: "{detail}", zh: "TOML 写法有误：{detail}" }
    toml_unknown_field(field, expected) {
        en: "unknown field `{field}`, expected one of {expected}",
        zh: "不认识的键 `{field}`；可以用的键有：{expected}",
    }
    toml_bad_date(detail) {
        en: "invalid date, {detail}",
        zh: "日期有误（{detail}）；日期格式应为 YYYY-MM-DD，例如 2026-03-05",
    }
    toml_bad_day(last) {
        en: "invalid date, expected day between 01 and {last}",
        zh: "日期有误：这个月只有 {last} 天；日期格式应为 YYYY-MM-DD，例如 2026-03-05",
    }
    toml_unquoted() {
        en: "string values must be quoted, expected literal string",
        zh: "文字要放在英文双引号里，例如 title = \"张三\"",
    }
    // ── laurel.toml (src/config.rs) ──
    config_unreadable(cause) { en: "cannot read the site settings: {cause}", zh: "无法读取网站设置：{cause}" }
    config_unreadable_missing_hint() {
        en: "run laurel in a site folder (or pass --root DIR), or create one with `laurel init DIR`",
        zh: "请在网站文件夹里运行 laurel（或加上 --root 文件夹），也可以用 `laurel init 文件夹` 新建一个网站",
    }
    config_unreadable_hint() { en: "check the file's permissions", zh: "请检查这个文件的权限" }
    config_not_utf8() { en: "the file is not valid UTF-8", zh: "这个文件不是 UTF-8 编码" }
    config_not_utf8_hint() { en: "save it as UTF-8", zh: "请用 UTF-8 编码另存一次" }
    config_unknown_key_hint() {
        en: "remove the key or fix its spelling; see the list of keys above",
        zh: "请删掉这个键，或改正拼写；可以用的键见上面的列表",
    }
    config_required(key) { en: "`{key}` is required", zh: "缺少必填的 `{key}`" }
    config_required_hint(key) { en: "add a line like `{key} = \"…\"`", zh: "请加上一行，例如 `{key} = \"…\"`" }
    config_base_url_relative(url) {
        en: "`base_url` must be an absolute http(s) URL, not {url}",
        zh: "`base_url` 应为以 http:// 或 https:// 开头的完整网址，现在是 {url}",
    }
    config_base_url_hint() {
        en: "write where the site will live, e.g. base_url = \"https://example.org/haoren/\"",
        zh: "请写网站将来的地址，例如 base_url = \"https://example.org/haoren/\"",
    }
    config_paginate_zero() { en: "`paginate_by` must be at least 1", zh: "`paginate_by` 至少为 1" }
    config_taxonomy_no_folder(name) {
        en: "`taxonomies` has {name}, which makes no folder name",
        zh: "`taxonomies` 里的 {name} 无法用作文件夹名",
    }
    config_taxonomy_no_folder_hint() {
        en: "name each taxonomy with letters, digits or Chinese characters",
        zh: "分类名请用字母、数字或汉字",
    }
    config_taxonomy_twice(name) { en: "`taxonomies` lists {name} twice", zh: "`taxonomies` 里 {name} 写了两次" }
    config_taxonomy_same_folder(first, name, folder) {
        en: "`taxonomies` lists {first} and {name}, which would both be published at /{folder}/",
        zh: "`taxonomies` 里的 {first} 和 {name} 都会发布到 /{folder}/",
    }
    config_taxonomy_once_hint() { en: "list each taxonomy once", zh: "每个分类只写一次" }
    // ── Front matter (src/front_matter.rs) ──
    front_empty() { en: "the file is empty", zh: "这个文件是空的" }
    front_empty_hint() {
        en: "start it with front matter: a `+++` line, `title = \"…\"`, and another `+++` line",
        zh: "请在开头写上文件头：一行 `+++`、一行 `title = \"…\"`，再一行 `+++`",
    }
    front_yaml() {
        en: "front matter must be TOML between `+++` lines, not YAML between `---` lines",
        zh: "文件头应写在两行 `+++` 之间，用 TOML 格式，不能用 `---` 和 YAML",
    }
    front_yaml_hint() {
        en: "replace both `---` lines with `+++` and write the fields as TOML: `title = \"…\"`",
        zh: "请把两行 `---` 都改成 `+++`，字段写成 TOML 格式：`title = \"…\"`",
    }
    front_missing() { en: "the file does not start with front matter", zh: "文件开头没有文件头" }
    front_missing_hint() {
        en: "put a `+++` line, `title = \"…\"`, and another `+++` line at the top",
        zh: "请在最上面写一行 `+++`、一行 `title = \"…\"`，再一行 `+++`",
    }
    front_unclosed() { en: "the front matter is never closed", zh: "文件头没有结束行" }
    front_unclosed_hint() {
        en: "add a `+++` line after the last front-matter field",
        zh: "请在文件头最后一个字段的下面加一行 `+++`",
    }
    front_unknown_field_hint() {
        en: "remove the field or fix its spelling; `extra` takes any field a theme needs",
        zh: "请删掉这个字段，或改正拼写；主题需要的其他字段可以写在 `extra` 里",
    }
    front_unknown_kind(name) { en: "unknown `kind` {name}", zh: "不认识的 `kind`：{name}" }
    front_use_one_of_hint(choices) { en: "use one of {choices}", zh: "请从这些里选一个：{choices}" }
    front_not_a_date(key, text) { en: "`{key}` is not a date: {text}", zh: "`{key}` 不是日期：{text}" }
    front_date_hint(key) {
        en: "write it as {key} = 2024-03-05",
        zh: "日期格式应为 YYYY-MM-DD，例如 {key} = 2024-03-05",
    }
    // ── The command line (src/main.rs) ──
    cli_built(pages, files, out, ms) {
        en: "built {pages} pages ({files} files) into {out} in {ms} ms",
        zh: "已生成 {pages} 个页面（{files} 个文件），放在 {out}，用时 {ms} 毫秒",
    }
    cli_checked(pages, ms) {
        en: "checked {pages} pages: no errors in {ms} ms",
        zh: "已检查 {pages} 个页面，没有错误，用时 {ms} 毫秒",
    }
    cli_serving(pages, files, url, ms) {
        en: "serving {pages} pages ({files} files) at {url} (built in {ms} ms); watching for changes, Ctrl-C to stop",
        zh: "预览已开启：{url}，共 {pages} 个页面（{files} 个文件），生成用时 {ms} 毫秒；文件一改就自动更新，按 Ctrl-C 停止",
    }
    cli_rebuilt_told(line, browsers) {
        en: "{line}; {browsers} browser(s) told",
        zh: "{line}；已通知 {browsers} 个浏览器",
    }
    cli_wrote(path) { en: "wrote {path}", zh: "已写入 {path}" }
    cli_exported(count, out, ms) {
        en: "wrote {count} article(s) into {out} in {ms} ms",
        zh: "已写出 {count} 篇文章，放在 {out}，用时 {ms} 毫秒",
    }
    cli_init(dir) {
        en: "wrote a new site in {dir}; build it with `laurel build --root {dir}`",
        zh: "新网站已写入 {dir}；用 `laurel build --root {dir}` 生成网站",
    }
    cli_watch_nothing_built() {
        en: "nothing built yet; watching for changes, Ctrl-C to stop",
        zh: "还没有生成网站；文件一改就重新生成，按 Ctrl-C 停止",
    }
    cli_watch_built(files, out, ms) {
        en: "built {files} files into {out} in {ms} ms; watching for changes, Ctrl-C to stop",
        zh: "已生成 {files} 个文件，放在 {out}，用时 {ms} 毫秒；文件一改就重新生成，按 Ctrl-C 停止",
    }
    cli_watch_written(line, out) { en: "{line}; written to {out}", zh: "{line}；已写入 {out}" }
    cli_changed_nothing() { en: "nothing", zh: "无" }
    cli_changed_more(first, more) { en: "{first} (+{more} more)", zh: "{first}（另有 {more} 个）" }
    cli_removed(count) { en: ", {count} removed", zh: "，删除 {count} 个" }
    cli_rebuild_warnings(count) {
        en: " ({count} warning(s); `laurel check` lists them)",
        zh: "（{count} 条警告，`laurel check` 会一一列出）",
    }
    cli_rebuild(changed, rendered, touched, removed, ms, warnings) {
        en: "changed {changed}: {rendered} output(s) re-rendered, {touched} updated{removed} in {ms} ms{warnings}",
        zh: "{changed} 有改动：重新生成 {rendered} 个文件，更新 {touched} 个{removed}，用时 {ms} 毫秒{warnings}",
    }
    cli_still_failing() {
        en: "still failing with the same error(s) as above",
        zh: "仍有上面同样的错误",
    }
    cli_errors_kept(count) {
        en: "{count} error(s); the last good build stays in place until they are fixed",
        zh: "共 {count} 个错误；改好之前，仍保留上一次成功生成的网站",
    }
    cli_errors_nothing_written(count) {
        en: "{count} error(s); nothing was written",
        zh: "共 {count} 个错误；没有写入任何文件",
    }
    cli_caused_by(cause) { en: "  caused by: {cause}", zh: "  原因：{cause}" }
}
