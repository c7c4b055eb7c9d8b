/* lineedit.c: see lineedit.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lineedit.h"

struct wd_lineedit {
    int in, out;
    bool tty;
    char **hist;
    size_t nhist, max;
    wd_le_complete_fn complete;
    void *complete_user;
};

void wd_le_set_complete(wd_lineedit *le, wd_le_complete_fn fn, void *user)
{
    le->complete = fn;
    le->complete_user = user;
}

wd_lineedit *wd_le_new(int in_fd, int out_fd, size_t history_max)
{
    wd_lineedit *le = calloc(1, sizeof *le);
    if (!le)
        return NULL;
    le->in = in_fd;
    le->out = out_fd;
    le->tty = isatty(in_fd) && isatty(out_fd);
    le->max = history_max ? history_max : 1000;
    le->hist = calloc(le->max, sizeof *le->hist);
    if (!le->hist) {
        free(le);
        return NULL;
    }
    return le;
}

void wd_le_free(wd_lineedit *le)
{
    if (!le)
        return;
    for (size_t i = 0; i < le->nhist; i++)
        free(le->hist[i]);
    free(le->hist);
    free(le);
}

bool wd_le_is_tty(const wd_lineedit *le) { return le->tty; }

void wd_le_add_history(wd_lineedit *le, const char *line)
{
    if (!line[0] || (le->nhist && strcmp(le->hist[le->nhist - 1], line) == 0))
        return;
    char *c = strdup(line);
    if (!c)
        return;
    if (le->nhist == le->max) {
        free(le->hist[0]);
        memmove(le->hist, le->hist + 1, (le->max - 1) * sizeof *le->hist);
        le->nhist--;
    }
    le->hist[le->nhist++] = c;
}

void wd_le_load(wd_lineedit *le, const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        wd_le_add_history(le, line);
    }
    fclose(f);
}

void wd_le_save(const wd_lineedit *le, const char *path)
{
    FILE *f = path ? fopen(path, "w") : NULL;
    if (!f)
        return;
    for (size_t i = 0; i < le->nhist; i++)
        fprintf(f, "%s\n", le->hist[i]);
    fclose(f);
}

static void wr(wd_lineedit *le, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(le->out, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void wrs(wd_lineedit *le, const char *s) { wr(le, s, strlen(s)); }

static int rd(wd_lineedit *le)
{
    unsigned char c;
    for (;;) {
        ssize_t r = read(le->in, &c, 1);
        if (r == 1)
            return c;
        if (r < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

static char *plain_read(wd_lineedit *le, const char *prompt)
{
    (void)prompt;
    size_t cap = 256, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        int c = rd(le);
        if (c < 0) {
            if (!len) {
                free(buf);
                return NULL;
            }
            break;
        }
        if (c == '\n')
            break;
        if (len + 2 > cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
        buf[len++] = (char)c;
    }
    buf[len] = '\0';
    return buf;
}

static void refresh(wd_lineedit *le, const char *prompt, const char *buf, size_t len, size_t pos)
{
    wrs(le, "\r");
    wrs(le, prompt);
    wr(le, buf, len);
    wrs(le, "\x1b[K");
    char mv[32];
    snprintf(mv, sizeof mv, "\r\x1b[%zuC", strlen(prompt) + pos);
    if (strlen(prompt) + pos)
        wrs(le, mv);
    else
        wrs(le, "\r");
}

char *wd_le_read(wd_lineedit *le, const char *prompt)
{
    if (!le->tty)
        return plain_read(le, prompt);
    struct termios orig, raw;
    if (tcgetattr(le->in, &orig) != 0)
        return plain_read(le, prompt);
    raw = orig;
    raw.c_iflag &= ~(unsigned)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    raw.c_lflag &= ~(unsigned)(ECHO | ICANON | IEXTEN | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(le->in, TCSANOW, &raw);
    size_t cap = 4096, len = 0, pos = 0;
    char *buf = calloc(cap, 1);
    size_t hidx = le->nhist;
    char *saved = NULL;   /* the line being edited while browsing history */
    wrs(le, prompt);
    bool eof = false;
    while (buf) {
        int c = rd(le);
        if (c < 0) {
            eof = true;
            break;
        }
        if (c == '\r' || c == '\n')
            break;
        if (c == 4) {   /* Ctrl-D */
            if (!len) {
                eof = true;
                break;
            }
            if (pos < len) {
                memmove(buf + pos, buf + pos + 1, len - pos - 1);
                len--;
            }
        } else if (c == 3) {   /* Ctrl-C: abandon the line */
            wrs(le, "^C\r\n");
            len = pos = 0;
            wrs(le, prompt);
            continue;
        } else if (c == 127 || c == 8) {
            if (pos) {
                memmove(buf + pos - 1, buf + pos, len - pos);
                pos--;
                len--;
            }
        } else if (c == 1) {
            pos = 0;
        } else if (c == 5) {
            pos = len;
        } else if (c == 2) {
            if (pos)
                pos--;
        } else if (c == 6) {
            if (pos < len)
                pos++;
        } else if (c == 11) {
            len = pos;
        } else if (c == 21) {
            memmove(buf, buf + pos, len - pos);
            len -= pos;
            pos = 0;
        } else if (c == 23) {
            size_t p = pos;
            while (p && buf[p - 1] == ' ')
                p--;
            while (p && buf[p - 1] != ' ')
                p--;
            memmove(buf + p, buf + pos, len - pos);
            len -= pos - p;
            pos = p;
        } else if (c == 9 && le->complete) {   /* Tab: complete the text before the cursor */
            char *list = NULL;
            buf[len] = '\0';
            char save = buf[pos];
            buf[pos] = '\0';
            char *done = le->complete(le->complete_user, buf, &list);
            buf[pos] = save;
            size_t dn = done ? strlen(done) : 0;
            if (done && dn >= pos && len - pos + dn < cap) {
                memmove(buf + dn, buf + pos, len - pos);
                memcpy(buf, done, dn);
                len += dn - pos;
                pos = dn;
            }
            free(done);
            if (list) {
                wrs(le, "\r\n");
                wrs(le, list);
                wrs(le, "\r\n");
                free(list);
            }
        } else if (c == 12) {
            wrs(le, "\x1b[H\x1b[2J");
        } else if (c == 27) {
            int c1 = rd(le), c2 = c1 == '[' || c1 == 'O' ? rd(le) : -1;
            if (c2 >= '0' && c2 <= '9') {
                int c3 = rd(le);
                if (c3 == '~' && c2 == '3' && pos < len) {
                    memmove(buf + pos, buf + pos + 1, len - pos - 1);
                    len--;
                } else if (c3 == '~' && (c2 == '1' || c2 == '7'))
                    pos = 0;
                else if (c3 == '~' && (c2 == '4' || c2 == '8'))
                    pos = len;
            } else if (c2 == 'C' && pos < len) {
                pos++;
            } else if (c2 == 'D' && pos) {
                pos--;
            } else if (c2 == 'H') {
                pos = 0;
            } else if (c2 == 'F') {
                pos = len;
            } else if ((c2 == 'A' && hidx > 0) || (c2 == 'B' && hidx < le->nhist)) {
                if (hidx == le->nhist) {
                    free(saved);
                    buf[len] = '\0';
                    saved = strdup(buf);
                }
                hidx += c2 == 'A' ? (size_t)-1 : 1;
                const char *src = hidx == le->nhist ? (saved ? saved : "") : le->hist[hidx];
                len = strlen(src);
                if (len >= cap)
                    len = cap - 1;
                memcpy(buf, src, len);
                pos = len;
            }
        } else if (c >= 32 && len + 1 < cap) {
            memmove(buf + pos + 1, buf + pos, len - pos);
            buf[pos++] = (char)c;
            len++;
        }
        refresh(le, prompt, buf, len, pos);
    }
    wrs(le, "\r\n");
    tcsetattr(le->in, TCSANOW, &orig);
    free(saved);
    if (!buf)
        return NULL;
    if (eof && !len) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}
