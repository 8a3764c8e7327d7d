package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), over a model's parameter store, with
 * global-norm gradient clipping. It follows PyTorch's {@code AdamW} update exactly:
 * {@code p ← p·(1 − lr·wd)}, then {@code p ← p − lr·m̂/(sqrt(v̂) + eps)} with bias-corrected moments.
 *
 * <p>Weight decay applies to matrices only (embeddings and linear weights); biases and LayerNorm
 * parameters are not decayed, as in nanoGPT and most GPT recipes, because shrinking a gain or an
 * offset towards zero regularises nothing useful.
 *
 * <p>Clipping is by the norm of all gradients together ({@code torch.nn.utils.clip_grad_norm_}),
 * not per element as DJL's {@code clipGrad}: it keeps the update's direction and only shortens it.
 *
 * <p>The moment buffers live in the optimiser's own manager until {@link #close()}; every temporary
 * of a step lives in a sub-manager closed with the step.
 */
public final class AdamW implements AutoCloseable {

    /**
     * Hyper-parameters other than the learning rate (which a schedule supplies per step).
     *
     * @param beta1 first-moment decay (GPT-2 recipes: 0.9)
     * @param beta2 second-moment decay (0.95 for small-batch LM training, steadier than 0.999)
     * @param eps denominator guard (1e-8)
     * @param weightDecay decoupled decay per unit learning rate (0.1 as in GPT-3 / nanoGPT)
     */
    public record Settings(double beta1, double beta2, double eps, double weightDecay) {

        /** Validates. */
        public Settings {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("bad AdamW settings: " + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
            }
        }

        /** beta1 0.9, beta2 0.95, eps 1e-8, weight decay 0.1. */
        public static Settings defaults() {
            return new Settings(0.9, 0.95, 1e-8, 0.1);
        }
    }

    private final Map<String, NDArray> params;
    private final Settings settings;
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long steps;

    /** An optimiser for every parameter of {@code model}, with zeroed moments. */
    public AdamW(Gpt2Model model, Settings settings) {
        this.params = model.parameters();
        this.settings = settings;
        this.manager = model.newStepManager();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape(), e.getValue().getDataType()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape(), e.getValue().getDataType()));
        }
    }

    /** Optimiser steps taken (Adam's {@code t}, which drives the bias correction). */
    public long steps() {
        return steps;
    }

    /**
     * Scales every gradient so that their global L2 norm is at most {@code maxNorm}, in place.
     *
     * @return the norm before clipping (log it: spikes announce instability)
     */
    public double clipGradNorm(double maxNorm) {
        try (Engines.Scope ng = Engines.noGrad(); NDManager step = manager.newSubManager()) {
            NDArray total = null;
            Map<String, NDArray> grads = gradients(step);
            for (NDArray g : grads.values()) {
                NDArray sq = g.square().sum();
                total = total == null ? sq : total.add(sq);
            }
            double norm = Math.sqrt(total.toType(DataType.FLOAT64, false).getDouble());
            if (norm > maxNorm) {
                double scale = maxNorm / (norm + 1e-6);
                for (NDArray g : grads.values()) {
                    g.muli(scale);
                }
            }
            return norm;
        }
    }

    /** Applies one update with learning rate {@code lr}, then zeroes the gradients. */
    public void step(double lr) {
        steps++;
        double bc1 = 1 - Math.pow(settings.beta1(), steps);
        double bc2 = 1 - Math.pow(settings.beta2(), steps);
        try (Engines.Scope ng = Engines.noGrad(); NDManager step = manager.newSubManager()) {
            Map<String, NDArray> grads = gradients(step);
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                String name = e.getKey();
                NDArray p = e.getValue();
                NDArray g = grads.get(name);
                if (settings.weightDecay() > 0 && p.getShape().dimension() >= 2) {
                    p.muli(1 - lr * settings.weightDecay());
                }
                NDArray mi = m.get(name).muli(settings.beta1()).addi(g.mul(1 - settings.beta1()));
                NDArray vi = v.get(name).muli(settings.beta2()).addi(g.square().muli(1 - settings.beta2()));
                // sqrt(v̂) + eps = sqrt(v)/sqrt(bc2) + eps; the step is lr/bc1 · m / that.
                NDArray denom = own(step, vi.sqrt()).muli(1 / Math.sqrt(bc2)).addi(settings.eps());
                NDArray update = own(step, mi.div(denom)).muli(lr / bc1);
                p.subi(update);
            }
            zeroGrad();
        }
    }

    /** Zeroes every parameter's gradient (needed before the first backward of a step). */
    public void zeroGrad() {
        for (NDArray p : params.values()) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /**
     * The moments, by {@code exp_avg.<name>} and {@code exp_avg_sq.<name>} (PyTorch's names), in the
     * parameters' own layout ({@link Gpt2Model#parameters()}), as float32: with {@link #steps()} this
     * is everything a resumed run needs.
     */
    public Map<String, HostTensor> state() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (String name : params.keySet()) {
            out.put("exp_avg." + name, host(m.get(name)));
            out.put("exp_avg_sq." + name, host(v.get(name)));
        }
        return out;
    }

    /** Restores {@link #state()} and the step count saved with it. */
    public void load(Map<String, HostTensor> state, long stepCount) {
        for (String name : params.keySet()) {
            set(m.get(name), state.get("exp_avg." + name), name);
            set(v.get(name), state.get("exp_avg_sq." + name), name);
        }
        this.steps = stepCount;
    }

    /** Frees the moments. */
    @Override
    public void close() {
        manager.close();
    }

    private Map<String, NDArray> gradients(NDManager step) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            grads.put(e.getKey(), own(step, e.getValue().getGradient()));
        }
        return grads;
    }

    /** Moves an array created in a long-lived manager into the step's, so it dies with the step. */
    private static NDArray own(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }

    private static HostTensor host(NDArray a) {
        return new HostTensor(a.getShape().getShape(), Gpt2Model.toFloats(a));
    }

    private static void set(NDArray target, HostTensor t, String name) {
        if (t == null || !new Shape(t.shape()).equals(target.getShape())) {
            throw new IllegalArgumentException("optimizer state for '" + name + "' is missing or misshapen");
        }
        if (target.getDataType() == DataType.FLOAT64) {
            double[] d = new double[t.data().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = t.data()[i];
            }
            target.set(d);
        } else {
            target.set(t.data());
        }
    }
}
