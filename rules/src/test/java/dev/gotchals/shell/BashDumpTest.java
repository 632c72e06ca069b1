package dev.gotchals.shell;
import dev.gotchals.syntax.*;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;
class BashDumpTest {
  @Test void dump() {
    for (String s : new String[]{"#!/bin/sh\nset -e\nexport PHX_SERVER=true A=1\nif [ -n \"$X\" ]; then\n  mix ecto.migrate && exec \"$@\"\nfi\nFOO=bar exec ./my_app start\n",
        "tini -- sh -c 'mix ecto.migrate && /app/bin/server'", "mix ecto.migrate \\\n && /app/bin/server", "su -c \"mix ecto.migrate\" nobody; cd /app; X=1; echo $(foo) | grep x", "while true; do mix run; done; (mix a); { mix b; }"}) {
      SyntaxTree t = SyntaxTree.parse(SourceLanguage.BASH, TextDocument.of(s));
      System.out.println(t.treeSitterSexp());
    }
  }
}
