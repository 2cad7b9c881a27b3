//! `laurel new` and `laurel init`: write new content files and new sites.
//! Never overwrites a file.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::content::CONTENT_DIR;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::{Lang, msg};
use crate::kind::{FieldType, Kind, KindDef};

/// Writes a new content file of the kind called `kind` for `title` and
/// returns its path (relative to `root`).
///
/// The slug is computed now and written into the file, so the page's URL does
/// not change if the title is edited after publishing.
pub fn new_content(
    root: &Path,
    kind: &str,
    title: &str,
    section: Option<&str>,
    today: jiff::civil::Date,
) -> Result<PathBuf> {
    let config = Config::load(root)?;
    let (rel, text) = plan_content(root, &config, kind, title, section, today)?;
    let path = root.join(&rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    // Never through a link: a file, or a link to one, already there is an error.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Diagnostic::error(rel.to_string_lossy(), msg::new_exists())
                .hint(msg::new_exists_hint())
                .into(),
            _ => Error::io("write", &path, e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io("write", &path, e))?;
    Ok(rel)
}

/// Where a new page of the kind called `kind` titled `title` goes (relative
/// to `root`) and what it first holds, as [`new_content`] and the editor
/// write it; an error when the title makes no URL or the file exists.
pub fn plan_content(
    root: &Path,
    config: &Config,
    kind: &str,
    title: &str,
    section: Option<&str>,
    today: jiff::civil::Date,
) -> Result<(PathBuf, String)> {
    let schema = &config.schema;
    let Some(kind) = schema.kind_named(kind) else {
        return Err(
            Diagnostic::error(CONFIG_FILE, msg::new_unknown_kind(format_args!("{kind:?}")))
                .hint(msg::new_unknown_kind_hint(schema.kind_names()))
                .into(),
        );
    };
    let title = title.trim();
    let slug = match kind {
        Kind::Person => crate::slug::slugify_name(title),
        _ => crate::slug::slugify(title),
    };
    if slug.is_empty() {
        return Err(Diagnostic::error("", msg::new_no_url(format_args!("{title:?}")))
            .hint(msg::new_no_url_hint())
            .into());
    }
    let default_section = match kind {
        Kind::Person => "people".to_string(),
        Kind::Award => "awards".to_string(),
        Kind::Event => "events".to_string(),
        Kind::Page => String::new(),
        Kind::Custom(_) => section_of(root, schema.name(kind)),
    };
    let section = section.unwrap_or(&default_section).trim_matches('/');
    let inside = Path::new(section).components().all(
        |c| matches!(c, std::path::Component::Normal(name) if !crate::content::is_ignored(&name.to_string_lossy())),
    );
    if !inside {
        return Err(Diagnostic::error("", msg::new_bad_section(format_args!("{section:?}")))
            .hint(msg::new_bad_section_hint())
            .into());
    }
    let stem = if kind == Kind::Event {
        format!("{today}-{slug}")
    } else {
        slug.clone()
    };
    let rel = if section.is_empty() {
        PathBuf::from(CONTENT_DIR).join(format!("{stem}.md"))
    } else {
        PathBuf::from(CONTENT_DIR).join(section).join(format!("{stem}.md"))
    };
    let path = root.join(&rel);
    if path.exists() {
        return Err(Diagnostic::error(rel.to_string_lossy(), msg::new_exists())
            .hint(msg::new_exists_hint())
            .into());
    }
    let lang = Lang::from_tag(&config.language);
    let text = front_matter(schema.def(kind), kind, title, &slug, today, lang);
    Ok((rel, text))
}

/// The folder under `content/` whose `_index.md` sets `page_kind = NAME`, or
/// else a folder of the kind's name.
fn section_of(root: &Path, name: &str) -> String {
    let wanted = format!("page_kind = \"{name}\"");
    let dirs = std::fs::read_dir(root.join(CONTENT_DIR))
        .into_iter()
        .flatten()
        .flatten();
    let mut found: Vec<String> = dirs
        .filter(|d| {
            std::fs::read_to_string(d.path().join("_index.md")).is_ok_and(|t| t.lines().any(|l| l.trim() == wanted))
        })
        .filter_map(|d| d.file_name().to_str().map(String::from))
        .collect();
    found.sort();
    found.into_iter().next().unwrap_or_else(|| name.to_string())
}

/// The front matter of a new page: every field its kind declares, in order,
/// commented out where it is optional, with its label (and choices).
/// Its notes are in `lang`, the language of the site's pages.
fn front_matter(def: &KindDef, kind: Kind, title: &str, slug: &str, today: jiff::civil::Date, lang: Lang) -> String {
    let mut text = format!("+++\ntitle = {title:?}\nslug = {slug:?}\ndate = {today}\n");
    if kind != Kind::Page {
        text.push_str(&format!("kind = \"{}\"\nsummary = \"\"\n", def.name));
    }
    for field in &def.fields {
        let mut note = field.label.clone();
        if !field.choices.is_empty() {
            note = msg::new_field_choices(note, field.choices.join("、"))
                .in_lang(lang)
                .into_owned();
        }
        let value = match field.kind {
            FieldType::Text | FieldType::Url => "\"\"".to_string(),
            FieldType::Choice => format!("{:?}", field.choices.first().map_or("", String::as_str)),
            FieldType::Number => "0".to_string(),
            FieldType::Year => today.year().to_string(),
            FieldType::Date => today.to_string(),
            FieldType::Bool | FieldType::BoolOrList => "false".to_string(),
            FieldType::List | FieldType::Records => "[]".to_string(),
            FieldType::Table => "{}".to_string(),
        };
        let comment = if field.required { "" } else { "# " };
        text.push_str(&format!("{comment}{} = {value}  # {note}\n", field.name));
    }
    text.push_str("+++\n\n");
    text
}

/// The files of a new site, relative to its folder; `{today}` in a path or
/// a text stands for the day the site is made.
const STARTER: &[(&str, &str)] = &[
    (
        CONFIG_FILE,
        "title = \"好人榜\"\ndescription = \"身边好人、道德模范与光荣榜\"\nbase_url = \"https://example.org/\"\nlanguage = \"zh-CN\"\ntheme = \"default\"\npaginate_by = 24\ntaxonomies = [\"category\", \"region\", \"year\", \"level\", \"honors\", \"tags\"]\ncategories = [\"助人为乐\", \"见义勇为\", \"诚实守信\", \"敬业奉献\", \"孝老爱亲\"]\npretty_links = false\nallow_html = false\n\n# 政府和事业单位的网站：去掉下面各行开头的 # 并填写，页脚即显示主办单位与备案号\n# [publisher]\n# name = \"某某市精神文明建设委员会办公室\"      # 主办单位（必填）\n# operator = \"某某市文明办信息中心\"           # 承办单位\n# icp = \"冀ICP备12345678号-1\"                  # ICP 备案号\n# police_record = \"冀公网安备13010202000123号\"  # 公安备案号\n# site_code = \"1301000012\"                     # 网站标识码\n",
    ),
    (
        "content/_index.md",
        "+++\ntitle = \"好人榜\"\n+++\n\n这里记录身边的好人好事。用 `laurel new person 姓名` 添加一位好人。\n",
    ),
    (
        "content/people/_index.md",
        "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\n+++\n",
    ),
    (
        "content/people/zhang-san.md",
        "+++\ntitle = \"张三\"\ndate = {today}\nsummary = \"社区志愿者，十年如一日照顾孤寡老人。\"\ncategory = \"助人为乐\"\nregion = \"城东区\"\nunit = \"城东区社区居委会\"\nlevel = \"市级\"\nhonors = [\"身边好人\"]\n+++\n\n张三是一名社区志愿者。十年来，他每周都去看望社区里的孤寡老人。\n\n## 主要事迹\n\n他说：“能帮一把就帮一把。”\n",
    ),
    (
        "content/events/_index.md",
        "+++\ntitle = \"活动报道\"\npage_kind = \"event\"\n+++\n",
    ),
    (
        "content/events/{today}-xue-lei-feng.md",
        "+++\ntitle = \"学雷锋志愿服务活动\"\nlocation = \"城东区人民广场\"\norganizers = [\"城东区文明办\"]\npeople = [\"张三\"]\n+++\n\n城东区的志愿者们走上街头，为群众义务理发、测量血压。\n",
    ),
    (
        "content/awards/_index.md",
        "+++\ntitle = \"光荣榜\"\npage_kind = \"award\"\n+++\n",
    ),
    (
        "content/awards/shen-bian-hao-ren.md",
        "+++\ntitle = \"身边好人推荐名单\"\ndate = {today}\nissuer = \"城东区文明办\"\nlevel = \"市级\"\n\n[[entries]]\n\"姓名\" = \"张三\"\n\"类别\" = \"助人为乐\"\n+++\n",
    ),
    (
        "content/about.md",
        "+++\ntitle = \"关于本站\"\n+++\n\n本站由 laurel 生成。\n",
    ),
    ("static/.gitkeep", ""),
];

/// Writes a new site into `dir`, which must be absent or empty; its sample
/// pages are dated `today`, so a new site passes the inspection checks.
pub fn init(dir: &Path, today: jiff::civil::Date) -> Result<()> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))?;
        if entries.next().is_some() {
            return Err(Diagnostic::error(dir.display().to_string(), msg::init_not_empty())
                .hint(msg::init_not_empty_hint())
                .into());
        }
    }
    let today = today.to_string();
    for (rel, text) in STARTER {
        let path = dir.join(rel.replace("{today}", &today));
        let text = text.replace("{today}", &today);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
    }
    Ok(())
}
