package dev.rlaif.lm;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Test setup: PyTorch runs single-threaded, because tiny tensors gain nothing from intra-op threads
 * and on a shared machine every thread barrier can cost a scheduler time slice.
 */
final class TestEngine {

    private TestEngine() {
    }

    static void singleThreaded() {
        Engines.pytorch();
        JniUtils.setNumThreads(1);
        dev.rlaif.core.Progress.setQuiet(true);
    }
}
