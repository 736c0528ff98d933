//! The command line (clap definitions only).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Static site generator for school transparency boards (校务公开栏)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 提示语言 · The language of messages: zh or en [default: GONGKAI_LANG, else the site's
    /// language].
    #[arg(long, global = true)]
    pub lang: Option<String>,
}

/// What `serve` and `watch` build.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// 网站文件夹 · The site folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// 按哪一天生成 · Build the board as of this day (YYYY-MM-DD) [default: today in the
    /// site's time zone].
    #[arg(long)]
    pub now: Option<String>,
    /// 包括草稿 · Include notices marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// 面向谁 · Who the build is for.
    #[arg(long, value_enum, default_value = "public")]
    pub audience: AudienceArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    /// 公开：公众可见的内容（默认） · Everything a member of the public may see (the default).
    Public,
    /// 校内：含校内公示，切勿对外发布 · Also staff-only notices; never publish this build.
    Staff,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 生成网站 · Build the site into the output folder (atomically: on any error nothing is
    /// written; 出错时输出文件夹不变).
    Build {
        /// 网站文件夹 · The site folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// 输出文件夹 · Where to write the site [default: ROOT/public, or ROOT/public-staff with
        /// --audience staff].
        #[arg(long)]
        output: Option<PathBuf>,
        /// 按哪一天生成 · Build the board as of this day (YYYY-MM-DD) [default: today in the
        /// site's time zone].
        #[arg(long)]
        now: Option<String>,
        /// 网站地址 · Absolute URL the site is published at (for the feed, sitemap and canonical
        /// links).
        #[arg(long)]
        base_url: Option<String>,
        /// 包括草稿 · Include notices marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// 面向谁 · Who the build is for.
        #[arg(long, value_enum, default_value = "public")]
        audience: AudienceArg,
        /// 强制替换 · Replace the output folder even when it holds files gongkai did not write
        /// (names starting with `.`, CNAME and `keep_in_output` names are kept).
        #[arg(long)]
        force: bool,
    },
    /// 预览 · Build, serve the site over HTTP and rebuild and reload open tabs on every change
    /// (边改边看).
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// 端口 · Port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// 监听地址 · Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// 打开浏览器 · Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// 轮询 · Poll for changes every MS milliseconds instead of waiting for file events
        /// (network shares, WSL-mounted Windows drives, synced folders).
        #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "1000")]
        poll: Option<u64>,
    },
    /// 监视 · Build into the output folder and rebuild on every change, without a server.
    Watch {
        #[command(flatten)]
        site: SiteArgs,
        /// 输出文件夹 · Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// 轮询 · Poll for changes every MS milliseconds instead of waiting for file events.
        #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "1000")]
        poll: Option<u64>,
        /// 强制替换 · Replace the output folder even when it holds files gongkai did not write
        /// (names starting with `.`, CNAME and `keep_in_output` names are kept).
        #[arg(long)]
        force: bool,
    },
    /// 归档 · Freeze a school year's board into archive/YEAR/ with a SHA-256 manifest.
    Archive {
        /// 学年 · The school year, e.g. 2024-2025.
        year: String,
        /// 网站文件夹 · The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// 按哪一天计算状态 · The day the archived statuses are computed for [default: today].
        #[arg(long)]
        now: Option<String>,
        /// 同时打包 · Also write archive/YEAR.tar.gz for the records office (档案室).
        #[arg(long)]
        bundle: bool,
        /// 提前归档的理由 · Archive a school year that has not ended or still has notices open
        /// for objections, giving the reason (kept in the archive as REASON.txt).
        #[arg(long, value_name = "REASON")]
        force: Option<String>,
    },
    /// 核验归档 · Check archives against their manifests: every archive of the site, or the
    /// archive or built output folder at PATH.
    Verify {
        /// 归档文件夹 · An archive folder, or a folder holding archive/*/ (a site or a built
        /// output).
        path: Option<PathBuf>,
        /// 网站文件夹 · The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// 检查 · Run every check of a build (privacy, tables, links, templates) without writing
    /// anything (隐私、表格、链接、模板).
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// 输出格式 · `text` for people, `json` (one object per line, a line per finding) for
        /// editors and CI.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// 警告也算失败 · Warnings fail too.
        #[arg(long)]
        strict: bool,
    },
    /// 打印 · Write one print page (A4, QR codes, stylesheet inline) for a set of notices.
    Print {
        /// 打印哪些 · `open` (notices open for objections), a school year (2025-2026) or a path
        /// under the site (content/2026-2027/selection).
        selector: String,
        #[command(flatten)]
        site: SiteArgs,
        /// 输出文件 · The file to write [default: print-SELECTOR.html].
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// 新建网站 · Create a new site in DIR with a commented site.yaml and a first notice.
    Init { dir: PathBuf },
    /// 新建公示 · Create a new notice with the skeleton of its kind (表格、标记和示例行).
    New {
        /// 类别 · finance, evaluation, selection or notice (财务, 评议, 评选, 通知).
        kind: String,
        /// 标题 · The notice's title.
        title: String,
        /// 网站文件夹 · The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// 日期 · The notice's date (YYYY-MM-DD) [default: today].
        #[arg(long)]
        date: Option<String>,
    },
}
