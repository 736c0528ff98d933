//! The default theme's words in the site's language (zh-CN or en), table captions and headers
//! included: handed to templates as `t` and used by the builder for titles, status labels, the
//! lobby screen's tables and the charts.

use std::collections::BTreeMap;

use crate::config::Language;
use crate::content::Kind;

/// `(key, 中文, English)`.
#[rustfmt::skip]
const STRINGS: &[(&str, &str, &str)] = &[
    ("board", "公开栏", "Board"),
    ("home", "首页", "Home"),
    ("open_now", "正在公示", "Open for objections"),
    (
        "no_open",
        "目前没有正在公示的事项。",
        "Nothing is open for objections right now.",
    ),
    ("latest", "最新公开", "Latest"),
    ("more", "更多", "More"),
    ("all_notices", "全部公开事项", "All notices"),
    ("index_no", "索引号", "Index no."),
    ("department", "发布部门", "Published by"),
    ("doc_no", "文号", "Document no."),
    ("date", "发布日期", "Published"),
    ("period", "公示期", "Notice period"),
    ("status", "状态", "Status"),
    ("kind", "类别", "Kind"),
    ("school_year", "学年", "School year"),
    ("school_years", "学年归档", "School years"),
    ("tags", "标签", "Tags"),
    ("departments", "发布部门", "Departments"),
    ("attachments", "附件", "Attachments"),
    ("revisions", "更正记录", "Corrections"),
    ("objection", "异议受理", "Objections"),
    (
        "objection_intro",
        "公示期内如有异议，请以书面形式实名反映，写明事实依据；以单位名义反映的须加盖公章。我们对反映人的信息严格保密。",
        "During the notice period, objections may be raised in writing under your real name, stating the facts. Letters on behalf of an organisation need its seal. We keep your identity confidential.",
    ),
    ("office", "受理部门", "Office"),
    ("person", "联系人", "Contact"),
    ("phone", "电话", "Phone"),
    ("email", "邮箱", "E-mail"),
    ("address", "地址", "Address"),
    ("supervision", "监督渠道", "Other channels"),
    ("status_open", "公示中", "Open"),
    ("status_closed", "公示期满", "Closed"),
    ("status_pending", "未开始", "Not yet open"),
    ("status_posted", "已发布", "Published"),
    ("status_standing", "常年公示", "Standing notice"),
    ("days_left", "剩余{n}个工作日", "{n} working day(s) left"),
    ("until_today", "今日{t}截止", "ends today at {t}"),
    ("working_days", "{n}个工作日", "{n} working days"),
    ("as_of", "截至{date}", "as of {date}"),
    ("page", "第{n}页", "Page {n}"),
    ("prev", "上一页", "Previous"),
    ("next", "下一页", "Next"),
    ("pagination", "分页", "Pagination"),
    ("count", "共{n}条", "{n} notices"),
    ("staff_only", "校内", "Staff only"),
    ("draft", "草稿", "Draft"),
    ("no_index_no", "（草稿，未编号）", "(draft, not numbered)"),
    ("feed", "订阅", "Feed"),
    ("not_found", "页面不存在", "Page not found"),
    (
        "not_found_text",
        "您访问的页面不存在或已撤除。",
        "The page you asked for does not exist or has been taken down.",
    ),
    ("back_home", "返回公开栏首页", "Back to the board"),
    ("skip", "跳到正文", "Skip to content"),
    ("main_nav", "主导航", "Main navigation"),
    ("tag_prefix", "标签：", "Tag: "),
    ("department_prefix", "发布部门：", "Department: "),
    ("year_suffix", "学年", " school year"),
    (
        "staff_build",
        "本站为校内版，仅供教职工查阅，请勿外传。",
        "Staff edition: for school staff only. Do not share.",
    ),
    (
        "draft_banner",
        "草稿：尚未正式发布。",
        "Draft: not yet published.",
    ),
    ("body", "正文", "Text"),
    ("size", "大小", "Size"),
    ("kind_finance", "财务公开", "Finance"),
    ("kind_evaluation", "民主评议", "Evaluations"),
    ("kind_selection", "评优评先", "Selections"),
    ("kind_notice", "通知公告", "Notices"),
    ("generator", "由 gongkai 生成", "Made with gongkai"),
    ("status_upcoming", "未发布", "Not yet published"),
    (
        "upcoming_banner",
        "预览：本通知尚未发布，将于{date}公开。",
        "Preview: this notice is not yet published; it goes public on {date}.",
    ),
    ("outcome", "公示结果", "Outcome"),
    ("outcome_no_objection", "无异议", "No objection"),
    ("outcome_objection_upheld", "异议成立", "Objection upheld"),
    (
        "outcome_objection_dismissed",
        "异议不成立",
        "Objection dismissed",
    ),
    ("outcome_withdrawn", "已撤回", "Withdrawn"),
    ("validity", "有效性", "Validity"),
    ("validity_valid", "有效", "In force"),
    ("validity_expired", "失效", "Expired"),
    ("validity_repealed", "废止", "Repealed"),
    ("validity_amended", "已修订", "Amended"),
    (
        "taken_down",
        "公示期已结束，名单已撤除。",
        "The notice period has ended and the list has been taken down.",
    ),
    ("expires", "撤除日期", "Taken down on"),
    (
        "corrected_banner",
        "本公示已更正，请以更正通知为准：",
        "This notice has been corrected; see:",
    ),
    ("corrects", "本通知更正：", "This notice corrects:"),
    ("decision", "决定文件", "Decision"),
    ("earlier_years", "往年", "Earlier years"),
    ("archives", "历年归档", "Archives"),
    (
        "archive_moved",
        "本公示已随{year}学年归档。",
        "This notice was archived with the {year} school year.",
    ),
    (
        "slug_moved",
        "本公示的网址已变更，请访问新网址。",
        "This notice has a new address.",
    ),
    (
        "withdrawn",
        "本公示已撤除，不再公开。",
        "This notice has been withdrawn and is no longer published.",
    ),
    (
        "withdrawn_corrected",
        "本公示已撤除，请以更正通知为准。",
        "This notice has been withdrawn; see its correction.",
    ),
    ("back_to_board", "返回公开栏首页", "Back to the board"),
    ("archived_mark", "已归档", "archived"),
    ("current_year", "本学年", "This school year"),
    ("count_this_year", "本学年 {n} 份", "{n} this school year"),
    ("kind_aid", "学生资助", "Student aid"),
    (
        "qr_label",
        "二维码：{title}的网上公示页面",
        "QR code: the online page of {title}",
    ),
    (
        "qr_caption",
        "扫码查看网上公示",
        "Scan to see this notice online",
    ),
    (
        "print_open",
        "打印正在公示的通知",
        "Print the notices open for objections",
    ),
    (
        "print_title",
        "正在公示的通知（打印版）",
        "Notices open for objections (print)",
    ),
    ("kiosk_title", "校务公开电子屏", "Disclosure screen"),
    ("kiosk_hotline", "监督电话", "Hotline"),
    (
        "kiosk_empty",
        "目前没有正在公示的事项。",
        "Nothing is open for objections right now.",
    ),
    (
        "kiosk_more",
        "完整内容请扫码查看",
        "Scan for the full notice",
    ),
    ("search", "搜索", "Search"),
    ("search_label", "搜索公开事项", "Search the notices"),
    ("search_placeholder", "标题、文号、姓名……", "Title, document no., name…"),
    ("search_noscript", "搜索需要启用 JavaScript。", "Search needs JavaScript."),
    ("search_searching", "正在搜索……", "Searching…"),
    ("search_count", "找到{n}条结果", "{n} results"),
    ("search_more", "再显示{n}条", "Show {n} more"),
    ("search_unavailable", "搜索暂不可用。", "Search is not available."),
    ("search_file", "从本地文件打开时无法搜索，请通过网站访问。", "Search works when the site is served over the web, not from local files."),
    ("all", "全部", "All"),
    // The data tables of notices (`partials/table_*.html`) and the lobby screen's tables.
    ("table_no", "序号", "No."),
    ("table_item", "项目", "Item"),
    ("table_category", "类别", "Category"),
    ("table_income", "收入", "Income"),
    ("table_expense", "支出", "Expenditure"),
    ("table_note", "备注", "Note"),
    ("table_date", "日期", "Date"),
    ("table_amount", "金额", "Amount"),
    ("table_name", "姓名", "Name"),
    ("table_post", "职务", "Post"),
    ("table_total", "合计", "Total"),
    ("table_yuan", "{amount} 元", "{amount} yuan"),
    ("ledger_caption", "收支明细（单位：元）", "Income and expenditure (yuan)"),
    ("ledger_total_income", "收入合计", "Total income"),
    ("ledger_total_expense", "支出合计", "Total expenditure"),
    ("ledger_opening", "期初结余", "Opening balance"),
    ("ledger_balance", "本期结余", "Balance for the period"),
    ("ledger_closing", "期末结余", "Closing balance"),
    ("ledger_source", "数据来源：{file}", "Source: {file}"),
    ("ledger_cumulative", "本年累计", "Year to date"),
    ("ledger_cumulative_income", "本年累计收入", "Income, year to date"),
    ("ledger_cumulative_expense", "本年累计支出", "Expenditure, year to date"),
    ("ledger_subtotal", "{name}小计", "Subtotal: {name}"),
    ("ledger_surplus_ratio", "结余率", "Surplus ratio"),
    ("ledger_surplus_max", "（规定不超过 {max}）", " (at most {max})"),
    ("fees_caption", "收费项目及标准", "Fees and charges"),
    ("fees_item", "收费项目", "Fee"),
    ("fees_standard", "收费标准（元）", "Amount (yuan)"),
    ("fees_unit", "计费单位", "Charged per"),
    ("fees_basis", "收费依据", "Authority"),
    ("fees_scope", "收费范围", "Applies to"),
    ("donations_received", "捐款收入（单位：元）", "Donations received (yuan)"),
    ("donations_disbursed", "捐款支出（单位：元）", "Donations spent (yuan)"),
    ("donations_donor", "捐赠方", "Donor"),
    ("donations_use", "用途", "Used for"),
    (
        "donations_received_summary",
        "累计收到捐款 {received}（{capitals}）",
        "In all, {received} received ({capitals})",
    ),
    ("donations_count", "，共 {count} 笔", ", {count} gifts"),
    ("donations_in_kind", "捐赠物资", "Gifts in kind"),
    (
        "attendance_summary",
        "在册 {roll} 人，实到 {present} 人（参会率 {rate}）。",
        "{roll} on the roll, {present} present ({rate}).",
    ),
    (
        "attendance_summary_expected",
        "在册 {roll} 人，应到 {expected} 人，实到 {present} 人（参会率 {rate}）。",
        "{roll} on the roll, {expected} expected, {present} present ({rate}).",
    ),
    ("tiers_caption", "资助档次（单位：元）", "Aid by tier (yuan)"),
    ("tiers_name", "档次", "Tier"),
    ("tiers_standard", "资助标准（每人每{per}）", "Standard (per student and {per})"),
    ("tiers_count", "人数", "Students"),
    ("tiers_months", "{per}数", "{per}s"),
    ("tiers_per_month", "月", "month"),
    ("tiers_amount", "金额", "Amount"),
    ("donations_item", "物品", "Item"),
    ("donations_quantity", "数量", "Quantity"),
    ("donations_unit", "单位", "Unit"),
    ("donations_value", "估值（元）", "Value (yuan)"),
    (
        "donations_summary",
        "累计收到捐款 {received} 元，已使用 {disbursed} 元，结余 {remainder}（{capitals}）。",
        "In all, {received} yuan received and {disbursed} yuan spent: {remainder} remain.",
    ),
    (
        "results_summary",
        "发出测评票 {issued} 张，收回 {returned} 张（收回率 {return_rate}），其中有效票 {valid} 张、废票 {invalid} 张。各项比例以有效票为基数计算。",
        "{issued} ballots issued and {returned} returned ({return_rate}): {valid} valid, {invalid} invalid. Shares are of the valid ballots.",
    ),
    ("results_caption", "民主测评结果", "Evaluation results"),
    ("results_blank", "弃权", "Abstained"),
    ("results_rate", "{grades}率", "{grades} rate"),
    ("results_post", "（{post}）", " ({post})"),
    ("results_grade", "等次", "Grade"),
    ("aspects_caption", "{name}{post}分项测评", "{name}{post} by aspect"),
    ("aspects_aspect", "测评项目", "Aspect"),
    ("comments_heading", "评议意见汇总", "Summary of comments"),
    ("comments_strengths", "主要优点", "Strengths"),
    ("comments_weaknesses", "不足和建议", "Shortcomings and suggestions"),
    // The bar chart of one person's votes: its text alternative and the label of each bar.
    ("chart_label", "{name}：{votes}", "Votes for {name}: {votes}"),
    ("chart_vote", "{grade}{n}票（{share}）", "{grade} {n} ({share})"),
    ("chart_separator", "，", ", "),
    ("chart_bar", "{n}（{share}）", "{n} ({share})"),
    ("selection_award", "评选项目", "Award"),
    ("selection_quota", "名额", "Places"),
    ("selection_quota_n", "{n}名", "{n}"),
    ("selection_electorate", "参加投票人数", "Voters"),
    ("selection_electorate_n", "{n}人", "{n}"),
    ("selection_panel", "评审小组", "Review panel"),
    ("selection_criteria", "评选条件", "Criteria"),
    ("names_separator", "、", ", "),
    ("candidates_caption", "候选人及评选结果", "Candidates and results"),
    ("candidates_unit", "单位/部门", "Unit or department"),
    ("candidates_post", "职务/岗位", "Post"),
    ("candidates_votes", "得票", "Votes"),
    ("candidates_score", "得分", "Score"),
    ("candidates_result", "结果", "Result"),
    ("candidates_total", "共{n}人，拟当选{selected}人", "{n} candidate(s), {selected} selected"),
    ("candidates_quota", "（名额{quota}名）", " (quota: {quota})"),
    ("aid_caption", "资助名单", "Aid recipients"),
    ("aid_unit", "班级", "Class"),
    ("aid_post", "资助档次", "Aid level"),
    ("aid_total", "共{n}人，拟资助{selected}人", "{n} applicant(s), {selected} to be funded"),
    ("result_selected", "拟当选", "Selected"),
    ("result_aided", "拟资助", "To be funded"),
    ("result_not_selected", "未当选", "Not selected"),
    ("result_withdrawn", "退出", "Withdrawn"),
    ("result_open", "候选", "Candidate"),
    ("matrix_caption", "收费标准", "Fee standards"),
    ("procurement_project", "采购项目", "Project"),
    ("procurement_method", "采购方式", "Procurement method"),
    ("procurement_supplier", "成交供应商", "Supplier"),
    ("procurement_body", "评选组织", "Selecting body"),
    ("procurement_size", "（{n}人）", " ({n})"),
    ("procurement_members", "：", ": "),
    ("procurement_total", "成交金额", "Contract amount"),
    ("procurement_role", "{role}{n}人", "{role} {n}"),
    ("procurement_votes_caption", "投票结果", "Votes"),
    ("procurement_option", "选项", "Option"),
    ("procurement_items_caption", "成交内容（单位：元）", "Items (yuan)"),
    ("procurement_spec", "规格", "Specification"),
    ("procurement_quantity", "数量", "Quantity"),
    ("procurement_unit", "单位", "Unit"),
    ("procurement_price", "单价", "Unit price"),
    ("procurement_amount", "金额", "Amount"),
    ("count_votes", "票数", "Votes"),
    ("count_share", "占比", "Share"),
    ("vote_motion", "表决事项", "Motion"),
    ("vote_attendance", "应到正式代表{roll}人，实到{present}人", "{roll} delegates, {present} present"),
    ("vote_observers", "，列席{n}人", ", {n} observers"),
    ("vote_present_only", "实到正式代表{present}人", "{present} delegates present"),
    ("vote_caption", "表决情况", "Voting"),
    ("vote_rule_line", "；通过规则：{rule}", "; carried by {rule}"),
    ("vote_for", "同意", "For"),
    ("vote_against", "反对", "Against"),
    ("vote_abstain", "弃权", "Abstained"),
    ("vote_rule", "通过规则", "Rule"),
    ("vote_result", "表决结果", "Result"),
    ("vote_passed", "通过", "Passed"),
    ("vote_failed", "未通过", "Not passed"),
    ("consult_subject", "征求意见事项", "Subject"),
    ("consult_returns", "发放{issued}份，收回{returned}份（回收率{rate}）", "{issued} issued, {returned} returned ({rate})"),
    ("consult_caption", "意见统计", "Answers"),
    ("consult_returned_only", "收回{returned}份", "{returned} returned"),
    ("consult_answer", "意见", "Answer"),
    ("consult_count", "份数", "Count"),
    ("vote_choice", "表决意见", "Choice"),
    ("consult_agree", "同意", "Agree"),
    ("consult_disagree", "不同意", "Disagree"),
    ("consult_other", "其他", "Other"),
    ("consult_threshold", "同意比例要求", "Threshold"),
    ("consult_result", "结果", "Result"),
    ("matrix_corner", "项目", "Item"),
    ("candidates_open_total", "共{n}名候选人", "{n} candidate(s), not yet decided"),
    ("candidates_tally_word", "共{n}人，{word}{selected}人", "{n} candidate(s), {word}: {selected}"),
    ("candidates_open_n", "，候选{n}人", ", {n} not yet decided"),
    ("kiosk_page", "（{page}/{pages}）", " ({page}/{pages})"),
    ("kiosk_list", "名单", "List"),
    ("kiosk_unit", "单位", "Unit"),
    ("kiosk_result", "结果", "Result"),
    ("kiosk_results", "测评结果", "Evaluation results"),
    ("kiosk_fee_standard", "标准（元）", "Amount (yuan)"),
    ("kiosk_fee_unit", "单位", "Per"),
    ("kiosk_ledger", "收支明细（元）", "Income and expenditure (yuan)"),
    ("kiosk_donations_received", "捐款收入（元）", "Donations received (yuan)"),
    ("kiosk_donations", "捐款使用（元）", "Use of donations (yuan)"),
    // The disclosure guide (公开指南).
    ("guide", "校务公开指南", "Disclosure guide"),
    ("guide_short", "公开指南", "Guide"),
    (
        "guide_intro",
        "为方便师生、家长和社会公众了解学校工作、获取学校信息并进行监督，{school}编制本指南，说明学校公开哪些信息、在哪里公开、公示期多长，以及如何申请获取信息、提出意见和异议。",
        "This guide tells pupils, parents, staff and the public what {school} discloses, where, how long notices stay open for objections, and how to ask for information or object.",
    ),
    ("guide_school", "本校", "the school"),
    ("guide_what", "一、公开内容", "1. What the school discloses"),
    (
        "guide_what_intro",
        "学校主动公开以下几类信息。全部公开信息按学年列于公开目录，可按类别、部门筛选。",
        "The school publishes the following kinds of information. Every notice is listed by school year in the catalogue, where it can be filtered by kind and department.",
    ),
    (
        "guide_kind_finance",
        "学校经费收支、收费项目及标准、代收代管费用、食堂收支、受赠财物及其使用等财务信息。",
        "Income and spending, fees and their legal basis, fees collected for others, the canteen's accounts, donations and their use.",
    ),
    (
        "guide_kind_evaluation",
        "教职工对学校领导班子和干部的民主测评、考核结果。",
        "Results of staff evaluations of the school's leaders and of appraisals.",
    ),
    (
        "guide_kind_selection",
        "评优评先、推荐、学生资助等评选和认定结果（学生姓名按规定隐去部分）。",
        "Results of selections: awards, recommendations, student aid (pupils' names partly masked).",
    ),
    (
        "guide_kind_notice",
        "学校规章制度、重大事项决策和其他校务信息。",
        "The school's rules, major decisions and other school affairs.",
    ),
    ("guide_catalogue_link", "查看公开目录", "See the catalogue"),
    ("guide_where", "二、公开方式", "2. Where it is published"),
    (
        "guide_web",
        "学校网站“{title}”{url}：可浏览、检索公开信息，下载附件，并可订阅更新。",
        "The school's website “{title}” {url}: browse and search the notices, download attachments and subscribe to updates.",
    ),
    (
        "guide_archives",
        "往年的公开信息按学年归档，保持发布时的原貌，可在“学年归档”中查阅。",
        "Earlier years' notices are archived by school year exactly as they were published (see School years).",
    ),
    ("guide_when", "三、公示期", "3. Notice periods"),
    (
        "guide_period",
        "需要公示的事项，公示期一般为{n}个工作日，自发布之日起计算，遇法定节假日顺延。",
        "Notices open for objections stay open for {n} working days from publication; public holidays are not counted.",
    ),
    (
        "guide_period_min",
        "评优评先、民主测评、学生资助等事项的公示期不少于{n}个工作日。",
        "Selections, evaluations and student aid stay open for at least {n} working days.",
    ),
    (
        "guide_period_objection",
        "公示期内，任何人均可对公示内容提出意见和异议；公示期满，公示页面注明公示结果。",
        "While a notice is open anyone may comment on it or object; when it closes, its page states the outcome.",
    ),
    ("guide_ask", "四、申请公开与意见反馈", "4. Asking for information and objecting"),
    (
        "guide_ask_text",
        "需要获取尚未主动公开的学校信息，或对公开内容有意见、异议的，可以通过以下方式向{office}提出。请以书面形式实名反映，写明所需信息或事实依据；学校将予以核实并答复，对反映人的信息严格保密。",
        "To ask for information the school has not published, or to comment on or object to a notice, contact {office} as below. Please write, give your name and the information you need or the facts you rely on; the school will look into it, answer, and keep your details confidential.",
    ),
    ("guide_office_fallback", "学校", "the school"),
    ("fax", "传真", "Fax"),
    ("office_hours", "办公时间", "Office hours"),
    ("guide_oversight", "五、监督", "5. Oversight"),
    (
        "guide_oversight_text",
        "对学校的答复不满意，或认为学校未按规定公开信息的，可以向{supervisor}反映。",
        "If the school's answer does not settle the matter, or you believe the school has not disclosed what it should, you may contact {supervisor}.",
    ),
    ("guide_more", "其他说明", "More"),
    // The catalogue (公开目录).
    ("catalogue", "公开目录", "Disclosure catalogue"),
    ("catalogue_title", "公开目录（{year}）", "Disclosure catalogue ({year})"),
    (
        "catalogue_intro",
        "{year}公开的全部信息，已撤回、已归档的一并列出。",
        "Every notice published in {year}, withdrawn and archived ones included.",
    ),
    ("catalogue_years", "其他学年", "Other school years"),
    ("catalogue_title_col", "名称", "Title"),
    ("catalogue_filter", "筛选", "Filter"),
    ("catalogue_keyword", "关键词", "Keyword"),
    ("catalogue_all", "全部", "All"),
    ("catalogue_open_only", "只看公示中", "Open for objections only"),
    ("catalogue_shown", "显示 {shown} / {total} 份", "Showing {shown} of {total}"),
    ("catalogue_sort", "排序", "Sort"),
    ("catalogue_sort_newest", "发布日期（新→旧）", "Newest first"),
    ("catalogue_sort_oldest", "发布日期（旧→新）", "Oldest first"),
    ("catalogue_empty", "本学年尚无公开信息。", "Nothing published this school year yet."),

    ("kiosk_donation_count", "笔数", "Gifts"),
    ("kiosk_received_total", "收入合计", "Received in all"),
    ("kiosk_remainder", "结余", "Remaining"),
    ("kiosk_candidates", "候选人数", "Candidates"),
    ("kiosk_sheets", "{n}张", "{n}"),
    ("kiosk_ballots_issued", "发出测评票", "Ballots issued"),
    ("kiosk_ballots_returned", "收回", "Returned"),
    ("kiosk_ballots_valid", "有效票", "Valid"),
    ("kiosk_procurement", "采购结果", "Procurement result"),
    ("kiosk_voters", "投票人数", "Voters"),
    ("kiosk_roll", "应到代表", "Delegates"),
    ("kiosk_present", "实到代表", "Present"),
    ("kiosk_copies", "{n}份", "{n}"),
    ("kiosk_issued", "发放", "Issued"),
    ("kiosk_return_rate", "回收率", "Return rate"),
];

