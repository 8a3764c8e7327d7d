package dev.rlaif.lm.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX graph under construction: nodes, initializers, inputs and outputs, serialised as a
 * {@code ModelProto}. Field numbers are those of {@code onnx.proto}; only the fields a static
 * inference graph needs are written.
 */
final class OnnxGraph {

    /** {@code TensorProto.DataType} values. */
    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int BOOL = 9;

    /** IR version 8 is what ONNX 1.12, the release of opset 17, writes; every current runtime reads it. */
    private static final long IR_VERSION = 8;
    static final long OPSET = 17;

    // AttributeProto.AttributeType values.
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();
    private int counter;

    /** A constant tensor; exactly one of {@code floats} and {@code longs} is set. */
    private record Initializer(String name, long[] dims, float[] floats, long[] longs) {

        byte[] header() {
            ProtoWriter t = new ProtoWriter().packedInt64(1, dims).int64(2, floats != null ? FLOAT : INT64).string(8, name);
            return t.toByteArray();
        }

        long rawBytes() {
            return floats != null ? 4L * floats.length : 8L * longs.length;
        }

        /** Size of the TensorProto: its header plus the {@code raw_data} field (9). */
        long messageSize() {
            return header().length + ProtoWriter.delimitedSize(9, rawBytes());
        }
    }

    /** A node attribute, built by the static factories. */
    record Attr(ProtoWriter proto) {

        static Attr i(String name, long v) {
            return new Attr(new ProtoWriter().string(1, name).int64(20, ATTR_INT).int64(3, v));
        }

        static Attr f(String name, float v) {
            return new Attr(new ProtoWriter().string(1, name).int64(20, ATTR_FLOAT).float32(2, v));
        }

        static Attr ints(String name, long... v) {
            return new Attr(new ProtoWriter().string(1, name).int64(20, ATTR_INTS).packedInt64(8, v));
        }
    }

    /** Declares a graph input with symbolic ({@code String}) or fixed ({@code Long}) dimensions. */
    void input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
    }

    /** Declares a graph output. */
    void output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
    }

    /** Adds a float32 constant and returns its name. */
    String constant(String name, long[] dims, float[] values) {
        initializers.add(new Initializer(name, dims.clone(), values, null));
        return name;
    }

    /** Adds an int64 constant and returns its name. */
    String constant(String name, long[] dims, long[] values) {
        initializers.add(new Initializer(name, dims.clone(), null, values));
        return name;
    }

    /** A float32 scalar constant. */
    String scalar(String name, float v) {
        return constant(name, new long[0], new float[] {v});
    }

    /** An int64 1-D constant. */
    String ints(String name, long... v) {
        return constant(name, new long[] {v.length}, v);
    }

    /** Adds a node with one output, named {@code hint} plus a counter, and returns that name. */
    String op(String opType, String hint, List<String> in, Attr... attrs) {
        String out = hint + "_" + counter++;
        opNamed(opType, out, in, attrs);
        return out;
    }

    /** Adds a node with one output of a chosen name (graph outputs need fixed names). */
    void opNamed(String opType, String out, List<String> in, Attr... attrs) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) {
            n.string(1, i);
        }
        n.string(2, out).string(3, "n" + nodes.size()).string(4, opType);
        for (Attr a : attrs) {
            n.message(5, a.proto());
        }
        nodes.add(n.toByteArray());
    }

    /** Adds a node with several outputs (e.g. Split), returning their names. */
    List<String> opMulti(String opType, String hint, int outputs, List<String> in, Attr... attrs) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) {
            n.string(1, i);
        }
        List<String> outs = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            String o = hint + "_" + counter++;
            outs.add(o);
            n.string(2, o);
        }
        n.string(3, "n" + nodes.size()).string(4, opType);
        for (Attr a : attrs) {
            n.message(5, a.proto());
        }
        nodes.add(n.toByteArray());
        return outs;
    }

    /** The serialised size of the {@code GraphProto} body. */
    long graphSize(String name) {
        long size = ProtoWriter.delimitedSize(2, name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        size += delimitedSizes(1, nodes) + delimitedSizes(11, inputs) + delimitedSizes(12, outputs);
        for (Initializer i : initializers) {
            size += ProtoWriter.delimitedSize(5, i.messageSize());
        }
        return size;
    }

    private static long delimitedSizes(int field, List<byte[]> messages) {
        long size = 0;
        for (byte[] m : messages) {
            size += ProtoWriter.delimitedSize(field, m.length);
        }
        return size;
    }

    /**
     * Streams the {@code ModelProto}: header fields, then the graph with weights written straight
     * from their arrays.
     */
    void writeModel(OutputStream os, String graphName, String producerVersion) throws IOException {
        ProtoWriter model = new ProtoWriter()
                .int64(1, IR_VERSION)
                .string(2, "rlaif4j")
                .string(3, producerVersion)
                .message(8, new ProtoWriter().string(1, "").int64(2, OPSET));
        os.write(model.toByteArray());
        ProtoWriter.writeLengthPrefix(os, 7, graphSize(graphName));
        for (byte[] n : nodes) {
            ProtoWriter.writeLengthPrefix(os, 1, n.length);
            os.write(n);
        }
        os.write(new ProtoWriter().string(2, graphName).toByteArray());
        for (Initializer init : initializers) {
            ProtoWriter.writeLengthPrefix(os, 5, init.messageSize());
            os.write(init.header());
            ProtoWriter.writeLengthPrefix(os, 9, init.rawBytes());
            writeRaw(os, init);
        }
        for (byte[] i : inputs) {
            ProtoWriter.writeLengthPrefix(os, 11, i.length);
            os.write(i);
        }
        for (byte[] o : outputs) {
            ProtoWriter.writeLengthPrefix(os, 12, o.length);
            os.write(o);
        }
    }

    private static void writeRaw(OutputStream os, Initializer init) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int n = init.floats != null ? init.floats.length : init.longs.length;
        for (int i = 0; i < n; i++) {
            if (buf.remaining() < 8) {
                os.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            if (init.floats != null) {
                buf.putFloat(init.floats[i]);
            } else {
                buf.putLong(init.longs[i]);
            }
        }
        os.write(buf.array(), 0, buf.position());
    }

    private static byte[] valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof String s) {
                dim.string(2, s);
            } else {
                dim.int64(1, ((Number) d).longValue());
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().int64(1, elemType).message(2, shape);
        ProtoWriter type = new ProtoWriter().message(1, tensorType);
        return new ProtoWriter().string(1, name).message(2, type).toByteArray();
    }
}
