/* lineedit.h: a small line editor for the interactive CLI (no dependency beyond termios).
 *
 * On a terminal: left/right, Home/End (and Ctrl-A/Ctrl-E), Backspace/Delete, Ctrl-K, Ctrl-U,
 * Ctrl-W, up/down through the history, Tab (completion), Ctrl-L, Ctrl-C (abandons the line),
 * Ctrl-D (EOF on an empty line). Without a terminal it reads plain lines. The terminal is in raw mode only
 * while a line is being read, so the guest program and Ctrl-C behave normally while it runs.
 */
#ifndef WD_LINEEDIT_H
#define WD_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct wd_lineedit wd_lineedit;

wd_lineedit *wd_le_new(int in_fd, int out_fd, size_t history_max);
void wd_le_free(wd_lineedit *le);
/* Reads one line (without its newline), malloc'd; NULL at end of input. */
char *wd_le_read(wd_lineedit *le, const char *prompt);
void wd_le_add_history(wd_lineedit *le, const char *line);
/* Tab calls fn with the text before the cursor: it returns that text completed (malloc'd) or
 * NULL, and may set *list (malloc'd) to candidates to print under the line. */
typedef char *(*wd_le_complete_fn)(void *user, const char *before, char **list);
void wd_le_set_complete(wd_lineedit *le, wd_le_complete_fn fn, void *user);
bool wd_le_is_tty(const wd_lineedit *le);
/* Loads / saves the history file (one line per entry). */
void wd_le_load(wd_lineedit *le, const char *path);
void wd_le_save(const wd_lineedit *le, const char *path);

#endif
