//! The search page in headless Chromium, driven over its DevTools protocol:
//! served over HTTP by a tiny static server, and opened from disk (`file://`).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::Instant;

use serde_json::json;

use super::search_site;
use crate::chromium::Browser;

impl Browser {
    /// Opens the search page at `url` and waits until its search has run to the end.
    fn open(&mut self, url: &str) {
        self.navigate(url);
        self.wait_until(DONE, &format!("the search at {url}"));
    }

    /// Types `text` into the search box as a person would, then waits for every result.
    fn type_query(&mut self, text: &str) {
        let ready = self
            .eval("(() => { const q = document.getElementById('search-q'); q.focus(); q.select(); return true; })()");
        assert_eq!(ready, json!(true));
        if text.is_empty() {
            self.key("Backspace", 8);
        } else {
            self.call("Input.insertText", json!({ "text": text }));
        }
        self.wait_until(
            &format!(
                "(new URLSearchParams(location.search).get('q') || '') === {} && {DONE}",
                json!(text)
            ),
            &format!("results for {text}"),
        );
    }

    /// Presses and releases a key in the focused element.
    pub(crate) fn key(&mut self, key: &str, code: u32) {
        for kind in ["keyDown", "keyUp"] {
            let text = if key == "Enter" && kind == "keyDown" { "\r" } else { "" };
            let params = json!({"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code, "text": text});
            self.call("Input.dispatchKeyEvent", params);
        }
    }

    /// Picks the option named `value` of the filter `name`.
    fn choose(&mut self, name: &str, value: &str) {
        let script = format!(
            "(() => {{ const s = document.getElementById('search-{name}');
               const o = [...s.options].find(o => o.textContent === {value});
               s.value = o.value; s.dispatchEvent(new Event('change')); return true; }})()",
            value = json!(value)
        );
        assert_eq!(self.eval(&script), json!(true));
        self.wait_until(
            &format!(
                "new URLSearchParams(location.search).get({}) === {} && {DONE}",
                json!(name),
                json!(value)
            ),
            &format!("results for {name} = {value}"),
        );
    }

    /// The links of the results, in order.
    fn result_links(&mut self) -> Vec<String> {
        let links =
            self.eval("[...document.querySelectorAll('.search-result-title a')].map(a => a.getAttribute('href'))");
        serde_json::from_value(links).expect("a list of links")
    }

    fn status(&mut self) -> String {
        self.eval("document.getElementById('search-status').textContent")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// True once the page's search has finished (every text shard it needed is in).
const DONE: &str = "document.getElementById('search-results')?.dataset.state === 'done'";

/// Serves `dir` over HTTP on a free port until the test ends; returns its URL.
pub(crate) fn serve(dir: &Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("address"));
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let dir = dir.clone();
            std::thread::spawn(move || respond(stream, &dir));
        }
    });
    url
}

fn respond(mut stream: TcpStream, dir: &Path) {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain the headers.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = crate::support::percent_decode(target.split('?').next().unwrap_or("/"));
    let mut file = dir.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let (code, body) = match std::fs::read(&file) {
        Ok(bytes) if !path.contains("..") => ("200 OK", bytes),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {code}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body));
}

