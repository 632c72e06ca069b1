package dev.gotchals.text;

import java.util.Arrays;

/**
 * Where a word occurs in a text, in any case or exactly as written, at char offsets in order. An edited text takes the
 * occurrences of the text it was made from: those before the edit stay, those after it move, and only the edit and the
 * few chars around it are searched again. A keystroke in a long file then does not search the whole text for a word
 * that is in it a few times or not at all.
 */
final class WordOccurrences {
    /** A word looked for, in any case or exactly as written. */
    record Wanted(String word, boolean ignoreCase) {
    }

    private final String word;
    private final boolean ignoreCase;
    private final int[] offsets;

    private WordOccurrences(String word, boolean ignoreCase, int[] offsets) {
        this.word = word;
        this.ignoreCase = ignoreCase;
        this.offsets = offsets;
    }

    /**
     * Every occurrence of {@code word} in {@code text}. The word must end with a char that has no case (such as ':'),
     * which is looked for first: that is much faster than comparing the word at every offset.
     */
    static WordOccurrences in(String text, String word) {
        char last = word.charAt(word.length() - 1);
        if (Character.toUpperCase(last) != Character.toLowerCase(last) || Character.toTitleCase(last) != last) {
            throw new IllegalArgumentException("a word looked for must end with a char without case: " + word);
        }
        int prefix = word.length() - 1;
        int[] found = new int[4];
        int count = 0;
        for (int end = text.indexOf(last, prefix); end >= 0; end = text.indexOf(last, end + 1)) {
            if (text.regionMatches(true, end - prefix, word, 0, prefix)) {
                found = add(found, count++, end - prefix);
            }
        }
        return new WordOccurrences(word, true, Arrays.copyOf(found, count));
    }

    /** Every occurrence of {@code word} in {@code text} written exactly so, case and all. */
    static WordOccurrences exactlyIn(String text, String word) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException("an empty word is looked for");
        }
        int[] found = new int[4];
        int count = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            found = add(found, count++, at);
        }
        return new WordOccurrences(word, false, Arrays.copyOf(found, count));
    }

    int[] offsets() {
        return offsets.clone();
    }

    int count() {
        return offsets.length;
    }

    /**
     * The occurrences in {@code newText}, which is this text with chars {@code [start, end)} replaced by those of
     * {@code [start, newEnd)}.
     */
    WordOccurrences afterEdit(String newText, int start, int end, int newEnd) {
        int length = word.length();
        int delta = newEnd - end;
        int[] found = new int[offsets.length + 4];
        int count = 0;
        int i = 0;
        for (; i < offsets.length && offsets[i] + length <= start; i++) {
            found = add(found, count++, offsets[i]);
        }
        // The occurrences that overlap the new chars, or join the chars on either side of a deletion.
        for (int at = Math.max(0, start - length + 1); at < newEnd && at + length <= newText.length(); at++) {
            if (newText.regionMatches(ignoreCase, at, word, 0, length)) {
                found = add(found, count++, at);
            }
        }
        for (; i < offsets.length; i++) {
            if (offsets[i] >= end) {
                found = add(found, count++, offsets[i] + delta);
            }
        }
        return new WordOccurrences(word, ignoreCase, Arrays.copyOf(found, count));
    }

    private static int[] add(int[] found, int count, int offset) {
        int[] room = count < found.length ? found : Arrays.copyOf(found, found.length * 2);
        room[count] = offset;
        return room;
    }
}
