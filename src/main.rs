//! The `gongkai` binary: parses the command line, runs the library, prints diagnostics and maps
//! the outcome to an exit code (0 done, 1 content, template or output errors, 2 usage).

mod cli;

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use gongkai::content::Audience;
use gongkai::diagnostics::{Diagnostic, Diagnostics, Severity};
use gongkai::watch::Session;
use gongkai::{BuildError, BuildOptions, calendar, config, scaffold};
use jiff::civil::Date;

use cli::{AudienceArg, Cli, Command, Format, SiteArgs};
use gongkai::check::report::FindingJson;
use gongkai::diagnostics::Lang;

/// mimalloc instead of the system allocator: a build allocates and frees many small strings
/// from two threads, where glibc's malloc spent a fifth of the build's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// For the long-running commands (serve, watch): memory freed by a rebuild is kept for the next
/// one instead of being handed back to the system ten milliseconds later. With purging, the
/// next rebuilds fault those pages in again, and one edit in twenty took 65–82 ms instead of
/// 35 (10,000 notices, `benches/serve_latency.py`); without, the worst was 36–46 ms. Memory
/// stays at the high-water mark of the first build, which serve and watch reach anyway.
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc's `mi_option_t` (v2 and v3 headers of the pinned
    // libmimalloc-sys); -1: never purge.
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets a number in mimalloc's option table; any thread may do so at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `--lang`, else GONGKAI_LANG, else the site's language (see BuildOptions::message_lang).
    let lang = match cli.lang.or_else(|| std::env::var("GONGKAI_LANG").ok()) {
        None => None,
        Some(l) => match Lang::parse(&l) {
            Some(l) => Some(l),
            None => {
                eprintln!("error: --lang: `{l}` is neither zh nor en（提示语言只能是 zh 或 en）");
                return ExitCode::from(2);
            }
        },
    };
    match cli.command {
        Command::Build {
            root,
            output,
            now,
            base_url,
            drafts,
            audience,
            force,
        } => {
            let Some(now) = parse_day(now.as_deref()) else {
                return ExitCode::from(2);
            };
            if let Some(url) = &base_url
                && let Err(message) = config::check_base_url(url)
            {
                eprintln!("error: --base-url: {message}（网站地址无效）");
                return ExitCode::from(2);
            }
            let opts = BuildOptions {
                root,
                output,
                now,
                base_url,
                drafts,
                audience: self::audience(audience),
                preview: false,
                force,
                lang,
            };
            build(&opts)
        }
        Command::Serve {
            site,
            port,
            bind,
            open,
            poll,
        } => {
            let Some(mut opts) = site_options(site, lang) else {
                return ExitCode::from(2);
            };
            // The preview shows notices not yet published, with a banner.
            opts.preview = true;
            keep_freed_memory();
            let serve = gongkai::serve::ServeOptions {
                bind,
                port,
                open,
                poll: poll.map(Duration::from_millis),
            };
            let told = opts.message_lang();
            match gongkai::serve::run(Session::new(opts), serve) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail_in(&e, told),
            }
        }
        Command::Watch {
            site,
            output,
            poll,
            force,
        } => {
            let Some(mut opts) = site_options(site, lang) else {
                return ExitCode::from(2);
            };
            opts.force = force;
            keep_freed_memory();
            let output = output.unwrap_or_else(|| opts.output_dir());
            let poll = poll.map(Duration::from_millis);
            let told = opts.message_lang();
            match gongkai::watch::run_watch(Session::new(opts), &output, poll) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail_in(&e, told),
            }
        }
        Command::Archive {
            year,
            root,
            now,
            bundle,
            force,
        } => {
            let Some(now) = parse_day(now.as_deref()) else {
                return ExitCode::from(2);
            };
            let mut opts = BuildOptions::new(root);
            opts.now = now;
            opts.lang = lang;
            let lang = opts.message_lang();
            match gongkai::archive::create::archive(&opts, &year, bundle, force.as_deref()) {
                Ok(a) => {
                    let (n, f, dir) = (a.notices, a.files, a.dir.display());
                    match lang {
                        Lang::En => println!("archived {n} notices ({f} files) into {dir}"),
                        Lang::Zh => println!("已归档 {n} 份公示（{f} 个文件）到 {dir}"),
                    }
                    if let Some(b) = a.bundle {
                        match lang {
                            Lang::En => println!("bundle: {}", b.display()),
                            Lang::Zh => println!("归档包：{}", b.display()),
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(gongkai::archive::create::ArchiveError::Content(diags)) => {
                    report(&diags, lang);
                    match lang {
                        Lang::En => eprintln!("archive failed: nothing was written"),
                        Lang::Zh => eprintln!("归档失败：没有写入任何文件"),
                    }
                    ExitCode::from(1)
                }
                Err(e) => fail_in(&e.told(lang), lang),
            }
        }
        Command::Verify { path, root } => {
            let path = path.unwrap_or(root);
            let lang = lang.unwrap_or_else(|| BuildOptions::new(&path).message_lang());
            let dirs = gongkai::archive::verify::archives_in(&path);
            if dirs.is_empty() {
                return match lang {
                    Lang::En => fail(&format!("no archive found in {}", path.display())),
                    Lang::Zh => fail_in(&format!("{} 中没有归档", path.display()), lang),
                };
            }
            let mut bad = 0;
            for dir in &dirs {
                let findings = gongkai::archive::verify::verify_dir(dir);
                if findings.is_empty() {
                    println!("ok: {}", dir.display());
                }
                for f in &findings {
                    match lang {
                        Lang::En => eprintln!("{f}"),
                        Lang::Zh => eprintln!("{}", f.zh()),
                    }
                }
                bad += findings.len();
            }
            if bad > 0 {
                match lang {
                    Lang::En => eprintln!("verify failed: {bad} difference(s)"),
                    Lang::Zh => eprintln!("核验失败：{bad} 处不符"),
                }
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Check {
            site,
            format,
            strict,
        } => {
            let Some(opts) = site_options(site, lang) else {
                return ExitCode::from(2);
            };
            let findings = gongkai::check(&opts);
            let lang = opts.message_lang();
            let errors = findings
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let warnings = findings.len() - errors;
            match format {
                Format::Text => {
                    report(&findings, lang);
                    match lang {
                        Lang::En => eprintln!("check: {errors} error(s), {warnings} warning(s)"),
                        Lang::Zh => eprintln!("检查完成：{errors} 个错误，{warnings} 个警告"),
                    }
                }
                // One object per line (JSON Lines), as streaming tools read it.
                Format::Json => {
                    for f in &findings {
                        let json =
                            serde_json::to_string(&FindingJson::new(f, lang)).unwrap_or_default();
                        println!("{json}");
                    }
                }
            }
            if errors > 0 || (strict && warnings > 0) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Print {
            selector,
            site,
            output,
        } => {
            let Some(opts) = site_options(site, lang) else {
                return ExitCode::from(2);
            };
            match gongkai::print(&opts, &selector) {
                Ok((html, n)) => {
                    let name: String = selector
                        .chars()
                        .map(|c| {
                            if c.is_alphanumeric() || c == '-' {
                                c
                            } else {
                                '-'
                            }
                        })
                        .collect();
                    let path = output
                        .unwrap_or_else(|| format!("print-{}.html", name.trim_matches('-')).into());
                    if let Err(e) = std::fs::write(&path, html) {
                        return fail(&format!("{}: {e}", path.display()));
                    }
                    match opts.message_lang() {
                        Lang::En => println!("wrote {n} notices to {}", path.display()),
                        Lang::Zh => println!("已把 {n} 份公示写入 {}", path.display()),
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    report(&diags, opts.message_lang());
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir } => {
            let site = config::Site::defaults();
            // A new site is Chinese (its site.yaml says zh-CN) unless --lang says otherwise.
            let lang = lang.unwrap_or_default();
            match scaffold::init(&dir, calendar::today(&site.tz)) {
                Ok(files) => {
                    for f in files {
                        match lang {
                            Lang::En => println!("created {}", f.display()),
                            Lang::Zh => println!("已创建 {}", f.display()),
                        }
                    }
                    match lang {
                        Lang::En => println!("next: cd {} && gongkai build", dir.display()),
                        Lang::Zh => println!("下一步：cd {} && gongkai build", dir.display()),
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail_in(&e.told(lang), lang),
            }
        }
        Command::New {
            kind,
            title,
            root,
            date,
        } => {
            let mut diags = Diagnostics::new();
            let site = config::load(&root, &mut diags);
            let Some(date) = parse_day(date.as_deref()) else {
                return ExitCode::from(2);
            };
            let today = date.unwrap_or_else(|| calendar::today(&site.tz));
            match scaffold::new_notice(&root, &kind, &title, today, &site) {
                Ok(path) => {
                    let lang = lang.unwrap_or_else(|| gongkai::lang_of(site.config.language));
                    match lang {
                        Lang::En => println!("created {}", path.display()),
                        Lang::Zh => println!("已创建 {}", path.display()),
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    let lang = lang.unwrap_or_else(|| gongkai::lang_of(site.config.language));
                    fail_in(&e.told(lang), lang)
                }
            }
        }
    }
}

fn audience(a: AudienceArg) -> Audience {
    match a {
        AudienceArg::Public => Audience::Public,
        AudienceArg::Staff => Audience::Staff,
    }
}

/// Build options of `serve` and `watch`; `None` on a usage error (already reported).
fn site_options(site: SiteArgs, lang: Option<Lang>) -> Option<BuildOptions> {
    let now = parse_day(site.now.as_deref())?;
    Some(BuildOptions {
        root: site.root,
        output: None,
        now,
        base_url: None,
        drafts: site.drafts,
        audience: audience(site.audience),
        preview: false,
        force: false,
        lang,
    })
}

/// `None` (and a message) when the text is not a date; `Some(None)` when absent.
fn parse_day(text: Option<&str>) -> Option<Option<Date>> {
    match text {
        None => Some(None),
        Some(t) => match t.parse::<Date>() {
            Ok(d) => Some(Some(d)),
            Err(_) => {
                // Before the site is read: in both languages.
                eprintln!(
                    "error: `{t}` is not a date; write it as YYYY-MM-DD（`{t}` 不是日期，请写成 YYYY-MM-DD）"
                );
                None
            }
        },
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// [`fail`] in `lang`.
fn fail_in(message: &str, lang: Lang) -> ExitCode {
    match lang {
        Lang::En => fail(message),
        Lang::Zh => {
            eprintln!("错误：{message}");
            ExitCode::from(1)
        }
    }
}

/// Prints `diags` to stderr through one buffer: stderr itself is unbuffered, and a diagnostic
/// written piece by piece cost some twenty system calls (10,000 for a build with 429 warnings;
/// slow on a Windows console).
fn report(diags: &[Diagnostic], lang: Lang) {
    let mut err = std::io::BufWriter::with_capacity(64 * 1024, std::io::stderr().lock());
    for d in diags {
        let _ = write!(err, "{}", d.shown(lang));
    }
    let _ = err.flush();
}

fn build(opts: &BuildOptions) -> ExitCode {
    let started = Instant::now();
    let lang = opts.message_lang();
    match gongkai::build(opts) {
        Ok(r) => {
            report(&r.warnings, lang);
            let ms = started.elapsed().as_millis();
            let (n, p, f, out) = (
                r.stats.notices,
                r.stats.pages,
                r.stats.files,
                r.output.display(),
            );
            match lang {
                Lang::En => println!(
                    "built {n} notices, {p} pages and {f} other files into {out} in {ms} ms"
                ),
                Lang::Zh => println!(
                    "已生成 {n} 份公示、{p} 个页面和 {f} 个其他文件，输出到 {out}，用时 {ms} 毫秒"
                ),
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            report(&diags, lang);
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            match lang {
                Lang::En => {
                    eprintln!("build failed: {errors} error(s); the output folder was not changed")
                }
                Lang::Zh => eprintln!("生成失败：{errors} 个错误；输出文件夹没有改动"),
            }
            ExitCode::from(1)
        }
        Err(BuildError::Output(e)) => match lang {
            Lang::En => fail(&format!("{e}; the output folder was not changed")),
            Lang::Zh => fail_in(&format!("{}；输出文件夹没有改动", e.told(lang)), lang),
        },
    }
}
