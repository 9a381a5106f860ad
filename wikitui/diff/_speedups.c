/* The diff engine's hot loops, compiled: splitting lines into words and coding them, the
 * bytes two lines' words share, sliding changes into place, spans and their similarity, and the bit-parallel longest common subsequence of two code strings.
 *
 * Each function computes exactly what a pure-Python function computes (tokens._TOKEN's
 * findall; align.Encoder.encode; similarity.shared_weight; spans.spans_from_flags and
 * spans.spans_similarity; boundaries.shift_boundaries on codes; align._bit_parallel_lcs_leftmost
 * and align.lcs_length),
 * with the same
 * tie-breaking, so that the diff does not depend on whether this module was built: the
 * tests hold the two equal.
 *
 * Items are the characters of two str objects (each token or line stands for one code).
 * One column of the dynamic-programming table is a bit vector over the first string, kept
 * in 64-bit words; each item of the second string costs a few word operations per word.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EMPTY_KEY ((Py_UCS4)0xFFFFFFFFu)

/* Item -> its bit mask over a: an open-addressing table of the distinct items of a. */
typedef struct {
    Py_ssize_t words;    /* 64-bit words per mask */
    size_t capacity;     /* a power of two */
    Py_UCS4 *keys;
    Py_ssize_t *slots;   /* index of the item's mask in masks */
    uint64_t *masks;     /* distinct items x words */
    Py_ssize_t count;
} MaskTable;

static size_t hash_code(Py_UCS4 code, size_t capacity)
{
    return ((size_t)code * 2654435761u) & (capacity - 1);
}

static void table_free(MaskTable *table)
{
    free(table->keys);
    free(table->slots);
    free(table->masks);
    table->keys = NULL;
    table->slots = NULL;
    table->masks = NULL;
}

/* Masks of the items of a (length n) that b (length m) also has: only those are ever looked
 * up, so the table holds at most as many masks as b has distinct items, however many a has.
 * Returns 0 on success. */
static int table_build(MaskTable *table, const Py_UCS4 *a, Py_ssize_t n, const Py_UCS4 *b,
                       Py_ssize_t m)
{
    size_t capacity = 16;
    while (capacity < (size_t)m * 2) {
        capacity <<= 1;
    }
    table->words = (n + 63) / 64;
    table->capacity = capacity;
    table->count = 0;
    table->masks = NULL;
    table->keys = malloc(capacity * sizeof(Py_UCS4));
    table->slots = malloc(capacity * sizeof(Py_ssize_t));
    if (!table->keys || !table->slots) {
        table_free(table);
        return -1;
    }
    for (size_t k = 0; k < capacity; k++) {
        table->keys[k] = EMPTY_KEY;
    }
    for (Py_ssize_t j = 0; j < m; j++) {  /* the items of b, without masks yet */
        Py_UCS4 code = b[j];
        size_t at = hash_code(code, capacity);
        while (table->keys[at] != EMPTY_KEY && table->keys[at] != code) {
            at = (at + 1) & (capacity - 1);
        }
        if (table->keys[at] == EMPTY_KEY) {
            table->keys[at] = code;
            table->slots[at] = -1;
        }
    }
    Py_ssize_t *slot_of = malloc((size_t)(n > 0 ? n : 1) * sizeof(Py_ssize_t));
    if (!slot_of) {
        table_free(table);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {  /* a mask for each item of a that b has */
        Py_UCS4 code = a[i];
        size_t at = hash_code(code, capacity);
        while (table->keys[at] != EMPTY_KEY && table->keys[at] != code) {
            at = (at + 1) & (capacity - 1);
        }
        if (table->keys[at] == EMPTY_KEY) {
            slot_of[i] = -1;
            continue;
        }
        if (table->slots[at] < 0) {
            table->slots[at] = table->count++;
        }
        slot_of[i] = table->slots[at];
    }
    table->masks = calloc((size_t)(table->count > 0 ? table->count : 1) *
                              (size_t)(table->words > 0 ? table->words : 1),
                          sizeof(uint64_t));
    if (!table->masks) {
        free(slot_of);
        table_free(table);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (slot_of[i] >= 0) {
            table->masks[slot_of[i] * table->words + i / 64] |= (uint64_t)1 << (i % 64);
        }
    }
    free(slot_of);
    return 0;
}

/* The mask of an item, or NULL when a lacks it (or b did not have it). */
static const uint64_t *table_find(const MaskTable *table, Py_UCS4 code)
{
    size_t at = hash_code(code, table->capacity);
    while (table->keys[at] != EMPTY_KEY) {
        if (table->keys[at] == code) {
            Py_ssize_t slot = table->slots[at];
            return slot < 0 ? NULL : table->masks + slot * table->words;
        }
        at = (at + 1) & (table->capacity - 1);
    }
    return NULL;
}

/* column = ((column + matches) | (column - matches)) & full, where matches = column & mask. */
static void step(uint64_t *column, const uint64_t *mask, Py_ssize_t words, uint64_t last_mask)
{
    uint64_t carry = 0, borrow = 0;
    for (Py_ssize_t w = 0; w < words; w++) {
        uint64_t x = column[w];
        uint64_t matches = x & mask[w];
        uint64_t sum = x + matches;
        uint64_t carry_out = sum < x;
        uint64_t sum2 = sum + carry;
        carry_out |= sum2 < sum;
        uint64_t difference = x - matches - borrow;
        borrow = (x < matches) || (x - matches < borrow);
        carry = carry_out;
        column[w] = sum2 | difference;
    }
    column[words - 1] &= last_mask;
}

/* The characters of a str as an array of code points (reversed when asked). */
static Py_UCS4 *code_points(PyObject *text, Py_ssize_t *length, int reversed)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 *codes = malloc((size_t)(n > 0 ? n : 1) * sizeof(Py_UCS4));
    if (!codes) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        codes[reversed ? n - 1 - i : i] = PyUnicode_READ(kind, data, i);
    }
    *length = n;
    return codes;
}

