package dev.rlaif.feedback;

/** Whether a Python snippet is syntactically valid; used for the {@code syntax_valid} question. */
interface SyntaxCheck {

    /** True when {@code python} parses. */
    boolean valid(String python);

    /** A short name, part of the offline judge's config id. */
    String name();
}
