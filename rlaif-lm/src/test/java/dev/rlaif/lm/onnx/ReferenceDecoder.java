package dev.rlaif.lm.onnx;

import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.HostTensor;
import java.util.Map;

/**
 * GPT-2's forward pass in plain double-precision Java loops, written from the math and from nothing
 * else: an independent third engine for the parity tests. Padding follows rlaif4j's conventions
 * (positions count earlier real tokens; a query sees itself and earlier real keys).
 */
final class ReferenceDecoder {

    private final Gpt2Config c;
    private final Map<String, HostTensor> w;

    ReferenceDecoder(Gpt2Config c, Map<String, HostTensor> w) {
        this.c = c;
        this.w = w;
    }

    /** Logits {@code [T][V]} and (when the weights have a value head) values {@code [T]} of one row. */
    record Row(double[][] logits, double[] values) {
    }

    Row forward(long[] ids, long[] mask) {
        int t = ids.length;
        int d = c.nEmbd();
        double[][] x = new double[t][d];
        int seen = 0;
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = at("wte.weight", (int) ids[i], k) + at("wpe.weight", seen, k);
            }
            seen += (int) mask[i];
        }
        for (int l = 0; l < c.nLayer(); l++) {
            String h = "h." + l + ".";
            double[][] a = attention(layerNorm(x, h + "ln_1"), mask, h);
            add(x, a);
            double[][] f = linear(layerNorm(x, h + "ln_2"), h + "mlp.c_fc");
            for (double[] row : f) {
                for (int k = 0; k < row.length; k++) {
                    double u = row[k];
                    row[k] = 0.5 * u * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
                }
            }
            add(x, linear(f, h + "mlp.c_proj"));
        }
        double[][] hidden = layerNorm(x, "ln_f");
        double[][] logits = new double[t][c.vocabSize()];
        for (int i = 0; i < t; i++) {
            for (int v = 0; v < c.vocabSize(); v++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += hidden[i][k] * at("wte.weight", v, k);
                }
                logits[i][v] = s;
            }
        }
        double[] values = null;
        if (w.containsKey("v_head.weight")) {
            values = new double[t];
            double[][] v = linear(hidden, "v_head");
            for (int i = 0; i < t; i++) {
                values[i] = v[i][0];
            }
        }
        return new Row(logits, values);
    }

    private double[][] attention(double[][] x, long[] mask, String h) {
        int t = x.length;
        int d = c.nEmbd();
        int hd = c.headDim();
        double[][] qkv = linear(x, h + "attn.c_attn");
        double[][] out = new double[t][d];
        for (int head = 0; head < c.nHead(); head++) {
            int qo = head * hd;
            int ko = d + head * hd;
            int vo = 2 * d + head * hd;
            for (int i = 0; i < t; i++) {
                double[] s = new double[t];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    double dot = 0;
                    for (int k = 0; k < hd; k++) {
                        dot += qkv[i][qo + k] * qkv[j][ko + k];
                    }
                    boolean visible = j == i || (j < i && mask[j] == 1);
                    s[j] = dot / Math.sqrt(hd) + (visible ? 0 : -1e9);
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j < t; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int j = 0; j < t; j++) {
                    for (int k = 0; k < hd; k++) {
                        out[i][qo + k] += s[j] / z * qkv[j][vo + k];
                    }
                }
            }
        }
        return linear(out, h + "attn.c_proj");
    }

    private double[][] layerNorm(double[][] x, String p) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            int d = x[i].length;
            double mean = 0;
            for (double v : x[i]) {
                mean += v / d;
            }
            double var = 0;
            for (double v : x[i]) {
                var += (v - mean) * (v - mean) / d;
            }
            out[i] = new double[d];
            for (int k = 0; k < d; k++) {
                out[i][k] = (x[i][k] - mean) / Math.sqrt(var + c.layerNormEpsilon()) * at1(p + ".weight", k)
                        + at1(p + ".bias", k);
            }
        }
        return out;
    }

    /** {@code x W + b} with the Conv1D weight {@code [in, out]}. */
    private double[][] linear(double[][] x, String p) {
        HostTensor wt = w.get(p + ".weight");
        int in = (int) wt.shape()[0];
        int outDim = (int) wt.shape()[1];
        double[][] y = new double[x.length][outDim];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < outDim; o++) {
                double s = at1(p + ".bias", o);
                for (int k = 0; k < in; k++) {
                    s += x[i][k] * wt.data()[k * outDim + o];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    private static void add(double[][] x, double[][] y) {
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[i].length; k++) {
                x[i][k] += y[i][k];
            }
        }
    }

    private double at(String name, int row, int col) {
        HostTensor t = w.get(name);
        return t.data()[row * (int) t.shape()[1] + col];
    }

    private double at1(String name, int i) {
        return w.get(name).data()[i];
    }
}
