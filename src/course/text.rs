//! Splitting long text for Discord, which caps each embed description: pages are split at
//! paragraph boundaries (then lines, then words), never truncated. And shortening what is
//! only quoted back.

/// `text` cut to at most `max` characters, the last of them an ellipsis when it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// The most characters one embed description may hold.
pub const EMBED_DESCRIPTION_LIMIT: usize = 4096;

/// Splits `text` into chunks of at most `limit` characters, preferring paragraph breaks,
/// then line breaks, then spaces. Joining the chunks with blank lines gives the text back,
/// apart from whitespace at the split points.
pub fn split_for_embeds(text: &str, limit: usize) -> Vec<String> {
    let limit = limit.max(1);
    let mut chunks = Vec::new();
    let mut current = String::new();
    for piece in pieces(text.trim(), limit) {
        let separator = if current.is_empty() {
            ""
        } else {
            piece.separator
        };
        if char_len(&current) + char_len(separator) + char_len(&piece.text) > limit {
            chunks.push(std::mem::take(&mut current));
            current.push_str(&piece.text);
        } else {
            current.push_str(separator);
            current.push_str(&piece.text);
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

struct Piece {
    /// What joins this piece to the one before it when both share a chunk.
    separator: &'static str,
    text: String,
}

/// Breaks text into pieces no longer than `limit`, each remembering how it was joined.
fn pieces(text: &str, limit: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let mut separator = "\n\n";
        for line in paragraph.lines() {
            for part in fit_line(line, limit) {
                out.push(Piece {
                    separator,
                    text: part,
                });
                separator = " ";
            }
            separator = "\n";
        }
    }
    out
}

fn fit_line(line: &str, limit: usize) -> Vec<String> {
    if char_len(line) <= limit {
        return vec![line.to_string()];
    }
    let mut parts = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        for fragment in fit_word(word, limit) {
            if !current.is_empty() && char_len(&current) + 1 + char_len(&fragment) > limit {
                parts.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&fragment);
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

fn fit_word(word: &str, limit: usize) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    chars.chunks(limit).map(|c| c.iter().collect()).collect()
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn short_text_is_one_chunk() {
        assert_eq!(
            split_for_embeds("Hello\n\nworld", 100),
            vec!["Hello\n\nworld"]
        );
    }

    #[test]
    fn paragraphs_stay_whole_when_they_fit() {
        let text = "aaaa aaaa\n\nbbbb bbbb\n\ncccc";
        assert_eq!(
            split_for_embeds(text, 20),
            vec!["aaaa aaaa\n\nbbbb bbbb", "cccc"]
        );
    }

    #[test]
    fn nothing_is_lost_and_no_chunk_is_too_long() {
        let paragraph = "Listening comes before action. ".repeat(60);
        let text = format!("{paragraph}\n\n{}\n\n{}", "é".repeat(5000), paragraph);
        for limit in [50, 1000, EMBED_DESCRIPTION_LIMIT] {
            let chunks = split_for_embeds(&text, limit);
            assert!(chunks.iter().all(|c| c.chars().count() <= limit));
            let joined = chunks.join(" ");
            let rejoined: String = words(&joined).concat();
            assert_eq!(rejoined, words(&text).concat(), "limit {limit}");
        }
    }
}
