//! `site.yaml`: the site's settings with their defaults, read strictly (unknown keys are errors
//! with a suggestion) and resolved into the values the pipeline uses (time zone, working-day
//! calendar, school-year start).

use crate::diagnostics::Words;
use std::collections::BTreeSet;
use std::path::Path;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::calendar::{WorkCalendar, parse_date};
use crate::diagnostics::{Diagnostics, Problem, Span};
use crate::yaml::{Seg, YamlSource};

/// The objection channel (异议/监督渠道) of the site or of one notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// 受理部门
    pub office: Option<String>,
    /// 联系人
    pub person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// 通讯地址 or the location of the objection box.
    pub address: Option<String>,
}

impl Contact {
    /// This channel with its fields trimmed, and empty ones left out.
    pub fn trimmed(&self) -> Contact {
        let t = |f: &Option<String>| {
            f.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Contact {
            office: t(&self.office),
            person: t(&self.person),
            phone: t(&self.phone),
            email: t(&self.email),
            address: t(&self.address),
        }
    }

    /// This channel, with fields it leaves out taken from `fallback` — unless it names another
    /// office: that office's person, phone or address is not the fallback's.
    pub fn or(&self, fallback: &Contact) -> Contact {
        if self.office.is_some() && self.office != fallback.office {
            return self.clone();
        }
        Contact {
            office: self.office.clone().or_else(|| fallback.office.clone()),
            person: self.person.clone().or_else(|| fallback.person.clone()),
            phone: self.phone.clone().or_else(|| fallback.phone.clone()),
            email: self.email.clone().or_else(|| fallback.email.clone()),
            address: self.address.clone().or_else(|| fallback.address.clone()),
        }
    }
}

/// The site's language: the UI strings of the default theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// `site.yaml` as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    pub title: String,
    /// The school's full name (发布机构, no abbreviation).
    pub school: String,
    /// Short code used in index numbers (索引号).
    pub school_code: String,
    pub base_url: String,
    pub description: Option<String>,
    pub language: Language,
    pub timezone: String,
    /// The default objection channel.
    pub contact: Contact,
    /// `MM-DD` on which a school year (学年) starts.
    pub school_year_start: String,
    /// Default notice period (公示期) in working days.
    pub notice_period_days: u32,
    /// The shortest period of an evaluation or selection (incl. student aid), in working days:
    /// a shorter one is a warning (0: no rule).
    pub min_period_days: u32,
    pub theme: String,
    /// Count working days with China's national public holidays and 调休 working days built
    /// into gongkai (`data/holidays-cn.txt`).
    pub national_holidays: bool,
    /// Days off besides the national holidays (a local or school holiday); a date here is a
    /// day off even when the national table makes it a working day.
    pub holidays: Vec<String>,
    /// Working days besides the national 调休 days; a date here is a working day even when it
    /// is a weekend day or a national holiday (and when it is in `holidays` too).
    pub workdays: Vec<String>,
    /// Notices per list page.
    pub paginate_by: usize,
    /// Entries in each feed (the site's and each kind's).
    pub feed_limit: usize,
    /// Mask pupils' names in student-aid selections (张*明); a notice's `mask_names` overrides.
    pub mask_aid_names: bool,
    /// Phone numbers and e-mail addresses that may be published besides `contact` (hotlines).
    pub official_contacts: Vec<String>,
    /// The school's departments that publish notices (发布部门); `gongkai new` writes the first.
    pub departments: Vec<String>,
    /// The lobby screen (电子屏): `kiosk.html`.
    pub kiosk: Kiosk,
    /// The disclosure guide's settings (`guide.html`), besides `contact`.
    pub guide: Guide,
    /// Top-level names in the output folder that builds keep (besides dot-files and `CNAME`),
    /// such as a search engine's site-verification file.
    pub keep_in_output: Vec<String>,
}

/// What the disclosure guide (公开指南) says besides the contact: office hours, fax, the other
/// places notices are posted and who oversees the school.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Guide {
    /// 办公时间 of the office that takes requests and objections.
    pub hours: Option<String>,
    /// 传真.
    pub fax: Option<String>,
    /// Where else notices are posted or can be read (公开栏, 电子屏, 档案室…), one per line.
    pub places: Vec<String>,
    /// Who oversees the school and how to reach it (上级主管部门), for objections the school's
    /// answer does not settle.
    pub supervisor: Option<String>,
}

impl Guide {
    /// The guide's numbers that may be published: its fax and each phone number written in the
    /// supervisor's contact (one at a time, so that two numbers are not read as one).
    pub fn official(&self) -> Vec<String> {
        let mut out: Vec<String> = self.fax.iter().cloned().collect();
        if let Some(text) = &self.supervisor {
            let is_part = |c: char| c.is_ascii_digit() || matches!(c, '-' | '－' | '+' | ' ');
            out.extend(
                text.split(|c: char| !is_part(c))
                    .map(str::trim)
                    .filter(|p| p.chars().filter(char::is_ascii_digit).count() >= 7)
                    .map(str::to_string),
            );
        }
        out
    }
}

