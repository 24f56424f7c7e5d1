//! Links in the Markdown a pack ships: Discord members get only `https://` links, and an
//! image link should name an image.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Check, Doc};

/// The file extensions Discord shows as images.
const IMAGE_EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "gif", "webp"];

/// Checks every link of `doc`, a Markdown file, where it is written.
pub(super) fn markdown(c: &mut Check, doc: &Doc) {
    let mut in_code = false;
    for (event, range) in Parser::new(&doc.source).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) => https_only(c, doc, range.start, &dest_url),
            Event::Start(Tag::Image { dest_url, .. }) => {
                https_only(c, doc, range.start, &dest_url);
                if !names_an_image(&dest_url) {
                    c.warn(
                        doc,
                        range.clone(),
                        format!(
                            "image link `{dest_url}` does not end in .{}",
                            IMAGE_EXTENSIONS.join(", .")
                        ),
                    );
                }
            }
            Event::Text(text) if !in_code => {
                if let Some(at) = text.find("http://") {
                    let url = text[at..].split_whitespace().next().unwrap_or_default();
                    let url = url.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '/');
                    https_only(c, doc, range.start + at, url);
                }
            }
            _ => {}
        }
    }
}

/// Reports a link that does not start with `https://`; other links (`mailto:`, a channel)
/// pass.
fn https_only(c: &mut Check, doc: &Doc, offset: usize, url: &str) {
    if url
        .get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
    {
        c.hint(
            doc,
            offset..offset,
            format!("link `{url}` is not https"),
            "links start with https://",
        );
    }
}

fn names_an_image(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.rsplit_once('.').is_some_and(|(_, ext)| {
        IMAGE_EXTENSIONS
            .iter()
            .any(|image| ext.eq_ignore_ascii_case(image))
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn check(markdown: &str) -> Check {
        let doc = Doc {
            path: PathBuf::from("page.md"),
            source: markdown.into(),
        };
        let mut c = Check::default();
        super::markdown(&mut c, &doc);
        c
    }

    #[test]
    fn an_http_link_is_a_problem_where_it_is_written() {
        let c = check("Intro.\n\nRead [this](http://example.org/a) or http://example.org/b.");
        let found: Vec<String> = c.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "page.md:3:6: link `http://example.org/a` is not https (links start with https://)",
                "page.md:3:38: link `http://example.org/b` is not https (links start with https://)",
            ]
        );
        assert!(check("```\ncurl http://localhost:8080\n```")
            .problems
            .is_empty());
        assert!(check("[ok](https://example.org) <https://example.org>")
            .problems
            .is_empty());
    }

    #[test]
    fn an_image_link_to_something_else_is_a_warning() {
        let c = check(
            "![map](https://example.org/map.PNG?w=2)\n\n![plan](https://example.org/plan.pdf)",
        );
        assert!(c.problems.is_empty());
        let found: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            ["page.md:3:1: warning: image link `https://example.org/plan.pdf` does not end in .png, .jpg, .jpeg, .gif, .webp"]
        );
    }
}
