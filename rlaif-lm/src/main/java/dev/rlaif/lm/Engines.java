package dev.rlaif.lm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starts DJL's PyTorch engine once, with the settings this library relies on, and picks the device.
 *
 * <p>The engine reads its thread counts only when it starts, so they are set here, before the first
 * use: intra-op threads default to every core (PyTorch's own default counts physical cores and
 * can leave half of a small machine idle), inter-op threads to 1 (our graphs are sequential, and a
 * second pool only competes for the same cores). Both stay overridable with
 * {@code -Dai.djl.pytorch.num_threads} and {@code -Dai.djl.pytorch.num_interop_threads}.
 * {@code ai.djl.offline} defaults to true: the native library ships in a jar and nothing is
 * downloaded at run time.
 */
final class Engines {

    private static final Object LOCK = new Object();
    private static volatile Engine engine;

    private Engines() {
    }

    /** The started PyTorch engine. */
    static Engine pytorch() {
        Engine e = engine;
        if (e == null) {
            synchronized (LOCK) {
                e = engine;
                if (e == null) {
                    setDefault("ai.djl.offline", "true");
                    setDefault("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
                    setDefault("ai.djl.pytorch.num_interop_threads", "1");
                    e = Engine.getEngine("PyTorch");
                    engine = e;
                }
            }
        }
        return e;
    }

    /** The GPU when the engine sees one, else the CPU. */
    static Device defaultDevice() {
        return pytorch().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /**
     * Turns autograd recording off on this thread until closed. PyTorch's grad mode is
     * thread-local and DJL leaves it on in threads other than the one that started the engine, so
     * every inference path closes over one of these; otherwise each forward would keep its graph
     * alive until the step's manager closes.
     */
    static Scope noGrad() {
        pytorch();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(previous);
    }

    /** A scope whose closing cannot fail. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
