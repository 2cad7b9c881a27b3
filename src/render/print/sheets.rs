//! Render stage: a print board's cards, in groups, laid out on HTML pages of
//! at most one A3 sheet each.

/// Cards across an A3 sheet (`.board-grid` printed on A3 in `style.css`).
const COLUMNS: usize = 6;
/// Room on an A3 sheet under the board's header, in eighths of a row of
/// cards: measured in Chromium, a row with its gap takes about 85 mm of the
/// 360 mm left under a header (with issuer and publisher), a group's heading
/// about 12.5 mm. So four rows fit, not five.
const ROOM: usize = 34;
/// A row of cards, in eighths of a row.
const ROW: usize = 8;
/// A group's heading, in eighths of a row (rounded up).
const HEADING: usize = 2;

/// One group's cards on one page: members `start..end` of group `group`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    pub(super) group: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Lays out groups of `sizes` cards on pages that each fit one A3 sheet;
/// with `headed`, each group (and each page it continues on) has a heading.
/// Each group starts on a row of its own; a group that does not fit whole in
/// the room left on a page starts the next page, and a group longer than a
/// page fills whole pages. There is always at least one page.
pub(super) fn paginate(sizes: &[usize], headed: bool) -> Vec<Vec<Run>> {
    let heading = if headed { HEADING } else { 0 };
    let height = |cards: usize| heading + cards.div_ceil(COLUMNS) * ROW;
    let mut pages: Vec<Vec<Run>> = vec![Vec::new()];
    let mut room = ROOM;
    for (group, &size) in sizes.iter().enumerate().filter(|(_, size)| **size > 0) {
        if height(size) > room && room < ROOM {
            pages.push(Vec::new());
            room = ROOM;
        }
        let mut start = 0;
        while start < size {
            if room < height(1) {
                pages.push(Vec::new());
                room = ROOM;
            }
            let end = size.min(start + (room - heading) / ROW * COLUMNS);
            room -= height(end - start);
            pages
                .last_mut()
                .expect("one page at least")
                .push(Run { group, start, end });
            start = end;
        }
    }
    pages
}

/// The most cards a page holds.
#[cfg(test)]
pub(super) const PAGE_CARDS: usize = ROOM / ROW * COLUMNS;

#[cfg(test)]
mod tests {
    use super::*;

    fn run(group: usize, start: usize, end: usize) -> Run {
        Run { group, start, end }
    }

    #[test]
    fn one_group_fills_whole_sheets() {
        assert_eq!(PAGE_CARDS, 24);
        assert_eq!(paginate(&[], true), vec![Vec::<Run>::new()]);
        assert_eq!(paginate(&[24], true), vec![vec![run(0, 0, 24)]]);
        assert_eq!(
            paginate(&[53], false),
            vec![vec![run(0, 0, 24)], vec![run(0, 24, 48)], vec![run(0, 48, 53)]]
        );
    }

    #[test]
    fn small_groups_share_a_sheet_and_a_large_one_starts_its_own() {
        // Three headings and 6 + 5 + 6 cards (three rows) fit one sheet; a
        // fourth row does not.
        assert_eq!(
            paginate(&[6, 5, 6], true),
            vec![vec![run(0, 0, 6), run(1, 0, 5), run(2, 0, 6)]]
        );
        assert_eq!(paginate(&[7, 5, 6], true).len(), 2);
        // 12 cards (two rows) do not fit under 7 (two rows) with their
        // headings: a new sheet, which 3 more share.
        assert_eq!(
            paginate(&[7, 12, 0, 3], true),
            vec![vec![run(0, 0, 7)], vec![run(1, 0, 12), run(3, 0, 3)]]
        );
        // Without headings, 7 and 12 cards (four rows) share a sheet.
        assert_eq!(paginate(&[7, 12], false), vec![vec![run(0, 0, 7), run(1, 0, 12)]]);
        // A group longer than a sheet starts on a fresh one.
        assert_eq!(
            paginate(&[2, 30], true),
            vec![vec![run(0, 0, 2)], vec![run(1, 0, 24)], vec![run(1, 24, 30)]]
        );
    }

    #[test]
    fn no_page_holds_more_than_a_sheet() {
        let sizes = [1, 13, 29, 31, 6, 0, 60, 2, 2, 2, 2, 2, 2, 2];
        for headed in [false, true] {
            let pages = paginate(&sizes, headed);
            for page in &pages {
                let heading = if headed { HEADING } else { 0 };
                let height: usize = page
                    .iter()
                    .map(|r| heading + (r.end - r.start).div_ceil(COLUMNS) * ROW)
                    .sum();
                assert!(height <= ROOM, "{page:?}");
            }
            let shown: usize = pages.iter().flatten().map(|r| r.end - r.start).sum();
            assert_eq!(shown, sizes.iter().sum::<usize>());
        }
    }
}
