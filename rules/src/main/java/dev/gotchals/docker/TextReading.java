package dev.gotchals.docker;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an instruction says by its text alone (its text, its commands, its settings, what a model reads of it), kept
 * with its statement node and shared by the copies an edit moves the node to. A keystroke in a long Dockerfile then
 * reads again only the instructions it touches: the others are not even looked up by their text.
 */
final class TextReading {
    private String text;
    /** By the reader's own cache of texts, which stands for the reader. */
    private final Map<Object, Object> byReader = new IdentityHashMap<>(4);

    synchronized String text(Supplier<String> read) {
        if (text == null) {
            text = read.get();
        }
        return text;
    }

    synchronized Object get(Object reader) {
        return byReader.get(reader);
    }

    synchronized void put(Object reader, Object read) {
        byReader.put(reader, read);
    }
}
