//! Every problem and hint in Chinese (简体中文), for a site whose language is zh-CN: the words a
//! clerk reads. The English words are the `Display` of [`Problem`] and [`Problem::hint`]; both
//! lists match every variant, so a new problem does not compile until it has its Chinese.

use super::Problem;

/// The problem in Chinese.
pub fn message(p: &Problem) -> String {
    match p {
        Problem::Io(e) => format!("无法读写文件：{}", e.zh),
        Problem::NotUtf8 => "文件不是 UTF-8 编码的文本".into(),
        Problem::NoFrontMatter => "公示缺少开头的字段区（front matter）".into(),
        Problem::UnclosedFrontMatter => "字段区没有结束".into(),
        Problem::Yaml(e) => format!("字段区格式有误（YAML）：{e}"),
        Problem::YamlSlip { what, .. } => format!("字段区格式有误：{}", what.zh),
        Problem::UnknownField { field, .. } => format!("未知字段 `{field}`"),
        Problem::MissingField(f) => format!("缺少必填字段 `{f}`"),
        Problem::BadDate { field, value } => format!("`{field}`：`{value}` 不是有效日期"),
        Problem::DateOutOfRange { field, value } => {
            format!("`{field}: {value}` 不在公示日期可能的年份（1949—2100）之内")
        }
        Problem::PeriodTooLong { days, max } => {
            format!("公示期 {days} 个工作日，超过 gongkai 接受的上限 {max} 个工作日")
        }
        Problem::NamesInAidBody => "学生资助公示正文中直接写出的姓名会不加遮盖地公开".into(),
        Problem::Placeholder(s) => format!("还留有示例文字：`{s}`"),
        Problem::PeriodTooShort { days, min, kind } => {
            format!("公示期只有 {days} 个工作日；{kind}类公示至少应接受异议 {min} 个工作日")
        }
        Problem::NoHolidayData {
            year, start, end, ..
        } => format!(
            "公示期（{start} 至 {end}）跨入 {year} 年，gongkai 没有该年的法定节假日和调休上班日数据：{year} 年的工作日按周一至周五计算"
        ),
        Problem::UnknownKind(k) => format!("未知的公示类别 `{k}`"),
        Problem::PeriodEndsBeforeStart { start, end } => {
            format!("公示期的结束日（{end}）早于开始日（{start}）")
        }
        Problem::PeriodIncomplete => "公示期需要写明 `end`（结束日）或 `days`（工作日数）".into(),
        Problem::PeriodOverdetermined => "`period` 同时写了 `end` 和 `days`".into(),
        Problem::PeriodBeforeDate { start, date } => {
            format!("公示期开始日（{start}）早于发布日期（{date}）")
        }
        Problem::ZeroDays => "`days` 至少为 1".into(),
        Problem::BadSlug(s) => format!("`slug: {s}` 不能用作网址"),
        Problem::SlugCase(s) => format!("`slug: {s}` 含有大写字母；页面网址一律小写"),
        Problem::DuplicateSlug { url, other } => {
            format!("网址 `{url}` 已被本公示和 {other} 同时使用")
        }
        Problem::DuplicateIndexNo { index_no, other } => {
            format!("索引号 `{index_no}` 已被本公示和 {other} 同时使用")
        }
        Problem::MissingAttachment(f) => format!("附件 `{f}` 不存在"),
        Problem::BadAttachmentPath(f) => format!("附件路径 `{f}` 不被允许"),
        Problem::DuplicateAttachment(f) => format!("本公示有两个附件都叫 `{f}`"),
        Problem::OutsideSite(f) => {
            format!("`{f}` 指向网站文件夹之外（经由符号链接或 `..`），没有读取")
        }
        Problem::Empty { field } => format!("`{field}` 为空"),
        Problem::InvalidValue { field, message } => format!("`{field}` 的值无效：{}", message.zh),
        Problem::NameCollision { a, b, folder } => {
            format!("`{a}` 和 `{b}` 都会变成文件夹 `{folder}`")
        }
        Problem::Amount { field, error } => format!("`{field}`：{}", error.zh),
        Problem::FieldNotForKind { field, kind } => format!("`{field}` 只用于 {kind} 类公示"),
        Problem::MaskNamesCannotAct { kind } => format!(
            "`mask_names: true` 对 {kind} 类公示不起作用：它只遮盖评选和评议名单中的姓名，这里写的姓名会原样公开"
        ),
        Problem::Overflow { what } => format!(
            "{what}超过 gongkai 能精确计算的最大金额（92,233,720,368,547,758.07 元）；没有做任何舍入或截断"
        ),
        Problem::Registry(e) => format!("无法读取身份登记文件 gongkai.lock：{}", e.zh),
        Problem::TooDeep { what, max } => format!("{what}嵌套超过 {max} 层"),
        Problem::Internal(e) => format!("gongkai 在该文件改动后重建时发生内部错误：{e}"),
        Problem::BothGiven { a, b } => format!("`{a}` 和 `{b}` 只能写一个"),
        Problem::DeclaredMismatch {
            figure,
            declared,
            computed,
        } => format!(
            "填写的{}为 {declared}，与计算结果 {computed} 不符",
            match *figure {
                "income" => "收入合计",
                "expense" => "支出合计",
                "balance" => "本期结余",
                "received" => "捐款收入合计",
                "disbursed" => "捐款支出合计",
                "amount" => "资助金额合计",
                other => other,
            }
        ),
        Problem::MissingBasis(item) => format!("收费项目 `{item}` 没有写收费依据（`basis`）"),
        Problem::Inconsistent(w) => w.zh.clone(),
        Problem::Csv(w) => w.zh.clone(),
        Problem::Archived(w) => w.zh.clone(),
        Problem::Privacy {
            what_zh, masked, ..
        } => format!("{what_zh}：{masked}"),
        Problem::UnsafeHtml(e) => format!("已删除不安全的 HTML：{e}"),
        Problem::BrokenLink(l) => format!("链接 `{l}` 指向不存在的文件或公示"),
        Problem::MissingExpires => "学生名单没有写撤除日期（`expires:`）".into(),
        Problem::UnverifiedTable { rows, .. } => {
            format!("正文中的数字表格（{rows} 行）没有经过核对")
        }
        Problem::Template(e) => format!("模板错误：{e}"),
        Problem::UnknownTheme(t) => format!("主题 `{t}` 不存在"),
        Problem::NoSiteConfig => "没有找到 site.yaml，使用默认设置".into(),
        Problem::LegacyEncoding => {
            "文件是以 GBK/GB18030 编码保存的，不是 UTF-8；已按 GB18030 读取".into()
        }
        Problem::AttachmentPrivacy {
            what_zh,
            place,
            masked,
            ..
        } => format!("{what_zh}（{place}）：{masked}"),
        Problem::UnreadableAttachment(e) => {
            format!("无法读取该附件的文字：{e}；公开前须由人工检查")
        }
    }
}

