//! Physical SQLite names (`r12`, `c7`): a letter and the catalogue's sequence number,
//! never derived from user input.

/// `prefix` followed by `seq` in decimal, as `format!("{prefix}{seq}")` writes it, built
/// without the formatting machinery: a bulk insert names every column of every row.
pub(super) fn name(prefix: char, seq: i64) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = seq.unsigned_abs();
    loop {
        start -= 1;
        // `rest % 10` is below 10, so the cast cannot truncate.
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(2 + digits.len() - start);
    out.push(prefix);
    if seq < 0 {
        out.push('-');
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::name;

    #[test]
    fn names_read_as_format_writes_them() {
        for seq in [0, 1, 9, 10, 99, 100, 12_345, -1, -10, i64::MAX, i64::MIN] {
            assert_eq!(name('c', seq), format!("c{seq}"));
            assert_eq!(name('r', seq), format!("r{seq}"));
        }
    }
}
