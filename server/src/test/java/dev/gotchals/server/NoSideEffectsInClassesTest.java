package dev.gotchals.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The language server and the rules never start a process, never write, move or delete a file, and never open a
 * network connection (the one exception: the {@code --port} listener on 127.0.0.1 in {@link ServerLauncher}).
 * Proved on the compiled main classes of both modules: every class and member they reference is in their class
 * files' constant pools, so a new call to any of these APIs fails this test until it is reviewed and allowed here.
 */
class NoSideEffectsInClassesTest {
    /** Classes whose mere use means a process, a file write or a connection. */
    private static final Set<String> FORBIDDEN_CLASSES = Set.of(
            "java/lang/ProcessBuilder", "java/lang/ProcessBuilder$Redirect",
            "java/io/FileOutputStream", "java/io/FileWriter", "java/io/RandomAccessFile",
            "java/util/logging/FileHandler", "java/nio/channels/FileChannel", "java/nio/channels/AsynchronousFileChannel",
            "java/nio/file/spi/FileSystemProvider",
            "java/net/Socket", "java/net/ServerSocket", "java/net/DatagramSocket", "java/net/MulticastSocket",
            "java/net/URLConnection", "java/net/HttpURLConnection", "java/net/http/HttpClient",
            "java/nio/channels/SocketChannel", "java/nio/channels/ServerSocketChannel",
            "java/nio/channels/DatagramChannel", "java/nio/channels/AsynchronousSocketChannel",
            "java/nio/channels/AsynchronousServerSocketChannel", "javax/net/SocketFactory", "javax/net/ssl/SSLSocketFactory");

    /** Methods (class.name) that run a program, change the file system or connect. */
    private static final Set<String> FORBIDDEN_METHODS = Set.of(
            "java/lang/Runtime.exec",
            "java/nio/file/Files.write", "java/nio/file/Files.writeString", "java/nio/file/Files.newOutputStream",
            "java/nio/file/Files.newBufferedWriter", "java/nio/file/Files.newByteChannel",
            "java/nio/file/Files.createFile", "java/nio/file/Files.createDirectory", "java/nio/file/Files.createDirectories",
            "java/nio/file/Files.createTempFile", "java/nio/file/Files.createTempDirectory", "java/nio/file/Files.createLink",
            "java/nio/file/Files.createSymbolicLink", "java/nio/file/Files.move", "java/nio/file/Files.copy",
            "java/nio/file/Files.delete", "java/nio/file/Files.deleteIfExists", "java/nio/file/Files.setAttribute",
            "java/nio/file/Files.setLastModifiedTime", "java/nio/file/Files.setOwner",
            "java/nio/file/Files.setPosixFilePermissions",
            "java/io/File.delete", "java/io/File.deleteOnExit", "java/io/File.renameTo", "java/io/File.mkdir",
            "java/io/File.mkdirs", "java/io/File.createNewFile", "java/io/File.createTempFile", "java/io/File.setWritable",
            "java/io/File.setExecutable", "java/io/File.setReadable", "java/io/File.setLastModified",
            "java/net/URL.openConnection", "java/net/URL.openStream");

    /** Constructors that open a file for writing when their first parameter is a file name or a File. */
    private static final Set<String> FILE_WRITING_CONSTRUCTORS = Set.of("java/io/PrintWriter", "java/io/PrintStream",
            "java/util/Formatter");

