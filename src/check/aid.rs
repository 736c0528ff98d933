//! Student aid (资助) lists name minors: their names go in `candidates:`, which masks them
//! (张*明) on every page, the feed and the search index. A table of names typed in the body
//! would be published as typed: it is an error pointing to `candidates:`. A named list is
//! taken down when its period of use ends: without `expires:` it is a warning.

use crate::content::Notice;
use crate::content::data::selection::AwardType;
use crate::diagnostics::{Diagnostics, Problem, Span};

/// Warns when a student-aid list has no `expires:` (it would stay published for good).
pub fn expiry(notice: &Notice, diags: &mut Diagnostics) {
    let aid = notice
        .data
        .selection
        .as_ref()
        .is_some_and(|s| s.award_type == AwardType::Aid && s.has_candidates());
    // Tiers without names (the names kept at the service hall) name no one.
    if aid && notice.expires.is_none() {
        diags.warning(
            notice
                .front_matter
                .span_of(&notice.rel, &[crate::yaml::Seg::Key("award_type")]),
            Problem::MissingExpires,
        );
    }
}

/// Column headings that hold people's names.
const NAME_HEADINGS: [&str; 4] = ["姓名", "学生姓名", "受助学生", "name"];

/// Whether `c` can be part of a Chinese name.
fn hanzi(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Where a name is written in prose as `张三丰等3名同学` (a name, 等, a count, 名 and
/// 同学/学生/幼儿): the byte offset of the name in `line` — the last two or three hanzi before
/// 等 (a name of two or three characters; a longer run is the words before it).
fn name_in_prose(line: &str) -> Option<usize> {
    for (at, _) in line.match_indices('等') {
        let rest = &line[at + '等'.len_utf8()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let counted = ["名同学", "名学生", "名幼儿"]
            .iter()
            .any(|w| rest[digits..].starts_with(w));
        if digits == 0 || !counted {
            continue;
        }
        let run: Vec<usize> = line[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| hanzi(*c))
            .map(|(b, _)| b)
            .collect();
        if run.len() >= 2 {
            return Some(run[run.len().min(3) - 1]);
        }
    }
    None
}

/// Common Chinese surnames (the first character of a name), single and compound.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const COMPOUND_SURNAMES: [&str; 8] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "令狐",
];

/// Whether `item` (hanzi only) reads as a person's name: a surname and one or two characters
/// (two or three after a compound surname), not a title (王老师), a grade, a fee or a count.
fn name_like(item: &str) -> bool {
    const NOT_NAMES: [&str; 24] = [
        "老师", "校长", "主任", "书记", "同学", "年级", "班", "费", "档", "等", "类", "元", "人",
        "名", "项", "生", "校", "园", "组", "部", "处", "室", "局", "会",
    ];
    let chars: Vec<char> = item.chars().collect();
    let (surname, given) = match COMPOUND_SURNAMES.iter().find(|c| item.starts_with(*c)) {
        Some(_) => (2, chars.len().saturating_sub(2)),
        None => (1, chars.len().saturating_sub(1)),
    };
    (surname == 2 || SURNAMES.contains(chars[0]))
        && (1..=2).contains(&given)
        && !item.chars().any(|c| "一二三四五六七八九十零".contains(c))
        && !NOT_NAMES.iter().any(|w| item.ends_with(w))
}

/// Where a run of names is written in prose (`张小明、李华、赵子强`: two or more names in a row,
/// separated by 、): the byte offset of the first name in `line`.
/// A staff role written before the names of those who hold it (信息员, 联系人, 资助中心老师).
fn staff_role(text: &str) -> bool {
    const ROLES: [&str; 14] = [
        "员",
        "联系人",
        "负责人",
        "经办人",
        "审核人",
        "监督人",
        "老师",
        "教师",
        "主任",
        "校长",
        "书记",
        "组长",
        "委员",
        "小组",
    ];
    // 代表 of the staff (班主任代表, 教师代表); a 学生代表 is a student.
    let delegate = text.ends_with("代表") && !text.ends_with("学生代表");
    delegate || ROLES.iter().any(|r| text.ends_with(r))
}

/// A staff role followed at once by the first of its holders' names (班主任代表徐丽娟).
fn role_then_name(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (2..=3).any(|n| {
        chars.len() > n && {
            let split: usize = chars[..chars.len() - n].iter().map(|c| c.len_utf8()).sum();
            staff_role(&text[..split]) && name_like(&text[split..])
        }
    })
}

fn names_run(line: &str) -> Option<usize> {
    // The line as runs of hanzi (start, text) and the separators between them.
    let mut items: Vec<(usize, &str, Option<char>)> = Vec::new();
    let mut start: Option<usize> = None;
    for (b, c) in line.char_indices().chain([(line.len(), '\n')]) {
        if hanzi(c) {
            start.get_or_insert(b);
            continue;
        }
        if let Some(a) = start.take() {
            items.push((a, &line[a..b], Some(c)));
        } else if let Some(last) = items.last_mut() {
            // Two separators in a row end the run.
            last.2 = None;
        }
    }
    let mut run: Option<(usize, usize)> = None; // (first name's offset, names so far)
    // Names after a staff role and a colon (信息员：陈思雨、罗建军) are staff, named in full.
    let mut staff = false;
    for (at, text, after) in items {
        if matches!(after, Some(':' | '：')) && staff_role(text) {
            staff = true;
            run = None;
            continue;
        }
        if after == Some('、') && !name_like(text) && role_then_name(text) {
            staff = true;
            run = None;
            continue;
        }
        if staff && name_like(text) {
            staff = after == Some('、') || after == Some('，') || after == Some(',');
            continue;
        }
        staff = false;
        if name_like(text) {
            let (first, n) = run.map_or((at, 1), |(f, n)| (f, n + 1));
            if n >= 2 {
                return Some(first);
            }
            run = (after == Some('、')).then_some((first, n));
        } else {
            run = None;
        }
    }
    None
}

/// Reports each Markdown table in the body of a student-aid notice whose heading row has a
/// name column, and each name written in its prose as 张三丰等3名同学 or as a run of names.
pub fn names_in_body(notice: &Notice, text: &str, diags: &mut Diagnostics) {
    let aid = notice
        .data
        .selection
        .as_ref()
        .is_some_and(|s| s.award_type == AwardType::Aid);
    if !aid {
        return;
    }
    let lines: Vec<&str> = notice.body.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(b) = name_in_prose(line).or_else(|| names_run(line)) {
            diags.error(
                Span::in_text(
                    &notice.rel,
                    text,
                    notice.body_line + i,
                    line[..b].chars().count() + 1,
                ),
                Problem::NamesInAidBody,
            );
        }
    }
    for (i, pair) in lines.windows(2).enumerate() {
        let (head, rule) = (pair[0].trim(), pair[1].trim());
        let is_rule = rule.starts_with('|') && rule.contains("---");
        if !head.starts_with('|') || !is_rule {
            continue;
        }
        let named = head
            .split('|')
            .map(|c| c.trim().to_lowercase())
            .any(|c| NAME_HEADINGS.contains(&c.as_str()));
        if named {
            let line = notice.body_line + i;
            diags.error(
                Span::in_text(&notice.rel, text, line, 1),
                Problem::NamesInAidBody,
            );
        }
    }
}
