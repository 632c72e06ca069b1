package dev.gotchals.shell;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scripts parsed lately, by their text, the least recently used dropped first. Bounded by count and by the
 * text it holds, so that a huge Dockerfile speeds up its own edits without keeping the server's memory up for good.
 */
final class ParsedScripts {
    /** More than the command lines of any real Dockerfile; a generated 20,000-line one fits. */
    static final int MAX_SCRIPTS = 32_768;
    /** Chars of script text held at most (about 8 MiB of strings); a longer script alone is not kept. */
    static final long MAX_CHARS = 4L * 1024 * 1024;

    private final Map<String, ShellScript> byText = new LinkedHashMap<>(256, 0.75f, true);
    private long chars;

    synchronized ShellScript get(String text) {
        return byText.get(text);
    }

    synchronized void put(String text, ShellScript script) {
        if (text.length() > MAX_CHARS / 16 || byText.containsKey(text)) {
            return;
        }
        byText.put(text, script);
        chars += text.length();
        var eldest = byText.entrySet().iterator();
        while ((byText.size() > MAX_SCRIPTS || chars > MAX_CHARS) && eldest.hasNext()) {
            chars -= eldest.next().getKey().length();
            eldest.remove();
        }
    }

    synchronized int size() {
        return byText.size();
    }
}
