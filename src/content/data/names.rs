//! Masking people's names for publication (脱敏): one `*` per hidden character, so the length
//! shows, keeping the first and last character (张*, 张*明, 欧**华).

/// `张*` / `张*明` / `欧**华`; a one-character name becomes `*`.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".to_string(),
        2 => format!("{}*", chars[0]),
        n => {
            let mut s = String::new();
            s.push(chars[0]);
            s.extend(std::iter::repeat_n('*', n - 2));
            s.push(chars[n - 1]);
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mask_name;

    #[test]
    fn masks_like_the_field_does() {
        assert_eq!(mask_name("李明"), "李*");
        assert_eq!(mask_name("张小明"), "张*明");
        assert_eq!(mask_name("欧阳子华"), "欧**华");
        assert_eq!(mask_name("王"), "*");
        assert_eq!(mask_name("买买提·艾力"), "买****力");
    }
}
