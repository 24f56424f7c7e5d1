//! A module's pages cut into the screens a member reads, once per course version. The course
//! a cohort runs is parsed once per version and shared by every interaction (see
//! `store::snapshot_cache`), so a module is cut the first time one of its screens is shown
//! ([`Module::screens`](super::Module::screens)), not again at each page a member turns.

use std::fmt;
use std::sync::OnceLock;

use super::text::{split_for_embeds, EMBED_DESCRIPTION_LIMIT};

/// Part of a page, short enough for one embed.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    /// The index of the page in its module.
    pub page: usize,
    pub text: String,
}

/// A module's screens once they were asked for. A copy starts uncut, so a course copied to be
/// translated is cut in its own language; a module's pages are not changed in place once its
/// screens were asked for.
#[derive(Default)]
pub struct LaidOut(OnceLock<Vec<Screen>>);

impl LaidOut {
    /// The screens of the pages whose bodies are `pages`, in reading order, each page split
    /// by [`split_for_embeds`]; cut the first time only.
    pub(super) fn screens<'a>(&self, pages: impl Iterator<Item = &'a str>) -> &[Screen] {
        self.0.get_or_init(|| cut(pages))
    }
}

impl Clone for LaidOut {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// The screens follow from the pages, which are compared beside them.
impl PartialEq for LaidOut {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for LaidOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.get() {
            Some(screens) => write!(f, "{} screens", screens.len()),
            None => f.write_str("not cut yet"),
        }
    }
}

fn cut<'a>(pages: impl Iterator<Item = &'a str>) -> Vec<Screen> {
    pages
        .enumerate()
        .flat_map(|(page, body)| {
            split_for_embeds(body, EMBED_DESCRIPTION_LIMIT)
                .into_iter()
                .map(move |text| Screen { page, text })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_cut_in_order_and_once() {
        let long = "We listened before we acted. ".repeat(300);
        let laid_out = LaidOut::default();
        let screens = laid_out.screens(["Short.", long.as_str()].into_iter());
        let long_cut = split_for_embeds(&long, EMBED_DESCRIPTION_LIMIT);
        assert!(long_cut.len() > 1);
        let expected: Vec<Screen> = std::iter::once((0, "Short.".to_string()))
            .chain(long_cut.into_iter().map(|text| (1, text)))
            .map(|(page, text)| Screen { page, text })
            .collect();
        assert_eq!(screens, expected.as_slice());
        let again = laid_out.screens(["Other pages."].into_iter());
        assert!(std::ptr::eq(screens, again), "cut again");
    }

    #[test]
    fn a_copy_is_cut_from_its_own_pages() {
        let original = LaidOut::default();
        assert_eq!(
            original.screens(["In English."].into_iter())[0].text,
            "In English."
        );
        let translated = original.clone();
        let screens = translated.screens(["En français."].into_iter());
        assert_eq!(screens[0].text, "En français.");
    }
}