/// Settings of the lobby screen.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Kiosk {
    /// Seconds each page is shown.
    pub seconds: u32,
    /// Minutes between reloads of the content.
    pub refresh_minutes: u32,
    /// At most this many table rows on a slide; by default as many as the screen's measured
    /// height holds (`kiosk.js` cuts each table to fit either way).
    pub rows_per_page: Option<usize>,
}

impl Default for Kiosk {
    fn default() -> Self {
        Kiosk {
            seconds: 15,
            refresh_minutes: 10,
            rows_per_page: None,
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "校务公开".into(),
            school: String::new(),
            school_code: "SCHOOL".into(),
            base_url: String::new(),
            description: None,
            language: Language::ZhCn,
            timezone: "Asia/Shanghai".into(),
            contact: Contact::default(),
            school_year_start: "09-01".into(),
            notice_period_days: 5,
            min_period_days: 5,
            theme: "default".into(),
            national_holidays: true,
            holidays: Vec::new(),
            workdays: Vec::new(),
            paginate_by: 20,
            feed_limit: 50,
            mask_aid_names: true,
            official_contacts: Vec::new(),
            departments: Vec::new(),
            kiosk: Kiosk::default(),
            guide: Guide::default(),
            keep_in_output: Vec::new(),
        }
    }
}

/// The settings resolved for the pipeline.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// The text of `site.yaml` as read (without a byte-order mark; empty without the file), for
    /// the checks that report at its lines.
    pub source: String,
    pub tz: TimeZone,
    pub calendar: WorkCalendar,
    pub year_start: (i8, i8),
}

pub const SITE_FILE: &str = "site.yaml";

/// Reads `ROOT/site.yaml` (or the defaults, with a warning, when there is none). Problems are
/// added to `diags`; the returned site is usable either way so that content can still be checked.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Site {
    let path = root.join(SITE_FILE);
    let config = match std::fs::read_to_string(&path) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            let src = YamlSource::new(SITE_FILE, &text, &text, 0);
            let parsed = if text.trim().is_empty() {
                Ok(SiteConfig::default())
            } else {
                src.parse_all::<SiteConfig>()
            };
            match parsed {
                Ok(c) => {
                    return resolve(c, &src, diags);
                }
                Err(all) => {
                    for d in all {
                        diags.push(d);
                    }
                    // The defaults, with the text kept for the checks that quote it.
                    return resolve(SiteConfig::default(), &src, diags);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.warning(Span::file(SITE_FILE), Problem::NoSiteConfig);
            SiteConfig::default()
        }
        Err(e) => {
            diags.error(
                Span::file(SITE_FILE),
                Problem::Io(crate::diagnostics::Words::io(&e)),
            );
            SiteConfig::default()
        }
    };
    let empty = YamlSource::new(SITE_FILE, "", "", 0);
    resolve(config, &empty, diags)
}

/// Whether `name` is one plain file or folder name: no separators, not `.` or `..`, not empty.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':'])
}

