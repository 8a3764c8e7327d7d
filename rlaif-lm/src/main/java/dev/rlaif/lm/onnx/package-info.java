/**
 * ONNX export of the GPT-2 decoder and an ONNX Runtime runner for it.
 *
 * <p>The exporter writes the ONNX protobuf itself (the handful of messages a static decoder graph
 * needs) from a {@link dev.rlaif.lm.Gpt2Config} and HF-layout weights, so exporting needs neither
 * Python nor a protobuf dependency. The graph reproduces {@code Gpt2Model}'s forward exactly,
 * including its padding conventions, so ONNX Runtime and DJL check each other.
 */
package dev.rlaif.lm.onnx;
