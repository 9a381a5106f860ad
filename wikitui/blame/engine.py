"""The authorship state of a history, advanced one revision at a time.

Each revision is matched against what came before it in three steps, as WikiWho does:

1. **Paragraphs.** A paragraph identical to one of the previous revision keeps that
   paragraph's tokens; failing that, one identical to a paragraph of *any* earlier revision
   keeps those. So moved paragraphs keep their authors, and restoring a blanked section gives
   the text back to whoever wrote it: the reverting edit adds nothing.
2. **Sentences** of the paragraphs still unplaced are matched the same way: first against
   the sentences of the previous revision's paragraphs that disappeared, then against every
   sentence ever seen.
3. **Tokens** of the sentences still unplaced are diffed (:mod:`wikitui.blame.align`)
   against the unplaced tokens of the previous revision; what the diff pairs keeps its
   origin, the rest is new, added by this revision.

Nothing old is used twice in one revision: a paragraph copied in two places keeps its
authors in the first and is new text in the second.

The state is kept in flat arrays (see :class:`BlameState`) so that a 15,000-revision history
fits in tens of megabytes and saves as a few ``tobytes()`` calls (:mod:`wikitui.blame.store`).
Units are numbered in order of creation: token, sentence and paragraph ids index the arrays.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

from wikitui.blame.align import Aligner, align_blocks
from wikitui.blame.tokens import digest, fold, paragraphs, sentence_key, sentences, tokens


class _Units:
    """A growing table of units, each a run of ids of the level below, with a digest index.

    ``start[i]:start[i+1]`` slices ``items`` to give unit ``i``'s parts; ``key[i]`` is its
    digest; ``index`` maps a digest to the units that have it (usually one).
    """

    __slots__ = ("index", "items", "key", "start")

    def __init__(self) -> None:
        self.start = array("Q", [0])
        self.items = array("I")
        self.key = array("Q")
        self.index: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self.key)

    def add(self, key: int, parts: Iterable[int]) -> int:
        """Append a unit; returns its id."""
        unit = len(self.key)
        self.items.extend(parts)
        self.start.append(len(self.items))
        self.key.append(key)
        known = self.index.get(key)
        if known is None:
            self.index[key] = unit
        elif isinstance(known, int):
            self.index[key] = [known, unit]
        else:
            known.append(unit)
        return unit

    def parts(self, unit: int) -> array[int]:
        """The ids one unit is made of."""
        return self.items[self.start[unit] : self.start[unit + 1]]

    def with_key(self, key: int) -> list[int]:
        """Every unit with this digest, oldest first."""
        known = self.index.get(key)
        if known is None:
            return []
        return [known] if isinstance(known, int) else known

    def rebuild_index(self) -> None:
        """Fill ``index`` from ``key`` (after loading)."""
        self.index = {}
        index = self.index
        for unit, key in enumerate(self.key):
            known = index.get(key)
            if known is None:
                index[key] = unit
            elif isinstance(known, int):
                index[key] = [known, unit]
            else:
                known.append(unit)


class BlameState:
    """Token authorship over the revisions processed so far, oldest first.

    ``rev_keys[k]`` is the caller's key of the k-th processed revision (wikitui passes its
    index in the page; revisions without text are skipped), and ``origin[t]`` the position in
    ``rev_keys`` of the revision that added token ``t``.
    """

    def __init__(self, aligner: Aligner = align_blocks) -> None:
        self.aligner = aligner
        self.values: list[str] = []
        self.origin = array("I")
        self.sentences = _Units()  # parts: token ids
        self.paragraphs = _Units()  # parts: sentence ids
        self.rev_keys = array("q")
        self.revisions = _Units()  # parts: paragraph ids; key: unused (0)
        self._interned: dict[str, str] = {}
        # The last revision, as text -> paragraph ids, to match the next one against.
        self._previous: dict[str, list[int]] = {}
        self._last: list[int] = []

    # -- reading ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.rev_keys)

    def token_ids(self, position: int) -> Iterator[int]:
        """The token ids of the ``position``-th processed revision, in text order."""
        paragraph_parts = self.paragraphs.parts
        sentence_parts = self.sentences.parts
        for paragraph in self.revisions.parts(position):
            for sentence in paragraph_parts(paragraph):
                yield from sentence_parts(sentence)

    def origins(self, position: int) -> list[int]:
        """For each token of the ``position``-th processed revision, the position of its origin."""
        origin = self.origin
        return [origin[token] for token in self.token_ids(position)]

    # -- advancing ----------------------------------------------------------------------

    def resume(self, last_text: str) -> None:
        """Make a loaded state ready to take more revisions (``last_text``: the last one's)."""
        parts = paragraphs(last_text)
        ids = self.revisions.parts(len(self.rev_keys) - 1) if self.rev_keys else array("I")
        if len(parts) != len(ids):
            raise ValueError("the last revision's text does not fit the saved state")
        self._remember(parts, ids)

    def add(self, key: int, text: str) -> None:
        """Process the next revision of the history."""
        position = len(self.rev_keys)
        parts = paragraphs(text)
        placed: list[int] = [-1] * len(parts)
        used: set[int] = set()
        previous = self._previous

        # 1a. paragraphs of the previous revision, wherever they are now.
        for slot, part in enumerate(parts):
            for paragraph in previous.get(part, ()):
                if paragraph not in used:
                    used.add(paragraph)
                    placed[slot] = paragraph
                    break
        gone = [p for p in self._last if p not in used]

        if -1 in placed:
            self._place_rest(position, parts, placed, used, gone)

        self.rev_keys.append(key)
        self.revisions.add(0, placed)
        self._remember(parts, placed)

    def _remember(self, parts: list[str], placed: Iterable[int]) -> None:
        """Keep the revision just processed to match the next one against."""
        self._last = list(placed)
        self._previous = {}
        for part, paragraph in zip(parts, self._last, strict=True):
            self._previous.setdefault(part, []).append(paragraph)

    def _place_rest(
        self, position: int, parts: list[str], placed: list[int], used: set[int], gone: list[int]
    ) -> None:
        """Steps 1b, 2 and 3 for the paragraphs the previous revision did not have."""
        paragraph_units = self.paragraphs
        sentence_units = self.sentences
        # The sentences in use, gathered only when an older unit is a candidate (rarely).
        used_sentences: set[int] = set()
        gathered = False

        def gather() -> None:
            nonlocal gathered
            gathered = True
            for paragraph in used:
                used_sentences.update(paragraph_units.parts(paragraph))

        taken_tokens: set[int] = set()  # tokens of units brought back from older revisions

        # 1b. paragraphs of any earlier revision (compared lower-cased from here on).
        lowered: dict[int, str] = {}
        keys: dict[int, int] = {}
        for slot, part in enumerate(parts):
            if placed[slot] >= 0:
                continue
            lowered[slot] = part = fold(part)
            key = keys[slot] = digest(part)
            for paragraph in paragraph_units.with_key(key):
                if paragraph in used:
                    continue
                if not gathered:
                    gather()
                its_sentences = paragraph_units.parts(paragraph)
                if used_sentences.isdisjoint(its_sentences):
                    used.add(paragraph)
                    used_sentences.update(its_sentences)
                    for sentence in its_sentences:
                        taken_tokens.update(sentence_units.parts(sentence))
                    placed[slot] = paragraph
                    break

        # 2. sentences: those of the paragraphs that went away first, then any earlier one.
        # (The previous revision used each sentence once, so the sentences of the paragraphs
        # that went away are free unless an older unit above took them back.)
        gone_sentences: dict[int, list[int]] = {}
        for paragraph in gone:
            if paragraph in used:
                continue
            for sentence in paragraph_units.parts(paragraph):
                if sentence not in used_sentences:
                    gone_sentences.setdefault(sentence_units.key[sentence], []).append(sentence)
        # per unplaced paragraph: its sentences as ids, or as token lists still to place
        pending: list[tuple[int, list[int | tuple[int, list[str]]]]] = []
        for slot, part in lowered.items():
            if placed[slot] >= 0:
                continue
            layout: list[int | tuple[int, list[str]]] = []
            for sentence_text in sentences(part):
                words = tokens(sentence_text)
                key = sentence_key(words)
                found = -1
                for sentence in (*gone_sentences.get(key, ()), *sentence_units.with_key(key)):
                    if not gathered:
                        gather()
                    if sentence not in used_sentences:
                        found = sentence
                        break
                if found >= 0:
                    used_sentences.add(found)
                    taken_tokens.update(sentence_units.parts(found))
                    layout.append(found)
                else:
                    layout.append((key, words))
            pending.append((slot, layout))

        # 3. tokens: diff what is left against the left-over tokens of what went away.
        old_ids: list[int] = []
        for paragraph in gone:
            if paragraph in used:
                continue
            for sentence in paragraph_units.parts(paragraph):
                if sentence not in used_sentences:
                    its_tokens = sentence_units.parts(sentence)
                    if taken_tokens:
                        old_ids.extend(t for t in its_tokens if t not in taken_tokens)
                    else:
                        old_ids.extend(its_tokens)
        new_words = [
            word
            for _, layout in pending
            for item in layout
            if not isinstance(item, int)
            for word in item[1]
        ]
        values = self.values
        matched = self.aligner([values[t] for t in old_ids], new_words) if old_ids else None
        cursor = 0
        interned = self._interned
        origin = self.origin
        for slot, layout in pending:
            sentence_ids: list[int] = []
            for item in layout:
                if isinstance(item, int):
                    sentence_ids.append(item)
                    continue
                key, words = item
                ids: list[int] = []
                for word in words:
                    old = matched[cursor] if matched is not None else -1
                    cursor += 1
                    if old >= 0:
                        ids.append(old_ids[old])
                    else:
                        ids.append(len(values))
                        values.append(interned.setdefault(word, word))
                        origin.append(position)
                sentence_ids.append(sentence_units.add(key, ids))
            placed[slot] = paragraph_units.add(keys[slot], sentence_ids)
