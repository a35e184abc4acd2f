"""Every tunable of the recogniser in one place, each relative to the measured em (one character
of body text) or the column width where it can be, each with the reason it has its value."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayoutProfile:
    # --- reading extracted text
    # pdftotext -layout indents many lines; plain extractions almost never start a line with 3 spaces.
    layout_text_share: float = 0.15
    # A column width must be reached by this many lines (and this share of all lines): a handful
    # of over-long lines (a wide table row, a title) cannot set it.
    column_width_min_lines: int = 3
    column_width_share: float = 0.08
    # A justified full line ends within this many em of the column edge (hanging punctuation,
    # half-width digits and inter-character spacing make up the rest).
    full_line_slack: float = 1.0
    # Gutter in -layout text: at least 2 blank cells (an em of white space between columns is
    # the narrowest gutter printed), crossed by at most 15 % of rows (titles across the columns), with text on both sides of it
    # in a tenth of the rows each (a ragged right edge of one column is not a gutter).
    gutter_min_rows: int = 6
    gutter_min_cells: int = 2
    gutter_crossing_share: float = 0.15
    gutter_both_sides_share: float = 0.1
    # Gutter in a PDF: the left column's justified lines end at its edge, at least two of them
    # within an em of the gutter; the gap in one spaced line (a masthead's issue and date) has one.
    gutter_edge_lines: int = 2
    # A body printed twice has half its text in copies, a body printed once next to none: from
    # two fifths of the long columns' text found as copies on, a short column printed exactly
    # twice is a page and its copy (in a body printed once it needs matching neighbours).
    doubled_body_share: float = 0.4
    # pdftotext -layout squeezes CJK lines onto its grid, so where two pages of a spread meet
    # lies up to 8 cells off the middle between their page numbers.
    spread_gutter_reach: int = 8
    # A line of the right page's prose, begun after the gutter, is at least half as long as the
    # sheet's longest phrase (a full line of a page); table cells and headings are shorter.
    spread_prose_line_share: float = 0.5
    # A page column with this many lines measures its own width (a page printed with one column
    # of a two-column layout in use is narrower than the layout's full pages).
    page_width_min_lines: int = 12
    # A paragraph's first line is indented by 2 em; -layout text prints that as 2 to 6 spaces.
    paragraph_indent_em: float = 2.0
    grid_indent_max_cells: int = 6
    # Grid cells are whole ems: a margin within one cell is "at the edge"; centring is judged to
    # within two cells (odd widths round either way).
    grid_align_tolerance: float = 1.0
    grid_center_tolerance: float = 2.0
    # a list hung under its label (附件：1.… 2.…) shows three lines at one indent at least; a
    # signature and its date, right-set, are two
    hanging_list_min_lines: int = 3

    # --- lines and blocks
    # A paragraph's first line is indented by 2 em in Chinese print; 1.2 em tells it from a
    # margin-aligned line in the face of rounding, and 4 em stops short of centred text.
    first_indent_min: float = 1.2
    first_indent_max: float = 3.5
    # A line ending this far (em) before the column edge stopped short: its paragraph ended.
    short_line_gap: float = 1.5
    # Without a printed indent, a first line is short by the lost indent (about 2 em) while the
    # lines after it are full.
    lost_indent_min: float = 1.5
    lost_indent_max: float = 3.0
    # A numbered heading that stops an em or more short of the margin has ended (a clause's first
    # line fills it).
    heading_short_gap: float = 1.0
    # A heading's wrapped tail in text is clearly short: 4 em or more (a paragraph's first line,
    # short by its lost indent, can measure up to 3 em short with digits and spaces in it).
    heading_tail_gap: float = 4.0
    # ... but a line of full-width characters only measures exactly (1 em each): 2 em short of a
    # first line (beyond its lost indent) is room for two more characters that the line did not take.
    exact_tail_gap: float = 2.0
    # Two lines start (or end) at the same place when within half an em (measured geometry).
    same_edge_em: float = 0.5
    # A title is set at least 1.2 times the body size; a heading at least 1.05 times or bold.
    title_size: float = 1.2
    heading_size: float = 1.05
    # Headings and titles are short: at most this share of a column (a longer numbered line is a
    # sentence with a run-in number).
    heading_max_chars: int = 40
    title_max_chars: int = 60
    # Most numbered headings are short (一、总体要求, （二）加强政府债务管理); a longer numbered
    # line that stops a little short may be a clause's first line.
    short_heading_chars: int = 20
    # A heading may hold a comma between two short phrases (把握总体要求，明确工作目标: 13);
    # a longer line with commas is a sentence with a run-in number.
    comma_heading_max_chars: int = 15
    # A blank of half a line or more above a line separates blocks (PDF and -layout text).
    block_gap: float = 0.5
    # A signature or date is right-aligned: it begins past the middle of the column.
    right_block_indent_share: float = 0.4
    # A contents category (市政府文件, 人事任免) is a short line: at most 15 characters.
    category_max_chars: int = 15
    # Contents pages come before the first article: only the first pages are searched.
    front_matter_max_lines: int = 400

    # --- moved from the steps that use them
    # a centred line leaves clearly more than a character free on both sides
    center_min_margin_em: float = 1.0
    # an odd character count or a hanging stop shifts a centred line by up to 1 em
    center_max_skew_em: float = 1.0
    # "on the edge": less than half a character from the box (hanging punctuation < 0)
    flush_max_gap_em: float = 0.5
    # a line across the columns centred on the page box may nearly fill it
    span_center_min_margin_em: float = 0.5
    # a right-aligned line (signature, date) starts well into the column
    right_min_indent_share: float = 1 / 3
    # gutters of pages sharing column boxes lie this close
    layout_match_em: float = 1.0
    # a line starts on a box edge / inside a box when it is this close
    edge_fit_em: float = 0.5
    # hanging punctuation may run this far past the right edge of the box
    overhang_em: float = 1.5
    # column widths of a table continued on the next page agree this closely
    table_match_em: float = 0.5
    # a line of body size: within 10 % of the body em (for the leading statistics)
    body_size_share: float = 0.1
    # furniture lives in the outer 15 % of the page height
    margin_share: float = 0.15
    # a fragment this much larger than the body em is no running head
    title_over_body: float = 1.15
    # a gap wider than this splits a row into fragments (a gutter, a cell boundary)
    split_gap_em: float = 0.8
    # the narrowest strip between two columns that is a gutter
    min_gutter_em: float = 0.8
    # lines within this many of a page boundary are where pages put their furniture
    edge_lines: int = 2
    # a running head repeats on at least this many pages
    running_head_repeats: int = 3
    # a title wraps over at most three lines
    max_title_lines: int = 3
    # lines this long are too long to repeat by chance as headings do
    spread_line_chars: int = 8
    # a body printed twice shows at least this many long lines
    spread_min_lines: int = 20
    # a tenth of the long lines in repeated runs of three: the body printed twice
    spread_repeated_share: float = 0.1
    # column starts marked by one leading space: two at least
    min_column_marks: int = 2
    # ... on at most a fifth of the lines (more is indentation, not marks)
    max_marked_share: float = 0.2
    # blank rows allowed inside a grid table
    table_max_blank_rows: int = 2
    # the cost of keeping two single-space-separated pieces in one table cell
    table_join_cost: float = 4.0
    # a plain-text table cell line is at most this long
    table_max_cell_chars: int = 25
    # a table's header (from its 序号 on) and its wrapped lines stand at most this many lines
    # before the first row
    table_header_max_lines: int = 12
    # reading a row's lines as cells (plain text), in characters of misfit: going on in a block of
    # several cells costs 1 (a wrap under a single cell is likelier); a third and each further
    # line of one cell costs 1 more (cells of a row wrap side by side, one cell does not take all
    # of a row's lines)
    table_wrap_costs: tuple[float, float] = (1.0, 1.0)
    # a table's last row that stops where the text shows no end (more short lines follow) costs
    # as much as 5 characters of misfit: a wrap that fills its column may still run on to the end
    table_open_end_cost: float = 5.0
    # hard-wrapped text breaks a table row that fills the column: it reaches to within 2 em of
    # the column's width (single spaces and half-width digits leave the right edge ragged)
    spaced_row_full_gap: float = 2.0
    # a run of short lines is a table of amounts when it holds three amounts at least (a total
    # and two rows; prose is not printed as lines of bare amounts)
    amount_table_min_amounts: int = 3
    # a cell read after the page's foot is taken into the last row only when it spares that row a
    # misfit wider than 3 characters (a cell far wider than its column)
    table_stray_cost: float = 3.0

    # A two-column page of plain text is read back as its left then its right column by a search
    # over its blocks (two ways for each): past this many steps (a page of a hundred short blocks)
    # the page is left as it came.
    column_order_max_steps: int = 20000

    # --- printer spreads in plain text (text_spreads)
    # One form-feed page carrying two page numbers is a sheet of two printed pages.
    spread_sheets_min: int = 1
    # pdftotext ends every block with a blank line; where the two pages' baselines meet it makes a
    # block of each line and alternates pages. Running text has no blank lines inside a page, so a
    # blank line beside a long line is nearly always a change of page (corpus: 424 of 455), one
    # between short lines (cells, titles) says little (130 of 288); lines with no blank between
    # them nearly always stay on one page (680 of 692): log-odds of about 1.5 per long line and 4.
    spread_stay_after_blank: float = -1.5
    spread_switch_in_block: float = -3.0
    # Between short lines the extraction changes page after a blank two times in three (titles,
    # 文号 and addressees of the two pages side by side: log-odds -0.6), but it runs down a table's
    # cells, one a line, each a block, on one page three times in four (+1).
    spread_short_stay: float = -0.6
    spread_cells_stay: float = 1.0
    # A line over 60 % of the column is running text, not a cell, a heading or a title line.
    spread_long_line_share: float = 0.6
    # A table cell on a line of its own: at most 8 em and no sentence punctuation.
    spread_cell_em: float = 8.0
    # ... standing among at least 3 such lines in a row (a row of a table holds 3 cells or more,
    # and the next row follows): two short lines alone are a category, a date, a title's tail.
    spread_cell_run_min: int = 3
    # A running head at a page's top is where that page begins.
    spread_head_opens: float = 1.0
    # The masthead's lines stand together on the cover, as surely as a head opens a page.
    spread_kin_lines: float = 1.0
    # A join the text rules out (an unfinished sentence into a numbered heading, a finished one
    # into a line that cannot begin a sentence) costs more than any block evidence can pay.
    spread_contradiction: float = -3.0
    # A line ending 4 em or more before the margin stopped short (ends_open's measure of a full
    # line): running text only stops there at its paragraph's end, on a mark.
    spread_short_of_margin: float = 4.0
    # A line read out of place on its page goes back only where both its new joins read on surely:
    # a dictionary word across each (2) or a run of five characters seen elsewhere (2.5); a run of
    # four (1) meets by chance too often.
    spread_stray_join: float = 2.0
    # An unfinished sentence goes on at full width, not on a paragraph's first line (short by the
    # indent it lost): as order.py weighs a join into an indented line.
    spread_open_into_first_line: float = -2.0
    # A line that cannot begin a sentence ("，…", "…”") after an unfinished one is a continuation.
    spread_continuation_mark: float = 1.0
    # The contents page prints the page each article starts on; an entry's title is matched where
    # it opens a line by its first 10 characters (a title's opening does not start another line of
    # the bulletin by chance; shorter titles are not matched).
    spread_title_opening_chars: int = 10
    # Which page of a sheet carries which of its two numbers is tried every way up to this many
    # sheets (2^n arrangements; a bulletin of 48 pages is 12 sheets).
    spread_max_assigned_sheets: int = 12


PROFILE = LayoutProfile()
