//! The kinds of private data the privacy guard finds (身份证号, 手机号 …), with their stable codes
//! (`id-number`) and the words that explain them: part of the model, since a notice names them in
//! its `privacy: allow` waivers.

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    IdNumber,
    Mobile,
    BankCard,
    Landline,
    Email,
    Address,
    Hardship,
}

impl Code {
    pub const ALL: [Code; 7] = [
        Code::IdNumber,
        Code::Mobile,
        Code::BankCard,
        Code::Landline,
        Code::Email,
        Code::Address,
        Code::Hardship,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Code::IdNumber => "id-number",
            Code::Mobile => "mobile",
            Code::BankCard => "bank-card",
            Code::Landline => "landline",
            Code::Email => "email",
            Code::Address => "address",
            Code::Hardship => "hardship",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.key() == s.trim())
    }

    /// Identity, mobile and bank card numbers are errors; the rest are warnings.
    pub fn is_error(self) -> bool {
        matches!(self, Code::IdNumber | Code::Mobile | Code::BankCard)
    }

    pub fn what(self) -> &'static str {
        match self {
            Code::IdNumber => "a resident identity number",
            Code::Mobile => "a mobile phone number",
            Code::BankCard => "a bank card number",
            Code::Landline => "a landline number in a table of people",
            Code::Email => "an e-mail address that is not an official contact",
            Code::Address => "a home address",
            Code::Hardship => "a family-hardship detail in a student-aid notice",
        }
    }

    /// [`Code::what`] in Chinese.
    pub fn what_zh(self) -> &'static str {
        match self {
            Code::IdNumber => "居民身份证号码",
            Code::Mobile => "手机号码",
            Code::BankCard => "银行卡号",
            Code::Landline => "人员名单中的固定电话",
            Code::Email => "不是公开联系方式的电子邮箱",
            Code::Address => "家庭住址",
            Code::Hardship => "学生资助公示中的家庭困难情况",
        }
    }

    /// [`Code::hint`] in Chinese.
    pub fn hint_zh(self) -> &'static str {
        match self {
            Code::IdNumber => "请删除：身份证号码一律不得公开（纸质材料确需时请线下遮盖）",
            Code::Mobile => {
                "请删除；如果是受理异议的电话，请把它写进公示或 site.yaml 的 `contact:`，作为公开联系方式"
            }
            Code::BankCard => "请删除：银行卡号一律不得公开",
            Code::Landline => "公开名单中不列个人电话；只保留单位的联系电话",
            Code::Email => "请删除；如果是公开的邮箱，请写进公示或 site.yaml 的 `contact:`",
            Code::Address => "地址最多公开到乡镇或街道，不得具体到门牌",
            Code::Hardship => {
                "资助名单只公开资助档次和金额，不公开低保、残疾、建档立卡等家庭情况（保护学生家庭）"
            }
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Code::IdNumber => {
                "remove it: identity numbers must never be published (mask it offline if the paper copy needs it)"
            }
            Code::Mobile => {
                "remove it, or declare it as an official contact (`contact:` of the notice or site.yaml) if it is the objection hotline"
            }
            Code::BankCard => "remove it: bank card numbers must never be published",
            Code::Landline => {
                "people's phone numbers do not belong in published lists; keep only the office's contact line"
            }
            Code::Email => {
                "remove it, or list it in the contact of the notice or of site.yaml if it is official"
            }
            Code::Address => {
                "publish addresses only to the township or street (乡镇/街道), never to the house"
            }
            Code::Hardship => {
                "aid lists show the grade and amount only, never 低保/残疾/建档立卡 or other family circumstances (the rules for 资助 lists protect the students' families)"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn hints_cite_nothing_a_clerk_cannot_open() {
        for c in Code::ALL {
            for hint in [c.hint(), c.hint_zh()] {
                assert!(!hint.contains("DOMAIN") && !hint.contains('§'), "{hint}");
            }
        }
    }
}