/* A "letter" for the word splitter: not ASCII punctuation, space or control, and not
 * U+0080-U+00BF (the class tokens._TOKEN negates). */
static inline int is_letter(Py_UCS4 c)
{
    if (c >= 0xC0) {
        return 1;
    }
    if (c >= 0x80) {
        return 0;
    }
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c == '_';
}

PyDoc_STRVAR(split_words_doc,
"split_words(line) -> list[str]\n\n"
"The runs of letters and the single other characters of a line, in order: the same as\n"
"tokens._TOKEN.findall(line).");

static PyObject *split_words(PyObject *module, PyObject *arg)
{
    (void)module;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "split_words() needs a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    /* Two passes: count the tokens, then fill a list made at its final size. */
    Py_ssize_t count = 0;
    int previous = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int letter = is_letter(PyUnicode_READ(kind, data, i));
        count += !(letter && previous);
        previous = letter;
    }
    PyObject *tokens = PyList_New(count);
    if (!tokens) {
        return NULL;
    }
    Py_ssize_t i = 0, k = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        Py_ssize_t end = i + 1;
        if (is_letter(c)) {
            while (end < n && is_letter(PyUnicode_READ(kind, data, end))) {
                end++;
            }
        }
        /* One character below U+0100 comes from CPython's cache of such strings. */
        PyObject *token = end == i + 1 ? PyUnicode_FromOrdinal((int)c)
                                       : PyUnicode_Substring(arg, i, end);
        if (!token) {
            Py_DECREF(tokens);
            return NULL;
        }
        PyList_SET_ITEM(tokens, k++, token);
        i = end;
    }
    return tokens;
}

/* Index of the first flag equal to value at or after start (flags: a list of bools), or
 * its length when there is none. */
static Py_ssize_t next_flag(PyObject *flags, Py_ssize_t size, Py_ssize_t start, int value,
                            int *error)
{
    for (Py_ssize_t k = start; k < size; k++) {
        PyObject *item = PyList_GET_ITEM(flags, k);
        int truth = item == Py_True ? 1 : item == Py_False ? 0 : PyObject_IsTrue(item);
        if (truth < 0) {
            *error = 1;
            return size;
        }
        if (truth == value) {
            return k;
        }
    }
    return size;
}

