//! Splitting long text for Discord, which caps each embed description: pages are split
//! between Markdown blocks (paragraphs, lists, quotes, code blocks, headings), never inside
//! one unless it alone is longer than a screen; such a block is split at paragraph breaks,
//! then lines, then words. Nothing is truncated. And shortening what is only quoted back.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// The most characters one embed description may hold.
pub const EMBED_DESCRIPTION_LIMIT: usize = 4096;
/// Discord's longest embed title.
pub const EMBED_TITLE_LIMIT: usize = 256;

/// Splits `text` into chunks of at most `limit` characters between Markdown blocks; a
/// heading stays with the block after it. Joining the chunks with blank lines gives the
/// text back, apart from whitespace at the split points.
pub fn split_for_embeds(text: &str, limit: usize) -> Vec<String> {
    let limit = limit.max(1);
    let mut chunks = Vec::new();
    let mut current: Vec<Block> = Vec::new();
    for block in blocks(text.trim()) {
        if char_len(&block.text) > limit {
            flush(&mut chunks, &mut current);
            let mut parts = split_lines(&block.text, limit);
            let last = parts.pop();
            chunks.extend(parts);
            current.extend(last.map(|text| Block {
                text,
                heading: false,
            }));
            continue;
        }
        if joined_len(&current, &block) > limit {
            let carried = match current.last() {
                Some(last) if last.heading && current.len() > 1 => current.pop(),
                _ => None,
            };
            flush(&mut chunks, &mut current);
            current.extend(carried);
            if joined_len(&current, &block) > limit {
                flush(&mut chunks, &mut current);
            }
        }
        current.push(block);
    }
    flush(&mut chunks, &mut current);
    chunks
}

/// The byte ranges of the top-level paragraphs of `text` longer than `limit` characters:
/// the only text [`split_for_embeds`] would cut inside a paragraph.
pub fn long_paragraphs(text: &str, limit: usize) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0
                    && matches!(tag, Tag::Paragraph)
                    && char_len(text[range.clone()].trim()) > limit
                {
                    found.push(range);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    found
}

/// One top-level Markdown block, as written.
struct Block {
    text: String,
    heading: bool,
}

/// The top-level blocks of `text`. Each runs to the start of the next, so text that is not
/// a block of its own (a link reference definition) stays with the block before it.
fn blocks(text: &str) -> Vec<Block> {
    let mut starts: Vec<(usize, bool)> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    starts.push((range.start, matches!(tag, Tag::Heading { .. })));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => starts.push((range.start, false)),
            _ => {}
        }
    }
    if starts.first().is_none_or(|(start, _)| *start > 0) {
        starts.insert(0, (0, false));
    }
    let ends = starts
        .iter()
        .skip(1)
        .map(|(start, _)| *start)
        .chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&(start, heading), end)| Block {
            text: text[start..end].trim().to_string(),
            heading,
        })
        .filter(|b| !b.text.is_empty())
        .collect()
}

fn joined_len(current: &[Block], next: &Block) -> usize {
    let joined: usize = current.iter().map(|b| char_len(&b.text) + 2).sum();
    joined + char_len(&next.text)
}

fn flush(chunks: &mut Vec<String>, current: &mut Vec<Block>) {
    if !current.is_empty() {
        let texts: Vec<String> = current.drain(..).map(|b| b.text).collect();
        chunks.push(texts.join("\n\n"));
    }
}

/// Splits one block longer than a screen at paragraph breaks, then lines, then spaces.
fn split_lines(text: &str, limit: usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    for piece in pieces(text, limit) {
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

/// The most characters of someone's input a message quotes back to them.
pub const ECHO_LIMIT: usize = 100;

/// Someone's input as a message quotes it back: on one line, at most [`ECHO_LIMIT`]
/// characters, so that a refusal stays short however long the input was.
pub fn echo(input: &str) -> String {
    let one_line: String = input
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    shorten(&one_line, ECHO_LIMIT)
}

/// `text` on one line in at most `max` characters: whole when it fits, otherwise cut after
/// a word and ended with "…".
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if char_len(&text) <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_ascii_punctuation())
    )
}

/// `text` as it is, its lines and no-break spaces kept, when it has at most `max`
/// characters; else shortened as [`shorten`] does.
pub fn fit(text: &str, max: usize) -> String {
    if char_len(text) <= max {
        return text.to_owned();
    }
    shorten(text, max)
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

/// Characters, as Discord counts a message's length.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_echo_is_one_short_line() {
        assert_eq!(echo("  Autumn \n"), "Autumn");
        let long = echo(&"x".repeat(3000));
        assert_eq!(long.chars().count(), ECHO_LIMIT);
        assert!(long.ends_with('…'));
        assert_eq!(echo("a\nb"), "a b");
    }

    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn a_paragraph_with_line_breaks_stays_whole_on_one_screen() {
        let paragraph = "We listened to forty people.\nThen we met.\nThen we acted.";
        let text = format!("Intro.\n\n{paragraph}\n\nEnd.");
        let chunks = split_for_embeds(&text, paragraph.len() + 2);
        assert_eq!(chunks, ["Intro.", paragraph, "End."]);
        assert!(long_paragraphs(&text, paragraph.len()).is_empty());
        let long = long_paragraphs(&text, 20);
        let long: Vec<&str> = long.iter().map(|r| text[r.clone()].trim()).collect();
        assert_eq!(long, [paragraph]);
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
    fn a_list_that_fits_a_screen_moves_whole_to_the_next() {
        let intro = "Before you act, listen. ".repeat(6);
        let list = "- first item\n- second item\n- third item\n- fourth item";
        let text = format!("{intro}\n\n{list}\n\nAfter the list.");
        let chunks = split_for_embeds(&text, intro.len() + 20);
        assert_eq!(chunks[0], intro.trim());
        assert!(chunks[1].starts_with(list), "{chunks:?}");
    }

    #[test]
    fn quotes_and_code_blocks_stay_whole_and_a_heading_stays_with_its_text() {
        let quote = "> We listened.\n> Then we acted.";
        let code = "```\nstep one\n\nstep two\n```";
        let text = format!("Intro paragraph here.\n\n## Heading\n\n{quote}\n\n{code}");
        let chunks = split_for_embeds(&text, 45);
        assert_eq!(
            chunks,
            vec![
                "Intro paragraph here.".to_string(),
                format!("## Heading\n\n{quote}"),
                code.to_string(),
            ]
        );
    }

    #[test]
    fn a_block_longer_than_a_screen_is_split_between_its_lines() {
        let list: Vec<String> = (1..=6).map(|n| format!("- item number {n}")).collect();
        let chunks = split_for_embeds(&list.join("\n"), 35);
        assert_eq!(chunks.len(), 3, "{chunks:?}");
        assert_eq!(chunks[0], "- item number 1\n- item number 2");
    }

    #[test]
    fn shorten_cuts_after_a_word() {
        assert_eq!(
            shorten("What  will you\ntry first?", 45),
            "What will you try first?"
        );
        assert_eq!(
            shorten("Think of a time someone really listened to you.", 20),
            "Think of a time…"
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