fn resolve(mut config: SiteConfig, src: &YamlSource, diags: &mut Diagnostics) -> Site {
    let mut invalid = |key: &str, message: Words| {
        diags.error(
            src.span_of(&[Seg::Key(key)]),
            Problem::InvalidValue {
                field: key.to_string(),
                message,
            },
        );
    };
    let tz = TimeZone::get(&config.timezone).unwrap_or_else(|_| {
        invalid(
            "timezone",
            Words::new(
                format!(
                    "`{}` is not an IANA time zone such as Asia/Shanghai",
                    config.timezone
                ),
                format!("`{}` 不是 Asia/Shanghai 这样的时区名", config.timezone),
            ),
        );
        TimeZone::get("Asia/Shanghai").unwrap_or(TimeZone::UTC)
    });
    let year_start = parse_month_day(&config.school_year_start).unwrap_or_else(|| {
        invalid(
            "school_year_start",
            Words::new(
                format!(
                    "`{}` is not a month-day such as 09-01",
                    config.school_year_start
                ),
                format!("`{}` 不是 09-01 这样的月-日", config.school_year_start),
            ),
        );
        (9, 1)
    });
    if config.notice_period_days == 0
        || config.notice_period_days > crate::calendar::MAX_PERIOD_DAYS
    {
        invalid(
            "notice_period_days",
            Words::new(
                format!(
                    "must be from 1 to {} working days",
                    crate::calendar::MAX_PERIOD_DAYS
                ),
                format!(
                    "应在 1 到 {} 个工作日之间",
                    crate::calendar::MAX_PERIOD_DAYS
                ),
            ),
        );
        config.notice_period_days = 5;
    }
    if config.min_period_days > crate::calendar::MAX_PERIOD_DAYS {
        invalid(
            "min_period_days",
            Words::new(
                format!(
                    "must be from 0 (no rule) to {} working days",
                    crate::calendar::MAX_PERIOD_DAYS
                ),
                format!(
                    "应在 0（不设规则）到 {} 个工作日之间",
                    crate::calendar::MAX_PERIOD_DAYS
                ),
            ),
        );
        config.min_period_days = 5;
    }
    if config.paginate_by == 0 {
        invalid("paginate_by", Words::new("must be at least 1", "至少为 1"));
        config.paginate_by = 20;
    }
    if let Err(message) = check_base_url(&config.base_url) {
        let zh = format!(
            "`{}` 不能用作网站地址；请写成 {BASE_URL_EXAMPLE} 这样的完整网址（{message}）",
            config.base_url
        );
        invalid("base_url", Words::new(message, zh));
        config.base_url.clear();
    }
    if !is_plain_name(&config.theme) {
        invalid(
            "theme",
            Words::new(
                format!(
                    "`{}` is not the name of a folder under themes/ (such as `default` or `qinghe`)",
                    config.theme
                ),
                format!(
                    "`{}` 不是 themes/ 下的文件夹名（如 `default` 或 `qinghe`）",
                    config.theme
                ),
            ),
        );
    }
    let kept = std::mem::take(&mut config.keep_in_output);
    for name in kept {
        if is_plain_name(&name) {
            config.keep_in_output.push(name);
        } else {
            invalid(
                "keep_in_output",
                Words::new(
                    format!(
                        "`{name}` is not a file or folder name at the top of the output (such as baidu_verify_abc.html)"
                    ),
                    format!(
                        "`{name}` 不是输出文件夹顶层的文件或文件夹名（如 baidu_verify_abc.html）"
                    ),
                ),
            );
        }
    }
    let mut dates = |key: &'static str, list: &[String]| -> BTreeSet<Date> {
        list.iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let d = parse_date(s, &tz).filter(|d| crate::calendar::YEARS.contains(&d.year()));
                if d.is_none() {
                    diags.error(
                        src.span_of(&[Seg::Key(key), Seg::Index(i)]),
                        Problem::BadDate {
                            field: key.to_string(),
                            value: s.clone(),
                        },
                    );
                }
                d
            })
            .collect()
    };
    let holidays = dates("holidays", &config.holidays);
    let workdays = dates("workdays", &config.workdays);
    let calendar = if config.national_holidays {
        WorkCalendar::new(holidays, workdays)
    } else {
        WorkCalendar::without_national(holidays, workdays)
    };
    Site {
        calendar,
        tz,
        year_start,
        config,
        source: src.yaml.to_string(),
    }
}

/// The base URL every base-URL error shows as an example.
pub const BASE_URL_EXAMPLE: &str = "https://www.example.edu.cn/xwgk/";

/// Checks a base URL, from `base_url` in site.yaml or from `--base-url` (both go under every QR
/// code and into the feed, sitemap and robots.txt): an absolute `http://` or `https://` URL
/// naming a host, with an optional port and path, and no user name, query or fragment (page
/// paths are appended to it). Empty means no base URL and is accepted. The error names the URL,
/// says what is wrong and shows a correct one.
pub fn check_base_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Ok(());
    }
    let wrong = |what: &str| Err(format!("`{url}` {what}; write it like {BASE_URL_EXAMPLE}"));
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        // The scheme in capitals: show it in lower case.
        if let Some((scheme, after)) = url.split_once("://")
            && matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
        {
            let scheme = scheme.to_ascii_lowercase();
            return Err(format!(
                "`{url}` writes its scheme in capitals; write {scheme}://{after}"
            ));
        }
        // A host without a scheme (`x.cn`, `x.cn/sub/`): show it with one.
        let first = url.split('/').next().unwrap_or_default();
        if !url.contains("://") && first.contains('.') && valid_authority(first) {
            let slash = if url.ends_with('/') { "" } else { "/" };
            return Err(format!(
                "`{url}` has no scheme, so links would be relative to each page; write https://{url}{slash}"
            ));
        }
        return wrong("is not an absolute http:// or https:// URL");
    };
    if let Some(c) = url.chars().find(|&c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '\\' | '`' | '^' | '{' | '}' | '|'
            )
    }) {
        return wrong(&format!("contains {c:?}, which a URL cannot hold"));
    }
    if url.contains('?') {
        return wrong("has a query (`?…`), which would come before every page's path");
    }
    if url.contains('#') {
        return wrong("has a fragment (`#…`), which would hide every page's path");
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() {
        return wrong("names no host");
    }
    if authority.contains('@') {
        return wrong("has a user name before `@`, where only the host belongs");
    }
    if let Some((_, port)) = authority.rsplit_once(':')
        && !authority.ends_with(']')
        && port.parse::<u16>().map_or(true, |p| p == 0)
    {
        return wrong(&format!(
            "has `{port}` as its port, which is not a port number"
        ));
    }
    if !valid_authority(authority) {
        return wrong(&format!(
            "has `{authority}` as its host, which is not a host name"
        ));
    }
    Ok(())
}

