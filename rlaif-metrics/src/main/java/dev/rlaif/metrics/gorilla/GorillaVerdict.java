package dev.rlaif.metrics.gorilla;

/** Gorilla's three-way verdict on one response; the paper calls {@link #WRONG} "error". */
public enum GorillaVerdict {
    /** A database API was found and its domain equals the reference's domain. */
    CORRECT,
    /** No database API matches the response's call. */
    HALLUCINATION,
    /** A database API matched but from another domain, or the response could not be read. */
    WRONG;

    /** The lower-case name used in reports and {@code MetricResult} details. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