/* Append (op, "".join(tokens[start:end])) to spans. Returns 0 on success. */
static int append_span(PyObject *spans, PyObject *op, PyObject *tokens, Py_ssize_t start,
                       Py_ssize_t end)
{
    static PyObject *empty = NULL;
    if (!empty && !(empty = PyUnicode_FromString(""))) {
        return -1;
    }
    PyObject *slice = PyList_GetSlice(tokens, start, end);
    PyObject *text = slice ? PyUnicode_Join(empty, slice) : NULL;
    Py_XDECREF(slice);
    PyObject *span = text ? PyTuple_Pack(2, op, text) : NULL;
    Py_XDECREF(text);
    int failed = !span || PyList_Append(spans, span) < 0;
    Py_XDECREF(span);
    return failed ? -1 : 0;
}

PyDoc_STRVAR(spans_from_flags_doc,
"spans_from_flags(tokens_a, tokens_b, a_changed, b_changed) -> list[tuple[str, str]]\n\n"
"Spans of a line pair from its per-token change flags: the same as spans.spans_from_flags.");

static PyObject *spans_from_flags(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *tokens_a, *tokens_b, *a_changed, *b_changed;
    if (!PyArg_ParseTuple(args, "O!O!O!O!:spans_from_flags", &PyList_Type, &tokens_a,
                          &PyList_Type, &tokens_b, &PyList_Type, &a_changed, &PyList_Type,
                          &b_changed)) {
        return NULL;
    }
    static PyObject *keep = NULL, *removed = NULL, *added = NULL;
    if (!keep && (!(keep = PyUnicode_InternFromString("=")) ||
                  !(removed = PyUnicode_InternFromString("-")) ||
                  !(added = PyUnicode_InternFromString("+")))) {
        Py_CLEAR(keep);
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(tokens_a), m = PyList_GET_SIZE(tokens_b);
    if (PyList_GET_SIZE(a_changed) < n || PyList_GET_SIZE(b_changed) < m) {
        PyErr_SetString(PyExc_ValueError, "spans_from_flags(): fewer flags than tokens");
        return NULL;
    }
    PyObject *spans = PyList_New(0);
    if (!spans) {
        return NULL;
    }
    int error = 0;
    Py_ssize_t i = 0, j = 0;
    while (i < n || j < m) {
        /* Unchanged tokens pair up in order: the run lasts until either side changes. */
        Py_ssize_t run_a = next_flag(a_changed, n, i, 1, &error) - i;
        Py_ssize_t run_b = next_flag(b_changed, m, j, 1, &error) - j;
        Py_ssize_t run = run_a < run_b ? run_a : run_b;
        if (error) {
            goto fail;
        }
        if (run) {
            if (append_span(spans, keep, tokens_a, i, i + run) < 0) {
                goto fail;
            }
            i += run;
            j += run;
        }
        Py_ssize_t i_end = next_flag(a_changed, n, i, 0, &error);
        Py_ssize_t j_end = next_flag(b_changed, m, j, 0, &error);
        if (error) {
            goto fail;
        }
        if (i_end > i && append_span(spans, removed, tokens_a, i, i_end) < 0) {
            goto fail;
        }
        if (j_end > j && append_span(spans, added, tokens_b, j, j_end) < 0) {
            goto fail;
        }
        i = i_end;
        j = j_end;
    }
    return spans;
fail:
    Py_DECREF(spans);
    return NULL;
}

/* Where the changes of the other side sit between its unchanged items (boundaries._Gaps). */
typedef struct {
    Py_ssize_t size;
    Py_ssize_t count;
    Py_ssize_t *unchanged;
} Gaps;

static Py_ssize_t gaps_index(const Gaps *gaps, Py_ssize_t u)
{
    return u < 0 ? u + gaps->count : u;  /* Python's negative indexes, as _Gaps has them */
}

static int gaps_after(const Gaps *gaps, Py_ssize_t u)
{
    Py_ssize_t start = u > 0 ? gaps->unchanged[gaps_index(gaps, u - 1)] + 1 : 0;
    Py_ssize_t end = u < gaps->count ? gaps->unchanged[gaps_index(gaps, u)] : gaps->size;
    return end > start;
}

static int gaps_more(const Gaps *gaps, Py_ssize_t u)
{
    return u < gaps->count;
}

/* Read a list of bools into flags; returns 0 on success. */
static int read_flags(PyObject *list, char *flags, Py_ssize_t size)
{
    for (Py_ssize_t k = 0; k < size; k++) {
        PyObject *item = PyList_GET_ITEM(list, k);
        int truth = item == Py_True ? 1 : item == Py_False ? 0 : PyObject_IsTrue(item);
        if (truth < 0) {
            return -1;
        }
        flags[k] = (char)truth;
    }
    return 0;
}

PyDoc_STRVAR(shift_boundaries_doc,
"shift_boundaries(items, changed, other_changed) -> None\n\n"
"Slide runs of changes over identical neighbours, in place: the same as\n"
"boundaries.shift_boundaries for a str of codes.");

static PyObject *shift_boundaries(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *text, *changed_list, *other_list;
    if (!PyArg_ParseTuple(args, "UO!O!:shift_boundaries", &text, &PyList_Type, &changed_list,
                          &PyList_Type, &other_list)) {
        return NULL;
    }
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (PyList_GET_SIZE(changed_list) != size) {
        PyErr_SetString(PyExc_ValueError, "shift_boundaries(): one flag per item is needed");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
#define ITEM(k) PyUnicode_READ(kind, data, (k))
    char *changed = malloc((size_t)size + 1);
    Py_ssize_t other_size = PyList_GET_SIZE(other_list);
    char *other = malloc((size_t)other_size + 1);
    Gaps gaps = {other_size, 0, NULL};
    int have_gaps = 0, failed = 0;
    if (!changed || !other) {
        PyErr_NoMemory();
        failed = 1;
        goto done;
    }
    if (read_flags(changed_list, changed, size) < 0) {
        failed = 1;
        goto done;
    }
    if (size == 0 || !memchr(changed, 1, (size_t)size)) {
        goto done;
    }
    Py_ssize_t i = 0, unchanged_before = 0;
    for (;;) {
        const char *found = memchr(changed + i, 1, (size_t)(size - i));
        if (!found) {
            break;
        }
        Py_ssize_t next_change = found - changed;
        unchanged_before += next_change - i;
        Py_ssize_t start = next_change;
        const char *end_found =
            start + 1 < size ? memchr(changed + start + 1, 0, (size_t)(size - start - 1)) : NULL;
        i = end_found ? end_found - changed : size;
        Py_ssize_t u = unchanged_before;  /* unchanged items before start */
        if ((start == 0 || ITEM(start - 1) != ITEM(i - 1)) && (i == size || ITEM(start) != ITEM(i))) {
            unchanged_before = u;
            continue;
        }
        if (!have_gaps) {
            if (read_flags(other_list, other, other_size) < 0) {
                failed = 1;
                goto done;
            }
            gaps.unchanged = malloc((size_t)(other_size + 1) * sizeof(Py_ssize_t));
            if (!gaps.unchanged) {
                PyErr_NoMemory();
                failed = 1;
                goto done;
            }
            for (Py_ssize_t k = 0; k < other_size; k++) {
                if (!other[k]) {
                    gaps.unchanged[gaps.count++] = k;
                }
            }
            have_gaps = 1;
        }
        Py_ssize_t corresponding;
        for (;;) {
            Py_ssize_t run_length = i - start;
            /* Slide up while the item above equals the run's last item. */
            while (start > 0 && ITEM(start - 1) == ITEM(i - 1)) {
                changed[--start] = 1;
                changed[--i] = 0;
                u--;
                while (start > 0 && changed[start - 1]) {
                    start--;
                }
            }
            corresponding = gaps_more(&gaps, u) ? i : size;
            /* Slide down while the item below equals the run's first item. */
            while (i < size && ITEM(start) == ITEM(i)) {
                changed[start++] = 0;
                changed[i++] = 1;
                u++;
                while (i < size && changed[i]) {
                    i++;
                }
                if (gaps_after(&gaps, u)) {
                    corresponding = i;
                }
            }
            if (run_length == i - start) {
                break;
            }
        }
        /* Go back up to the last place where the run faced changes on the other side. */
        while (corresponding < i) {
            changed[--start] = 1;
            changed[--i] = 0;
            u--;
        }
        unchanged_before = u;
    }
#undef ITEM
    for (Py_ssize_t k = 0; k < size; k++) {
        PyObject *flag = changed[k] ? Py_True : Py_False;
        PyObject *old = PyList_GET_ITEM(changed_list, k);
        if (old != flag) {
            Py_INCREF(flag);
            PyList_SET_ITEM(changed_list, k, flag);
            Py_DECREF(old);
        }
    }
done:
    free(changed);
    free(other);
    free(gaps.unchanged);
    if (failed) {
        return NULL;
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(spans_similarity_doc,
"spans_similarity(spans) -> float\n\n"
"wikidiff2's similarity of a line pair from its spans: the same as spans.spans_similarity.");

static PyObject *spans_similarity(PyObject *module, PyObject *arg)
{
    (void)module;
    if (!PyList_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "spans_similarity() needs a list of spans");
        return NULL;
    }
    long long copied = 0, total = 0, removed = 0, added = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(arg); k++) {
        PyObject *span = PyList_GET_ITEM(arg, k);
        if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 2 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(span, 0)) ||
            !PyUnicode_Check(PyTuple_GET_ITEM(span, 1))) {
            PyErr_SetString(PyExc_TypeError, "spans_similarity(): spans are (op, text) pairs");
            return NULL;
        }
        PyObject *op = PyTuple_GET_ITEM(span, 0), *text = PyTuple_GET_ITEM(span, 1);
        long long size;
        if (PyUnicode_IS_ASCII(text)) {
            size = PyUnicode_GET_LENGTH(text);
        } else {
            PyObject *bytes = PyUnicode_AsUTF8String(text);
            if (!bytes) {
                return NULL;
            }
            size = PyBytes_GET_SIZE(bytes);
            Py_DECREF(bytes);
        }
        Py_UCS4 first = PyUnicode_GET_LENGTH(op) ? PyUnicode_READ_CHAR(op, 0) : 0;
        if (first == '=' && PyUnicode_GET_LENGTH(op) == 1) {
            total += removed > added ? removed : added;
            removed = added = 0;
            copied += size;
        } else if (first == '-' && PyUnicode_GET_LENGTH(op) == 1) {
            removed = size;
        } else {
            added = size;
        }
    }
    total += (removed > added ? removed : added) + copied;
    return PyFloat_FromDouble(copied && total ? (double)copied / (double)total : 0.0);
}

