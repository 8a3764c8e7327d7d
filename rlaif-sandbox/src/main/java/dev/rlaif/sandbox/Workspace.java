package dev.rlaif.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The private working directory of one run: holds the snippet, the run's spec and the verdict, and
 * is the snippet's only writable place besides its {@code /tmp}. It is world-writable (the run may
 * execute as an unprivileged slot uid) but sits inside a parent that only the JVM's user can enter.
 */
final class Workspace implements AutoCloseable {

    private final Path dir;

    private Workspace(Path dir) {
        this.dir = dir;
    }

    /** Creates a fresh workspace under {@code parent}. */
    static Workspace create(Path parent) throws IOException {
        Path dir = Files.createTempDirectory(parent, "run-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return new Workspace(dir);
    }

    /** The directory. */
    Path dir() {
        return dir;
    }

    /** Deletes the workspace and everything the snippet left in it. */
    @Override
    public void close() {
        deleteTree(dir);
    }

    /**
     * Deletes a tree without following symbolic links, so a link planted by a snippet never leads
     * the deletion outside the tree. Best effort: failures are ignored, the JVM's temp cleanup and
     * the next run are unaffected by leftovers.
     */
    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    d.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort by contract: a leftover temp directory is harmless.
            return;
        }
    }
}
