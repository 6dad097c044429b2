package ai.darwin.events.variant;

import ai.darwin.events.Require;

/**
 * One file of a training program besides its entry file ({@link VariantProposed#source()}).
 *
 * <p>The record only requires both parts to be there, so that a hostile layout still reads and can be refused with a
 * reason: what a path may be (relative, {@code /}-separated, Java identifiers, ending in {@code .java}, at most
 * {@link ProgramFiles#MAX_DIRECTORIES} directories deep) is {@link ProgramFiles#problems}'s to say, and the file's
 * {@code package} declaration must name its directory ({@link ProgramFiles#packageOf}): {@code model/Attention.java}
 * declares {@code package model;}, a file in the default package is just {@code Name.java}.
 *
 * @param path   where the file lies in the program's package tree, e.g. {@code model/Attention.java}
 * @param source the file's full Java source
 */
public record ProgramFile(String path, String source) {

    public ProgramFile {
        Require.text(path, "files[].path");
        Require.text(source, "files[].source");
    }
}