PyDoc_STRVAR(encode_doc,
"encode(items, codes) -> str\n\n"
"One character per item, looked up in codes (item -> one-character str); an item seen for\n"
"the first time gets the next code, numbered as align._Codes numbers them.");

static PyObject *encode(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *items, *codes;
    if (!PyArg_ParseTuple(args, "OO!:encode", &items, &PyDict_Type, &codes)) {
        return NULL;
    }
    PyObject *sequence = PySequence_Fast(items, "encode() needs a sequence of items");
    if (!sequence) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(sequence);
    PyObject **members = PySequence_Fast_ITEMS(sequence);
    Py_UCS4 *buffer = malloc((size_t)(n > 0 ? n : 1) * sizeof(Py_UCS4));
    if (!buffer) {
        Py_DECREF(sequence);
        return PyErr_NoMemory();
    }
    PyObject *result = NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *code = PyDict_GetItemWithError(codes, members[i]);  /* borrowed */
        if (!code) {
            if (PyErr_Occurred()) {
                goto done;
            }
            Py_ssize_t number = PyDict_GET_SIZE(codes) + 1;
            if (number >= 0xD800) {  /* skip the surrogate block, as _Codes does */
                number += 0x800;
            }
            if (number > 0x10FFFF) {
                PyErr_SetString(PyExc_ValueError, "encode(): more distinct items than codes");
                goto done;
            }
            code = PyUnicode_FromOrdinal((int)number);
            if (!code || PyDict_SetItem(codes, members[i], code) < 0) {
                Py_XDECREF(code);
                goto done;
            }
            Py_DECREF(code);  /* the dict holds it */
        }
        if (!PyUnicode_Check(code) || PyUnicode_GET_LENGTH(code) != 1) {
            PyErr_SetString(PyExc_TypeError, "encode(): codes must be one-character strings");
            goto done;
        }
        buffer[i] = PyUnicode_READ_CHAR(code, 0);
    }
    result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, n);