/// Whether `authority` is a host name (letters of any script, digits, `-` inside labels, labels
/// joined by dots), an IPv4 address or a bracketed IPv6 address, with an optional `:port`.
fn valid_authority(authority: &str) -> bool {
    if let Some(v6) = authority.strip_prefix('[') {
        let Some((addr, after)) = v6.split_once(']') else {
            return false;
        };
        let port_ok = after.is_empty()
            || after
                .strip_prefix(':')
                .is_some_and(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
        return port_ok && addr.parse::<std::net::Ipv6Addr>().is_ok();
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok_and(|p| p > 0) => host,
        Some(_) => return false,
        None => authority,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

fn parse_month_day(s: &str) -> Option<(i8, i8)> {
    let (m, d) = s.trim().split_once('-')?;
    let (m, d): (i8, i8) = (m.parse().ok()?, d.parse().ok()?);
    // 2024 is a leap year, so 02-29 is accepted.
    jiff::civil::Date::new(2024, m, d).ok().map(|_| (m, d))
}

impl Site {
    /// A site with every default, for tests and for `init`.
    pub fn defaults() -> Site {
        let mut diags = Diagnostics::new();
        let empty = YamlSource::new(SITE_FILE, "", "", 0);
        resolve(SiteConfig::default(), &empty, &mut diags)
    }

    /// The base URL with exactly one trailing slash, or empty.
    /// The path of `base_url`, ending in `/` (`https://x.cn/xwgk/` → `/xwgk/`; none → `/`):
    /// where the site lives on its host, which the 404 page links from and the preview also
    /// answers under.
    pub fn base_path(&self) -> String {
        base_path(&self.config.base_url)
    }

    pub fn base_url(&self) -> String {
        let b = self.config.base_url.trim_end_matches('/');
        if b.is_empty() {
            String::new()
        } else {
            format!("{b}/")
        }
    }
}

/// The path of a base URL, ending in `/`: `https://x.cn/xwgk/` → `/xwgk/`; none → `/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or("", |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        for (url, path) in [
            ("", "/"),
            ("https://x.cn", "/"),
            ("https://x.cn/", "/"),
            ("https://x.cn/xwgk/", "/xwgk/"),
            ("https://x.cn/xwgk", "/xwgk/"),
            ("https://[::1]:8443/a/b/", "/a/b/"),
        ] {
            assert_eq!(super::base_path(url), path, "{url}");
        }
    }

    #[test]
    fn base_urls_are_absolute_http_urls_with_a_host() {
        for good in [
            "",
            "https://x.cn",
            "https://x.cn/",
            "https://x.cn/sub/",
            "http://127.0.0.1:8080",
            "https://[::1]:8443/xwgk/",
            "https://www.qhex.edu.cn./xwgk/",
            "https://学校.中国/校务公开/",
            "https://x.cn/a%20b/",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for (bad, says) in [
            ("javascript:alert(1)//", BASE_URL_EXAMPLE),
            ("data:text/html,<script>", BASE_URL_EXAMPLE),
            ("//x.cn/", BASE_URL_EXAMPLE),
            ("/xwgk/", BASE_URL_EXAMPLE),
            ("x.cn", "write https://x.cn/"),
            ("x.cn/sub/", "write https://x.cn/sub/"),
            ("HTTPS://x.cn/", "write https://x.cn/"),
            ("ftp://x.cn/", BASE_URL_EXAMPLE),
            ("https://", "no host"),
            ("https:///x", "no host"),
            ("https://a@x.cn/", "user name"),
            ("https://x.cn/?a=1", "query"),
            ("https://x.cn/#a", "fragment"),
            ("https://x.cn/a b/", "' '"),
            ("https://x.cn\\@evil/", "'\\\\'"),
            ("https://x.cn:0/", "port"),
            ("https://x.cn:99999/", "port"),
            ("https://x.cn:/", "port"),
            ("https://-x.cn/", "host"),
            ("https://x..cn/", "host"),
            ("https://x_y.cn/", "host"),
            ("https://[::1/", "host"),
        ] {
            let err = check_base_url(bad).expect_err(bad);
            assert!(err.starts_with(&format!("`{bad}` ")), "{err}");
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}