/// URL of a file on disk.
pub(crate) fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Every check the issue asks for, against the search page at `base` (the
/// site's root URL, ending in `/`).
fn check_search(browser: &mut Browser, base: &str) {
    let page = format!("{base}search/index.html");
    browser.open(&page);
    assert_eq!(browser.result_links(), Vec::<String>::new());

    // A name, by part of it; the draft 李苗苗 is not there.
    browser.type_query("苗苗");
    assert_eq!(
        browser.result_links(),
        [
            "../people/zhang-miao-miao/index.html",
            "../events/2024-03-05-xue-lei-feng/index.html"
        ],
        "张苗苗 first (title), then the event whose story names her"
    );
    assert_eq!(browser.status(), "共 2 条结果");
    let mark = browser.eval("document.querySelector('.search-result-title mark')?.textContent");
    assert_eq!(mark, json!("苗苗"));

    // A phrase found only in a story; the result shows the page's summary.
    browser.type_query("修理自行车");
    assert_eq!(browser.result_links(), ["../people/wang-da-shan/index.html"]);
    let snippet = browser.eval("document.querySelector('.search-snippet').innerHTML");
    assert_eq!(snippet, json!("退休工人。"));

    // Latin words, any case, every term must match.
    browser.type_query("lei FENG day");
    assert_eq!(browser.result_links(), ["../people/wang-da-shan/index.html"]);

    // Chinese inside a longer run: 雷锋 in 学雷锋; the title match ranks first.
    browser.type_query("雷锋");
    assert_eq!(
        browser.result_links(),
        [
            "../events/2024-03-05-xue-lei-feng/index.html",
            "../people/zhang-miao-miao/index.html",
            "../people/chen-xiao-hong/index.html",
        ]
    );

    // A filter with a query.
    browser.choose("region", "河东区");
    assert_eq!(browser.result_links(), ["../people/chen-xiao-hong/index.html"]);
    let browse = browser.eval("document.querySelector('#search-browse a')?.getAttribute('href')");
    assert_eq!(
        browse,
        json!("../region/he-dong-qu/index.html"),
        "a link to the term page"
    );

    // Enter runs the search without reloading the page.
    browser.eval("window.laurelMark = 1");
    browser.key("Enter", 13);
    browser.wait_until(DONE, "results after Enter");
    assert_eq!(browser.eval("window.laurelMark"), json!(1), "Enter reloaded the page");

    // A filter alone.
    browser.type_query("");
    assert_eq!(browser.eval("document.getElementById('search-q').value"), json!(""));
    browser.choose("region", "河西区");
    browser.choose("year", "2023");
    assert_eq!(browser.result_links(), ["../people/zhang-miao-miao/index.html"]);

    // A shared link pre-fills the box and the filters.
    browser.open(&format!(
        "{page}?q=%E9%9B%B7%E9%94%8B&category=%E5%8A%A9%E4%BA%BA%E4%B8%BA%E4%B9%90"
    ));
    assert_eq!(browser.eval("document.getElementById('search-q').value"), json!("雷锋"));
    assert_eq!(
        browser.result_links(),
        [
            "../people/zhang-miao-miao/index.html",
            "../people/chen-xiao-hong/index.html"
        ]
    );

    // The header's box on any page leads there with ?q=.
    browser.navigate(&format!("{base}people/wang-da-shan/index.html"));
    browser.eval(
        "(() => { const q = document.getElementById('site-search-q'); q.value = '自行车'; q.form.submit(); return true; })()",
    );
    browser.wait_until(
        &format!("location.href.startsWith({}) && {DONE}", json!(page)),
        "the search page from the header",
    );
    assert_eq!(
        browser.eval("document.getElementById('search-q').value"),
        json!("自行车")
    );
    assert_eq!(browser.result_links(), ["../people/wang-da-shan/index.html"]);
}

#[test]
fn search_page_works_over_http_and_from_disk() {
    let site = search_site();
    site.build_ok();
    let mut browser = Browser::start("about:blank");
    check_search(&mut browser, &serve(&site.out()));
    check_search(&mut browser, &file_url(&site.out().join("")));
}

/// Benchmark, not a check: time to results in Chromium on a built site named
/// by `LAUREL_SEARCH_BENCH` (e.g. the 10,000-person corpus). Run with
/// `LAUREL_SEARCH_BENCH=/dev/shm/s10k-out cargo test --release --test it search_benchmark -- --ignored --nocapture`.
#[test]
#[ignore]
fn search_benchmark() {
    let Some(out) = std::env::var_os("LAUREL_SEARCH_BENCH") else {
        return;
    };
    let base = serve(Path::new(&out));
    let mut browser = Browser::start("about:blank");
    for round in ["http", "file"] {
        let root = if round == "http" {
            base.clone()
        } else {
            file_url(&Path::new(&out).join(""))
        };
        let started = Instant::now();
        browser.open(&format!("{root}search/index.html"));
        eprintln!("{round}: search page ready (meta.js parsed) in {:?}", started.elapsed());
        for query in ["苗苗", "雷锋", "修理自行车", "苗苗", "张 志愿"] {
            let watch = "(() => { const list = document.getElementById('search-results');
                window.benchFirst = 0; window.benchDone = 0;
                if (window.benchWatch) benchWatch.disconnect();
                list.innerHTML = '';
                window.benchWatch = new MutationObserver(() => {
                  const now = performance.now();
                  if (!benchFirst && list.children.length) benchFirst = now;
                  if (list.dataset.state === 'done') benchDone = benchDone || now;
                });
                benchWatch.observe(list, {attributes: true, childList: true});
                window.benchStart = performance.now(); return true; })()";
            let ready = browser.eval(&format!(
                "(() => {{ const q = document.getElementById('search-q'); q.focus(); q.select(); return true; }})() && {watch}"
            ));
            assert_eq!(ready, json!(true));
            browser.call("Input.insertText", json!({ "text": query }));
            browser.wait_until("window.benchDone > 0", "the benchmark query");
            let timing = browser.eval(
                "[benchFirst ? benchFirst - benchStart : null, benchDone - benchStart, Number(document.getElementById('search-results').dataset.ms),
                  document.getElementById('search-status').textContent,
                  Math.max(...performance.getEntriesByType('resource')
                    .filter(e => e.name.includes('/search/index-') && e.startTime >= benchStart && e.responseEnd <= benchFirst)
                    .map(e => benchFirst - e.responseEnd), -1)]",
            );
            eprintln!(
                "{round}: {query}: first results {}, all {:.0} ms after input (debounce {DEBOUNCE} ms), \
                 first results {} after the index shard arrived, last search pass {} ms; {}",
                timing[0]
                    .as_f64()
                    .map_or("none".to_string(), |ms| format!("{ms:.0} ms")),
                timing[1].as_f64().unwrap_or(-1.0),
                timing[4]
                    .as_f64()
                    .filter(|ms| *ms >= 0.0)
                    .map_or("(no shard loaded)".to_string(), |ms| format!("{ms:.0} ms")),
                timing[2],
                timing[3]
            );
        }
    }
}

