package dev.gotchals.syntax;

/**
 * What tree-sitter's Dockerfile grammar is given to read. Docker ends an instruction at the end of its line, but the
 * grammar lets a blank before the line break carry a COPY or ADD on into the next line ({@code COPY assets ./ }
 * followed by {@code RUN npm run build} parses as one COPY of six paths). Blanks that end a line are handed over as
 * carriage returns, which the grammar reads as part of the line break; every byte keeps its offset. An edit next
 * to such blanks changes how they are handed over, which tree-sitter's incremental parse sees: the blanks' token
 * looks ahead into the edit, so it is read again.
 */
final class DockerfileInput {
    private DockerfileInput() {
    }

    /**
     * {@code utf8} with each space or tab that ends a line (other than after a line-continuing backslash) replaced by
     * {@code \r}; the same array when none does.
     */
    static byte[] withoutTrailingBlanks(byte[] utf8) {
        byte[] copy = null;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '\n') {
                continue;
            }
            int blank = i - 1;
            while (blank >= 0 && (utf8[blank] == '\r' || isBlank(utf8[blank]))) {
                blank--;
            }
            if (blank >= 0 && utf8[blank] == '\\') {
                continue; // a line continuation, which the grammar reads with blanks after it, as Docker does
            }
            for (int j = blank + 1; j < i; j++) {
                if (isBlank(utf8[j])) {
                    copy = copy == null ? utf8.clone() : copy;
                    copy[j] = '\r';
                }
            }
        }
        return copy == null ? utf8 : copy;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
