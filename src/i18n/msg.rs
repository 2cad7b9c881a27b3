//! The message catalogue: every message laurel shows a person, in English
//! and Chinese. How to add one: see the [`crate::i18n`] module.
//!
//! Entries are grouped by the module that uses them, keys start with its
//! name. `{name}` in a text is the argument `name`.

use super::catalogue;

catalogue! {
    // ── How a diagnostic is laid out (src/error.rs) ──
    // Items of a list, one pair at a time (see `i18n::list`).
    list_and(; first, rest) { en: "{first}, {rest}", zh: "{first}、{rest}" }
    list_or(; first, rest) { en: "{first} or {rest}", zh: "{first}或{rest}" }
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
    io_error(path; action, cause) { en: "cannot {action} {path}: {cause}", zh: "无法{action} {path}：{cause}" }
    io_copy() { en: "copy", zh: "复制" }
    io_create() { en: "create", zh: "创建" }
    io_find() { en: "find", zh: "找到" }
    io_lock() { en: "lock", zh: "锁定" }
    io_move() { en: "move into place", zh: "移入" }
    io_read() { en: "read", zh: "读取" }
    io_remove() { en: "remove", zh: "删除" }
    io_restore() { en: "restore", zh: "恢复" }
    io_server_thread() { en: "start a server thread for", zh: "启动预览服务的线程：" }
    io_watcher() { en: "start a watcher for", zh: "监视" }
    io_write() { en: "write", zh: "写入" }
    // The system's reason, by its kind; in English as the system says it.
    io_not_found(detail_en) { en: "{detail_en}", zh: "找不到这个文件或文件夹" }
    io_permission_denied(detail_en) { en: "{detail_en}", zh: "没有权限（请检查文件或文件夹的权限）" }
    io_already_exists(detail_en) { en: "{detail_en}", zh: "它已经存在" }
    io_disk_full(detail_en) { en: "{detail_en}", zh: "磁盘已满，请先腾出空间" }
    io_read_only(detail_en) { en: "{detail_en}", zh: "文件系统是只读的" }
    io_is_a_folder(detail_en) { en: "{detail_en}", zh: "这是一个文件夹，不是文件" }
    io_not_a_folder(detail_en) { en: "{detail_en}", zh: "路径中有一段是文件，不是文件夹" }
    io_folder_not_empty(detail_en) { en: "{detail_en}", zh: "文件夹不是空的" }
    io_busy(detail_en) { en: "{detail_en}", zh: "文件正被别的程序使用，请关掉那个程序再试" }
    io_too_big(detail_en) { en: "{detail_en}", zh: "文件太大" }
    io_bad_name(detail_en) { en: "{detail_en}", zh: "文件名无效（太长或含有不允许的字符）" }
    io_cut_short(detail_en) { en: "{detail_en}", zh: "文件不完整，读到一半就结束了" }
    io_bad_data(detail_en) { en: "{detail_en}", zh: "文件内容无效" }
    io_timed_out(detail_en) { en: "{detail_en}", zh: "等待超时" }
    io_interrupted(detail_en) { en: "{detail_en}", zh: "操作被打断了，请再试一次" }
    io_out_of_memory(detail_en) { en: "{detail_en}", zh: "内存不够" }
    io_too_many_links(detail_en) { en: "{detail_en}", zh: "链接（快捷方式）层数太多，可能是链接指向了自己" }
    io_other_drive(detail_en) { en: "{detail_en}", zh: "不能在两个不同的磁盘之间移动" }
    io_address_in_use(detail_en) { en: "{detail_en}", zh: "这个端口已被别的程序占用" }
    io_address_unavailable(detail_en) { en: "{detail_en}", zh: "这台电脑没有这个地址" }
    io_connection_refused(detail_en) { en: "{detail_en}", zh: "对方拒绝了连接" }
    io_connection_lost(detail_en) { en: "{detail_en}", zh: "连接断开了" }
    io_unsupported(detail_en) { en: "{detail_en}", zh: "这个系统不支持这项操作" }
    io_other(detail) { en: "{detail}", zh: "系统报告：{detail}" }
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
    toml_bad_month(detail_en) {
        en: "{detail_en}",
        zh: "日期有误：月份应在 01 到 12 之间；日期格式应为 YYYY-MM-DD，例如 2026-03-05",
    }
    toml_bad_date_digits(detail_en) {
        en: "{detail_en}",
        zh: "日期有误：年份写四位数，月和日各写两位数（不足两位前面补 0）；日期格式应为 YYYY-MM-DD，例如 2026-03-05",
    }
    toml_bad_time(detail_en) {
        en: "{detail_en}",
        zh: "时间有误：时间格式应为 HH:MM:SS，例如 2026-03-05T08:30:00；只写日期也可以",
    }
    // A TOML syntax error, by what the `toml` crate says (its English stays).
    toml_no_value(detail_en) {
        en: "{detail_en}",
        zh: "这一行缺少 `=` 和值；每行应写成 键 = 值，例如 region = \"城东区\"",
    }
    toml_missing_value(detail_en) {
        en: "{detail_en}",
        zh: "`=` 后面缺少值，例如 region = \"城东区\"",
    }
    toml_extra_equals(detail_en) { en: "{detail_en}", zh: "多写了一个 `=`；每行只写一个 键 = 值" }
    toml_one_per_line(detail_en) {
        en: "{detail_en}",
        zh: "一行只能写一个 键 = 值；请把后面的内容移到下一行（注释以 # 开头）",
    }
    toml_no_key(detail_en) { en: "{detail_en}", zh: "`=` 前面缺少键名，例如 region = \"城东区\"" }
    toml_bad_key(detail_en) {
        en: "{detail_en}",
        zh: "键名只能用英文字母、数字、- 和 _；含别的文字的键名要放在英文双引号里",
    }
    toml_duplicate_key(detail_en) { en: "{detail_en}", zh: "同一个键写了两次；请删掉其中一个" }
    toml_unclosed_string(detail_en) {
        en: "{detail_en}",
        zh: "文字缺少结尾的英文双引号 \"（引号要成对，而且是英文引号）",
    }
    toml_unclosed_literal(detail_en) { en: "{detail_en}", zh: "文字缺少结尾的英文单引号 '（引号要成对）" }
    toml_unclosed_multiline(detail_en) { en: "{detail_en}", zh: "多行文字缺少结尾的三个引号 \"\"\"" }
    toml_bad_escape(detail_en) {
        en: "{detail_en}",
        zh: "引号里的反斜杠 \\ 写法无效；要写反斜杠本身请写两个 \\\\，或改用单引号",
    }
    toml_list_comma(detail_en) { en: "{detail_en}", zh: "列表的各项之间要用英文逗号隔开，例如 [\"甲\", \"乙\"]" }
    toml_list_extra_comma(detail_en) { en: "{detail_en}", zh: "列表里多了一个逗号" }
    toml_unclosed_list(detail_en) { en: "{detail_en}", zh: "列表缺少结尾的 `]`" }
    toml_unclosed_table(detail_en) { en: "{detail_en}", zh: "表头缺少结尾的 `]`，例如 [extra]" }
    toml_unclosed_table_list(detail_en) { en: "{detail_en}", zh: "表头缺少结尾的 `]]`，例如 [[entries]]" }
    toml_inline_comma(detail_en) {
        en: "{detail_en}",
        zh: "花括号里的各项之间要用英文逗号隔开，例如 `{ a = 1, b = 2 }`",
    }
    toml_inline_extra_comma(detail_en) { en: "{detail_en}", zh: "花括号里多了一个逗号" }
    toml_unclosed_inline(detail_en) { en: "{detail_en}", zh: "花括号缺少结尾的 `}`" }
    toml_leading_zero(detail_en) { en: "{detail_en}", zh: "数字不能以 0 开头；如果这是编号或电话，请放在英文双引号里" }
    toml_bad_number(detail_en) { en: "{detail_en}", zh: "数字写法有误；如果这是文字，请放在英文双引号里" }
    toml_number_too_big(detail_en) { en: "{detail_en}", zh: "数字太大；如果这是编号，请放在英文双引号里" }
    toml_bad_boolean(detail_en) { en: "{detail_en}", zh: "是或否只能写 true 或 false（小写，不加引号）" }
    toml_bad_value(detail_en) {
        en: "{detail_en}",
        zh: "这个值的写法有误：文字要放在英文双引号里，数字和 true、false 不加引号，列表写在 [ ] 里",
    }
    toml_bad_line_end(detail_en) { en: "{detail_en}", zh: "这一行的结尾有误，请删掉行尾多余的内容" }
    toml_missing_field(field) { en: "missing field `{field}`", zh: "缺少必填的 `{field}`" }
    toml_wrong_type(; found, expected) {
        en: "invalid type: {found}, expected {expected}",
        zh: "应为{expected}，现在写的是{found}",
    }
    // Kinds of TOML values, as the two above name them.
    toml_type_text() { en: "a string", zh: "放在英文双引号里的文字" }
    toml_type_integer() { en: "an integer", zh: "整数" }
    toml_type_number() { en: "a number", zh: "数字" }
    toml_type_boolean() { en: "a boolean", zh: " true 或 false" }
    toml_type_list() { en: "a list", zh: "列表（写在 [ ] 里）" }
    toml_type_table() { en: "a table", zh: "表格" }
    toml_type_date() { en: "a date", zh: "日期" }
    toml_negative(detail_en) { en: "{detail_en}", zh: "这里要写不小于 0 的整数" }
    toml_too_deep(detail_en) { en: "{detail_en}", zh: "列表或花括号套得太深了" }
    // ── laurel.toml (src/config.rs) ──
    config_unreadable(; cause) { en: "cannot read the site settings: {cause}", zh: "无法读取网站设置：{cause}" }
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
    config_base_url_no_host(url) {
        en: "`base_url` {url} names no host",
        zh: "`base_url` {url} 里没有域名",
    }
    config_base_url_character(url, character) {
        en: "`base_url` {url} holds {character}, which the address of a site cannot hold",
        zh: "`base_url` {url} 里有 {character}，网站的地址里不能有这个字符",
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
    front_use_one_of_hint(; choices) { en: "use one of {choices}", zh: "请从这些里选一个：{choices}" }
    front_not_a_date(key, text) { en: "`{key}` is not a date: {text}", zh: "`{key}` 不是日期：{text}" }
    front_date_hint(key) {
        en: "write it as {key} = 2024-03-05",
        zh: "日期格式应为 YYYY-MM-DD，例如 {key} = 2024-03-05",
    }
    // ── Kinds and their fields (src/kind/) ──
    kind_a_page(name) { en: "a {name} page", zh: "「{name}」类页面" }
    kind_a_plain_page() { en: "a plain page", zh: "普通页面" }
    kind_pages_and(; first, rest) { en: "{first}, {rest}", zh: "{first}、{rest}" }
    kind_pages(name) { en: "{name} pages", zh: "「{name}」类页面" }
    kind_plain_pages() { en: "plain pages", zh: "普通页面" }
    kind_missing_field(field, label) {
        en: "the front matter has no `{field}` ({label})",
        zh: "文件头缺少 `{field}`（{label}）",
    }
    kind_missing_field_hint(field; page) {
        en: "{page} needs it: add a line like `{field} = …`",
        zh: "{page}必须填写这一项：请加上一行，例如 `{field} = …`",
    }
    kind_take_only_common(; common, pages) {
        en: "{pages} take only the common fields {common}",
        zh: "{pages}只能用通用字段 {common}",
    }
    kind_take_own(; own, common, pages) {
        en: "{pages} take {own} besides the common fields {common}",
        zh: "{pages}除通用字段 {common} 外，还可以用 {own}",
    }
    kind_did_you_mean(field; listed) {
        en: "did you mean `{field}`? {listed}",
        zh: "是不是想写 `{field}`？{listed}",
    }
    kind_field_elsewhere(name, other; pages, listed) {
        en: "`{name}` is a field of {pages} (write kind = \"{other}\" if this is one); {listed}",
        zh: "`{name}` 是{pages}的字段（如果这就是那类页面，请写 kind = \"{other}\"）；{listed}",
    }
    kind_field_declare(kind; listed) {
        en: "{listed}; declare a new field under [kinds.{kind}.fields] in laurel.toml, or put it under `extra`",
        zh: "{listed}；新字段请在 laurel.toml 的 [kinds.{kind}.fields] 下声明，或写在 `extra` 里",
    }
    kind_not_a_field(name; page) {
        en: "`{name}` is not a field of {page}",
        zh: "`{name}` 不是{page}的字段",
    }
    kind_wrong_type(field, label; expected, found) {
        en: "`{field}` ({label}) must be {expected}, not {found}",
        zh: "`{field}`（{label}）应为{expected}，现在写的是{found}",
    }
    kind_write_it_as(field, example) { en: "write it as {field} = {example}", zh: "请写成 {field} = {example}" }
    kind_not_a_choice(field, value, label) {
        en: "`{field}` {value} is not one of the allowed values of {label}",
        zh: "`{field}` 的值 {value} 不在{label}的可选值里",
    }
    kind_choices_hint(field; choices) {
        en: "use one of {choices} (the choices of `{field}` in laurel.toml)",
        zh: "请从这些里选一个：{choices}（即 laurel.toml 里 `{field}` 的 choices）",
    }
    kind_found_text() { en: "string", zh: "文字" }
    kind_found_integer() { en: "integer", zh: "整数" }
    kind_found_float() { en: "float", zh: "小数" }
    kind_found_boolean() { en: "boolean", zh: "true 或 false" }
    kind_found_datetime() { en: "datetime", zh: "日期" }
    kind_found_array() { en: "array", zh: "列表" }
    kind_found_table() { en: "table", zh: "表格" }
    kind_type_text() { en: "text in quotes", zh: "放在引号里的文字" }
    kind_type_number() { en: "a whole number", zh: "整数" }
    kind_type_year() { en: "a year like 2024", zh: "年份，例如 2024" }
    kind_type_date() { en: "a date like 2024-03-05", zh: "日期，例如 2024-03-05" }
    kind_type_bool() { en: "true or false", zh: "true 或 false" }
    kind_type_url() { en: "a web address in quotes", zh: "放在引号里的网址" }
    kind_type_list() { en: "a list like [\"a\", \"b\"]", zh: "列表，例如 [\"甲\", \"乙\"]" }
    kind_type_records() { en: "a list of tables", zh: "表格的列表" }
    kind_type_bool_or_list() { en: "true, false or a list of column names", zh: "true、false 或列名的列表" }
    kind_type_table() { en: "a table", zh: "表格" }
    kind_bad_name(name) { en: "`kinds.{name}` is not a usable kind name", zh: "`kinds.{name}` 不能用作类型名" }
    kind_bad_name_hint() {
        en: "name a kind with lower-case letters, digits and `-`, e.g. [kinds.unit]",
        zh: "类型名请用小写字母、数字和 `-`，例如 [kinds.unit]",
    }
    kind_bad_table(name; detail) { en: "in [kinds.{name}]: {detail}", zh: "[kinds.{name}] 有误：{detail}" }
    kind_bad_table_hint() { en: "a kind takes `label` and `fields`", zh: "一个类型可以写 `label` 和 `fields`" }
    kind_bad_field(owner, name; detail) {
        en: "in [kinds.{owner}.fields.{name}]: {detail}",
        zh: "[kinds.{owner}.fields.{name}] 有误：{detail}",
    }
    kind_bad_field_hint() {
        en: "a field takes label, type, required, choices, show, filter, taxonomy and order",
        zh: "一个字段可以写 label、type、required、choices、show、filter、taxonomy 和 order",
    }
    // ── Pages (src/page.rs) ──
    page_no_url() { en: "cannot make a URL from the file name", zh: "无法用文件名生成网址" }
    page_no_url_hint() {
        en: "rename the file or add `slug = \"…\"` to the front matter",
        zh: "请给文件改个名，或在文件头加上 `slug = \"…\"`",
    }
    page_no_title() { en: "the front matter has no `title`", zh: "文件头缺少 `title`" }
    page_no_title_hint() {
        en: "add a line like `title = \"张三\"` between the `+++` lines",
        zh: "请在两行 `+++` 之间加上一行，例如 `title = \"张三\"`",
    }
    page_notice_reversed(end, start) {
        en: "`notice_end` {end} is before `notice_start` {start}",
        zh: "公示结束日期 `notice_end` {end} 早于开始日期 `notice_start` {start}",
    }
    page_notice_reversed_hint() {
        en: "swap the dates or correct the end of the notice period",
        zh: "请对调这两个日期，或改正公示结束日期",
    }
    page_notice_half() {
        en: "a notice period needs both `notice_start` and `notice_end`",
        zh: "公示期要同时写 `notice_start` 和 `notice_end`",
    }
    page_notice_half_hint() { en: "add the missing date, or remove the other one", zh: "请补上缺的日期，或删掉另一个" }
    page_bad_slug(slug) { en: "`slug` {slug} is not a valid URL part", zh: "`slug` {slug} 不能用在网址里" }
    page_bad_slug_hint(cleaned) {
        en: "use lower-case letters, digits and `-`, e.g. slug = {cleaned}",
        zh: "请用小写字母、数字和 `-`，例如 slug = {cleaned}",
    }
    // ── Content files (src/content.rs) ──
    content_no_folder() { en: "there is no content folder", zh: "没有 content 文件夹" }
    content_no_folder_hint() {
        en: "create `content/` with an `_index.md` for the home page",
        zh: "请新建 `content/` 文件夹，并在里面放一个首页用的 `_index.md`",
    }
    content_folder_link() {
        en: "this is a link to a folder, and laurel does not follow those",
        zh: "这是指向文件夹的链接（快捷方式），laurel 不读取这类链接",
    }
    content_special_link() {
        en: "this is a link to something that is neither a file nor a folder (a pipe, a socket or a device), which laurel does not read",
        zh: "这个链接指向的既不是文件也不是文件夹（而是管道、套接字或设备），laurel 不读取这类链接",
    }
    content_special_link_hint() {
        en: "remove the link, or put the file itself here",
        zh: "请删掉这个链接，或把文件本身放到这里",
    }
    content_folder_link_hint() {
        en: "move or copy the folder here instead of linking to it",
        zh: "请把文件夹移动或复制到这里，不要用链接",
    }
    content_dangling_link() {
        en: "this is a link to a file that does not exist",
        zh: "这是一个链接（快捷方式），但它指向的文件不存在",
    }
    content_dangling_link_hint() {
        en: "remove the link, or point it at an existing file",
        zh: "请删掉这个链接，或让它指向一个存在的文件",
    }
    content_unreadable_folder(; cause) {
        en: "cannot read the content folder: {cause}",
        zh: "无法读取 content 文件夹：{cause}",
    }
    content_unreadable_file(; cause) { en: "cannot read the file: {cause}", zh: "无法读取这个文件：{cause}" }
    content_not_utf8() { en: "the file is not valid UTF-8 text", zh: "这个文件不是 UTF-8 编码的文字" }
    content_not_utf8_hint() {
        en: "save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
        zh: "请用 UTF-8 编码另存一次（多数编辑器：另存为 → 编码 → UTF-8）",
    }
    // ── A page's story read again from its file (src/story.rs) ──
    story_changed() {
        en: "the file changed while the site was being built",
        zh: "生成网站的过程中，这个文件被改动了",
    }
    story_changed_hint() {
        en: "build the site again once the file is saved",
        zh: "请在文件保存好之后重新生成网站",
    }
    // ── The site as a whole (src/site.rs) ──
    site_name_ambiguous(name; files) {
        en: "{name} is the title of more than one person ({files}), so the name is not linked",
        zh: "有不止一个人物页的标题是 {name}（{files}），所以这个名字没有加链接",
    }
    site_name_ambiguous_hint() { en: "give the persons distinct titles", zh: "请给这些人物页起不同的标题" }
    site_name_unknown(name) {
        en: "`people` names {name}, but no person page has that title",
        zh: "`people` 里写了 {name}，但没有哪个人物页的标题是它",
    }
    site_name_unknown_hint() {
        en: "write the name exactly as the person page's `title`",
        zh: "请把名字写得和人物页的 `title` 完全一样",
    }
    site_cell_ambiguous(cell; files) {
        en: "{cell} in this list may mean {files}, so it is not linked",
        zh: "名单里的 {cell} 可能是 {files}，所以没有加链接",
    }
    site_unknown_person_slug(slug) {
        en: "the person_slug {slug} in this list names no person's page",
        zh: "名单里的 person_slug {slug} 没有对应的人物页",
    }
    site_unknown_person_slug_hint() {
        en: "write the slug of the person's page, the last part of its address (zhang-san in /people/zhang-san/), or leave the cell empty",
        zh: "请写人物页的 slug，也就是网址的最后一段（/people/zhang-san/ 里的 zhang-san），或把这一格留空",
    }
    site_cell_ambiguous_hint() {
        en: "add a person_slug column holding the slug of the person each row means",
        zh: "请加一列 person_slug，每行写上对应人物页的 slug",
    }
    site_missing_photo(photo) { en: "the photo {photo} does not exist", zh: "照片 {photo} 不存在" }
    site_missing_photo_hint() {
        en: "put the file beside the page (a page bundle), or under static/ and write it as /photos/name.jpg",
        zh: "请把照片放在这个页面旁边（页面文件夹），或放在 static/ 下并写成 /photos/文件名.jpg",
    }
    site_photo_no_alt(title) {
        en: "the photo has no `photo_alt`, so its alt text is the name {title}",
        zh: "照片没有写 `photo_alt`，替代文字暂用名字 {title}",
    }
    site_photo_no_alt_hint() {
        en: "add photo_alt = \"…\" saying what the photo shows, for readers who cannot see it",
        zh: "请加上 photo_alt = \"…\"，说明照片里是什么，方便看不见图片的读者",
    }
    site_unreadable_static(; cause) {
        en: "cannot read the static folder: {cause}",
        zh: "无法读取 static 文件夹：{cause}",
    }
    // ── Sections (src/section.rs) ──
    section_unknown_kind(name) { en: "unknown `page_kind` {name}", zh: "不认识的 `page_kind`：{name}" }
    section_unknown_kind_hint(; kinds) {
        en: "use one of {kinds} (or declare it under [kinds] in laurel.toml)",
        zh: "请从这些里选一个：{kinds}（也可以在 laurel.toml 的 [kinds] 下声明新类型）",
    }
    section_paginate_zero() { en: "`paginate_by` must be at least 1", zh: "`paginate_by` 至少为 1" }
    section_bad_period(value) {
        en: "`update_every` is not a period: {value}",
        zh: "`update_every` 不是一个时间长度：{value}",
    }
    section_bad_period_hint() {
        en: "write a number and d (days), w (weeks), m (months) or y (years), e.g. update_every = \"14d\"",
        zh: "请写数字加 d（天）、w（周）、m（月）或 y（年），例如 update_every = \"14d\"",
    }
    // ── Themes and templates (src/theme.rs) ──
    theme_missing(theme) { en: "there is no theme folder themes/{theme}", zh: "没有主题文件夹 themes/{theme}" }
    theme_missing_hint() {
        en: "set `theme = \"default\"` or add the theme's folder under themes/",
        zh: "请写 `theme = \"default\"`，或把主题文件夹放到 themes/ 下",
    }
    theme_not_utf8() { en: "the template is not valid UTF-8", zh: "这个模板不是 UTF-8 编码" }
    theme_unreadable(; cause) { en: "cannot read the template: {cause}", zh: "无法读取这个模板：{cause}" }
    theme_error(; detail) { en: "{detail}", zh: "模板有误：{detail}" }
    theme_within(place; detail) { en: "{place}: {detail}", zh: "{place}：{detail}" }
    // Tera's reasons, by what it says (its English stays).
    theme_found_expected(found, expected) {
        en: "Found {found} but expected {expected}.",
        zh: "这里是 {found}，应为 {expected}",
    }
    theme_end_of_input(detail_en) {
        en: "{detail_en}",
        zh: "模板没写完就结束了：{{ 要用 }} 结束，{% 要用 %} 结束，每个 {% if %} 或 {% for %} 都要有对应的 {% endif %} 或 {% endfor %}",
    }
    theme_unknown_variable(name, available) {
        en: "Variable `{name}` is not defined. Available variables: {available}",
        zh: "没有变量 `{name}`；可以用的变量有：{available}",
    }
    theme_unknown_variable_alone(name) {
        en: "Variable `{name}` is not defined.",
        zh: "没有变量 `{name}`",
    }
    theme_unknown_field(name, available) {
        en: "Field `{name}` is not defined. Available fields: {available}",
        zh: "没有字段 `{name}`；可以用的字段有：{available}",
    }
    theme_unknown_field_alone(name) { en: "Field `{name}` is not defined.", zh: "没有字段 `{name}`" }
    theme_undefined_value(name) {
        en: "Variable `{name}` exists but its value is undefined",
        zh: "变量 `{name}` 存在，但没有值；可以先用 {% if {name} %} 判断",
    }
    theme_unknown_filter(name) { en: "Unknown filter `{name}`", zh: "没有名为 `{name}` 的过滤器" }
    theme_unknown_function(name) { en: "Unknown function `{name}`", zh: "没有名为 `{name}` 的函数" }
    theme_unknown_test(name) { en: "Unknown test `{name}`", zh: "没有名为 `{name}` 的判断（is 后面的词）" }
    theme_unknown_template(name) { en: "Unknown template `{name}`", zh: "没有名为 `{name}` 的模板" }
    theme_tag_mismatch(closing, opening) {
        en: "Closing tag '{closing}' doesn't match opening tag '{opening}'",
        zh: "结束标签 {closing} 和开始标签 {opening} 对不上",
    }
    theme_unknown_block(name) {
        en: "Block `{name}` is not defined in any parent template",
        zh: "上级模板里没有名为 `{name}` 的 block",
    }
    theme_not_iterable(kind) {
        en: "Iteration not possible on type `{kind}`",
        zh: "{% for %} 不能遍历 `{kind}` 类型的值",
    }
    theme_divide_by_zero(detail_en) { en: "{detail_en}", zh: "不能除以 0" }
    theme_fix_hint() {
        en: "fix the template at that line (or remove the file to use the theme's own)",
        zh: "请改正模板的这一行（或删掉这个文件，改用主题自带的模板）",
    }
    theme_check_hint() {
        en: "check the templates under templates/ and the theme folder",
        zh: "请检查 templates/ 和主题文件夹里的模板",
    }
    // ── Where outputs go (src/render/plan.rs) ──
    plan_clash(; subject, problem) { en: "{subject}, {problem}", zh: "{subject}，{problem}" }
    // laurel's own outputs, named in messages.
    plan_made_404() { en: "laurel's 404 page", zh: "laurel 自带的 404 页面" }
    plan_made_feed() { en: "laurel's Atom feed", zh: "laurel 自带的 Atom 订阅" }
    plan_made_sitemap() { en: "laurel's sitemap", zh: "laurel 自带的网站地图" }
    plan_made_robots() { en: "laurel's robots.txt", zh: "laurel 自带的 robots.txt" }
    plan_made_search_page() { en: "laurel's search page", zh: "laurel 自带的搜索页" }
    plan_made_search_index() { en: "laurel's search index", zh: "laurel 自带的搜索索引" }
    plan_made_print_index() { en: "laurel's page of printable boards", zh: "laurel 自带的打印版面目录页" }
    plan_made_board() { en: "a printable board", zh: "一个打印版面" }
    plan_made_thumbnail() { en: "a thumbnail laurel makes", zh: "laurel 生成的一张缩略图" }
    plan_made_theme_file(file) { en: "the theme's {file}", zh: "主题自带的 {file}" }
    plan_builtin_at(url; what) { en: "{what} would be published at {url}", zh: "{what}会发布到 {url}" }
    plan_taxonomy_at(name, url) {
        en: "the taxonomy {name} would be published at {url}",
        zh: "分类 {name} 会发布到 {url}",
    }
    plan_page_at(url) { en: "this page would be published at {url}", zh: "这个页面会发布到 {url}" }
    plan_alias_at(url) {
        en: "an alias of this page would redirect from {url}",
        zh: "这个页面的别名（aliases）会从 {url} 跳转过来",
    }
    plan_copy_at(url) { en: "this file would be copied to {url}", zh: "这个文件会复制到 {url}" }
    plan_taxonomy_of(name, file) { en: "the taxonomy {name} of {file}", zh: "{file} 里的分类 {name}" }
    plan_alias_of(file) { en: "an alias of {file}", zh: "{file} 的别名" }
    plan_name_too_long(start, len, limit) {
        en: "but the name {start}… is longer than a file name may be ({len} bytes, at most {limit})",
        zh: "但名字 {start}… 太长，超过了文件名的长度上限（{len} 字节，最多 {limit} 字节）",
    }
    plan_shorter_name_hint() { en: "use a shorter name", zh: "请换一个短一些的名字" }
    plan_already_published(; first) { en: "where {first} is already published", zh: "而那里已经发布了 {first}" }
    plan_already_file(folder; first) {
        en: "but /{folder} is already a file, from {first}",
        zh: "但 /{folder} 已经是一个文件，来自 {first}",
    }
    plan_already_folder(path; first) {
        en: "but /{path}/ is already a folder, holding {first}",
        zh: "但 /{path}/ 已经是一个文件夹，里面有 {first}",
    }
    plan_builtin_hint() { en: "report this to laurel's developers", zh: "请把这个问题告诉 laurel 的开发者" }
    plan_taxonomy_hint() { en: "rename the taxonomy in laurel.toml", zh: "请在 laurel.toml 里给这个分类改名" }
    plan_section_builtin_hint() {
        en: "that address is laurel's own: rename the folder",
        zh: "这个地址是 laurel 自己要用的：请给文件夹改名",
    }
    plan_section_hint() { en: "rename the folder", zh: "请给文件夹改名" }
    plan_page_builtin_hint() {
        en: "that address is laurel's own: give this page another `slug` (or rename the file)",
        zh: "这个地址是 laurel 自己要用的：请给这个页面换一个 `slug`（或给文件改名）",
    }
    plan_page_hint() {
        en: "give one of them another `slug` (or rename the file)",
        zh: "请给其中一个换一个 `slug`（或给文件改名）",
    }
    plan_alias_hint() {
        en: "remove the alias: a redirect there would hide that page",
        zh: "请删掉这个别名：在那里跳转会把那个页面挡住",
    }
    plan_copy_hint() {
        en: "rename or move the file: a copied file may not replace another output",
        zh: "请给文件改名或换个位置：复制的文件不能顶替别的输出",
    }
    // ── The output folder (src/output.rs, src/output/) ──
    output_foreign(count) {
        en: "the output folder holds {count} file(s) laurel did not write; a build would delete them",
        zh: "输出文件夹里有 {count} 个不是 laurel 写的文件；生成网站会把它们删掉",
    }
    output_foreign_hint() {
        en: "move files you want published into static/, and delete the rest from the output folder",
        zh: "要发布的文件请移到 static/ 里，其余的请从输出文件夹里删掉",
    }
    output_refuse(; why) { en: "refusing to build into this folder: {why}", zh: "不能把网站生成到这个文件夹：{why}" }
    output_refuse_site() { en: "it holds the site itself", zh: "网站本身就在这个文件夹里" }
    output_refuse_inside(dir) { en: "it is inside {dir}/", zh: "它在 {dir}/ 里面" }
    output_refuse_foreign() {
        en: "it is not empty and was not written by laurel",
        zh: "它不是空的，而且不是 laurel 写的",
    }
    output_refuse_hint() {
        en: "choose another output folder with -o, e.g. -o public",
        zh: "请用 -o 换一个输出文件夹，例如 -o public",
    }
    output_dangling_link() {
        en: "the output folder is a symbolic link to a folder that does not exist",
        zh: "输出文件夹是一个链接（快捷方式），它指向的文件夹不存在",
    }
    output_dangling_link_hint() {
        en: "create the folder the link points to, or remove the link",
        zh: "请建好链接指向的文件夹，或删掉这个链接",
    }
    output_busy() {
        en: "another laurel is building into this folder right now",
        zh: "另一个 laurel 正在往这个文件夹里生成网站",
    }
    output_busy_hint() {
        en: "wait for that build (or `laurel build --watch`) to finish, or build into another folder with -o",
        zh: "请等那次生成（或 `laurel build --watch`）结束，或用 -o 生成到别的文件夹",
    }
    output_mount_point(; cause) {
        en: "cannot replace the output folder, as it is a mount point or on another drive ({cause})",
        zh: "无法替换输出文件夹：它是挂载点，或在另一个磁盘上（{cause}）",
    }
    output_mount_point_hint(shown) {
        en: "build into a folder inside it, e.g. -o {shown}/site",
        zh: "请生成到它里面的一个文件夹，例如 -o {shown}/site",
    }
    output_old_copy_left(name; cause) {
        en: "the output is in place, but laurel could not remove an older copy, {name} ({cause})",
        zh: "网站已经生成好，但 laurel 没能删掉旧的副本 {name}（{cause}）",
    }
    output_old_copy_left_hint(name) {
        en: "the next build tries again; if this repeats, delete {name} by hand",
        zh: "下次生成时会再试；如果一直这样，请手动删掉 {name}",
    }
    // ── The preview server (src/serve/) ──
    serve_cannot_listen(address; cause) {
        en: "cannot listen on {address}: {cause}",
        zh: "无法在 {address} 上开启预览：{cause}",
    }
    serve_cannot_listen_hint() {
        en: "another server may use this port: pick one with --port, or --port 0 for any free one",
        zh: "这个端口可能被别的程序占用了：请用 --port 换一个，或用 --port 0 让 laurel 自己挑一个空闲的",
    }
    serve_bind_hint() {
        en: "check the address given to --bind: 127.0.0.1 for this computer, 0.0.0.0 for other devices on the network too",
        zh: "请检查 --bind 后面的地址：只在本机预览用 127.0.0.1，让同一网络里的其他设备也能预览用 0.0.0.0",
    }
    serve_port_denied_hint() {
        en: "ports below 1024 need administrator rights: pick a larger one with --port, or --port 0 for any free one",
        zh: "1024 以下的端口需要管理员权限：请用 --port 换一个更大的端口，或用 --port 0 让 laurel 自己挑一个空闲的",
    }
    serve_no_address(; cause) { en: "the server has no address: {cause}", zh: "预览服务没有地址：{cause}" }
    serve_stopped(; cause) {
        en: "the preview server stopped accepting connections: {cause}",
        zh: "预览服务不再接受连接：{cause}",
    }
    serve_stopped_hint() { en: "start `laurel serve` again", zh: "请重新运行 `laurel serve`" }
    serve_panel_failed(errors) {
        en: "构建失败 · the last build failed with {errors} error(s); the page below is the last good build. Fix the file and save: this page reloads by itself.",
        zh: "网站生成失败，共 {errors} 个错误；下面显示的是上一次成功生成的页面。请改好文件并保存，本页会自动刷新。",
    }
    // The preview's plain replies, outside the editor (src/serve/respond.rs, connection.rs, listener.rs, wechat.rs).
    serve_reply_not_found() { en: "not found", zh: "这个地址没有页面" }
    serve_reply_bad_path() { en: "bad request path", zh: "这个地址无效" }
    serve_reply_only_get() { en: "only GET and HEAD", zh: "这里只接受 GET 和 HEAD 请求" }
    serve_reply_moved() { en: "moved", zh: "已移到新地址" }
    serve_reply_too_many_streams() {
        en: "Too many pages of this preview are open: close some tabs, then reload.",
        zh: "这个预览打开的网页太多了：请关掉一些标签页，再刷新",
    }
    serve_reply_too_many_connections() {
        en: "Too many connections; try again in a moment.",
        zh: "连接太多了，请稍后再试",
    }
    serve_reply_foreign_host() {
        en: "This preview answers only at localhost or at this computer's IP address, not at other names. Open the address `laurel serve` printed.",
        zh: "这个预览只在 localhost 或这台电脑的 IP 地址上回应，不认其他名字。请打开 `laurel serve` 显示的地址",
    }
    serve_reply_slow() { en: "The request took too long to arrive.", zh: "请求来得太慢了" }
    serve_reply_headers_too_large() { en: "The request's headers are too large.", zh: "请求头太大了" }
    serve_reply_http_version() { en: "Only HTTP/1.0 and HTTP/1.1 are supported.", zh: "只支持 HTTP/1.0 和 HTTP/1.1" }
    serve_reply_bad_request() { en: "Bad request.", zh: "请求无效" }
    serve_reply_no_article() { en: "no page is published there", zh: "这个地址没有发布页面" }
    serve_panel_close() { en: "close", zh: "关闭" }
    serve_page_title() { en: "构建失败 · laurel build failed", zh: "网站生成失败 · laurel" }
    serve_page_failed() {
        en: "构建失败 · the site could not be built, so there is nothing to show yet.",
        zh: "网站生成失败，暂时没有可以显示的页面。",
    }
    serve_page_fix() {
        en: "Fix the file(s) below and save: this page reloads by itself.",
        zh: "请改好下面列出的文件并保存，本页会自动刷新。",
    }
    serve_panel_error() { en: "error: ", zh: "错误：" }
    serve_panel_warning() { en: "warning: ", zh: "警告：" }
    serve_panel_hint() { en: "hint: ", zh: "提示：" }
    serve_panel_line(line) { en: ":{line}", zh: " 第 {line} 行" }
    // ── laurel new and laurel init (src/scaffold.rs) ──
    new_unknown_kind(kind) { en: "there is no kind {kind}", zh: "没有 {kind} 这个类型" }
    new_unknown_kind_hint(; kinds) {
        en: "use one of {kinds}, or declare it under [kinds] in laurel.toml",
        zh: "请从这些里选一个：{kinds}；也可以在 laurel.toml 的 [kinds] 下声明新类型",
    }
    new_no_url(title) { en: "cannot make a URL from the title {title}", zh: "无法用标题 {title} 生成网址" }
    new_no_url_hint() {
        en: "use a title with letters or Chinese characters",
        zh: "请用含有汉字或字母的标题",
    }
    new_field_choices(label, choices) { en: "{label}, one of: {choices}", zh: "{label}，可选：{choices}" }
    new_bad_section(section) {
        en: "the section {section} is not a folder inside content/",
        zh: "栏目 {section} 不是 content/ 里的文件夹",
    }
    new_bad_section_hint() {
        en: "name a folder under content/, e.g. --section people/2024",
        zh: "请写 content/ 下的文件夹，例如 --section people/2024",
    }
    new_exists() {
        en: "the file already exists; laurel never overwrites a file",
        zh: "这个文件已经存在；laurel 不会覆盖已有的文件",
    }
    new_exists_hint() {
        en: "choose another title, or edit the existing file",
        zh: "请换一个标题，或直接编辑已有的文件",
    }
    init_not_empty() {
        en: "the folder is not empty; laurel init never overwrites files",
        zh: "这个文件夹不是空的；laurel init 不会覆盖已有的文件",
    }
    init_not_empty_hint() {
        en: "choose a new folder name, e.g. `laurel init haoren`",
        zh: "请换一个新文件夹名，例如 `laurel init haoren`",
    }
    // ── Inspection checks (src/inspect.rs) ──
    inspect_empty_section(title) {
        en: "the section {title} has no published page (an empty column, 空白栏目, fails a government-website inspection)",
        zh: "栏目「{title}」没有已发布的页面（空白栏目，政府网站检查会判为不合格）",
    }
    inspect_empty_section_hint() {
        en: "add a page to it, or remove the section's folder",
        zh: "请给它加一个页面，或删掉这个栏目的文件夹",
    }
    inspect_stale_section(title, every, newest, days, today) {
        en: "the section {title} is to be updated every {every}, but its newest page is from {newest} ({days} days before {today})",
        zh: "栏目「{title}」应每 {every} 更新一次，但最新的页面是 {newest} 的（比 {today} 早 {days} 天）",
    }
    inspect_stale_section_undated(title, every) {
        en: "the section {title} is to be updated every {every}, but none of its pages has a date",
        zh: "栏目「{title}」应每 {every} 更新一次，但它的页面都没有日期",
    }
    inspect_stale_section_hint() {
        en: "publish a new page in it (or set `updated` on a page that changed), or change `update_every`",
        zh: "请在里面发布一个新页面（或给改过的页面写上 `updated`），也可以修改 `update_every`",
    }
    inspect_stale_home(newest, days, today, limit) {
        en: "the home page's newest item is from {newest}, {days} days before {today}; an inspection fails a home page not updated for {limit} days",
        zh: "首页最新的内容是 {newest} 的，比 {today} 早 {days} 天；首页 {limit} 天不更新，检查会判为不合格",
    }
    inspect_stale_home_hint() {
        en: "publish something new (or set `updated` on a page that changed)",
        zh: "请发布新内容（或给改过的页面写上 `updated`）",
    }
    inspect_undated(title) {
        en: "the page has no date, though the section {title} is dated (an inspection counts a page without a visible date as never updated)",
        zh: "这个页面没有日期，而栏目「{title}」的页面都应有日期（检查时，没有显示日期的页面算作从未更新）",
    }
    inspect_undated_hint() {
        en: "add `date = 2024-03-05` to its front matter, or start its file name with the date",
        zh: "请在文件头加上 `date = 2024-03-05`，或让文件名以日期开头",
    }
    inspect_wording(wrong, right) { en: "{wrong} should be {right}", zh: "「{wrong}」应为「{right}」" }
    inspect_wording_hint(right, wrong) {
        en: "write {right}; if {wrong} is right here, add \"{wrong}\" = \"\" to data/wording.toml",
        zh: "请改为「{right}」；如果这里「{wrong}」没错，请在 data/wording.toml 里加一行 \"{wrong}\" = \"\"",
    }
    inspect_insecure(url) {
        en: "{url} loads over plain http://, which browsers block on an https site (mixed content)",
        zh: "{url} 用的是 http:// 地址，https 网站上浏览器会拦截它（混合内容）",
    }
    inspect_insecure_hint() {
        en: "use its https:// address, or put a copy under static/ and link to that",
        zh: "请改用它的 https:// 地址，或把文件复制到 static/ 下再链接",
    }
    // ── The wording list (src/wording.rs) ──
    wording_unreadable(; cause) { en: "cannot read the file: {cause}", zh: "无法读取这个文件：{cause}" }
    wording_unreadable_hint() { en: "save it as UTF-8 text", zh: "请用 UTF-8 编码保存" }
    wording_too_large(detail_en) {
        en: "the wording list is too large to search: {detail_en}",
        zh: "用词表太大，无法查找",
    }
    wording_too_large_hint() { en: "keep the list to a few thousand pairs", zh: "用词表请控制在几千对以内" }
    wording_syntax_hint() {
        en: "write one pair a line: \"警钟常鸣\" = \"警钟长鸣\" (the wrong form, then the right one)",
        zh: "每行写一对：\"警钟常鸣\" = \"警钟长鸣\"（先写错的，再写对的）",
    }
    wording_empty_wrong() { en: "a wrong form is empty", zh: "有一个错误写法是空的" }
    wording_empty_wrong_hint() {
        en: "write the wrong form between the quotes, or remove the line",
        zh: "请在引号里写上错误写法，或删掉这一行",
    }
    wording_not_text(wrong, value) {
        en: "the right form of {wrong} is not text: {value}",
        zh: "「{wrong}」的正确写法不是文字：{value}",
    }
    wording_not_text_hint(wrong) { en: "write it in quotes: \"{wrong}\" = \"…\"", zh: "请写在引号里：\"{wrong}\" = \"…\"" }
    // ── The publisher block (src/publisher.rs) ──
    publisher_no_name() { en: "`[publisher]` needs a `name` (主办单位)", zh: "`[publisher]` 必须写 `name`（主办单位）" }
    publisher_no_name_hint() {
        en: "add a line like `name = \"清河市精神文明建设委员会办公室\"` under [publisher]",
        zh: "请在 [publisher] 下加一行，例如 `name = \"清河市精神文明建设委员会办公室\"`",
    }
    publisher_bad_police_record(value) {
        en: "`police_record` {value} holds no record number",
        zh: "`police_record` {value} 里没有备案号",
    }
    publisher_bad_police_record_hint() {
        en: "write it as issued, e.g. police_record = \"冀公网安备13010202000123号\"",
        zh: "请照备案证书原样填写，例如 police_record = \"冀公网安备13010202000123号\"",
    }
    // ── Watching for changes (src/watch.rs) ──
    watch_failed(root; cause) { en: "cannot watch {root} for changes: {cause}", zh: "无法监视 {root} 的改动：{cause}" }
    watch_too_many(detail_en) { en: "{detail_en}", zh: "系统能监视的文件数已到上限" }
    watch_failed_hint() {
        en: "on Linux, raise fs.inotify.max_user_watches, or close other programs that watch many files",
        zh: "在 Linux 上，请调大 fs.inotify.max_user_watches，或关掉其他监视大量文件的程序",
    }
    // ── A bug in laurel (src/bug.rs) ──
    bug_failed(what; doing) { en: "laurel failed while {doing}: {what}", zh: "laurel 运行出错（{doing}）：{what}" }
    bug_building() { en: "building the site", zh: "生成网站时" }
    bug_checking() { en: "checking the site", zh: "检查网站时" }
    bug_rebuilding(files) { en: "rebuilding after a change to {files}", zh: "{files} 改动后重新生成时" }
    bug_previewing(file) { en: "previewing {file}", zh: "预览 {file} 时" }
    bug_unknown() { en: "an unexpected failure", zh: "意外的故障" }
    bug_hint() {
        en: "this is a bug in laurel, not a mistake in your site: please report it, with the file(s) named here if you can share them; until it is fixed, undo the change that set it off",
        zh: "这是 laurel 的缺陷，不是网站写错了：请报告给开发者，方便的话附上这里提到的文件；修好之前，请先撤回引发它的改动",
    }
    // ── Rendering (src/render/, src/links.rs) ──
    render_bad_alias(alias; why) { en: "the alias {alias} {why}", zh: "别名 {alias} 有误：{why}" }
    alias_climbs_out() { en: "climbs out of the site with `..`", zh: "用 `..` 指到了网站外面" }
    alias_not_a_path() { en: "is not a path on this site", zh: "不是本网站上的路径" }
    alias_home_page() { en: "names the home page", zh: "指向的是首页" }
    render_alias_hint() {
        en: "write an alias as the old address from the site root, e.g. \"/old/zhang-san/\"",
        zh: "别名请写成从网站根目录起的旧地址，例如 \"/old/zhang-san/\"",
    }
    render_no_template(name) { en: "there is no template {name}", zh: "没有模板 {name}" }
    render_no_template_hint() {
        en: "add it under templates/, or remove `template` to use the theme's own",
        zh: "请把它放到 templates/ 下，或删掉 `template`，改用主题自带的模板",
    }
    render_thumbnail_cache(; cause) {
        en: "cannot create the thumbnail cache: {cause}",
        zh: "无法创建缩略图缓存：{cause}",
    }
    render_thumbnail_cache_hint() { en: "make the site folder writable", zh: "请让网站文件夹可以写入" }
    link_broken(url; reason) { en: "broken link {url}: {reason}", zh: "链接 {url} 无效：{reason}" }
    link_broken_hint() {
        en: "link to the source file, relative to this file (other.md) or from content/ (@/people/name.md)",
        zh: "请链接到源文件：相对于本文件（other.md），或从 content/ 算起（@/people/name.md）",
    }
    link_no_heading(url, source, fragment) {
        en: "broken link {url}: content/{source} has no heading #{fragment}",
        zh: "链接 {url} 无效：content/{source} 里没有标题 #{fragment}",
    }
    link_no_heading_hint() {
        en: "use the heading's text as the fragment, e.g. #主要事迹",
        zh: "# 后面请写标题的文字，例如 #主要事迹",
    }
    link_outside(path) { en: "{path} leads outside the content folder", zh: "{path} 指到了 content 文件夹外面" }
    link_no_source(source) { en: "there is no content/{source}", zh: "没有 content/{source} 这个文件" }
    link_not_published(path) {
        en: "nothing is published at /{path} (files in static/ are published at their path)",
        zh: "/{path} 这个地址上没有发布任何内容（static/ 里的文件按原路径发布）",
    }
    // ── Award lists (src/award.rs, src/award/) ──
    award_data_missing(name) { en: "the data file {name} does not exist", zh: "数据文件 {name} 不存在" }
    award_data_missing_hint() {
        en: "put it beside the page or under data/, and write its file name here",
        zh: "请把它放在这个页面旁边或 data/ 下，并在这里写上它的文件名",
    }
    award_data_outside(name) {
        en: "the data file {name} is outside the site's content/ and data/ folders",
        zh: "数据文件 {name} 不在网站的 content/ 或 data/ 文件夹里",
    }
    award_data_outside_hint() {
        en: "put it beside the page or under data/, and write its name without `..` or a leading /",
        zh: "请把它放在这个页面旁边或 data/ 下，文件名前不要写 `..` 或 /",
    }
    award_data_linked(name) {
        en: "the data file {name} is a link to a file outside the site",
        zh: "数据文件 {name} 是一个链接（快捷方式），指向网站外面的文件",
    }
    award_data_linked_hint() {
        en: "copy the file itself beside the page or under data/ instead of linking to it",
        zh: "请把文件本身复制到这个页面旁边或 data/ 下，不要用链接",
    }
    award_data_format(shown) {
        en: "cannot read {shown}: laurel reads .csv, .tsv, .xlsx and .toml award data",
        zh: "无法读取 {shown}：名单数据只能是 .csv、.tsv、.xlsx 或 .toml 文件",
    }
    award_data_format_hint() {
        en: "save the list as CSV (UTF-8 or GBK) and name that file in `data`",
        zh: "请把名单另存为 CSV（UTF-8 或 GBK 编码），并在 `data` 里写上这个文件名",
    }
    award_data_unreadable(; cause) { en: "cannot read the data file: {cause}", zh: "无法读取数据文件：{cause}" }
    award_data_too_large(mib) {
        en: "the data file is larger than {mib} MiB, more than laurel reads",
        zh: "数据文件超过 {mib} MiB，laurel 读不了这么大的文件",
    }
    award_upload_file_type() {
        en: "laurel imports award lists from .xlsx, .csv and .tsv files",
        zh: "名单只能从 .xlsx、.csv 或 .tsv 文件导入",
    }
    award_upload_file_type_hint() {
        en: "save the list in Excel or WPS as .xlsx (or as CSV) and upload that file",
        zh: "请在 Excel 或 WPS 里把名单另存为 .xlsx（或 CSV）文件，再上传",
    }
    award_data_too_large_hint() {
        en: "keep only the list in the file: no pictures, no other sheets, no empty rows below it",
        zh: "文件里请只放名单：不要有图片、别的工作表，名单下面也不要有空行",
    }
    award_row_column(row, column) { en: "row {row}, column {column}", zh: "第 {row} 行第 {column} 列" }
    award_entry(number) { en: "entry {number}", zh: "第 {number} 条" }
    award_no_header() { en: "the file has no header row", zh: "这个文件没有标题行" }
    award_no_header_hint() { en: "put the column names in the first row", zh: "请在第一行写上各列的名称" }
    award_ragged_row(len, expected) {
        en: "this row has {len} cells, but the header has {expected}",
        zh: "这一行有 {len} 格，但标题行有 {expected} 格",
    }
    award_ragged_row_hint() {
        en: "add or remove cells so every row matches the header (a cell with a comma needs \"quotes\")",
        zh: "请增删单元格，让每一行都和标题行对齐（含逗号的单元格要加英文双引号 \"\"）",
    }
    award_table_unreadable(detail_en) {
        en: "cannot read the table: {detail_en}",
        zh: "无法读取这个表格，它不是 laurel 能读取的 CSV 格式",
    }
    award_unknown_column(name) {
        en: "`columns` names {name}, which is not a column of the list",
        zh: "`columns` 里的 {name} 不是名单里的列",
    }
    award_columns_hint(; columns) { en: "the columns are: {columns}", zh: "名单的列有：{columns}" }
    award_bad_utf8(; places) {
        en: "the file is UTF-8 but has bytes that are not, shown as \u{FFFD}: {places}",
        zh: "这个文件是 UTF-8 编码，但有些字节不是，显示为 \u{FFFD}：{places}",
    }
    award_place_line_column(line, column) { en: "line {line} column {column}", zh: "第 {line} 行第 {column} 列" }
    award_places_more(count) { en: "and {count} more", zh: "另有 {count} 处" }
    award_mixed_encoding(; lines) {
        en: "the file is UTF-8, but these lines were saved as GBK: {lines}; laurel read each line in its own encoding",
        zh: "这个文件是 UTF-8 编码，但第 {lines} 行是用 GBK 编码保存的；laurel 已按各行自己的编码读取",
    }
    award_mixed_encoding_hint() {
        en: "check those lines on the page, then save the whole file again as UTF-8 (in Excel: CSV UTF-8)",
        zh: "请在页面上核对这几行，再把整个文件另存为 UTF-8 编码（Excel 里选“CSV UTF-8”）",
    }
    award_bad_utf8_hint() {
        en: "open the file in a text editor, retype the marked characters and save it as UTF-8",
        zh: "请用文本编辑器打开这个文件，重新输入标出的字，再用 UTF-8 编码保存",
    }
    xlsx_resave_hint() {
        en: "open it in Excel or WPS and save it again as .xlsx, or save the list as CSV",
        zh: "请用 Excel 或 WPS 打开它，重新另存为 .xlsx，或把名单另存为 CSV",
    }
    xlsx_unreadable(; cause) { en: "cannot read the workbook: {cause}", zh: "无法读取这个工作簿：{cause}" }
    xlsx_part_unreadable(; place, cause) {
        en: "cannot read the workbook: {place}: {cause}",
        zh: "无法读取这个工作簿：{place}：{cause}",
    }
    xlsx_no_sheet(shown, wanted) { en: "the workbook {shown} has no sheet {wanted}", zh: "工作簿 {shown} 里没有工作表 {wanted}" }
    xlsx_sheets_hint(; sheets) { en: "its sheets are: {sheets}", zh: "它的工作表有：{sheets}" }
    xlsx_no_sheets() { en: "the workbook has no sheets", zh: "这个工作簿里没有工作表" }
    xlsx_part_too_big(mib; place) {
        en: "the workbook is too big: {place} unpacks to more than {mib} MiB",
        zh: "工作簿太大：{place} 解压后超过 {mib} MiB",
    }
    xlsx_too_big(mib) {
        en: "the workbook is too big: it unpacks to more than {mib} MiB",
        zh: "工作簿太大：解压后超过 {mib} MiB",
    }
    xlsx_too_big_hint() {
        en: "save the list alone, without pictures or other sheets, as .xlsx or CSV",
        zh: "请只保存名单本身（不要图片和别的工作表），存为 .xlsx 或 CSV",
    }
    xlsx_bad_range(range, rows; place) {
        en: "the workbook is damaged: {place} has the cell reference {range}, beyond Excel's last cell XFD{rows}",
        zh: "工作簿已损坏：{place} 的单元格引用 {range} 超出了 Excel 的最后一格 XFD{rows}",
    }
    xlsx_bad_strings(count; place) {
        en: "the workbook is damaged: {place} declares {count} shared strings, more than it can hold",
        zh: "工作簿已损坏：{place} 声明了 {count} 个共享字符串，超出了它能容纳的数量",
    }
    xlsx_sheet_unreadable(name; cause) { en: "cannot read the sheet {name}: {cause}", zh: "无法读取工作表 {name}：{cause}" }
    xlsx_cell_too_far(sheet, cell, area) {
        en: "the sheet {sheet} has a cell at {cell}, outside {area}, the most an award list may span",
        zh: "工作表 {sheet} 在 {cell} 有内容，超出了名单最大的范围 {area}",
    }
    xlsx_cell_too_far_hint() {
        en: "delete the rows and columns beyond the list (select them, then Delete) and save the workbook again",
        zh: "请删掉名单以外的行和列（选中后按 Delete），再保存工作簿",
    }
    xlsx_long_number(sheet, cell, digits) {
        en: "the sheet {sheet} holds at {cell} a {digits}-digit number stored as a number: spreadsheets keep only its first 15 digits, so it cannot be published as written",
        zh: "工作表 {sheet} 的 {cell} 是以数字格式存放的 {digits} 位数：表格只保存它的前 15 位，无法照原样发布",
    }
    xlsx_long_number_hint() {
        en: "an ID or bank card number must not be published: delete the column; for a code, format the column as text (or type ' before the number) and enter it again",
        zh: "身份证号、银行卡号不能公开发布，请删掉这一列；如果是编号，请把这一列设成文本格式（或在数字前输入英文单引号 '）后重新输入",
    }
    xlsx_too_many_cells(sheet, max) {
        en: "the sheet {sheet} spans more than {max} cells, more than an award list may use",
        zh: "工作表 {sheet} 超过 {max} 个单元格，名单不能这么大",
    }
    xlsx_too_many_cells_hint() {
        en: "delete the rows and columns beyond the list, or split the list into several workbooks",
        zh: "请删掉名单以外的行和列，或把名单拆成几个工作簿",
    }
    // Parts of a workbook, named in messages.
    xlsx_place_sheet(name) { en: "the sheet {name}", zh: "工作表 {name}" }
    xlsx_place_strings(part) { en: "{part}", zh: "共享文字表（{part}）" }
    xlsx_place_styles(part) { en: "{part}", zh: "样式表（{part}）" }
    xlsx_place_workbook(part) { en: "{part}", zh: "工作簿目录（{part}）" }
    xlsx_place_part(part) { en: "{part}", zh: "工作簿内部文件 {part}" }
    // Why a workbook cannot be read (the library's English stays).
    xlsx_not_a_workbook(detail_en) {
        en: "{detail_en}",
        zh: "它不是 .xlsx 工作簿，或者文件已损坏、不完整（旧的 .xls 格式要先另存为 .xlsx）",
    }
    xlsx_missing_part(part) {
        en: "File not found '{part}'",
        zh: "工作簿里缺少内部文件 {part}，它可能不是用 Excel 或 WPS 保存的",
    }
    xlsx_bad_xml(detail_en) { en: "{detail_en}", zh: "工作簿里有损坏的内容" }
    xlsx_empty_sheet(name) { en: "the sheet {name} is empty", zh: "工作表 {name} 是空的" }
    xlsx_empty_sheet_hint() {
        en: "put the column names in the first row and the list below them",
        zh: "请在第一行写上各列的名称，下面写名单",
    }
    // ── Photos (src/render/photo/) ──
    photo_unreadable(photo, shown; why) {
        en: "the photo {photo} ({shown}) cannot be read: {why}",
        zh: "无法读取照片 {photo}（{shown}）：{why}",
    }
    photo_not_an_image(detail_en) {
        en: "not a photo laurel can read ({detail_en})",
        zh: "这不是 laurel 能读取的照片格式（能读取 JPEG、PNG 和 WebP）",
    }
    photo_unknown_format() {
        en: "not a photo laurel can read",
        zh: "这不是 laurel 能读取的照片格式（能读取 JPEG、PNG 和 WebP）",
    }
    photo_decoder_limit(side, detail_en) {
        en: "the photo is too large ({detail_en}); at most {side} pixels a side",
        zh: "照片太大了，每边最多 {side} 像素",
    }
    photo_cut_short(detail_en) {
        en: "the file is cut short ({detail_en})",
        zh: "文件不完整：照片只有前面一部分（可能没有复制或下载完）",
    }
    photo_cut_short_jpeg() {
        en: "the file is cut short: the JPEG has no end",
        zh: "文件不完整：这张 JPEG 照片没有结尾（可能没有复制或下载完）",
    }
    photo_damaged(detail_en) { en: "the file is damaged ({detail_en})", zh: "文件已损坏" }
    photo_no_pixels() { en: "the photo has no pixels", zh: "这张照片没有像素" }
    photo_thumbnail_unencodable(detail_en) {
        en: "cannot write a thumbnail: {detail_en}",
        zh: "无法把这张照片压缩成 JPEG 缩略图",
    }
    photo_cache_unwritable(; cause) {
        en: "cannot write the thumbnail cache: {cause}",
        zh: "无法写入缩略图缓存：{cause}",
    }
    photo_unreadable_hint() {
        en: "open the photo in an image editor and save it again as JPEG or PNG, or replace the file",
        zh: "请用图片编辑软件打开照片，另存为 JPEG 或 PNG，或换一张照片",
    }
    photo_too_large(photo, shown, width, height, megapixels, side) {
        en: "the photo {photo} ({shown}) is {width}×{height} pixels, more than laurel reads (at most {megapixels} megapixels, {side} pixels a side)",
        zh: "照片 {photo}（{shown}）有 {width}×{height} 像素，太大了，laurel 读不了（最多 {megapixels} 百万像素，每边最多 {side} 像素）",
    }
    photo_too_large_hint() {
        en: "resize the photo in an image editor and save it again: 4000 pixels on the long side is plenty",
        zh: "请用图片编辑软件缩小照片再保存：长边 4000 像素就足够了",
    }
    // ── Personal data (src/personal.rs, src/personal/) ──
    personal_resident_id() { en: "a resident ID number", zh: "身份证号" }
    personal_mobile() { en: "a mobile phone number", zh: "手机号" }
    personal_bank_card() { en: "a bank card number", zh: "银行卡号" }
    personal_mask_not_a_list() {
        en: "`mask` masks the numbers of an award list, and this page is none",
        zh: "`mask` 只用于遮挡名单里的号码，而这个页面不是名单",
    }
    personal_mask_not_a_list_hint() {
        en: "remove `mask`, and write any number in the text masked by hand, like 138****5678",
        zh: "请删掉 `mask`；正文里的号码请自己遮挡后再写，例如 138****5678",
    }
    personal_not_a_mask() {
        en: "`mask` is neither true, false nor a list of column names",
        zh: "`mask` 应为 true、false 或列名的列表",
    }
    personal_not_a_mask_hint() {
        en: "write mask = true to mask every column, or mask = [\"身份证号\", \"联系电话\"]",
        zh: "遮挡所有列请写 mask = true，只遮挡某几列请写 mask = [\"身份证号\", \"联系电话\"]",
    }
    personal_in_text(masked; what) {
        en: "this line holds {what} ({masked}), which must not be published",
        zh: "这一行有{what}（{masked}），不能公开发布",
    }
    personal_in_text_hidden(masked; what) {
        en: "this line holds {what} ({masked}) as readers see it, split by marks or written as escapes",
        zh: "这一行有{what}（{masked}）：它被符号隔开或用转义写出，读者看到的仍是完整的号码",
    }
    personal_in_text_hint(masked) {
        en: "remove the number, or write it masked by hand: {masked}",
        zh: "请删掉这个号码，或遮挡后再写：{masked}",
    }
    personal_in_file_name(masked; what) {
        en: "the file name holds {what} ({masked}), which would be published in the page's address",
        zh: "文件名里有{what}（{masked}），会出现在页面的网址里",
    }
    personal_in_file_name_hint() {
        en: "rename the file (or its folder) without the number",
        zh: "请给文件（或它所在的文件夹）改名，去掉这个号码",
    }
    personal_in_address(address; what) {
        en: "the page's address {address} holds {what}, which must not be published",
        zh: "页面的网址 {address} 里有{what}，不能公开发布",
    }
    personal_in_address_hint() {
        en: "write a slug without the number in the front matter (slug = \"…\"), or rename the file",
        zh: "请在 front matter 里写一个不带号码的 slug（slug = \"…\"），或给文件改名",
    }
    personal_in_published_name(masked; what) {
        en: "the file name holds {what} ({masked}), and the file is published under it",
        zh: "文件名里有{what}（{masked}），文件会用这个名字公开发布",
    }
    personal_in_published_file(masked; what) {
        en: "this file is published as it is, and this line holds {what} ({masked})",
        zh: "这个文件会原样发布，这一行有{what}（{masked}）",
    }
    personal_in_published_part(part, masked; what) {
        en: "this file is published as it is, and its part {part} holds {what} ({masked})",
        zh: "这个文件会原样发布，其中的 {part} 有{what}（{masked}）",
    }
    personal_in_published_hint(count) {
        en: "remove the numbers from the file ({count} in all), or move it out of content/ and static/, whose files are all published as they are; an award list can read its data file from data/, which is never published",
        zh: "请删掉文件里的号码（共 {count} 个），或把文件移出 content/ 和 static/（这两个文件夹里的文件都会原样发布）；名单的数据文件可以放在 data/ 里，那里的文件不会发布",
    }
    personal_published_unreadable(; cause) {
        en: "laurel cannot look inside this file for personal numbers ({cause}); it is published as it is",
        zh: "laurel 无法检查这个文件里有没有个人号码（{cause}），它会原样发布",
    }
    personal_not_an_office_file(detail_en) { en: "not a readable Office file: {detail_en}", zh: "它不是能读取的 Office 文件" }
    personal_published_unreadable_hint() {
        en: "check the file yourself before publishing; an Office file saved with a password cannot be read",
        zh: "发布前请自己检查这个文件；设了密码的 Office 文件无法读取",
    }
    personal_in_cell(column, masked; place, what) {
        en: "{place} ({column}) holds {what} ({masked}), which must not be published unmasked",
        zh: "{place}（{column}）有{what}（{masked}），不遮挡就不能发布",
    }
    personal_mask_all_hint(page) {
        en: "add mask = true to the front matter of {page} to publish it masked, or remove the number",
        zh: "请在 {page} 的文件头加上 mask = true，遮挡后再发布；或删掉这个号码",
    }
    personal_mask_column_hint(column, page, masked) {
        en: "add mask = [\"{column}\"] (or mask = true) to the front matter of {page} to publish it masked as {masked}, or remove the number",
        zh: "请在 {page} 的文件头加上 mask = [\"{column}\"]（或 mask = true），发布时显示为 {masked}；或删掉这个号码",
    }
    personal_unknown_column(name) {
        en: "`mask` names {name}, which is not a column of the list",
        zh: "`mask` 里的 {name} 不是名单里的列",
    }
    // ── WeChat export (src/export/) ──
    export_name_hint() {
        en: "name a content file like content/people/zhang-san.md, or a section folder like content/people",
        zh: "请写内容文件，例如 content/people/zhang-san.md，或栏目文件夹，例如 content/people",
    }
    export_empty_section() { en: "the section has no pages to export", zh: "这个栏目没有可以导出的页面" }
    export_no_page(rel) { en: "there is no page content/{rel}", zh: "没有 content/{rel} 这个页面" }
    export_cache_unwritable(dir; cause) { en: "cannot create the cache {dir}: {cause}", zh: "无法创建缓存文件夹 {dir}：{cause}" }
    export_picture_too_big() {
        en: "the picture does not fit the 公众号 limits at any size",
        zh: "这张图片无论缩到多小，都超出公众号的大小限制",
    }
    export_cache_hint() { en: "make the site folder writable", zh: "请让网站文件夹可以写入" }
    export_picture_missing(path) {
        en: "the picture {path} is not a file of the site",
        zh: "图片 {path} 不是网站里的文件",
    }
    export_picture_missing_hint() {
        en: "put the picture beside the page or under static/, and check its path",
        zh: "请把图片放在这个页面旁边或 static/ 下，并检查路径",
    }
    export_picture_unreadable(path; why) {
        en: "the picture {path} cannot be read: {why}",
        zh: "无法读取图片 {path}：{why}",
    }
    export_picture_unreadable_hint() {
        en: "open the picture in an image editor and save it again as JPEG or PNG, or replace the file",
        zh: "请用图片编辑软件打开它，另存为 JPEG 或 PNG，或换一张图片",
    }
    // ── laurel deploy (src/deploy/, src/progress.rs) ──
    deploy_no_such_target(name) {
        en: "there is no [deploy.{name}] target",
        zh: "没有名为 [deploy.{name}] 的发布目标",
    }
    deploy_add_named_target_hint() {
        en: "add one: [deploy.NAME] with url = \"s3://bucket/folder\", endpoint and region, or url = \"file:///mnt/www/site\"",
        zh: "请添加一个：在 [deploy.名称] 下写 url = \"s3://存储空间/文件夹\" 以及 endpoint 和 region，或者写 url = \"file:///mnt/www/site\"",
    }
    deploy_targets_are(; names) { en: "the targets are: {names}", zh: "已有的发布目标：{names}" }
    deploy_no_target() { en: "there is no deploy target", zh: "还没有设置发布目标" }
    deploy_add_target_hint() {
        en: "add one: [deploy.oss] with url = \"s3://bucket/folder\", endpoint and region, or [deploy.disk] with url = \"file:///mnt/www/site\"",
        zh: "请添加一个：在 [deploy.oss] 下写 url = \"s3://存储空间/文件夹\" 以及 endpoint 和 region，或者在 [deploy.disk] 下写 url = \"file:///mnt/www/site\"",
    }
    deploy_several_targets(names) {
        en: "there are several deploy targets ({names})",
        zh: "有多个发布目标（{names}）",
    }
    deploy_several_targets_hint() {
        en: "say which with --target NAME",
        zh: "请用 --target 名称 指明发布到哪一个",
    }
    deploy_no_object_storage(name) {
        en: "[deploy.{name}] is object storage, and this laurel was built without it",
        zh: "[deploy.{name}] 是对象存储，而这个 laurel 在编译时没有包含对象存储功能",
    }
    deploy_no_object_storage_hint() {
        en: "deploy to a folder, or use a laurel built with its default features",
        zh: "请发布到文件夹，或者换用按默认功能编译的 laurel",
    }
    deploy_no_manifest_to_delete(target) {
        en: "{target} has no laurel manifest yet, so --delete removes nothing this time",
        zh: "{target} 里还没有 laurel 的发布清单，所以这次 --delete 不会删除任何文件",
    }
    deploy_no_manifest_to_delete_hint() {
        en: "deploy once without --delete; from then on --delete removes the files the build no longer has",
        zh: "请先不加 --delete 发布一次；以后再加 --delete，就会删除网站里已经没有的文件",
    }
    deploy_no_access_key(target) {
        en: "no access key for {target}",
        zh: "找不到 {target} 的访问密钥（AccessKey）",
    }
    deploy_no_access_key_hint(profile) {
        en: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or write aws_access_key_id and aws_secret_access_key under [{profile}] in ~/.aws/credentials",
        zh: "请设置环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，或者在 ~/.aws/credentials 的 [{profile}] 下写上 aws_access_key_id 和 aws_secret_access_key",
    }
    deploy_folder_unopenable(folder; cause) {
        en: "cannot open the deploy folder {folder}: {cause}",
        zh: "无法打开发布文件夹 {folder}：{cause}",
    }
    deploy_folder_unopenable_hint() {
        en: "create the folder, or mount the disk or share it is on, then deploy again",
        zh: "请先建好这个文件夹，或者接上它所在的磁盘、连上它所在的共享文件夹，然后再发布一次",
    }
    deploy_folder_in_site(folder) {
        en: "the deploy folder {folder} holds the site, or lies in its output folder or in a folder the build reads (content, static, templates, themes, data)",
        zh: "发布文件夹 {folder} 包含了网站本身，或者位于网站的输出文件夹或生成时读取的文件夹（content、static、templates、themes、data）里",
    }
    deploy_folder_in_site_hint() {
        en: "deploy to a folder outside the site, e.g. url = \"file:///mnt/www/haoren\"",
        zh: "请发布到网站以外的文件夹，例如 url = \"file:///mnt/www/haoren\"",
    }
    deploy_path_leaves_folder(path) {
        en: "refusing to write {path}, which leaves the deploy folder",
        zh: "不能写入 {path}：它会超出发布文件夹",
    }
    deploy_not_a_folder(path) {
        en: "{path} is a link or a file where laurel needs a folder",
        zh: "{path} 是一个链接或文件，而 laurel 需要在这里放一个文件夹",
    }
    deploy_not_a_folder_hint() {
        en: "laurel follows no links in a deploy folder: remove it, then deploy again",
        zh: "laurel 不会进入发布文件夹里的链接：请删掉它，然后再发布一次",
    }
    deploy_unreachable(endpoint, path; cause) {
        en: "cannot reach {endpoint} for {path}: {cause}",
        zh: "无法连接 {endpoint}（正在处理 {path}）：{cause}",
    }
    deploy_no_such_host(detail_en) { en: "{detail_en}", zh: "找不到这个服务器（请检查网址是否写对）" }
    deploy_timed_out(detail_en) { en: "{detail_en}", zh: "等了太久没有回应" }
    deploy_connection_failed(detail_en) { en: "{detail_en}", zh: "连不上服务器" }
    deploy_secure_connection(detail_en) {
        en: "{detail_en}",
        zh: "无法建立安全连接（HTTPS）：请检查电脑的日期时间和网址是否正确",
    }
    deploy_unreachable_hint() {
        en: "check the network and the endpoint in laurel.toml, then deploy again: files sent already are not sent twice",
        zh: "请检查网络和 laurel.toml 里的 endpoint，然后再发布一次；已经上传的文件不会重复上传",
    }
    deploy_refused(target, status, code, detail; what) {
        en: "{target} refused to {what}: {status} {code} {detail}",
        zh: "{target} 不允许{what}：{status} {code} {detail}",
    }
    deploy_refused_read(path) { en: "read {path}", zh: "读取 {path}" }
    deploy_refused_list() { en: "list the bucket", zh: "列出存储空间里的文件" }
    deploy_refused_store(path) { en: "store {path}", zh: "上传 {path}" }
    deploy_refused_delete(path) { en: "delete {path}", zh: "删除 {path}" }
    deploy_no_such_bucket_hint() {
        en: "check the bucket name in the url and that endpoint and region are the bucket's",
        zh: "请检查 url 里的存储空间名称，以及 endpoint 和 region 是否与这个存储空间一致",
    }
    deploy_access_denied_hint() {
        en: "check the access key (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials) and that it may write to the bucket",
        zh: "请检查访问密钥（AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，或者 ~/.aws/credentials），以及它有没有写入这个存储空间的权限",
    }
    deploy_wrong_region_hint() {
        en: "check that endpoint and region in laurel.toml are the bucket's",
        zh: "请检查 laurel.toml 里的 endpoint 和 region 是否与这个存储空间一致",
    }
    deploy_try_later_hint() {
        en: "deploy again later; files sent already are not sent twice",
        zh: "请稍后再发布一次；已经上传的文件不会重复上传",
    }
    deploy_not_a_table(name) {
        en: "`deploy.{name}` must be a table of settings",
        zh: "`deploy.{name}` 应该是一组设置",
    }
    deploy_not_a_table_hint(header) {
        en: "write {header} on a line of its own, then url = \"s3://bucket/folder\" below it",
        zh: "请把 {header} 单独写成一行，再在它下面写 url = \"s3://存储空间/文件夹\"",
    }
    deploy_credential_in_config(header, key) {
        en: "{header} holds `{key}`: credentials never go in laurel.toml, which is copied along with the site",
        zh: "{header} 里写了 `{key}`：密钥不能写在 laurel.toml 里，因为这个文件会随网站一起被复制",
    }
    deploy_credential_in_config_hint() {
        en: "delete the line; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or put them in ~/.aws/credentials (choose its profile with AWS_PROFILE)",
        zh: "请删掉这一行；在环境变量里设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，或者把它们写进 ~/.aws/credentials（用 AWS_PROFILE 选择其中的配置）",
    }
    deploy_target_invalid(header; detail) { en: "in {header}: {detail}", zh: "{header} 写法有误：{detail}" }
    deploy_target_invalid_hint() {
        en: "a target takes url, endpoint, region and path_style",
        zh: "发布目标可以写的键有 url、endpoint、region 和 path_style",
    }
    deploy_needs_url(header) { en: "{header} needs a `url`", zh: "{header} 缺少 `url`" }
    deploy_needs_url_hint() {
        en: "add url = \"s3://bucket/folder\" for object storage, or url = \"file:///mnt/www/site\" for a folder",
        zh: "发布到对象存储请写 url = \"s3://存储空间/文件夹\"，发布到文件夹请写 url = \"file:///mnt/www/site\"",
    }
    deploy_bad_bucket(header, bucket) {
        en: "{header}: {bucket} is not a bucket name",
        zh: "{header}：{bucket} 不是有效的存储空间名称",
    }
    deploy_bad_bucket_hint() {
        en: "a bucket name has 3 to 63 lowercase letters, digits, dots and hyphens: url = \"s3://my-bucket/folder\"",
        zh: "存储空间名称由 3 到 63 个小写字母、数字、点和连字符组成，例如 url = \"s3://my-bucket/folder\"",
    }
    deploy_needs_endpoint(header, url) {
        en: "{header} needs an `endpoint` for {url}",
        zh: "{header} 的地址是 {url}，还需要写上 `endpoint`",
    }
    deploy_needs_endpoint_hint() {
        en: "add the service's address, e.g. endpoint = \"https://oss-cn-beijing.aliyuncs.com\" or \"https://cos.ap-beijing.myqcloud.com\"",
        zh: "请写上对象存储服务的地址，例如 endpoint = \"https://oss-cn-beijing.aliyuncs.com\" 或 \"https://cos.ap-beijing.myqcloud.com\"",
    }
    deploy_bad_endpoint(header, endpoint) {
        en: "{header}: `endpoint` must be an http(s) address without a path, not {endpoint}",
        zh: "{header}：`endpoint` 应为以 http:// 或 https:// 开头、不带路径的地址，现在是 {endpoint}",
    }
    deploy_bad_endpoint_hint() {
        en: "write endpoint = \"https://oss-cn-beijing.aliyuncs.com\"",
        zh: "请写成 endpoint = \"https://oss-cn-beijing.aliyuncs.com\" 这样",
    }
    deploy_bucket_keys_on_folder(header, url) {
        en: "{header}: `endpoint`, `region` and `path_style` are for s3:// targets, and the url is {url}",
        zh: "{header}：`endpoint`、`region` 和 `path_style` 只用于 s3:// 开头的发布目标，而这里的 url 是 {url}",
    }
    deploy_bucket_keys_on_folder_hint() {
        en: "delete them, or write url = \"s3://bucket/folder\"",
        zh: "请删掉这几个键，或者写 url = \"s3://存储空间/文件夹\"",
    }
    deploy_bad_url(header, url) {
        en: "{header}: laurel deploys to s3://bucket/folder or to a folder, not {url}",
        zh: "{header}：laurel 只能发布到 s3://存储空间/文件夹 或者一个文件夹，不能发布到 {url}",
    }
    deploy_bad_url_hint() {
        en: "write url = \"s3://bucket/folder\" (with endpoint and region), or url = \"file:///mnt/www/site\"",
        zh: "请写 url = \"s3://存储空间/文件夹\"（并写上 endpoint 和 region），或者写 url = \"file:///mnt/www/site\"",
    }
    deploy_base_url_example(base_url) {
        en: "`base_url` is still {base_url}, not the site's address",
        zh: "`base_url` 还是 {base_url}，不是网站的真实地址",
    }
    deploy_base_url_example_hint() {
        en: "set base_url to the address visitors will use, or links in the feed, the sitemap and shared pages lead nowhere",
        zh: "请把 base_url 改成访问者实际使用的网址，否则订阅源、网站地图和分享出去的页面里的链接都打不开",
    }
    deploy_default_domain(; what) {
        en: "{what}, a default domain of Aliyun OSS or Tencent COS: browsers download HTML pages from it instead of showing them",
        zh: "{what}，这是阿里云 OSS 或腾讯云 COS 的默认域名：浏览器会把这个域名下的网页当作文件下载，而不是直接显示",
    }
    deploy_default_domain_base_url(base_url) { en: "`base_url` is {base_url}", zh: "`base_url` 是 {base_url}" }
    deploy_default_domain_endpoint(header, endpoint) {
        en: "{header} has endpoint {endpoint}",
        zh: "{header} 的 endpoint 是 {endpoint}",
    }
    deploy_default_domain_hint() {
        en: "bind a custom domain (filed for ICP) to the bucket in the OSS or COS console, serve the site from it, and set base_url to it",
        zh: "请在阿里云 OSS 或腾讯云 COS 控制台为存储空间绑定已备案的自定义域名，通过这个域名访问网站，并把 base_url 改成它",
    }
    deploy_folder_elsewhere(base_url, header, prefix, bucket) {
        en: "`base_url` is {base_url}, but {header} puts the site in /{prefix} of bucket {bucket}",
        zh: "`base_url` 是 {base_url}，但 {header} 会把网站放在存储空间 {bucket} 的 /{prefix} 里",
    }
    deploy_folder_elsewhere_hint() {
        en: "the folder in the url after the bucket should be the end of base_url's path: for base_url = \"https://haoren.example.gov.cn/haoren/\", write url = \"s3://bucket/haoren\"",
        zh: "url 里存储空间名称后面的文件夹，应与 base_url 路径的末尾一致：例如 base_url = \"https://haoren.example.gov.cn/haoren/\" 时，请写 url = \"s3://bucket/haoren\"",
    }
    deploy_built(ms) { en: "built in {ms} ms", zh: "生成用时 {ms} 毫秒" }
    deploy_would_upload_new(path, size) {
        en: "would upload {path} (new, {size})",
        zh: "将上传 {path}（新文件，{size}）",
    }
    deploy_would_upload_changed(path, size) {
        en: "would upload {path} (changed, {size})",
        zh: "将上传 {path}（有改动，{size}）",
    }
    deploy_would_delete(path) { en: "would delete {path}", zh: "将删除 {path}" }
    deploy_dry_run(target, uploads, size, unchanged, deletes; built) {
        en: "dry run for {target}: {uploads} to upload ({size}), {unchanged} unchanged, {deletes} to delete; nothing was sent ({built})",
        zh: "试运行（{target}）：将上传 {uploads} 个文件（{size}），{unchanged} 个没有变化，将删除 {deletes} 个；这次没有上传任何文件（{built}）",
    }
    deploy_done(target, uploaded, size, unchanged, deleted, seconds, manifest; built) {
        en: "deployed to {target}: {uploaded} uploaded ({size}), {unchanged} unchanged, {deleted} deleted in {seconds} s ({built}; manifest {manifest})",
        zh: "已发布到 {target}：上传 {uploaded} 个文件（{size}），{unchanged} 个没有变化，删除 {deleted} 个，用时 {seconds} 秒（{built}；发布清单 {manifest}）",
    }
    deploy_progress_bar(done, files, sent, size) {
        en: "{done}/{files} files, {sent} of {size}",
        zh: "{done}/{files} 个文件，已上传 {sent}，共 {size}",
    }
    deploy_progress_line(done, files, sent, size) {
        en: "{done}/{files} files done, {sent} of {size} sent",
        zh: "已完成 {done}/{files} 个文件，已上传 {sent}，共 {size}",
    }
    // ── The browser editor (src/edit/, src/serve/edit.rs) ──
    edit_section_outside() { en: "a section is a folder inside content/", zh: "栏目必须是 content/ 里的文件夹" }
    edit_section_outside_hint() { en: "choose one of the sections offered", zh: "请从列出的栏目中选择" }
    edit_not_here(; why) { en: "the editor does not write here: {why}", zh: "编辑器不会写入这里：{why}" }
    edit_not_here_hint() {
        en: "name a file under content/, static/ or data/ of the site",
        zh: "请指定网站 content/、static/ 或 data/ 里的文件",
    }
    edit_not_plain() { en: "not a plain path inside the site", zh: "这不是网站里的普通路径" }
    edit_climbs() { en: "the path climbs out of its folder", zh: "路径跳出了所在的文件夹" }
    edit_only_dirs() { en: "only content/, static/ and data/ are edited", zh: "只能编辑 content/、static/ 和 data/" }
    edit_symlink() { en: "a symbolic link is on the way", zh: "路径上有符号链接" }
    edit_bad_toml(; detail) { en: "the front matter is not valid TOML: {detail}", zh: "页首信息不是有效的 TOML：{detail}" }
    edit_bad_toml_hint() {
        en: "fix the front matter in a text editor, then open the page again",
        zh: "请先用文本编辑器改正页首信息，再重新打开这一页",
    }
    edit_no_file() { en: "there is no such file to delete", zh: "没有这个文件可删除" }
    edit_no_file_hint() { en: "reload the page list: the file may be gone already", zh: "请刷新页面列表：文件可能已被删除" }
    edit_trash_link() {
        en: "the trash folder is a symbolic link, which could lead out of the site",
        zh: "回收站文件夹是符号链接，可能指向网站以外",
    }
    edit_trash_link_hint() { en: "remove the link; laurel makes the folder itself", zh: "请删除这个链接，laurel 会自己建立文件夹" }
    edit_bad_request(detail) {
        en: "the editor sent a request laurel cannot read: {detail}",
        zh: "编辑器发来的请求无法读取：{detail}",
    }
    edit_bad_request_hint() { en: "reload the editor page and try again", zh: "请刷新编辑器页面后重试" }
    edit_refused() {
        en: "This request to change a file did not come from the editor page (its CSRF token or origin is missing or wrong), so nothing was changed. Reload the editor and try again.",
        zh: "这个修改文件的请求不是从编辑器页面发出的（缺少 CSRF 令牌或来源，或者它们不对），所以没有做任何修改。请刷新编辑器页面后重试。",
    }
    edit_too_large(mib) {
        en: "The request is larger than {mib} MiB; nothing was changed.",
        zh: "请求超过了 {mib} MiB，没有做任何修改。",
    }
    edit_no_length() {
        en: "The request must say its length (Content-Length).",
        zh: "请求必须注明长度（Content-Length）。",
    }
    edit_incomplete() {
        en: "The request did not arrive in full; nothing was changed.",
        zh: "请求没有完整送达，没有做任何修改。",
    }
    edit_not_loaded() { en: "the site is not loaded yet", zh: "网站还没有加载好，请稍后刷新页面" }
    edit_not_found() { en: "not found", zh: "编辑器里没有这个地址" }
    edit_only_methods() { en: "only GET, HEAD and POST", zh: "只接受 GET、HEAD 和 POST 请求" }
    edit_preview_table() {
        en: "the preview cannot show an award list whose table source or kind changed before it is saved",
        zh: "获奖名单的表格来源或页面类型改动后，要保存才能预览",
    }
    edit_preview_table_hint() { en: "save the page to see its table", zh: "请保存这一页后再看表格" }
    edit_preview_unbuilt() {
        en: "the preview shows a page once the site builds without errors",
        zh: "网站生成无误后才能预览",
    }
    edit_preview_unbuilt_hint() {
        en: "fix the errors the preview's panel lists, or save this page",
        zh: "请先改正预览中列出的错误，或者保存这一页",
    }
    // ── The editor's pages (src/serve/edit/pages.rs) and form values (src/edit/form.rs, save.rs) ──
    edit_ui_title(title) { en: "{title} · Site editor", zh: "{title} · 网站编辑" }
    edit_ui_editor() { en: "Site editor", zh: "网站编辑" }
    edit_ui_nav() { en: "Editor", zh: "编辑器" }
    edit_ui_all_pages() { en: "All pages", zh: "全部页面" }
    edit_ui_new_page() { en: "New page", zh: "新建页面" }
    edit_ui_filter() { en: "Filter", zh: "筛选" }
    edit_ui_filter_placeholder() { en: "Title, pinyin or file name", zh: "输入标题、拼音或文件名" }
    edit_ui_show_more() { en: "Show more", zh: "显示更多" }
    edit_ui_home_section() { en: "Home section", zh: "首页栏目" }
    edit_ui_page_count_one(count) { en: "{count} page", zh: "{count} 篇" }
    edit_ui_page_count(count) { en: "{count} pages", zh: "{count} 篇" }
    edit_ui_draft() { en: "draft", zh: "草稿" }
    edit_ui_open_named(title) { en: "Open the page: {title}", zh: "打开页面：{title}" }
    edit_ui_open() { en: "open", zh: "打开" }
    edit_ui_show_section(count) { en: "Show all {count} pages of this section", zh: "显示这一栏目的全部 {count} 篇" }
    edit_ui_previous() { en: "Previous", zh: "上一页" }
    edit_ui_next() { en: "Next", zh: "下一页" }
    edit_ui_all_sections() { en: "Back to all sections", zh: "返回全部栏目" }
    edit_ui_open_page() { en: "Open the page", zh: "打开页面" }
    edit_ui_preview_frame() { en: "Page preview", zh: "页面预览" }
    edit_ui_no_preview() {
        en: "This page has no preview yet: save it to see one.",
        zh: "这一页还没有生成预览：保存后即可看到。",
    }
    edit_ui_heading(kind, title) { en: "Edit {kind}: {title}", zh: "编辑{kind}：{title}" }
    edit_ui_body() { en: "Text (Markdown)", zh: "正文（Markdown）" }
    edit_ui_save() { en: "Save", zh: "保存" }
    edit_ui_delete() { en: "Delete this page", zh: "删除此页" }
    edit_ui_conflict() { en: "The file was changed elsewhere", zh: "文件已在别处被修改" }
    edit_ui_conflict_choose() {
        en: "The file on disk changed after this page was opened. Choose which version to keep:",
        zh: "打开这个页面之后，磁盘上的文件被改过了。请选择保留哪一份：",
    }
    edit_ui_mine() { en: "My changes", zh: "我的修改" }
    edit_ui_theirs() { en: "The version on disk", zh: "磁盘上的版本" }
    edit_ui_keep_mine() { en: "Keep my changes", zh: "保留我的修改" }
    edit_ui_take_theirs() { en: "Take the version on disk", zh: "采用磁盘上的版本" }
    edit_ui_preview() { en: "Preview", zh: "预览" }
    edit_ui_required() { en: "(required)", zh: "（必填）" }
    edit_ui_remove_tag(tag) { en: "Remove {tag}", zh: "删除 {tag}" }
    edit_ui_tag_placeholder() { en: "Type, then press Enter to add", zh: "输入后按回车添加" }
    edit_ui_unchosen() { en: "(none)", zh: "（未选）" }
    edit_ui_section_by_kind() { en: "(chosen by the kind)", zh: "（按类型自动选择）" }
    edit_ui_section_option(title, dir) { en: "{title} ({dir})", zh: "{title}（{dir}）" }
    edit_ui_kind() { en: "Kind", zh: "类型" }
    edit_ui_section() { en: "Section", zh: "栏目" }
    edit_ui_title_field() { en: "Title", zh: "标题" }
    edit_ui_address() { en: "Address: ", zh: "网址：" }
    edit_ui_address_later() { en: "(shown once the title is typed)", zh: "（输入标题后显示）" }
    edit_ui_create() { en: "Create", zh: "创建" }
    edit_ui_token_needed() { en: "Token needed", zh: "需要口令" }
    edit_ui_token_explained(command) {
        en: "The editor on this computer is open only to those who know its token. The token is shown in the terminal running {command}.",
        zh: "这台电脑上的编辑器只对知道口令的人开放。口令显示在运行 {command} 的终端里。",
    }
    edit_ui_token() { en: "Token", zh: "口令" }
    edit_ui_enter() { en: "Enter", zh: "进入" }
    edit_form_required() { en: "This field is required.", zh: "此项为必填。" }
    edit_form_required_list() {
        en: "This field is required: fill in at least one item.",
        zh: "此项为必填，请至少填写一项。",
    }
    edit_form_integer() { en: "Write a whole number, e.g. 12.", zh: "请填写整数，如 12。" }
    edit_form_year() { en: "Write a four-digit year, e.g. 2024.", zh: "请填写四位年份，如 2024。" }
    edit_form_date() { en: "Write the date as 2024-03-05.", zh: "请按 2024-03-05 的格式填写日期。" }
    edit_form_choice(choices) { en: "Choose one of these: {choices}.", zh: "请从这些选项中选择：{choices}。" }
    edit_form_unchecked(; problem) { en: "This field did not pass the check: {problem}", zh: "此项未通过检查：{problem}" }
    // ── Uploads in the editor (src/upload/, src/serve/edit/upload.rs) ──
    upload_not_a_page() {
        en: "uploads belong to a page under content/",
        zh: "上传的文件必须属于 content/ 下的某个页面",
    }
    upload_page_changed() {
        en: "the page changed on disk since the editor opened it; nothing was uploaded",
        zh: "编辑器打开这一页之后，页面文件又被改动过；这次没有上传任何文件",
    }
    upload_page_changed_hint() {
        en: "reload the page in the editor (your unsaved changes are lost) and upload again",
        zh: "请在编辑器里重新打开这一页（尚未保存的修改会丢失），然后再上传",
    }
    upload_cannot_bundle(; cause) {
        en: "cannot move the page into a folder of its own: {cause}",
        zh: "无法把页面移到它自己的文件夹里：{cause}",
    }
    upload_writable_hint() {
        en: "check that the site's folder is writable, then upload again",
        zh: "请检查网站文件夹是否可以写入，然后再上传",
    }
    upload_cannot_save(; cause) {
        en: "cannot save the uploaded file: {cause}",
        zh: "无法保存上传的文件：{cause}",
    }
    upload_cannot_save_hint() {
        en: "check that the site's folder is writable and the disk is not full, then upload again",
        zh: "请检查网站文件夹是否可以写入、磁盘是否已满，然后再上传",
    }
    upload_photo_too_big(size, most) {
        en: "the photo is {size} MB, more than the {most} MB laurel accepts",
        zh: "这张照片有 {size} MB，超过了 laurel 能接受的 {most} MB",
    }
    upload_photo_too_big_hint() {
        en: "save a smaller copy (4000 pixels on the long side is plenty) and upload that",
        zh: "请另存一份小一些的照片（长边 4000 像素就足够了），再上传",
    }
    upload_photo_format(kind) {
        en: "the file is a .{kind} image; laurel takes photos as JPEG, PNG or WebP",
        zh: "这个文件是 .{kind} 图片；laurel 只接受 JPEG、PNG 或 WebP 格式的照片",
    }
    upload_photo_format_hint() {
        en: "open it in an image editor and save it as JPEG, then upload that",
        zh: "请用图片编辑软件打开它，另存为 JPEG，再上传",
    }
    upload_photo_unreadable(; why) {
        en: "the file is not a photo laurel can read: {why}",
        zh: "这个文件不是 laurel 能读取的照片：{why}",
    }
    upload_photo_unreadable_hint() {
        en: "upload a JPEG, PNG or WebP photo; if this is one, open it in an image editor and save it again",
        zh: "请上传 JPEG、PNG 或 WebP 格式的照片；如果它就是这些格式，请用图片编辑软件打开后重新保存",
    }
    upload_photo_too_many_pixels(width, height, megapixels, side) {
        en: "the photo is {width}×{height} pixels, more than laurel reads (at most {megapixels} megapixels, {side} pixels a side)",
        zh: "这张照片有 {width}×{height} 像素，超过了 laurel 能读取的大小（最多 {megapixels} 百万像素，每边最多 {side} 像素）",
    }
    upload_photo_too_many_pixels_hint() {
        en: "resize the photo in an image editor: 4000 pixels on the long side is plenty",
        zh: "请用图片编辑软件缩小照片：长边 4000 像素就足够了",
    }
    upload_cannot_create_folder(; cause) {
        en: "cannot create the folder: {cause}",
        zh: "无法创建这个文件夹：{cause}",
    }
    upload_cannot_make_bundle(; cause) {
        en: "cannot make a folder for the page and its photo: {cause}",
        zh: "无法为这个页面和它的照片建立文件夹：{cause}",
    }
    upload_no_page() {
        en: "there is no such page to add a photo to",
        zh: "没有这个页面，无法添加照片",
    }
    upload_no_page_hint() { en: "save the page first, then add its photo", zh: "请先保存这个页面，再添加照片" }
    upload_columns_are(; columns) { en: "the columns are: {columns}", zh: "表格里的列有：{columns}" }
    upload_no_column() { en: "no column is chosen for the list", zh: "还没有为名单选择任何一列" }
    upload_not_a_column(name) { en: "{name} is not a column of the list", zh: "{name} 不是名单表格里的列" }
    upload_column_twice(name) { en: "the column {name} is chosen twice", zh: "{name} 这一列被选了两次" }
    upload_column_twice_hint() {
        en: "choose each column once, in the order the list should show them",
        zh: "每一列只选一次，并按名单里显示的顺序选择",
    }
    upload_photo_larger(mb) {
        en: "The photo is larger than {mb} MB; nothing was saved.",
        zh: "照片超过了 {mb} MB，没有保存。",
    }
    upload_sheet_larger(mb) {
        en: "The spreadsheet is larger than {mb} MB; nothing was saved.",
        zh: "表格文件超过了 {mb} MB，没有保存。",
    }
    // ── The editor's scripts (src/serve/edit/editor.js, upload.js); `{name}` is filled there ──
    edit_script_count_one(count) { en: "{count} page", zh: "共 {count} 篇" }
    edit_script_count(count) { en: "{count} pages", zh: "共 {count} 篇" }
    edit_script_count_part(count, shown) {
        en: "{count} pages, the first {shown} shown",
        zh: "共 {count} 篇，显示前 {shown} 篇",
    }
    edit_script_preview_stale() { en: "The preview is not updated:", zh: "预览未更新：" }
    edit_script_not_saved() { en: "Not saved:", zh: "未能保存：" }
    edit_script_fix() { en: "Not saved: please correct what is marked.", zh: "未能保存，请按提示修改。" }
    edit_script_saving() { en: "Saving…", zh: "正在保存…" }
    edit_script_saved() { en: "Saved; the preview will follow.", zh: "已保存，预览即将更新。" }
    edit_script_conflict() { en: "Not saved: the file was changed elsewhere.", zh: "未保存：文件已在别处被修改。" }
    edit_script_confirm_delete() {
        en: "Delete this page? It is moved to .laurel-trash/ in the site's folder and can be restored from there.",
        zh: "确定删除这一页吗？它会被移到网站文件夹里的 .laurel-trash/，可以找回。",
    }
    edit_script_deleted(trash) { en: "Deleted; the file was moved to {trash}.", zh: "已删除，文件移到了 {trash}。" }
    edit_script_back() { en: "Back to all pages", zh: "返回全部页面" }
    edit_script_planned(path, file) { en: "/{path} (file {file})", zh: "/{path}（文件 {file}）" }
    edit_script_creating() { en: "Creating…", zh: "正在创建…" }
    edit_script_not_created() { en: "Not created.", zh: "未能创建。" }
    upload_script_offline() {
        en: "laurel serve cannot be reached; check that it is still running.",
        zh: "连接不上 laurel serve，请确认它仍在运行。",
    }
    upload_script_unsaved() {
        en: "This page has unsaved changes. The page reloads after the upload, and they will be lost. Go on?",
        zh: "本页有未保存的修改。上传后页面会重新载入，未保存的修改会丢失。继续吗？",
    }
    upload_script_photo_drop(mb) {
        en: "Upload a photo (JPEG, PNG or WebP, at most {mb} MB): drop it here, or click to choose one",
        zh: "上传照片（JPEG、PNG 或 WebP，不超过 {mb} MB）：拖到这里，或点此选择",
    }
    upload_script_photo_big(mb) {
        en: "The photo is over {mb} MB; make it smaller first (4000 pixels on the long side is plenty).",
        zh: "照片超过 {mb} MB，请先缩小（长边 4000 像素足够）再上传。",
    }
    upload_script_uploading(name) { en: "Uploading {name}…", zh: "正在上传 {name}…" }
    upload_script_photo_saved() { en: "Photo saved; reloading…", zh: "照片已保存，正在重新载入…" }
    upload_script_not_uploaded(message) { en: "Not uploaded: {message}", zh: "未能上传：{message}" }
    upload_script_alt() {
        en: "Photo description (for readers who cannot see the photo; the name by default)",
        zh: "照片说明（给看不到照片的读者，默认为姓名）",
    }
    upload_script_sheet_title() { en: "Import the list from a spreadsheet", zh: "从表格导入名单" }
    upload_script_sheet_drop() {
        en: "Choose an Excel workbook (.xlsx) or a CSV file, or drop it here",
        zh: "选择 Excel 表格（.xlsx）或 CSV 文件，或拖到这里",
    }
    upload_script_sheet_big(mb) {
        en: "The spreadsheet is over {mb} MB; keep only the list in it and upload it again.",
        zh: "表格超过 {mb} MB，请只保留名单再上传。",
    }
    upload_script_reading(name) { en: "Reading {name}…", zh: "正在读取 {name}…" }
    upload_script_not_read(message) { en: "Cannot read it: {message}", zh: "未能读取：{message}" }
    upload_script_rows(rows) {
        en: "{rows} rows. Choose the columns to show, then save.",
        zh: "共 {rows} 行。请选择要显示的列，确认后保存。",
    }
    upload_script_sheet_name() { en: "Sheet", zh: "工作表" }
    upload_script_personal() {
        en: "The sheet holds personal data, which must not be published as it is. Delete it from the sheet, or set mask on this page to publish it masked:",
        zh: "表中有个人信息，不能原样发布。请在表格里删去，或在本页设置 mask 打码发布：",
    }
    upload_script_personal_cell(row, column, kind, masked) {
        en: "row {row}, “{column}”: {kind} {masked}",
        zh: "第 {row} 行「{column}」：{kind} {masked}",
    }
    upload_script_personal_more(count) { en: "{count} more are not listed.", zh: "另有 {count} 处未列出。" }
    upload_script_not_publishable(kind) { en: "{kind}: not to be published as it is", zh: "{kind}，不能原样发布" }
    upload_script_save() { en: "Save the list", zh: "保存名单" }
    upload_script_no_column() { en: "Choose at least one column.", zh: "请至少选择一列。" }
    upload_script_list_saved() { en: "List saved; reloading…", zh: "名单已保存，正在重新载入…" }
    upload_script_not_saved(message) { en: "Not saved: {message}", zh: "未能保存：{message}" }
    upload_script_columns() { en: "Columns to show (in this order)", zh: "要显示的列（可调整顺序）" }
    upload_script_up(name) { en: "Move {name} up", zh: "上移 {name}" }
    upload_script_down(name) { en: "Move {name} down", zh: "下移 {name}" }
    upload_script_caption(rows) {
        en: "The first {rows} rows (links go to existing person pages)",
        zh: "前 {rows} 行预览（链接是已有的人物页）",
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
    cli_built_one(files, out, ms) {
        en: "built 1 page ({files} files) into {out} in {ms} ms",
        zh: "已生成 1 个页面（{files} 个文件），放在 {out}，用时 {ms} 毫秒",
    }
    cli_checked_one(ms) {
        en: "checked 1 page: no errors in {ms} ms",
        zh: "已检查 1 个页面，没有错误，用时 {ms} 毫秒",
    }
    cli_serving(pages, files, url, ms) {
        en: "serving {pages} pages ({files} files) at {url} (built in {ms} ms); watching for changes, Ctrl-C to stop",
        zh: "预览已开启：{url}，共 {pages} 个页面（{files} 个文件），生成用时 {ms} 毫秒；文件一改就自动更新，按 Ctrl-C 停止",
    }
    cli_editor(url) {
        en: "editor at {url}",
        zh: "网页编辑器：{url}",
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

    // ── `laurel --help` and usage errors (src/usage.rs) ──
    help_about() {
        en: "Static sites for honor rolls and good-person stories (好人榜、光荣榜)",
        zh: "为好人榜、光荣榜和好人好事生成静态网站",
    }
    help_build() { en: "Build the site into the output folder (public/ by default)", zh: "生成网站，放进输出文件夹（默认是 public/）" }
    help_build_output() { en: "Output folder", zh: "输出文件夹" }
    help_build_base_url() { en: "Use this base URL instead of the one in laurel.toml", zh: "用这个网址代替 laurel.toml 里的 base_url" }
    help_build_date() {
        en: "Count this day as today for public-notice periods and inspection checks (YYYY-MM-DD)",
        zh: "把这一天当作今天，用于公示期和网站检查（YYYY-MM-DD）",
    }
    help_build_watch() {
        en: "Keep running, and rebuild the output folder whenever a source file changes",
        zh: "生成后继续运行，源文件一改就重新生成输出文件夹",
    }
    help_serve() {
        en: "Build, serve and watch the site; open browsers reload when it changes",
        zh: "生成网站并在浏览器里预览；文件一改，打开的网页就自动刷新",
    }
    help_serve_bind() {
        en: "Address to listen on (0.0.0.0 to let other devices on the network preview)",
        zh: "预览服务的地址（写 0.0.0.0 可让同一网络里的其他设备也能预览）",
    }
    help_serve_port() { en: "Port to listen on; 0 picks a free one", zh: "预览服务的端口；写 0 则自动选一个空闲端口" }
    help_serve_edit() {
        en: "Turn the browser editor on when bound beyond this computer (it then asks for the token printed here); at 127.0.0.1 it is always on",
        zh: "地址不是本机时也打开网页编辑器（这时要输入终端里显示的口令）；地址是 127.0.0.1 时编辑器总是打开的",
    }
    help_check() {
        en: "Check everything a build would read, every internal link, wording and what a government-website inspection checks",
        zh: "检查生成网站要读的所有文件、每个站内链接、用词，以及政府网站检查的各项内容",
    }
    help_check_strict() { en: "Fail on warnings too, not only on errors", zh: "有警告也算失败，不只是有错误时" }
    help_check_date() {
        en: "Count this day as today for inspection checks and public-notice periods (YYYY-MM-DD)",
        zh: "把这一天当作今天，用于网站检查和公示期（YYYY-MM-DD）",
    }
    help_deploy() {
        en: "Build the site, then publish what changed to a [deploy.NAME] target of laurel.toml",
        zh: "生成网站，再把改动的文件发布到 laurel.toml 里 [deploy.名称] 写的目标",
    }
    help_deploy_target() {
        en: "The target: NAME of [deploy.NAME] (may be left out when there is one)",
        zh: "发布目标：[deploy.名称] 里的名称（只有一个目标时可以不写）",
    }
    help_deploy_dry_run() {
        en: "List what would be uploaded and deleted, and change nothing",
        zh: "只列出会上传和删除哪些文件，什么都不改",
    }
    help_deploy_delete() { en: "Also delete the files the build no longer has", zh: "同时删除这次生成里已经没有的文件" }
    help_new() { en: "Write a new content file with its front matter filled in", zh: "新建一个内容文件，文件头已经填好" }
    help_new_kind() {
        en: "What to write: person, award, event, page, or a kind laurel.toml declares",
        zh: "写什么：person（人物）、award（榜单）、event（活动）、page（页面），或 laurel.toml 里声明的类型",
    }
    help_new_title() {
        en: "The title (a person's name, a list's or event's title)",
        zh: "标题（人物的姓名，或榜单、活动的标题）",
    }
    help_new_section() {
        en: "Section folder under content/, without .. (default: people, awards, events, or none for a page)",
        zh: "content/ 下的栏目文件夹，不能含 ..（默认是 people、awards、events，页面则没有）",
    }
    help_init() { en: "Write a new site that builds as it is", zh: "新建一个网站，写好就能直接生成" }
    help_init_dir() { en: "Folder for the new site (must be absent or empty)", zh: "新网站的文件夹（必须不存在或是空的）" }
    help_export() { en: "Write pages for places other than the website", zh: "把页面导出到网站以外的地方" }
    help_export_wechat() {
        en: "A folder per page for a WeChat official account (公众号): article.html, images, cover.jpg, plain.txt",
        zh: "为公众号每个页面写一个文件夹：article.html、图片、cover.jpg、plain.txt",
    }
    help_export_pages() {
        en: "Content files (content/people/zhang-san.md) or section folders (content/people)",
        zh: "内容文件（content/people/zhang-san.md）或栏目文件夹（content/people）",
    }
    help_export_output() { en: "Output folder, relative to the site folder", zh: "输出文件夹，从网站文件夹算起" }
    help_root() { en: "Site folder (where laurel.toml is)", zh: "网站文件夹（laurel.toml 所在的文件夹）" }
    help_new_root() { en: "Site folder", zh: "网站文件夹" }
    help_drafts() { en: "Include pages marked `draft = true`", zh: "包括标了 `draft = true` 的草稿页面" }
    help_value_folder() { en: "FOLDER", zh: "文件夹" }
    help_value_url() { en: "URL", zh: "网址" }
    help_value_date() { en: "DATE", zh: "日期" }
    help_value_address() { en: "ADDRESS", zh: "地址" }
    help_value_port() { en: "PORT", zh: "端口" }
    help_value_name() { en: "NAME", zh: "名称" }
    help_value_section() { en: "SECTION", zh: "栏目" }
    help_value_kind() { en: "KIND", zh: "类型" }
    help_value_title() { en: "TITLE", zh: "标题" }
    help_value_pages() { en: "PAGES", zh: "页面" }
    help_help() { en: "Print help", zh: "显示帮助" }
    help_help_command() {
        en: "Print this message or the help of the given subcommand(s)",
        zh: "显示这段帮助，或某个命令的帮助",
    }
    help_version() { en: "Print version", zh: "显示版本号" }
    help_default(value) { en: " [default: {value}]", zh: "（默认：{value}）" }
    help_usage() { en: "Usage:", zh: "用法：" }
    help_commands() { en: "Commands:", zh: "命令：" }
    help_command() { en: "COMMAND", zh: "命令" }
    help_options() { en: "Options:", zh: "选项：" }
    help_options_word() { en: "OPTIONS", zh: "选项" }
    help_arguments() { en: "Arguments:", zh: "参数：" }
    usage_unknown_argument(arg) { en: "unexpected argument '{arg}' found", zh: "不认识的参数 {arg}" }
    usage_unknown_command(name) { en: "unrecognized subcommand '{name}'", zh: "没有 {name} 这个命令" }
    usage_did_you_mean(what) { en: "a similar one exists: '{what}'", zh: "是不是想写 {what}？" }
    usage_missing(args) {
        en: "the following required arguments were not provided: {args}",
        zh: "缺少必填的参数：{args}",
    }
    usage_bad_value(value, arg) { en: "invalid value '{value}' for '{arg}'", zh: "{arg} 的值 {value} 无效" }
    usage_bad_date() { en: "write the date as YYYY-MM-DD", zh: "日期请写成 YYYY-MM-DD，例如 2026-03-05" }
    usage_bad_number() { en: "write a whole number", zh: "请写一个整数" }
    usage_no_value(arg) { en: "a value is required for '{arg}' but none was supplied", zh: "{arg} 后面要写一个值" }
    usage_twice(arg) { en: "the argument '{arg}' cannot be used multiple times", zh: "参数 {arg} 只能写一次" }
    usage_too_many(value) { en: "unexpected value '{value}'", zh: "多了一个值 {value}" }
    usage_more_help(command) {
        en: "For more information, try '{command} --help'.",
        zh: "想了解更多，请运行 {command} --help",
    }
}