/// All strings of a language, by key.
pub fn strings(lang: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|(k, zh, en)| (*k, if lang == Language::En { *en } else { *zh }))
        .collect()
}

/// One string; `{n}` and `{date}` placeholders are filled by the caller.
/// `text` with each `{name}` of `values` replaced by its value, in one pass (a value holding
/// `{name}` is not replaced again).
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let open = &rest[i + 1..];
        let value = open.find('}').and_then(|end| {
            let name = &open[..end];
            values
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, end))
        });
        match value {
            Some((v, end)) => {
                out.push_str(v);
                rest = &open[end + 1..];
            }
            None => {
                out.push('{');
                rest = open;
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn t(lang: Language, key: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, zh, en)| if lang == Language::En { *en } else { *zh })
        .unwrap_or("")
}

pub fn kind_name(lang: Language, kind: Kind) -> &'static str {
    t(lang, &format!("kind_{}", kind.key()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_placeholder_once() {
        assert_eq!(
            fill("公开目录（{year}）{x}", &[("year", "{x}学年"), ("x", "!")]),
            "公开目录（{x}学年）!"
        );
        assert_eq!(fill("{open {n}", &[("n", "3")]), "{open 3");
    }

    #[test]
    fn keys_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for (k, ..) in STRINGS {
            assert!(seen.insert(k), "`{k}` twice");
        }
    }

    /// Every `t.key` a template of the default theme reads is a word of both languages (a
    /// missing one would print nothing).
    #[test]
    fn the_default_theme_reads_only_known_words() {
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut used = 0;
        for (name, src) in &crate::theme::Theme::embedded().templates {
            let text = &src.text;
            for (i, _) in text.match_indices("t.") {
                if text[..i].ends_with(|c: char| word(c) || c == '.') {
                    continue;
                }
                let key: String = text[i + 2..].chars().take_while(|c| word(*c)).collect();
                assert!(
                    STRINGS.iter().any(|(k, ..)| *k == key),
                    "{name} reads `t.{key}`, which is not in STRINGS"
                );
                used += 1;
            }
        }
        assert!(used > 100, "{used}");
    }
}
