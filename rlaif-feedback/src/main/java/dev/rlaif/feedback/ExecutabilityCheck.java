package dev.rlaif.feedback;

import dev.rlaif.core.Task;

/**
 * The sandbox's verdict on an answer's code ({@code ok}, {@code syntax_error},
 * {@code import_error}, {@code api_error}, ...), used by the offline judge's
 * {@code documented_usage} question when executability is enabled.
 */
interface ExecutabilityCheck {

    /** The verdict for the completion's code, or null when the completion has no code to run. */
    String verdict(Task task, String completion);

    /** A short name, part of the offline judge's config id. */
    String name();
}