/// The hint in Chinese, when the problem has one.
pub fn hint(p: &Problem) -> Option<String> {
    Some(match p {
        Problem::NotUtf8 => "请把文件另存为 UTF-8 编码（记事本：另存为 → 编码：UTF-8）".into(),
        Problem::NoFrontMatter => {
            "文件第一行写 `---`，接着写字段（`title:`、`kind:`、`date:`），再写一行 `---`".into()
        }
        Problem::UnclosedFrontMatter => "字段区最后要有一行只写 `---`".into(),
        Problem::Yaml(_) => "请检查缩进和引号；值里有 `:` 或 `#` 时要加英文引号".into(),
        Problem::YamlSlip { fix, .. } => format!("改写为 `{fix}`"),
        Problem::UnknownField {
            suggestion: Some(s),
            ..
        } => format!("是不是要写 `{s}`？"),
        Problem::UnknownField { expected, .. } => {
            format!("可用的字段：{}", expected.join("、"))
        }
        Problem::MissingField(f) => format!("在字段区加一行 `{f}: …`"),
        Problem::BadDate { .. } => {
            "日期写成 YYYY-MM-DD（如 2025-07-10），或 RFC 3339 格式（2025-07-10T09:00:00+08:00）"
                .into()
        }
        Problem::UnknownKind(_) => {
            "可用：finance（财务）、evaluation（评议）、selection（评选）、notice（通知）".into()
        }
        Problem::PeriodEndsBeforeStart { .. } => "请交换两个日期，或改正结束日".into(),
        Problem::PeriodIncomplete => {
            "写成 `period: {start: 2025-07-10, end: 2025-07-16}` 或 `period: {days: 5}`".into()
        }
        Problem::PeriodOverdetermined => "只保留其中一个".into(),
        Problem::PeriodBeforeDate { .. } => "公示期不能在公示发布之前开始".into(),
        Problem::ZeroDays => "公示期至少一个工作日".into(),
        Problem::BadSlug(_) => {
            "只能用英文字母、数字、`-` 和 `_`（它会成为页面网址和二维码的内容）".into()
        }
        Problem::SlugCase(s) => format!("改写为 `slug: {}`", s.to_ascii_lowercase()),
        Problem::DuplicateSlug { .. } => "给其中一份公示另写一个 `slug:`".into(),
        Problem::DuplicateIndexNo { .. } => {
            "索引号只能发一次；删去其中一份公示的 `index_no:`".into()
        }
        Problem::MissingAttachment(_) => {
            "把文件放在公示旁边（路径相对于公示所在的文件夹），或改正文件名".into()
        }
        Problem::BadAttachmentPath(_) => "请写相对于公示所在文件夹、位于 content/ 之内的路径".into(),
        Problem::DuplicateAttachment(_) => "请给其中一个文件改名".into(),
        Problem::OutsideSite(_) => {
            "请把文件复制到网站文件夹内，不要用链接：生成时读取的一切都必须在网站文件夹内".into()
        }
        Problem::NameCollision { .. } => "请给其中一个改名".into(),
        Problem::UnknownTheme(_) => {
            "把主题放在 themes/主题名/ 下，或删去 `theme:` 使用内置主题".into()
        }
        Problem::NoSiteConfig => "运行 `gongkai init` 可得到带注释的 site.yaml".into(),
        Problem::Amount { .. } => {
            "金额写成 1234.50、\"1,234.50\" 或 \"¥1,234.50\"：最多两位小数".into()
        }
        Problem::FieldNotForKind { .. } => "删去该字段，或改正 `kind:`".into(),
        Problem::DateOutOfRange { .. } => "请检查年份是否输错".into(),
        Problem::NoHolidayData {
            year, first, last, ..
        } => {
            let add = format!(
                "在 site.yaml 的 `holidays:` 中加上 {year} 年的法定节假日，在 `workdays:` 中加上调休上班的周末"
            );
            if year > last {
                format!(
                    "{add}，或升级 gongkai：它的法定节假日数据到 {last} 年为止（国务院办公厅一般在上一年 11 月公布）"
                )
            } else {
                format!("{add}：gongkai 的法定节假日数据从 {first} 年开始")
            }
        }
        Problem::Placeholder(_) => "公开前请把示例换成真实的文字、姓名、号码或地址".into(),
        Problem::NamesInAidBody => "把学生写在 `candidates:` 下（`- {name: 张小明, unit: 四（2）班, post: 一档, result: selected}`），姓名会自动遮盖，再用 `{{ candidates }}` 放置名单".into(),
        Problem::PeriodTooShort { min, .. } => format!(
            "把公示期延长到至少 {min} 个工作日（`period: {{days: {min}}}`），或在 site.yaml 中用 `min_period_days:` 设定规则"
        ),
        Problem::PeriodTooLong { .. } => {
            "请检查数字是否输错；长期公开的内容（如收费公示牌）不需要公示期：用 `kind: notice`".into()
        }
        Problem::Registry(_) => {
            "请从版本库恢复 gongkai.lock（它记录每个已公开的网址和索引号；不要手工修改）".into()
        }
        Problem::TooDeep { .. } => {
            "公示不会用到这么深的嵌套：请查找没有在该结束处结束的括号或标签".into()
        }
        Problem::Internal(_) => {
            "预览仍显示上一次成功生成的网站，下一次改动会全部重建；请连同该文件报告此问题".into()
        }
        Problem::Overflow { .. } => {
            "请检查金额是否多输了数字：学校的数字不会接近这个值".into()
        }
        Problem::MaskNamesCannotAct { .. } => {
            "删去 `mask_names`，按可以公开的方式写每个姓名（未同意具名的捐赠人：爱心人士，或 张*明）".into()
        }
        Problem::DeclaredMismatch { .. } => {
            "请改正填写的合计或各行金额：页面显示的是计算出的合计".into()
        }
        Problem::MissingBasis(_) => {
            "加上 `basis:`，写明批准文件（批准机关 + 文号）；没有收费依据的收费不得公示".into()
        }
        Problem::Privacy { hint_zh, .. } => hint_zh.to_string(),
        Problem::UnsafeHtml(_) => {
            "正文中的脚本、事件属性、框架、表单和样式一律不公开；请删去这段 HTML".into()
        }
        Problem::BrokenLink(_) => {
            "链接其他公示请写它的文件（`../2025-2026/fees.md`）或 `@slug`，链接文件请写 `attachments` 中列出的附件".into()
        }
        Problem::UnverifiedTable { structure, .. } => format!(
            "改写成 front matter 中的 `{structure}:`，gongkai 会计算合计并核对写出的每个数字（见 README“Structured data”）"
        ),
        Problem::MissingExpires => {
            "加上 `expires: YYYY-MM-DD`：到期后姓名会从所有页面、列表和订阅中撤除（学生资助名单不能长期挂网）".into()
        }
        Problem::LegacyEncoding => "把文件另存为 UTF-8 编码，这条提示就会消失".into(),
        Problem::AttachmentPrivacy { hint_zh, .. } => hint_zh.to_string(),
        Problem::Template(_) => {
            "请检查模板的这一行（提示文字来自模板引擎 Tera）；内置模板在 themes/default/templates/，复制到网站的 templates/ 中即可修改".into()
        }
        Problem::UnreadableAttachment(_) => {
            "请打开检查其中有无身份证号、电话号码、银行卡号、家庭住址和家庭情况；附件用 CSV、.xlsx、.docx 或带文字层的 PDF，生成时会自动检查".into()
        }
        Problem::Io(_)
        | Problem::Empty { .. }
        | Problem::InvalidValue { .. }
        | Problem::BothGiven { .. }
        | Problem::Inconsistent(_)
        | Problem::Csv(_)
        | Problem::Archived(_) => return None,
    })
}
