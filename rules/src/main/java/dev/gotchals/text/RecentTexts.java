package dev.gotchals.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was read lately from a text, by the text, the least recently used dropped first. Bounded by count and by
 * the text it holds, so that a huge file speeds up its own edits without keeping the server's memory up for good.
 * An edit reparses the whole file, but every part of it except the edited one keeps its text: what a part says is
 * read again only when its text is new.
 *
 * @param <V> what is read from a text; it must depend on the text alone, not on where the text stands
 */
public final class RecentTexts<V> {
    private final Map<String, V> byText = new LinkedHashMap<>(256, 0.75f, true);
    private final int maxEntries;
    private final long maxChars;
    private long chars;

    /**
     * @param maxEntries texts held at most
     * @param maxChars   chars of text held at most; a text longer than a sixteenth of it alone is not kept
     */
    public RecentTexts(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    public synchronized V get(String text) {
        return byText.get(text);
    }

    public synchronized void put(String text, V value) {
        if (text.length() > maxChars / 16 || byText.containsKey(text)) {
            return;
        }
        byText.put(text, value);
        chars += text.length();
        var eldest = byText.entrySet().iterator();
        while ((byText.size() > maxEntries || chars > maxChars) && eldest.hasNext()) {
            chars -= eldest.next().getKey().length();
            eldest.remove();
        }
    }

    public synchronized int size() {
        return byText.size();
    }
}
