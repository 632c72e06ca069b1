package dev.gotchals.model.deploy;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageLocaleTest {
    @TempDir
    Path root;

    private ImageLocale locale(String dockerfile, String... more) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :shop, version: \"0.1.0\"]\nend\n");
        files.put("Dockerfile", dockerfile);
        for (int i = 0; i < more.length; i += 2) {
            files.put(more[i], more[i + 1]);
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Workspace workspace = new Workspace(List.of(root));
        ProjectContext project = new ProjectContext(workspace.projects().get(0), workspace);
        DeployModel model = DeployModel.of(project);
        return ImageLocale.of(project, model, model.images().get(0));
    }

    @Test
    void aBareDebianOrUbuntuStageHasNone() throws IOException {
        assertEquals(ImageLocale.NONE, locale("FROM debian:bookworm-slim\nCMD x\n"));
        assertEquals(ImageLocale.NONE, locale("FROM ubuntu:noble\nENV LANG=C\nCMD x\n"));
    }

    @Test
    void lcAllOutranksLang() throws IOException {
        assertEquals(ImageLocale.NONE, locale("FROM debian\nENV LANG=C.UTF-8 LC_ALL=C\n"));
        assertEquals(ImageLocale.UTF8, locale("FROM debian\nENV LANG=C LC_ALL=en_US.UTF-8\n"));
    }

    @Test
    void fnuFlagsCount() throws IOException {
        assertEquals(ImageLocale.UTF8, locale("FROM debian\nENV ELIXIR_ERL_OPTIONS=\"+fnu\"\n"));
        assertEquals(ImageLocale.UTF8, locale("FROM debian\n", "rel/vm.args.eex", "+fnu\n-kernel inet_dist_listen_min 9000\n"));
    }

    @Test
    void otherBasesAndOutsideSettingsCannotBeTold() throws IOException {
        assertEquals(ImageLocale.UNKNOWN, locale("FROM elixir:1.16\nCMD x\n"));
        assertEquals(ImageLocale.UNKNOWN, locale("FROM alpine:3.20\nCMD x\n"));
        assertEquals(ImageLocale.UNKNOWN, locale("FROM debian\nENV LANG=$LOCALE\n"));
        assertEquals(ImageLocale.UNKNOWN, locale("FROM debian\nCMD x\n", "fly.toml", "app = \"shop\"\n[env]\nLANG = \"C.UTF-8\"\n"));
    }
}
