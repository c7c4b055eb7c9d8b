/* strings.c: benchmark core: generates text, splits it into words, lower-cases them and
 * counts each distinct word in a hash table (byte loads, compares, branches). Freestanding:
 * the text and the table are static arrays. */

#define TEXT_SIZE (256 << 10)
#define TABLE_SIZE (1 << 16) /* power of two, more than the distinct words */

static char text[TEXT_SIZE];

struct entry {
    unsigned start, len, count;
};

static struct entry table[TABLE_SIZE];

static const char *const syllables[16] = {"ka", "Lo", "mi", "nu", "Pe", "ra", "si", "to",
                                          "ve", "xa", "Ya", "zo", "qu", "Be", "do", "fi"};

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int same_word(unsigned a, unsigned b, unsigned len)
{
    for (unsigned i = 0; i < len; i++)
        if (lower(text[a + i]) != lower(text[b + i]))
            return 0;
    return 1;
}

/* One round: a text of TEXT_SIZE bytes from generator seed `seed`: words of 1-3 random
 * syllables (about 4k distinct words, in mixed case), separated by spaces and sometimes
 * punctuation, then counted. Returns words, distinct words, the highest count and a hash
 * of the most frequent word, mixed together. */
static unsigned long long round_checksum(unsigned seed)
{
    const unsigned size = TEXT_SIZE;
    unsigned state = seed;
    unsigned pos = 0;
    while (pos < size) {
        state = state * 1103515245u + 12345u;
        unsigned r = state >> 8;
        unsigned nsyl = 1 + r % 3;
        for (unsigned s = 0; s < nsyl && pos + 2 <= size; s++) {
            const char *syl = syllables[(r >> (2 + 4 * s)) & 15];
            text[pos++] = syl[0];
            text[pos++] = syl[1];
        }
        if (pos < size)
            text[pos++] = (r & 0x300000) == 0 ? ',' : (r & 0x300000) == 0x100000 ? '.' : ' ';
        if (pos < size && text[pos - 1] != ' ')
            text[pos++] = ' ';
    }
    for (unsigned i = 0; i < TABLE_SIZE; i++)
        table[i].count = 0;
    unsigned words = 0, distinct = 0;
    unsigned i = 0;
    while (i < size) {
        while (i < size && !is_letter(text[i]))
            i++;
        unsigned start = i;
        unsigned h = 2166136261u;
        while (i < size && is_letter(text[i])) {
            h = (h ^ (unsigned char)lower(text[i])) * 16777619u;
            i++;
        }
        unsigned len = i - start;
        if (len == 0)
            break;
        words++;
        for (unsigned slot = h & (TABLE_SIZE - 1);; slot = (slot + 1) & (TABLE_SIZE - 1)) {
            struct entry *e = &table[slot];
            if (e->count == 0) {
                e->start = start;
                e->len = len;
                e->count = 1;
                distinct++;
                break;
            }
            if (e->len == len && same_word(e->start, start, len)) {
                e->count++;
                break;
            }
        }
    }

    unsigned best = 0, best_hash = 0;
    for (unsigned s = 0; s < TABLE_SIZE; s++)
        if (table[s].count > best) {
            best = table[s].count;
            best_hash = 2166136261u;
            for (unsigned k = 0; k < table[s].len; k++)
                best_hash = (best_hash ^ (unsigned char)lower(text[table[s].start + k])) * 16777619u;
        }
    return ((unsigned long long)words << 32 | distinct) ^ ((unsigned long long)best << 20) ^ best_hash;
}

/* n rounds with seeds 1..n. Checksum: the rounds' checksums, each rotated in. */
unsigned long long bench_strings(int n)
{
    unsigned long long sum = 0;
    for (int r = 1; r <= n; r++)
        sum = (sum << 7 | sum >> 57) ^ round_checksum((unsigned)r);
    return sum;
}
