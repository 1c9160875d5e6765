#ifndef VAULTWATCH_CNCURSES_SHIM_H
#define VAULTWATCH_CNCURSES_SHIM_H

// Wide-character ncurses must be switched on here, in the header: a cSettings define does not
// reach the Swift importer, and pkg-config's -D_XOPEN_SOURCE flags are dropped by SwiftPM.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 refuses to touch C globals (they are shared mutable state) and cannot import
// function-like or cast macros, so each one the backend needs gets a tiny accessor.
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline WINDOW *cnc_curscr(void) { return curscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_italic(void) { return A_ITALIC; }

// Not visible through Glibc in Swift; declared here so the backend can ask the C library how
// wide the terminal will draw a character.
extern int wcwidth(wchar_t c);

#endif