    /** Reviewed exceptions: class → what it may reference. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            // gotcha-ls lsp --port N: one listener bound to the loopback address, and the one client it accepts.
            "dev/gotchals/server/ServerLauncher", Set.of("java/net/ServerSocket", "java/net/Socket"),
            // gotcha-ls check --fix, --write-baseline and init, run only on the user's explicit request: the one class of
            // the command line that writes (a temporary file beside the target, renamed over it; new folders for a
            // file a fix creates).
            "dev/gotchals/cli/FileWrites", Set.of("java/nio/file/Files.writeString", "java/nio/file/Files.createTempFile",
                    "java/nio/file/Files.move", "java/nio/file/Files.deleteIfExists",
                    "java/nio/file/Files.createDirectories", "java/nio/file/Files.setPosixFilePermissions"));

    @Test
    void mainClassesNeitherStartProcessesNorWriteFilesNorConnect() throws IOException {
        Path root = repoRoot();
        List<String> violations = new ArrayList<>();
        Set<String> allowedSeen = new TreeSet<>();
        int classes = 0;
        for (Path dir : List.of(root.resolve("rules/target/classes"), root.resolve("server/target/classes"))) {
            List<Path> files = classFiles(dir);
            assertTrue(files.size() > 10, "compiled classes in " + dir + " (found " + files.size() + ")");
            classes += files.size();
            for (Path file : files) {
                ClassRefs refs = ClassRefs.read(Files.readAllBytes(file));
                Set<String> allowed = ALLOWED.getOrDefault(refs.name(), Set.of());
                for (String found : forbiddenIn(refs)) {
                    if (allowed.contains(found)) {
                        allowedSeen.add(refs.name() + " " + found);
                    } else {
                        violations.add(refs.name() + " references " + found);
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "a main class starts a process, writes a file or connects (" + classes
                + " classes scanned); review it and, if it must, allow it in " + getClass().getSimpleName());
        // The allow-list is not stale, and the scan does see what it allows.
        Set<String> allowedAll = new TreeSet<>();
        ALLOWED.forEach((owner, refs) -> refs.forEach(ref -> allowedAll.add(owner + " " + ref)));
        assertEquals(allowedAll, allowedSeen);
    }

    @Test
    void theScanFindsProcessesAndWritesWhereThereAreSome() throws IOException {
        // The benchmark (a test class) spawns the server jar and writes its project: the scan must say so.
        Path bench = repoRoot().resolve("server/target/test-classes/dev/gotchals/bench");
        Set<String> found = new TreeSet<>();
        for (Path file : classFiles(bench)) {
            found.addAll(forbiddenIn(ClassRefs.read(Files.readAllBytes(file))));
        }
        assertTrue(found.contains("java/lang/ProcessBuilder"), found.toString());
        assertTrue(found.contains("java/nio/file/Files.writeString"), found.toString());
        assertTrue(found.contains("java/nio/file/Files.deleteIfExists"), found.toString());
        // And this test's own class, which only reads, is clean.
        Path self = repoRoot().resolve("server/target/test-classes/dev/gotchals/server/NoSideEffectsInClassesTest.class");
        assertEquals(List.of(), forbiddenIn(ClassRefs.read(Files.readAllBytes(self))));
    }

    @Test
    void theClassReaderDecodesTheConstantPool() throws IOException {
        Path self = repoRoot().resolve("server/target/test-classes/dev/gotchals/server/NoSideEffectsInClassesTest.class");
        ClassRefs refs = ClassRefs.read(Files.readAllBytes(self));
        assertEquals("dev/gotchals/server/NoSideEffectsInClassesTest", refs.name());
        assertTrue(refs.classes().contains("java/nio/file/Files"), refs.classes().toString());
        assertTrue(refs.methods().contains("java/nio/file/Files.readAllBytes (Ljava/nio/file/Path;)[B"), refs.methods().toString());
        assertFalse(refs.methods().stream().anyMatch(m -> m.startsWith("java/lang/Runtime.")), refs.methods().toString());
    }

    private static List<String> forbiddenIn(ClassRefs refs) {
        List<String> found = new ArrayList<>();
        for (String type : refs.classes()) {
            if (FORBIDDEN_CLASSES.contains(type)) {
                found.add(type);
            }
        }
        for (String method : refs.methods()) {
            String owner = method.substring(0, method.indexOf('.'));
            String name = method.substring(method.indexOf('.') + 1, method.indexOf(' '));
            String descriptor = method.substring(method.indexOf(' ') + 1);
            if (FORBIDDEN_METHODS.contains(owner + "." + name)) {
                found.add(owner + "." + name);
            } else if (name.equals("<init>") && FILE_WRITING_CONSTRUCTORS.contains(owner)
                    && (descriptor.startsWith("(Ljava/lang/String;") || descriptor.startsWith("(Ljava/io/File;"))) {
                found.add(owner + ".<init>" + descriptor);
            }
        }
        // Reflection by name (Class.forName): the dotted name of a forbidden class as a string constant.
        for (String text : refs.strings()) {
            if (FORBIDDEN_CLASSES.contains(text.replace('.', '/')) && text.contains(".")) {
                found.add("the string " + text);
            }
        }
        return found;
    }

    private static List<Path> classFiles(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), dir + " exists (compile first)");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static Path repoRoot() {
        String configured = System.getProperty("gotcha.repoRoot");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "rules"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("rules/target/classes")) && Files.isDirectory(dir.resolve("server"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no rules/target/classes above " + Path.of("").toAbsolutePath());
    }

    /**
     * What one class file references, from its constant pool (JVMS §4.4): the classes, the methods (owner.name
     * descriptor) and the UTF-8 strings.
     */
    record ClassRefs(String name, Set<String> classes, Set<String> methods, List<String> strings) {
        static ClassRefs read(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] tags = new int[count];
            int[] first = new int[count];
            int[] second = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF(); // u2 length + modified UTF-8, as DataInput reads it
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // eight-byte constants take two entries
                    }
                    case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> {
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        first[i] = in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
                }
            }
            in.readUnsignedShort(); // access flags
            int thisClass = in.readUnsignedShort();
            Set<String> classes = new TreeSet<>();
            Set<String> methods = new TreeSet<>();
            List<String> strings = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                switch (tags[i]) {
                    case 1 -> strings.add(utf8[i]);
                    case 7 -> classes.add(arrayElement(utf8[first[i]]));
                    case 10, 11 -> {
                        String owner = arrayElement(utf8[first[first[i]]]);
                        int nameAndType = second[i];
                        methods.add(owner + "." + utf8[first[nameAndType]] + " " + utf8[second[nameAndType]]);
                    }
                    default -> {
                    }
                }
            }
            return new ClassRefs(utf8[first[thisClass]], classes, methods, strings);
        }

        /** {@code [Ljava/net/Socket;} → {@code java/net/Socket}. */
        private static String arrayElement(String type) {
            String t = type;
            while (t.startsWith("[")) {
                t = t.substring(1);
            }
            return t.startsWith("L") && t.endsWith(";") ? t.substring(1, t.length() - 1) : t;
        }
    }
}