done:
    free(buffer);
    Py_DECREF(sequence);
    return result;
}

PyDoc_STRVAR(shared_weight_doc,
"shared_weight(a, b) -> int\n\n"
"The sum over the keys two dicts share of the smaller of their two int values: the same as\n"
"sum(map(min, map(a.__getitem__, shared), map(b.__getitem__, shared))), shared = a.keys() & b.keys().");

static PyObject *shared_weight(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "O!O!:shared_weight", &PyDict_Type, &a, &PyDict_Type, &b)) {
        return NULL;
    }
    if (PyDict_GET_SIZE(a) > PyDict_GET_SIZE(b)) {  /* look the smaller one's keys up */
        PyObject *swap = a;
        a = b;
        b = swap;
    }
    Py_ssize_t position = 0;
    PyObject *key, *value;
    long long total = 0;
    while (PyDict_Next(a, &position, &key, &value)) {
        PyObject *other = PyDict_GetItemWithError(b, key);  /* borrowed */
        if (!other) {
            if (PyErr_Occurred()) {
                return NULL;
            }
            continue;
        }
        long long x = PyLong_AsLongLong(value), y = PyLong_AsLongLong(other);
        if ((x == -1 || y == -1) && PyErr_Occurred()) {
            return NULL;
        }
        total += x < y ? x : y;
    }
    return PyLong_FromLongLong(total);
}

