/* sort.c: benchmark core: quicksort (median of three, insertion sort for short ranges) of
 * pseudo-random 32-bit integers (branches, recursion, memory). Freestanding: the array is
 * static. */

#define SORT_MAX (1 << 22)

static unsigned arr[SORT_MAX];

static void insertion_sort(unsigned *v, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        unsigned x = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void swap(unsigned *v, int i, int j)
{
    unsigned t = v[i];
    v[i] = v[j];
    v[j] = t;
}

static void quicksort(unsigned *v, int lo, int hi)
{
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swap(v, mid, lo);
        if (v[hi] < v[lo])
            swap(v, hi, lo);
        if (v[hi] < v[mid])
            swap(v, hi, mid);
        unsigned pivot = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j)
                swap(v, i++, j--);
        }
        /* Recurse into the smaller part, loop on the larger: stack depth stays O(log n). */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
    insertion_sort(v, lo, hi);
}

/* Sorts n (clamped to 1..4Mi) values from a linear congruential generator. Checksum: a
 * position-weighted sum of the sorted array (0 if it is not sorted). */
unsigned long long bench_sort(int n)
{
    if (n < 1)
        n = 1;
    if (n > SORT_MAX)
        n = SORT_MAX;
    unsigned state = 2463534242u;
    for (int i = 0; i < n; i++) {
        state = state * 1664525u + 1013904223u;
        arr[i] = state ^ (state >> 15);
    }
    quicksort(arr, 0, n - 1);
    unsigned long long sum = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && arr[i - 1] > arr[i])
            return 0;
        sum += (unsigned long long)arr[i] * (unsigned)(i + 1);
    }
    return sum;
}
