package dev.gotchals.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PackageInstallsTest {
    private static List<String> installed(String line) {
        return ShellScript.parse(line).commands().stream().flatMap(command -> PackageInstalls.of(command).stream()).toList();
    }

    @Test
    void eachPackageManagersInstallGivesItsPackagesWithoutOptionsOrPins() {
        assertEquals(List.of("podman", "iptables"), installed("apk update && apk add --no-cache podman iptables"));
        assertEquals(List.of("docker-ce-cli", "curl"),
                installed("apt-get update -y && apt-get install -y --no-install-recommends docker-ce-cli=5:24.0.7-1 curl"));
        assertEquals(List.of("buildah"), installed("dnf -y install buildah"));
        assertEquals(List.of("runc"), installed("zypper --non-interactive in runc"));
    }

    @Test
    void otherSubcommandsAndProgramsInstallNothing() {
        assertEquals(List.of(), installed("apt-get remove -y iptables"));
        assertEquals(List.of(), installed("apk del podman"));
        assertEquals(List.of(), installed("apt-get add podman"));
        assertEquals(List.of(), installed("pip install docker"));
    }
}