/// The page's input debounce, in milliseconds (see search.js).
const DEBOUNCE: u32 = 120;

/// A field declared in `laurel.toml` alone (`hometown`, a filter) filters the
/// results together with the built-in filters.
#[test]
fn a_declared_field_is_a_working_search_filter() {
    let site = search_site()
        .config("[kinds.person.fields.hometown]\nlabel = \"籍贯\"\nfilter = true\norder = 35")
        .file(
            "content/people/li-bao.md",
            &crate::support::md(
                "title = \"李宝\"\nregion = \"河西区\"\nhometown = \"河北保定\"",
                "李宝修桥补路。\n",
            ),
        );
    site.build_ok();
    let mut browser = Browser::start("about:blank");
    browser.open(&format!("{}search/index.html", serve(&site.out())));
    let label = browser.eval("document.querySelector('label[for=search-hometown]').textContent");
    assert_eq!(label, json!("籍贯"));
    browser.choose("region", "河西区");
    assert_eq!(browser.result_links().len(), 3, "{:?}", browser.result_links());
    browser.choose("hometown", "河北保定");
    assert_eq!(browser.result_links(), ["../people/li-bao/index.html"]);
    let kind = browser.eval("document.querySelector('.search-kind').textContent");
    assert_eq!(kind, json!("人物"));
}

/// A result of a declared kind carries the kind's label from `laurel.toml`.
#[test]
fn a_declared_kind_is_labelled_in_search_results() {
    let site = search_site()
        .config("[kinds.unit]\nlabel = \"文明单位\"")
        .file(
            "content/units/_index.md",
            "+++\ntitle = \"文明单位\"\npage_kind = \"unit\"\n+++\n",
        )
        .file(
            "content/units/yi-yuan.md",
            &crate::support::md("title = \"清河医院\"", "医院。\n"),
        );
    site.build_ok();
    let mut browser = Browser::start("about:blank");
    browser.open(&format!("{}search/index.html", serve(&site.out())));
    browser.type_query("清河医院");
    assert_eq!(browser.result_links(), ["../units/yi-yuan/index.html"]);
    let kind = browser.eval("document.querySelector('.search-kind').textContent");
    assert_eq!(kind, json!("文明单位"));
}

/// Surnames and given names of the persons of [`many_people`].
const SURNAMES: &str = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红";

/// The name of person `i` of [`many_people`]: three characters, unique.
fn person_name(i: usize) -> String {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let n = surnames.len();
    [
        surnames[i % n],
        given[(i / n) % given.len()],
        given[i / (n * given.len())],
    ]
    .into_iter()
    .collect()
}

/// A site of `count` persons, big enough for several index and row shards
/// (its base URL is a sub-path, /haoren/): each story names the person and
/// has the phrase 志愿服务.
fn many_people(count: usize) -> crate::support::Site {
    let mut site = crate::support::Site::new().file("content/people/_index.md", crate::support::PEOPLE_INDEX);
    for i in 0..count {
        let name = person_name(i);
        site = site.file(
            &format!("content/people/p{i}.md"),
            &crate::support::md(
                &format!("title = \"{name}\"\nslug = \"p{i}\"\ndate = 2020-01-01"),
                &format!("{name}是第{i}号志愿者，常年参加志愿服务，帮助邻里。\n"),
            ),
        );
    }
    site
}