PyDoc_STRVAR(leftmost_flags_doc,
"leftmost_flags(a, b) -> (a_changed, b_changed)\n\n"
"Change flags of a longest common subsequence of two code strings, preferring the\n"
"earliest matches: the same as align._bit_parallel_lcs_leftmost.");

static PyObject *leftmost_flags(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *a_text, *b_text;
    if (!PyArg_ParseTuple(args, "UU:leftmost_flags", &a_text, &b_text)) {
        return NULL;
    }
    Py_ssize_t n, m;
    /* The Python version traces back over the reversed strings: so does this one. */
    Py_UCS4 *a = code_points(a_text, &n, 1);
    Py_UCS4 *b = a ? code_points(b_text, &m, 1) : NULL;
    if (!a || !b) {
        free(a);
        return PyErr_NoMemory();
    }
    char *a_changed = malloc((size_t)n + 1), *b_changed = malloc((size_t)m + 1);
    uint64_t *columns = NULL;
    MaskTable table = {0};
    PyObject *result = NULL, *a_list = NULL, *b_list = NULL;
    if (!a_changed || !b_changed) {
        PyErr_NoMemory();
        goto done;
    }
    memset(a_changed, 1, (size_t)n);
    memset(b_changed, 1, (size_t)m);
    if (n > 0 && m > 0) {
        if (table_build(&table, a, n, b, m) != 0) {
            PyErr_NoMemory();
            goto done;
        }
        Py_ssize_t words = table.words;
        uint64_t last_mask = (n % 64) ? (((uint64_t)1 << (n % 64)) - 1) : ~(uint64_t)0;
        columns = malloc((size_t)(m + 1) * (size_t)words * sizeof(uint64_t));
        if (!columns) {
            PyErr_NoMemory();
            goto done;
        }
        uint64_t *column = columns;
        memset(column, 0xFF, (size_t)words * sizeof(uint64_t));
        column[words - 1] = last_mask;
        for (Py_ssize_t j = 0; j < m; j++) {
            uint64_t *next = column + words;
            memcpy(next, column, (size_t)words * sizeof(uint64_t));
            const uint64_t *mask = table_find(&table, b[j]);
            if (mask) {
                step(next, mask, words, last_mask);
            }
            column = next;
        }
        /* Trace back from the end: a match goes diagonally (a run at once); otherwise up
         * when a[i-1] adds nothing to column j (its bit is 1), else left. */
        Py_ssize_t i = n, j = m;
        while (i > 0 && j > 0) {
            if (a[i - 1] == b[j - 1]) {
                Py_ssize_t run = 1;
                while (run < i && run < j && a[i - 1 - run] == b[j - 1 - run]) {
                    run++;
                }
                i -= run;
                j -= run;
                memset(a_changed + i, 0, (size_t)run);
                memset(b_changed + j, 0, (size_t)run);
                continue;
            }
            const uint64_t *col = columns + (size_t)j * (size_t)words;
            if ((col[(i - 1) / 64] >> ((i - 1) % 64)) & 1) {
                i--;
            } else {
                j--;
            }
        }
    }
    /* Flags in the original order (the work was done on the reversed strings). */
    a_list = PyList_New(n);
    b_list = a_list ? PyList_New(m) : NULL;
    if (!a_list || !b_list) {
        Py_XDECREF(a_list);
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyList_SET_ITEM(a_list, k, Py_NewRef(a_changed[n - 1 - k] ? Py_True : Py_False));
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        PyList_SET_ITEM(b_list, k, Py_NewRef(b_changed[m - 1 - k] ? Py_True : Py_False));
    }
    result = PyTuple_Pack(2, a_list, b_list);
    Py_DECREF(a_list);
    Py_DECREF(b_list);
done:
    table_free(&table);
    free(columns);
    free(a_changed);
    free(b_changed);
    free(a);
    free(b);
    return result;
}

