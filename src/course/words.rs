//! Words shared by everything that talks to people: a count with its noun in the right number.

/// `n` followed by `one` when `n` is 1 and by `many` otherwise: "1 set", "3 sets", "0 sets".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(count(1, "facilitator", "facilitators"), "1 facilitator");
        assert_eq!(count(0, "facilitator", "facilitators"), "0 facilitators");
        assert_eq!(count(2, "person", "people"), "2 people");
    }
}