impl Browser {
    /// Types `query` into a freshly opened search page at `page`; gives the
    /// search files whose scripts had run when the first result appeared.
    fn files_before_first_result(&mut self, page: &str, query: &str) -> Vec<String> {
        self.open(page);
        let watch = "(() => { const list = document.getElementById('search-results');
            window.firstFiles = null;
            new MutationObserver(() => {
              if (window.firstFiles || !list.children.length) return;
              const shards = (global, name) => Object.keys(window[global] || {}).map(n => 'search/' + name + '-' + n + '.js');
              window.firstFiles = ['search/meta.js']
                .concat(window.LAUREL_SEARCH_FILTERS ? ['search/filters.js'] : [])
                .concat(shards('LAUREL_SEARCH_INDEX', 'index'), shards('LAUREL_SEARCH_PAGES', 'pages'));
              window.firstBytes = performance.getEntriesByType('resource')
                .filter(e => e.name.includes('/search/') && !e.name.endsWith('search.js'))
                .reduce((sum, e) => sum + e.decodedBodySize, 0);
            }).observe(list, {childList: true});
            const q = document.getElementById('search-q'); q.focus(); return true; })()";
        assert_eq!(self.eval(watch), json!(true));
        self.call("Input.insertText", json!({ "text": query }));
        self.wait_until("window.firstFiles !== null", &format!("the first result for {query}"));
        serde_json::from_value(self.eval("window.firstFiles")).expect("a list of files")
    }
}

/// The first results of a two-character query need `search/meta.js` and one
/// index shard, not the whole index: over HTTP under a sub-path and from disk.
#[test]
fn first_results_load_one_index_shard() {
    const PEOPLE: usize = 1300;
    let site = many_people(PEOPLE);
    site.build_ok();
    let out = site.out();
    let index_files = std::fs::read_dir(out.join("search"))
        .expect("search folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("index-"))
        })
        .count();
    assert!(index_files >= 8, "{index_files} index shards for {PEOPLE} persons");
    assert!(out.join("search/pages-1.js").exists(), "two row shards");

    // Served under /haoren/ as the base URL says.
    let parent = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(&out, parent.path().join("haoren")).expect("symlink");
    let http = format!("{}haoren/", serve(parent.path()));
    let mut browser = Browser::start("about:blank");
    for base in [http.clone(), file_url(&out.join(""))] {
        let page = format!("{base}search/index.html");
        // 志愿 is in every story; the first results are the first pages.
        let files = browser.files_before_first_result(&page, "志愿");
        assert_eq!(files.len(), 2, "{base}: {files:?}");
        assert!(files[1].starts_with("search/index-"), "{files:?}");
        if base == http {
            let bytes: u64 = files
                .iter()
                .map(|f| std::fs::metadata(out.join(f)).expect("index file").len())
                .sum();
            assert_eq!(
                browser.eval("window.firstBytes"),
                json!(bytes),
                "bytes loaded before the first result"
            );
        }
        browser.wait_until(DONE, "every result");
        assert_eq!(browser.status(), format!("显示前 50 条，共 {PEOPLE} 条"));
        let links = browser.result_links();
        assert_eq!(links.len(), 50);
        assert!(links.iter().all(|l| l.starts_with("../people/p")), "{links:?}");

        // Two characters of a name: the persons who have them, in their titles.
        let pair: String = person_name(1234).chars().skip(1).collect();
        let files = browser.files_before_first_result(&page, &pair);
        assert_eq!(files.len(), 2, "{pair}: {files:?}");
        browser.wait_until(DONE, "every result");
        let mut expected: Vec<String> = (0..PEOPLE)
            .filter(|&i| person_name(i).contains(&pair))
            .map(|i| format!("../people/p{i}/index.html"))
            .collect();
        let mut links = browser.result_links();
        expected.sort();
        links.sort();
        assert_eq!(links, expected, "{pair}");

        // One character, and a filter, load what they need too.
        browser.type_query("敏");
        let count = (0..PEOPLE).filter(|&i| person_name(i).contains('敏')).count();
        assert!(browser.status().contains(&count.to_string()), "{}", browser.status());
    }
}
