package dev.rlaif.feedback;

import dev.rlaif.core.Task;

/**
 * Finds the API-database entry an answer calls, by Gorilla's AST sub-tree rule: the first entry,
 * in file order, whose callee the answer's call uses and whose reference arguments all occur in
 * that call. The offline judge's notion of "this API exists".
 */
interface CallMatcher {

    /** Index into the task's hub's API database of the entry the completion calls, or -1 for none. */
    int match(Task task, String completion);

    /** A short name, part of the offline judge's config id. */
    String name();
}
