/**
 * Hugging Face's on-disk layout for GPT-2-family models: {@code config.json}, {@code model.safetensors}
 * (optionally sharded) and {@code tokenizer.json}, read and written without Python.
 *
 * <p>Tensors cross this boundary as {@link dev.rlaif.lm.HostTensor}s keyed by HF's GPT-2 names
 * ({@code wte.weight}, {@code h.0.attn.c_attn.weight}, ...) in HF's own orientation, so that
 * {@code c_attn}, {@code c_proj} and {@code c_fc} keep Conv1D's {@code [in, out]} layout here and the
 * transposition to a linear layer happens once, in the model.
 */
package dev.rlaif.lm.io;