PyDoc_STRVAR(lcs_length_doc,
"lcs_length(a, b) -> int\n\n"
"Length of a longest common subsequence of two code strings: the same as align.lcs_length.");

static PyObject *lcs_length(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *a_text, *b_text;
    if (!PyArg_ParseTuple(args, "UU:lcs_length", &a_text, &b_text)) {
        return NULL;
    }
    Py_ssize_t n, m;
    Py_UCS4 *a = code_points(a_text, &n, 0);
    Py_UCS4 *b = a ? code_points(b_text, &m, 0) : NULL;
    if (!a || !b) {
        free(a);
        return PyErr_NoMemory();
    }
    Py_ssize_t kept = 0;
    if (n > 0 && m > 0) {
        MaskTable table = {0};
        uint64_t *column = NULL;
        if (table_build(&table, a, n, b, m) != 0 ||
            !(column = malloc((size_t)table.words * sizeof(uint64_t)))) {
            table_free(&table);
            free(a);
            free(b);
            return PyErr_NoMemory();
        }
        Py_ssize_t words = table.words;
        uint64_t last_mask = (n % 64) ? (((uint64_t)1 << (n % 64)) - 1) : ~(uint64_t)0;
        memset(column, 0xFF, (size_t)words * sizeof(uint64_t));
        column[words - 1] = last_mask;
        for (Py_ssize_t j = 0; j < m; j++) {
            const uint64_t *mask = table_find(&table, b[j]);
            if (mask) {
                step(column, mask, words, last_mask);
            }
        }
        Py_ssize_t ones = 0;
        for (Py_ssize_t w = 0; w < words; w++) {
            ones += __builtin_popcountll(column[w]);
        }
        kept = n - ones;
        free(column);
        table_free(&table);
    }
    free(a);
    free(b);
    return PyLong_FromSsize_t(kept);
}

static PyMethodDef methods[] = {
    {"split_words", split_words, METH_O, split_words_doc},
    {"shared_weight", shared_weight, METH_VARARGS, shared_weight_doc},
    {"encode", encode, METH_VARARGS, encode_doc},
    {"spans_from_flags", spans_from_flags, METH_VARARGS, spans_from_flags_doc},
    {"spans_similarity", spans_similarity, METH_O, spans_similarity_doc},
    {"shift_boundaries", shift_boundaries, METH_VARARGS, shift_boundaries_doc},
    {"leftmost_flags", leftmost_flags, METH_VARARGS, leftmost_flags_doc},
    {"lcs_length", lcs_length, METH_VARARGS, lcs_length_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "wikitui.diff._speedups",
    "The diff engine's hot loops, compiled (optional: tokens.py and align.py have them in Python).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    return PyModule_Create(&module_def);
}
